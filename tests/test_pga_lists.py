"""The shipped CBP PGA flag lists are exactly what scripts/build_pga_lists.py builds."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
REPORT_DIR = REPO_ROOT.parent / "shared" / "data" / "cbp-hts-pga"
LISTS_DIR = REPO_ROOT / "rules" / "lists"
SCRIPT = REPO_ROOT / "scripts" / "build_pga_lists.py"


def load_builder():
    spec = importlib.util.spec_from_file_location("build_pga_lists", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


builder = load_builder()


def shipped_lists() -> dict[str, Path]:
    return {path.name: path for path in sorted(LISTS_DIR.glob("pga-*.csv"))}


def read_list(path: Path) -> tuple[dict[str, str], list[dict[str, str]]]:
    header: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    body_start = 0
    for body_start, line in enumerate(lines):
        if not line.startswith("#"):
            break
        key, _, value = line[1:].strip().partition(":")
        header[key.strip()] = value.strip()
    return header, list(csv.DictReader(lines[body_start:]))


def test_every_shipped_list_has_the_rule_language_header():
    lists = shipped_lists()
    assert lists, "no rules/lists/pga-*.csv shipped"
    for name, path in lists.items():
        header, rows = read_list(path)
        assert set(header) >= {"source", "url", "edition", "description"}, name
        assert header["url"].startswith("https://www.cbp.gov/"), name
        assert rows, f"{name} has no rows"
        for row in rows:
            assert row["hts"].isdigit() and len(row["hts"]) == 10, (name, row)


def test_lists_stay_small():
    total = sum(path.stat().st_size for path in shipped_lists().values())
    assert total < 3 * 1024 * 1024, f"PGA lists take {total} bytes"


def test_known_flags_are_in_their_lists():
    expectations = {
        "pga-fd2.csv": "3004105060",  # medicaments containing penicillin derivatives
        "pga-fd1.csv": "8517620090",  # routers and other network apparatus
        "pga-de1.csv": "1211300000",  # coca leaf
        "pga-eh2.csv": "2903421000",  # difluoromethane (HFC-32)
    }
    for name, hts in expectations.items():
        _, rows = read_list(LISTS_DIR / name)
        assert hts in {row["hts"] for row in rows}, (name, hts)


@pytest.mark.skipif(
    not REPORT_DIR.is_dir(),
    reason=f"CBP HTS/PGA report not available at {REPORT_DIR} (shared reference data is outside the repository)",
)
def test_shipped_lists_match_a_fresh_build(tmp_path):
    report = builder.find_report(REPORT_DIR)
    written = builder.build(report, tmp_path)
    built = {path.name: path for path in written}
    shipped = shipped_lists()
    assert sorted(built) == sorted(shipped), "run: python scripts/build_pga_lists.py --clean"
    for name, path in built.items():
        assert shipped[name].read_bytes() == path.read_bytes(), f"{name} is stale; run scripts/build_pga_lists.py"


def test_unknown_flag_codes_are_rejected(tmp_path):
    report = tmp_path / "hts_pga_report_2026-01-01.csv"
    report.write_text(
        "HTS Date:,1/1/2026\n,\nTariff Number,Description,PGA 1\n3004900000,MEDICAMENTS,fd-1\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="bad flag code"):
        builder.build(report, tmp_path / "out")


def test_a_small_report_builds_one_list_per_flag(tmp_path):
    report = tmp_path / "hts_pga_report_2026-01-01.csv"
    report.write_text(
        "HTS Date:,1/1/2026\n,\n"
        "Tariff Number,Description,Effective Date,PGA 1,PGA 2\n"
        "9018199550,ELECTRO-DIAGNOSTIC APP,1/1/2020,FD1,\n"
        "3004900000,\"MEDICAMENTS, OTHER\",1/1/2020,FD2,DE1\n",
        encoding="utf-8",
    )
    written = builder.build(report, tmp_path / "out")
    assert sorted(path.name for path in written) == ["pga-de1.csv", "pga-fd1.csv", "pga-fd2.csv"]
    header, rows = read_list(tmp_path / "out" / "pga-fd2.csv")
    assert header["edition"] == "2026-01-01"
    assert rows == [{"hts": "3004900000", "description": "MEDICAMENTS, OTHER"}]
