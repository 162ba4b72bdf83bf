"""The lint codes. Each function's docstring is the code's documentation.

A docstring has a summary, then ``Problem:`` and ``Fix:`` sections, each an example (an
indented YAML block, optionally preceded by a sentence on the same line).
``docs/lint-codes.md`` is generated from them (``compliance rules lint --list-codes``).

``L0xx`` codes are load errors: the engine finds them while reading and compiling the packs
(the functions registered with :func:`load_code` only document them). ``L1xx`` codes are
content checks that run on each compiled rule (:func:`check`) or on the whole pack set
(:func:`pack_check`). Codes are stable: a code is never reused for another problem.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from ...compiled import CompiledRule
from ...conditions import All, Compare, EntryDate, Fact, Hts, HtsList, Origin
from ...engine import Engine
from ..tree import Path, conditions_of, located_nodes
from .problem import Problem


@dataclass
class Options:
    max_review_age_days: int = 365
    today: dt.date = field(default_factory=dt.date.today)
    tested: frozenset[str] = frozenset()
    tested_headings: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Code:
    code: str
    level: str                  # error | warning
    name: str
    doc: str
    scope: str                  # load | rule | pack


Check = Callable[[Engine, CompiledRule, Options], Iterator[tuple[str, Path]]]
PackCheck = Callable[[Engine, Options], Iterator[Problem]]

CODES: dict[str, Code] = {}
CHECKS: list[tuple[str, str, Check]] = []
PACK_CHECKS: list[tuple[str, str, PackCheck]] = []


def _register(code: str, level: str, fn: Callable, scope: str) -> None:
    if code not in CODES:  # a code checked in two places keeps its first documentation
        CODES[code] = Code(code, level, fn.__name__, fn.__doc__ or "", scope)


def load_code(code: str) -> Callable[[Callable], Callable]:
    """Document a code that the engine reports while loading."""
    def register(fn: Callable) -> Callable:
        _register(code, "error", fn, "load")
        return fn
    return register


def check(code: str, level: str) -> Callable[[Check], Check]:
    """Register a check run on every compiled rule: it yields (message, path in the rule)."""
    def register(fn: Check) -> Check:
        _register(code, level, fn, "rule")
        CHECKS.append((code, level, fn))
        return fn
    return register


def pack_check(code: str, level: str) -> Callable[[PackCheck], PackCheck]:
    """Register a check run once on the loaded packs: it yields Problems."""
    def register(fn: PackCheck) -> PackCheck:
        _register(code, level, fn, "pack")
        PACK_CHECKS.append((code, level, fn))
        return fn
    return register


# ------------------------------------------------------------------ load errors (documented)

@load_code("L000")
def unreadable_file():
    """A file of the pack cannot be read: it is missing, not UTF-8, too large, or not valid YAML.

    Nothing else in that file is checked until it reads.

    Problem: a colon inside an unquoted flow mapping ends the key early.
        title: {en: Tires (DOT code: plant, size), zh: 轮胎}

    Fix: quote text that holds a colon, or use block style.
        title: {en: "Tires (DOT code: plant, size)", zh: 轮胎}
    """


@load_code("L001")
def schema_error():
    """Schema error: a field is missing, unknown, or of the wrong type or format.

    Covers rules, facts, lists and `pack.yaml`, and the shape of conditions (an unknown
    predicate, an HTS prefix that is not 2 to 10 digits, an unknown country code).

    Problem:
        - id: FCC-EQAUTH-CERT
          kind: requirement
          agency: FCC
          severity: urgent
          title: {en: FCC certification, zh: FCC 认证}

    Fix: use one of prohibited, blocking, required, advisory.
        - id: FCC-EQAUTH-CERT
          kind: requirement
          agency: FCC
          severity: blocking
          title: {en: FCC certification, zh: FCC 认证}
    """


@load_code("L002")
def duplicate():
    """Duplicate: a rule id or a fact is declared twice in the loaded packs.

    Rule ids are stable and unique across packs. A company pack that means to replace a
    bundled rule says so in `pack.yaml` under `overrides`.

    Problem: two files both define the rule.
        - id: CBP-MARKING-COO
          ...
        - id: CBP-MARKING-COO
          ...

    Fix: give the second rule its own id, or (in an overlay pack) declare the replacement.
        # pack.yaml of the overlay
        overrides:
          - {id: CBP-MARKING-COO, reason: Our marking procedure adds the importer name}
    """


@load_code("L003")
def undeclared_fact():
    """A condition reads a fact that no facts file of the loaded packs declares.

    Problem:
        when: {fact: has_radio, is: true}

    Fix: use the declared name (`compliance rules facts` lists them) or declare the fact.
        when: {fact: has_radio_transmitter, is: true}
    """


@load_code("L004")
def unknown_list():
    """A condition names a reference list that the packs do not have, or an HTS list without an `hts` column.

    Problem:
        when: {hts_list: s301-list-3}

    Fix: name the list by its file stem (`lists/s301-list3.csv` is `s301-list3`).
        when: {hts_list: s301-list3}
    """


@load_code("L005")
def wrong_value_type():
    """A fact is compared with a value of the wrong type or outside its allowed values.

    Problem: `device_class` is an enum of "1", "2", "3".
        when: {fact: device_class, in: ["II", "III"]}

    Fix:
        when: {fact: device_class, in: ["2", "3"]}
    """


@load_code("L006")
def overlay_unknown_rule():
    """An overlay overrides or disables a rule id that no earlier pack has (or overrides an id it does not define).

    Problem: a misspelt id disables nothing.
        disable:
          - {id: FCC-EQAUTH-CERTIFICATION, reason: Not sold in the US}

    Fix:
        disable:
          - {id: FCC-EQAUTH-CERT, reason: Not sold in the US}
    """


# ------------------------------------------------------------------------- rule checks

@check("L101", "error")
def citation_without_url(engine, crule, opts):
    """A citation has no URL of the official text.

    Problem:
        citations:
          - {cite: 47 CFR 2.1204}

    Fix:
        citations:
          - cite: 47 CFR 2.1204
            url: https://www.ecfr.gov/current/title-47/chapter-I/subchapter-A/part-2/subpart-K/section-2.1204
    """
    for i, c in enumerate(crule.rule.citations):
        if not c.url:
            yield f"citation '{c.cite}' has no url", ("citations", i, "cite")


@check("L102", "error")
def missing_chinese(engine, crule, opts):
    """A text has no Chinese (zh) version: a rule's title, action, document, exemption reason, dated text, or a fact's question.

    Every output can be rendered in Chinese; a missing zh text would fall back to English.

    Problem:
        title: {en: FCC equipment authorization}

    Fix:
        title: {en: FCC equipment authorization, zh: FCC 设备授权}
    """
    r = crule.rule
    texts = [(("title",), r.title), (("action",), r.action)]
    texts += [(("documents", i), d) for i, d in enumerate(r.documents) if hasattr(d, "en")]
    texts += [(("documents", i, "any_of", j), d) for i, g in enumerate(r.documents)
              if hasattr(g, "any_of") for j, d in enumerate(g.any_of)]
    texts += [(("exemptions", i, "reason"), e.reason) for i, e in enumerate(r.exemptions)]
    for i, dated in enumerate(r.texts):
        texts += [(("texts", i, "title"), dated.title), (("texts", i, "action"), dated.action)]
    for i, w in enumerate(r.rates):
        texts.append((("rates", i, "note"), w.note))
    if r.held_unlawful is not None:
        texts.append((("held_unlawful", "note"), r.held_unlawful.note))
    for path, text in texts:
        if text is not None and not text.zh:
            yield f"{'.'.join(map(str, path))} has no Chinese text (zh)", path


@check("L104", "error")
def window_reversed(engine, crule, opts):
    """An effective window or a rate window ends before it starts.

    Problem:
        effective: {from: 2025-03-12, to: 2025-03-01}

    Fix: `to` is the last day in force, inclusive, and comes after `from`.
        effective: {from: 2025-03-12, to: 2025-04-01}
    """
    r = crule.rule
    if r.effective.to and r.effective.to < r.effective.from_:
        yield f"effective window ends ({r.effective.to}) before it starts ({r.effective.from_})", ("effective", "to")
    for i, w in enumerate(r.rates):
        if w.to and w.to < w.from_:
            yield f"rate window {i} ends ({w.to}) before it starts ({w.from_})", ("rates", i, "to")


@check("L105", "error")
def rate_windows_overlap(engine, crule, opts):
    """Two rate windows of one tariff measure overlap, so a date would have two rates.

    Problem:
        rates:
          - {from: 2019-05-10, percent: 25}
          - {from: 2020-01-01, percent: 7.5}

    Fix: close the first window the day before the second starts.
        rates:
          - {from: 2019-05-10, to: 2019-12-31, percent: 25}
          - {from: 2020-01-01, percent: 7.5}
    """
    windows = sorted(enumerate(crule.rule.rates), key=lambda iw: iw[1].from_)
    for (i, a), (j, b) in zip(windows, windows[1:]):
        if a.to is None or a.to >= b.from_:
            yield (f"rate windows {i} ({a.from_}..{a.to or 'open'}) and {j} ({b.from_}..{b.to or 'open'}) overlap",
                   ("rates", j, "from"))


@check("L106", "warning")
def ended_but_active(engine, crule, opts):
    """A rule's window has ended but its status is still active.

    A deprecated rule is no longer evaluated, not even for past entry dates. Deprecate a rule
    that should not be used any more; keep a rule that ended `active` only so that entries
    of its window are still evaluated right, and then say so in `note`.

    Problem:
        status: active
        effective: {from: 2018-01-01, to: 2020-12-31}

    Fix: deprecate it, or keep it active and say why.
        status: active
        effective: {from: 2018-01-01, to: 2020-12-31}
        note: Ended 2020-12-31; kept active so that entries of 2018-2020 are still evaluated.
    """
    r = crule.rule
    if r.status == "active" and r.effective.to and r.effective.to < opts.today and not r.note:
        written = crule.loaded.path + ("status",) in crule.loaded.located.positions
        yield (f"window ended on {r.effective.to} but status is active (deprecate it, or say why in note)",
               ("status",) if written else ("effective", "to"))


@check("L107", "error")
def never_true(engine, crule, opts):
    """A condition (or an exemption's condition) can never be true, so the rule never applies.

    Found: `all` of origins, HTS prefixes or values of one fact that exclude each other,
    number or date bounds that leave nothing, an `entry_date` window outside the rule's
    effective window.

    Problem:
        when:
          all:
            - {origin: CN}
            - {origin: VN}

    Fix: one of several origins is `any`, or a single list.
        when: {origin: [CN, VN]}
    """
    for root, base in conditions_of(crule):
        for loc in located_nodes(root, base):
            for message in _contradictions(loc.node, crule):
                yield f"condition can never be true: {message}", loc.path


@check("L108", "warning")
def untested(engine, crule, opts):
    """No test case of the packs names this rule (by id; a tariff also by its heading).

    Problem: a new rule and no case under `tests/` mentions `FDA-RAD-PRODUCT-REPORT`.
        rules:
          - id: FDA-RAD-PRODUCT-REPORT
            ...

    Fix: add a case naming it in `applies`, `needs_info` or `absent` (a tariff: in `tariffs`).
        cases:
          - name: A laser pointer needs a product report
            as_of: 2025-06-01
            profile: {hts: "9013.20.0000", origin: CN, facts: {is_laser_product: true}}
            expect:
              applies: [FDA-RAD-PRODUCT-REPORT]
    """
    r = crule.rule
    if r.id in opts.tested or (r.heading and r.heading in opts.tested_headings):
        return
    yield "no test case names this rule", ("id",)


@check("L109", "warning")
def stale_review(engine, crule, opts):
    """`last_reviewed` is older than the configured age (default 365 days).

    Set the age with `--max-age DAYS`, or in `compliance.toml`:
    `[lint]` `max_review_age_days = 180`.

    Problem:
        last_reviewed: 2023-01-15

    Fix: review the rule against its sources (citations, dates, rates), then:
        last_reviewed: 2026-11-23
    """
    age = (opts.today - crule.rule.last_reviewed).days
    if age > opts.max_review_age_days:
        yield f"last reviewed {age} days ago (limit {opts.max_review_age_days})", ("last_reviewed",)


@check("L110", "warning")
def draft_without_note(engine, crule, opts):
    """A draft rule does not say in `note` what is unverified.

    Problem:
        status: draft

    Fix:
        status: draft
        note: The effective date could not be verified against the Federal Register.
    """
    if crule.rule.status == "draft" and not crule.rule.note:
        yield "draft rule has no note saying what is unverified", ("status",)


@check("L111", "error")
def tariff_rates_outside_window(engine, crule, opts):
    """A tariff rate window starts before the rule's effective window or ends after it.

    Problem:
        effective: {from: 2019-05-10}
        rates:
          - {from: 2018-09-24, to: 2019-05-09, percent: 10}
          - {from: 2019-05-10, percent: 25}

    Fix: make `effective` span the whole rate timeline.
        effective: {from: 2018-09-24}
    """
    r = crule.rule
    eff = r.effective
    for i, w in enumerate(r.rates):
        if w.from_ < eff.from_ or (eff.to and (w.to is None or w.to > eff.to)):
            yield f"rate window {i} ({w.from_}..{w.to or 'open'}) is outside the effective window", ("rates", i, "from")


# ------------------------------------------------------------------------- pack checks

@pack_check("L102", "error")
def fact_without_chinese(engine, opts):
    """(see the rule check of the same code)"""
    for name, fact in engine.facts.items():
        file, line = engine.fact_source[name]
        for key, text in (("question", fact.question), ("help", fact.help)):
            if text is not None and not text.zh:
                yield Problem("L102", "error", f"fact '{name}' {key} has no Chinese text (zh)", file, line)


@pack_check("L103", "error")
def list_without_source(engine, opts):
    """A reference list has no source header, so nobody can check where its entries come from.

    A CSV list starts with `# key: value` lines; a YAML list has the keys at the top.

    Problem:
        hts,description
        85176200,routers

    Fix:
        # source: Harmonized Tariff Schedule of the United States, chapter 99, U.S. note 20(e)
        # url: https://hts.usitc.gov/
        # edition: 2026-02-28
        hts,description
        85176200,routers
    """
    for lst in engine.lists.values():
        missing = lst.missing_header()
        if missing:
            yield Problem("L103", "error", f"list '{lst.name}' has no {', '.join(missing)} in its header",
                          str(lst.path), 1, 1)


# -------------------------------------------------------------------------- contradictions

def _contradictions(node, crule: CompiledRule) -> Iterator[str]:
    """What makes this one node never true by itself or by its direct parts."""
    if isinstance(node, Compare) and _empty_bounds([(op, v) for _, op, v in node.ops]):
        yield f"{node.attr} bounds {_ops_text([(op, v) for _, op, v in node.ops])} leave no value"
    if isinstance(node, EntryDate):
        eff = crule.rule.effective
        start = max(filter(None, (node.start, eff.from_)))
        end = min(filter(None, (node.end, eff.to)), default=None)
        if node.start and node.end and node.end < node.start:
            yield f"entry_date window ends ({node.end}) before it starts ({node.start})"
        elif end is not None and end < start:
            yield (f"entry_date window {node.start or '...'}..{node.end or '...'} is outside the rule's "
                   f"effective window {eff.from_}..{eff.to or 'open'}")
    if not isinstance(node, All):
        return
    parts = node.parts
    origins = [p.codes for p in parts if isinstance(p, Origin)]
    if len(origins) > 1 and not frozenset.intersection(*origins):
        yield "`all` of origins with nothing in common (" + " / ".join(",".join(sorted(o)) for o in origins) + ")"
    hts = [p.prefixes.items for p in parts if isinstance(p, (Hts, HtsList))]
    if len(hts) > 1 and not _prefix_sets_meet(hts):
        yield "`all` of HTS prefixes that exclude each other"
    by_fact: dict[str, list[Fact]] = {}
    for p in parts:
        if isinstance(p, Fact):
            by_fact.setdefault(p.name, []).append(p)
    for name, facts in by_fact.items():
        if len(facts) > 1:
            why = _facts_conflict(facts)
            if why:
                yield f"`all` of conditions on fact '{name}' that exclude each other ({why})"
    compares = [(op, v) for p in parts if isinstance(p, Compare) and p.attr == "customs_value" for _, op, v in p.ops]
    if len([p for p in parts if isinstance(p, Compare)]) > 1 and _empty_bounds(compares):
        yield f"customs_value bounds {_ops_text(compares)} leave no value"
    dates = [p for p in parts if isinstance(p, EntryDate)]
    if len(dates) > 1:
        start = max((d.start for d in dates if d.start), default=None)
        end = min((d.end for d in dates if d.end), default=None)
        if start and end and end < start:
            yield "`all` of entry_date windows that do not meet"


def _facts_conflict(facts: list[Fact]) -> str | None:
    answered = [f.value for f in facts if f.op == "answered"]
    if False in answered and any(f.op != "answered" for f in facts):
        return "`answered: false` with a condition on its value"
    if True in answered and False in answered:
        return "answered both true and false"
    allowed: set | None = None
    for f in facts:
        if f.op == "is":
            vals = {f.value}
        elif f.op == "in":
            vals = set(f.value)
        else:
            continue
        allowed = vals if allowed is None else allowed & vals
    if allowed is not None and not allowed:
        return "no value satisfies every `is` / `in`"
    bounds = [(f.op, f.value) for f in facts if f.op in ("gte", "gt", "lte", "lt")]
    if allowed is not None and bounds:
        if not any(_within(v, bounds) for v in allowed if isinstance(v, (int, float, dt.date))):
            return "the values of `is` / `in` are outside the bounds"
    elif bounds and _empty_bounds(bounds):
        return "bounds " + _ops_text(bounds) + " leave no value"
    return None


def _within(value: Any, bounds: list[tuple[str, Any]]) -> bool:
    from ...conditions import _OPS
    try:
        return all(_OPS[op](value, v) for op, v in bounds)
    except TypeError:
        return True


def _empty_bounds(bounds: list[tuple[str, Any]]) -> bool:
    lo, lo_open, hi, hi_open = None, False, None, False
    for op, v in bounds:
        if op in ("gte", "gt"):
            if lo is None or v > lo or (v == lo and op == "gt"):
                lo, lo_open = v, op == "gt"
        elif op in ("lte", "lt"):
            if hi is None or v < hi or (v == hi and op == "lt"):
                hi, hi_open = v, op == "lt"
    if lo is None or hi is None:
        return False
    try:
        if hi < lo:
            return True
        return hi == lo and (lo_open or hi_open)
    except TypeError:
        return False


def _ops_text(bounds: list[tuple[str, Any]]) -> str:
    sym = {"gte": ">=", "gt": ">", "lte": "<=", "lt": "<"}
    return " and ".join(f"{sym[op]} {v}" for op, v in bounds)


def _prefix_sets_meet(sets) -> bool:
    first, *rest = sets
    for other in rest:
        if not any(a.startswith(b) or b.startswith(a) for a in first for b in other):
            return False
    return True


def catalogue() -> list[Code]:
    """Every code, in order."""
    return [CODES[k] for k in sorted(CODES)]

