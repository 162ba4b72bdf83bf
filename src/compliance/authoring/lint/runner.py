"""Running every check over a set of packs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable

from ...engine import Engine
from ...errors import InputError
from ...yamlio import load_file
from ..ruletest import collect_tested
from .checks import CHECKS, PACK_CHECKS, Options
from .problem import Problem

DEFAULT_MAX_AGE = 365


def lint_packs(packs: Iterable[Path | str] | None = None, *, include_default: bool = True,
               max_review_age_days: int | None = None, today: dt.date | None = None,
               only_packs: Iterable[Path | str] | None = None) -> list[Problem]:
    """Every problem of the packs, sorted by file and line.

    ``only_packs``: report problems only for files of these pack folders (an overlay is
    checked against the packs it extends without re-reporting theirs).
    ``max_review_age_days``: default from ``compliance.toml`` (``[lint] max_review_age_days``), else 365.
    """
    packs = list(packs or [])
    engine, errors = Engine.load_collecting(packs, include_default=include_default)
    roots = [Path(p).resolve() for p in only_packs] if only_packs else None

    def mine(file: str | None) -> bool:
        if roots is None or not file or file.startswith("<"):
            return True
        path = Path(file.split("#")[0]).resolve()
        return any(path == r or r in path.parents for r in roots)

    problems = _name_rules([_from_error(e) for e in errors if mine(e.file)])
    _locate_overlay_errors(problems, packs, include_default)
    if engine is None:
        return sorted(set(problems), key=_order)
    seen = {(p.file, p.line, p.column, p.code) for p in problems}
    problems += [p for p in _name_rules(_condition_problems(engine))
                 if mine(p.file) and (p.file, p.line, p.column, p.code) not in seen]
    tested, headings = collect_tested(engine)
    age = max_review_age_days if max_review_age_days is not None else configured_max_age()
    opts = Options(age, today or dt.date.today(), tested, headings)
    for crule in engine.rules:
        if not mine(crule.file):
            continue
        for code, level, fn in CHECKS:
            for message, path in fn(engine, crule, opts):
                line, col = crule.loaded.position(*path)
                problems.append(Problem(code, level, f"{crule.id}: {message}", crule.file, line, col, crule.id))
    for code, level, fn in PACK_CHECKS:
        problems += [p for p in fn(engine, opts) if mine(p.file)]
    return sorted(set(problems), key=_order)


def configured_max_age(folder: Path | None = None) -> int:
    """`[lint] max_review_age_days` of compliance.toml in the working folder, else 365."""
    from ...settings import config_section
    found = config_section("lint", folder)
    if found is None:
        return DEFAULT_MAX_AGE
    path, table = found
    value = table.get("max_review_age_days", DEFAULT_MAX_AGE)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InputError("lint.max_review_age_days must be a whole number of days", file=str(path),
                         field="lint.max_review_age_days")
    return value


def _from_error(err: InputError) -> Problem:
    if err.code != "E000":
        code = err.code
    else:
        # a plain InputError comes from reading the file (syntax, encoding, size, duplicate
        # keys); a RulePackError without a code is about the content's shape.
        unreadable = type(err) is InputError or (err.line is None and err.message.startswith(
            ("rule pack folder not found", "not a rule pack")))
        code = "L000" if unreadable else "L001"
    field = err.field or ""
    redundant = field and err.message.startswith(field.split(".")[-1] + " ")
    message = f"{field}: {err.message}" if field and not redundant else err.message
    return Problem(code, "error", message, err.file or "<pack>", err.line, err.column)


def _name_rules(problems: list[Problem]) -> list[Problem]:
    """Give a load problem inside a rule file the id of the rule it is in."""
    starts: dict[str, list[tuple[int, str]]] = {}
    out = []
    for p in problems:
        if p.rule_id is None and p.line and p.code != "L000" and p.file.endswith((".yaml", ".yml")):
            if p.file not in starts:
                starts[p.file] = _rule_starts(p.file)
            rid = None
            for line, candidate in starts[p.file]:
                if line <= p.line:
                    rid = candidate
            if rid:
                p = Problem(p.code, p.level, f"{rid}: {p.message}", p.file, p.line, p.column, rid)
        out.append(p)
    return out


def _rule_starts(file: str) -> list[tuple[int, str]]:
    try:
        located = load_file(file)
    except InputError:
        return []
    rules = located.data.get("rules") if isinstance(located.data, dict) else None
    if not isinstance(rules, list):
        return []
    out = []
    for i, raw in enumerate(rules):
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            line = located.position(("rules", i))[0]
            if line:
                out.append((line, raw["id"]))
    return sorted(out)


def _locate_overlay_errors(problems: list[Problem], packs: list, include_default: bool) -> None:
    """Give the engine's L006 (an unknown id in `disable` or `overrides`) the line of its entry."""
    for k, p in enumerate(problems):
        if p.code != "L006" or p.line is not None or not p.file.endswith("pack.yaml"):
            continue
        rid = p.message.rsplit("'", 2)[-2] if p.message.count("'") >= 2 else None
        try:
            located = load_file(p.file)
        except InputError:
            continue
        key = "overrides" if p.message.startswith("overrides:") else "disable"
        entries = located.data.get(key) if isinstance(located.data, dict) else None
        for i, entry in enumerate(entries or []):
            if isinstance(entry, dict) and entry.get("id") == rid:
                line, col = located.position((key, i, "id"))
                problems[k] = Problem(p.code, p.level, p.message, p.file, line, col)
                break


def _condition_problems(engine: Engine) -> list[Problem]:
    """Every problem of the conditions of rules that did not compile, not only the first.

    The engine stops compiling a rule at its first bad predicate; here each predicate of such
    a rule is compiled on its own, so that two undeclared facts give two problems.
    """
    from ...conditions import Compiler
    from ...errors import RulePackError
    from ...yamlio import dotted
    compiler = Compiler(engine.facts, engine.lists, engine.screener, engine.gazetteer)
    for pack in engine.packs:
        for name, (raw, located, at) in getattr(pack, "conditions", {}).items():
            def named_error(path, message, code, _loc=located, _at=at):
                line, col = _loc.position(_at + path)
                return RulePackError(message, file=_loc.file, line=line, column=col,
                                     field=dotted(_at + path), code=code)
            compiler.named[name] = (raw, named_error)
    out: list[Problem] = []
    for pack in engine.packs:
        for loaded in pack.rules:
            if loaded.rule.id in engine.by_id:
                continue
            roots = [(loaded.rule.when, ("when",))] + [
                (ex.when, ("exemptions", i, "when")) for i, ex in enumerate(loaded.rule.exemptions)]
            for raw, base in roots:
                if raw is None:
                    continue

                def error(path, message, code, _l=loaded, _base=base):
                    line, col = _l.position(*(_base + path))
                    return RulePackError(message, file=_l.file, line=line, column=col,
                                         field=dotted(_base + path), code=code)
                for leaf, path in _leaves(raw, ()):
                    try:
                        compiler.compile(leaf, error, path)
                    except RulePackError as exc:
                        out.append(_from_error(exc))
    return out


def _leaves(raw, path: tuple):
    if isinstance(raw, dict) and len(raw) == 1 and isinstance(raw.get("all", raw.get("any")), list):
        key = "all" if "all" in raw else "any"
        for i, part in enumerate(raw[key]):
            yield from _leaves(part, path + (key, i))
    elif isinstance(raw, dict) and len(raw) == 1 and "not" in raw:
        yield from _leaves(raw["not"], path + ("not",))
    else:
        yield raw, path


def _order(p: Problem) -> tuple:
    return (p.file, p.line or 0, p.column or 0, p.code, p.message)


def lint_paths(named: Iterable[str], standalone: bool = False,
               base: Iterable[str] = ()) -> tuple[list[Path], list[Path] | None, bool]:
    """Which packs to load, which to report on, and whether to load the bundled pack.

    No pack named: the bundled pack and the configured ones (COMPLIANCE_RULES,
    compliance.toml), every problem reported. Packs named: loaded on top of the bundled pack
    and the ``base`` packs (they are overlays) and only their problems reported;
    ``standalone`` leaves the bundled pack out.
    """
    from ...packs import default_pack_path
    from ...settings import configured_packs
    paths = [Path(p) for p in named]
    bases = [Path(p) for p in base]
    if not paths:
        return [*configured_packs(), *bases], None, not standalone
    default = default_pack_path().resolve()
    extra = [p for p in paths if p.resolve() != default]
    return [*bases, *extra], paths, len(extra) != len(paths) or not standalone
