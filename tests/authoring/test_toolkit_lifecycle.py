"""Lifecycle and provenance: a rule's status shows in every format; the rules version in every output."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import compliance
from compliance.render import FORMATS, render

from conftest import ROOT

D = dt.date(2025, 6, 1)
ROUTER = {"sku": "R1", "hts": "8517.62.0090", "origin": "CN", "customs_value": 1000,
          "facts": {"has_radio_transmitter": True}}


def drafted(mini_copy):
    path = mini_copy / "rules" / "rules.yaml"
    text = path.read_text()
    text = text.replace("    agency: FCC\n    severity: blocking\n",
                        "    agency: FCC\n    severity: blocking\n    status: draft\n    note: Not verified.\n", 1)
    text = text.replace("    program: section-301\n", "    program: section-301\n    status: draft\n"
                        "    note: Rates not verified.\n", 1)
    path.write_text(text)
    return compliance.Engine.load([mini_copy], include_default=False, cache=False)


def test_draft_status_in_every_format(mini_copy):
    cl = drafted(mini_copy).evaluate(ROUTER, D)
    d = cl.to_dict()
    radio = [i for i in d["items"] if i["rule_id"] == "T-RADIO"][0]
    assert radio["rule_status"] == "draft"
    assert [t for t in d["tariffs"] if t["heading"] == "9903.88.03"][0]["rule_status"] == "draft"
    assert "Radio needs authorization (`T-RADIO`) _(draft)_" in render([cl], "markdown")
    assert "| section-301 | 9903.88.03 _(draft)_ |" in render([cl], "markdown")
    assert "无线电设备须获授权 (草案)" in render([cl], "table", "zh")
    assert "9903.88.03 (draft)" in render([cl], "table")
    html = render([cl], "html")
    assert '<b>Radio needs authorization</b> <span class="rule-status">draft</span>' in html
    assert '9903.88.03 <span class="rule-status">draft</span>' in html
    rows = render([cl], "csv").splitlines()
    header = rows[0].split(",")
    radio_row = [r for r in rows if ",T-RADIO," in r][0].split(",")
    assert radio_row[header.index("rule_status")] == "draft"
    marking_row = [r for r in rows if ",T-MARKING," in r][0].split(",")
    assert marking_row[header.index("rule_status")] == "active"
    assert json.loads(render([cl], "json"))["items"][0]["rule_status"] in ("draft", "active")


def test_active_items_carry_no_mark(mini_copy):
    cl = compliance.Engine.load([mini_copy], include_default=False, cache=False).evaluate(ROUTER, D)
    assert "_(" not in render([cl], "markdown")
    assert "rule-status\">" not in render([cl], "html")


def test_deprecated_rules_are_listed_but_never_evaluated(mini_copy):
    path = mini_copy / "rules" / "rules.yaml"
    path.write_text(path.read_text().replace("    severity: advisory\n",
                                             "    severity: advisory\n    status: deprecated\n", 1))
    engine = compliance.Engine.load([mini_copy], include_default=False, cache=False)
    assert engine.evaluate(ROUTER, D).item("T-NEW") is None
    env = {k: v for k, v in os.environ.items() if k != "COMPLIANCE_RULES"}
    out = subprocess.run([sys.executable, "-m", "compliance", "rules", "list", "--no-default-rules", "--rules",
                          str(mini_copy), "--status", "deprecated", "--format", "json"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    data = json.loads(out.stdout)
    assert [(r["id"], r["status"]) for r in data["rules"]] == [("T-NEW", "deprecated")]


def test_rules_version_in_rules_list_and_every_checklist_format(mini_copy):
    engine = compliance.Engine.load([mini_copy], include_default=False, cache=False)
    version = engine.rules_version
    assert version.startswith("sha256:")
    cl = engine.evaluate(ROUTER, D)
    for fmt in FORMATS:
        assert version in render([cl], fmt), fmt
    env = {k: v for k, v in os.environ.items() if k != "COMPLIANCE_RULES"}
    base = [sys.executable, "-m", "compliance", "rules", "list", "--no-default-rules", "--rules", str(mini_copy)]
    table = subprocess.run(base, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert f"rules version {version}" in table.stdout
    js = subprocess.run(base + ["--format", "json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert json.loads(js.stdout)["rules_version"] == version


def test_rules_version_changes_with_any_pack_file(mini_copy):
    before = compliance.Engine.load([mini_copy], include_default=False, cache=False).rules_version
    with open(mini_copy / "tests" / "cases.yaml", "a") as fh:
        fh.write("\n")
    after = compliance.Engine.load([mini_copy], include_default=False, cache=False).rules_version
    assert before != after
