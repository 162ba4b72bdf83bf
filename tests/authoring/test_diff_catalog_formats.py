"""`rules diff --catalog` reads any catalogue format `compliance batch` reads (here CSV)."""

from pathlib import Path

from compliance.authoring import diff

ROOT = Path(__file__).resolve().parents[2]


def test_csv_catalogue_is_checked(tmp_path):
    result = diff.run(str(ROOT / "rules"), str(ROOT / "rules"), catalog=str(ROOT / "examples" / "catalog.csv"))
    assert result.products_checked == 24
    assert result.products == []


def test_a_fact_only_the_new_pack_declares_is_set_aside_for_the_old_one(tmp_path):
    """As `compliance impact` does: the old rules never read the new question's answer."""
    import shutil
    new = tmp_path / "new"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini-pack", new)
    (new / "facts" / "company.yaml").write_text(
        "facts:\n  sold_under_private_label:\n    type: bool\n"
        "    question: {en: Private label?, zh: 自有品牌？}\n", encoding="utf-8")
    cat = tmp_path / "c.csv"
    cat.write_text("sku,hts,origin,fact:sold_under_private_label,fact:colour\n"
                   "A,8517.62.0090,CN,true,\nB,8517.62.0090,CN,,red\n", encoding="utf-8")
    result = diff.run(str(ROOT / "tests" / "fixtures" / "mini-pack"), str(new), catalog=str(cat), as_of=None)
    errors = [p for p in result.products if "error" in p]
    assert [p["product"] for p in errors] == ["B"] and "fact:colour" in errors[0]["error"]
    assert "sold_under_private_label" not in errors[0]["error"]
