"""JSON and YAML: the stable, machine-readable forms."""

from __future__ import annotations

import json
from typing import Sequence

import yaml


def to_json(docs: Sequence[dict], lang: str) -> str:
    data = docs[0] if len(docs) == 1 else list(docs)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_yaml(docs: Sequence[dict], lang: str) -> str:
    data = docs[0] if len(docs) == 1 else list(docs)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
