"""Data and helpers of the catalogue tests (imported by their conftest and test modules)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini-pack"
DAY = dt.date(2025, 6, 1)

# A small catalogue over the fixture pack: a radio (FCC item, Section 301 and reciprocal duties),
# a device with steel content, a horse (only the marking rule), and two bad rows.
ROWS = [
    {"sku": "R1", "name": "Router", "hts": "8517.62.0090", "origin": "CN", "customs_value": "1000",
     "fact:has_radio_transmitter": "true", "material:steel": "", "manufacturer_name": "Acme Networks",
     "manufacturer_country": "CN"},
    {"sku": "D1", "name": "Device", "hts": "9018.90.8000", "origin": "CN", "customs_value": "2,000",
     "fact:has_radio_transmitter": "", "material:steel": "300", "manufacturer_name": "",
     "manufacturer_country": ""},
    {"sku": "B1", "name": "Bad code", "hts": "85176", "origin": "CN", "customs_value": "10",
     "fact:has_radio_transmitter": "", "material:steel": "", "manufacturer_name": "", "manufacturer_country": ""},
    {"sku": "H1", "name": "Horse", "hts": "0101.21.0010", "origin": "MX", "customs_value": "5000",
     "fact:has_radio_transmitter": "", "material:steel": "", "manufacturer_name": "", "manufacturer_country": ""},
    {"sku": "F1", "name": "Bad fact", "hts": "8517.62.0090", "origin": "CN", "customs_value": "100",
     "fact:has_radio_transmitter": "maybe", "material:steel": "", "manufacturer_name": "",
     "manufacturer_country": ""},
]
GOOD = ["R1", "D1", "H1"]


def write_csv(path: Path, rows: list[dict], delimiter: str = ",") -> Path:
    columns: list[str] = []
    for r in rows:
        columns += [c for c in r if c not in columns]
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, delimiter=delimiter)
        w.writeheader()
        w.writerows(rows)
    return path


def many(n: int) -> list[dict]:
    """``n`` good rows cycling over the good rows of ROWS."""
    good = [r for r in ROWS if r["sku"] in GOOD]
    return [{**good[i % len(good)], "sku": f"{good[i % len(good)]['sku']}-{i}"} for i in range(n)]


def interrupt_after(chunks: int):
    """A progress callback that stops a run like Ctrl-C once ``chunks`` chunks are written."""
    calls = []

    def on_progress(done, total):
        calls.append(done)
        if len(calls) == chunks:
            raise KeyboardInterrupt
    return on_progress


def first_error(engine, tmp_path: Path, text: str, name: str = "c.jsonl"):
    """Run a catalogue of ``text`` (a file ``name``) and give the run's summary and its first
    errors-file line."""
    import json

    from compliance import batch
    cat = tmp_path / name
    cat.write_text(text, encoding="utf-8")
    summary = batch.run(engine, cat, tmp_path / "o.jsonl", as_of=DAY)
    lines = (tmp_path / "o.jsonl.errors.jsonl").read_text(encoding="utf-8").splitlines()
    return summary, json.loads(lines[0])
