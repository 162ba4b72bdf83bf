"""`rules diff --catalog` reads any catalogue format `compliance batch` reads (here CSV)."""

from pathlib import Path

from compliance.authoring import diff

ROOT = Path(__file__).resolve().parents[2]


def test_csv_catalogue_is_checked(tmp_path):
    result = diff.run(str(ROOT / "rules"), str(ROOT / "rules"), catalog=str(ROOT / "examples" / "catalog.csv"))
    assert result.products_checked == 24
    assert result.products == []
