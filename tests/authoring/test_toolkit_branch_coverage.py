"""Branch coverage: which `any` alternatives, `not`s and predicates no test case took."""

from __future__ import annotations

import os
import subprocess
import sys

import compliance
from compliance.authoring.coverage import branch_coverage, branches_of

from conftest import ROOT, rule

RULES = [
    rule("R-ANY", """
        all:
          - {hts: ["8517"]}
          - any:
              - {fact: has_battery, is: true}
              - all: [{origin: CN}, {fact: battery_wh, gte: 100}]
          - not: {origin: HK}
        """, extra="""
        exemptions:
          - id: small
            when: {fact: device_class, is: "1"}
            reason: {en: Class 1 is exempt, zh: 一类器械豁免}
        """),
    rule("R-OLD").replace("{from: 2000-01-01}", "{from: 2000-01-01, to: 2001-12-31}")
    + "    when: {origin: VN}\n    note: Ended in 2001.\n",
]

CASES = """
cases:
  - name: a battery phone from Vietnam
    as_of: 2025-06-01
    profile: {hts: "8517.13.0000", origin: VN, facts: {has_battery: true}}
    expect: {applies: [R-ANY]}
  - name: a router from China without a battery
    as_of: 2025-06-01
    profile: {hts: "8517.62.0090", origin: CN, facts: {has_battery: false, battery_wh: 150}}
    expect: {applies: [R-ANY], absent: [R-OLD]}
"""


def coverage_of(folder):
    return branch_coverage(compliance.Engine.load([folder], include_default=False, cache=False))


def test_branches_of_a_rule(pack_factory):
    folder = pack_factory(rules=RULES, cases=CASES)
    engine = compliance.Engine.load([folder], include_default=False, cache=False)
    paths = {(".".join(map(str, p)), o) for p, o, _ in branches_of(engine.by_id["R-ANY"])}
    assert ("when", "true") in paths and ("when", "false") in paths
    assert ("when.all.1.any.1", "taken") in paths            # a compound alternative
    assert ("when.all.1.any.0", "true") in paths             # a predicate alternative: true/false
    assert ("when.all.2", "true") in paths and ("when.all.2", "false") in paths   # the `not`
    assert ("when.all.2.not", "false") in paths              # the predicate under the not
    assert ("exemptions.0.when", "true") in paths
    assert ("when.all.1", "true") not in paths               # an `any` inside an `all` is covered by its parts


def test_missed_branches_are_named_with_their_place(pack_factory):
    folder = pack_factory(rules=RULES, cases=CASES)
    cov = coverage_of(folder)
    missed = {(b.rule_id, ".".join(map(str, b.path)), b.outcome) for b in cov.missed}
    assert ("R-ANY", "when", "false") in missed              # no case where the rule does not fire
    assert ("R-ANY", "when.all.0", "false") in missed        # never another HTS code
    assert ("R-ANY", "when.all.2", "false") in missed        # never made in HK
    assert ("R-ANY", "exemptions.0.when", "true") in missed   # the exemption was never answered
    assert ("R-ANY", "exemptions.0.when", "false") in missed
    assert ("R-ANY", "when.all.1.any.1", "taken") not in missed   # the CN router took it
    assert ("R-ANY", "when.all.1.any.0", "false") not in missed   # the CN router's battery is false
    # a rule out of force on every case's date: nothing of it is taken
    assert {o for r, p, o in missed if r == "R-OLD"} == {"true", "false"}
    assert cov.cases == 2 and cov.taken + len(cov.missed) == cov.branches
    line = [b for b in cov.missed if b.rule_id == "R-ANY" and b.path == ("when", "all", 2)][0]
    text = (folder / "rules" / "rules.yaml").read_text().splitlines()[line.line - 1]
    assert text.strip().startswith("- not:")
    assert "origin is HK" in line.words


def test_a_short_cut_branch_is_not_taken(pack_factory):
    cases = """
cases:
  - name: a router from Hong Kong
    as_of: 2025-06-01
    profile: {hts: "8471.30.0100", origin: HK, facts: {has_battery: true}}
    expect: {absent: [R-ANY, R-OLD]}
"""
    cov = coverage_of(pack_factory(rules=RULES, cases=cases))
    missed = {(b.rule_id, ".".join(map(str, b.path)), b.outcome) for b in cov.missed}
    # the HTS part is false, so the engine never looks at the battery or the origin
    assert ("R-ANY", "when.all.1.any.0", "true") in missed
    assert ("R-ANY", "when.all.2", "false") in missed
    assert ("R-ANY", "when", "false") not in missed


def test_cli_reports_coverage(pack_factory):
    folder = pack_factory(rules=RULES, cases=CASES)
    env = {k: v for k, v in os.environ.items() if k != "COMPLIANCE_RULES"}
    run = subprocess.run([sys.executable, "-m", "compliance", "rules", "test", str(folder),
                          "--no-default-rules", "--coverage"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout
    assert "2 passed, 0 failed" in run.stdout
    assert "rules named by a test case: 2/2" in run.stdout
    assert "branches taken: " in run.stdout
    assert "R-ANY when.all[2] (not (origin is HK)): never false" in run.stdout
