"""Synthetic catalogues from real HTS codes, and the engine the benchmarks run.

The HTS codes are the statistical and subheading numbers of the bundled pack's
``mfn-rates`` list (the USITC HTS export); when that list is absent the USITC export in
/work/shared/data/hts is read instead. Everything is seeded: two runs see the same products.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

ORIGINS = (["CN"] * 35 + ["VN"] * 10 + ["MX"] * 10 + ["DE"] * 6 + ["IN"] * 6 + ["JP"] * 5 + ["CA"] * 5 +
           ["KR"] * 4 + ["TW"] * 4 + ["IT"] * 3 + ["TH"] * 3 + ["MY"] * 3 + ["BR"] * 2 + ["GB"] * 2 + ["FR"] * 2)
COMPANY = ["Shenzhen", "Ningbo", "Guangzhou", "Hanoi", "Monterrey", "Stuttgart", "Pune", "Osaka", "Ontario",
           "Busan", "Taichung", "Milano", "Bangkok", "Penang"]
KINDS = ["Electronics", "Metal Works", "Textile", "Plastics", "Trading", "Industrial", "Home Goods"]


def hts_codes(chapters_excluded: frozenset[str] = frozenset()) -> list[str]:
    """HTS numbers (8 or 10 digits) from the bundled MFN list or the USITC export."""
    mfn = ROOT / "rules" / "lists" / "mfn-rates.csv"
    codes: list[str] = []
    if mfn.is_file():
        lines = [ln for ln in mfn.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
        for row in csv.DictReader(lines):
            digits = row["hts"].replace(".", "")
            if len(digits) in (8, 10):
                codes.append(digits)
    if not codes:
        usitc = Path("/work/shared/data/hts/htsdata_2025_april.csv")
        with usitc.open(encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                digits = (row.get("HTS Number") or "").replace(".", "")
                if len(digits) in (8, 10) and not digits.startswith("99"):
                    codes.append(digits)
    return [c for c in codes if c[:2] not in chapters_excluded]


def load_engine(extra: list[str] | None = None) -> Any:
    """The bundled pack (plus ``extra`` packs); a pack with problems loads what it can.

    BENCH_RULES=DIR benchmarks another copy of the pack instead of the bundled one (to
    compare two versions of the engine on the same rules).
    """
    import os

    import compliance
    base = os.environ.get("BENCH_RULES")
    packs = ([base] if base else []) + list(extra or [])
    try:
        return compliance.Engine.load(packs, include_default=not base)
    except compliance.InputError as exc:
        engine, errors = compliance.Engine.load_collecting(packs, include_default=not base)
        print(f"  note: the bundled pack has {len(errors)} problem(s) right now (first: {exc}); "
              f"benchmarking the {len(engine.rules)} rules that load", file=sys.stderr)
        return engine


def profiles(n: int, engine: Any, *, seed: int = 7, chapters_excluded: frozenset[str] = frozenset()) -> list[dict]:
    """``n`` product mappings (the profile format) over real HTS codes."""
    rnd = random.Random(seed)
    codes = hts_codes(chapters_excluded)
    bool_facts = sorted(name for name, f in engine.facts.items() if f.type == "bool")
    out = []
    for i in range(n):
        origin = rnd.choice(ORIGINS)
        p: dict[str, Any] = {"sku": f"SKU-{i:07d}", "name": f"Product {i}", "hts": rnd.choice(codes),
                             "origin": origin, "customs_value": round(rnd.uniform(50, 50_000), 2)}
        if rnd.random() < 0.6:
            p["manufacturer"] = {"name": f"{rnd.choice(COMPANY)} {rnd.choice(KINDS)} Co., Ltd.", "country": origin}
        mats = []
        if rnd.random() < 0.3:
            mats.append({"name": "steel", "content_value": round(p["customs_value"] * rnd.uniform(0.05, 0.6), 2)})
        if rnd.random() < 0.1:
            mats.append({"name": "aluminum", "content_value": round(p["customs_value"] * rnd.uniform(0.05, 0.3), 2)})
        if mats:
            p["materials"] = mats
        if bool_facts:
            p["facts"] = {f: rnd.random() < 0.5 for f in rnd.sample(bool_facts, min(len(bool_facts), rnd.randint(0, 3)))}
        out.append(p)
    return out


def flat_rows(items: list[dict]) -> Iterator[dict]:
    """The same products as flat catalogue rows (the default column mapping)."""
    for p in items:
        row = {"sku": p["sku"], "name": p["name"], "hts": p["hts"], "origin": p["origin"],
               "customs_value": p["customs_value"]}
        m = p.get("manufacturer")
        if m:
            row["manufacturer_name"] = m["name"]
            row["manufacturer_country"] = m["country"]
        for mat in p.get("materials", []):
            row[f"material:{mat['name']}"] = mat["content_value"]
        for f, v in p.get("facts", {}).items():
            row[f"fact:{f}"] = "true" if v else "false"
        yield row


def write_csv(path: Path, items: list[dict]) -> None:
    rows = list(flat_rows(items))
    columns: list[str] = []
    for r in rows:
        for c in r:
            if c not in columns:
                columns.append(c)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns)
        w.writeheader()
        w.writerows(rows)
