"""compliance.batch.run: outputs, errors file, atomic writes, resuming, workers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from batch_helpers import DAY, GOOD, MINI, ROOT, interrupt_after, many, write_csv

import compliance
from compliance import batch
from compliance.batch.fastjson import dumps
from compliance.render.tabular import COLUMNS, rows


def lines(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def single(engine, catalog):
    """The checklists the one-product API gives for the good rows, as dicts."""
    return [engine.evaluate(p, DAY).to_dict() for p in batch.read_catalog(catalog)
            if isinstance(p, compliance.Profile) and p.sku in GOOD]


def test_jsonl_is_one_checklist_per_line(mini, catalog, tmp_path):
    out = tmp_path / "out.jsonl"
    summary = batch.run(mini, catalog, out, as_of=DAY)
    assert (summary.products, summary.errors, summary.records) == (3, 2, 5)
    assert lines(out) == single(mini, catalog)
    assert summary.total_duty == pytest.approx(sum(d["total_duty"] for d in lines(out)))
    assert summary.rules_version == mini.rules_version and summary.format == "jsonl"


def test_errors_file_has_row_and_reason(mini, catalog, tmp_path):
    out = tmp_path / "out.jsonl"
    batch.run(mini, catalog, out, as_of=DAY)
    errors = lines(tmp_path / "out.jsonl.errors.jsonl")
    assert [(e["row"], e["sku"], e["field"]) for e in errors] == [(4, "B1", "hts"),
                                                                 (6, "F1", "fact:has_radio_transmitter")]
    assert errors[1]["error"] == f"{catalog}:6: fact:has_radio_transmitter: expected true or false, got 'maybe'"


def test_csv_rows_are_the_tabular_rows(mini, catalog, tmp_path):
    out = tmp_path / "out.csv"
    summary = batch.run(mini, catalog, out, as_of=DAY, errors=tmp_path / "bad.jsonl")
    assert summary.format == "csv" and (tmp_path / "bad.jsonl").is_file()
    with out.open(newline="", encoding="utf-8") as fh:
        got = list(csv.DictReader(fh))
    want = [r for doc in single(mini, catalog) for r in rows(doc)]
    assert len(got) == len(want)
    assert [g["rule_id"] for g in got] == [w["rule_id"] for w in want]
    assert list(got[0]) == COLUMNS


@pytest.mark.parametrize("workers", [1, 2])
def test_an_sku_holding_a_carriage_return_stays_one_cell_of_the_csv_output(mini, tmp_path, workers):
    cat = tmp_path / "c.csv"
    cat.write_text('sku,hts,origin,customs_value,fact:has_radio_transmitter\n"OLD\rSKU",8517.62.0090,CN,1000,true\n'
                   "PH-1,8517.62.0090,CN,1000,true\n", encoding="utf-8", newline="")
    out = tmp_path / "out.csv"
    batch.run(mini, cat, out, as_of=DAY, workers=workers)
    with out.open(newline="", encoding="utf-8") as fh:
        got = list(csv.DictReader(fh))
    assert {g["sku"] for g in got} == {"OLD\rSKU", "PH-1"}
    assert all(g["hts"] == "8517.62.0090" for g in got)
    assert out.read_bytes().count(b"\r") == len([g for g in got if g["sku"] == "OLD\rSKU"])  # lines end in \n


def test_the_checklist_csv_of_compliance_evaluate_quotes_a_carriage_return(mini):
    from compliance.render.tabular import to_csv
    doc = mini.evaluate({"sku": "A\rB", "hts": "8517.62.0090", "origin": "CN"}, DAY).to_dict()
    got = list(csv.DictReader(io.StringIO(to_csv([doc], "en"), newline="")))
    assert got and {g["sku"] for g in got} == {"A\rB"}


def test_parquet(mini, catalog, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet", reason="Parquet output needs the `parquet` extra (pyarrow)")
    out = tmp_path / "out.parquet"
    batch.run(mini, catalog, out, as_of=DAY)
    table = pq.read_table(out)
    want = [r for doc in single(mini, catalog) for r in rows(doc)]
    assert table.num_rows == len(want)
    assert table.column("duty").to_pylist() == [r.get("duty") for r in want]
    assert not (tmp_path / "out.parquet.partial").exists()


def test_stream_to_stdout_like_object(mini, catalog, tmp_path):
    import io
    buf = io.StringIO()
    summary = batch.run(mini, catalog, None, as_of=DAY, stream=buf)
    assert [json.loads(x) for x in buf.getvalue().splitlines()] == single(mini, catalog)
    assert summary.output is None and len(summary.error_samples) == 2


def test_a_failed_run_leaves_no_half_written_output(mini, catalog, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("previous result\n", encoding="utf-8")

    def stop(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        batch.run(mini, catalog, out, as_of=DAY, chunk_size=2, on_progress=stop)
    assert out.read_text(encoding="utf-8") == "previous result\n"
    assert (tmp_path / "out.jsonl.partial").is_file() and (tmp_path / "out.jsonl.checkpoint").is_file()


def test_resume_continues_without_redoing_finished_rows(mini, tmp_path):
    cat = write_csv(tmp_path / "big.csv", many(100))
    full = tmp_path / "full.jsonl"
    batch.run(mini, cat, full, as_of=DAY)
    out = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        batch.run(mini, cat, out, as_of=DAY, chunk_size=10, checkpoint_every=0,
                  on_progress=interrupt_after(3))
    saved = json.loads((tmp_path / "out.jsonl.checkpoint").read_text())
    assert saved["state"]["done"] == 30
    # rows written after the checkpoint are cut off on resume
    with (tmp_path / "out.jsonl.partial").open("a", encoding="utf-8") as fh:
        fh.write('{"half a line')
    summary = batch.run(mini, cat, out, as_of=DAY, chunk_size=10, resume=True)
    assert summary.resumed == 30 and summary.records == 70 and summary.products == 100
    assert out.read_bytes() == full.read_bytes()
    assert not (tmp_path / "out.jsonl.checkpoint").exists() and not (tmp_path / "out.jsonl.partial").exists()


def test_resume_refuses_a_changed_catalogue_or_options(mini, tmp_path):
    cat = write_csv(tmp_path / "c.csv", many(30))
    out = tmp_path / "out.jsonl"

    def stop(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        batch.run(mini, cat, out, as_of=DAY, chunk_size=10, checkpoint_every=0, on_progress=stop)
    with pytest.raises(compliance.InputError, match="as_of changed"):
        batch.run(mini, cat, out, resume=True)
    write_csv(cat, many(31))
    with pytest.raises(compliance.InputError, match="catalog changed"):
        batch.run(mini, cat, out, as_of=DAY, resume=True)
    # without --resume a new run starts over
    assert batch.run(mini, cat, out, as_of=DAY).products == 31


def test_resume_without_checkpoint_starts_from_the_first_row(mini, catalog, tmp_path):
    summary = batch.run(mini, catalog, tmp_path / "o.jsonl", as_of=DAY, resume=True)
    assert summary.resumed == 0 and summary.products == 3


def test_two_workers_give_the_same_bytes(mini, tmp_path):
    cat = write_csv(tmp_path / "c.csv", many(300))
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    batch.run(mini, cat, one, as_of=DAY)
    summary = batch.run(mini, cat, two, as_of=DAY, workers=2, chunk_size=16)
    assert summary.workers == 2 and summary.products == 300
    assert one.read_bytes() == two.read_bytes()


def test_spawned_workers_build_their_engine(mini, catalog, tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    batch.run(mini, catalog, one, as_of=DAY)
    batch.run(mini, catalog, two, as_of=DAY, workers=2, start_method="spawn", chunk_size=2)
    assert one.read_bytes() == two.read_bytes()


def test_output_may_not_overwrite_the_catalogue(mini, catalog):
    with pytest.raises(compliance.InputError, match="overwrite the catalogue"):
        batch.run(mini, catalog, catalog)


def test_fast_encoding_is_the_plain_encoding(mini, catalog):
    from compliance.batch.fastjson import ChecklistEncoder
    enc = ChecklistEncoder(verify_every=10**9)
    for p in batch.read_catalog(catalog):
        if isinstance(p, compliance.Profile) and p.sku in GOOD:
            for lang in ("en", "zh"):
                cl = mini.evaluate(p, DAY)
                assert enc._fast(cl, lang) == dumps(cl.to_dict(lang))


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_ctrl_c_keeps_a_checkpoint_and_resume_finishes(tmp_path, sig, code):
    """A real Ctrl-C (SIGINT) or a scheduler's SIGTERM on the command line, then --resume; the exit
    code is the shell's for the signal."""
    cat = write_csv(tmp_path / "c.csv", many(6000))
    env = {**os.environ, "COMPLIANCE_NO_PROGRESS": "1"}
    base = [sys.executable, "-m", "compliance", "batch", str(cat), "--no-default-rules", "--rules", str(MINI),
            "--as-of", "2025-06-01", "--chunk-size", "20", "--checkpoint-every", "0", "-q"]
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(base + ["-o", str(out)], env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    checkpoint = tmp_path / "out.jsonl.checkpoint"
    deadline = time.monotonic() + 60
    while not checkpoint.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the run finished before Ctrl-C arrived")
    assert proc.returncode == code, err
    assert "--resume" in err
    assert not out.exists() and checkpoint.exists()
    done = json.loads(checkpoint.read_text())["state"]["done"]
    assert 0 < done < 6000
    resumed = subprocess.run(base + ["-o", str(out), "--resume"], env=env, cwd=ROOT, capture_output=True,
                             text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    full = tmp_path / "full.jsonl"
    subprocess.run(base + ["-o", str(full)], env=env, cwd=ROOT, check=True, timeout=120)
    assert out.read_bytes() == full.read_bytes()


class _RunDay(dt.date):
    """The date a run began on, as the runner reads it: not the day the test runs."""

    @classmethod
    def today(cls):
        return dt.date(2025, 6, 1)


def _run_began_on_2025_06_01(monkeypatch):
    import types

    from compliance.batch import runner
    monkeypatch.setattr(runner, "dt", types.SimpleNamespace(date=_RunDay, datetime=dt.datetime,
                                                            timezone=dt.timezone))


def _dates(path):
    return {json.loads(line)["as_of"] for line in path.read_text(encoding="utf-8").splitlines()}


@pytest.mark.parametrize("workers", [1, 2])
def test_products_without_a_date_are_evaluated_on_the_day_the_run_began(mini, tmp_path, monkeypatch, workers):
    """A nightly run that crosses midnight gives one entry date, not two."""
    _run_began_on_2025_06_01(monkeypatch)
    cat = write_csv(tmp_path / "c.csv", many(40))
    out = tmp_path / "out.jsonl"
    batch.run(mini, cat, out, chunk_size=10, workers=workers)
    assert _dates(out) == {"2025-06-01"}


def test_a_run_resumed_on_a_later_day_keeps_the_day_it_began(mini, tmp_path, monkeypatch):
    cat = write_csv(tmp_path / "c.csv", many(100))
    full = tmp_path / "full.jsonl"
    with monkeypatch.context() as m:
        _run_began_on_2025_06_01(m)
        batch.run(mini, cat, full, chunk_size=10)
        out = tmp_path / "out.jsonl"
        with pytest.raises(KeyboardInterrupt):
            batch.run(mini, cat, out, chunk_size=10, checkpoint_every=0, on_progress=interrupt_after(3))
    assert json.loads((tmp_path / "out.jsonl.checkpoint").read_text())["today"] == "2025-06-01"
    summary = batch.run(mini, cat, out, chunk_size=10, resume=True)  # today, for the runner, is the real date
    assert summary.resumed == 30 and summary.products == 100
    assert _dates(out) == {"2025-06-01"} and out.read_bytes() == full.read_bytes()


def test_evaluate_many_reads_today_once(mini, tmp_path, monkeypatch):
    import itertools
    import types

    from compliance import engine as engine_module
    days = itertools.count()

    class Midnight(dt.date):
        """A clock on which every reading of today is a day later."""

        @classmethod
        def today(cls):
            return dt.date(2025, 6, 1) + dt.timedelta(days=next(days))
    monkeypatch.setattr(engine_module, "dt", types.SimpleNamespace(date=Midnight, datetime=dt.datetime))
    cat = write_csv(tmp_path / "c.csv", many(5))
    profiles = [p for p in batch.read_catalog(cat)]
    assert len({c.as_of for c in mini.evaluate_many(profiles)}) == 1
    assert len({c.as_of for c in mini.evaluate_many(profiles, explain=True)}) == 1


def test_an_impact_run_without_a_baseline_date_compares_from_the_day_it_began(mini, tmp_path, monkeypatch):
    _run_began_on_2025_06_01(monkeypatch)
    cat = write_csv(tmp_path / "c.csv", many(20))
    out = tmp_path / "impact.jsonl"
    batch.impact(mini, mini, cat, out, against=dt.date(2026, 6, 1), include_unchanged=True, chunk_size=5)
    diffs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(diffs) == 20
    assert {(d["before"]["as_of"], d["after"]["as_of"]) for d in diffs} == {("2025-06-01", "2026-06-01")}


def test_a_specific_rate_is_shown_as_the_hts_writes_it_in_the_csv(engine, tmp_path):
    """A broker reading the spreadsheet sees 6.3¢/liter, not an empty rate beside a small duty."""
    cat = tmp_path / "c.csv"
    cat.write_text("sku,hts,origin,customs_value,qty:liter\nWINE-RED,2204.21.5005,FR,6000,750\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    batch.run(engine, cat, out, as_of=DAY)
    with out.open(newline="", encoding="utf-8") as fh:
        mfn = [r for r in csv.DictReader(fh) if r["program"] == "mfn"]
    assert [(r["rate_percent"], r["rate_text"], r["duty"]) for r in mfn] == [("", "6.3¢/liter", "47.25")]
