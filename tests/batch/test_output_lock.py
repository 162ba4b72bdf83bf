"""A second run writing the same output stops at once and leaves the first run's files alone."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from batch_helpers import DAY, MINI, many, write_csv

from compliance import batch
from compliance.batch.output import StagedFile
from compliance.errors import InputError

fcntl = pytest.importorskip("fcntl")


def test_a_locked_partial_output_is_refused_and_not_truncated(tmp_path):
    first = StagedFile(tmp_path / "out.jsonl")
    first.open()
    first.write("first run's line\n")
    first.sync()
    with pytest.raises(InputError, match="another run is writing this output") as err:
        StagedFile(tmp_path / "out.jsonl").open()
    assert err.value.field == "--output" and err.value.file == str(tmp_path / "out.jsonl")
    assert (tmp_path / "out.jsonl.partial").read_text() == "first run's line\n"
    first.finish()
    assert (tmp_path / "out.jsonl").read_text() == "first run's line\n"
    again = StagedFile(tmp_path / "out.jsonl")  # the lock went with the first run
    again.open()
    again.finish()
    assert (tmp_path / "out.jsonl").read_text() == ""


def test_the_lock_is_held_until_the_partial_file_is_renamed(tmp_path, monkeypatch):
    """Between closing and renaming, a second run could otherwise take the partial file over."""
    import os
    seen = []
    real = os.replace

    def replace(src, dst):
        with pytest.raises(InputError):
            StagedFile(tmp_path / "out.jsonl").open()
        seen.append(dst)
        return real(src, dst)

    out = StagedFile(tmp_path / "out.jsonl")
    out.open()
    out.write("x\n")
    monkeypatch.setattr(os, "replace", replace)
    out.finish()
    assert seen and (tmp_path / "out.jsonl").read_text() == "x\n"


def test_a_second_run_on_the_same_output_stops_and_the_first_finishes(mini, tmp_path):
    cat = write_csv(tmp_path / "c.csv", many(200))
    out = tmp_path / "out.jsonl"
    reached, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def hold(done, total):
        if done == 50:
            reached.set()
            release.wait(30)

    def first_run():
        try:
            batch.run(mini, cat, out, as_of=DAY, chunk_size=50, checkpoint_every=0, on_progress=hold)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=first_run)
    thread.start()
    try:
        assert reached.wait(30)
        checkpoint = (tmp_path / "out.jsonl.checkpoint").read_text()
        partial = (tmp_path / "out.jsonl.partial").read_bytes()
        with pytest.raises(InputError, match="another run is writing this output"):
            batch.run(mini, cat, out, as_of=DAY)
        with pytest.raises(InputError, match="another run is writing this output"):
            batch.run(mini, cat, out, as_of=DAY, resume=True)
        assert (tmp_path / "out.jsonl.checkpoint").read_text() == checkpoint
        assert (tmp_path / "out.jsonl.partial").read_bytes() == partial
    finally:
        release.set()
        thread.join(60)
    assert not errors
    assert len(out.read_text().splitlines()) == 200
    assert not (tmp_path / "out.jsonl.partial").exists()


def test_impact_on_an_output_being_written_is_refused(mini, tmp_path):
    cat = write_csv(tmp_path / "c.csv", many(10))
    holder = StagedFile(tmp_path / "changes.jsonl")
    holder.open()
    try:
        with pytest.raises(InputError, match="another run is writing this output"):
            batch.impact(mini, mini, cat, tmp_path / "changes.jsonl", as_of=DAY)
        assert not (tmp_path / "changes.jsonl.errors.jsonl.partial").exists()
    finally:
        holder.close()


def test_the_cli_names_the_output_in_one_line_with_exit_code_2(tmp_path):
    cat = write_csv(tmp_path / "c.csv", many(10))
    holder = StagedFile(tmp_path / "out.jsonl")
    holder.open()
    try:
        run = subprocess.run([sys.executable, "-m", "compliance", "batch", str(cat), "-o", "out.jsonl",
                              "--rules", str(MINI), "--no-default-rules", "--as-of", DAY.isoformat(), "-q"],
                             cwd=tmp_path, capture_output=True, text=True, timeout=120)
    finally:
        holder.close()
    assert run.returncode == 2, run.stderr
    assert run.stderr.strip().splitlines() == [
        "error: out.jsonl: --output: another run is writing this output; wait for it to end or choose another output file"]
    assert not (tmp_path / "out.jsonl").exists()
    assert run.stdout == ""


def test_a_run_stopped_at_the_lock_leaves_no_new_store_behind(mini, tmp_path):
    cat = write_csv(tmp_path / "c.csv", many(10))
    holder = StagedFile(tmp_path / "out.jsonl")
    holder.open()
    try:
        with pytest.raises(InputError, match="another run is writing this output"):
            batch.run(mini, cat, tmp_path / "out.jsonl", as_of=DAY, store=tmp_path / "new.db")
    finally:
        holder.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv", "out.jsonl.partial"]


def test_a_run_stopped_at_the_lock_keeps_an_existing_store(mini, tmp_path):
    cat = write_csv(tmp_path / "c.csv", many(10))
    db = tmp_path / "kept.db"
    first = batch.run(mini, cat, tmp_path / "first.jsonl", as_of=DAY, store=db)
    holder = StagedFile(tmp_path / "out.jsonl")
    holder.open()
    try:
        with pytest.raises(InputError, match="another run is writing this output"):
            batch.run(mini, cat, tmp_path / "out.jsonl", as_of=DAY, store=db)
    finally:
        holder.close()
    with batch.ResultStore(db) as store:
        assert [r.run_id for r in store.runs()] == [first.run_id]
