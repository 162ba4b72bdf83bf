"""The published JSON Schemas are current, and what the engine writes follows them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

import compliance
from compliance.schemas import schema_for

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini-pack"


@pytest.mark.parametrize("which", ["rule", "profile", "checklist", "checklist-compact", "facts", "pack"])
def test_published_schema_is_current(which):
    published = json.loads((ROOT / "docs" / "schemas" / f"{which}.schema.json").read_text(encoding="utf-8"))
    assert published == schema_for(which), f"run: compliance schema {which} > docs/schemas/{which}.schema.json"


def test_checklist_json_follows_schema():
    engine = compliance.Engine.load([MINI], include_default=False)
    cl = engine.evaluate({"hts": "8517.62.0090", "origin": "CN", "customs_value": 10}, dt.date(2025, 6, 1),
                         explain=True)
    jsonschema.validate(cl.to_dict("zh"), schema_for("checklist"))


def test_rule_files_follow_schema():
    import yaml
    schema = schema_for("rule")
    for path in sorted((ROOT / "rules" / "rules").rglob("*.yaml")) + sorted((MINI / "rules").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = json.loads(json.dumps(data, default=str))  # dates as strings, as an editor sees them
        jsonschema.validate(data, schema)


def test_examples_follow_profile_schema():
    import yaml
    schema = schema_for("profile")
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        jsonschema.validate(data, schema)
