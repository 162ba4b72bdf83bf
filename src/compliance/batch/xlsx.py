"""Excel workbooks (``.xlsx``, ``.xlsm``) read as catalogue rows.

A catalogue is read from the workbook's first sheet, as the cells show their values:

* a number shown with leading zeros by its number format (``00000``: SKUs and item numbers
  kept as numbers) is read as the digits shown, ``00123``, not as ``123``;
* a formula is read as the result the workbook saved with it. A workbook written by a
  program that does not compute formulas (openpyxl, for one) saves none; such a cell is read
  as :data:`~compliance.batch.mapping.UNSAVED`, which makes the row an error if the column
  maps to a profile field, rather than as an empty cell that would quietly leave the
  customs value or the HTS code out.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any, Iterator

from ..errors import InputError
from .mapping import UNSAVED

_ZERO_PADDED = re.compile(r"0{2,}")
# a formula followed by no value, or an empty one, before its cell ends: the quick test that
# spares reading the sheet's XML a second time when no formula lacks its result
_FORMULA_WITHOUT_VALUE = re.compile(rb"(?:</(?:\w+:)?f>|<(?:\w+:)?f\b[^<>]*/>)\s*(?:<(?:\w+:)?v\s*/>|"
                                    rb"<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>")
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def read_rows(path: Path) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """The non-empty rows of the first sheet as (sheet row number, cell values)."""
    try:
        from openpyxl import load_workbook
    except ImportError:
        raise InputError("reading .xlsx needs openpyxl: pip install 'compliance-engine[excel]'",
                         file=str(path)) from None
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise InputError(f"cannot read the workbook: {exc}", file=str(path)) from None

    def gen() -> Iterator[tuple[int, tuple[Any, ...]]]:
        try:
            sheet = wb.worksheets[0]
            unsaved = _unsaved_formulas(path, getattr(sheet, "_worksheet_path", None))
            found = False
            padded = _has_zero_padded_format(wb)
            for row_no, row in enumerate(sheet.iter_rows(values_only=not padded), start=1):
                values = tuple([_shown(cell) for cell in row]) if padded else row
                if unsaved and row_no in unsaved:
                    values = _mark_unsaved(values, unsaved.pop(row_no))
                # formulas filled down below the data leave rows of nothing but unsaved results: blank
                if any(v is not None and v is not UNSAVED and str(v).strip() for v in values):
                    found = True
                    yield row_no, values
            if not found and len(wb.sheetnames) > 1:
                # a cover or notes sheet in front: reading nothing would look like an empty catalogue
                raise InputError(f"the first sheet, {wb.sheetnames[0]!r}, is empty: a catalogue is read from the "
                                 f"workbook's first sheet (its other sheets: {', '.join(wb.sheetnames[1:])}); "
                                 "move the catalogue's sheet first", file=str(path))
        finally:
            wb.close()
    return gen()


def _has_zero_padded_format(wb: Any) -> bool:
    """Whether a number format of the workbook pads with zeros: reading each cell's format
    costs about an eighth of the time of reading a sheet, so it is done only then."""
    formats = getattr(wb, "_number_formats", None)
    if formats is None:
        return True
    return any(isinstance(f, str) and _ZERO_PADDED.fullmatch(f) for f in formats)


def _shown(cell: Any) -> Any:
    value = cell.value
    kind = type(value)
    if (kind is int or (kind is float and value.is_integer())) and value >= 0:
        fmt = cell.number_format
        if fmt and fmt[0] == "0" and _ZERO_PADDED.fullmatch(fmt):
            return str(int(value)).zfill(len(fmt))
    return value


def _mark_unsaved(values: tuple[Any, ...], columns: set[int]) -> tuple[Any, ...]:
    width = max(len(values), max(columns) + 1)
    cells = list(values) + [None] * (width - len(values))
    for column in columns:
        cells[column] = UNSAVED
    return tuple(cells)


def _unsaved_formulas(path: Path, member: str | None) -> dict[int, set[int]] | None:
    """The cells of the sheet whose formula has no saved result, by row number and column
    index (from 0), or None when there are none."""
    if not member:
        return None
    with zipfile.ZipFile(path) as z:
        try:
            info = z.getinfo(member)
        except KeyError:
            return None
        if not _has_formula_without_value(z, info):
            return None
        from xml.etree.ElementTree import iterparse
        found: dict[int, set[int]] = {}
        with z.open(info) as fh:
            for _, elem in iterparse(fh):
                tag = elem.tag.rpartition("}")[2]
                if tag == "c":
                    if _lacks_result(elem):
                        ref = _CELL_REF.fullmatch(elem.get("r") or "")
                        if ref is not None:
                            found.setdefault(int(ref.group(2)), set()).add(_column_index(ref.group(1)))
                    elem.clear()
                elif tag == "row":
                    elem.clear()
        return found or None


def _has_formula_without_value(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    tail = b""
    with z.open(info) as fh:
        while True:
            block = fh.read(1 << 20)
            if not block:
                return False
            if _FORMULA_WITHOUT_VALUE.search(tail + block):
                return True
            tail = block[-512:]


def _lacks_result(cell: Any) -> bool:
    formula = value = None
    for child in cell:
        tag = child.tag.rpartition("}")[2]
        if tag == "f":
            formula = child
        elif tag == "v":
            value = child
    if formula is None:
        return False
    if value is None:
        return True
    # a formula whose result is empty text is saved as t="str" with an empty value
    return not (value.text or "").strip() and cell.get("t") not in ("str", "inlineStr")


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def last_row(path: Path) -> int | None:
    """The last row of the first sheet as the sheet's own ``<dimension>`` says, or None.

    Read from the file's XML, not through openpyxl: loading the workbook reads its shared
    strings, and a sheet without a dimension (as openpyxl's write-only mode makes them) would
    be scanned to the end, seconds for a large sheet, only to count it."""
    with zipfile.ZipFile(path) as z:
        sheet = re.search(rb'<(?:\w+:)?sheet\b[^>]*?\b\w+:id="([^"]+)"', z.read("xl/workbook.xml"))
        if sheet is None:
            return None
        target = None
        for rel in re.finditer(rb"<(?:\w+:)?Relationship\b[^>]*>", z.read("xl/_rels/workbook.xml.rels")):
            ident = re.search(rb'\bId="([^"]+)"', rel.group(0))
            where = re.search(rb'\bTarget="([^"]+)"', rel.group(0))
            if ident and where and ident.group(1) == sheet.group(1):
                target = where.group(1).decode()
        if target is None:
            return None
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        with z.open(name) as fh:
            head = fh.read(16384)  # the dimension comes before the sheet's data
    found = re.search(rb'<(?:\w+:)?dimension\s+ref="[A-Z]*(\d+)(?::[A-Z]*(\d+))?"', head)
    if found is None:
        return None
    return int(found.group(2) or found.group(1))
