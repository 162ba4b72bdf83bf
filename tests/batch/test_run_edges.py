"""Runs at the edges: unwritable outputs, interrupted streams, resuming from elsewhere, values
written two ways, and the shapes of what the command line prints."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest
from batch_helpers import DAY, MINI, ROOT, first_error, many, write_csv

from compliance import batch
from compliance.batch.output import StagedFile
from compliance.errors import InputError

CLI = [sys.executable, "-m", "compliance"]
MINI_RULES = ["--rules", str(MINI), "--no-default-rules"]


def _cli(args, cwd, **kw):
    return subprocess.run(CLI + args, cwd=cwd, capture_output=True, text=True, timeout=180, **kw)


@pytest.mark.parametrize("option", ["-o", "--errors"])
def test_an_output_under_a_plain_file_is_a_one_line_error(tmp_path, option):
    cat = write_csv(tmp_path / "c.csv", many(3))
    (tmp_path / "afile").write_text("x")
    args = ["batch", "c.csv", *MINI_RULES, "--as-of", DAY.isoformat(), "-q"]
    args += ["-o", "afile/out.jsonl"] if option == "-o" else ["-o", "out.jsonl", "--errors", "afile/e.jsonl"]
    run = _cli(args, tmp_path)
    assert run.returncode == 2, run.stderr
    field = "--output" if option == "-o" else "--errors"
    what = "output" if option == "-o" else "errors file"
    assert run.stderr.strip().splitlines() == [f"error: afile/{'out' if option == '-o' else 'e'}.jsonl: {field}: "
                                               f"cannot write the {what}: afile is not a folder"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", cat.name]


def test_impact_output_under_a_plain_file_is_a_one_line_error(tmp_path):
    write_csv(tmp_path / "c.csv", many(3))
    (tmp_path / "afile").write_text("x")
    run = _cli(["impact", "c.csv", *MINI_RULES, "--as-of", DAY.isoformat(), "--against", "2026-06-01",
                "-o", "afile/imp.jsonl", "-q"], tmp_path)
    assert run.returncode == 2
    assert run.stderr.strip() == "error: afile/imp.jsonl: --output: cannot write the output: afile is not a folder"


def test_an_errors_file_held_by_another_run_is_named_as_such_and_the_output_left_clean(mini, tmp_path):
    cat = write_csv(tmp_path / "c.csv", many(3))
    holder = StagedFile(tmp_path / "shared-errors.jsonl", option="--errors", what="errors file")
    holder.open()
    try:
        with pytest.raises(InputError, match="another run is writing this errors file") as err:
            batch.run(mini, cat, tmp_path / "two.jsonl", as_of=DAY, errors=tmp_path / "shared-errors.jsonl")
        assert err.value.field == "--errors"
    finally:
        holder.close()
    assert not (tmp_path / "two.jsonl.partial").exists()


def test_a_clean_run_empties_the_errors_file_an_earlier_run_left(mini, tmp_path):
    bad = write_csv(tmp_path / "c.csv", [*many(3), {"sku": "BAD", "hts": "85176", "origin": "CN"}])
    first = batch.run(mini, bad, tmp_path / "out.jsonl", as_of=DAY)
    errors = tmp_path / "out.jsonl.errors.jsonl"
    assert first.errors == 1 and "BAD" in errors.read_text()
    write_csv(tmp_path / "c.csv", many(3))
    second = batch.run(mini, bad, tmp_path / "out.jsonl", as_of=DAY)
    assert second.errors == 0 and errors.read_text() == ""


def test_a_stream_run_stopped_by_ctrl_c_leaves_no_partial_errors_file(mini, tmp_path):
    import io
    from batch_helpers import interrupt_after
    cat = write_csv(tmp_path / "c.csv", [*many(50), {"sku": "BAD", "hts": "85176", "origin": "CN"}, *many(50)])
    with pytest.raises(KeyboardInterrupt):
        batch.run(mini, cat, "-", as_of=DAY, errors=tmp_path / "errs.jsonl", chunk_size=10, stream=io.StringIO(),
                  on_progress=interrupt_after(2))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv"]


def test_resume_from_another_folder_with_absolute_paths_goes_on(mini, tmp_path, monkeypatch):
    from batch_helpers import interrupt_after
    write_csv(tmp_path / "c.csv", many(120))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(KeyboardInterrupt):
        batch.run(mini, "c.csv", "out.jsonl", as_of=DAY, chunk_size=20, checkpoint_every=0,
                  on_progress=interrupt_after(2))
    monkeypatch.chdir(ROOT)
    summary = batch.run(mini, tmp_path / "c.csv", tmp_path / "out.jsonl", as_of=DAY, chunk_size=20, resume=True)
    assert summary.resumed == 40
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 120


def test_the_same_value_written_two_ways_in_two_columns_is_one_value(mini, tmp_path):
    cat = tmp_path / "c.csv"
    cat.write_text("sku,hts,HTS Code,origin,COO\n"
                   "D1,8517.62.0090,8517620090,CN,CN\n"
                   "D2,8517.62.0090,8517.62.0090,CN,cn\n"
                   "D3,8517.62.0090,8517.62.0091,CN,cn\n", encoding="utf-8")
    summary = batch.run(mini, cat, tmp_path / "o.jsonl", as_of=DAY)
    assert (summary.products, summary.errors) == (2, 1)
    error = json.loads((tmp_path / "o.jsonl.errors.jsonl").read_text())
    assert error["sku"] == "D3" and error["field"] == "HTS Code"


@pytest.mark.parametrize("record, message", [
    ('{"sku": {"id": 7}, "hts": "8517.62.0090", "origin": "CN"}', "sku: expected text, got an object"),
    ('{"sku": "A", "name": ["Router"], "hts": "8517.62.0090", "origin": "CN"}', "name: expected text, got a list"),
    ('{"sku": "A", "hts": "8517.62.0090", "origin": "CN", "supplier_name": {"x": 1}}', "supplier_name: "),
])
def test_an_object_where_text_belongs_is_a_row_error(mini, tmp_path, record, message):
    summary, error = first_error(mini, tmp_path, record + "\n")
    assert summary.errors == 1 and message in error["error"]


def test_a_csv_error_names_the_line_where_its_record_starts(mini, tmp_path):
    import csv
    cat = tmp_path / "c.csv"
    cat.write_text("sku,name,hts,origin\nA,ok,8517.62.0090,CN\nB,\"" + "x" * (csv.field_size_limit() + 10)
                   + "\",8517.62.0090,CN\nC,ok,8517.62.0090,CN\n", encoding="utf-8")
    with pytest.raises(InputError, match="field larger than field limit") as err:
        batch.run(mini, cat, tmp_path / "o.jsonl", as_of=DAY)
    assert err.value.line == 3


def test_impact_to_standard_output_keeps_the_summary_off_it(tmp_path):
    write_csv(tmp_path / "c.csv", many(3))
    run = _cli(["impact", "c.csv", *MINI_RULES, "--as-of", DAY.isoformat(), "--against", "2026-06-01", "-o", "-"],
               tmp_path)
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert lines and all("sku" in line for line in lines)
    assert "per-product changes" not in run.stdout and "Impact" in run.stderr


@pytest.mark.parametrize("columns", ["", "0", "wide"])
def test_history_ignores_a_columns_setting_that_is_no_width(tmp_path, columns):
    write_csv(tmp_path / "c.csv", many(3))
    assert _cli(["batch", "c.csv", *MINI_RULES, "--as-of", DAY.isoformat(), "-o", "o.jsonl", "--store", "r.db", "-q"],
                tmp_path).returncode == 0
    run = _cli(["history", "R1-0", "--store", "r.db"], tmp_path, env={**os.environ, "COLUMNS": columns})
    assert run.returncode == 0, run.stderr
    assert "R1-0: 1 evaluation(s)" in run.stdout


def test_a_parquet_output_has_the_mode_of_an_ordinary_file(mini, tmp_path):
    pytest.importorskip("pyarrow")
    cat = write_csv(tmp_path / "c.csv", many(3))
    batch.run(mini, cat, tmp_path / "o.parquet", as_of=DAY)
    batch.run(mini, cat, tmp_path / "o.csv", as_of=DAY)
    mode = stat.S_IMODE((tmp_path / "o.parquet").stat().st_mode)
    assert mode == stat.S_IMODE((tmp_path / "o.csv").stat().st_mode)


@pytest.mark.parametrize("address", ["local:abc", "foo", "local:0", "local:-1", "host:port"])
def test_a_mistyped_dask_address_is_refused_before_anything_is_written(mini, tmp_path, address):
    cat = write_csv(tmp_path / "c.csv", many(3))
    with pytest.raises(InputError, match="expected local, local:N") as err:
        batch.run(mini, cat, tmp_path / "o.jsonl", as_of=DAY, dask=address, store=tmp_path / "r.db")
    assert err.value.field == "--dask"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv"]


@pytest.mark.parametrize("address", ["local", "local:2", "tcp://10.0.0.5:8786", "sched.example.com:8786", "inproc://192.0.2.2/7869/1"])
def test_dask_addresses_of_the_documented_forms_are_accepted(address):
    from compliance.batch.runner import check_dask_address
    check_dask_address(address)


@pytest.mark.parametrize("cell", ["0", "45809", "1748736000"])
def test_a_number_in_the_entry_date_column_is_a_row_error_not_a_1970_date(mini, tmp_path, cell):
    cat = tmp_path / "c.csv"
    cat.write_text(f"sku,hts,origin,entry_date\nQ0,8517.62.0090,CN,{cell}\nQ1,8517.62.0090,CN,2025-06-01\n",
                   encoding="utf-8")
    summary = batch.run(mini, cat, tmp_path / "o.jsonl")
    error = json.loads((tmp_path / "o.jsonl.errors.jsonl").read_text())
    assert (summary.errors, summary.products) == (1, 1)
    assert error["field"] == "entry_date" and error["message"] == f"expected a date YYYY-MM-DD, got '{cell}'"


def test_a_manufacture_date_column_reaches_the_rules_that_read_it(mini, tmp_path):
    from compliance.batch import ColumnMapping
    cat = tmp_path / "c.csv"
    cat.write_text("sku,hts,origin,manufacture_date\nM1,8517.62.0090,CN,2025-01-01\n", encoding="utf-8")
    profile = next(iter(batch.read_catalog(cat)))
    assert str(profile.manufacture_date) == "2025-01-01"
    assert ColumnMapping().target("Manufacture Date") == ("scalar", "manufacture_date")


@pytest.mark.parametrize("workers", [1, 2])
def test_a_mapping_naming_no_column_of_the_sheet_is_refused_and_leaves_nothing(mini, tmp_path, workers):
    cat = tmp_path / "m.csv"
    cat.write_text("Item No.,Tariff Number,Made In\nP1,8517.62.0090,CN\n", encoding="utf-8")
    with pytest.raises(InputError, match="the mapping names column 'Item No', which the catalogue does not have") as err:
        batch.run(mini, cat, tmp_path / "o.jsonl", as_of=DAY, workers=workers,
                  mapping={"Item No": "sku", "Tariff Number": "hts", "Made In": "origin"})
    assert err.value.field == "--map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.csv"]


def test_a_mapping_matches_headers_whatever_their_case(mini, tmp_path):
    cat = tmp_path / "m.csv"
    cat.write_text("Item No.,Tariff Number,Made In\nP1,8517.62.0090,CN\n", encoding="utf-8")
    summary = batch.run(mini, cat, tmp_path / "o.jsonl", as_of=DAY,
                        mapping={"item no.": "sku", "tariff number": "hts", "made in": "origin"})
    assert (summary.products, summary.errors) == (1, 0)
    assert json.loads((tmp_path / "o.jsonl").read_text())["product"]["sku"] == "P1"


def test_evaluate_many_over_read_catalog_stops_at_a_bad_row_with_its_own_error(mini, tmp_path):
    cat = tmp_path / "mixed.csv"
    cat.write_text("sku,hts,origin\nA,8517.62.0090,CN\nB,85176,CN\nC,8517.62.0090,VN\n", encoding="utf-8")
    done = []
    with pytest.raises(InputError) as err:
        for checklist in mini.evaluate_many(batch.read_catalog(cat), DAY):
            done.append(checklist.profile.sku)
    assert done == ["A"] and err.value.line == 3 and err.value.field == "hts"


def test_a_run_stopped_before_its_first_checkpoint_does_not_ask_for_resume(tmp_path, monkeypatch, capsys):
    # stopped while waiting for another run's lock on the store: nothing of the run is saved
    from compliance.batch import store as store_module
    from compliance.cli import _register, cli
    from compliance.cli.common import run_guarded

    def waiting(*args, **kw):
        raise KeyboardInterrupt
    write_csv(tmp_path / "c.csv", many(3))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(store_module, "check_store", waiting)
    _register()
    code = run_guarded(cli, ["batch", "c.csv", *MINI_RULES, "-o", "out.jsonl", "--store", "s.db", "-q",
                             "--as-of", DAY.isoformat()])
    assert code == 130
    assert capsys.readouterr().err.strip().splitlines() == [
        "stopped before any row was saved; run the same command to start again"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv"]
