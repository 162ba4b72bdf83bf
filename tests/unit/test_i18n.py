"""Explanations in Chinese say what the English says: the same grouping, the pack's own texts."""

from __future__ import annotations

import datetime as dt

from compliance.i18n import describe, render_reason

NESTED = ("all", {"parts": [
    ("any", {"parts": [("hts_any", {"prefixes": ["8507.60"]}),
                       ("all", {"parts": [("fact_cond", {"fact": "a", "op": "is", "value": True}),
                                          ("fact_cond", {"fact": "b", "op": "is", "value": True})]})]}),
    ("fact_cond", {"fact": "c", "op": "is", "value": True}),
]})


def test_a_group_inside_a_group_keeps_its_brackets_in_chinese():
    assert describe(NESTED, "en") == "(HTS under 8507.60 or (a is true and b is true)) and c is true"
    assert describe(NESTED, "zh") == "（HTS 属于 8507.60；或 （a 为 true；且 b 为 true））；且 c 为 true"


def test_two_bounds_on_the_customs_value_are_joined_in_chinese():
    text = describe(("compare_cond", {"ops": {"gt": 800, "lte": 2500}}), "zh")
    assert " and " not in text and "且" in text


def test_an_exemption_reason_is_given_in_the_language_asked(engine):
    profile = {"sku": "R", "hts": "8517.62.0090", "origin": "CN", "customs_value": 1000}  # on IEEPA Annex II
    checklist = engine.evaluate(profile, dt.date(2025, 6, 1), explain=True)
    reasons = [r for c in checklist.considered for r in c.because if r[0] == "exempt"]
    assert reasons, "no exemption in this explanation"
    zh = render_reason(reasons[0], "zh")
    assert zh.startswith("豁免「") and not any(word in zh for word in ("goods", "declared", "under"))
    assert render_reason(reasons[0], "en").startswith("exemption '")


def test_the_tariff_table_in_chinese_names_the_basis_and_a_free_rate_in_chinese(engine):
    from compliance.render import render_docs
    doc = engine.evaluate({"sku": "R", "hts": "8517.62.0090", "origin": "CN", "customs_value": 12000},
                          dt.date(2025, 6, 1)).to_dict("zh")
    for fmt in ("markdown", "html"):
        text = render_docs([doc], fmt, "zh")
        assert "免税（Free）" in text and "完税价格" in text
        assert "| value |" not in text and "<td>value</td>" not in text
    english = render_docs([engine.evaluate({"sku": "R", "hts": "8517.62.0090", "origin": "CN", "customs_value": 1},
                                           dt.date(2025, 6, 1)).to_dict()], "markdown", "en")
    assert "| Free | value |" in english
