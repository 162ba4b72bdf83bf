"""Reference lists: long lists that rules point at by name (HTS lists, entity lists, places)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import RulePackError
from .yamlio import load_file, read_text

HEADER_KEYS = ("source", "url", "edition", "description")


@dataclass
class ReferenceList:
    """A list file: its header (source, url, edition...) and its rows.

    CSV rows are parsed on first use: most lists are HTS lists of which only one column is
    ever read, and a cold start should not pay for the rest.
    """

    name: str
    path: Path
    header: dict[str, str]
    columns: list[str]
    _rows: list[dict[str, str]] | None = None
    header_line: dict[str, int] = field(default_factory=dict)
    _hts: frozenset[str] | None = None
    _body: str | None = None
    _body_line: int = 0

    @property
    def rows(self) -> list[dict[str, str]]:
        if self._rows is None:
            self._rows = _parse_rows(self.path, self.columns, self._body or "", self._body_line)
            self._body = None
        return self._rows

    @property
    def hts_prefixes(self) -> frozenset[str]:
        """The `hts` column as digit strings (dots removed)."""
        if self._hts is None:
            if "hts" not in self.columns:
                raise RulePackError(f"list '{self.name}' has no `hts` column", file=str(self.path), line=1)
            if self._rows is None and self._body is not None:
                col = self.columns.index("hts")
                values = (r[col] for r in csv.reader(io.StringIO(self._body)) if len(r) > col)
            else:
                values = (r.get("hts", "") for r in self.rows)
            self._hts = frozenset(v.replace(".", "").strip() for v in values if v.strip())
        return self._hts

    def hts_windows(self) -> dict[str, tuple[tuple[dt.date | None, dt.date | None], ...]] | None:
        """For a list with `from`/`to` columns: the dates each HTS entry is on the list."""
        if "from" not in self.columns and "to" not in self.columns:
            return None
        out: dict[str, list[tuple[dt.date | None, dt.date | None]]] = {}
        for i, row in enumerate(self.rows):
            hts = row.get("hts", "").replace(".", "").strip()
            if not hts:
                continue
            try:
                start = dt.date.fromisoformat(row["from"]) if row.get("from") else None
                end = dt.date.fromisoformat(row["to"]) if row.get("to") else None
            except ValueError as exc:
                raise RulePackError(f"list '{self.name}' row {i + 1}: {exc}", file=str(self.path)) from None
            out.setdefault(hts, []).append((start, end))
        return {k: tuple(v) for k, v in out.items()}

    def missing_header(self) -> list[str]:
        return [k for k in ("source", "url", "edition") if not self.header.get(k)]


def load_list(path: Path) -> ReferenceList:
    """Read a CSV list (with `# key: value` header lines) or a YAML list."""
    if path.suffix in (".yaml", ".yml"):
        return _load_yaml_list(path)
    return _load_csv_list(path)


def _load_csv_list(path: Path) -> ReferenceList:
    text = read_text(path)
    header: dict[str, str] = {}
    header_line: dict[str, int] = {}
    lines = text.splitlines(keepends=True)
    start = 0
    for start, line in enumerate(lines):
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].partition(":")
        if sep:
            header[key.strip().lower()] = value.strip()
            header_line[key.strip().lower()] = start + 1
    else:
        start = len(lines)
    if start >= len(lines):
        raise RulePackError("list has no column header row", file=str(path), line=start + 1)
    columns = [c.strip() for c in next(csv.reader([lines[start]]))]
    body = "".join(lines[start + 1:])
    lst = ReferenceList(path.stem, path, header, columns, None, header_line)
    lst._body, lst._body_line = body, start + 2
    return lst


def _parse_rows(path: Path, columns: list[str], body: str, first_line: int) -> list[dict[str, str]]:
    rows = []
    for lineno, values in enumerate(csv.reader(io.StringIO(body)), start=first_line):
        if not values or not any(v.strip() for v in values):
            continue
        if len(values) > len(columns):
            raise RulePackError(f"row has {len(values)} values for {len(columns)} columns",
                                file=str(path), line=lineno)
        rows.append({c: v.strip() for c, v in zip(columns, values)})
    return rows


def _load_yaml_list(path: Path) -> ReferenceList:
    located = load_file(path)
    data: Any = located.data
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise located.error((), "a YAML list is a mapping with `entries:` (a list of mappings)",
                            cls=RulePackError)
    header = {k: str(data[k]) for k in HEADER_KEYS if data.get(k) is not None}
    rows: list[dict[str, str]] = []
    columns: list[str] = []
    for i, entry in enumerate(data["entries"]):
        if not isinstance(entry, dict):
            raise located.error(("entries", i), "each entry is a mapping", cls=RulePackError)
        row = {str(k): "; ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else str(v))
               for k, v in entry.items()}
        for k in row:
            if k not in columns:
                columns.append(k)
        rows.append(row)
    return ReferenceList(path.stem, path, header, columns, rows,
                         {k: located.position((k,))[0] or 1 for k in header})
