"""Reference lists: long lists that rules point at by name (HTS lists, entity lists, places)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import RulePackError
from .yamlio import load_file, read_text

HEADER_KEYS = ("source", "url", "edition", "description")


@dataclass
class ReferenceList:
    """A list file: its header (source, url, edition...) and its rows."""

    name: str
    path: Path
    header: dict[str, str]
    columns: list[str]
    rows: list[dict[str, str]]
    header_line: dict[str, int] = field(default_factory=dict)
    _hts: frozenset[str] | None = None

    @property
    def hts_prefixes(self) -> frozenset[str]:
        """The `hts` column as digit strings (dots removed)."""
        if self._hts is None:
            if "hts" not in self.columns:
                raise RulePackError(f"list '{self.name}' has no `hts` column", file=str(self.path), line=1)
            self._hts = frozenset(
                r["hts"].replace(".", "").strip() for r in self.rows if r.get("hts", "").strip())
        return self._hts

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
    reader = csv.reader(io.StringIO("".join(lines[start:])))
    try:
        columns = [c.strip() for c in next(reader)]
    except StopIteration:
        raise RulePackError("list has no column header row", file=str(path), line=start + 1) from None
    rows = []
    for lineno, values in enumerate(reader, start=start + 2):
        if not values or not any(v.strip() for v in values):
            continue
        if len(values) > len(columns):
            raise RulePackError(f"row has {len(values)} values for {len(columns)} columns",
                                file=str(path), line=lineno)
        rows.append({c: v.strip() for c, v in zip(columns, values)})
    return ReferenceList(path.stem, path, header, columns, rows, header_line)


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
