"""Spool files: pool workers hand their chunks' output to the coordinating process through
files, and the output holds exactly what a single process writes, with no spool left behind."""

from __future__ import annotations

import io
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
