"""Catalogue text cut into blocks of whole records, for worker processes to parse.

With ``--workers`` the coordinating process shares two cores with its workers, so what it
does per row decides how far a run scales. Parsing a CSV row into a dict and pickling it costs
it about as much as a worker's evaluation of the row; cutting the file's text at record
boundaries and sending each block as one string costs a small fraction of that. The workers
parse their blocks with the very functions a single-process run reads the file with
(:func:`~compliance.batch.catalog.csv_rows`, :func:`~compliance.batch.catalog.jsonl_rows`),
so both see the same records, row numbers and errors.

A CSV record may span lines (a quoted cell holding a line break): a block ends only where a
record ends. A search in C (:class:`_Cutter`) finds the end of a
block's records as the ``csv`` module reads them (a quote opens a quoted cell only at the
start of a cell; ``""`` inside one is a quote; anything after the closing quote is kept as
text), so the coordinating process spends no Python per line.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from .catalog import Record, _decode_guard, _decoded_lines, _open_text, csv_header, csv_rows, jsonl_rows

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


class _Cutter:
    """Where the block that starts at ``pos`` of a text ends: after ``records`` whole records.

    Most blocks are ``records`` lines: no quoted cell in them holds a line end and no line ends
    in a lone \r. Such a block is found with ``str.find`` and two checks in C; any other is
    matched by a pattern of whole records (:meth:`_pattern`), which costs about ten times as
    much but spends no Python per line either.
    """

    def __init__(self, fmt: str, delimiter: str, records: int) -> None:
        self.records = records
        self.match = self._pattern(fmt, delimiter, records).match
        d = re.escape(delimiter)
        # a quote that may open a cell (first in the text, or after a delimiter or a line
        # end) and no closing quote before the line ends: the only way a record spans lines
        self.spans_lines = (re.compile(rf'"(?<![^{d}\r\n]")(?:[^"\r\n]++|"")*+[\r\n]').search
                            if fmt == "csv" else None)

    @staticmethod
    def _pattern(fmt: str, delimiter: str, records: int) -> "re.Pattern[str]":
        end = r"(?:\r\n|\n|\r)"
        if fmt == "jsonl":
            return re.compile(rf"(?:[^\r\n]*+{end}){{1,{records}}}")
        d = re.escape(delimiter)
        # Runs of text without quotes are skipped whole. A quote just after a delimiter or a
        # line end opens a quoted cell (which may hold line ends; "" inside it is a quote;
        # possessive, so a "" is never taken back as its close); any other quote is text.
        text = r'[^"\r\n]++'
        quoted = rf'(?<![^{d}\r\n])"(?:[^"]++|"")*+"'
        stray = rf'(?<=[^{d}\r\n])"'
        return re.compile(rf"(?:(?:{text}|{quoted}|{stray})*+{end}){{1,{records}}}")

    def __call__(self, text: str, pos: int) -> tuple[int, int]:
        """The end of the block and its lines; the end is ``len(text)`` when the block's last
        record may go on past the text, ``pos`` when no whole record is in it."""
        end = pos
        find = text.find
        for _ in range(self.records):
            end = find("\n", end) + 1
            if not end:
                break
        else:
            if end < len(text):
                block = text[pos:end]
                if ("\r" not in block or block.count("\r") == block.count("\r\n")) and (
                        self.spans_lines is None or '"' not in block or self.spans_lines(block) is None):
                    return end, self.records
        found = self.match(text, pos)
        end = found.end() if found is not None else pos
        return end, _line_count(text[pos:end])


def _line_count(text: str) -> int:
    """Lines of ``text`` as the file reader splits them: at \n, \r\n and a lone \r."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


class TextBlocks:
    """A CSV or JSON Lines catalogue as blocks of ``records`` records each (the last may hold fewer).

    :attr:`columns` holds the CSV header once the blocks are made (for the run's report of
    unknown columns). ``skip`` records are passed over first (a resumed run): they are read
    as records, so that blank rows count as they do in a single-process run. The text is
    read ``read_size`` characters at a time.
    """

    def __init__(self, path: Path | str, fmt: str, records: int = 256, skip: int = 0,
                 read_size: int = 1 << 20) -> None:
        if fmt not in BLOCK_FORMATS:
            raise ValueError(f"no text blocks for {fmt!r} catalogues")
        self.path = Path(path)
        self.fmt = "jsonl" if fmt == "jsonl" else "csv"
        self.delimiter = "\t" if fmt == "tsv" else None
        self.records = max(1, records)
        self.skip = skip
        self.read_size = max(1, read_size)
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
            columns, delimiter, line_no = tuple(header[0]), header[1], header[2]
            self.columns = columns
        if self.skip:
            line_no = self._skip(_decoded_lines(fh, self.path, line_no - 1), line_no, list(columns), delimiter)
        cutter = _Cutter(self.fmt, delimiter, self.records)
        # a quoted cell past the csv module's limit: the worker's reader stops there, as one
        # process's would, and the rest of the file is not held in memory first
        limit = csv.field_size_limit() + 2 if self.fmt == "csv" else None
        text = ""
        pos = 0  # where the next block starts in text
        at_end = False
        while True:
            cut, lines = cutter(text, pos)
            if cut == len(text) and not at_end:
                cut = pos  # the last record (or its line end, \r then \n) may go on in what follows
            if cut == pos:
                if not at_end and (limit is None or len(text) - pos <= limit):
                    more = self._read(fh, line_no + _line_count(text[pos:]))
                    at_end = not more
                    text = text[pos:] + more
                    pos = 0
                    continue
                cut = len(text)  # the rest of the file, or a cell past the limit: the reader says so
                if cut == pos:
                    return
                lines = _line_count(text[pos:cut])
            block = text[pos:cut]
            pos = cut
            yield Block(self.fmt, line_no, block, columns, delimiter)
            line_no += lines

    def _skip(self, lines: Iterator[str], line_no: int, columns: list[str], delimiter: str) -> int:
        """Pass over ``skip`` records; the number of the line after them."""
        counted = _Counting(lines)
        rows = (jsonl_rows(counted, first_line=line_no) if self.fmt == "jsonl"
                else csv_rows(counted, columns, delimiter, self.path, first_line=line_no))
        for n, _ in enumerate(rows, start=1):
            if n >= self.skip:
                break
        return line_no + counted.read

    def _read(self, fh: Any, line_no: int) -> str:
        try:
            return fh.read(self.read_size)
        except UnicodeDecodeError:
            raise _decode_guard(self.path, line_no) from None


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
