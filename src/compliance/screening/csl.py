"""Importing the trade.gov Consolidated Screening List (CSL) as a list file of a rule pack.

The CSL merges the export-control and sanctions lists of Commerce (BIS Entity List, Denied
Persons, Unverified, Military End User), State (ITAR Debarred, Nonproliferation Sanctions) and
Treasury (OFAC SDN and non-SDN lists). A user downloads the CSV from
https://www.trade.gov/consolidated-screening-list (no network access is needed here) and runs
``compliance lists import consolidated.csv --out my-pack/lists``. The result, ``csl.csv``, is an
entity list that rules can name (``party_listed: {list: csl, min_score: 92}``) and that
``compliance screen`` searches.

Input columns (trade.gov CSV): ``_id, source, entity_number, type, programs, name, title,
addresses, federal_register_notice, start_date, end_date, standard_order, license_requirement,
license_policy, call_sign, vessel_type, gross_tonnage, gross_registered_tonnage, vessel_flag,
vessel_owner, remarks, source_list_url, alt_names, citizenships, dates_of_birth, nationalities,
places_of_birth, source_information_url, ids``. Only ``name`` and ``source`` are required;
leading ``#`` comment lines are skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

from .listfile import ListFileError, write_list

CSL_URL = "https://www.trade.gov/consolidated-screening-list"
OUTPUT_NAME = "csl.csv"
#: Columns of the list file written, in order.
COLUMNS = ("name", "aliases", "source_list", "programs", "type", "country", "addresses",
           "start_date", "end_date", "federal_register_notice", "license_requirement",
           "source_url", "entity_number", "csl_id")
_REQUIRED = ("name", "source")
_COUNTRY_AT_END = re.compile(r",\s*([A-Z]{2})\s*$")


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def countries_of(row: dict[str, str]) -> list[str]:
    """ISO alpha-2 codes of a CSL row: from its addresses (", CN" at the end), then nationality."""
    found: list[str] = []
    for address in _split(row.get("addresses", "")):
        m = _COUNTRY_AT_END.search(address)
        if m and m.group(1) not in found:
            found.append(m.group(1))
    for col in ("nationalities", "citizenships"):
        for code in _split(row.get(col, "")):
            code = code.upper()
            if len(code) == 2 and code.isalpha() and code not in found:
                found.append(code)
    return found


def convert_rows(text: str, source: str = "<csl>") -> list[dict[str, str]]:
    """Turn the text of a trade.gov CSL CSV into rows of the ``csl`` list file."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    skipped = 0
    while lines and lines[0].startswith("#"):
        lines.pop(0)
        skipped += 1
    reader = csv.DictReader(io.StringIO("".join(lines)))
    fields = [f.strip() for f in (reader.fieldnames or [])]
    missing = [c for c in _REQUIRED if c not in fields]
    if missing:
        raise ListFileError(f"not a Consolidated Screening List CSV: no column {', '.join(missing)}",
                            source, 1)
    out: list[dict[str, str]] = []
    for raw in reader:
        if None in raw:
            raise ListFileError(f"{len(fields) + len(raw[None])} values for {len(fields)} columns",
                                source, skipped + reader.line_num)
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k}
        if not row.get("name"):
            continue
        out.append({
            "name": row["name"],
            "aliases": "; ".join(_split(row.get("alt_names", ""))),
            "source_list": row.get("source", ""),
            "programs": "; ".join(_split(row.get("programs", ""))),
            "type": row.get("type", ""),
            "country": "; ".join(countries_of(row)),
            "addresses": row.get("addresses", ""),
            "start_date": row.get("start_date", ""),
            "end_date": row.get("end_date", ""),
            "federal_register_notice": row.get("federal_register_notice", ""),
            "license_requirement": row.get("license_requirement", ""),
            "source_url": row.get("source_information_url") or row.get("source_list_url") or CSL_URL,
            "entity_number": row.get("entity_number", ""),
            "csl_id": row.get("_id", ""),
        })
    out.sort(key=lambda r: (r["source_list"], r["name"].casefold(), r["csl_id"]))
    return out


def import_csl(src_path: Path | str, out_path: Path | str, edition: str | None = None) -> int:
    """Convert a downloaded CSL CSV into a list file; return the number of entries written.

    ``out_path`` is a folder (``csl.csv`` is written in it) or a file path ending in ``.csv``.
    ``edition`` defaults to the date the downloaded file was last modified.
    """
    src = Path(src_path)
    try:
        text = src.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError as exc:
        raise ListFileError(exc.strerror or "cannot be read", src) from None
    rows = convert_rows(text, str(src))
    out = Path(out_path)
    if out.suffix.lower() != ".csv":
        out = out / OUTPUT_NAME
    if edition is None:
        edition = dt.datetime.fromtimestamp(src.stat().st_mtime, dt.timezone.utc).date().isoformat()
    header = {
        "source": "U.S. International Trade Administration, Consolidated Screening List (CSL)",
        "url": CSL_URL,
        "edition": edition,
        "description": (f"Export-control and sanctions lists of Commerce, State and Treasury, "
                        f"imported from {src.name} ({len(rows)} entries). Screen with "
                        f"party_listed: {{list: {out.stem}}}."),
    }
    write_list(out, header, COLUMNS, rows)
    return len(rows)
