"""Running every check over a set of packs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable

from ...engine import Engine
from ...errors import InputError
from ..ruletest import collect_tested
from .checks import CHECKS, Options, fact_question_checks, list_header_checks
from .problem import Problem


def lint_packs(packs: Iterable[Path | str] | None = None, *, include_default: bool = True,
               max_review_age_days: int = 365, today: dt.date | None = None,
               only_packs: Iterable[Path | str] | None = None) -> list[Problem]:
    """Every problem of the packs, sorted by file and line.

    ``only_packs``: report content problems only for rules of these pack folders (an overlay
    is checked against the packs it extends without re-reporting theirs).
    """
    engine, errors = Engine.load_collecting(packs, include_default=include_default)
    problems = [_from_error(e) for e in errors]
    if engine is None:
        return sorted(problems, key=_order)
    tested, headings = collect_tested(engine)
    opts = Options(max_review_age_days, today or dt.date.today(), tested, headings)
    roots = [str(Path(p).resolve()) for p in only_packs] if only_packs else None

    def mine(file: str) -> bool:
        return roots is None or any(str(Path(file).resolve()).startswith(r) for r in roots)

    for crule in engine.rules:
        if not mine(crule.file):
            continue
        for code, level, fn in CHECKS:
            for message, path in fn(engine, crule, opts):
                line, col = crule.loaded.position(*path)
                problems.append(Problem(code, level, f"{crule.id}: {message}", crule.file, line, col, crule.id))
    problems += [p for p in fact_question_checks(engine) if mine(p.file)]
    problems += [p for p in list_header_checks(engine) if mine(p.file)]
    return sorted(problems, key=_order)


def _from_error(err: InputError) -> Problem:
    code = err.code if err.code != "E000" else ("L001" if err.line else "L000")
    message = f"{err.field}: {err.message}" if err.field else err.message
    return Problem(code, "error", message, err.file or "<pack>", err.line, err.column)


def _order(p: Problem) -> tuple:
    return (p.file, p.line or 0, p.column or 0, p.code)
