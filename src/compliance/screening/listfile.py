"""Reading and writing list files of a rule pack: CSV with a ``# key: value`` comment header.

The format is the one of docs/rule-language.md::

    # source: DHS Forced Labor Enforcement Task Force, UFLPA Entity List
    # url: https://www.dhs.gov/uflpa-entity-list
    # edition: 2026-08-03
    # description: ...
    name,aliases,name_zh,...
    "Xinjiang Zhongtai Chemical Co., Ltd.",,新疆中泰化学股份有限公司,...

The engine reads list files itself; these helpers serve the screening tools and their tests.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path
from typing import Iterable, Mapping, Sequence

HEADER_ORDER = ("source", "url", "edition", "description")


class ListFileError(ValueError):
    """A list file that cannot be read: names the file and the line."""

    def __init__(self, message: str, path: Path | str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


def parse_list_text(text: str, path: Path | str = "<list>") -> tuple[dict[str, str], list[dict[str, str]]]:
    """Parse the text of a CSV list file into its header and its rows."""
    lines = text.splitlines(keepends=True)
    header: dict[str, str] = {}
    start = 0
    while start < len(lines) and lines[start].startswith("#"):
        key, sep, value = lines[start][1:].partition(":")
        if sep:
            header[key.strip().lower()] = value.strip()
        start += 1
    reader = csv.reader(io.StringIO("".join(lines[start:])))
    try:
        columns = [c.strip() for c in next(reader)]
    except StopIteration:
        raise ListFileError("no column header row", path, start + 1) from None
    rows: list[dict[str, str]] = []
    for offset, values in enumerate(reader):
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(columns):
            raise ListFileError(f"{len(values)} values for {len(columns)} columns", path,
                                start + 2 + offset)
        row = {c: "" for c in columns}
        row.update({c: v.strip() for c, v in zip(columns, values)})
        rows.append(row)
    return header, rows


def load_list_rows(path: Path | str) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Read a CSV list file: ``(header, rows)``, each row a dict of column to text."""
    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise ListFileError("only CSV list files are read here", path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ListFileError(exc.strerror or "cannot be read", path) from None
    return parse_list_text(text, path)


def format_list(header: Mapping[str, str], columns: Sequence[str],
                rows: Iterable[Mapping[str, str]]) -> str:
    """Render a list file: the ``#`` header (source, url, edition, description first), then CSV."""
    out = io.StringIO()
    keys = [k for k in HEADER_ORDER if k in header] + [k for k in header if k not in HEADER_ORDER]
    for key in keys:
        value = " ".join(str(header[key]).split())
        out.write(f"# {key}: {value}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue()


def write_list(path: Path | str, header: Mapping[str, str], columns: Sequence[str],
               rows: Iterable[Mapping[str, str]]) -> None:
    """Write a list file atomically (a reader never sees half a file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = format_list(header, columns, rows)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
