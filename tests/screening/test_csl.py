"""Importing the trade.gov Consolidated Screening List into a pack list file."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.screening import ListFileError, Screener, import_csl, load_list_rows
from compliance.screening.csl import COLUMNS, convert_rows, countries_of

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "csl_sample.csv"


def test_import_writes_a_list_file_with_header_and_rows(tmp_path):
    count = import_csl(FIXTURE, tmp_path, edition="2026-11-23")
    assert count == 6
    header, rows = load_list_rows(tmp_path / "csl.csv")
    assert header["url"] == "https://www.trade.gov/consolidated-screening-list"
    assert header["edition"] == "2026-11-23" and header["source"].endswith("(CSL)")
    assert list(rows[0]) == list(COLUMNS)
    by_name = {r["name"]: r for r in rows}
    xpcc = by_name["Xinjiang Production and Construction Corps"]
    assert xpcc["aliases"] == "XPCC" and xpcc["country"] == "CN"
    assert xpcc["source_list"] == "Entity List (EL) - Bureau of Industry and Security"
    assert xpcc["start_date"] == "2021-06-24" and xpcc["federal_register_notice"] == "86 FR 33119"
    fict = by_name["FICTITIOUS EXAMPLE TRADING LLC"]
    assert fict["country"] == "AE; HK" and fict["programs"] == "EXAMPLE-PROGRAM; EXAMPLE-PROGRAM-2"
    assert fict["aliases"] == "FICTITIOUS EXAMPLE TRADING FZE; EXAMPLE TRADING GENERAL LLC"


def test_output_path_may_name_the_file(tmp_path):
    import_csl(FIXTURE, tmp_path / "restricted.csv", edition="2026-11-23")
    header, _ = load_list_rows(tmp_path / "restricted.csv")
    assert "party_listed: {list: restricted}" in header["description"]


def test_edition_defaults_to_the_file_date(tmp_path):
    import_csl(FIXTURE, tmp_path)
    header, _ = load_list_rows(tmp_path / "csl.csv")
    assert len(header["edition"]) == 10 and header["edition"][4] == "-"


def test_imported_list_is_screenable(tmp_path):
    import_csl(FIXTURE, tmp_path, edition="2026-11-23")
    screener = Screener.from_rows("csl", load_list_rows(tmp_path / "csl.csv")[1])
    m = screener.match("Xinjiang Daqo New Energy Co., Ltd.", "CN", limit=1)[0]
    assert m.entry_name == "Xinjiang Daqo New Energy, Co. Ltd" and m.score >= 92
    alias = screener.match("Fictitious Example Trading FZE", "AE", limit=1)[0]
    assert alias.matched_field == "alias" and alias.score == 100.0


def test_rows_are_sorted_and_comment_lines_skipped():
    rows = convert_rows(FIXTURE.read_text(encoding="utf-8"))
    assert [r["source_list"][:6] for r in rows] == ["Entity"] * 5 + ["Specia"]
    assert [r["name"] for r in rows[:5]] == sorted((r["name"] for r in rows[:5]), key=str.casefold)


def test_countries_come_from_addresses_then_nationality():
    assert countries_of({"addresses": "1 Road, Moscow, 119991, RU; Limassol, CY", "nationalities": "RU"}) == ["RU", "CY"]
    assert countries_of({"addresses": "", "citizenships": "ir"}) == ["IR"]


def test_a_file_that_is_not_the_csl_is_refused(tmp_path):
    bad = tmp_path / "other.csv"
    bad.write_text("company,city\nAcme,Springfield\n", encoding="utf-8")
    with pytest.raises(ListFileError, match="no column name, source"):
        import_csl(bad, tmp_path)
    with pytest.raises(ListFileError):
        import_csl(tmp_path / "missing.csv", tmp_path)


def test_a_row_with_too_many_values_is_reported_with_its_line(tmp_path):
    bad = tmp_path / "broken.csv"
    bad.write_text("# a comment\nname,source\nAcme,EL\nBeta,EL,extra\n", encoding="utf-8")
    with pytest.raises(ListFileError, match=r"broken\.csv:4: 3 values for 2 columns"):
        import_csl(bad, tmp_path)
