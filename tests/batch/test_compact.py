"""Compact JSON Lines plus the rules file carry what the full checklists carry."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from compliance import Engine, batch
from compliance.batch.compact import rule_text
from compliance.errors import InputError
from compliance.schemas import schema_for

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "examples" / "catalog.csv"
DAY = dt.date(2025, 6, 1)


@pytest.fixture(scope="module")
def engine():
    return Engine.load()


def _lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_compact_lines_joined_with_the_rules_file_give_the_full_checklists(engine, tmp_path, lang):
    batch.run(engine, CATALOG, tmp_path / "full.jsonl", as_of=DAY, lang=lang)
    batch.run(engine, CATALOG, tmp_path / "compact.jsonl", as_of=DAY, lang=lang, detail="compact")
    full, compact = _lines(tmp_path / "full.jsonl"), _lines(tmp_path / "compact.jsonl")
    rules = json.loads((tmp_path / "compact.jsonl.rules.json").read_text(encoding="utf-8"))
    assert rules["rules_version"] == engine.rules_version and rules["lang"] == lang
    schema = schema_for("checklist-compact")
    assert len(full) == len(compact) > 10
    for f, c in zip(full, compact):
        jsonschema.validate(c, schema)
        assert c["sku"] == f["product"]["sku"] and c["product"] == f["product"]
        assert (c["as_of"], c["rules_version"], c["total_duty"]) == (f["as_of"], f["rules_version"], f["total_duty"])
        assert [(i["rule_id"], i["status"], i.get("missing_facts")) for i in c["items"]] == \
            [(i["rule_id"], i["status"], i.get("missing_facts")) for i in f["items"]]
        for i in f["items"]:
            entry = rules["rules"][i["rule_id"]]
            assert (*rule_text(entry, c["as_of"]), entry["citations"], entry["documents"]) == \
                (i["title"], i["action"], i["citations"], i["documents"])
        keys = ("rule_id", "program", "heading", "rate_percent", "rate_text", "basis", "assessed_value", "duty")
        assert c["tariffs"] == [{k: t[k] for k in keys} for t in f["tariffs"]]
        assert c["questions"] == [{k: q[k] for k in ("fact", "asked_by", "purpose")} for q in f["questions"]]
        for q in f["questions"]:
            assert rules["facts"][q["fact"]]["question"] == q["question"]


def test_compact_lines_are_the_same_with_two_workers(engine, tmp_path):
    batch.run(engine, CATALOG, tmp_path / "one.jsonl", as_of=DAY, detail="compact")
    batch.run(engine, CATALOG, tmp_path / "two.jsonl", as_of=DAY, detail="compact", workers=2, chunk_size=4)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()


@pytest.mark.parametrize("output, fmt, message", [
    ("out.csv", None, "JSON Lines layout"),
    (None, None, "give -o FILE.jsonl"),
])
def test_compact_is_refused_where_it_cannot_be_written(engine, tmp_path, output, fmt, message):
    with pytest.raises(InputError, match=message):
        batch.run(engine, CATALOG, tmp_path / output if output else None, as_of=DAY, fmt=fmt, detail="compact")
    assert not (tmp_path / "out.csv").exists()


def test_an_interrupted_compact_run_resumes_and_writes_its_rules_file_at_the_end(engine, tmp_path):
    import csv
    rows = list(csv.DictReader(CATALOG.open(encoding="utf-8")))
    cat = tmp_path / "big.csv"
    with cat.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        for i in range(6):
            w.writerows([dict(r, sku=f"{r['sku']}-{i}") for r in rows])
    whole = tmp_path / "whole.jsonl"
    batch.run(engine, cat, whole, as_of=DAY, detail="compact")
    out = tmp_path / "out.jsonl"

    def stop(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        batch.run(engine, cat, out, as_of=DAY, detail="compact", chunk_size=10, checkpoint_every=0, on_progress=stop)
    assert not out.exists() and not (tmp_path / "out.jsonl.rules.json").exists()
    with pytest.raises(InputError, match="detail changed"):
        batch.run(engine, cat, out, as_of=DAY, chunk_size=10, resume=True)
    summary = batch.run(engine, cat, out, as_of=DAY, detail="compact", chunk_size=10, resume=True)
    assert summary.resumed == 10 and summary.products == len(rows) * 6
    assert out.read_bytes() == whole.read_bytes()
    rules = json.loads((tmp_path / "out.jsonl.rules.json").read_text(encoding="utf-8"))
    assert rules["rules_version"] == engine.rules_version
