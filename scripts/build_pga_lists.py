#!/usr/bin/env python3
"""Build the CBP HTS-to-agency (PGA) flag lists of the US rule pack.

Reads CBP's ACE HTS/PGA flag report (one row per HTS-10 number, up to ten
agency flag codes such as FD1, AQ2 or DE1) and writes one HTS list per flag
code into ``rules/lists/``: ``pga-fd1.csv``, ``pga-aq2.csv`` ... Each list has
the ``#`` header the rule language asks for (source, url, edition,
description) and an ``hts`` column with the 10-digit numbers, so that a rule
can say ``when: {hts_list: pga-fd1}``.

Standard library only. Output is deterministic (sorted, ``\\n`` line ends),
so a test can rebuild the lists and compare them byte for byte.

Usage:
    python scripts/build_pga_lists.py [--report CSV] [--out DIR] [--clean]

Defaults: the newest ``hts_pga_report_*.csv`` under
``<repo>/../shared/data/cbp-hts-pga/`` and ``<repo>/rules/lists/``.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REPORT_DIR = REPO_ROOT.parent / "shared" / "data" / "cbp-hts-pga"
DEFAULT_OUT_DIR = REPO_ROOT / "rules" / "lists"

LIST_PREFIX = "pga-"
SOURCE = "U.S. Customs and Border Protection, ACE HTS/PGA flag report (Harmonized Tariff Schedule with agency tariff flag codes)"
URL = "https://www.cbp.gov/document/guidance/agency-tariff-code-agency-program-cross-reference"

# Flag code -> (agency, meaning). Meanings follow CBP's ACE Agency Tariff Code
# Reference Guide (the cross reference between tariff flags and agency program
# codes used with the CATAIR PGA Message Set).
FLAG_MEANINGS: dict[str, tuple[str, str]] = {
    "AL1": ("USDA APHIS", "Lacey Act plant and plant product declaration data may be required"),
    "AL2": ("USDA APHIS", "Lacey Act plant and plant product declaration data required"),
    "AM2": ("USDA AMS", "shell egg data required"),
    "AM4": ("USDA AMS", "marketing order data required"),
    "AM6": ("USDA AMS", "peanut data required"),
    "AM7": ("USDA AMS", "organic (National Organic Program) data may be required"),
    "AM8": ("USDA AMS", "organic (National Organic Program) data required"),
    "AQ1": ("USDA APHIS", "APHIS Core data may be required"),
    "AQ2": ("USDA APHIS", "APHIS Core data required"),
    "AQX": ("USDA APHIS", "APHIS Core data may be required; no disclaim required"),
    "DE1": ("DEA", "DEA controlled substance and listed chemical data may be required"),
    "DT1": ("DOT NHTSA", "NHTSA HS-7 data may be required"),
    "DT2": ("DOT NHTSA", "NHTSA HS-7 data required"),
    "EH1": ("EPA", "hydrofluorocarbon (HFC) data may be required; only disclaim code A allowed"),
    "EH2": ("EPA", "hydrofluorocarbon (HFC) data required"),
    "EP1": ("EPA", "ozone-depleting substances data may be required"),
    "EP3": ("EPA", "vehicles and engines data may be required"),
    "EP5": ("EPA", "pesticides data may be required"),
    "EP7": ("EPA", "Toxic Substances Control Act (TSCA) data may be required"),
    "FD1": ("FDA", "FDA data may be required (FD&C Act 801(a))"),
    "FD2": ("FDA", "FDA data required (FD&C Act 801(a))"),
    "FD3": ("FDA", "FDA data and food prior notice may be required (FD&C Act 801(a), 801(m))"),
    "FD4": ("FDA", "FDA data and food prior notice required (FD&C Act 801(a), 801(m))"),
    "FS3": ("USDA FSIS", "FSIS data may be required"),
    "FS4": ("USDA FSIS", "FSIS data required"),
    "FW1": ("FWS", "Fish and Wildlife Service data may be required"),
    "FW2": ("FWS", "Fish and Wildlife Service data required"),
    "FW3": ("FWS", "Fish and Wildlife Service data may be required; disclaim only with code C or D"),
    "NM1": ("NOAA NMFS", "NOAA Form 370 (tuna tracking) data may be required"),
    "NM2": ("NOAA NMFS", "NOAA Form 370 (tuna tracking) data required"),
    "NM4": ("NOAA NMFS", "Antarctic Marine Living Resources data required"),
    "NM5": ("NOAA NMFS", "Highly Migratory Species data may be required"),
    "NM6": ("NOAA NMFS", "Highly Migratory Species data required"),
    "NM8": ("NOAA NMFS", "Seafood Import Monitoring Program data required"),
    "OM2": ("Department of State", "Office of Marine Conservation data required"),
    "TB1": ("TTB", "TTB alcohol and tobacco data may be required"),
    "TB3": ("TTB", "TTB alcohol and tobacco data may be required; disclaim only with code A or C"),
}

FLAG_RE = re.compile(r"^[A-Z]{2}[0-9X]$")
HTS_RE = re.compile(r"^[0-9]{10}$")


def find_report(report_dir: Path) -> Path:
    """Return the newest ``hts_pga_report_*.csv`` in ``report_dir``."""
    reports = sorted(report_dir.glob("hts_pga_report_*.csv"))
    if not reports:
        raise FileNotFoundError(f"no hts_pga_report_*.csv in {report_dir}")
    return reports[-1]


def parse_hts_date(first_line: list[str]) -> date:
    """Parse the report's first line, ``HTS Date:,2/21/2026``."""
    if len(first_line) < 2 or not first_line[0].strip().lower().startswith("hts date"):
        raise ValueError(f"unexpected first line {first_line!r}: expected 'HTS Date:,M/D/YYYY'")
    month, day, year = (int(part) for part in first_line[1].strip().split("/"))
    return date(year, month, day)


def read_report(path: Path) -> tuple[date, dict[str, list[tuple[str, str]]]]:
    """Read the report; return its HTS date and, per flag code, (hts, description) rows."""
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        rows = list(csv.reader(handle))
    edition = parse_hts_date(rows[0])
    header_index = next(i for i, row in enumerate(rows) if row and row[0].strip() == "Tariff Number")
    header = rows[header_index]
    flag_columns = [i for i, name in enumerate(header) if name.strip().upper().startswith("PGA")]
    if not flag_columns:
        raise ValueError(f"{path}: no 'PGA n' columns in header {header!r}")
    by_flag: dict[str, dict[str, str]] = {}
    for row in rows[header_index + 1:]:
        if not row or not row[0].strip():
            continue
        hts = row[0].strip()
        if not HTS_RE.match(hts):
            raise ValueError(f"{path}: bad tariff number {hts!r}")
        description = " ".join(row[1].split()) if len(row) > 1 else ""
        for column in flag_columns:
            code = row[column].strip().upper() if column < len(row) else ""
            if not code:
                continue
            if not FLAG_RE.match(code):
                raise ValueError(f"{path}: bad flag code {code!r} for {hts}")
            by_flag.setdefault(code, {})[hts] = description
    return edition, {code: sorted(entries.items()) for code, entries in sorted(by_flag.items())}


def render_list(code: str, edition: date, entries: list[tuple[str, str]]) -> str:
    """Render one flag list as CSV text with the ``#`` header."""
    agency, meaning = FLAG_MEANINGS.get(code, ("an agency", "agency data may be required"))
    buffer = io.StringIO()
    buffer.write(f"# source: {SOURCE}\n")
    buffer.write(f"# url: {URL}\n")
    buffer.write(f"# edition: {edition.isoformat()}\n")
    buffer.write(
        f"# description: HTS-10 numbers carrying the ACE tariff flag {code} ({agency}: {meaning}); "
        f"{len(entries)} numbers. Built by scripts/build_pga_lists.py; do not edit by hand.\n"
    )
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["hts", "description"])
    writer.writerows(entries)
    return buffer.getvalue()


def build(report: Path, out_dir: Path, clean: bool = False) -> list[Path]:
    """Write one ``pga-<code>.csv`` per flag code; return the files written."""
    edition, by_flag = read_report(report)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for code, entries in by_flag.items():
        target = out_dir / f"{LIST_PREFIX}{code.lower()}.csv"
        target.write_text(render_list(code, edition, entries), encoding="utf-8", newline="")
        written.append(target)
    if clean:
        keep = {path.name for path in written}
        for stale in out_dir.glob(f"{LIST_PREFIX}*.csv"):
            if stale.name not in keep:
                stale.unlink()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, help="CBP HTS/PGA report CSV (default: newest in ../shared/data/cbp-hts-pga)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, help="output folder (default: rules/lists)")
    parser.add_argument("--clean", action="store_true", help="remove pga-*.csv files that the report no longer yields")
    args = parser.parse_args(argv)
    try:
        report = args.report or find_report(DEFAULT_REPORT_DIR)
        written = build(report, args.out, clean=args.clean)
    except (OSError, ValueError) as error:
        print(f"build_pga_lists: {error}", file=sys.stderr)
        return 2
    total = sum(path.stat().st_size for path in written)
    print(f"wrote {len(written)} lists ({total:,} bytes) to {args.out} from {report.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
