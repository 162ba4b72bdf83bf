"""Lint checks one by one: what fires, where, and what stays quiet."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from compliance.authoring.lint import lint_packs

from conftest import MINI, OVERLAY, ROOT, TODAY, rule

DAY = dt.date.fromisoformat(TODAY)
CASES = """
cases:
  - name: names every rule
    as_of: 2025-06-01
    profile: {hts: "8517.62.0090", origin: CN}
    expect: {absent: [R1, R2, R3, R4, R5, R6, R7, R8]}
"""


def lint(folder, **kw):
    return lint_packs([folder], include_default=False, today=DAY, **kw)


def codes(problems, rule_id=None):
    return [p.code for p in problems if rule_id is None or p.rule_id == rule_id]


def test_a_clean_rule_has_no_problem(pack_factory):
    folder = pack_factory(rules=[rule("R1", "{origin: CN}")], cases=CASES)
    assert lint(folder) == []


def test_contradictions_that_can_never_be_true(pack_factory):
    folder = pack_factory(rules=[
        rule("R1", "all: [{fact: has_battery, is: true}, {fact: has_battery, is: false}]"),
        rule("R2", "all: [{fact: battery_wh, gte: 100}, {fact: battery_wh, lt: 50}]"),
        rule("R3", "all: [{fact: device_class, in: ['1']}, {fact: device_class, is: '3'}]"),
        rule("R4", "{customs_value: {gt: 800, lte: 100}}"),
        rule("R5", "{entry_date: {from: 1990-01-01, to: 1995-12-31}}"),
        rule("R6", "all: [{hts: ['8517']}, {hts: ['9018']}]"),
        rule("R7", "all: [{fact: has_battery, answered: false}, {fact: has_battery, is: true}]"),
        rule("R8", "any: [{origin: CN}, {all: [{origin: VN}, {origin: MX}]}]"),
    ], cases=CASES)
    found = {p.rule_id: p for p in lint(folder)}
    assert set(found) == {"R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8"}
    assert all(p.code == "L107" for p in found.values())
    assert "has_battery" in found["R1"].message
    assert "outside the rule's effective window" in found["R5"].message
    # the contradiction inside an `any` alternative is reported at that alternative's line
    assert found["R8"].line > found["R7"].line + 8


def test_compatible_conditions_are_not_contradictions(pack_factory):
    folder = pack_factory(rules=[
        rule("R1", "all: [{fact: battery_wh, gte: 100}, {fact: battery_wh, lte: 100}]"),
        rule("R2", "all: [{hts: ['85']}, {hts: ['8517.62']}]"),
        rule("R3", "all: [{origin: [CN, HK]}, {origin: [HK, MO]}]"),
        rule("R4", "all: [{fact: device_class, in: ['1', '2']}, {fact: device_class, is: '2'}]"),
        rule("R5", "{entry_date: {from: 2020-01-01}}"),
    ], cases=CASES)
    assert codes(lint(folder)) == []


def test_draft_ended_and_stale_rules(pack_factory):
    folder = pack_factory(rules=[
        rule("R1", extra="status: draft"),
        rule("R2", extra="status: draft\nnote: The date could not be verified."),
        rule("R3").replace("{from: 2000-01-01}", "{from: 2000-01-01, to: 2010-01-01}"),
        rule("R4").replace("{from: 2000-01-01}", "{from: 2000-01-01, to: 2010-01-01}")
        + "    note: Kept active so that entries of 2000-2010 are still evaluated.\n",
        rule("R5").replace("last_reviewed: 2026-11-23", "last_reviewed: 2026-01-01"),
    ], cases=CASES)
    found = [(p.code, p.rule_id) for p in lint(folder, max_review_age_days=300)]
    assert ("L110", "R1") in found and ("L110", "R2") not in found
    assert ("L106", "R3") in found and ("L106", "R4") not in found
    assert ("L109", "R5") in found
    assert ("L109", "R5") not in [(p.code, p.rule_id) for p in lint(folder, max_review_age_days=400)]


def test_review_age_from_compliance_toml(pack_factory, tmp_path, monkeypatch):
    folder = pack_factory(rules=[rule("R1").replace("2026-11-23", "2026-06-01")], cases=CASES)
    monkeypatch.chdir(tmp_path)
    assert codes(lint(folder)) == []
    (tmp_path / "compliance.toml").write_text("[lint]\nmax_review_age_days = 90\n")
    assert codes(lint(folder)) == ["L109"]


def test_chinese_missing_in_dated_text_rate_note_and_fact_help(pack_factory):
    facts = """
facts:
  has_battery:
    type: bool
    question: {en: Does it have a battery?, zh: 是否含电池？}
    help: {en: Any cell counts.}
"""
    tariff = rule("R1", "{origin: CN}", kind="tariff", extra="""
        program: section-301
        heading: "9903.88.03"
        rates:
          - {from: 2000-01-01, percent: 25, note: {en: Raised in 2019}}
        texts:
          - {from: 2020-01-01, title: {en: New title}}
        """)
    folder = pack_factory(rules=[tariff], facts=facts, cases=CASES)
    messages = [p.message for p in lint(folder) if p.code == "L102"]
    assert any("rates.0.note" in m for m in messages)
    assert any("texts.0.title" in m for m in messages)
    assert any("fact 'has_battery' help" in m for m in messages)


def test_every_problem_at_once_across_files(pack_factory):
    folder = pack_factory(rules=[rule("R1", "{fact: nope, is: true}"), rule("R2", "{hts_list: nope}"),
                                 rule("R3").replace("severity: required", "severity: maybe")], cases=CASES)
    (folder / "rules" / "more.yaml").write_text("rules:\n" + rule("R4").replace(
        ', url: "https://www.ecfr.gov/current/title-19/section-134.11"', ""))
    assert sorted(codes(lint(folder))) == ["L001", "L003", "L004", "L101"]


def test_overlay_is_checked_against_the_pack_it_extends():
    problems = lint_packs([MINI, OVERLAY], include_default=False, only_packs=[OVERLAY], today=DAY)
    assert problems == []
    alone = lint_packs([OVERLAY], include_default=False, only_packs=[OVERLAY], today=DAY)
    assert sorted(p.message for p in alone) == [
        "disable names unknown rule 'T-NEW'",
        "overrides: overrides names unknown rule 'T-MARKING' (no earlier pack has it)"]
    assert all(p.file.endswith("pack.yaml") and p.line for p in alone)


def test_overlay_problems_only_are_reported(tmp_path, mini_copy):
    (mini_copy / "rules" / "rules.yaml").write_text(
        (mini_copy / "rules" / "rules.yaml").read_text().replace(
            ', url: "https://www.federalregister.gov/"}]', "}]", 1))
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    (overlay / "pack.yaml").write_text(
        "name: acme\noverrides:\n  - {id: T-NOT-THERE, reason: typo}\n  - {id: T-RADIO, reason: ours}\n")
    full = lint_packs([mini_copy, overlay], include_default=False, today=DAY)
    assert "L101" in codes(full)
    only = lint_packs([mini_copy, overlay], include_default=False, only_packs=[overlay], today=DAY)
    assert sorted(p.message for p in only) == [
        "overrides: overrides 'T-RADIO' but this pack defines no rule with that id",
        "overrides: overrides names unknown rule 'T-NOT-THERE' (no earlier pack has it)"]


def test_cli_lints_an_overlay_on_a_base_pack():
    env = {k: v for k, v in os.environ.items() if k != "COMPLIANCE_RULES"}
    run = subprocess.run([sys.executable, "-m", "compliance", "rules", "lint", "tests/fixtures/overlay-pack",
                          "--base", "tests/fixtures/mini-pack", "--no-default-rules"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout == ""
    assert "0 error(s)" in run.stderr


def test_every_bad_predicate_of_one_condition_is_reported(pack_factory):
    folder = pack_factory(rules=[rule("R1", """
        all:
          - {fact: no_such_fact, is: true}
          - any:
              - {hts_list: no-such-list}
              - {fact: device_class, is: "7"}
          - not: {fact: has_battery, is: "yes"}
        """)], cases=CASES)
    found = [(p.code, p.message.split(": ", 1)[1]) for p in lint(folder)]
    assert sorted(c for c, _ in found) == ["L003", "L004", "L005", "L005"]
    assert ("L003", "when.all[0].fact: undeclared fact 'no_such_fact'") in found
    assert all(p.rule_id == "R1" and p.line for p in lint(folder))
    assert len({p.line for p in lint(folder)}) == 4
