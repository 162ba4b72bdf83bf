"""`compliance rules test`: expected and actual side by side, and why a rule did or did not fire."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import compliance
from compliance.authoring.ruletest import run_tests

from conftest import MINI, OVERLAY, ROOT

WRONG = """
  - name: a router made in Vietnam, expected wrongly
    as_of: 2025-06-01
    profile: {sku: R9, hts: "8517.62.0090", origin: VN, customs_value: 1000}
    expect:
      applies: [T-RADIO, T-DEVICE, T-NEW]
      absent: [T-MARKING]
      tariffs: [{heading: "9903.88.03", rate_percent: 25}]
      no_tariffs: ["9903.01.25"]
      questions: [device_class]
      total_duty: 10
"""


def results(folder, only=None):
    engine = compliance.Engine.load([folder], include_default=False, cache=False)
    return {r.name: r for r in run_tests(engine, only)}


def test_failures_show_expected_actual_and_why(mini_copy):
    with open(mini_copy / "tests" / "cases.yaml", "a") as fh:
        fh.write(WRONG)
    r = results(mini_copy)["a router made in Vietnam, expected wrongly"]
    assert not r.passed
    rows = {row.check: row for row in r.rows}
    assert (rows["T-RADIO"].expected, rows["T-RADIO"].actual) == ("applies", "needs_info")
    assert "? has_radio_transmitter is true (not answered)" in rows["T-RADIO"].why
    assert "✓ HTS 8517.62.0090 is on list demo-list (entry 8517.62.00)" in rows["T-RADIO"].why
    assert rows["T-DEVICE"].why == "HTS 8517.62.0090 is not under the rule's HTS prefixes (9018)"
    assert rows["T-NEW"].why == "✗ origin is CN"
    assert (rows["T-MARKING"].actual, rows["T-MARKING"].why) == ("applies", "no condition: applies to every import")
    assert rows["tariff 9903.88.03"].actual == "absent" and "✗ origin is CN" in rows["tariff 9903.88.03"].why
    assert rows["tariff 9903.01.25"].ok
    assert rows["question device_class"].actual == "not asked"
    assert rows["total duty"].expected == "10" and rows["total duty"].actual == "0"
    text = r.report()
    lines = text.splitlines()
    assert lines[0].startswith("FAIL ") and lines[0].endswith(": a router made in Vietnam, expected wrongly")
    assert lines[1] == "  R9 · HTS 8517.62.0090 · origin VN · value 1000 USD · as of 2025-06-01"
    header = lines[2]
    assert header.split() == ["check", "expected", "actual", "why"]
    # columns line up: every row starts its "expected" cell where the header does
    col = header.index("expected")
    for line in lines[3:]:
        assert line.startswith("  ✗ ")
        assert line[col - 1] == " " and line[col] != " "
    assert "tariff 9903.01.25" not in text          # passing checks are hidden unless verbose
    assert "✓ tariff 9903.01.25" in r.report(verbose=True)


def test_case_errors_are_reported_not_raised(mini_copy):
    with open(mini_copy / "tests" / "cases.yaml", "a") as fh:
        fh.write("""
  - name: unknown expectation
    profile: {hts: "8517.62.0090", origin: CN}
    expect: {apply: [T-RADIO]}
  - name: bad profile
    profile: {hts: 8517, origin: CN}
    expect: {applies: [T-RADIO]}
""")
    found = results(mini_copy)
    assert "unknown expect keys: apply" in found["unknown expectation"].error
    assert "hts" in found["bad profile"].error
    (mini_copy / "tests" / "broken.yaml").write_text("cases: {not: a list}\n")
    broken = [r for r in results(mini_copy).values() if r.file.endswith("broken.yaml")]
    assert broken and "a rule test file holds `cases:`" in broken[0].error


def test_only_the_named_packs_cases_run():
    engine = compliance.Engine.load([MINI, OVERLAY], include_default=False, cache=False)
    names = {r.name for r in run_tests(engine, [OVERLAY])}
    assert names == {"A private-label router gets the ACME marking rules and not the disabled one",
                     "Without a private label the artwork rule does not apply"}
    assert all(r.passed for r in run_tests(engine, [OVERLAY]))


def test_cli_json_and_exit_code(mini_copy):
    with open(mini_copy / "tests" / "cases.yaml", "a") as fh:
        fh.write(WRONG)
    env = {k: v for k, v in os.environ.items() if k != "COMPLIANCE_RULES"}
    run = subprocess.run([sys.executable, "-m", "compliance", "rules", "test", str(mini_copy),
                          "--no-default-rules", "--format", "json"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    data = json.loads(run.stdout)
    case = [c for c in data["cases"] if c["name"] == "a router made in Vietnam, expected wrongly"][0]
    assert case["passed"] is False
    check = [c for c in case["checks"] if c["check"] == "T-NEW"][0]
    assert check == {"check": "T-NEW", "expected": "applies", "actual": "absent", "ok": False,
                     "why": "✗ origin is CN"}
