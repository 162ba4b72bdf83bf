"""Reading catalogues: CSV, JSON Lines, YAML/JSON lists of profiles and Excel workbooks.

:func:`iter_records` streams the raw rows of a catalogue with their row numbers;
:func:`to_profile` maps and validates one of them; :func:`read_catalog` does both::

    from compliance.batch import read_catalog
    for item in read_catalog("catalog.csv"):
        if isinstance(item, compliance.InputError):
            print(item)            # catalog.csv:14: hts: expected an HTS code of 8 or 10 digits ...
        else:
            ...                    # a compliance.Profile

A problem with the whole file (not found, not UTF-8, a header with the same column twice)
raises :class:`compliance.InputError`; a bad row is yielded as its error, located at the
file, the row (the line of a text file, the sheet row of a workbook) and the column.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from ..errors import InputError
from ..profile import Profile, profile_from_data
from ..yamlio import Located, dotted
from .mapping import NESTED, ColumnMapping, column_of

FORMATS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
           ".json": "json", ".yaml": "yaml", ".yml": "yaml", ".xlsx": "xlsx", ".xlsm": "xlsx"}

csv.field_size_limit(10 * 1024 * 1024)


@dataclass(slots=True)
class Record:
    """One row of a catalogue, before mapping."""

    index: int                       # position among the catalogue's records, from 0
    row: int                         # line of a text file, row of a sheet (from 1)
    values: dict[str, Any] | None    # column -> cell (a CSV row: its non-empty cells)
    error: str | None = None         # the row could not be read at all (a bad JSON line)
    columns: tuple[str, ...] | None = None  # the header, on the first row of a CSV file
    lines: dict[tuple, int] | None = None   # a YAML or JSON entry: the line of each of its values


def catalog_format(path: Path | str) -> str:
    """The format of a catalogue file, from its extension."""
    suffix = Path(path).suffix.casefold()
    fmt = FORMATS.get(suffix)
    if fmt is None:
        known = ", ".join(FORMATS)
        hint = "; Parquet is an output format: convert the catalogue to CSV or JSON Lines" if suffix == ".parquet" else ""
        raise InputError(f"unknown catalogue format {suffix or '(no extension)'!r}; expected one of {known}{hint}",
                         file=str(path))
    return fmt


# a quote that may open a cell, then a line end before any closing quote: a cell that may hold
# line breaks, so that lines and records differ (any delimiter: a false alarm only costs a count)
_SPANS_LINES = re.compile(rb'"(?<![^,;\t\r\n]")(?:[^"\r\n]++|"")*+[\r\n]')


def _check_file(path: Path) -> None:
    if not path.exists():
        raise InputError("file not found", file=str(path))
    if path.is_dir():
        raise InputError("is a folder, not a file", file=str(path))


def iter_records(path: Path | str, fmt: str | None = None) -> Iterator[Record]:
    """The raw records of a catalogue, in file order, lazily for CSV, JSON Lines and Excel."""
    path = Path(path)
    fmt = fmt or catalog_format(path)
    _check_file(path)
    if fmt in ("csv", "tsv"):
        return _csv_records(path, "\t" if fmt == "tsv" else None)
    if fmt == "jsonl":
        return _jsonl_records(path)
    if fmt in ("json", "yaml"):
        return _document_records(path)
    if fmt == "xlsx":
        return _xlsx_records(path)
    raise InputError(f"unknown catalogue format {fmt!r}", file=str(path))


def count_records(path: Path | str, fmt: str | None = None) -> int | None:
    """The number of records (for a progress bar and a stopped run's message), or None.

    Lines are counted (blank ones too: the total can be a little above the rows evaluated); a
    CSV whose cells hold line breaks is read to count its records."""
    path = Path(path)
    fmt = fmt or catalog_format(path)
    try:
        if fmt in ("csv", "tsv", "jsonl"):
            lines, last, spans, carry = 0, b"\n", False, b""
            with path.open("rb") as fh:
                while True:
                    block = fh.read(1 << 20)
                    if not block:
                        break
                    lines += block.count(b"\n")
                    if fmt != "jsonl" and not spans:
                        text = carry + block  # a cell opened at the end of the last block goes on here
                        spans = b'"' in text and _SPANS_LINES.search(text) is not None
                        carry = text[text.rfind(b"\n") + 1:][-65536:]
                    last = block[-1:]
            lines += last != b"\n"
            if spans:  # cells that hold line breaks: the records, as the run will read them
                return sum(1 for _ in iter_records(path, fmt))
            return max(lines - (1 if fmt != "jsonl" else 0), 0)
        if fmt == "xlsx":
            from .xlsx import last_row
            last = last_row(path)
            return None if last is None else max(last - 1, 0)
    except Exception:  # an estimate only
        return None
    return None


# ---------------------------------------------------------------------------- text formats

def _open_text(path: Path):
    return path.open("r", encoding="utf-8-sig", newline="")


def _decode_guard(path: Path, row: int):
    """The error for a file that is not UTF-8, naming the line of its first bad byte (text is
    decoded ahead of the line being read, so ``row`` may come before it)."""
    return InputError("not UTF-8 text (save the file as UTF-8 CSV)", file=str(path),
                      line=_undecodable_line(path) or row)


def _undecodable_line(path: Path) -> int | None:
    """The line of a file's first byte that is not UTF-8, counting lines as the reader does
    (\n, \r\n and a lone \r end one); None if there is none or the file cannot be read."""
    def lone_cr(data: bytes) -> int:
        return data.count(b"\r") - data.count(b"\r\n")
    line = 1
    try:
        with Path(path).open("rb") as fh:
            for n, raw in enumerate(fh):  # a UTF-8 character never holds the byte of \n
                try:
                    raw.decode("utf-8-sig" if n == 0 else "utf-8")
                except UnicodeDecodeError as exc:
                    start = exc.start + (3 if n == 0 and raw.startswith(b"\xef\xbb\xbf") else 0)
                    return line + lone_cr(raw[:start])
                line += raw.endswith(b"\n") + lone_cr(raw)
    except OSError:
        return None
    return None


def _csv_records(path: Path, delimiter: str | None) -> Iterator[Record]:
    with _open_text(path) as fh:
        header = csv_header(fh, path, delimiter)
        if header is None:
            return
        columns, delimiter, first_line = header
        yield from csv_rows(fh, columns, delimiter, path, first_line=first_line, first=True)


def csv_header(fh: Any, path: Path, delimiter: str | None) -> tuple[list[str], str, int] | None:
    """The columns of a CSV file, its delimiter (sniffed from the header when None) and the
    number of the line after the header, read from ``fh``; blank lines before the header are
    passed over, as the Excel reader passes over empty rows. None for a file of blank lines."""
    line_no = 0
    for first in _decoded_lines(fh, path):  # reads a line at a time: fh stops after the header
        line_no += 1
        if not _blank_line(first, delimiter):
            break
    else:
        return None
    if delimiter is None:
        delimiter = ";" if first.count(";") > first.count(",") and "\t" not in first else \
            ("\t" if first.count("\t") > first.count(",") else ",")
    header = next(csv.reader([first], delimiter=delimiter))
    columns = [h.strip() for h in header]
    seen: set[str] = set()
    for c in columns:
        if c and c in seen:
            raise InputError(f"column {c!r} appears twice in the header", file=str(path), line=line_no, field=c)
        seen.add(c)
    return columns, delimiter, line_no + 1


def _blank_line(line: str, delimiter: str | None) -> bool:
    """No text on the line but delimiters: a spreadsheet saves an empty row as ``,,,``."""
    for d in delimiter or ",;":
        line = line.replace(d, "")
    return not line.strip()


def csv_rows(lines: Iterable[str], columns: list[str], delimiter: str, path: Path | str, *,
             first_line: int, first: bool = False) -> Iterator[Record]:
    """The records of CSV ``lines`` whose first line is line ``first_line`` of the file, indexed
    from 0; blank rows are skipped. ``first``: the lines follow the header (the first record
    carries the header's columns)."""
    reader = csv.reader(lines, delimiter=delimiter)
    width = len(columns)
    header_columns = tuple(columns) if first else None
    base = first_line - 1
    end = base
    index = 0
    while True:
        start = end + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError:
            raise _decode_guard(Path(path), start) from None
        except csv.Error as exc:
            # the record that could not be read starts here, whatever line the reader stopped on
            raise InputError(f"CSV error: {exc}", file=str(path), line=start) from None
        end = reader.line_num + base
        if not cells or not any(c.strip() for c in cells):
            continue
        swallowed = _rows_swallowed(cells, delimiter, width) if end > start else 0
        if swallowed:
            yield Record(index, start, None,
                         f"a quote opened in this row is never closed: the cell runs over {swallowed} "
                         "lines of the file (the rows after it are read as its text)",
                         columns=header_columns if index == 0 else None)
        elif len(cells) > width and any(c.strip() for c in cells[width:]):
            yield Record(index, start, None,
                         f"row has {len(cells)} values but the header has {width} columns",
                         columns=header_columns if index == 0 else None)
        else:
            # a wide sheet is mostly empty cells: only the others are mapped
            yield Record(index, start, {c: v for c, v in zip(columns, cells) if v},
                         columns=header_columns if index == 0 else None)
        index += 1


_LINE_END = re.compile(r"\r\n?|\n")


def _rows_swallowed(cells: list[str], delimiter: str, width: int) -> int:
    """The lines of a cell that holds rows of the catalogue, or 0.

    A quote left open at the start of a cell makes the rows after it the cell's text, up to
    the next quote (or the end of the file). Such a cell is told from a cell that holds line
    breaks on purpose (an address) by a line after its first holding as many delimiters as a
    row: ``width - 1``, and at least two, so that a narrow sheet's "Springfield, IL" is text.
    """
    least = max(width - 1, 2)
    for cell in cells:
        lines = _LINE_END.split(cell)
        if any(line.count(delimiter) >= least for line in lines[1:]):
            return len(lines) - (not lines[-1])  # a cell run to the end of the file ends in a line end
    return 0


def _jsonl_records(path: Path) -> Iterator[Record]:
    with _open_text(path) as fh:
        yield from jsonl_rows(_decoded_lines(fh, path), first_line=1)


def _decoded_lines(fh: Any, path: Path, line_no: int = 0) -> Iterator[str]:
    """The lines of a text file after line ``line_no``; a decoding error names its line."""
    while True:
        try:
            line = fh.readline()
        except UnicodeDecodeError:
            raise _decode_guard(path, line_no + 1) from None
        if not line:
            return
        line_no += 1
        yield line


def jsonl_rows(lines: Iterable[str], *, first_line: int) -> Iterator[Record]:
    """The records of JSON Lines whose first is line ``first_line`` of the file, indexed from
    0; blank lines are skipped."""
    index = 0
    for line_no, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        value, error = _json_value(line)
        if error is None and not isinstance(value, dict):
            error = "a line holds one profile: a JSON object"
        yield Record(index, line_no, None if error else value, error)
        index += 1


def _json_value(line: str) -> tuple[Any, str | None]:
    """The value of a JSON line, or why it cannot be read."""
    try:
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            return None, f"JSON syntax error: {exc.msg} (column {exc.colno})"
        except ValueError:  # an integer of more digits than Python converts
            return None, _too_long(line)
        # only an escape makes a lone surrogate, which no output can encode
        bad = _find(value, _surrogate) if "\\u" in line and _SURROGATE_ESCAPE.search(line) else None
    except RecursionError:
        return None, "JSON nested too deeply"
    if bad is not None:
        where, char = bad[0], _surrogate(bad[1])
        where = where.encode("utf-8", "backslashreplace").decode("utf-8")  # a key may hold it
        return None, f"{where or 'value'}: not valid Unicode (a lone surrogate escape \\u{ord(char):04x})"
    return value, None


_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _surrogate(item: Any) -> str | None:
    found = _SURROGATE.search(item) if isinstance(item, str) else None
    return found.group() if found else None


class _LongInt(str):
    """The digits of a JSON integer too long for ``int()``."""


def _long_int(digits: str) -> Any:
    try:
        return int(digits)
    except ValueError:
        return _LongInt(digits)


def _too_long(line: str) -> str:
    """The error of a JSON line holding an integer too long to read, naming its field."""
    limit = f"at most {sys.get_int_max_str_digits()} are read"
    bad = _find(json.loads(line, parse_int=_long_int), lambda item: isinstance(item, _LongInt))
    if bad is None:  # not found again (the limit was raised in between)
        return f"a number has too many digits ({limit})"
    where, digits = bad
    return f"{where or 'value'}: a number of {len(digits.lstrip('-'))} digits ({limit})"


def _find(value: Any, test: Any, path: tuple[str | int, ...] = ()) -> tuple[str, Any] | None:
    """The dotted path and the item of the first key or scalar of a JSON value that passes
    ``test``, or None."""
    if isinstance(value, dict):
        for k, v in value.items():
            found = (dotted(path + (k,)), k) if test(k) else _find(v, test, path + (k,))
            if found is not None:
                return found
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found = _find(v, test, path + (i,))
            if found is not None:
                return found
    elif test(value):
        return dotted(path), value
    return None


def _document_records(path: Path) -> Iterator[Record]:
    from ..yamlio import load_file
    located = load_file(path)
    data = located.data
    base: tuple[Any, ...] = ()
    if isinstance(data, dict) and isinstance(data.get("profiles"), list) and "hts" not in data:
        data, base = data["profiles"], ("profiles",)
    elif isinstance(data, dict):
        data = [data]
        base = None  # type: ignore[assignment]
    if data is None:
        return iter(())
    if not isinstance(data, list):
        raise located.error((), "expected a list of profiles")

    own = _lines_by_entry(located.positions, base)

    def gen() -> Iterator[Record]:
        for i, value in enumerate(data):
            where = base + (i,) if base is not None else ()
            line = located.position(where)[0] or 1
            if isinstance(value, dict):
                yield Record(i, line, value, lines=own.get(i))
            else:
                yield Record(i, line, None, "a profile is a mapping with at least hts and origin")
    return gen()


def _lines_by_entry(positions: dict[tuple, tuple], base: tuple | None) -> dict[int, dict[tuple, int]]:
    """The line of each value of each entry, by the value's path within its entry: an error in
    a long entry names the line of the value at fault, not the entry's first line."""
    out: dict[int, dict[tuple, int]] = {}
    if base is None:  # the document is one profile
        out[0] = {path: pos[0] for path, pos in positions.items() if pos[0] is not None}
        return out
    n = len(base)
    for path, (line, _) in positions.items():
        if len(path) > n and path[:n] == base and isinstance(path[n], int) and line is not None:
            out.setdefault(path[n], {})[path[n + 1:]] = line
    return out


def _xlsx_records(path: Path) -> Iterator[Record]:
    from .xlsx import read_rows
    rows = read_rows(path)

    def gen() -> Iterator[Record]:
        columns: list[str] | None = None
        index = 0
        for row_no, row in rows:
            if columns is None:
                columns = ["" if v is None else str(v).strip() for v in row]
                seen: set[str] = set()
                for c in columns:
                    if c and c in seen:
                        raise InputError(f"column {c!r} appears twice in the header", file=str(path),
                                         line=row_no, field=c)
                    seen.add(c)
                continue
            yield Record(index, row_no, {c: v for c, v in zip(columns, row) if c},
                         columns=tuple(columns) if index == 0 else None)
            index += 1
    return gen()


# ---------------------------------------------------------------------------- to profiles

class RowLocation(Located):
    """Locates profile errors at a catalogue row and the column the field came from.

    Which column each field came from is worked out again from the row when an error is
    located: most rows never need it."""

    __slots__ = ("row", "mapping", "values", "lines", "_source")

    def __init__(self, file: str, row: int, mapping: ColumnMapping, values: dict[str, Any],
                 lines: dict[tuple, int] | None = None) -> None:
        super().__init__(None, {}, file)
        self.row = row
        self.mapping = mapping
        self.values = values
        self.lines = lines
        self._source: dict[str, str] | None = None

    @property
    def source(self) -> dict[str, str]:
        if self._source is None:
            self._source = self.mapping.apply(self.values)[1]
        return self._source

    def position(self, path):  # type: ignore[override]
        return self.line_of(tuple(path)), None

    def line_of(self, path: tuple, column: str | None = None) -> int:
        """The row; in a YAML or JSON entry, the line of the value at ``path`` (or of the
        ``column`` it came from, or of its nearest parent)."""
        lines = self.lines
        if not lines:
            return self.row
        if column is not None and (column,) in lines:
            path = (column,) if path[:1] != (column,) else path
        while path and path not in lines:
            path = path[:-1]
        return lines.get(path, self.row)

    def error(self, path, message, code="E000", cls=InputError):  # type: ignore[override]
        path = tuple(path)
        field = dotted(path)
        column = column_of(field, self.source)
        if column is None or column in NESTED:
            column = field or None
        return cls(message, file=self.file, line=self.line_of(path, column), field=column, code=code)


def to_profile(record: Record, mapping: ColumnMapping, file: str) -> Profile:
    """The profile of one record; raises InputError located at the file, row and column.

    Later errors about the profile (an undeclared fact found by the engine) are located
    the same way.
    """
    if record.columns is not None:  # every column of the header, also those empty on this row
        for column in record.columns:
            mapping.target(column)
    if record.error is not None or record.values is None:
        raise InputError(record.error or "empty record", file=file, line=record.row)
    try:
        data, _ = mapping.apply(record.values, track=False)
    except InputError as exc:
        if exc.file is None:
            line = record.row
            if record.lines and exc.field is not None:
                line = record.lines.get((exc.field,), line)
            exc.located(file, line)
        raise
    where = RowLocation(file, record.row, mapping, record.values, record.lines)
    if "hts" not in data or "origin" not in data:
        missing = "hts" if "hts" not in data else "origin"
        raise where.error((missing,), "required field is missing (no column maps to it, or the cell is empty)")
    return profile_from_data(data, where, ())


def read_catalog(path: Path | str, mapping: ColumnMapping | dict[str, str] | None = None,
                 *, fmt: str | None = None) -> Iterator[Profile | InputError]:
    """Each product of a catalogue as a Profile, or the InputError of a bad row; lazily.

    ``mapping`` overrides the default column mapping (a :class:`ColumnMapping` or a dict of
    column to target).
    """
    if not isinstance(mapping, ColumnMapping):
        if mapping is not None and not isinstance(mapping, Mapping):
            raise TypeError(f"mapping: expected a ColumnMapping or a dict of column to field, "
                            f"got {type(mapping).__name__}")
        mapping = ColumnMapping(mapping)
    file = str(path)
    for record in iter_records(path, fmt):
        try:
            yield to_profile(record, mapping, file)
        except InputError as exc:
            yield exc
