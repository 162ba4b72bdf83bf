"""The result store under other runs and programs: a store never lost to a run that stopped at
an output's lock, never resumed into without the run's first rows, never taken over from
another program, and a store that cannot be written is a one-line error, not a crash."""

from __future__ import annotations

import json
import sqlite3

import pytest
from batch_helpers import DAY, interrupt_after, many, write_csv

from compliance import batch
from compliance.batch import runner
from compliance.batch.store import ResultStore
from compliance.errors import InputError


def _rows(db) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT run_id, seq, sku FROM results ORDER BY run_id, seq").fetchall()


def test_a_run_stopped_at_the_output_lock_never_removes_the_store_another_run_has_made(mini, tmp_path, monkeypatch):
    # two runs of one command at once: the other run makes the store while this one meets its lock
    cat = write_csv(tmp_path / "c.csv", many(5))
    db = tmp_path / "new.db"

    def taken(*args, **kw):
        ResultStore(db).close()  # the winner's store, before its run is recorded
        raise InputError("another run is writing this output", file=str(tmp_path / "out.jsonl"), field="--output")
    monkeypatch.setattr(runner, "open_outputs", taken)
    with pytest.raises(InputError, match="another run is writing"):
        batch.run(mini, cat, tmp_path / "out.jsonl", as_of=DAY, store=db)
    assert db.is_file()
    with ResultStore(db, create=False) as store:
        assert store.runs() == []


def test_two_runs_making_one_new_store_at_once_make_it_once(tmp_path):
    db = tmp_path / "s.db"
    first = ResultStore(db)
    second = ResultStore(db)  # the schema is there: made once, in one transaction
    for s in (first, second):
        s.begin_run(rules_version="v")
        s.close()
    with ResultStore(db, create=False) as store:
        assert len(store.runs()) == 2


@pytest.mark.parametrize("how", ["replaced", "removed"])
def test_a_run_is_not_resumed_into_a_store_that_no_longer_holds_it(mini, tmp_path, how):
    cat = write_csv(tmp_path / "c.csv", many(60))
    db = tmp_path / "s.db"
    out = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        batch.run(mini, cat, out, as_of=DAY, store=db, chunk_size=10, checkpoint_every=0,
                  on_progress=interrupt_after(3))
    db.unlink()
    for extra in ("-wal", "-shm"):
        (tmp_path / f"s.db{extra}").unlink(missing_ok=True)
    if how == "replaced":
        with ResultStore(db) as other:
            other.begin_run(rules_version="v")
    partial = (tmp_path / "out.jsonl.partial").read_bytes()
    with pytest.raises(InputError, match=rf"cannot resume: the store no longer holds run \w+ \(it was {how} since") as err:
        batch.run(mini, cat, out, as_of=DAY, store=db, chunk_size=10, resume=True)
    assert err.value.field == "--store"
    # what the interrupted run wrote stays for a resume into the right store
    assert (tmp_path / "out.jsonl.partial").read_bytes() == partial
    assert (tmp_path / "out.jsonl.checkpoint").is_file()


def test_a_run_to_a_stream_commits_the_store_as_it_goes(mini, tmp_path):
    import io
    cat = write_csv(tmp_path / "c.csv", many(60))
    db = tmp_path / "s.db"
    seen = []

    def look(done, total):
        seen.append(len(_rows(db)))  # another connection sees the rows: the run does not hold the lock
    batch.run(mini, cat, "-", as_of=DAY, store=db, chunk_size=10, checkpoint_every=0, stream=io.StringIO(),
              on_progress=look)
    assert seen[1] > 0 and seen[-1] == 60


def test_a_store_locked_by_another_program_stops_the_run_with_a_one_line_error_and_resume_completes_it(mini, tmp_path):
    cat = write_csv(tmp_path / "c.csv", many(60))
    db = tmp_path / "s.db"
    out = tmp_path / "out.jsonl"
    batch.run(mini, cat, tmp_path / "whole.jsonl", as_of=DAY)
    holder: list[sqlite3.Connection] = []

    def lock_after_two(done, total):
        if done == 20 and not holder:
            con = sqlite3.connect(db, isolation_level=None)
            con.execute("BEGIN IMMEDIATE")  # another program's write transaction, held
            holder.append(con)
    store = ResultStore(db, timeout=0.2)
    try:
        with pytest.raises(InputError, match=r"cannot write the store: another run or program has held it locked "
                                             r"for more than 0\.2 s") as err:
            batch.run(mini, cat, out, as_of=DAY, store=store, chunk_size=10, checkpoint_every=0,
                      on_progress=lock_after_two)
        assert err.value.field == "--store" and str(db) in str(err.value)
    finally:
        store.close()
        for con in holder:
            con.rollback()
            con.close()
    assert (tmp_path / "out.jsonl.checkpoint").is_file()
    summary = batch.run(mini, cat, out, as_of=DAY, store=db, chunk_size=10, resume=True)
    assert out.read_bytes() == (tmp_path / "whole.jsonl").read_bytes()
    rows = _rows(db)
    assert len(rows) == 60 and len({r[1] for r in rows}) == 60 and {r[0] for r in rows} == {summary.run_id}


def test_a_store_that_cannot_be_written_is_a_one_line_error_and_leaves_no_output(mini, tmp_path):
    cat = write_csv(tmp_path / "c.csv", many(5))
    db = tmp_path / "s.db"
    store = ResultStore(db)
    store.db.execute("PRAGMA query_only=ON")  # every write refused, as on a read-only file
    try:
        with pytest.raises(InputError, match="cannot write the store: the file or its folder is read-only"):
            batch.run(mini, cat, tmp_path / "out.jsonl", as_of=DAY, store=store)
    finally:
        store.close()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("s.db")) == ["c.csv"]


def test_a_read_only_store_file_is_refused_before_anything_is_written(mini, tmp_path, monkeypatch):
    from compliance.batch import store as store_module
    cat = write_csv(tmp_path / "c.csv", many(5))
    db = tmp_path / "s.db"
    batch.run(mini, cat, tmp_path / "first.jsonl", as_of=DAY, store=db)
    real = store_module.os.access
    # as a user without root's override would find a file of mode 0444
    monkeypatch.setattr(store_module.os, "access", lambda p, mode: False if str(p) == str(db) else real(p, mode))
    with pytest.raises(InputError, match="cannot write the store: the file is read-only") as err:
        batch.run(mini, cat, tmp_path / "out.jsonl", as_of=DAY, store=db)
    assert err.value.field == "--store"
    assert not (tmp_path / "out.jsonl.partial").exists() and not (tmp_path / "out.jsonl").exists()


def test_a_store_in_a_missing_folder_is_named_as_such(mini, tmp_path):
    cat = write_csv(tmp_path / "c.csv", many(5))
    with pytest.raises(InputError, match=r"cannot create the store: folder .*nowhere does not exist"):
        batch.run(mini, cat, tmp_path / "out.jsonl", as_of=DAY, store=tmp_path / "nowhere" / "s.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv"]


def test_another_programs_file_with_a_meta_table_is_refused_untouched(mini, tmp_path):
    from compliance.batch.store import check_store
    db = tmp_path / "bookmarks.db"
    with sqlite3.connect(db) as con:
        con.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                          "INSERT INTO meta VALUES ('owner', 'a browser'); CREATE TABLE bookmarks (url TEXT);")
    con.close()
    before = db.read_bytes()
    for make in (lambda: ResultStore(db), lambda: ResultStore(db, create=False), lambda: check_store(db)):
        with pytest.raises(InputError, match=r"not a result store \(it holds other tables: bookmarks, meta\)"):
            make()
    cat = write_csv(tmp_path / "c.csv", many(3))
    with pytest.raises(InputError, match="not a result store"):
        batch.run(mini, cat, tmp_path / "out.jsonl", as_of=DAY, store=db)
    assert db.read_bytes() == before


def test_a_store_whose_schema_version_is_no_number_is_a_one_line_error(tmp_path):
    db = tmp_path / "s.db"
    ResultStore(db).close()
    with sqlite3.connect(db) as con:
        con.execute("UPDATE meta SET value='abc' WHERE key='schema_version'")
    con.close()
    with pytest.raises(InputError, match="not a result store: its schema version is 'abc', not a number"):
        ResultStore(db, create=False)


def test_history_of_a_store_in_a_missing_folder_is_store_not_found(tmp_path):
    with pytest.raises(InputError, match="store not found"):
        ResultStore(tmp_path / "nowhere" / "s.db", create=False)


def test_the_cli_names_a_store_it_cannot_make_in_one_line(tmp_path):
    import subprocess
    import sys
    from batch_helpers import MINI
    write_csv(tmp_path / "c.csv", many(5))
    run = subprocess.run([sys.executable, "-m", "compliance", "batch", "c.csv", "--rules", str(MINI),
                          "--no-default-rules", "-o", "out.jsonl", "--store", "gone/s.db", "--as-of", DAY.isoformat(),
                          "-q"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2, run.stderr
    assert run.stderr.strip().splitlines() == ["error: gone/s.db: --store: cannot create the store: "
                                               "folder gone does not exist"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv"]


def test_history_reads_a_store_kept_in_a_read_only_folder(mini, tmp_path):
    import shutil
    import subprocess
    import sys
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("needs setpriv to drop root's power to write anywhere")
    folder = tmp_path / "archive"
    folder.mkdir()
    cat = write_csv(tmp_path / "c.csv", many(3))
    batch.run(mini, cat, tmp_path / "out.jsonl", as_of=DAY, store=folder / "s.db")
    sku = many(3)[0]["sku"]
    folder.chmod(0o555)
    try:
        # as a user without root's override finds a read-only folder
        run = subprocess.run([setpriv, "--inh-caps=-dac_override,-dac_read_search",
                              "--bounding-set=-dac_override,-dac_read_search",
                              sys.executable, "-m", "compliance", "history", sku, "--store", "s.db", "--format", "json"],
                             cwd=folder, capture_output=True, text=True, timeout=120)
    finally:
        folder.chmod(0o755)
    if run.returncode != 0 and "setpriv" in run.stderr:
        pytest.skip(f"setpriv cannot drop capabilities here: {run.stderr.strip()}")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["evaluations"][0]["hts"]
    assert sorted(p.name for p in folder.iterdir()) == ["s.db"]
