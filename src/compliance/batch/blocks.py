"""Catalogue text cut into blocks of whole records, for worker processes to parse.

With ``--workers`` the coordinating process shares two cores with its workers, so what it
does per row decides how far a run scales. Parsing a CSV row into a dict and pickling it costs
it about as much as a worker's evaluation of the row; cutting the file's text at record
boundaries and sending each block as one string costs a small fraction of that. The workers
parse their blocks with the very functions a single-process run reads the file with
(:func:`~compliance.batch.catalog.csv_rows`, :func:`~compliance.batch.catalog.jsonl_rows`),
so both see the same records, row numbers and errors.

A CSV record may span lines (a quoted cell holding a line break): a block ends only where a
record ends, which :class:`_RecordEnds` decides line by line as the ``csv`` module reads a
row (a quote opens a quoted cell only at the start of a cell; ``""`` inside one is a quote;
anything after the closing quote is kept as text).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from .catalog import Record, _decoded_lines, _open_text, csv_header, csv_rows, jsonl_rows

BLOCK_FORMATS = ("csv", "tsv", "jsonl")


@dataclass(frozen=True, slots=True)
class Block:
    """Whole records of a text catalogue: the lines from ``first_line`` on, as one string."""

    fmt: str                          # csv | jsonl
    first_line: int
    text: str
    columns: tuple[str, ...] = ()     # the CSV header
    delimiter: str = ","

    def records(self, file: str) -> Iterator[Record]:
        """The block's records, indexed from 0 within the block."""
        from io import StringIO
        lines = StringIO(self.text, newline="")  # splits lines as the file was read: \n, \r\n, \r
        if self.fmt == "jsonl":
            return jsonl_rows(lines, first_line=self.first_line)
        return csv_rows(lines, list(self.columns), self.delimiter, file, first_line=self.first_line)


class _RecordEnds:
    """Whether a CSV line leaves its record open (it ends inside a quoted cell), read one line
    at a time: a record across many lines costs each line once."""

    def __init__(self, delimiter: str) -> None:
        d = re.escape(delimiter)
        # possessive: a "" inside a quoted cell is never taken back as its closing quote
        cell = rf'(?:"(?:[^"]|"")*+"[^{d}\r\n]*|(?!")[^{d}\r\n]*)'
        self.record = re.compile(rf"{cell}(?:{d}{cell})*").fullmatch
        self.closing = re.compile(r'(?:[^"]|"")*+"').match  # the rest of a quoted cell, to its end
        self.after = re.compile(rf"[^{d}\r\n]*+(?:{d}{cell})*").fullmatch

    def is_open(self, line: str, inside: bool) -> bool:
        """Whether the record is still open after ``line`` (its line end cut off); ``inside``:
        the line starts inside a quoted cell."""
        if not inside:
            return self.record(line) is None
        closed = self.closing(line)
        return closed is None or self.after(line, closed.end()) is None


class TextBlocks:
    """A CSV or JSON Lines catalogue as blocks of about ``lines`` lines each.

    :attr:`columns` holds the CSV header once the blocks are made (for the run's report of
    unknown columns). ``skip`` records are passed over first (a resumed run): they are read
    as records, so that blank rows count as they do in a single-process run.
    """

    def __init__(self, path: Path | str, fmt: str, lines: int = 256, skip: int = 0) -> None:
        if fmt not in BLOCK_FORMATS:
            raise ValueError(f"no text blocks for {fmt!r} catalogues")
        self.path = Path(path)
        self.fmt = "jsonl" if fmt == "jsonl" else "csv"
        self.delimiter = "\t" if fmt == "tsv" else None
        self.lines = max(1, lines)
        self.skip = skip
        self.columns: tuple[str, ...] | None = None

    def __iter__(self) -> Iterator[Block]:
        with _open_text(self.path) as fh:
            yield from self._blocks(fh)

    def _blocks(self, fh: Any) -> Iterator[Block]:
        line_no = 1  # of the next line to read
        columns: tuple[str, ...] = ()
        delimiter = ","
        if self.fmt == "csv":
            header = csv_header(fh, self.path, self.delimiter)
            if header is None:
                self.columns = ()
                return
            columns, delimiter = tuple(header[0]), header[1]
            self.columns = columns
            line_no = 2
        lines = _decoded_lines(fh, self.path, line_no - 1)
        if self.skip:
            line_no = self._skip(lines, line_no, list(columns), delimiter)
        ends = _RecordEnds(delimiter) if self.fmt == "csv" else None
        limit = csv.field_size_limit()
        block: list[str] = []
        open_record: list[str] = []  # lines of a CSV record not yet ended
        held = 0                     # characters of its quoted cell so far
        first = line_no
        for line in lines:
            if ends is not None and (open_record or '"' in line):
                still_open = ends.is_open(_without_end(line), bool(open_record))
                if open_record:
                    held += len(line)
                open_record.append(line)
                # a cell past the csv module's limit: the worker's reader stops there, as one
                # process's would, and the record is not held in memory to the end of the file
                if still_open and held <= limit:
                    continue
                block.extend(open_record)
                open_record = []
                held = 0
            else:
                block.append(line)
            if len(block) >= self.lines:
                yield Block(self.fmt, first, "".join(block), columns, delimiter)
                first += len(block)
                block = []
        block.extend(open_record)  # a quoted cell left open at the end: the csv module says so
        if block:
            yield Block(self.fmt, first, "".join(block), columns, delimiter)

    def _skip(self, lines: Iterator[str], line_no: int, columns: list[str], delimiter: str) -> int:
        """Pass over ``skip`` records; the number of the line after them."""
        counted = _Counting(lines)
        rows = (jsonl_rows(counted, first_line=line_no) if self.fmt == "jsonl"
                else csv_rows(counted, columns, delimiter, self.path, first_line=line_no))
        for n, _ in enumerate(rows, start=1):
            if n >= self.skip:
                break
        return line_no + counted.read


class _Counting:
    """An iterator of lines that counts what it gave."""

    __slots__ = ("lines", "read")

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.read = 0

    def __iter__(self) -> "_Counting":
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.read += 1
        return line


def _without_end(text: str) -> str:
    if text.endswith("\r\n"):
        return text[:-2]
    if text.endswith(("\n", "\r")):
        return text[:-1]
    return text

