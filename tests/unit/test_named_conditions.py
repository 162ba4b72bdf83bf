"""Named conditions (a pack's `conditions/`) and the manufacture date predicate."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import compliance

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-pack"

RULE = """
  - id: T-NAMED
    kind: requirement
    agency: CPSC
    severity: required
    title: {en: Named, zh: 命名条件}
    when:
      all:
        - condition: radio-goods
        - manufacture_date: {from: 2020-01-01}
    effective: {from: 2000-01-01}
    citations: [{cite: 16 CFR 1110.11, url: "https://www.ecfr.gov/current/title-16/section-1110.11"}]
    last_reviewed: 2026-11-23
"""


@pytest.fixture
def pack(tmp_path):
    root = tmp_path / "pack"
    shutil.copytree(MINI, root)
    (root / "conditions").mkdir()
    (root / "conditions" / "shared.yaml").write_text(
        "conditions:\n  radio-goods:\n    description: {en: goods with a radio, zh: 含无线电的货物}\n"
        "    when:\n      all:\n        - hts_list: demo-list\n        - fact: has_radio_transmitter\n"
        "          is: true\n", encoding="utf-8")
    rules = root / "rules" / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8") + RULE, encoding="utf-8")
    return root


def test_named_condition_is_used_and_indexed(pack):
    engine = compliance.Engine.load([pack], include_default=False, cache=False)
    assert engine.by_id["T-NAMED"].guard == frozenset({"85176200", "9018"})
    cl = engine.evaluate({"hts": "8517.62.0090", "origin": "CN", "manufacture_date": "2021-05-01",
                          "facts": {"has_radio_transmitter": True}}, dt.date(2025, 1, 1))
    assert cl.item("T-NAMED").status == "applies"


def test_unknown_manufacture_date_is_asked(pack):
    engine = compliance.Engine.load([pack], include_default=False, cache=False)
    cl = engine.evaluate({"hts": "8517.62.0090", "origin": "CN", "facts": {"has_radio_transmitter": True}},
                         dt.date(2025, 1, 1))
    assert cl.item("T-NAMED").status == "needs_info"
    q = {q.fact: q.to_dict() for q in cl.questions}["manufacture_date"]
    assert q["question"].startswith("When was the product manufactured")


def test_unknown_named_condition_is_a_pack_error(pack):
    rules = pack / "rules" / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("condition: radio-goods", "condition: nope"),
                     encoding="utf-8")
    with pytest.raises(compliance.RulePackError, match="unknown named condition 'nope'"):
        compliance.Engine.load([pack], include_default=False, cache=False)


def test_self_reference_is_reported(pack):
    (pack / "conditions" / "loop.yaml").write_text(
        "conditions:\n  loop:\n    when: {condition: loop}\n", encoding="utf-8")
    with pytest.raises(compliance.RulePackError, match="refers to itself"):
        compliance.Engine.load([pack], include_default=False, cache=False)
