"""The shipped tariff lists are exactly what scripts/build_tariff_lists.py builds from the shared data."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
LISTS = REPO / "rules" / "lists"

pytestmark = pytest.mark.skipif(
    not (DATA / "hts-chapter99" / "chapter99_2026_rev_6.txt").exists(),
    reason=f"shared reference data not found at {DATA} (../shared/data relative to the repository root)",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lists")
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "build_tariff_lists.py"),
                             "--data", str(DATA), "--out", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def test_shipped_lists_equal_the_build(built: Path) -> None:
    names = sorted(p.name for p in built.glob("*.csv"))
    assert len(names) >= 40
    differ = [n for n in names if (built / n).read_bytes() != (LISTS / n).read_bytes()]
    assert not differ, f"rerun scripts/build_tariff_lists.py: {differ}"


def test_every_list_has_the_header(built: Path) -> None:
    for path in built.glob("*.csv"):
        head = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
        keys = [h.split(":", 1)[0].lstrip("# ") for h in head]
        assert keys == ["source", "url", "edition", "description"], path.name


def test_list3_router_split(built: Path) -> None:
    list3 = {r["hts"] for r in _rows(built / "s301-list3.csv")}
    partial = {r["hts"] for r in _rows(built / "s301-list3-partial.csv")}
    list4a = {r["hts"] for r in _rows(built / "s301-list4a.csv")}
    assert {"8517620010", "8517620020"} <= partial
    assert "8517620090" not in partial and "85176200" not in list3
    assert "8517620090" in list4a and "85176200" not in list4a


def test_mfn_rates_inherit_at_eight_digits(built: Path) -> None:
    rates = {r["hts"]: r["general"] for r in _rows(built / "mfn-rates.csv")}
    assert rates["85176200"] == "Free"
    assert rates["61091000"] == "16.5%"
    assert not any(len(h) == 10 and rates[h] == rates.get(h[:8]) for h in rates)
