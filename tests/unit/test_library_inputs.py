"""What the library does with arguments of the wrong kind: dates as text, wrong types named."""

from __future__ import annotations

import datetime as dt

import pytest

import compliance
from compliance import batch
from compliance.dates import as_date

ROUTER = {"sku": "R1", "hts": "8517.62.0090", "origin": "CN", "customs_value": 1000}


@pytest.mark.parametrize("value", [dt.date(2025, 6, 1), dt.datetime(2025, 6, 1, 17, 30), "2025-06-01", " 2025-06-01 "])
def test_a_date_can_be_given_as_a_date_a_datetime_or_iso_text(value):
    assert as_date(value) == dt.date(2025, 6, 1) and type(as_date(value)) is dt.date


@pytest.mark.parametrize("value, message", [("2025-13-01", "expected a date YYYY-MM-DD, got '2025-13-01'"),
                                            (20250601, "got int 20250601")])
def test_anything_else_is_an_input_error_naming_the_argument(value, message):
    with pytest.raises(compliance.InputError, match=message) as info:
        as_date(value, "against")
    assert info.value.field == "against"


def test_the_engine_reads_an_entry_date_given_as_text(engine):
    assert engine.evaluate(ROUTER, "2025-06-01").as_of == dt.date(2025, 6, 1)
    assert [c.as_of for c in engine.evaluate_many([ROUTER], "2025-06-01")] == [dt.date(2025, 6, 1)]
    assert engine.explain(ROUTER, "CBP-BOND", "2025-06-01").rule_id == "CBP-BOND"
    with pytest.raises(compliance.InputError, match="as_of: expected a date"):
        engine.evaluate(ROUTER, "1 June 2025")


@pytest.mark.parametrize("profile", [None, "R1", 42])
def test_a_profile_that_is_not_a_mapping_is_a_profile_error(engine, profile):
    with pytest.raises(compliance.InputError, match="a profile is a mapping"):
        engine.evaluate(profile)


def test_a_catalogue_run_takes_dates_as_text(engine, tmp_path):
    cat = tmp_path / "c.csv"
    cat.write_text("sku,hts,origin,customs_value\nR1,8517.62.0090,CN,1000\n", encoding="utf-8")
    assert batch.run(engine, cat, tmp_path / "o.jsonl", as_of="2025-06-01").products == 1
    summary = batch.impact(engine, engine, cat, tmp_path / "i.jsonl", as_of="2025-06-01", against="2026-06-01")
    assert summary.before["as_of"] == "2025-06-01" and summary.after["as_of"] == "2026-06-01"


def test_a_wrong_engine_or_mapping_is_named_before_anything_is_written(engine, tmp_path):
    cat = tmp_path / "c.csv"
    cat.write_text("sku,hts,origin\nR1,8517.62.0090,CN\n", encoding="utf-8")
    with pytest.raises(TypeError, match="engine: expected a compliance.Engine"):
        batch.run(None, cat, tmp_path / "o.jsonl")
    with pytest.raises(TypeError, match="after: expected a compliance.Engine"):
        batch.impact(engine, "rules", cat, tmp_path / "i.jsonl")
    with pytest.raises(TypeError, match="mapping: expected a ColumnMapping or a dict"):
        batch.run(engine, cat, tmp_path / "o.jsonl", mapping=["hts"])
    with pytest.raises(TypeError, match="mapping: expected a ColumnMapping or a dict"):
        list(batch.read_catalog(cat, ["hts"]))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv"]


def test_read_catalog_takes_any_mapping_as_batch_run_does(tmp_path):
    import types
    cat = tmp_path / "c.csv"
    cat.write_text("Item,hts,origin\nA1,8517.62.0090,CN\n", encoding="utf-8")
    items = list(batch.read_catalog(cat, types.MappingProxyType({"Item": "sku"})))
    assert [p.sku for p in items] == ["A1"]
