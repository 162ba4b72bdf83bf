"""A resumed run counts every row once: products, errors, duty and the store's rows, whatever
the moment the interrupted run was stopped at."""

from __future__ import annotations

import json
import sqlite3

import pytest
from batch_helpers import DAY, many, write_csv

from compliance import batch
from compliance.batch.store import ResultStore
from compliance.errors import InputError


class StopOnAdd(ResultStore):
    """A store whose n-th write of results is cut by Ctrl-C, as a SIGTERM arriving mid-chunk is."""

    def __init__(self, path, n):
        super().__init__(path)
        self.n, self.calls = n, 0

    def add(self, run_id, rows):
        self.calls += 1
        if self.calls == self.n:
            raise KeyboardInterrupt
        super().add(run_id, rows)


@pytest.mark.parametrize("cut_at", [1, 3, 5])
def test_a_chunk_cut_halfway_is_counted_once_on_resume(mini, tmp_path, cut_at):
    rows = many(100)
    rows[17]["hts"] = "85176"  # a bad row in the first chunks: errors are counted too
    cat = write_csv(tmp_path / "c.csv", rows)
    clean = batch.run(mini, cat, tmp_path / "clean.jsonl", as_of=DAY, store=tmp_path / "clean.db")
    out = tmp_path / "out.jsonl"
    store = StopOnAdd(tmp_path / "r.db", cut_at)
    with pytest.raises(KeyboardInterrupt):
        batch.run(mini, cat, out, as_of=DAY, chunk_size=10, checkpoint_every=0, store=store)
    store.close()
    saved = json.loads((tmp_path / "out.jsonl.checkpoint").read_text())["state"]
    assert saved["products"] + saved["errors"] == saved["done"] == 10 * (cut_at - 1)
    resumed = batch.run(mini, cat, out, as_of=DAY, chunk_size=10, store=tmp_path / "r.db", resume=True)
    assert resumed.products == clean.products and resumed.errors == clean.errors == 1
    assert resumed.total_duty == clean.total_duty and resumed.duty_unknown == clean.duty_unknown
    assert out.read_bytes() == (tmp_path / "clean.jsonl").read_bytes()
    with sqlite3.connect(tmp_path / "r.db") as db:
        assert db.execute("SELECT products, errors, status FROM runs").fetchall() == [(99, 1, "finished")]
        assert db.execute("SELECT count(*) FROM results").fetchone() == (99,)


def test_resuming_into_another_store_is_refused(mini, tmp_path):
    cat = write_csv(tmp_path / "c.csv", many(50))
    out = tmp_path / "out.jsonl"

    def stop(done, total):
        if done >= 20:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        batch.run(mini, cat, out, as_of=DAY, chunk_size=10, store=tmp_path / "a.db", on_progress=stop)
    with pytest.raises(InputError, match="cannot resume: store changed"):
        batch.run(mini, cat, out, as_of=DAY, chunk_size=10, store=tmp_path / "b.db", resume=True)
    summary = batch.run(mini, cat, out, as_of=DAY, chunk_size=10, store=tmp_path / "a.db", resume=True)
    assert summary.resumed == 20 and summary.products == 50


def test_a_file_that_is_no_store_leaves_no_output_behind(mini, tmp_path):
    cat = write_csv(tmp_path / "c.csv", many(5))
    (tmp_path / "notes.db").write_text("not a database\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a result store"):
        batch.run(mini, cat, tmp_path / "out.jsonl", as_of=DAY, store=tmp_path / "notes.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv", "notes.db"]


def test_another_programs_sqlite_file_is_refused_and_left_as_it_was(mini, tmp_path):
    erp = tmp_path / "erp.db"
    with sqlite3.connect(erp) as db:
        db.execute("CREATE TABLE orders (id INTEGER)")
    before = erp.read_bytes()
    cat = write_csv(tmp_path / "c.csv", many(3))
    with pytest.raises(InputError, match=r"not a result store \(it holds other tables: orders\)"):
        batch.run(mini, cat, tmp_path / "out.jsonl", as_of=DAY, store=erp)
    with pytest.raises(InputError, match="not a result store"):
        ResultStore(erp, create=False)
    assert erp.read_bytes() == before and not (tmp_path / "erp.db-wal").exists()


def test_history_does_not_make_a_store_of_an_empty_file(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(InputError, match="not a result store"):
        ResultStore(empty, create=False)
    assert empty.stat().st_size == 0
    with pytest.raises(InputError, match="store not found"):
        ResultStore(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_a_sku_on_two_rows_is_compared_row_with_row_from_run_to_run(mini, tmp_path):
    import datetime as dt
    cat = tmp_path / "c.csv"
    cat.write_text("sku,hts,origin,customs_value\nD1,8517.62.0090,CN,1000\nD1,8517.62.0090,VN,1000\n",
                   encoding="utf-8")
    db = tmp_path / "h.db"
    batch.run(mini, cat, tmp_path / "a.jsonl", as_of=DAY, store=db)
    batch.run(mini, cat, tmp_path / "b.jsonl", as_of=DAY + dt.timedelta(days=1), store=db)
    with ResultStore(db, create=False) as store:
        entries = store.history("D1")
    assert [(e.occurrence, e.origin, e.first) for e in entries] == [(1, "CN", True), (2, "VN", True),
                                                                     (1, "CN", False), (2, "VN", False)]
    assert entries[1].changes == {}  # the VN row is not a change of the CN row
    assert all("origin" not in e.changes for e in entries)
    assert entries[2].changes.get("as_of") and entries[3].changes.get("as_of")
