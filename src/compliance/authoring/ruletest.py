"""Rule tests: cases beside the rules that state what a profile must, or must not, get.

A case is checked expectation by expectation. A failure shows, side by side, what the case
expected, what the engine produced, and why the rule did or did not fire: each predicate
of its condition that the engine looked at, with its value for this product
(✓ true, ✗ false, ? unknown), or the reason it was not evaluated at all (another HTS code,
not in force on the date, disabled by an overlay, exempt, displaced by another measure).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..context import Context
from ..engine import Engine
from ..errors import InputError
from ..i18n import describe, render_reason
from ..profile import Profile, format_hts, profile_from_data
from ..yamlio import Located, load_file
from .tree import leaf_values

EXPECT_KEYS = ("applies", "needs_info", "absent", "tariffs", "no_tariffs", "questions", "total_duty")
CASE_KEYS = ("name", "as_of", "profile", "expect", "note")
MARK = {True: "✓", False: "✗", None: "?"}


@dataclass
class Row:
    """One expectation of a case: what was expected, what came out, and why."""

    check: str          # e.g. "FCC-EQAUTH-CERT", "tariff 9903.88.15", "question device_class"
    expected: str
    actual: str
    ok: bool
    why: str = ""

    def text(self) -> str:
        out = f"{self.check}: expected {self.expected}, got {self.actual}"
        return out + (f" ({self.why})" if self.why and not self.ok else "")

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.check, "expected": self.expected, "actual": self.actual, "ok": self.ok,
                "why": self.why}


@dataclass
class CaseResult:
    file: str
    line: int | None
    name: str
    failures: list[str] = field(default_factory=list)
    error: str | None = None
    rows: list[Row] = field(default_factory=list)
    product: str = ""
    as_of: dt.date | None = None

    @property
    def passed(self) -> bool:
        return not self.failures and self.error is None

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line or 1}"

    def report(self, verbose: bool = False) -> str:
        """The case's outcome for a person: a header line, then expected and actual side by side."""
        head = f"{'PASS' if self.passed else 'FAIL'} {self.where}: {self.name}"
        lines = [head]
        if self.product:
            lines.append(f"  {self.product}" + (f" · as of {self.as_of}" if self.as_of else ""))
        if self.error:
            lines.append(f"  error: {self.error}")
        rows = self.rows if verbose else [r for r in self.rows if not r.ok]
        if rows:
            lines += ["  " + line for line in side_by_side(rows)]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "name": self.name, "passed": self.passed,
                "error": self.error, "as_of": self.as_of.isoformat() if self.as_of else None,
                "product": self.product, "checks": [r.to_dict() for r in self.rows]}


def side_by_side(rows: list[Row]) -> list[str]:
    """Rows as aligned columns: check | expected | actual | why."""
    head = Row("check", "expected", "actual", True, "why")
    table = [head, *rows]
    w = [max(_width(getattr(r, k)) for r in table) for k in ("check", "expected", "actual")]
    out = []
    for r in table:
        mark = "  " if r is head else ("✓ " if r.ok else "✗ ")
        cells = [_pad(r.check, w[0]), _pad(r.expected, w[1]), _pad(r.actual, w[2])]
        out.append((mark + "  ".join(cells) + "  " + r.why).rstrip())
    return out


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal
    return sum(2 if ord(ch) >= 0x1100 and _wide(ch) else 1 for ch in text)


def _wide(ch: str) -> bool:
    import unicodedata
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


# ------------------------------------------------------------------------------- reading

def case_files(engine: Engine, only: Iterable[Path | str] | None = None) -> Iterator[Path]:
    """The test files of the loaded packs (of the pack folders ``only``, when given)."""
    roots = None if only is None else {Path(p).resolve() for p in only}
    for pack in engine.packs:
        if roots is None or pack.root.resolve() in roots:
            yield from pack.test_files


def cases_of_file(path: Path | str) -> Iterator[tuple[str, Located, int, Any]]:
    """(file, located, index, case) for every case of one test file; raises InputError if unreadable."""
    located = load_file(path)
    cases = located.data.get("cases") if isinstance(located.data, dict) else None
    if not isinstance(cases, list):
        raise located.error((), "a rule test file holds `cases:`, a list of cases")
    for i, case in enumerate(cases):
        yield str(path), located, i, case


def iter_cases(engine: Engine) -> Iterator[tuple[str, Located, int, Any]]:
    """(file, located, index, case mapping) for every case of every loaded pack."""
    for path in case_files(engine):
        yield from cases_of_file(path)


def collect_tested(engine: Engine) -> tuple[frozenset[str], frozenset[str]]:
    """Rule ids and tariff headings that some case names."""
    ids: set[str] = set()
    headings: set[str] = set()
    for path in case_files(engine):
        try:
            cases = list(cases_of_file(path))
        except InputError:
            continue
        for _, _, _, case in cases:
            rids, heads = named_by(case)
            ids |= rids
            headings |= heads
    return frozenset(ids), frozenset(headings)


def named_by(case: Any) -> tuple[set[str], set[str]]:
    """The rule ids and tariff headings one case names in its expectations."""
    expect = case.get("expect", {}) if isinstance(case, dict) else {}
    if not isinstance(expect, dict):
        return set(), set()
    ids: set[str] = set()
    headings: set[str] = set()
    for key in ("applies", "needs_info", "absent"):
        ids.update(map(str, _as_list(expect.get(key))))
    for t in _as_list(expect.get("tariffs")):
        if isinstance(t, dict) and "heading" in t:
            headings.add(str(t["heading"]))
    headings.update(map(str, _as_list(expect.get("no_tariffs"))))
    return ids, headings


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# ------------------------------------------------------------------------------- running

@dataclass
class Prepared:
    """A case read and validated: its profile, date and expectations."""

    profile: Profile
    as_of: dt.date | None
    expect: dict[str, Any]


def prepare(file: str, located: Located, index: int, case: Any) -> tuple[CaseResult, Prepared | None]:
    base = ("cases", index)
    line = located.position(base)[0]
    if not isinstance(case, dict) or "profile" not in case or "expect" not in case:
        return CaseResult(file, line, f"case {index}", error="a case needs name, profile and expect"), None
    result = CaseResult(file, line, str(case.get("name", f"case {index}")))
    unknown = set(case) - set(CASE_KEYS)
    if unknown:
        result.error = f"unknown keys in case: {', '.join(sorted(unknown))} (expected {', '.join(CASE_KEYS)})"
        return result, None
    expect = case["expect"]
    bad = set(expect) - set(EXPECT_KEYS) if isinstance(expect, dict) else {"expect"}
    if bad:
        result.error = f"unknown expect keys: {', '.join(sorted(bad))} (expected {', '.join(EXPECT_KEYS)})"
        return result, None
    as_of = case.get("as_of")
    if as_of is not None and not isinstance(as_of, dt.date):
        result.error = "as_of must be a date YYYY-MM-DD"
        return result, None
    try:
        profile = profile_from_data(case["profile"], located, base + ("profile",))
    except InputError as exc:
        result.error = str(exc)
        return result, None
    result.product = _product(profile)
    return result, Prepared(profile, as_of, expect)


def _product(p: Profile) -> str:
    bits = [p.sku or p.name or "", f"HTS {format_hts(p.hts)}", f"origin {p.origin}"]
    if p.customs_value is not None:
        bits.append(f"value {p.customs_value:g} USD")
    return " · ".join(b for b in bits if b)


def run_case(engine: Engine, file: str, located: Located, index: int, case: Any) -> CaseResult:
    result, prepared = prepare(file, located, index, case)
    if prepared is None:
        return result
    try:
        checklist = engine.evaluate(prepared.profile, prepared.as_of, explain=True)
        ctx = Context(prepared.profile, engine.prepare_facts(prepared.profile), checklist.as_of)
    except InputError as exc:
        result.error = str(exc)
        return result
    result.as_of = checklist.as_of
    expect = prepared.expect
    status = {i.rule_id: i.status for i in checklist.items}
    rows = result.rows

    def why(rid: str) -> str:
        return why_rule(engine, checklist, ctx, rid)

    for key, want in (("applies", "applies"), ("needs_info", "needs_info")):
        for rid in map(str, _as_list(expect.get(key))):
            got = status.get(rid, "absent")
            rows.append(Row(rid, want, got, got == want, why(rid)))
    for rid in map(str, _as_list(expect.get("absent"))):
        got = status.get(rid, "absent")
        rows.append(Row(rid, "absent", got, got == "absent", why(rid)))
    lines = {t.heading: t for t in checklist.tariffs}
    stack = ", ".join(f"{t.heading} {_rate(t.rate_percent)}" for t in checklist.tariffs) or "no tariff lines"
    for exp in _as_list(expect.get("tariffs")):
        if not isinstance(exp, dict):
            rows.append(Row("tariffs", "a mapping with heading", repr(exp), False))
            continue
        heading = str(exp.get("heading"))
        got = lines.get(heading)
        keys = [k for k in ("rate_percent", "duty", "assessed_value", "basis", "program") if k in exp]
        want = " ".join([heading] + [_kv(k, exp[k]) for k in keys])
        if got is None:
            rid = _tariff_rule(engine, heading)
            reason = why(rid) if rid else "no rule has this heading"
            rows.append(Row(f"tariff {heading}", want, "absent", False, f"stack: {stack}; {reason}"))
            continue
        have = " ".join([heading] + [_kv(k, getattr(got, k)) for k in keys])
        ok = all(_same(getattr(got, k), exp[k]) for k in keys)
        rows.append(Row(f"tariff {heading}", want, have, ok,
                        "" if ok else "; ".join(render_reason(b) for b in got.because)))
    for heading in map(str, _as_list(expect.get("no_tariffs"))):
        got = lines.get(heading)
        rows.append(Row(f"tariff {heading}", "absent", "absent" if got is None else f"{heading} {_rate(got.rate_percent)}",
                        got is None, "" if got is None else "; ".join(render_reason(b) for b in got.because)))
    asked = {q.fact: q for q in checklist.questions}
    for fact in map(str, _as_list(expect.get("questions"))):
        q = asked.get(fact)
        rows.append(Row(f"question {fact}", "asked", "asked" if q else "not asked", q is not None,
                        "" if q else f"asked: {', '.join(sorted(asked)) or 'nothing'}"))
    if "total_duty" in expect:
        got_total = checklist.total_duty
        ok = _same(got_total, expect["total_duty"])
        rows.append(Row("total duty", f"{expect['total_duty']}", f"{got_total}", ok,
                        "" if ok else "lines: " + (", ".join(f"{t.heading}={t.duty}" for t in checklist.tariffs) or "none")))
    result.failures = [r.text() for r in rows if not r.ok]
    return result


def _rate(value: float | None) -> str:
    return "?" if value is None else f"{value:g}%"


def _kv(key: str, value: Any) -> str:
    if key == "rate_percent":
        return _rate(value)
    return f"{key}={value}"


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(b, bool):
        return abs(a - b) < 1e-9
    return a == b


def _tariff_rule(engine: Engine, heading: str) -> str | None:
    for c in engine.rules:
        if c.rule.heading == heading:
            return c.id
    return None


def why_rule(engine: Engine, checklist, ctx: Context, rule_id: str) -> str:
    """Why a rule did or did not fire for this product, in words."""
    crule = engine.by_id.get(rule_id)
    if crule is None:
        return "no such rule in the loaded packs"
    r = crule.rule
    outcome = next((c for c in checklist.considered or [] if c.rule_id == rule_id), None)
    if outcome is None:
        if r.status == "deprecated":
            return "deprecated: no longer evaluated"
        if crule.guard is not None:
            return f"HTS {format_hts(ctx.hts)} is not under the rule's HTS prefixes ({_guard_text(crule.guard)})"
        return "not evaluated"
    if outcome.outcome in ("not_in_force", "disabled", "exempt", "yielded"):
        text = "; ".join(render_reason(b) for b in outcome.because)
        label = {"not_in_force": f"not in force on {ctx.as_of}", "disabled": "disabled by an overlay",
                 "exempt": "exempt", "yielded": "displaced"}[outcome.outcome]
        return f"{label}: {text}" if text else label
    if crule.cond is None:
        return "no condition: applies to every import"
    return predicates(crule, ctx)


def predicates(crule, ctx: Context) -> str:
    """Each predicate of the rule's condition the engine reached, marked ✓ ✗ or ?."""
    out = []
    for path, node, value in leaf_values(crule.cond, ctx):
        words = short(describe(node.describe()))
        if value:
            try:
                words = short(render_reason(node.reason(ctx)))   # what matched, for this product
            except (NotImplementedError, TypeError, KeyError):
                pass
        if value is None:
            words += f" ({_unknown_because(node.missing(ctx), node)})"
        out.append(f"{MARK[value]} {words}")
    return " · ".join(out)


def _unknown_because(missing: list[str], node) -> str:
    if missing == [getattr(node, "name", None)]:
        return "not answered"
    known = {"materials": "the profile lists no materials", "parties": "no party is given",
             "customs_value": "no customs value is given"}
    return "; ".join(known.get(m, f"not answered: {m}") for m in missing) or "unknown"


def short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip(" ,") + "…"


def _guard_text(guard: frozenset[str]) -> str:
    items = sorted(guard)
    shown = ", ".join(format_hts(p) for p in items[:6])
    return shown + (f", … {len(items)} in all" if len(items) > 6 else "")


def run_tests(engine: Engine, only: Iterable[Path | str] | None = None) -> list[CaseResult]:
    """Run every case of the loaded packs (or of the packs ``only``); an unreadable test file is one failed result."""
    results = []
    for path in case_files(engine, only):
        try:
            cases = list(cases_of_file(path))
        except InputError as exc:
            results.append(CaseResult(str(path), exc.line, "(test file)", error=str(exc)))
            continue
        for file, located, index, case in cases:
            results.append(run_case(engine, file, located, index, case))
    return results


def coverage(engine: Engine) -> list[str]:
    """Rules that no case names (by id or tariff heading)."""
    ids, headings = collect_tested(engine)
    return [c.id for c in engine.rules
            if c.id not in ids and not (c.rule.heading and c.rule.heading in headings)]
