"""Screening names against the bundled UFLPA Entity List and FCC Covered List."""

from __future__ import annotations

import datetime as dt

import pytest

from compliance.screening import STRONG_MATCH, WEAK_MATCH, Match, Screener


def best(screener: Screener, name: str, country: str | None = "CN") -> Match | None:
    found = screener.match(name, country, limit=1)
    return found[0] if found else None


@pytest.mark.parametrize("name, entry, method", [
    ("Xinjiang Zhongtai Chemical Co., Ltd.", "Xinjiang Zhongtai Chemical Co., Ltd.", "exact"),
    ("XINJIANG ZHONGTAI CHEMICAL CO LTD", "Xinjiang Zhongtai Chemical Co., Ltd.", "normalized"),
    ("Xinjiang Zhongtai Chemical Company Limited", "Xinjiang Zhongtai Chemical Co., Ltd.", "normalized"),
    ("Zhongtai Chemical", "Xinjiang Zhongtai Chemical Co., Ltd.", "normalized"),
    ("Hoshine Silicon Industry Co., Ltd.", "Hoshine Silicon Industry (Shanshan) Co., Ltd", "normalized"),
    ("Ninestar Corp.", "Ninestar Corporation", "normalized"),
])
def test_legal_form_and_prefix_variants_match_strongly(uflpa, name, entry, method):
    m = best(uflpa, name)
    assert m is not None and m.entry_name == entry and m.method == method
    assert m.score >= STRONG_MATCH


def test_aliases_match_and_say_so(uflpa):
    m = best(uflpa, "Xinjiang Joinworld Co., Ltd.")
    assert (m.entry_name, m.matched_field, m.matched_text) == (
        "Xinjiang Zhonghe Co., Ltd.", "alias", "Xinjiang Joinworld Co., Ltd.")
    assert m.score == 100.0


def test_former_names_are_aliases(uflpa):
    m = best(uflpa, "841 Cotton Transfer Warehouse")
    assert m.entry_name == "Henan Yumian Logistics Co., Ltd." and m.matched_field == "alias"


@pytest.mark.parametrize("name, entry", [
    ("Hoshien Silicon Industry (Shanshan) Co., Ltd", "Hoshine Silicon Industry (Shanshan) Co., Ltd"),
    ("Xinjiang Zhongtai Chemcial Co Ltd", "Xinjiang Zhongtai Chemical Co., Ltd."),
    ("Shuangliang Silicon Material (Baotou)", "Shuangliang Silicon Materials (Baotou) Co., Ltd."),
])
def test_typos_still_match_strongly(uflpa, name, entry):
    m = best(uflpa, name)
    assert m.entry_name == entry and m.method == "fuzzy" and m.score >= STRONG_MATCH


@pytest.mark.parametrize("name, entry, score", [
    ("新疆中泰化学股份有限公司", "Xinjiang Zhongtai Chemical Co., Ltd.", 100.0),
    ("新疆中泰化学", "Xinjiang Zhongtai Chemical Co., Ltd.", 98.0),
    ("中泰化学", "Xinjiang Zhongtai Chemical Co., Ltd.", 95.0),
    ("合盛硅业", "Hoshine Silicon Industry (Shanshan) Co., Ltd", 98.0),
    ("华孚时尚股份有限公司", "Huafu Fashion Co., Ltd.", 100.0),
])
def test_chinese_names_match_name_zh(uflpa, name, entry, score):
    m = best(uflpa, name)
    assert (m.entry_name, m.matched_field, m.score) == (entry, "name_zh", score)
    assert m.method in ("exact", "chinese")


def test_mixed_script_names(uflpa):
    m = best(uflpa, "纳思达股份有限公司 (Ninestar Corporation)")
    assert m.entry_name == "Ninestar Corporation" and m.score >= STRONG_MATCH


@pytest.mark.parametrize("name", [
    "China National Trading Co.", "China", "Technology", "Xinjiang", "Trading", "Textile",
    "Xinjiang Textile Co., Ltd.", "Shanghai Textile Technology Co., Ltd.", "China International Trading Group",
    "中国纺织有限公司", "新疆纺织科技有限公司", "新疆", "科技有限公司",
])
def test_common_words_alone_never_match_strongly(uflpa, name):
    assert all(m.score < WEAK_MATCH for m in uflpa.match(name, "CN", limit=10)), name


@pytest.mark.parametrize("name", [
    "Acme Widgets Inc.", "Ningbo Shenzhou Knitting Co., Ltd.", "LONGi Green Energy Technology Co., Ltd.",
    "Jiangsu Sunshine Group",
])
def test_unrelated_companies_do_not_match(uflpa, name):
    m = best(uflpa, name)
    assert m is None or m.score < WEAK_MATCH, (name, m)


def test_sharing_the_distinctive_word_with_another_trade_is_only_weak(uflpa):
    # Another company called Zhongtai: a person must look, but it is not a strong match.
    m = best(uflpa, "Zhongtai Securities Co., Ltd.")
    assert m.entry_name.startswith("Xinjiang Zhongtai") and WEAK_MATCH <= m.score < STRONG_MATCH
    assert any("securities" in r for r in m.reasons)


def test_one_letter_in_a_pinyin_name_is_another_company(uflpa):
    # Zhongtai is listed; Hongtai (China Cotton Group Nangong Hongtai Cotton) is another entity.
    found = {m.entry_name: m.score for m in uflpa.match("Zhongtai Chemical", "CN", limit=10)}
    assert "China Cotton Group Nangong Hongtai Cotton Co., Ltd." not in found


def test_a_different_place_is_not_the_same_branch(uflpa):
    m = best(uflpa, "China Cotton Group Shandong Logistics Park Co., Ltd.")
    assert m.entry_name == "China Cotton Group Shandong Logistics Park Co., Ltd."
    others = {x.entry_name: x.score for x in uflpa.match("China Cotton Group Shandong Logistics Park", "CN", limit=5)}
    assert others.get("China Cotton Group Henan Logistics Park Co., Ltd., Xinye Branch", 0) < WEAK_MATCH


def test_names_made_of_common_words_are_weak_at_most(uflpa):
    m = best(uflpa, "Xinjiang Nonferrous Metals")
    assert m.entry_name == "Xinjiang Nonferrous Metals Industry Group Co., Ltd."
    assert WEAK_MATCH <= m.score < STRONG_MATCH


def test_shared_distinctive_word_with_other_place_and_trade_is_weak(uflpa):
    m = best(uflpa, "Shenzhen Hoshine Electronics Co., Ltd.")
    assert m.entry_name.startswith("Hoshine") and WEAK_MATCH <= m.score < STRONG_MATCH


def test_country_of_another_continent_lowers_the_score(uflpa):
    in_china = best(uflpa, "Camel Group Co., Ltd.", "CN")
    elsewhere = best(uflpa, "Camel Group Co., Ltd.", "US")
    assert in_china.score == 100.0 and elsewhere.score == 85.0
    assert any("entry listed in CN" in r for r in elsewhere.reasons)
    assert best(uflpa, "Camel Group Co., Ltd.", "HK").score == 100.0


def test_results_are_ordered_limited_filtered_and_cached(uflpa):
    found = uflpa.match("Huafu", "CN", limit=5)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert len(uflpa.match("Huafu", "CN", limit=1)) == 1
    assert all(m.score >= 94 for m in uflpa.match("Huafu", "CN", min_score=94))
    assert uflpa.match("Huafu", "CN") is not uflpa.match("Huafu", "CN")  # a fresh list each call
    assert ("Huafu", "CN") in uflpa._cache


def test_match_carries_the_list_row_for_citations(uflpa):
    m = best(uflpa, "Ninestar Corporation")
    assert m.list_name == "uflpa-entities"
    assert m.entry["fr_citation"] == "88 FR 38080" and m.entry["date_added"] == "2023-06-12"
    assert m.entry["source_url"].startswith("https://www.federalregister.gov/")


def test_fcc_covered_list_names_and_chinese_short_names(fcc):
    assert best(fcc, "华为").entry_name == "Huawei Technologies Company"
    assert best(fcc, "海康威视").entry_name == "Hangzhou Hikvision Digital Technology Company"
    assert best(fcc, "Zhejiang Dahua Technology Co., Ltd.").score == 100.0
    assert best(fcc, "Huawei Technologies Co., Ltd.").score >= STRONG_MATCH


def test_product_categories_are_not_screened_as_names(fcc):
    assert all(m.entry.get("kind") != "category" for m in fcc.match("Routers produced in a foreign country"))


def test_empty_names_and_lists():
    assert Screener.from_rows("x", []).match("Anything") == []
    s = Screener.from_rows("x", [{"name": "Example Widget Co.", "aliases": "", "name_zh": ""}])
    assert s.match("") == [] and s.match("   ") == []
    assert len(s) == 1


def test_entries_listed_after_the_as_of_date_are_left_out(uflpa):
    name = "SDIC Xinjiang Lithium Industry Co., Ltd."  # listed 2026-08-03
    assert uflpa.match(name, "CN", as_of=dt.date(2026, 9, 1))[0].entry_name == name
    assert all(m.entry_name != name for m in uflpa.match(name, "CN", as_of=dt.date(2025, 1, 1)))
    undated = Screener.from_rows("x", [{"name": "Example Widget Co.", "date_added": ""}])
    assert undated.match("Example Widget Co.", as_of=dt.date(2000, 1, 1))
