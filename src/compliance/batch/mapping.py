"""Columns of a catalogue mapped to the fields of a product profile.

A catalogue row is flat: ``sku, name, hts, origin, customs_value, manufacturer_name,
material:steel, fact:has_radio_transmitter ...``. :class:`ColumnMapping` turns such a row into
the mapping that :class:`compliance.Profile` validates, and remembers which column each field
came from so that an error names the column the user sees in the spreadsheet.

Targets a column can map to (the same names are recognised as column headers by default):

==============================  ==========================================================
``sku`` ``name`` ``hts``         the profile fields of the same name
``origin`` ``entry_date`` ``manufacture_date``
``customs_value``
``manufacturer_name``            the manufacturer (also ``_country``, ``_region``,
                                 ``_address``)
``supplier_name``                the first supplier (also ``_country``, ``_region``,
                                 ``_address``, ``_supplies``); ``supplier2_name`` ... the
                                 second and later suppliers
``material:NAME``                a material; the cell is its content value in USD, or
                                 ``x`` / ``yes`` / ``true`` for a material without a value
``materials``                    material names separated by ``;``
``fact:NAME``                    the answer to a declared fact (``true``, ``3``, ``class_ii``)
``qty:UNIT``                     a quantity in an HTS unit (``qty:kg``, ``qty:No.``)
``manufacturer`` ``suppliers``   nested values as a profile holds them (JSON Lines, YAML)
``facts`` ``quantities``
``ignore``                       the column is read and dropped
==============================  ==========================================================

Header names are compared after folding case and turning spaces and dashes into
underscores, so ``HTS``, ``Customs Value`` and ``customs-value`` all match; a few common
aliases are recognised too (:data:`ALIASES`). A column that matches nothing is ignored and
reported once (:attr:`ColumnMapping.unknown`).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..errors import InputError


class _Unsaved:
    """A spreadsheet formula whose result the workbook did not save (see :mod:`compliance.batch.xlsx`)."""

    _instance: "_Unsaved | None" = None

    def __new__(cls) -> "_Unsaved":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __reduce__(self) -> str:
        return "UNSAVED"  # one marker in every process the rows are sent to

    def __repr__(self) -> str:
        return "UNSAVED"


UNSAVED = _Unsaved()
UNSAVED_MESSAGE = ("a formula whose result the workbook did not save (it was written by a program that does not "
                   "compute formulas): open and save it in Excel or LibreOffice, or paste the values")

SCALARS = ("sku", "name", "hts", "origin", "entry_date", "manufacture_date", "customs_value")
PARTY_ATTRS = ("name", "country", "region", "address", "supplies")
NESTED = ("manufacturer", "suppliers", "materials", "facts", "quantities")
IGNORE = "ignore"

#: Common header spellings of ERP exports, folded, and the field they mean.
ALIASES: dict[str, str] = {
    "item": "sku", "item_number": "sku", "item_no": "sku", "part_number": "sku", "part_no": "sku",
    "product_id": "sku", "article": "sku", "article_number": "sku",
    "description": "name", "product_name": "name", "product": "name", "item_name": "name",
    "hts_code": "hts", "htsus": "hts", "hts_number": "hts", "htsus_code": "hts", "tariff_code": "hts",
    "hts_10": "hts", "hts10": "hts",
    "country_of_origin": "origin", "coo": "origin", "origin_country": "origin",
    "customs_value_usd": "customs_value", "value": "customs_value", "value_usd": "customs_value",
    "entered_value": "customs_value",
    "entry": "entry_date", "date_of_entry": "entry_date",
    "mfr_name": "manufacturer_name", "mfr_country": "manufacturer_country",
    "mfr_region": "manufacturer_region", "mfr_address": "manufacturer_address",
    "supplier": "suppliers",
}

DEFAULT_MAPPING_DOC = {
    **{f: f for f in SCALARS},
    **{f"manufacturer_{a}": f"manufacturer_{a}" for a in PARTY_ATTRS if a != "supplies"},
    **{f"supplier_{a}": f"supplier_{a}" for a in PARTY_ATTRS},
    "supplier2_name": "supplier2_name",
    "material:NAME": "material:NAME",
    "materials": "materials",
    "fact:NAME": "fact:NAME",
    "qty:UNIT": "qty:UNIT",
}

_SUPPLIER = re.compile(r"^supplier(\d*)_(name|country|region|address|supplies)$")
_MANUFACTURER = re.compile(r"^manufacturer_(name|country|region|address)$")


def _same(name: str, a: Any, b: Any) -> bool:
    """Two columns' values of one field are the same once read as the field reads them:
    8517.62.0090 and 8517620090, CN and cn."""
    if a == b:
        return True
    if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
        return False
    if name == "hts":
        from ..profile import normalize_hts
        try:
            return normalize_hts(a) == normalize_hts(b)
        except ValueError:
            return False
    if name in ("origin", "country"):
        return str(a).strip().upper() == str(b).strip().upper()
    return False


_FOLD = re.compile(r"[\s\-]+")
_MARK_TRUE = frozenset({"x", "yes", "y", "true", "1", "✓"})
_MARK_FALSE = frozenset({"no", "n", "false", "-"})
_LIST_SPLIT = re.compile(r"\s*[;|]\s*")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?\Z")  # 1,234,567.50

Target = tuple  # ("scalar", field) | ("party", role_index, attr) | ("material", name) | ...


def fold(column: str) -> str:
    """A header as compared: case folded, spaces and dashes as underscores."""
    return _FOLD.sub("_", str(column).strip()).casefold()


def parse_target(text: str) -> Target | None:
    """Read a mapping target (``hts``, ``material:steel``, ``supplier2_country`` ...).

    Returns None for a text that names no target.
    """
    raw = str(text).strip()
    head, sep, rest = raw.partition(":")
    if sep:
        kind = fold(head)
        rest = rest.strip()
        if not rest:
            return None
        if kind == "material":
            return ("material", rest)
        if kind == "fact":
            return ("fact", rest)
        if kind in ("qty", "quantity"):
            return ("qty", rest)
        return None
    key = fold(raw)
    key = ALIASES.get(key, key)
    if key in SCALARS:
        return ("scalar", key)
    if key == IGNORE or key == "-":
        return ("ignore",)
    if key == "materials":
        return ("materials",)
    if key in NESTED:
        return ("nested", key)
    m = _MANUFACTURER.match(key)
    if m:
        return ("party", "manufacturer", 0, m.group(1))
    m = _SUPPLIER.match(key)
    if m:
        n = int(m.group(1) or 1)
        if n < 1:
            return None
        return ("party", "suppliers", n - 1, m.group(2))
    return None


class ColumnMapping:
    """How the columns of one catalogue become profile fields.

    ``overrides`` maps a column name (exactly as in the header) to a target; a target of
    ``ignore`` (or ``None``) drops the column. Every other column goes through the default
    mapping described in this module's documentation.
    """

    def __init__(self, overrides: Mapping[str, str | None] | None = None, *, source: str = "--map") -> None:
        self.overrides: dict[str, Target] = {}
        for column, target in (overrides or {}).items():
            if target is None:
                self.overrides[str(column)] = ("ignore",)
                continue
            parsed = parse_target(str(target))
            if parsed is None:
                raise InputError(f"unknown target {target!r} for column {column!r} (expected one of "
                                 "sku, name, hts, origin, entry_date, manufacture_date, customs_value, "
                                 "manufacturer_name..., supplier_name..., material:NAME, fact:NAME, qty:UNIT, "
                                 "materials, ignore)",
                                 file=source, field=str(column))
            self.overrides[str(column)] = parsed
        # a header is matched as the default mapping matches it: case and spacing aside
        self._folded = {fold(c): t for c, t in self.overrides.items()}
        self._cache: dict[str, Target | None] = {}
        self.unknown: list[str] = []

    def check_columns(self, columns: Iterable[str], catalog: str) -> None:
        """Every column the overrides name is a column of the catalogue's header: a mistyped one
        would map nothing and leave its field empty in every row."""
        present = {fold(c) for c in columns}
        for column in self.overrides:
            if fold(column) not in present:
                shown = ", ".join(str(c) for c in columns)
                raise InputError(f"the mapping names column {column!r}, which the catalogue does not have "
                                 f"(its columns: {shown})", file=catalog, field="--map")

    def to_dict(self) -> dict[str, str]:
        """The overrides, as they can be written to a mapping file."""
        return {c: _target_text(t) for c, t in self.overrides.items()}

    def target(self, column: str) -> Target | None:
        found = self._cache.get(column, False)
        if found is not False:
            return found  # type: ignore[return-value]
        target = self.overrides.get(column)
        if target is None:
            target = self._folded.get(fold(column))
        if target is None:
            target = parse_target(column)
            if target is None and column not in self.unknown and str(column).strip():
                self.unknown.append(column)
        self._cache[column] = target
        return target

    def apply(self, record: Mapping[str, Any], track: bool = True) -> tuple[dict[str, Any], dict[str, str]]:
        """The profile mapping of one row, and for each field path the column it came from
        (left empty unless ``track``: a catalogue run asks only for a row whose profile is bad)."""
        data: dict[str, Any] = {}
        source: dict[str, str] = {}
        parties: dict[tuple[str, int], dict[str, Any]] = {}
        materials: list[dict[str, Any]] = []
        targets = self._cache
        for column, value in record.items():
            if not value and (value is None or value == ""):  # most cells of a wide sheet are empty
                continue
            target = targets.get(column, False)
            if target is False:
                target = self.target(column)
            if target is None or target[0] == "ignore":
                continue
            if type(value) is str:
                value = value.strip()
                if not value:
                    continue
            elif isinstance(value, float) and value != value:  # NaN (pandas)
                continue
            elif value is UNSAVED:
                raise InputError(UNSAVED_MESSAGE, field=column)
            kind = target[0]
            if kind == "scalar":
                name = target[1]
                if name == "hts":
                    value = _hts_cell(value)
                elif name == "customs_value":
                    value = _number(value)
                elif name in ("entry_date", "manufacture_date") and isinstance(value, dt.datetime):
                    value = value.date()
                elif name in ("sku", "name") and isinstance(value, float) and value.is_integer():
                    value = int(value)
                if name in data and not _same(name, data[name], value):
                    self._only_once(record, target, column)
                data[name] = value
                if track:
                    source[name] = column
            elif kind == "party":
                _, role, index, attr = target
                party = parties.setdefault((role, index), {})
                if attr == "supplies":
                    value = _split(value)
                elif not isinstance(value, (dict, list)):  # an object is refused, not turned into text
                    value = str(value)
                if attr in party and not _same(attr, party[attr], value):
                    self._only_once(record, target, column)
                party[attr] = value
                where = role if role == "manufacturer" else f"{role}[{index}]"
                if track:
                    source[f"{where}.{attr}"] = column
                    source.setdefault(where, column)
            elif kind == "material":
                mark = _material_cell(value)
                if mark is False:
                    continue
                entry: dict[str, Any] = {"name": target[1]}
                if mark is not True:
                    entry["content_value"] = mark
                if track:
                    source[f"materials[{len(materials)}]"] = column
                    source[f"materials[{len(materials)}].content_value"] = column
                materials.append(entry)
            elif kind == "materials":
                if isinstance(value, list):
                    names = value
                else:
                    names = _split(value)
                for n in names:
                    if track:
                        source[f"materials[{len(materials)}]"] = column
                    materials.append(n if isinstance(n, dict) else {"name": str(n)})
            elif kind == "fact":
                facts = data.setdefault("facts", {})
                if target[1] in facts and facts[target[1]] != value:
                    self._only_once(record, target, column)
                facts[target[1]] = value
                if track:
                    source[f"facts.{target[1]}"] = column
            elif kind == "qty":
                quantities = data.setdefault("quantities", {})
                value = _number(value)
                if target[1] in quantities and quantities[target[1]] != value:
                    self._only_once(record, target, column)
                quantities[target[1]] = value
                if track:
                    source[f"quantities.{target[1]}"] = column
            elif kind == "nested":
                name = target[1]
                if name in ("facts", "quantities") and isinstance(value, dict) and name in data:
                    data[name] = {**value, **data[name]}
                elif name == "suppliers" and isinstance(value, (list, str)):
                    for i, s in enumerate(_split(value) if isinstance(value, str) else value):
                        parties[("suppliers", i)] = {**(s if isinstance(s, dict) else {"name": str(s)}),
                                                     **parties.get(("suppliers", i), {})}
                elif name == "manufacturer" and isinstance(value, (dict, str)):
                    given = value if isinstance(value, dict) else {"name": value}
                    parties[("manufacturer", 0)] = {**given, **parties.get(("manufacturer", 0), {})}
                else:
                    data[name] = dict(value) if isinstance(value, dict) else value
                if track:
                    source[name] = column
        if materials:
            data["materials"] = materials + list(data.get("materials") or [])
        for (role, index), party in sorted(parties.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            if role == "manufacturer":
                data["manufacturer"] = party
            else:
                suppliers = data.setdefault("suppliers", [])
                while len(suppliers) <= index:
                    suppliers.append(None)
                suppliers[index] = party
        if "suppliers" in data and isinstance(data["suppliers"], list):
            data["suppliers"] = [s for s in data["suppliers"] if s is not None]
        return data, source

    def _only_once(self, record: Mapping[str, Any], target: Target, column: str) -> None:
        """Stop a row in which two columns give one field different values: which one is meant
        is not for the engine to guess (an ERP export with both `HTS` and `HTS Code`, say). A
        flat column still refines a nested value (`manufacturer` then `manufacturer_name`)."""
        first = next((c for c in record if c != column and self._cache.get(c) == target), None)
        if first is not None:
            raise InputError(f"columns {first!r} and {column!r} both give {_target_text(target)}, with "
                             f"different values; keep one, or drop the other with --map '{column}=ignore'",
                             field=column)


def column_of(field: str | None, source: Mapping[str, str]) -> str | None:
    """The catalogue column a profile field path (``materials[0].content_value``) came from."""
    if not field:
        return None
    path = field
    while path:
        if path in source:
            return source[path]
        cut = max(path.rfind("."), path.rfind("["))
        if cut <= 0:
            break
        path = path[:cut]
    return None


def load_mapping(path: Path | str | None = None, pairs: Iterable[str] = ()) -> ColumnMapping:
    """A mapping from a YAML/JSON file of ``column: target`` and ``column=target`` pairs."""
    overrides: dict[str, str | None] = {}
    source = "--map"
    if path is not None:
        from ..yamlio import load_file
        located = load_file(path)
        data = located.data
        if isinstance(data, dict) and isinstance(data.get("columns"), dict):
            data = data["columns"]
        if not isinstance(data, dict):
            raise located.error((), "a mapping file holds `column: target` pairs")
        for k, v in data.items():
            if v is not None and not isinstance(v, str):
                raise located.error((k,), "expected a target name such as hts or fact:NAME")
            overrides[str(k)] = v
        source = str(path)
    given: dict[str, str | None] = {}
    for pair in pairs:
        column, sep, target = pair.rpartition("=")
        if not sep or not column:
            raise InputError(f"expected COLUMN=FIELD, got {pair!r}", field="--map")
        given[column] = target or None
    ColumnMapping(given)  # a bad target given on the command line is named there, not in the file
    return ColumnMapping({**overrides, **given}, source=source)


def _target_text(t: Target) -> str:
    kind = t[0]
    if kind == "scalar" or kind == "nested":
        return t[1]
    if kind in ("material", "fact", "qty"):
        return f"{kind}:{t[1]}"
    if kind == "party":
        if t[1] == "manufacturer":
            return f"manufacturer_{t[3]}"
        return f"supplier{'' if t[2] == 0 else t[2] + 1}_{t[3]}"
    return kind


def _split(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [p for p in _LIST_SPLIT.split(str(value)) if p]


def _number(value: Any) -> Any:
    """`1,234.50`, `$ 1234.5`, `1234.5 USD` -> 1234.5; other text is left for validation to name.

    A comma is read only as a thousands separator in groups of three (`1,234,567.5`): `12,5`
    or `1.234,50` (a decimal comma) is refused rather than read as 125 or 1.2345."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.replace("$", "").strip()
        if text.upper().endswith("USD"):
            text = text[:-3].strip()
        if "," in text:
            if not _GROUPED.match(text):
                return value
            text = text.replace(",", "")
        try:
            return float(text)
        except ValueError:
            return value
    return value


def _hts_cell(value: Any) -> Any:
    """HTS codes kept as numbers by a spreadsheet lose their leading zero; put it back (also
    where the number was then exported as text: 9 or 7 digits without dots)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        if len(text) in (7, 9):
            text = "0" + text
        return text
    if isinstance(value, str) and len(value) in (7, 9) and value.isascii() and value.isdigit():
        return "0" + value
    return value


def _material_cell(value: Any) -> Any:
    """True (present, no value), False (absent), or the content value."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value
    text = str(value).strip()
    low = text.casefold()
    if low in _MARK_TRUE and low != "1":
        return True
    if low in _MARK_FALSE:
        return False
    number = _number(text)
    return number if not isinstance(number, str) else text
