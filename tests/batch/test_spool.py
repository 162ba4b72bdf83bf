"""Spool files: pool workers hand their chunks' output to the coordinating process through
files, and the output holds exactly what a single process writes, with no spool left behind."""

from __future__ import annotations

import io
import sys
from pathlib import Path
import json

from batch_helpers import DAY, ROWS, interrupt_after, write_csv
import pytest

from compliance import batch
from compliance.batch import output, spool
from compliance.batch.output import StagedFile, StreamFile
from compliance.batch.spool import SpoolReader, SpoolWriter


def chunks_through_spool(tmp_path, monkeypatch, out, chunks):
    monkeypatch.setattr(spool, "ROTATE", 10)  # a new spool file every 10 bytes
    folder = tmp_path / "spool"
    folder.mkdir()
    writer, reader = SpoolWriter(folder), SpoolReader(folder)
    refs, files_seen = [], []
    for chunk in chunks:  # the coordinator copies a chunk while the worker goes on to the next
        refs.append(writer.put(chunk))
        if len(refs) > 1:
            reader.copy(refs[-2], out)
        files_seen.append(len(list(folder.iterdir())))
    reader.copy(refs[-1], out)
    writer.close()
    reader.close()
    return refs, files_seen, folder


@pytest.mark.parametrize("kernel_copy", [True, False])
def test_chunks_copied_from_rotating_spool_files_make_the_output_in_order(tmp_path, monkeypatch, kernel_copy):
    if not kernel_copy:
        monkeypatch.setattr(output, "_KERNEL_COPY", [])
    chunks = [f"line {i} é\n".encode() * (i % 3 + 1) for i in range(12)]
    out = StagedFile(tmp_path / "out.jsonl")
    out.open()
    out.write_bytes(b"head\n")
    refs, files_seen, folder = chunks_through_spool(tmp_path, monkeypatch, out, chunks)
    out.write_bytes(b"tail\n")
    out.finish()
    assert (tmp_path / "out.jsonl").read_bytes() == b"head\n" + b"".join(chunks) + b"tail\n"
    assert len({name for name, _, _ in refs}) > 3       # the writer rotated its files
    assert max(files_seen) <= 2                           # consumed files are deleted as the run goes
    assert not folder.exists()


def test_chunks_from_the_spool_reach_a_stream(tmp_path, monkeypatch):
    chunks = [b"a\n", "b \u6587\n".encode(), b"c\n" * 9]
    stream = io.StringIO()
    out = StreamFile(stream)
    chunks_through_spool(tmp_path, monkeypatch, out, chunks)
    assert stream.getvalue() == b"".join(chunks).decode()


def test_a_parallel_run_leaves_no_spool_beside_its_output(mini, tmp_path):
    cat = write_csv(tmp_path / "cat.csv", ROWS * 40)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    batch.run(mini, cat, one, as_of=DAY)
    batch.run(mini, cat, two, as_of=DAY, workers=2, chunk_size=7)
    assert two.read_bytes() == one.read_bytes()
    with pytest.raises(KeyboardInterrupt):
        batch.run(mini, cat, tmp_path / "cut.jsonl", as_of=DAY, workers=2, chunk_size=7,
                  on_progress=interrupt_after(2))
    assert not [p for p in tmp_path.iterdir() if ".spool-" in p.name]


def test_a_parallel_run_to_standard_output_writes_what_one_process_writes(mini, tmp_path):
    cat = write_csv(tmp_path / "cat.csv", ROWS * 40)
    one, two = io.StringIO(), io.StringIO()
    batch.run(mini, cat, None, as_of=DAY, stream=one)
    batch.run(mini, cat, None, as_of=DAY, stream=two, workers=2, chunk_size=7)
    assert two.getvalue() == one.getvalue() and len(two.getvalue().splitlines()) == 3 * 40
    assert all(isinstance(json.loads(line), dict) for line in two.getvalue().splitlines())


def test_a_run_removes_the_spool_folders_a_killed_run_left(mini, tmp_path):
    from batch_helpers import DAY, many, write_csv
    from compliance import batch
    cat = write_csv(tmp_path / "c.csv", many(30))
    stale = tmp_path / ".out.jsonl.spool-k1ll3d"
    stale.mkdir()
    (stale / "123-0.out").write_bytes(b"x" * 1000)
    other = tmp_path / ".other.jsonl.spool-abc"   # another output's: not this run's to remove
    other.mkdir()
    batch.run(mini, cat, tmp_path / "out.jsonl", as_of=DAY, workers=2, chunk_size=10)
    assert not stale.exists() and other.exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers end with their parent on Linux")
def test_workers_end_when_their_coordinating_process_is_killed(tmp_path):
    import signal
    import subprocess
    import time
    from batch_helpers import DAY, MINI, many, write_csv
    cat = write_csv(tmp_path / "c.csv", many(60000))
    proc = subprocess.Popen([sys.executable, "-m", "compliance", "batch", str(cat), "-o", "out.jsonl", "-w", "2",
                             "--rules", str(MINI), "--no-default-rules", "--as-of", DAY.isoformat(), "-q",
                             "--chunk-size", "50"], cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    children: list[int] = []
    while time.monotonic() < deadline and len(children) < 2:
        time.sleep(0.2)
        children = [int(p) for p in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
    assert len(children) == 2 and proc.poll() is None
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{c}").exists() and
                                              "zombie" not in Path(f"/proc/{c}/status").read_text()
                                              for c in children):
        time.sleep(0.1)
    assert not any(Path(f"/proc/{c}").exists() and "zombie" not in Path(f"/proc/{c}/status").read_text()
                   for c in children)
    assert "Traceback" not in proc.stderr.read()


def test_the_pool_does_not_check_its_workers_for_every_chunk(mini, tmp_path, monkeypatch):
    """Its maintenance thread wakes when a worker ends or the pool changes, not on each result."""
    import multiprocessing.pool
    from batch_helpers import many
    calls = []
    real = multiprocessing.pool.Pool._maintain_pool

    def counted(*args, **kw):
        calls.append(1)
        return real(*args, **kw)
    # the thread runs Pool._handle_workers of the base class, which calls the base's method
    monkeypatch.setattr(multiprocessing.pool.Pool, "_maintain_pool", staticmethod(counted))
    cat = write_csv(tmp_path / "c.csv", many(800))
    summary = batch.run(mini, cat, tmp_path / "out.jsonl", as_of=DAY, workers=2, chunk_size=10)
    assert summary.products == 800
    # 80 chunks: the stock pool looped about 16 times a chunk; now it wakes when the pool's
    # queue of chunks runs dry, which a loaded machine makes happen now and then
    assert len(calls) < 40
