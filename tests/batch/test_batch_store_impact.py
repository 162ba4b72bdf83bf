"""The SQLite history of runs, and impact between two dates or two rule sets."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from batch_helpers import DAY, MINI, write_csv

import compliance
from compliance import batch

LATER = dt.date(2026, 6, 1)


def test_each_run_is_kept_with_rules_version_and_as_of(mini, catalog, tmp_path):
    db = tmp_path / "results.db"
    first = batch.run(mini, catalog, tmp_path / "a.jsonl", as_of=DAY, store=db)
    second = batch.run(mini, catalog, tmp_path / "b.jsonl", as_of=LATER, store=db)
    with batch.ResultStore(db) as store:
        runs = store.runs()
        assert [r.run_id for r in runs] == [first.run_id, second.run_id]
        assert [(r.as_of, r.products, r.errors, r.status) for r in runs] == [
            ("2025-06-01", 3, 2, "finished"), ("2026-06-01", 3, 2, "finished")]
        assert runs[0].rules_version == mini.rules_version and runs[0].started_at
        history = store.history("R1")
        assert [h.as_of for h in history] == ["2025-06-01", "2026-06-01"]
        assert history[0].changes == {}
        ch = history[1].changes
        assert ch["lost"] == ["T-NEW"]                     # the advisory ended on 2025-12-31
        assert ch["tariffs_removed"] == ["9903.01.25"]     # the reciprocal duty ended 2026-02-23
        assert ch["total_duty"] == {"before": 350.0, "after": 250.0, "delta": -100.0}
        doc = store.checklist(first.run_id, "R1")
        assert doc == mini.evaluate(next(p for p in batch.read_catalog(catalog)
                                         if isinstance(p, compliance.Profile) and p.sku == "R1"), DAY).to_dict()
        assert store.history("nobody") == []
        assert store.skus("1") == ["D1", "H1", "R1"]


def test_store_is_plain_sqlite(mini, catalog, tmp_path):
    db = tmp_path / "results.db"
    batch.run(mini, catalog, tmp_path / "a.jsonl", as_of=DAY, store=db)
    con = sqlite3.connect(db)
    rows = con.execute("SELECT sku, hts, origin, as_of, total_duty FROM results ORDER BY seq").fetchall()
    con.close()
    assert rows == [("R1", "8517.62.0090", "CN", "2025-06-01", 350.0), ("D1", "9018.90.8000", "CN", "2025-06-01", 700.0),
                    ("H1", "0101.21.0010", "MX", "2025-06-01", 0.0)]


def test_interrupted_run_is_marked_and_resumed_in_the_same_run(mini, tmp_path):
    from batch_helpers import many
    cat = write_csv(tmp_path / "c.csv", many(40))
    db = tmp_path / "r.db"
    out = tmp_path / "o.jsonl"

    def stop(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        batch.run(mini, cat, out, as_of=DAY, store=db, chunk_size=10, checkpoint_every=0, on_progress=stop)
    with batch.ResultStore(db) as store:
        assert [r.status for r in store.runs()] == ["interrupted"]
    summary = batch.run(mini, cat, out, as_of=DAY, store=db, chunk_size=10, resume=True)
    with batch.ResultStore(db) as store:
        runs = store.runs()
        assert [(r.run_id, r.status, r.products) for r in runs] == [(summary.run_id, "finished", 40)]
        count = store.db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    assert count == 40


def test_not_a_store(tmp_path):
    bad = tmp_path / "x.db"
    bad.write_text("this is not sqlite, " * 100)
    with pytest.raises(compliance.InputError, match="not a result store"):
        batch.ResultStore(bad)


def test_impact_between_two_dates(mini, catalog, tmp_path):
    out = tmp_path / "impact.jsonl"
    summary = batch.impact(mini, mini, catalog, out, as_of=DAY, against=LATER)
    assert (summary.products, summary.changed, summary.errors) == (3, 2, 2)
    assert summary.lost_by_rule == {"T-NEW": 2}
    assert summary.duty_before == pytest.approx(1050.0) and summary.duty_after == pytest.approx(900.0)
    assert summary.duty_delta == -150.0
    per_sku = {d["sku"]: d for d in map(json.loads, out.read_text().splitlines())}
    assert set(per_sku) == {"R1", "D1"}               # H1 did not change
    assert per_sku["R1"]["duty_delta"] == -100.0
    assert [t["heading"] for t in per_sku["D1"]["tariffs_added"]] == ["9903.81.91"]
    assert per_sku["R1"]["row"] == 2
    text = summary.to_text()
    assert "T-NEW" in text and "-150.00" in text


def test_impact_on_two_workers_is_the_impact_on_one(mini, tmp_path):
    from batch_helpers import ROWS
    cat = write_csv(tmp_path / "cat.csv", ROWS * 20)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    s1 = batch.impact(mini, mini, cat, one, as_of=DAY, against=LATER)
    s2 = batch.impact(mini, mini, cat, two, as_of=DAY, against=LATER, workers=2, chunk_size=7)
    assert one.read_bytes() == two.read_bytes()
    same = {"seconds": 0, "output": None, "errors_path": None, "errors_file": None}
    assert s1.to_dict() | same == s2.to_dict() | same
    assert (s2.products, s2.changed, s2.errors) == (60, 40, 40)


def test_impact_of_an_overlay_that_switches_a_rule_off(mini, catalog, tmp_path):
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    (overlay / "pack.yaml").write_text(
        "name: company\ndisable:\n  - id: T-MARKING\n    reason: Marked by the supplier under a company-wide programme.\n",
        encoding="utf-8")
    after = compliance.Engine.load([MINI, overlay], include_default=False)
    summary = batch.impact(mini, after, catalog, tmp_path / "i.jsonl", as_of=DAY, include_unchanged=True)
    assert summary.lost_by_rule == {"T-MARKING": 3} and summary.changed == 3
    assert summary.after["rules_version"] != summary.before["rules_version"]
    assert summary.duty_delta == 0.0
    assert len((tmp_path / "i.jsonl").read_text().splitlines()) == 3


def test_compare_two_checklists(mini):
    p = {"sku": "R", "hts": "8517.62.0090", "origin": "CN", "customs_value": 1000,
         "facts": {"has_radio_transmitter": True}}
    diff = batch.compare(mini.evaluate(p, DAY), mini.evaluate(p, LATER))
    assert [g["rule_id"] for g in diff["lost"]] == ["T-NEW"] and diff["gained"] == []
    assert diff["before"]["total_duty"] == 350.0 and diff["after"]["total_duty"] == 250.0
    same = batch.compare(mini.evaluate(p, DAY), mini.evaluate(p, DAY))
    assert same["changed"] is False and same["duty_delta"] == 0.0


def test_a_duty_that_becomes_known_is_named_in_the_changes(mini, tmp_path):
    from compliance.batch.store import describe_changes
    db = tmp_path / "r.db"
    without = write_csv(tmp_path / "a.csv", [{"sku": "R1", "hts": "8517.62.0090", "origin": "CN"}])
    valued = write_csv(tmp_path / "b.csv", [{"sku": "R1", "hts": "8517.62.0090", "origin": "CN", "customs_value": "1000"}])
    batch.run(mini, without, tmp_path / "a.jsonl", as_of=DAY, store=db)
    batch.run(mini, valued, tmp_path / "b.jsonl", as_of=DAY, store=db)
    with batch.ResultStore(db) as store:
        later = store.history("R1")[1]
    assert later.changes["total_duty"] == {"before": None, "after": 350.0, "delta": None}
    assert "duty unknown→350.00" in describe_changes(later.changes)


def test_the_history_table_marks_a_run_that_did_not_finish(mini, tmp_path):
    from batch_helpers import interrupt_after, many
    from click.testing import CliRunner
    from compliance.cli import _register, cli
    cat = write_csv(tmp_path / "c.csv", many(60))
    db = tmp_path / "r.db"
    with pytest.raises(KeyboardInterrupt):
        batch.run(mini, cat, tmp_path / "o.jsonl", as_of=DAY, store=db, chunk_size=10, checkpoint_every=0,
                  on_progress=interrupt_after(2))
    _register()
    result = CliRunner().invoke(cli, ["history", "R1-0", "--store", str(db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "(interrupted)" in result.output


def _history(*args):
    from click.testing import CliRunner
    from compliance.cli import _register, cli
    _register()
    return CliRunner().invoke(cli, ["history", *args], env={"COLUMNS": "200"})


def test_a_past_checklist_is_found_by_the_start_of_its_run_id(mini, catalog, tmp_path):
    db = tmp_path / "r.db"
    first = batch.run(mini, catalog, tmp_path / "a.jsonl", as_of=DAY, store=db)
    batch.run(mini, catalog, tmp_path / "b.jsonl", as_of=LATER, store=db)
    result = _history("R1", "--store", str(db), "--run", first.run_id[:6], "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["as_of"] == "2025-06-01"


def test_the_start_of_two_run_ids_is_refused_naming_both(mini, catalog, tmp_path):
    db = tmp_path / "r.db"
    for day in (DAY, LATER):
        batch.run(mini, catalog, tmp_path / "o.jsonl", as_of=day, store=db)
    con = sqlite3.connect(db)
    for new, (old,) in zip(("abcd1111", "abcd2222"), con.execute("SELECT run_id FROM runs ORDER BY rowid").fetchall()):
        con.execute("UPDATE runs SET run_id=? WHERE run_id=?", (new, old))
        con.execute("UPDATE results SET run_id=? WHERE run_id=?", (new, old))
    con.commit()
    con.close()
    result = _history("R1", "--store", str(db), "--run", "abcd")
    assert result.exit_code != 0
    assert "is the start of several runs: abcd1111, abcd2222" in str(result.exception or result.output)


def test_a_run_too_short_to_name_is_refused_and_runs_are_listed_once(mini, tmp_path):
    db = tmp_path / "r.db"
    twice = write_csv(tmp_path / "c.csv", [{"sku": "R1", "hts": "8517.62.0090", "origin": "CN"}] * 2)
    first = batch.run(mini, twice, tmp_path / "a.jsonl", as_of=DAY, store=db)
    second = batch.run(mini, twice, tmp_path / "b.jsonl", as_of=LATER, store=db)
    short = _history("R1", "--store", str(db), "--run", first.run_id[:3])
    assert short.exit_code != 0
    assert "too short to name a run: give at least its first 4 characters" in str(short.exception)
    assert f"(the SKU's runs: {first.run_id}, {second.run_id})" in str(short.exception)
    unmatched = _history("R1", "--store", str(db), "--run", "zzz")
    assert "too short to name a run" in str(unmatched.exception)
    unknown = _history("R1", "--store", str(db), "--run", "zzzzzz")
    assert f"(its runs: {first.run_id}, {second.run_id})" in str(unknown.exception)


def test_a_past_run_that_could_not_evaluate_the_product_says_why(mini, tmp_path):
    db = tmp_path / "r.db"
    good = write_csv(tmp_path / "a.csv", [{"sku": "H1", "hts": "8517.62.0090", "origin": "CN"}])
    bad = write_csv(tmp_path / "b.csv", [{"sku": "H1", "hts": "85176", "origin": "CN"}])
    batch.run(mini, good, tmp_path / "a.jsonl", as_of=DAY, store=db)
    later = batch.run(mini, bad, tmp_path / "b.jsonl", as_of=DAY, store=db)
    result = _history("H1", "--store", str(db), "--run", "latest")
    assert result.exit_code != 0
    assert f"SKU 'H1' was not evaluated in run {later.run_id}: row 2: hts:" in str(result.exception)
