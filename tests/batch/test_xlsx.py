"""Excel catalogues read as their cells show: zero-padded numbers, and formulas without results."""

from __future__ import annotations

import json
import re
import zipfile

import pytest
from batch_helpers import DAY

import compliance
from compliance import batch
from compliance.batch import read_catalog

openpyxl = pytest.importorskip("openpyxl", reason="reading .xlsx needs the `excel` extra (openpyxl)")

HEADER = ["sku", "name", "hts", "origin", "customs_value", "notes"]


def _book(path, rows, formats=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    for ref, fmt in (formats or {}).items():
        for row in ws[ref]:
            for cell in row:
                cell.number_format = fmt
    wb.save(path)
    return path


def _with_saved_results(path, results: dict[str, str], *, text: bool = False):
    """The workbook as a program that computes formulas saves it: each formula with its result."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, result in results.items():
        xml, n = re.subn(rf'<c r="{ref}"([^>]*)><f>([^<]*)</f><v\s*/>',
                         (rf'<c r="{ref}" t="str"><f>\2</f><v>{result}</v>' if text
                          else rf'<c r="{ref}"\1><f>\2</f><v>{result}</v>'), xml)
        assert n == 1, ref
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _read(path):
    items = list(read_catalog(path))
    return ([i for i in items if isinstance(i, compliance.Profile)],
            [i for i in items if isinstance(i, compliance.InputError)])


def test_numbers_shown_with_leading_zeros_are_read_as_shown(tmp_path):
    path = _book(tmp_path / "c.xlsx", [[123, "Router", 101210010, "MX", 1000],
                                       [45678, "Router", 8517620090, "CN", 1000]],
                 formats={"A2:A3": "00000", "C2:C3": "0000000000"})
    good, bad = _read(path)
    assert bad == []
    assert [(p.sku, p.hts) for p in good] == [("00123", "0101210010"), ("45678", "8517620090")]


def test_a_number_without_a_padding_format_stays_a_number(tmp_path):
    path = _book(tmp_path / "c.xlsx", [[123, "Router", "8517.62.0090", "CN", 1000]],
                 formats={"E2:E2": "0.00"})
    good, _ = _read(path)
    assert good[0].sku == "123" and good[0].customs_value == 1000


def test_a_formula_without_a_saved_result_is_a_row_error_naming_its_column(tmp_path):
    path = _book(tmp_path / "c.xlsx", [["R1", "Router", "8517.62.0090", "CN", 1000],
                                       ["R2", "Router", "8517.62.0090", "CN", "=E2*2"]])
    good, bad = _read(path)
    assert [p.sku for p in good] == ["R1"]
    assert [(e.line, e.field) for e in bad] == [(3, "customs_value")]
    assert "did not save" in str(bad[0]) and str(bad[0]).startswith(f"{path}:3: customs_value:")


def test_a_formula_with_its_saved_result_is_read_as_the_result(tmp_path):
    path = _book(tmp_path / "c.xlsx", [["R1", "Router", "8517.62.0090", "CN", 1000],
                                       ["R2", "Router", "8517.62.0090", "CN", "=E2*2"]])
    _with_saved_results(path, {"E3": "2000"})
    good, bad = _read(path)
    assert bad == [] and [p.customs_value for p in good] == [1000, 2000]


def test_a_formula_whose_saved_result_is_empty_text_is_an_empty_cell(tmp_path):
    path = _book(tmp_path / "c.xlsx", [["R1", "Router", "8517.62.0090", "CN", '=IF(1=1,"","x")']])
    _with_saved_results(path, {"E2": ""}, text=True)
    good, bad = _read(path)
    assert bad == [] and good[0].customs_value is None


def test_a_formula_without_a_result_in_a_column_nothing_reads_is_harmless(tmp_path):
    path = _book(tmp_path / "c.xlsx", [["R1", "Router", "8517.62.0090", "CN", 1000, '=A2&"-note"']])
    good, bad = _read(path)
    assert bad == [] and [p.sku for p in good] == ["R1"]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_run_reports_the_unsaved_formula_and_goes_on(mini, tmp_path, workers):
    rows = [[f"R{i}", "Router", "8517.62.0090", "CN", 1000] for i in range(1, 6)]
    rows[2][4] = "=E2+1"
    path = _book(tmp_path / "c.xlsx", rows, formats={})
    summary = batch.run(mini, path, tmp_path / "o.jsonl", as_of=DAY, workers=workers, chunk_size=2)
    assert (summary.products, summary.errors) == (4, 1)
    err = json.loads((tmp_path / "o.jsonl.errors.jsonl").read_text(encoding="utf-8"))
    assert (err["row"], err["sku"], err["field"]) == (4, "R3", "customs_value")


def test_rows_of_nothing_but_formulas_filled_down_below_the_data_are_blank(mini, tmp_path):
    rows = [["R1", "Router", "8517.62.0090", "CN", 1000, '=A2&"-check"']]
    rows += [[None, None, None, None, None, f'=A{r}&"-check"'] for r in range(3, 8)]
    path = _book(tmp_path / "c.xlsx", rows)
    good, bad = _read(path)
    assert [p.sku for p in good] == ["R1"] and bad == []


def test_a_row_whose_sku_is_an_unsaved_formula_has_no_sku_in_the_errors_file(mini, tmp_path):
    path = _book(tmp_path / "c.xlsx", [["R1", "Router", "8517.62.0090", "CN", 1000],
                                       ['=A2&"-B"', "Router", "8517.62.0090", "CN", 1000]])
    summary = batch.run(mini, path, tmp_path / "o.jsonl", as_of=DAY)
    assert (summary.products, summary.errors) == (1, 1)
    err = json.loads((tmp_path / "o.jsonl.errors.jsonl").read_text(encoding="utf-8"))
    assert (err["sku"], err["field"]) == (None, "sku")
