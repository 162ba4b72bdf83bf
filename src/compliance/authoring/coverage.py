"""Branch coverage of the rule tests: which branches of the conditions no test case took.

A branch is one way a part of a condition can go. For every rule (and every exemption):

- the whole condition: true (the rule fires) and false (it does not);
- each predicate (`hts`, `origin`, `fact`...): true and false;
- each `not`: true and false;
- each `any` alternative that is itself an `all` / `any` / `not`: taken (it is the one that
  made the `any` true; a predicate alternative is covered by its own true branch).

A branch counts as taken only when the engine really reached it for a case in which the
rule is in force on the case's date: a part of an `all` after a false part, or an
alternative after a true one, is never looked at. An exemption's branches are reached only
when the rule's own condition is true. Deprecated rules are not counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, Iterable

from ..conditions import Not
from ..context import Context
from ..engine import Engine
from ..errors import InputError
from .ruletest import case_files, cases_of_file, collect_tested, prepare, short
from .tree import Path, conditions_of, dotted, located_nodes, trace


@dataclass(frozen=True)
class Branch:
    rule_id: str
    file: str
    line: int | None
    column: int | None
    path: Path
    outcome: str        # true | false
    words: str

    @property
    def label(self) -> str:
        return f"{dotted(self.path)} ({self.words}): never {self.outcome}"

    def to_dict(self) -> dict[str, Any]:
        return {"rule_id": self.rule_id, "file": self.file, "line": self.line, "column": self.column,
                "path": dotted(self.path), "outcome": self.outcome, "condition": self.words}


@dataclass
class Coverage:
    rules: int = 0
    rules_named: int = 0
    untested_rules: list[str] = field(default_factory=list)
    branches: int = 0
    taken: int = 0
    missed: list[Branch] = field(default_factory=list)
    cases: int = 0

    @property
    def percent(self) -> float:
        return 100.0 if not self.branches else round(100.0 * self.taken / self.branches, 1)

    def to_dict(self) -> dict[str, Any]:
        return {"cases": self.cases, "rules": self.rules, "rules_named_by_a_case": self.rules_named,
                "untested_rules": list(self.untested_rules), "branches": self.branches,
                "branches_taken": self.taken, "branch_percent": self.percent,
                "missed": [b.to_dict() for b in self.missed]}

    def text(self) -> list[str]:
        out = [f"rules named by a test case: {self.rules_named}/{self.rules}",
               f"branches taken: {self.taken}/{self.branches} ({self.percent:g}%) over {self.cases} case(s)"]
        out += [f"  untested rule: {rid}" for rid in self.untested_rules]
        for b in self.missed:
            out.append(f"  {b.file}:{b.line or 1}:{b.column or 1}: {b.rule_id} {b.label}")
        return out


def branches_of(crule) -> list[tuple[Path, str, str]]:
    """(path, outcome, words) of every branch of a rule."""
    out: list[tuple[Path, str, str]] = []
    for root, base in conditions_of(crule):
        for loc in located_nodes(root, base):
            words = short(loc.words(), 70)
            if loc.role == "root" or not loc.compound or isinstance(loc.node, Not):
                out.append((loc.path, "true", words))
                out.append((loc.path, "false", words))
            elif loc.role == "alternative":
                out.append((loc.path, "taken", words))
    return list(dict.fromkeys(out))


def branch_coverage(engine: Engine, only: Iterable[FsPath | str] | None = None) -> Coverage:
    """Run every case of the loaded packs and report the branches none of them took.

    ``only``: pack folders whose cases run and whose rules are counted (an overlay's own).
    """
    seen: dict[str, dict[Path, set]] = {}
    report = Coverage()
    names = None if only is None else {p.name for p in engine.packs
                                       if p.root.resolve() in {FsPath(o).resolve() for o in only}}
    rules = [c for c in engine.rules if c.rule.status != "deprecated" and (names is None or c.pack in names)]
    for path in case_files(engine, only):
        try:
            cases = list(cases_of_file(path))
        except InputError:
            continue
        for file, located, index, case in cases:
            _, prepared = prepare(file, located, index, case)
            if prepared is None:
                continue
            profile = prepared.profile
            try:
                facts = engine.prepare_facts(profile)
            except InputError:
                continue
            day = prepared.as_of or profile.entry_date
            if day is None:
                day = dt.date.today()
            ctx = Context(profile, facts, day)
            report.cases += 1
            for crule in rules:
                if not crule.rule.effective.contains(day):
                    continue
                rule_seen = seen.setdefault(crule.id, {})
                value = True if crule.cond is None else trace(crule.cond, ctx, ("when",), rule_seen)
                if value:
                    for i, (_, node, _) in enumerate(crule.exemptions):
                        trace(node, ctx, ("exemptions", i, "when"), rule_seen)
    ids, headings = collect_tested(engine)
    for crule in rules:
        report.rules += 1
        if crule.id in ids or (crule.rule.heading and crule.rule.heading in headings):
            report.rules_named += 1
        else:
            report.untested_rules.append(crule.id)
        rule_seen = seen.get(crule.id, {})
        for path, outcome, words in branches_of(crule):
            report.branches += 1
            values = rule_seen.get(path, set())
            want = {"true": True, "false": False, "taken": True}[outcome]
            if want in values:
                report.taken += 1
            else:
                line, col = crule.loaded.position(*path)
                report.missed.append(Branch(crule.id, crule.file, line, col, path, outcome, words))
    return report
