"""Reading catalogues: formats, the default column mapping, --map, and located errors."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from batch_helpers import ROWS, write_csv

import compliance
from compliance.batch import ColumnMapping, iter_records, load_mapping, read_catalog
from compliance.batch.mapping import parse_target


def profiles_and_errors(path, mapping=None):
    items = list(read_catalog(path, mapping))
    return ([i for i in items if isinstance(i, compliance.Profile)],
            [i for i in items if isinstance(i, compliance.InputError)])


def test_csv_default_mapping(catalog):
    good, bad = profiles_and_errors(catalog)
    assert [p.sku for p in good] == ["R1", "D1", "H1", "F1"]   # F1's bad answer is found at evaluation
    r1, d1, h1, _ = good
    assert r1.hts == "8517620090" and r1.origin == "CN" and r1.customs_value == 1000
    assert r1.facts == {"has_radio_transmitter": "true"}
    assert r1.manufacturer is not None and r1.manufacturer.name == "Acme Networks"
    assert r1.manufacturer.country == "CN"
    assert d1.customs_value == 2000  # "2,000"
    assert [(m.name, m.content_value) for m in d1.materials] == [("steel", 300)]
    assert h1.materials == [] and h1.manufacturer is None and h1.facts == {}


def test_bad_rows_name_file_row_and_column(catalog):
    _, bad = profiles_and_errors(catalog)
    assert [(e.line, e.field) for e in bad] == [(4, "hts")]
    assert str(bad[0]).startswith(f"{catalog}:4: hts: expected an HTS code")


def test_fact_errors_found_by_the_engine_name_the_column(catalog, mini):
    items = list(read_catalog(catalog))
    f1 = items[-1]
    with pytest.raises(compliance.InputError) as err:
        mini.evaluate(f1)
    assert str(err.value) == f"{catalog}:6: fact:has_radio_transmitter: expected true or false, got 'maybe'"


def test_header_names_are_folded_and_aliases_known(tmp_path):
    path = write_csv(tmp_path / "c.csv", [{"Item Number": "A1", "HTS Code": "8517.62.0090", "Country of Origin": "cn",
                                           "Customs Value (USD)": "", "Description": "Router",
                                           "Customs-Value": "$1,234.50", "Colour": "red"}])
    mapping = ColumnMapping()
    good, bad = profiles_and_errors(path, mapping)
    assert not bad
    p = good[0]
    assert (p.sku, p.name, p.hts, p.origin, p.customs_value) == ("A1", "Router", "8517620090", "CN", 1234.5)
    assert "Colour" in mapping.unknown and "Customs Value (USD)" in mapping.unknown


def test_map_file_and_pairs_override(tmp_path):
    path = write_csv(tmp_path / "c.csv", [{"Part": "P-9", "Tariff": "8517.62.0090", "Made in": "VN",
                                           "Wireless?": "yes", "Steel USD": "12.5", "Notes": "x",
                                           "Sup 2": "Beta Ltd", "Sup 2 country": "CN", "Manufacturer": "Acme"}])
    mfile = tmp_path / "map.yaml"
    mfile.write_text("Part: sku\nTariff: hts\n'Made in': origin\n'Wireless?': fact:has_radio_transmitter\n"
                     "Notes: ignore\n", encoding="utf-8")
    mapping = load_mapping(mfile, ["Steel USD=material:steel", "Sup 2=supplier2_name",
                                   "Sup 2 country=supplier2_country"])
    good, bad = profiles_and_errors(path, mapping)
    assert not bad, bad
    p = good[0]
    assert (p.sku, p.hts, p.origin) == ("P-9", "8517620090", "VN")
    assert p.facts == {"has_radio_transmitter": "yes"}
    assert [(m.name, m.content_value) for m in p.materials] == [("steel", 12.5)]
    assert [(s.name, s.country) for s in p.suppliers] == [("Beta Ltd", "CN")]
    assert p.manufacturer is not None and p.manufacturer.name == "Acme"
    assert mapping.unknown == []


def test_unknown_map_target_is_an_input_error():
    with pytest.raises(compliance.InputError) as err:
        load_mapping(None, ["HTS Code=tarif"])
    assert "unknown target 'tarif'" in str(err.value)
    with pytest.raises(compliance.InputError):
        load_mapping(None, ["no-equals-sign"])


@pytest.mark.parametrize("text,target", [
    ("hts", ("scalar", "hts")), ("HTS Code", ("scalar", "hts")), ("material:Stainless Steel",
                                                                   ("material", "Stainless Steel")),
    ("fact:is_toy", ("fact", "is_toy")), ("qty:kg", ("qty", "kg")), ("supplier3_region", ("party", "suppliers", 2, "region")),
    ("manufacturer_address", ("party", "manufacturer", 0, "address")), ("Weight", None), ("fact:", None),
])
def test_targets(text, target):
    assert parse_target(text) == target


def test_material_marks_and_lists(tmp_path):
    path = write_csv(tmp_path / "c.csv", [
        {"sku": "M", "hts": "7318.15.2095", "origin": "TW", "material:steel": "x", "material:aluminum": "no",
         "materials": "plastic; rubber", "qty:kg": "1,200"}])
    good, bad = profiles_and_errors(path)
    p = good[0]
    assert [(m.name, m.content_value) for m in p.materials] == [("steel", None), ("plastic", None),
                                                                ("rubber", None)]
    assert p.quantities == {"kg": 1200.0}


def test_semicolon_and_tab_separated(tmp_path):
    rows = [{"sku": "A", "hts": "8517.62.0090", "origin": "CN"}]
    semi = write_csv(tmp_path / "semi.csv", rows, ";")
    tab = write_csv(tmp_path / "tab.tsv", rows, "\t")
    assert profiles_and_errors(semi)[0][0].sku == "A"
    assert profiles_and_errors(tab)[0][0].sku == "A"


def test_duplicate_header_and_missing_file(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("sku,hts,sku\n1,8517.62.0090,2\n", encoding="utf-8")
    with pytest.raises(compliance.InputError, match="appears twice"):
        list(read_catalog(path))
    with pytest.raises(compliance.InputError, match="file not found"):
        list(read_catalog(tmp_path / "nope.csv"))
    with pytest.raises(compliance.InputError, match="unknown catalogue format"):
        list(read_catalog(tmp_path / "catalog.txt"))


def test_too_many_cells_and_blank_lines(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("sku,hts,origin\n\nA,8517.62.0090,CN\nB,8517.62.0090,CN,extra\n", encoding="utf-8")
    records = list(iter_records(path))
    assert [(r.index, r.row) for r in records] == [(0, 3), (1, 4)]
    good, bad = profiles_and_errors(path)
    assert [p.sku for p in good] == ["A"]
    assert bad[0].line == 4 and "header has 3 columns" in bad[0].message


def test_json_lines_nested_and_flat(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join([
        json.dumps({"sku": "J1", "hts": "8517.62.0090", "origin": "CN", "facts": {"has_radio_transmitter": True},
                    "manufacturer": {"name": "Acme", "country": "CN"}, "material:steel": 4}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"sku": "J2", "hts": "8517.62.0090", "origin": "ZZ"}),
    ]) + "\n", encoding="utf-8")
    good, bad = profiles_and_errors(path)
    assert [p.sku for p in good] == ["J1"]
    assert good[0].facts == {"has_radio_transmitter": True}
    assert good[0].manufacturer.name == "Acme" and good[0].materials[0].content_value == 4
    assert [(e.line, e.field) for e in bad] == [(2, None), (3, None), (4, "origin")]
    assert "JSON syntax error" in bad[0].message


def test_yaml_and_json_lists(tmp_path):
    y = tmp_path / "c.yaml"
    y.write_text("profiles:\n  - {sku: Y1, hts: '8517.62.0090', origin: CN}\n"
                 "  - {sku: Y2, hts: '8517.62.0090', origin: CN, entry_date: 2025-06-01}\n"
                 "  - just text\n", encoding="utf-8")
    good, bad = profiles_and_errors(y)
    assert [p.sku for p in good] == ["Y1", "Y2"] and good[1].entry_date == dt.date(2025, 6, 1)
    assert bad[0].line == 4
    j = tmp_path / "c.json"
    j.write_text(json.dumps([{"sku": "Q", "hts": "8517.62.0090", "origin": "CN"}]), encoding="utf-8")
    assert profiles_and_errors(j)[0][0].sku == "Q"


LONG_ENTRIES = """\
- sku: A1
  hts: "8517.62.0090"
  origin: CN
- sku: A2
  name: Router
  hts: "8517.62.0090"
  origin: CN
  customs_value: {value}
  fact:is_digital_device: {flat}
  facts:
    has_radio_transmitter: {answer}
"""


@pytest.mark.parametrize("value, flat, answer, line, field", [
    ("lots", "true", "true", 8, "customs_value"),
    ("5", "sometimes", "true", 9, "fact:is_digital_device"),
    ("5", "true", "maybe", 11, "facts.has_radio_transmitter"),
])
def test_an_error_in_a_long_yaml_entry_names_the_line_of_the_value(engine, tmp_path, value, flat, answer, line, field):
    path = tmp_path / "c.yaml"
    path.write_text(LONG_ENTRIES.format(value=value, flat=flat, answer=answer), encoding="utf-8")
    summary = compliance.batch.run(engine, path, tmp_path / "o.jsonl", as_of=dt.date(2025, 6, 1))
    assert (summary.products, summary.errors) == (1, 1)
    err = json.loads((tmp_path / "o.jsonl.errors.jsonl").read_text(encoding="utf-8"))
    assert (err["row"], err["field"], err["sku"]) == (line, field, "A2")
    assert err["error"].startswith(f"{path}:{line}: {field}: ")


def test_a_mapping_error_from_read_catalog_names_its_row(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("sku,hts,HTS Code,origin\nA1,8517.62.0090,8471.30.0100,CN\n", encoding="utf-8")
    _, bad = profiles_and_errors(path)
    assert [(e.line, e.field) for e in bad] == [(2, "HTS Code")]


def test_excel_workbook(tmp_path):
    openpyxl = pytest.importorskip("openpyxl", reason="reading .xlsx needs the `excel` extra (openpyxl)")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Item Number", "HTS Code", "COO", "Value", "fact:has_radio_transmitter", "entry_date"])
    ws.append(["R1", 8517620090, "CN", 1000, True, dt.datetime(2025, 6, 1)])
    ws.append([None, None, None, None, None, None])
    ws.append(["H1", 101210010, "MX", 500.0, None, None])   # a number that lost its leading zero
    ws.append(["X1", "12", "CN", 5, None, None])
    path = tmp_path / "c.xlsx"
    wb.save(path)
    good, bad = profiles_and_errors(path)
    assert [(p.sku, p.hts) for p in good] == [("R1", "8517620090"), ("H1", "0101210010")]
    assert good[0].entry_date == dt.date(2025, 6, 1) and good[0].facts == {"has_radio_transmitter": True}
    assert [(e.line, e.field) for e in bad] == [(5, "HTS Code")]


def test_rows_of_the_shipped_example_catalogue(root):
    good, bad = profiles_and_errors(root / "examples" / "catalog.csv")
    assert not bad
    assert len(good) >= 20
    assert len({p.hts[:2] for p in good}) >= 10   # many chapters: electronics, food, textiles, metals...


def test_all_rows_of_rows_constant_are_read(catalog):
    assert len(list(iter_records(catalog))) == len(ROWS)


def test_party_and_material_errors_name_their_column(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("sku,hts,origin,mfr_name,Mfr Country,material:steel\n"
                    "A,8517.62.0090,CN,Acme,China!,\n"
                    "B,8517.62.0090,CN,Acme,CN,-5\n", encoding="utf-8")
    errors = [e for e in read_catalog(path) if isinstance(e, compliance.InputError)]
    assert [(e.line, e.field) for e in errors] == [(2, "Mfr Country"), (3, "material:steel")]


def _sheet(path, rows: int, *, write_only: bool = False, notes_sheet: bool = False):
    openpyxl = pytest.importorskip("openpyxl", reason="reading .xlsx needs the `excel` extra (openpyxl)")
    wb = openpyxl.Workbook(write_only=write_only)
    ws = wb.create_sheet("Catalogue") if write_only else wb.active
    ws.append(["sku", "hts", "origin"])
    for i in range(rows):
        ws.append([f"S{i}", "8517.62.0090", "CN"])
    if notes_sheet and not write_only:
        other = wb.create_sheet("Notes")
        for i in range(50):
            other.append([f"note {i}"])
    wb.save(path)
    return path


def test_an_excel_catalogue_is_counted_from_its_dimension(tmp_path):
    from compliance.batch.catalog import count_records
    assert count_records(_sheet(tmp_path / "a.xlsx", 120)) == 120
    assert count_records(_sheet(tmp_path / "b.xlsx", 7, notes_sheet=True)) == 7


def test_a_sheet_without_a_dimension_has_no_count_rather_than_zero(tmp_path):
    """openpyxl's write-only mode leaves the dimension out: the bar then runs without a total."""
    from compliance.batch.catalog import count_records
    assert count_records(_sheet(tmp_path / "w.xlsx", 30, write_only=True)) is None


def test_a_relative_sheet_target_is_followed(tmp_path):
    """Excel writes the sheet's target relative to xl/, openpyxl as an absolute part name."""
    import zipfile
    from compliance.batch.catalog import count_records
    src = _sheet(tmp_path / "a.xlsx", 12)
    dst = tmp_path / "excel.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b'Target="/xl/worksheets/', b'Target="worksheets/')
            zout.writestr(item, data)
    assert count_records(dst) == 12
    from compliance.batch import iter_records
    assert sum(1 for _ in iter_records(dst)) == 12


def test_a_workbook_with_an_empty_cover_sheet_first_names_its_other_sheets(tmp_path):
    openpyxl = pytest.importorskip("openpyxl", reason="reading .xlsx needs the `excel` extra (openpyxl)")
    wb = openpyxl.Workbook()
    wb.active.title = "Cover"
    data = wb.create_sheet("Data")
    data.append(["sku", "hts", "origin"])
    data.append(["E1", "8517.62.0090", "CN"])
    wb.save(tmp_path / "cover.xlsx")
    with pytest.raises(compliance.InputError, match="the first sheet, 'Cover', is empty.*other sheets: Data"):
        list(iter_records(tmp_path / "cover.xlsx"))


def test_a_mapping_naming_no_column_of_an_excel_sheet_is_refused(tmp_path):
    from batch_helpers import DAY, MINI
    from compliance import batch
    openpyxl = pytest.importorskip("openpyxl", reason="reading .xlsx needs the `excel` extra (openpyxl)")
    wb = openpyxl.Workbook()
    wb.active.append(["Item No.", "hts", "origin"])
    wb.active.append(["E1", "8517.62.0090", "CN"])
    wb.save(tmp_path / "c.xlsx")
    engine = compliance.Engine.load([MINI], include_default=False)
    with pytest.raises(compliance.InputError, match="names column 'Item No'"):
        batch.run(engine, tmp_path / "c.xlsx", tmp_path / "o.jsonl", as_of=DAY, mapping={"Item No": "sku"})


def _csv_with_notes(path, rows: int, note: str, pad: int = 0):
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("sku,name,hts,origin\n")
        if pad:  # a first row long enough to put the next row's quote at the end of the first 1 MiB read
            fh.write(f"P0,{'x' * pad},8517.62.0090,CN\n")
        for i in range(rows):
            fh.write(f'S{i},"{note if i == 0 or not pad else "Router"}",8517.62.0090,CN\n')
    return path


@pytest.mark.parametrize("note, pad", [("Router\nsecond line", 0), ("Router, white", 0), ("Router\r\nnew", 0),
                                       ("Router\nsecond line", (1 << 20) - 46)])
def test_a_csv_is_counted_in_records_when_cells_hold_line_breaks(tmp_path, note, pad):
    """The total a bar and a stopped run's message show: 20 rows, not their 40 lines."""
    from compliance.batch.catalog import count_records
    path = _csv_with_notes(tmp_path / "c.csv", 20, note, pad)
    if pad:  # the quote that opens the cell is in the first read, its line break in the second
        data = path.read_bytes()
        assert data.index(b'"') < 1 << 20 < data.index(b"\n", data.index(b'"'))
    assert count_records(path) == 20 + (1 if pad else 0) == sum(1 for _ in iter_records(path))


def test_a_parquet_catalogue_is_refused_saying_parquet_is_for_output(tmp_path):
    path = tmp_path / "catalog.parquet"
    path.write_bytes(b"PAR1")
    with pytest.raises(compliance.InputError, match=r"expected one of \.csv, .*\.ndjson.*\.yml.*Parquet is an output"):
        list(read_catalog(path))
