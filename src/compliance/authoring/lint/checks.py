"""The content checks. Each function's docstring is its documentation: what, why, problem, fix."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Iterator

from ...conditions import All, Not, Origin
from ...compiled import CompiledRule
from ...engine import Engine
from .problem import Problem

LOAD_CODES = {
    "L000": ("error", "The file cannot be read (missing, not UTF-8, YAML syntax, too large)."),
    "L001": ("error", "Schema error: a field is missing, unknown, or of the wrong type or format."),
    "L002": ("error", "Duplicate: a rule id or a fact is declared twice."),
    "L003": ("error", "A condition reads a fact that no facts file declares."),
    "L004": ("error", "A condition names a list that the packs do not have (or a list without an `hts` column)."),
    "L005": ("error", "A fact is compared with a value of the wrong type or outside its allowed values."),
    "L006": ("error", "An overlay overrides or disables a rule id that no earlier pack has."),
}


@dataclass
class Options:
    max_review_age_days: int = 365
    today: dt.date = dt.date.today()
    tested: frozenset[str] = frozenset()
    tested_headings: frozenset[str] = frozenset()


Check = Callable[[Engine, CompiledRule, Options], Iterator[tuple[str, tuple]]]
CHECKS: list[tuple[str, str, Check]] = []


def check(code: str, level: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        CHECKS.append((code, level, fn))
        return fn
    return register


@check("L101", "error")
def citation_without_url(engine, crule, opts):
    """A citation has no official URL.

    Problem: ``citations: [{cite: 47 CFR 2.1204}]``
    Fix: ``citations: [{cite: 47 CFR 2.1204, url: https://www.ecfr.gov/current/title-47/section-2.1204}]``
    """
    for i, c in enumerate(crule.rule.citations):
        if not c.url:
            yield f"citation '{c.cite}' has no url", ("citations", i, "cite")


@check("L102", "error")
def missing_chinese(engine, crule, opts):
    """A text of the rule has no Chinese (zh) version; every output can be rendered in Chinese.

    Problem: ``title: {en: FCC equipment authorization}``
    Fix: ``title: {en: FCC equipment authorization, zh: FCC 设备授权}``
    """
    r = crule.rule
    texts = [(("title",), r.title), (("action",), r.action)]
    texts += [(("documents", i), d) for i, d in enumerate(r.documents) if hasattr(d, "en")]
    texts += [(("documents", i, "any_of", j), d) for i, g in enumerate(r.documents)
              if hasattr(g, "any_of") for j, d in enumerate(g.any_of)]
    texts += [(("exemptions", i, "reason"), e.reason) for i, e in enumerate(r.exemptions)]
    for path, text in texts:
        if text is not None and not text.zh:
            yield f"{'.'.join(map(str, path))} has no Chinese text (zh)", path


@check("L104", "error")
def window_reversed(engine, crule, opts):
    """An effective window or a rate window ends before it starts.

    Problem: ``effective: {from: 2025-03-12, to: 2025-03-01}``
    Fix: correct the dates; `to` is the last day in force, inclusive.
    """
    r = crule.rule
    if r.effective.to and r.effective.to < r.effective.from_:
        yield f"effective window ends ({r.effective.to}) before it starts ({r.effective.from_})", ("effective",)
    for i, w in enumerate(r.rates):
        if w.to and w.to < w.from_:
            yield f"rate window ends ({w.to}) before it starts ({w.from_})", ("rates", i)


@check("L105", "error")
def rate_windows_overlap(engine, crule, opts):
    """Two rate windows of one tariff measure overlap, so a date would have two rates.

    Problem: ``rates: [{from: 2019-05-10, percent: 25}, {from: 2020-01-01, percent: 7.5}]``
    Fix: close the first window: ``{from: 2019-05-10, to: 2019-12-31, percent: 25}``
    """
    windows = sorted(enumerate(crule.rule.rates), key=lambda iw: iw[1].from_)
    for (i, a), (j, b) in zip(windows, windows[1:]):
        if a.to is None or a.to >= b.from_:
            yield f"rate windows {i} and {j} overlap ({a.from_}..{a.to or 'open'} and {b.from_}..)", ("rates", j)


@check("L106", "warning")
def ended_but_active(engine, crule, opts):
    """A rule's window has ended but its status is still active; mark it deprecated, or keep it
    active only because past entries still need it (then say so in `note`).

    Problem: ``effective: {from: 2018-01-01, to: 2020-12-31}`` with ``status: active`` and no note.
    Fix: ``status: deprecated``, or a `note` saying why it stays active.
    """
    r = crule.rule
    if r.status == "active" and r.effective.to and r.effective.to < opts.today and not r.note:
        yield f"window ended on {r.effective.to} but status is active (add a note or deprecate)", ("status",)


@check("L107", "error")
def never_true(engine, crule, opts):
    """A condition can never be true, e.g. `all` of two different origins.

    Problem: ``all: [{origin: CN}, {origin: VN}]``
    Fix: use ``any`` or a single ``origin: [CN, VN]``.
    """
    if crule.cond is None:
        return
    stack = [crule.cond]
    while stack:
        node = stack.pop()
        if isinstance(node, All):
            origins = [p.codes for p in node.parts if isinstance(p, Origin)]
            if len(origins) > 1 and not frozenset.intersection(*origins):
                yield "condition can never be true: `all` of origins with nothing in common", ("when",)
            hts = [p for p in node.parts if hasattr(p, "prefixes") and not isinstance(p, Not)]
            sets = [p.prefixes.items for p in hts]
            if len(sets) > 1 and not _prefix_sets_meet(sets):
                yield "condition can never be true: `all` of HTS prefixes that exclude each other", ("when",)
        stack.extend(node.children())


def _prefix_sets_meet(sets) -> bool:
    first, *rest = sets
    for other in rest:
        if not any(a.startswith(b) or b.startswith(a) for a in first for b in other):
            return False
    return True


@check("L108", "warning")
def untested(engine, crule, opts):
    """No test case of the packs exercises this rule (by id, or for a tariff, by its heading).

    Fix: add a case to the pack's ``tests/`` naming the rule in ``applies``, ``needs_info`` or ``absent``.
    """
    r = crule.rule
    if r.id in opts.tested or (r.heading and r.heading in opts.tested_headings):
        return
    yield "no test case exercises this rule", ("id",)


@check("L109", "warning")
def stale_review(engine, crule, opts):
    """`last_reviewed` is older than the configured age (default 365 days, `--max-age`).

    Fix: review the rule against its sources and update `last_reviewed`.
    """
    age = (opts.today - crule.rule.last_reviewed).days
    if age > opts.max_review_age_days:
        yield f"last reviewed {age} days ago (limit {opts.max_review_age_days})", ("last_reviewed",)


@check("L110", "warning")
def draft_without_note(engine, crule, opts):
    """A draft rule does not say in `note` what is unverified.

    Fix: ``note: The effective date could not be verified against the Federal Register.``
    """
    if crule.rule.status == "draft" and not crule.rule.note:
        yield "draft rule has no note saying what is unverified", ("status",)


@check("L111", "error")
def tariff_rates_outside_window(engine, crule, opts):
    """A tariff rate window starts before the rule's effective window or ends after it.

    Fix: make `effective` span the whole rate timeline.
    """
    r = crule.rule
    eff = r.effective
    for i, w in enumerate(r.rates):
        if w.from_ < eff.from_ or (eff.to and (w.to is None or w.to > eff.to)):
            yield f"rate window {i} ({w.from_}..{w.to or 'open'}) is outside the effective window", ("rates", i)


def fact_question_checks(engine: Engine) -> Iterator[Problem]:
    """L103 for facts: a fact's question has no Chinese text."""
    for name, fact in engine.facts.items():
        file, line = engine.fact_source[name]
        if not fact.question.zh:
            yield Problem("L102", "error", f"fact '{name}' question has no Chinese text (zh)", file, line)


def list_header_checks(engine: Engine) -> Iterator[Problem]:
    """L103: a list file without its source header (source, url, edition)."""
    for lst in engine.lists.values():
        missing = lst.missing_header()
        if missing:
            yield Problem("L103", "error", f"list '{lst.name}' has no {', '.join(missing)} in its header",
                          str(lst.path), 1)


CONTENT_DOCS = {code: (level, fn.__doc__ or "") for code, level, fn in CHECKS}
CONTENT_DOCS["L103"] = ("error", "A list file has no source header (`# source:`, `# url:`, `# edition:`).\n\n"
                                 "    Fix: add the header lines naming where the list comes from.")
