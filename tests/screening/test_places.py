"""Recognising Xinjiang places in addresses, in Chinese and Latin script."""

from __future__ import annotations

import pytest

from compliance.screening import Gazetteer


@pytest.mark.parametrize("text, place, level", [
    ("Xinjiang", "Xinjiang Uyghur Autonomous Region", "region"),
    ("XUAR", "Xinjiang Uyghur Autonomous Region", "region"),
    ("新疆", "Xinjiang Uyghur Autonomous Region", "region"),
    ("Ürümqi", "Urumqi", "prefecture-city"),
    ("Wulumuqi, China", "Urumqi", "prefecture-city"),
    ("No. 8 Renmin Road, Kashgar, Xinjiang", "Kashgar", "county-city"),
    ("Kashi, Xinjiang, China", "Kashgar", "county-city"),
    ("Hetian City, Xinjiang", "Hotan", "county-city"),
    ("Khotan", "Hotan", "county-city"),
    ("Aksu Prefecture, Xinjiang, China", "Aksu Prefecture", "prefecture"),
    ("Akesu, Xinjiang", "Aksu", "county-city"),
    ("Korla, Bayingolin", "Korla", "county-city"),
    ("Shihezi Economic Development Zone", "Shihezi", "xpcc-city"),
    ("Turfan", "Turpan", "prefecture-city"),
    ("Lop County, Hotan Prefecture", "Lop County", "county"),
    ("新疆维吾尔自治区阿克苏地区阿克苏市纺织工业城", "Aksu", "county-city"),
    ("新疆喀什市人民东路8号", "Kashgar", "county-city"),
    ("石河子市北四路", "Shihezi", "xpcc-city"),
    ("新疆和田地区洛浦县", "Lop County", "county"),
])
def test_places_are_found(xinjiang, text, place, level):
    hit = xinjiang.find(text)
    assert hit is not None, text
    assert (hit.place, hit.level) == (place, level)
    assert hit.list_name == "xinjiang-places" and hit.name_zh


@pytest.mark.parametrize("text", [
    "Guangzhou, Guangdong, China", "浙江省义乌市", "Yiwu, Zhejiang, China",
    "上海市静安区乌鲁木齐中路100号", "No. 5 Xinjiang Road, Qingdao, Shandong", "Qingdao Xinjiang Road",
    "Aksu, Antalya, Turkey", "Bole, Addis Ababa, Ethiopia", "Kashi, Uttar Pradesh, India", "Aral, Kazakhstan",
    "浙江新和成股份有限公司", "四川省乐山市沙湾区", "", "   ",
])
def test_places_elsewhere_and_street_names_are_not_xinjiang(xinjiang, text):
    assert xinjiang.find(text) is None, text


def test_ambiguous_spelling_alone_or_with_chinese_country(xinjiang):
    assert xinjiang.find("Aksu").place == "Aksu"  # a region field holding only the name
    assert xinjiang.find("Aksu City, Antalya", country="TR") is None
    assert xinjiang.find("Industrial Park, Aksu", country="CN").place == "Aksu"
    assert xinjiang.find("Industrial Park, Aksu") is None


def test_the_most_specific_place_wins(xinjiang):
    assert xinjiang.find("Hotan County, Hotan Prefecture, Xinjiang").place == "Hotan County"


def test_every_row_of_the_list_is_findable_by_its_names(xinjiang):
    for row in xinjiang.rows:
        hit = xinjiang.find(row["name_zh"])
        assert hit is not None and hit.name_zh == row["name_zh"], row["name_zh"]
        english = xinjiang.find(row["name_en"], country="CN")
        assert english is not None and english.name_zh == row["name_zh"], row["name_en"]


def test_custom_place_list():
    g = Gazetteer.from_rows("towns", [{"name_en": "Springfield", "name_zh": "", "aliases": "Spfld",
                                       "level": "county", "code": "1"}])
    assert g.find("12 Main St, Spfld").place == "Springfield"
    assert len(g) == 1
