"""Rule tests: cases beside the rules that state what a profile must, or must not, get.

A case fails with the expected and actual outcome side by side and the explanation of the
rule that did or did not fire.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine import Engine
from ..errors import InputError
from ..profile import profile_from_data
from ..yamlio import Located, load_file

EXPECT_KEYS = ("applies", "needs_info", "absent", "tariffs", "no_tariffs", "questions", "total_duty")


@dataclass
class CaseResult:
    file: str
    line: int | None
    name: str
    failures: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def passed(self) -> bool:
        return not self.failures and self.error is None


def iter_cases(engine: Engine):
    """(file, located, index, case mapping) for every case of every loaded pack."""
    for pack in engine.packs:
        for path in pack.test_files:
            located = load_file(path)
            cases = located.data.get("cases") if isinstance(located.data, dict) else None
            if not isinstance(cases, list):
                raise located.error((), "a rule test file holds `cases:`, a list of cases")
            for i, case in enumerate(cases):
                yield str(path), located, i, case


def collect_tested(engine: Engine) -> tuple[frozenset[str], frozenset[str]]:
    """Rule ids and tariff headings that some case names."""
    ids: set[str] = set()
    headings: set[str] = set()
    try:
        for _, _, _, case in iter_cases(engine):
            expect = case.get("expect", {}) if isinstance(case, dict) else {}
            if not isinstance(expect, dict):
                continue
            for key in ("applies", "needs_info", "absent"):
                ids.update(map(str, expect.get(key) or []))
            for t in expect.get("tariffs") or []:
                if isinstance(t, dict) and "heading" in t:
                    headings.add(str(t["heading"]))
            headings.update(map(str, expect.get("no_tariffs") or []))
    except InputError:
        pass
    return frozenset(ids), frozenset(headings)


def run_case(engine: Engine, file: str, located: Located, index: int, case: Any) -> CaseResult:
    base = ("cases", index)
    line = located.position(base)[0]
    if not isinstance(case, dict) or "profile" not in case or "expect" not in case:
        return CaseResult(file, line, f"case {index}", error="a case needs name, profile and expect")
    name = str(case.get("name", f"case {index}"))
    result = CaseResult(file, line, name)
    unknown = set(case) - {"name", "as_of", "profile", "expect", "note"}
    if unknown:
        result.error = f"unknown keys in case: {', '.join(sorted(unknown))}"
        return result
    expect = case["expect"]
    bad = set(expect) - set(EXPECT_KEYS) if isinstance(expect, dict) else {"expect"}
    if bad:
        result.error = f"unknown expect keys: {', '.join(sorted(bad))}"
        return result
    as_of = case.get("as_of")
    if as_of is not None and not isinstance(as_of, dt.date):
        result.error = "as_of must be a date YYYY-MM-DD"
        return result
    try:
        profile = profile_from_data(case["profile"], located, base + ("profile",))
        checklist = engine.evaluate(profile, as_of, explain=True)
    except InputError as exc:
        result.error = str(exc)
        return result
    status = {i.rule_id: i.status for i in checklist.items}
    outcome = {c.rule_id: c for c in checklist.considered or []}

    def why(rule_id: str) -> str:
        from ..i18n import render_reason
        c = outcome.get(rule_id)
        if c is None:
            known = rule_id in engine.by_id
            return "not considered for this HTS code" if known else "no such rule"
        return f"{c.outcome}: " + "; ".join(render_reason(b) for b in c.because)

    for rid in expect.get("applies") or []:
        if status.get(rid) != "applies":
            result.failures.append(f"expected {rid} to apply, got {status.get(rid, 'absent')} ({why(rid)})")
    for rid in expect.get("needs_info") or []:
        if status.get(rid) != "needs_info":
            result.failures.append(f"expected {rid} to need info, got {status.get(rid, 'absent')} ({why(rid)})")
    for rid in expect.get("absent") or []:
        if rid in status:
            result.failures.append(f"expected {rid} absent, got {status[rid]} ({why(rid)})")
    lines = {t.heading: t for t in checklist.tariffs}
    for exp in expect.get("tariffs") or []:
        heading = str(exp.get("heading"))
        got = lines.get(heading)
        if got is None:
            have = ", ".join(f"{t.heading}={t.rate_percent}" for t in checklist.tariffs) or "none"
            result.failures.append(f"expected tariff {heading}, got: {have}")
            continue
        for key in ("rate_percent", "duty", "assessed_value", "basis", "program"):
            if key in exp and getattr(got, key) != exp[key]:
                result.failures.append(f"tariff {heading}: expected {key} {exp[key]}, got {getattr(got, key)}")
    for heading in expect.get("no_tariffs") or []:
        if str(heading) in lines:
            result.failures.append(f"expected no tariff {heading}, got rate {lines[str(heading)].rate_percent}")
    asked = {q.fact for q in checklist.questions}
    for fact in expect.get("questions") or []:
        if fact not in asked:
            result.failures.append(f"expected a question about {fact}, asked: {', '.join(sorted(asked)) or 'none'}")
    if "total_duty" in expect and checklist.total_duty != expect["total_duty"]:
        result.failures.append(f"expected total duty {expect['total_duty']}, got {checklist.total_duty}")
    return result


def run_tests(engine: Engine) -> list[CaseResult]:
    """Run every case of the loaded packs."""
    results = []
    for file, located, index, case in iter_cases(engine):
        results.append(run_case(engine, file, located, index, case))
    return results


def coverage(engine: Engine) -> list[str]:
    """Rules that no case names (by id or tariff heading)."""
    ids, headings = collect_tested(engine)
    return [c.id for c in engine.rules
            if c.id not in ids and not (c.rule.heading and c.rule.heading in headings)]
