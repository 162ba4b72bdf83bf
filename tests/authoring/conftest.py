"""Helpers for the authoring-tool tests: small packs written into a temporary folder."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
MINI = FIXTURES / "mini-pack"
LINT_PACK = FIXTURES / "lint-pack"
OVERLAY = FIXTURES / "overlay-pack"
TODAY = "2026-11-23"

FACTS = """
facts:
  has_battery:
    type: bool
    question: {en: Does the product contain a battery?, zh: 产品是否含有电池？}
  battery_wh:
    type: number
    question: {en: Battery energy in watt-hours?, zh: 电池能量（瓦时）是多少？}
  device_class:
    type: enum
    values: ["1", "2", "3"]
    question: {en: What is the FDA device class?, zh: FDA 医疗器械分类是几类？}
"""

RULE = """
  - id: {id}
    kind: {kind}
    agency: CBP
    severity: required
    title: {{en: Rule {id}, zh: 规则 {id}}}
    effective: {{from: 2000-01-01}}
    citations: [{{cite: 19 CFR 134.11, url: "https://www.ecfr.gov/current/title-19/section-134.11"}}]
    last_reviewed: 2026-11-23
"""


def rule(rule_id: str, when: str | None = None, kind: str = "requirement", extra: str = "") -> str:
    """A clean rule in YAML (a list item of `rules:`), with an optional `when` and extra keys."""
    text = RULE.format(id=rule_id, kind=kind).rstrip("\n")
    if when:
        text += "\n    when:\n" + textwrap.indent(textwrap.dedent(when).strip("\n"), "      ")
    if extra:
        text += "\n" + textwrap.indent(textwrap.dedent(extra).strip("\n"), "    ")
    return text + "\n"


def write_pack(folder: Path, rules: list[str], cases: str | None = None, facts: str = FACTS,
               manifest: str | None = None, lists: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(manifest or f"name: {folder.name.lower()}\n", encoding="utf-8")
    (folder / "facts").mkdir(exist_ok=True)
    (folder / "facts" / "facts.yaml").write_text(facts, encoding="utf-8")
    (folder / "rules").mkdir(exist_ok=True)
    (folder / "rules" / "rules.yaml").write_text("rules:\n" + "".join(rules), encoding="utf-8")
    if cases is not None:
        (folder / "tests").mkdir(exist_ok=True)
        (folder / "tests" / "cases.yaml").write_text(textwrap.dedent(cases), encoding="utf-8")
    for name, text in (lists or {}).items():
        (folder / "lists").mkdir(exist_ok=True)
        (folder / "lists" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture
def pack_factory(tmp_path):
    def make(name: str = "pack", **kw) -> Path:
        return write_pack(tmp_path / name, **kw)
    return make


@pytest.fixture
def mini_copy(tmp_path) -> Path:
    """A copy of the engine's mini pack that a test may change."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(autouse=True)
def _no_env_packs(monkeypatch):
    monkeypatch.delenv("COMPLIANCE_RULES", raising=False)
