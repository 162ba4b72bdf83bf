"""Catalogue cells read as the user meant them, or refused: never silently read as another value."""

from __future__ import annotations

import json

import pytest
from batch_helpers import DAY, first_error

from compliance import batch
from compliance.batch.mapping import ColumnMapping, _number
from compliance.errors import InputError


def run_csv(mini, tmp_path, text, workers=1):
    cat = tmp_path / "c.csv"
    cat.write_text(text, encoding="utf-8")
    out = tmp_path / f"out{workers}.jsonl"
    summary = batch.run(mini, cat, out, as_of=DAY, workers=workers, chunk_size=2)
    docs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    errors = [json.loads(x) for x in (tmp_path / f"out{workers}.jsonl.errors.jsonl").read_text().splitlines()]
    return summary, docs, errors


@pytest.mark.parametrize("cell, value", [("1,234.50", 1234.5), ("$1,234", 1234.0), ("1,234,567", 1234567.0),
                                         ("12 USD", 12.0), ("$ 99.5", 99.5), ("-1,000", -1000.0)])
def test_thousands_separators_are_read(cell, value):
    assert _number(cell) == value


@pytest.mark.parametrize("cell", ["12,5", "1,2,3", "1.234,50", "1,23", ",5", "12,"])
def test_a_comma_that_is_not_a_thousands_separator_is_left_for_validation_to_refuse(cell):
    assert _number(cell) == cell


@pytest.mark.parametrize("workers", [1, 2])
def test_decimal_commas_infinite_and_nan_values_are_row_errors(mini, tmp_path, workers):
    summary, docs, errors = run_csv(mini, tmp_path, "sku,hts,origin,customs_value,qty:kg\n"
                                    "A,8517.62.0090,CN,\"12,5\",\n"
                                    "B,8517.62.0090,CN,inf,\n"
                                    "C,8517.62.0090,CN,nan,\n"
                                    "D,8517.62.0090,CN,1e400,\n"
                                    "E,8517.62.0090,CN,100,1e999\n"
                                    "F,8517.62.0090,CN,\"1,000.00\",\n", workers)
    assert [d["product"]["sku"] for d in docs] == ["F"] and docs[0]["product"]["customs_value"] == 1000.0
    assert [(e["row"], e["field"]) for e in errors] == [(2, "customs_value"), (3, "customs_value"),
                                                       (4, "customs_value"), (5, "customs_value"), (6, "qty:kg")]
    assert "finite number" in errors[1]["message"] and "valid number" in errors[0]["message"]
    assert summary.total_duty == docs[0]["total_duty"]


def test_an_hts_number_that_lost_its_leading_zero_as_text_gets_it_back(mini, tmp_path):
    _, docs, errors = run_csv(mini, tmp_path, "sku,hts,origin\nH,101210010,MX\nI,1012100,MX\nJ,10121001,MX\n")
    assert [d["product"]["hts"] for d in docs] == ["0101.21.0010", "0101.21.00", "1012.10.01"]
    assert errors == []


@pytest.mark.parametrize("workers", [1, 2])
def test_two_columns_giving_one_field_different_values_make_a_row_error(mini, tmp_path, workers):
    _, docs, errors = run_csv(mini, tmp_path, "sku,hts,origin,HTS Code,customs_value,Value\n"
                              "A,8517.62.0090,CN,8471.30.0100,10,\n"
                              "B,8517.62.0090,CN,8517.62.0090,10,\n"
                              "C,8517.62.0090,CN,,10,20\n"
                              "D,8517.62.0090,CN,,10,\"10.00\"\n", workers)
    assert [d["product"]["sku"] for d in docs] == ["B", "D"]
    assert [(e["row"], e["field"]) for e in errors] == [(2, "HTS Code"), (4, "Value")]
    assert errors[0]["message"] == ("columns 'hts' and 'HTS Code' both give hts, with different values; keep one, "
                                    "or drop the other with --map 'HTS Code=ignore'")


def test_a_flat_column_still_refines_a_nested_value():
    data, _ = ColumnMapping().apply({"manufacturer": {"name": "Old Name Co", "country": "CN"},
                                     "manufacturer_name": "New Name Co", "facts": {"x": True}, "fact:x": False})
    assert data["manufacturer"] == {"name": "New Name Co", "country": "CN"} and data["facts"] == {"x": False}


def test_the_same_field_twice_in_json_lines_is_a_row_error(mini, tmp_path):
    cat = tmp_path / "c.jsonl"
    cat.write_text('{"sku": "A", "hts": "8517.62.0090", "HTS": "8471.30.0100", "origin": "CN"}\n'
                   '{"sku": "B", "hts": "8517.62.0090", "origin": "CN"}\n', encoding="utf-8")
    summary = batch.run(mini, cat, tmp_path / "o.jsonl", as_of=DAY)
    assert (summary.products, summary.errors) == (1, 1)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_catalogue_unreadable_midway_leaves_no_partial_files(mini, tmp_path, workers):
    cat = tmp_path / "c.csv"
    cat.write_bytes(b"sku,hts,origin\n" + b"".join(b"S%d,8517.62.0090,CN\n" % i for i in range(3000))
                    + b"BAD,\xff,CN\n")
    with pytest.raises(InputError, match="not UTF-8") as err:
        batch.run(mini, cat, tmp_path / "out.jsonl", as_of=DAY, workers=workers, chunk_size=100, checkpoint_every=0)
    assert err.value.line == 3002
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv"]


def test_an_interrupted_run_still_keeps_its_checkpoint(mini, tmp_path):
    cat = tmp_path / "c.csv"
    cat.write_text("sku,hts,origin\n" + "".join(f"S{i},8517.62.0090,CN\n" for i in range(300)), encoding="utf-8")

    def stop(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        batch.run(mini, cat, tmp_path / "out.jsonl", as_of=DAY, chunk_size=100, on_progress=stop)
    assert (tmp_path / "out.jsonl.partial").is_file() and (tmp_path / "out.jsonl.checkpoint").is_file()


def test_an_impact_run_that_stops_leaves_nothing_behind(mini, tmp_path):
    cat = tmp_path / "c.csv"
    cat.write_bytes(b"sku,hts,origin\nA,8517.62.0090,CN\nBAD,\xff,CN\n")
    with pytest.raises(InputError, match="not UTF-8"):
        batch.impact(mini, mini, cat, tmp_path / "changes.jsonl", as_of=DAY)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv"]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_misspelt_key_in_a_later_json_lines_record_is_reported(mini, tmp_path, workers):
    cat = tmp_path / "c.jsonl"
    cat.write_text('{"sku": "A", "hts": "8517.62.0090", "origin": "CN", "customs_value": 100}\n'
                   '{"sku": "B", "hts": "8517.62.0090", "origin": "CN", "customs_vlaue": 100}\n'
                   '{"sku": "C", "hts": "8517.62.0090", "origin": "CN", "customs_vlaue": 5, "colour": "red"}\n',
                   encoding="utf-8")
    summary = batch.run(mini, cat, tmp_path / "o.jsonl", as_of=DAY, workers=workers, chunk_size=1)
    assert summary.unknown_columns == ["customs_vlaue", "colour"]
    assert (summary.products, summary.duty_unknown) == (3, 2)


def test_an_unquoted_hts_number_with_its_leading_zero_in_a_yaml_catalogue_is_read_as_written(mini, tmp_path):
    cat = tmp_path / "c.yaml"
    cat.write_text("- {sku: C, hts: 0101210010, origin: MX}\n- {sku: D, hts: 8517620090, origin: CN}\n", encoding="utf-8")
    batch.run(mini, cat, tmp_path / "o.jsonl", as_of=DAY)
    docs = [json.loads(x) for x in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [d["product"]["hts"] for d in docs] == ["0101.21.0010", "8517.62.0090"]


def test_an_impact_run_stopped_by_ctrl_c_leaves_nothing_behind(mini, tmp_path, monkeypatch):
    import compliance.batch.runner as runner
    from compliance.batch.progress import NoProgress

    class Stop(NoProgress):
        def advance(self, n):
            raise KeyboardInterrupt

    monkeypatch.setattr(runner, "make_progress", lambda *a, **k: Stop())
    cat = tmp_path / "c.csv"
    cat.write_text("sku,hts,origin\n" + "".join(f"S{i},8517.62.0090,CN\n" for i in range(50)), encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        batch.impact(mini, mini, cat, tmp_path / "changes.jsonl", as_of=DAY, include_unchanged=True, chunk_size=10,
                     workers=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv"]


def test_the_impact_table_is_the_same_bytes_whatever_the_hash_seed(tmp_path):
    import os
    import subprocess
    import sys
    from batch_helpers import ROOT
    outs = set()
    for seed in ("1", "2", "3"):
        run = subprocess.run([sys.executable, "-m", "compliance", "impact", str(ROOT / "examples" / "catalog.csv"),
                              "--as-of", "2025-06-01", "--against", "2026-06-01", "-q"], cwd=tmp_path,
                             capture_output=True, text=True, timeout=300,
                             env={**os.environ, "PYTHONHASHSEED": seed, "COLUMNS": "120"})
        assert run.returncode == 0, run.stderr
        outs.add(run.stdout)
    assert len(outs) == 1


@pytest.mark.parametrize("record, field", [
    ('{"sku": "A", "hts": "8517.62.0090", "origin": "CN", "customs_value": true}', "customs_value"),
    ('{"sku": "A", "hts": "8517.62.0090", "origin": "CN", "quantities": {"kg": false}}', "quantities.kg"),
    ('{"sku": "A", "hts": "8517.62.0090", "origin": "CN", "materials": [{"name": "steel", "content_value": true}]}',
     "materials[0].content_value"),
])
def test_a_boolean_where_a_number_belongs_is_a_row_error(mini, tmp_path, record, field):
    summary, error = first_error(mini, tmp_path, record + "\n")
    assert summary.errors == 1 and error["field"] == field and "expected a number" in error["message"]


@pytest.mark.parametrize("record, field", [
    ('{"sku": "A", "hts": "8517.62.0090", "origin": "CN", "quantities": {"kg": -3}}', "quantities.kg"),
    ('{"sku": "A", "hts": "8517.62.0090", "origin": "CN", "quantities": {"kg": 2, "No.": -1}}', "quantities.No."),
])
def test_a_negative_quantity_is_a_row_error_naming_its_unit(mini, tmp_path, record, field):
    summary, error = first_error(mini, tmp_path, record + "\n")
    assert summary.errors == 1 and error["field"] == field and "greater than or equal to 0" in error["message"]


def test_a_negative_quantity_column_is_named_in_a_csv(mini, tmp_path):
    summary, error = first_error(mini, tmp_path, "sku,hts,origin,customs_value,qty:kg\n"
                                 "A1,8517.62.0090,CN,100,-2\nA2,8517.62.0090,CN,100,2\n", "c.csv")
    assert (summary.errors, summary.products) == (1, 1)
    assert (error["row"], error["field"]) == (2, "qty:kg")


@pytest.mark.parametrize("record, field", [
    ('{"sku": "A", "hts": "7318.15.2095", "origin": "CN", "customs_value": 1e307}', "customs_value"),
    ('{"sku": "A", "hts": "7318.15.2095", "origin": "CN", "quantities": {"kg": 1e300}}', "quantities.kg"),
    ('{"sku": "A", "hts": "7318.15.2095", "origin": "CN", "materials": [{"name": "steel", "content_value": 1e20}]}',
     "materials[0].content_value"),
])
def test_a_value_too_large_to_be_real_is_a_row_error_not_an_infinite_duty(mini, tmp_path, record, field):
    summary, error = first_error(mini, tmp_path, record + "\n"
                                 '{"sku": "B", "hts": "7318.15.2095", "origin": "CN", "customs_value": 1000}\n')
    assert (summary.errors, summary.products) == (1, 1) and error["field"] == field
    assert "Infinity" not in (tmp_path / "o.jsonl").read_text() and summary.total_duty < 1e15
