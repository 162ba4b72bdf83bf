"""Reading and writing list files with a # header."""

from __future__ import annotations

import pytest

from compliance.screening import ListFileError, load_list_rows
from compliance.screening.listfile import format_list, parse_list_text, write_list


def test_header_and_rows_round_trip(tmp_path):
    path = tmp_path / "names.csv"
    write_list(path, {"edition": "2026-01-01", "source": "Example", "url": "https://example.org"},
               ["name", "aliases"], [{"name": "Acme, Inc.", "aliases": "A; B"}])
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[:3] == ["# source: Example", "# url: https://example.org", "# edition: 2026-01-01"]
    header, rows = load_list_rows(path)
    assert header["source"] == "Example" and rows == [{"name": "Acme, Inc.", "aliases": "A; B"}]


def test_short_rows_are_padded_and_blank_rows_skipped():
    _, rows = parse_list_text("# source: x\nname,aliases,name_zh\nAcme\n\n,,\nBeta,b\n")
    assert rows == [{"name": "Acme", "aliases": "", "name_zh": ""}, {"name": "Beta", "aliases": "b", "name_zh": ""}]


def test_errors_name_the_file_and_line(tmp_path):
    with pytest.raises(ListFileError, match=r"x\.csv:3: 3 values for 2 columns"):
        parse_list_text("# source: x\nname,aliases\na,b,c\n", "x.csv")
    with pytest.raises(ListFileError, match="no column header row"):
        parse_list_text("# only a header\n", "y.csv")
    with pytest.raises(ListFileError, match="only CSV"):
        load_list_rows(tmp_path / "list.yaml")


def test_header_values_are_kept_on_one_line():
    assert format_list({"description": "two\nlines"}, ["a"], []) == "# description: two lines\na\n"
