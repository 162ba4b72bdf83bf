"""Text blocks: worker processes parse blocks of a catalogue's text into exactly the records a
single process reads from the file, with the same row numbers and errors."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from batch_helpers import DAY, ROWS, interrupt_after, write_csv
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import compliance
from compliance import batch
from compliance.batch.blocks import TextBlocks
from compliance.batch.catalog import iter_records


def records_read(path: Path, fmt: str) -> list[tuple]:
    return [(r.row, r.values, r.error) for r in iter_records(path, fmt)]


def records_from_blocks(path: Path, fmt: str, records: int, skip: int = 0, read_size: int = 1 << 20) -> list[tuple]:
    out = []
    for block in TextBlocks(path, fmt, records, skip, read_size=read_size):
        out += [(r.row, r.values, r.error) for r in block.records(str(path))]
    return out


# Raw text, not written by a CSV writer: stray quotes, quoted cells across lines, "" inside
# quotes, text after a closing quote, blank rows, CR LF and lone CR line ends, too many cells.
pieces = st.sampled_from(['a', 'b c', '"', '""', '"x,y"', '"multi\nline"', '"cr\r\nlf"', ',', ',,', ' ',
                          '12" screen', '"q""uote"', '"open', 'close"', '\t', ';', '\u3000', 'é'])
line_ends = st.sampled_from(["\n", "\r\n", "\r"])
raw_lines = st.lists(st.tuples(st.lists(pieces, max_size=6), line_ends), min_size=0, max_size=25)


@settings(max_examples=300, deadline=None)
@given(lines=raw_lines, per_block=st.integers(1, 6), skip=st.integers(0, 4), tab=st.booleans(),
       read_size=st.sampled_from([1, 2, 3, 7, 64, 1 << 20]))
def test_blocks_hold_the_records_the_file_reader_reads(lines, per_block, skip, tab, read_size):
    fmt = "tsv" if tab else "csv"
    text = ("sku\tname\thts\n" if tab else "sku,name,hts\n") + "".join("".join(p) + end for p, end in lines)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"c.{fmt}"
        path.write_bytes(text.encode("utf-8"))
        try:
            expected = records_read(path, fmt)
        except Exception as exc:  # the file reader fails (a quoted cell never closed...): so do blocks
            try:
                records_from_blocks(path, fmt, per_block, read_size=read_size)
            except Exception as again:
                assert type(again) is type(exc) and str(again) == str(exc)
                return
            raise AssertionError(f"blocks read a file the reader refuses: {exc}")
        assert records_from_blocks(path, fmt, per_block, read_size=read_size) == expected
        assert records_from_blocks(path, fmt, per_block, skip, read_size) == expected[skip:]


@settings(max_examples=100, deadline=None)
@given(lines=st.lists(st.sampled_from(['{"sku": "A", "hts": "8517.62.0090"}', "", "   ", "[1]", "{bad",
                                       '{"sku": "é"}']), max_size=20),
       per_block=st.integers(1, 5), skip=st.integers(0, 3), read_size=st.sampled_from([1, 5, 1 << 20]))
def test_json_lines_blocks_hold_the_records_the_file_reader_reads(lines, per_block, skip, read_size):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.jsonl"
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        expected = records_read(path, "jsonl")
        assert records_from_blocks(path, "jsonl", per_block, read_size=read_size) == expected
        assert records_from_blocks(path, "jsonl", per_block, skip, read_size) == expected[skip:]


def test_a_block_ends_only_where_a_record_ends(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('sku,name,hts\nA,"two\nlines",8517620090\nB,"x ""y""\nz",8517620090\nC,plain,1\n',
                    encoding="utf-8")
    blocks = list(TextBlocks(path, "csv", 1))
    assert [b.first_line for b in blocks] == [2, 4, 6]
    assert [r.values["name"] for b in blocks for r in b.records(str(path))] == ["two\nlines", 'x "y"\nz', "plain"]


def test_workers_parsing_blocks_write_what_one_process_writes(mini, tmp_path):
    """Quoted cells across lines, blank rows and bad rows: the same output, errors and totals."""
    rows = [dict(r, name=f'{r["name"]}, "quoted"\nsecond line') for r in ROWS] * 30
    cat = write_csv(tmp_path / "cat.csv", rows)
    text = cat.read_text(encoding="utf-8").replace("\n", "\n\n", 7)  # some blank rows
    cat.write_text(text, encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    s1 = batch.run(mini, cat, one, as_of=DAY, workers=1)
    s2 = batch.run(mini, cat, two, as_of=DAY, workers=2, chunk_size=7)
    assert one.read_bytes() == two.read_bytes()
    errors = [one.with_name(one.name + ".errors.jsonl"), two.with_name(two.name + ".errors.jsonl")]
    assert errors[0].read_bytes() == errors[1].read_bytes()
    assert [json.loads(line)["index"] for line in errors[1].read_text().splitlines()][:4] == [2, 4, 7, 9]
    assert (s1.products, s1.errors, s1.total_duty, s1.duty_unknown) == \
        (s2.products, s2.errors, s2.total_duty, s2.duty_unknown)
    assert s2.products == 90 and s2.errors == 60


def test_a_parallel_run_interrupted_and_resumed_writes_the_whole_catalogue_once(mini, tmp_path):
    rows = [dict(r, name=f'{r["name"]}\nsecond line') for r in ROWS] * 20
    cat = write_csv(tmp_path / "cat.csv", rows)
    full, out = tmp_path / "full.jsonl", tmp_path / "out.jsonl"
    batch.run(mini, cat, full, as_of=DAY)
    with pytest.raises(KeyboardInterrupt):
        batch.run(mini, cat, out, as_of=DAY, workers=2, chunk_size=9, checkpoint_every=0,
                  on_progress=interrupt_after(3))
    done = json.loads((tmp_path / "out.jsonl.checkpoint").read_text())["state"]["done"]
    assert done == 27  # blocks of 9 records, each of two lines
    summary = batch.run(mini, cat, out, as_of=DAY, workers=2, chunk_size=9, resume=True)
    assert summary.resumed == 27 and summary.records == 100 - 27
    assert out.read_bytes() == full.read_bytes()
    errors = (tmp_path / "out.jsonl.errors.jsonl").read_text().splitlines()
    assert len(errors) == 40 and len({json.loads(e)["index"] for e in errors}) == 40


def test_a_quote_left_open_early_is_read_as_the_file_reader_reads_it(tmp_path):
    """The rest of the file is one record inside a quoted cell: each line is looked at once."""
    path = tmp_path / "c.csv"
    path.write_text('sku,name,hts\nA,"open,8517620090\n' + "B,plain,8517620090\n" * 20_000, encoding="utf-8")
    assert records_from_blocks(path, "csv", 256) == records_read(path, "csv")


def test_a_cell_past_the_csv_limit_stops_a_parallel_run_as_it_stops_one_process(mini, tmp_path):
    import csv
    path = tmp_path / "c.csv"
    path.write_text('sku,hts,origin,name\nA,8517.62.0090,CN,ok\nB,8517.62.0090,CN,"open\n'
                    + "line of the open cell\n" * 200, encoding="utf-8")
    limit = csv.field_size_limit(1000)
    try:
        messages = []
        for workers in (1, 2):
            with pytest.raises(compliance.InputError) as caught:
                batch.run(mini, path, tmp_path / f"out{workers}.jsonl", as_of=DAY, workers=workers)
            messages.append(str(caught.value))
            assert not (tmp_path / f"out{workers}.jsonl").exists()
    finally:
        csv.field_size_limit(limit)
    assert messages[0] == messages[1] and "field larger than field limit (1000)" in messages[0]
