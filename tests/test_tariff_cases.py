"""Product-origin-date tariff cases: the non-MFN lines of the stack, heading by heading.

Each row of tests/data/tariff_cases.csv names a product (HTS, origin, customs value, declared
metal content), an entry date, and the Section 301 / 232 / IEEPA / 122 lines expected then, as
``heading=rate`` pairs separated by ``;`` (empty: no additional duty). The ``source`` column names
the legal text that fixes the answer. An optional ``facts`` column gives fact answers as
``name=value`` pairs separated by ``;``.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

import compliance

CASES = Path(__file__).parent / "data" / "tariff_cases.csv"


def _rows() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _value(raw: str) -> object:
    if raw in ("true", "false"):
        return raw == "true"
    try:
        return float(raw) if "." in raw else int(raw)
    except ValueError:
        return raw


def _profile(row: dict[str, str]) -> dict:
    profile: dict = {"sku": row["case"], "hts": row["hts"], "origin": row["origin"]}
    if row["customs_value"]:
        profile["customs_value"] = float(row["customs_value"])
    materials = [m.split(":") for m in row["materials"].split(";") if m]
    if materials:
        profile["materials"] = [{"name": n, "content_value": float(v)} for n, v in materials]
    facts = dict(f.split("=", 1) for f in (row.get("facts") or "").split(";") if f)
    if facts:
        profile["facts"] = {k: _value(v) for k, v in facts.items()}
    return profile


def _expected(raw: str) -> set[tuple[str, float]]:
    out = set()
    for pair in filter(None, raw.split(";")):
        heading, rate = pair.split("=")
        out.add((heading.strip(), float(rate)))
    return out


@pytest.fixture(scope="module")
def engine() -> compliance.Engine:
    return compliance.Engine.load()


def test_the_table_is_large_enough() -> None:
    rows = _rows()
    assert len(rows) >= 40
    assert all(r["source"].strip() for r in rows), "every case names the text that fixes it"
    assert len({r["case"] for r in rows}) == len(rows), "case names are unique"


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["case"])
def test_tariff_case(engine: compliance.Engine, row: dict[str, str]) -> None:
    checklist = engine.evaluate(_profile(row), as_of=dt.date.fromisoformat(row["as_of"]))
    got = {(t.heading, float(t.rate_percent)) for t in checklist.tariffs
           if t.heading != "MFN" and t.rate_percent is not None}
    assert got == _expected(row["expected"]), row["source"]
    mfn = [t for t in checklist.tariffs if t.heading == "MFN"]
    assert len(mfn) == 1, "the MFN line comes from the HTS General rate"
    if row["customs_value"]:
        for line in checklist.tariffs:
            if line.heading != "MFN" and line.rate_percent is not None:
                assert line.duty is not None
                assert line.duty == pytest.approx((line.assessed_value or 0) * line.rate_percent / 100, abs=0.01)
