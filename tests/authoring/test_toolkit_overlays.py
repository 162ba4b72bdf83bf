"""Company packs: added rules and facts, overrides and disables with their reasons in every output."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import compliance
from compliance.render import render

from conftest import MINI, OVERLAY, ROOT

D = dt.date(2025, 6, 1)
ROUTER = {"sku": "OV1", "hts": "8517.62.0090", "origin": "CN", "customs_value": 1000,
          "facts": {"private_label": True, "has_radio_transmitter": True}}
REASON = "Handled once a year by the ACME customs team, not per product."


def overlay_engine():
    return compliance.Engine.load([MINI, OVERLAY], include_default=False, cache=False)


def run(args, cwd=ROOT, **env):
    full = {k: v for k, v in os.environ.items() if k != "COMPLIANCE_RULES"}
    full.update(env)
    return subprocess.run([sys.executable, "-m", "compliance", *args], cwd=cwd, env=full,
                          capture_output=True, text=True, timeout=120)


def test_disabled_rule_that_would_apply_is_listed_with_its_reason():
    d = overlay_engine().evaluate(ROUTER, D).to_dict()
    assert d["overridden"] == [{"rule_id": "T-NEW", "agency": "CBP", "severity": "advisory",
                                "title": "New rule from 2025", "action": "disabled", "pack": "acme",
                                "reason": REASON, "would_be": "applies", "rule_status": "active"}]
    assert "T-NEW" not in [i["rule_id"] for i in d["items"]]
    marking = [i for i in d["items"] if i["rule_id"] == "T-MARKING"][0]
    assert marking["pack"] == "acme" and marking["override"].startswith("ACME marks the importer name")
    assert marking["title"] == "Mark the country of origin and the importer name"


def test_disabled_rule_that_would_not_apply_is_not_listed():
    engine = overlay_engine()
    assert "overridden" not in engine.evaluate({**ROUTER, "origin": "VN"}, D).to_dict()
    assert "overridden" not in engine.evaluate(ROUTER, dt.date(2024, 6, 1)).to_dict()   # out of its window
    # without the overlay the rule applies, so the list is about the overlay only
    mini_only = {**ROUTER, "facts": {"has_radio_transmitter": True}}
    plain = compliance.Engine.load([MINI], include_default=False, cache=False).evaluate(mini_only, D).to_dict()
    assert "overridden" not in plain and "T-NEW" in [i["rule_id"] for i in plain["items"]]


def test_explain_says_disabled():
    c = overlay_engine().explain(ROUTER, "T-NEW", D)
    assert c.outcome == "disabled"
    assert c.to_dict()["because"] == [f"acme: {REASON}"]


def test_every_format_shows_the_override_and_the_disable():
    cl = overlay_engine().evaluate(ROUTER, D)
    md = render([cl], "markdown")
    assert "## Switched off by an overlay pack" in md and REASON in md
    assert "Company rule replaces the bundled rule (acme): ACME marks" in md
    csv = render([cl], "csv")
    assert "overridden,T-NEW,CBP,advisory,applies,New rule from 2025" in csv
    assert csv.splitlines()[0].endswith(",rule_status,override")
    html = render([cl], "html")
    assert "Switched off by an overlay pack" in html and "<s>New rule from 2025</s>" in html
    assert "ACME marks the importer name" in html
    table = render([cl], "table")
    assert "Switched off by an overlay pack" in table and "T-NEW" in table
    zh = render([cl], "markdown", "zh")
    assert "## 已被覆盖包停用的规则" in zh and "公司规则已替换内置规则" in zh
    data = json.loads(render([cl], "json"))
    assert data["overridden"][0]["reason"] == REASON


def test_overlay_from_rules_option_environment_and_compliance_toml(tmp_path):
    profile = tmp_path / "router.yaml"
    profile.write_text("sku: OV1\nhts: '8517.62.0090'\norigin: CN\nentry_date: 2025-06-01\n"
                       "facts: {private_label: true, has_radio_transmitter: true}\n")
    by_option = run(["evaluate", str(profile), "--no-default-rules", "--rules", str(MINI), "--rules", str(OVERLAY),
                     "--format", "json"])
    by_env = run(["evaluate", str(profile), "--no-default-rules", "--format", "json"],
                 COMPLIANCE_RULES=os.pathsep.join([str(MINI), str(OVERLAY)]))
    (tmp_path / "compliance.toml").write_text(f'[rules]\npacks = ["{MINI}", "{OVERLAY}"]\n')
    by_toml = run(["evaluate", str(profile), "--no-default-rules", "--format", "json"], cwd=tmp_path)
    outputs = [json.loads(r.stdout) for r in (by_option, by_env, by_toml)]
    for r, out in zip((by_option, by_env, by_toml), outputs):
        assert r.returncode == 0, r.stderr
        assert out["overridden"][0]["rule_id"] == "T-NEW"
        assert "ACME-PRIVATE-LABEL" in [i["rule_id"] for i in out["items"]]
    assert outputs[0] == outputs[1] == outputs[2]


def test_the_example_company_pack_lints_tests_and_evaluates(tmp_path):
    lint = run(["rules", "lint", "examples/company-pack"])
    assert lint.returncode == 0 and lint.stdout == "", lint.stdout
    test = run(["rules", "test", "examples/company-pack"])
    assert test.returncode == 0 and "2 passed, 0 failed" in test.stdout, test.stdout
    profile = tmp_path / "router.yaml"
    profile.write_text("sku: EX-R1\nhts: '8517.62.0090'\norigin: CN\nentry_date: 2025-06-01\n"
                       "customs_value: 12000\nfacts: {sold_under_private_label: true}\n")
    out = run(["evaluate", str(profile), "--rules", "examples/company-pack", "--format", "json"])
    data = json.loads(out.stdout)
    bond = [o for o in data["overridden"] if o["rule_id"] == "CBP-BOND"][0]
    assert bond["pack"] == "example-importer" and bond["reason"].startswith("A continuous bond")
    records = [i for i in data["items"] if i["rule_id"] == "CBP-RECORDKEEPING"][0]
    assert records["pack"] == "example-importer" and "seven years" in records["override"]
    assert "EXAMPLE-PRIVATE-LABEL-MARKING" in [i["rule_id"] for i in data["items"]]
