"""The bundled list files: headers, columns, dates and agreement with the rules."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from compliance.screening import load_list_rows

ROOT = Path(__file__).resolve().parents[2]
LISTS = ROOT / "rules" / "lists"
OFFICIAL = re.compile(r"^https://(www\.)?(dhs\.gov|federalregister\.gov|fcc\.gov|ustr\.gov|cbp\.gov|github\.com)/")
SECTION = re.compile(r"^2\(d\)\(2\)\(B\)\((i|ii|iii|iv|v)\)$")


@pytest.mark.parametrize("name", ["uflpa-entities", "uflpa-entities-unconfirmed", "uflpa-sectors",
                                  "fcc-covered-list", "xinjiang-places"])
def test_every_list_has_its_header(name):
    header, rows = load_list_rows(LISTS / f"{name}.csv")
    assert header.get("source") and header.get("url", "").startswith("https://") and header.get("description")
    dt.date.fromisoformat(header["edition"]) if len(header["edition"]) == 10 else int(header["edition"])
    assert rows


def test_uflpa_entity_rows():
    _, rows = load_list_rows(LISTS / "uflpa-entities.csv")
    assert {"name", "aliases", "name_zh", "list_section", "date_added", "fr_citation", "source_url"} <= set(rows[0])
    seen = set()
    for r in rows:
        key = (r["name"], r["list_section"])
        assert key not in seen, key
        seen.add(key)
        assert OFFICIAL.match(r["source_url"]), r
        assert not r["list_section"] or SECTION.match(r["list_section"]), r
        if r["date_added"]:
            assert dt.date(2022, 6, 21) <= dt.date.fromisoformat(r["date_added"]) <= dt.date(2026, 11, 23)
        assert not r["fr_citation"] or re.match(r"^\d{2} FR \d+$", r["fr_citation"]), r
        assert "(formerly" not in r["aliases"] and "(" not in r["aliases"].replace("(Shanshan)", "")


def test_unconfirmed_names_are_not_also_confirmed():
    _, confirmed = load_list_rows(LISTS / "uflpa-entities.csv")
    _, unconfirmed = load_list_rows(LISTS / "uflpa-entities-unconfirmed.csv")
    assert not {r["name"] for r in confirmed} & {r["name"] for r in unconfirmed}


def test_sector_hts_prefixes_are_the_ones_the_rules_check():
    _, sectors = load_list_rows(LISTS / "uflpa-sectors.csv")
    rules = {r["id"]: r for r in yaml.safe_load((ROOT / "rules" / "rules" / "uflpa.yaml").read_text("utf-8"))["rules"]}
    designated = {r["sector"]: r["designated"] for r in sectors}
    assert designated["cotton and cotton products"] == "2022" and designated["aluminum"] == "2024"
    assert designated["lithium"] == "2025" and "2023" not in designated.values()
    for s in sectors:
        prefixes = [p.strip() for p in s["hts_prefixes"].split(";") if p.strip()]
        rule = rules[s["rule_id"]]
        if prefixes:
            assert rule["when"]["hts"] == prefixes, s["sector"]
            assert set(prefixes) <= set(rules["UFLPA-SUPPLY-CHAIN-MAP"]["when"]["all"][0]["hts"])
        materials = [m.strip() for m in s["materials"].split(";") if m.strip()]
        assert set(materials) <= set(rules["UFLPA-SECTOR-INPUT"]["when"]["material"]), s["sector"]


def test_fcc_list_rows():
    _, rows = load_list_rows(LISTS / "fcc-covered-list.csv")
    assert {r["kind"] for r in rows} == {"entity", "category"}
    for r in rows:
        dt.date.fromisoformat(r["date_added"])
        assert r["source_url"].startswith("https://www.fcc.gov/")
    names = {r["entity"]: r for r in rows}
    assert "华为技术有限公司" in names["Huawei Technologies Company"]["name_zh"]


def test_xinjiang_places_file_is_what_the_script_builds():
    shared = ROOT.parent / "shared" / "data" / "cn-admin-divisions"
    if not shared.is_dir():
        pytest.skip("shared/data/cn-admin-divisions is not beside the repository")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_xinjiang_places.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_xinjiang_places_cover_every_prefecture_and_city():
    _, rows = load_list_rows(LISTS / "xinjiang-places.csv")
    levels = {}
    for r in rows:
        levels.setdefault(r["level"], []).append(r)
        assert r["code"].startswith("65") and r["name_en"] and r["pinyin"]
    assert len(levels["region"]) == 1
    assert len(levels["prefecture"]) + len(levels["prefecture-city"]) == 14
    assert len(levels["xpcc-city"]) == 12
    assert {"Shihezi", "Aral", "Tumxuk", "Wujiaqu", "Beitun", "Kokdala"} <= {r["name_en"] for r in levels["xpcc-city"]}
