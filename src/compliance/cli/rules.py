"""`compliance rules ...`: the rule author's commands."""

from __future__ import annotations

import json

import click

from .common import load_engine, rules_option, write_output


@click.group()
def rules():
    """List, lint and test rule packs."""


@rules.command("list")
@click.option("--agency", help="Only rules of this agency.")
@click.option("--kind", type=click.Choice(["requirement", "prohibition", "tariff", "risk", "advisory"]))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@rules_option
def list_rules(agency, kind, fmt, lang, rules_dirs, no_default_rules):
    """List the rules of the loaded packs, with the rules version."""
    engine = load_engine(rules_dirs, no_default_rules)
    selected = [c for c in engine.rules
                if (agency is None or c.rule.agency == agency.upper()) and (kind is None or c.rule.kind == kind)]
    if fmt == "json":
        data = {"rules_version": engine.rules_version,
                "rules": [{"id": c.id, "kind": c.rule.kind, "agency": c.rule.agency,
                           "severity": c.rule.severity, "status": c.rule.status, "pack": c.pack,
                           "title": c.rule.title.get(lang), "file": c.file,
                           "effective": {"from": str(c.rule.effective.from_),
                                         "to": str(c.rule.effective.to) if c.rule.effective.to else None}}
                          for c in selected]}
        write_output(json.dumps(data, ensure_ascii=False, indent=2) + "\n", None)
        return 0
    from rich.console import Console
    from rich.table import Table
    console = Console(width=160)
    table = Table(title=f"{len(selected)} rules · rules version {engine.rules_version}")
    for col in ("id", "kind", "agency", "severity", "status", "in force", "title"):
        table.add_column(col, overflow="fold")
    for c in selected:
        r = c.rule
        table.add_row(r.id, r.kind, r.agency, r.severity, r.status,
                      f"{r.effective.from_}..{r.effective.to or ''}", r.title.get(lang))
    console.print(table)
    return 0


@rules.command("lint")
@click.argument("packs", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--max-age", default=365, show_default=True, help="Days after which last_reviewed is stale.")
@click.option("--no-warnings", is_flag=True, help="Print errors only.")
def lint(packs, fmt, max_age, no_warnings):
    """Check rule packs (default: the bundled pack) and print every problem.

    Packs named here are checked on top of the bundled pack, as overlays; exit 1 on an error.
    """
    from ..authoring.lint import lint_packs
    from ..packs import default_pack_path
    from pathlib import Path

    default = default_pack_path().resolve()
    named = [p for p in packs if Path(p).resolve() != default]
    problems = lint_packs(named, only_packs=named or None)
    if no_warnings:
        problems = [p for p in problems if p.level == "error"]
    errors = sum(p.level == "error" for p in problems)
    if fmt == "json":
        write_output(json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2) + "\n", None)
    else:
        for p in problems:
            click.echo(str(p))
        warnings = len(problems) - errors
        click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)
    return 1 if errors else 0


@rules.command("test")
@click.argument("packs", nargs=-1, type=click.Path())
@click.option("--coverage", "show_coverage", is_flag=True, help="List the rules no test case exercises.")
def test(packs, show_coverage):
    """Run the test cases that live beside the rules; exit 1 when one fails."""
    from ..authoring.ruletest import coverage, run_tests
    from ..packs import default_pack_path
    from pathlib import Path

    default = default_pack_path().resolve()
    engine = load_engine(tuple(p for p in packs if Path(p).resolve() != default))
    results = run_tests(engine)
    failed = [r for r in results if not r.passed]
    for r in failed:
        click.echo(f"FAIL {r.file}:{r.line}: {r.name}")
        if r.error:
            click.echo(f"  error: {r.error}")
        for f in r.failures:
            click.echo(f"  - {f}")
    click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    if show_coverage:
        untested = coverage(engine)
        click.echo(f"{len(engine.rules) - len(untested)}/{len(engine.rules)} rules exercised by a test")
        for rid in untested:
            click.echo(f"  untested: {rid}")
    return 1 if failed else 0


@rules.command("facts")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@rules_option
def facts(lang, rules_dirs, no_default_rules):
    """List the facts catalogue: each fact, its type, values and question."""
    engine = load_engine(rules_dirs, no_default_rules)
    for name, fact in sorted(engine.facts.items()):
        values = f" [{', '.join(fact.values)}]" if fact.values else ""
        click.echo(f"{name} ({fact.type}{values}): {fact.question.get(lang)}")
    return 0
