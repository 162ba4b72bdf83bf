"""`compliance rules docs`: a catalogue per agency and per tariff program, and one searchable HTML page."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import compliance
from compliance.authoring import docs

from conftest import MINI, OVERLAY, ROOT


def pages(lang="en", packs=(MINI,)):
    return docs.render(compliance.Engine.load(list(packs), include_default=False, cache=False), lang)


def test_one_page_per_agency_and_program():
    p = pages()
    assert sorted(p) == ["README.md", "agencies/cbp.md", "agencies/fcc.md", "agencies/fda.md", "catalogue.html",
                         "facts.md", "programs/ieepa-reciprocal.md", "programs/section-232-steel.md",
                         "programs/section-301.md"]
    assert "[FCC](agencies/fcc.md)" in p["README.md"]
    assert "[`section-301`](programs/section-301.md)" in p["README.md"]


def test_a_rule_in_words_with_links_windows_status_and_tests():
    fcc = pages()["agencies/fcc.md"]
    section = fcc[fcc.index("### T-RADIO"):]
    assert "**Applies when:** HTS on list demo-list (2 entries) and has_radio_transmitter is true" in section
    assert "- [47 CFR 2.803](https://www.ecfr.gov/current/title-47/section-2.803)" in section
    assert "| In force | 2000-01-01 → open |" in section
    assert "| Status | active |" in section
    assert "- any one of: Test report; Declaration" in section
    assert "`tests/cases.yaml:2` a router with a radio — expects: applies" in section
    assert "`tests/cases.yaml:8` a device with an unknown class — expects: needs info" in section
    assert "`demo-list` — 2 entries; [Test fixture](https://hts.usitc.gov/); edition 2026-01-01" in section


def test_rate_timeline_and_exemptions():
    p = pages()
    s301 = p["programs/section-301.md"]
    assert "| 2018-09-24 | 2019-05-09 | 10% |  |" in s301
    assert "| 2019-05-10 | open | 25% |  |" in s301
    assert "| [T-301](#t-301) | 9903.88.03 | 2018-09-24 → open | 10% → 25% |" in s301
    fda = p["agencies/fda.md"]
    assert "- `exempt` — exempt by regulation (when: has_exclusion is true)" in fda


def test_chinese_catalogue():
    p = pages("zh")
    fcc = p["agencies/fcc.md"]
    assert fcc.startswith("# FCC — 美国联邦通信委员会")
    assert "**适用条件：** HTS 列于清单 demo-list（2 个条目）；且 has_radio_transmitter 为 true" in fcc
    assert "| 状态 | 有效 |" in fcc
    assert "无线电设备须获授权" in fcc
    assert "共 7 条规则：有效 7 条。" in p["README.md"]


def test_html_is_one_searchable_printable_page():
    html = pages()["catalogue.html"]
    assert html.startswith("<!doctype html>")
    assert html.count("<article ") == 7
    assert '<input id="q" type="search"' in html
    assert "<script>" in html and "addEventListener('input'" in html
    assert "@media print" in html
    assert '<a href="https://www.ecfr.gov/current/title-47/section-2.803">47 CFR 2.803</a>' in html
    assert not re.search(r"<(script|link|img)[^>]+src=", html)      # self-contained
    article = re.search(r'<article id="T-RADIO" data-text="([^"]*)"', html)
    assert article and "t-radio" in article.group(1) and "47 cfr 2.803" in article.group(1)


def test_output_is_deterministic_and_has_no_timestamp():
    a, b = pages(), pages()
    assert a == b
    for text in a.values():
        assert not re.search(r"\d{2}:\d{2}:\d{2}", text)


def test_overlay_rules_show_their_override_and_disable():
    p = pages(packs=(MINI, OVERLAY))
    cbp = p["agencies/cbp.md"]
    assert "> **Replaces a rule of an earlier pack** — ACME marks the importer name" in cbp
    assert "> **Disabled by an overlay** — acme: Handled once a year by the ACME customs team" in cbp
    assert "`acme` — ACME Imports company rules" in p["README.md"]


def test_draft_status_is_shown(mini_copy):
    path = mini_copy / "rules" / "rules.yaml"
    path.write_text(path.read_text().replace("    severity: advisory\n", "    severity: advisory\n    status: draft\n    note: Dates not verified.\n", 1))
    cbp = docs.render(compliance.Engine.load([mini_copy], include_default=False, cache=False))["agencies/cbp.md"]
    assert "> **draft** — Dates not verified." in cbp
    assert "| [T-NEW](#t-new) | advisory | draft |" in cbp


def test_write_compare_and_cli_check(tmp_path):
    out = tmp_path / "site"
    env = {k: v for k, v in os.environ.items() if k != "COMPLIANCE_RULES"}
    cmd = [sys.executable, "-m", "compliance", "rules", "docs", "--out", str(out),
           "--no-default-rules", "--rules", str(MINI)]
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert (out / "catalogue.html").is_file() and (out / "agencies" / "fcc.md").is_file()
    check = subprocess.run(cmd + ["--check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout
    (out / "agencies" / "fcc.md").write_text("stale\n")
    (out / "agencies" / "dot.md").write_text("old agency\n")
    assert docs.compare(pages(), out) == ["differs: agencies/fcc.md", "extra: agencies/dot.md"]
    check = subprocess.run(cmd + ["--check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert check.returncode == 1
    assert f"run `compliance rules docs --out {out}`" in check.stderr
    docs.write(pages(), out)
    assert docs.compare(pages(), out) == []           # a page of an agency that is gone is removed
