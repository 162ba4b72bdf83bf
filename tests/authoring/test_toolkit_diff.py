"""`compliance rules diff`: rules added, removed and changed, rates per date, and the products affected."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from compliance.authoring import diff as pack_diff

from conftest import MINI, ROOT, rule

CATALOG = """
- {sku: R-CN, hts: "8517.62.0090", origin: CN, customs_value: 1000, entry_date: 2025-06-01,
   facts: {has_radio_transmitter: true}}
- {sku: R-VN, hts: "8517.62.0090", origin: VN, customs_value: 1000, entry_date: 2025-06-01,
   facts: {has_radio_transmitter: true}}
- {sku: HORSE, hts: "0101.21.0010", origin: MX, entry_date: 2025-06-01}
"""


def make_versions(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(MINI, old)
    shutil.copytree(MINI, new)
    path = new / "rules" / "rules.yaml"
    text = path.read_text()
    text = text.replace("      - {from: 2019-05-10, percent: 25}",
                        "      - {from: 2019-05-10, to: 2024-12-31, percent: 25}\n"
                        "      - {from: 2025-01-01, percent: 20}")
    text = text.replace("        - fact: has_radio_transmitter\n          is: true",
                        "        - fact: has_radio_transmitter\n          is: true\n        - origin: [CN]")
    text = text.replace("    severity: required\n    title: {en: Mark the country of origin",
                        "    severity: blocking\n    title: {en: Mark the country of origin")
    start = text.index("  - id: T-NEW")
    end = text.index("  - id: T-301")
    text = text[:start] + text[end:] + rule("T-ADDED", "{origin: VN}")
    path.write_text(text)
    return old, new


def test_rules_added_removed_and_changed_field_by_field(tmp_path):
    old, new = make_versions(tmp_path)
    d = pack_diff.run(str(old), str(new))
    assert [r["id"] for r in d.added] == ["T-ADDED"]
    assert d.added[0]["when"] == "origin is VN"
    assert [r["id"] for r in d.removed] == ["T-NEW"]
    changed = {c.id: {f.field: f for f in c.changes} for c in d.changed}
    assert set(changed) == {"T-301", "T-RADIO", "T-MARKING"}
    assert changed["T-MARKING"]["severity"].detail == ["required → blocking"]
    when = changed["T-RADIO"]["when"].detail
    assert when == ["added to `all`: origin is CN"]
    assert changed["T-RADIO"]["when"].new.endswith("has_radio_transmitter is true and origin is CN")
    assert changed["T-301"]["rates"].detail == ["2025-01-01 to open: 25% → 20%"]
    assert d.old_version != d.new_version


def test_condition_changes_in_words():
    hts = lambda *p: ("hts_any", {"prefixes": list(p)})  # noqa: E731
    fact = lambda op, v: ("fact_cond", {"fact": "device_class", "op": op, "value": v})  # noqa: E731
    a = ("all", {"parts": [hts("8517"), fact("is", "2")]})
    b = ("all", {"parts": [hts("8517", "8471"), fact("in", ["2", "3"]), ("origin_any", {"codes": ["CN"]})]})
    assert pack_diff.condition_changes(a, b) == [
        "HTS prefixes added (in `all`): 8471",
        "device_class (in `all`): is 2 → is one of 2, 3",
        "added to `all`: origin is CN"]
    assert pack_diff.condition_changes(("always", {}), hts("85")) == ["was: every import", "now: HTS under 85"]


def test_rate_changes_per_date():
    old = [{"from": "2018-09-24", "to": "2019-05-09", "percent": 10}, {"from": "2019-05-10", "to": None, "percent": 25}]
    new = [{"from": "2018-09-24", "to": "2019-06-14", "percent": 10}, {"from": "2019-06-15", "to": "2020-12-31", "percent": 25}]
    assert pack_diff.rate_changes(old, new) == [
        {"from": "2019-05-10", "to": "2019-06-14", "old": 25, "new": 10},
        {"from": "2021-01-01", "to": None, "old": 25, "new": None}]


def test_catalog_shows_which_products_change_and_how(tmp_path):
    old, new = make_versions(tmp_path)
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(CATALOG)
    d = pack_diff.run(str(old), str(new), str(catalog))
    assert d.products_checked == 3
    by = {p["product"]: p for p in d.products}
    assert set(by) == {"R-CN", "R-VN", "HORSE"}
    cn = by["R-CN"]
    assert cn["tariffs_changed"] == [{"heading": "9903.88.03",
                                      "old": {"rate_percent": 25.0, "rate_text": None, "duty": 250.0, "rule_id": "T-301"},
                                      "new": {"rate_percent": 20.0, "rate_text": None, "duty": 200.0, "rule_id": "T-301"}}]
    assert cn["duty"] == {"old": 350.0, "new": 300.0, "delta": -50.0}
    assert cn["items_lost"] == [{"rule_id": "T-NEW", "status": "applies", "severity": "advisory"}]
    vn = by["R-VN"]
    assert vn["items_gained"] == [{"rule_id": "T-ADDED", "status": "applies", "severity": "required"}]
    assert vn["items_lost"] == [{"rule_id": "T-RADIO", "status": "applies", "severity": "blocking"}]
    assert by["HORSE"] == {"product": "HORSE", "hts": "0101.21.0010", "origin": "MX", "as_of": "2025-06-01",
                           "items_changed": [{"rule_id": "T-MARKING", "old": "applies (required)",
                                              "new": "applies (blocking)"}]}


def test_formats(tmp_path):
    old, new = make_versions(tmp_path)
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(CATALOG)
    d = pack_diff.run(str(old), str(new), str(catalog))
    text = pack_diff.to_text(d)
    assert "1 added, 1 removed, 3 changed" in text
    assert "+ T-ADDED [CBP requirement, required, active] Rule T-ADDED" in text
    assert "- T-NEW [CBP advisory, advisory, active] New rule from 2025" in text
    assert "    rates: 2025-01-01 to open: 25% → 20%" in text
    assert "tariff 9903.88.03: 25% (250.00 USD) → 20% (200.00 USD)" in text
    assert "total duty: 350.00 → 300.00 USD (-50.00)" in text
    md = pack_diff.to_markdown(d)
    assert md.startswith("## Rule changes: ")
    assert "| `T-ADDED` | CBP | requirement | required | active | Rule T-ADDED | origin is VN |" in md
    assert "#### `T-301` Section 301 List 3" in md
    assert "- **rates**: 2025-01-01 to open: 25% → 20%" in md
    assert "| R-CN | 8517.62.0090 | CN |" in md and "350.00 → 300.00 (-50.00)" in md
    data = json.loads(json.dumps(d.to_dict()))
    assert data["catalog"]["affected"] == len(d.products)


def test_git_revision_against_working_folder(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "pack")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(git + ["init", "-q"], cwd=repo, check=True)
    subprocess.run(git + ["add", "."], cwd=repo, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "pack"], cwd=repo, check=True)
    rules = repo / "pack" / "rules" / "rules.yaml"
    rules.write_text(rules.read_text() + rule("T-ADDED", "{origin: VN}"))
    env = {k: v for k, v in os.environ.items() if k != "COMPLIANCE_RULES"}
    run = subprocess.run([sys.executable, "-m", "compliance", "rules", "diff", "git:HEAD:pack", "pack",
                          "--format", "json"], cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["old"] == "pack@HEAD"
    assert [r["id"] for r in data["added"]] == ["T-ADDED"]
    assert data["removed"] == [] and data["changed"] == []
    bad = subprocess.run([sys.executable, "-m", "compliance", "rules", "diff", "git:no-such-rev:pack", "pack"],
                         cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2
    assert len(bad.stderr.strip().splitlines()) == 1 and "no-such-rev" in bad.stderr


def test_bundled_pack_against_itself_in_the_repository():
    env = {k: v for k, v in os.environ.items() if k != "COMPLIANCE_RULES"}
    run = subprocess.run([sys.executable, "-m", "compliance", "rules", "diff", "rules", "rules"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "0 added, 0 removed, 0 changed" in run.stdout
