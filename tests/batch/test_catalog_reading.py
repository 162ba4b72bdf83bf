"""Text catalogues that once read wrong or stopped the run: blank lines above the header, JSON
lines that decode to what no output can hold, and a quote left open. Each bad record is an
error naming its line, the rest of the catalogue is read, and workers write what one process
writes."""

from __future__ import annotations

import json

import pytest
from batch_helpers import DAY, ROWS, write_csv

from compliance import batch
from compliance.batch import iter_records
from compliance.errors import InputError

GOOD_ROW = "{sku}{d}8517.62.0090{d}CN{d}100\n"


def run_both(mini, path, tmp_path):
    """The summary, checklists and errors of a run, after checking that two workers (in
    blocks of two records) write the same bytes as one process."""
    outs = []
    for workers in (1, 2):
        out = tmp_path / f"out{workers}.jsonl"
        summary = batch.run(mini, path, out, as_of=DAY, workers=workers, chunk_size=2)
        outs.append((summary, out, out.with_name(out.name + ".errors.jsonl")))
    (s1, out1, err1), (s2, out2, err2) = outs
    assert out1.read_bytes() == out2.read_bytes() and err1.read_bytes() == err2.read_bytes()
    assert (s1.records, s1.products, s1.errors, s1.unknown_columns) == \
        (s2.records, s2.products, s2.errors, s2.unknown_columns)
    docs = [json.loads(x) for x in out1.read_text(encoding="utf-8").splitlines()]
    errors = [json.loads(x) for x in err1.read_text(encoding="utf-8").splitlines()]
    return s1, docs, errors


# ---------------------------------------------------------------------------- blank lines above the header

@pytest.mark.parametrize("fmt, d", [("csv", ","), ("tsv", "\t")])
@pytest.mark.parametrize("lead", ["\n", "\n\r\n   \n", "{d}{d}{d}\n {d} \n"])  # a sheet's empty rows: ,,,
def test_blank_lines_above_the_header_are_passed_over_and_rows_keep_their_lines(mini, tmp_path, fmt, d, lead):
    lead = lead.format(d=d)
    path = tmp_path / f"c.{fmt}"
    path.write_text(lead + d.join(["sku", "hts", "origin", "customs_value"]) + "\n"
                    + GOOD_ROW.format(sku="A", d=d) + f"B{d}85176{d}CN{d}10\n" + GOOD_ROW.format(sku="C", d=d),
                    encoding="utf-8")
    header = lead.count("\n") + 1
    assert [r.row for r in iter_records(path)] == [header + 1, header + 2, header + 3]
    summary, docs, errors = run_both(mini, path, tmp_path)
    assert (summary.products, summary.errors) == (2, 1)
    assert [d["product"]["sku"] for d in docs] == ["A", "C"]
    assert [(e["row"], e["index"], e["sku"], e["field"]) for e in errors] == [(header + 2, 1, "B", "hts")]
    assert errors[0]["error"].startswith(f"{path}:{header + 2}: hts: expected an HTS code")


def test_a_column_twice_in_a_header_below_blank_lines_names_the_header_line(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("\n\nsku,hts,sku\nA,8517.62.0090,B\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(iter_records(path))
    assert (caught.value.line, caught.value.field) == (3, "sku")


def test_a_file_of_blank_lines_is_an_empty_catalogue(mini, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("\n \n,,\n", encoding="utf-8")
    summary, docs, errors = run_both(mini, path, tmp_path)
    assert (summary.products, summary.errors, docs, errors) == (0, 0, [], [])


# ---------------------------------------------------------------------------- JSON Lines

def write_jsonl(path, lines):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


GOOD_JSON = '{"sku": "%s", "hts": "8517.62.0090", "origin": "CN"}'


def test_a_lone_surrogate_escape_is_a_record_error(mini, tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", [
        GOOD_JSON % "A",
        r'{"sku":"B\ud800","hts":"8517.62.0090","origin":"CN"}',
        GOOD_JSON % r"C \ud83d\ude00",          # a pair is one character
        GOOD_JSON % r"D \\ud800",               # an escaped backslash: text
        r'{"sku":"E","hts":"8517.62.0090","origin":"CN","materials":[{"name":"\uDC00"}]}',
        r'{"sku":"F","hts":"8517.62.0090","origin":"CN","k\udfffey":"x"}',
        GOOD_JSON % "G",
    ])
    summary, docs, errors = run_both(mini, path, tmp_path)
    assert (summary.products, summary.errors) == (4, 3)
    assert [d["product"]["sku"] for d in docs] == ["A", "C \U0001F600", r"D \ud800", "G"]
    assert [(e["row"], e["index"], e["message"]) for e in errors] == [
        (2, 1, r"sku: not valid Unicode (a lone surrogate escape \ud800)"),
        (5, 4, r"materials[0].name: not valid Unicode (a lone surrogate escape \udc00)"),
        (6, 5, r"k\udfffey: not valid Unicode (a lone surrogate escape \udfff)"),
    ]
    assert errors[0]["error"] == rf"{path}:2: sku: not valid Unicode (a lone surrogate escape \ud800)"


def test_an_integer_of_more_digits_than_python_reads_is_a_record_error(mini, tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", [
        GOOD_JSON % "A",
        '{"sku": "B", "hts": "8517.62.0090", "origin": "CN", "customs_value": -%s}' % ("9" * 5000),
        '{"sku": "C", "hts": "8517.62.0090", "origin": "CN", "customs_value": %s.5}' % ("9" * 5000),
        "[%s]" % ("1" * 4400),
        GOOD_JSON % "D",
    ])
    summary, docs, errors = run_both(mini, path, tmp_path)
    assert (summary.products, summary.errors) == (2, 3)  # C: a float, read (and refused as not finite)
    assert [d["product"]["sku"] for d in docs] == ["A", "D"]
    assert [(e["row"], e["message"]) for e in errors[::2]] == [
        (2, "customs_value: a number of 5000 digits (at most 4300 are read)"),
        (4, "[0]: a number of 4400 digits (at most 4300 are read)")]
    assert (errors[1]["row"], errors[1]["field"]) == (3, "customs_value")


def test_json_nested_too_deeply_is_a_record_error(mini, tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", [GOOD_JSON % "A", "[" * 100_000 + "]" * 100_000, GOOD_JSON % "B"])
    summary, docs, errors = run_both(mini, path, tmp_path)
    assert (summary.products, summary.errors) == (2, 1)
    assert [(e["row"], e["message"]) for e in errors] == [(2, "JSON nested too deeply")]


# ---------------------------------------------------------------------------- a quote left open

@pytest.mark.parametrize("fmt, d", [("tsv", "\t"), ("csv", ",")])
def test_a_quote_never_closed_is_an_error_on_its_row_not_a_missing_field(mini, tmp_path, fmt, d):
    path = tmp_path / f"c.{fmt}"
    path.write_text(d.join(["sku", "hts", "origin", "customs_value"]) + "\n"
                    + "".join(GOOD_ROW.format(sku=f"A{i}", d=d) for i in range(5))
                    + d.join(["BAD", '"12 inch pipe', "8517.62.0090", "CN"]) + "\n"
                    + "".join(GOOD_ROW.format(sku=f"B{i}", d=d) for i in range(1000)), encoding="utf-8")
    summary, docs, errors = run_both(mini, path, tmp_path)
    assert (summary.products, summary.errors) == (5, 1)
    assert [(e["row"], e["index"], e["field"]) for e in errors] == [(7, 5, None)]
    assert errors[0]["error"] == (f"{path}:7: a quote opened in this row is never closed: the cell runs over "
                                  "1001 lines of the file (the rows after it are read as its text)")


def test_a_quote_left_open_until_a_stray_quote_rows_later_is_named_and_reading_goes_on(mini, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('sku,hts,origin,name\nBAD,8517.62.0090,CN,"12 inch pipe\n'
                    'A,8517.62.0090,CN,plain\nB,8517.62.0090,CN,12" screen\n'
                    'C,8517.62.0090,CN,after\n', encoding="utf-8")
    summary, docs, errors = run_both(mini, path, tmp_path)
    assert [d["product"]["sku"] for d in docs] == ["C"]
    assert [(e["row"], e["message"]) for e in errors] == [
        (2, "a quote opened in this row is never closed: the cell runs over 3 lines of the file "
            "(the rows after it are read as its text)")]


def test_a_first_row_with_its_quote_left_open_still_reports_the_unknown_columns(mini, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('sku,hts,origin,Colour\nBAD,"8517.62.0090,CN,red\nA,8517.62.0090,CN,red\n', encoding="utf-8")
    summary, docs, errors = run_both(mini, path, tmp_path)
    assert (summary.products, summary.errors, summary.unknown_columns) == (0, 1, ["Colour"])


def test_quoted_cells_holding_line_breaks_are_read_as_before(mini, tmp_path):
    rows = [dict(r, name=f'{r["name"]}\nAcme Ltd, Unit 4\n12 Main St, Springfield, IL') for r in ROWS] * 4
    path = write_csv(tmp_path / "c.csv", rows)
    summary, docs, errors = run_both(mini, path, tmp_path)
    assert (summary.products, summary.errors) == (12, 8)
    assert docs[0]["product"]["name"] == "Router\nAcme Ltd, Unit 4\n12 Main St, Springfield, IL"
    assert [e["row"] for e in errors][:2] == [8, 14]  # each row three lines long
    assert not any("quote" in e["message"] for e in errors)
