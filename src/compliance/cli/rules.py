"""`compliance rules ...`: the compliance officer's commands (list, lint, test, docs, diff, facts)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import InputError
from .common import load_engine, parse_date, rules_option, write_output


@click.group()
def rules():
    """List, lint, test, document and compare rule packs."""


@rules.command("list")
@click.option("--agency", help="Only rules of this agency.")
@click.option("--kind", type=click.Choice(["requirement", "prohibition", "tariff", "risk", "advisory"]))
@click.option("--status", type=click.Choice(["draft", "active", "deprecated"]), help="Only rules of this status.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@rules_option
def list_rules(agency, kind, status, fmt, lang, rules_dirs, no_default_rules):
    """List the rules of the loaded packs, with the rules version."""
    engine = load_engine(rules_dirs, no_default_rules)
    selected = [c for c in engine.rules
                if (agency is None or c.rule.agency == agency.upper()) and (kind is None or c.rule.kind == kind)
                and (status is None or c.rule.status == status)]
    if fmt == "json":
        data = {"rules_version": engine.rules_version,
                "rules": [{"id": c.id, "kind": c.rule.kind, "agency": c.rule.agency,
                           "severity": c.rule.severity, "status": c.rule.status, "pack": c.pack,
                           "title": c.rule.title.get(lang), "file": c.file,
                           "effective": {"from": str(c.rule.effective.from_),
                                         "to": str(c.rule.effective.to) if c.rule.effective.to else None},
                           **({"override": c.override_reason} if c.override_reason else {}),
                           **({"disabled": f"{c.disabled_by}: {c.disabled_reason}"} if c.disabled_reason else {})}
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
        state = r.status + (" (disabled)" if c.disabled_reason else "") + (" (override)" if c.override_reason else "")
        table.add_row(r.id, r.kind, r.agency, r.severity, state,
                      f"{r.effective.from_}..{r.effective.to or ''}", r.title.get(lang))
    console.print(table)
    return 0


@rules.command("lint")
@click.argument("packs", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--max-age", type=int, default=None,
              help="Days after which last_reviewed is stale (default: compliance.toml [lint], else 365).")
@click.option("--no-warnings", is_flag=True, help="Print errors only.")
@click.option("--no-default-rules", "standalone", is_flag=True,
              help="Check the named packs alone, not on top of the bundled pack.")
@click.option("--base", "base", multiple=True, type=click.Path(),
              help="A pack the named packs extend (loaded beneath them, not reported); repeatable.")
@click.option("--list-codes", is_flag=True, help="Print the lint codes with examples (Markdown) and exit.")
@click.option("--today", hidden=True, help="Date to check against (for reproducible runs).")
def lint(packs, fmt, max_age, no_warnings, standalone, base, list_codes, today):
    """Check rule packs and print every problem as file:line:column: CODE message.

    Without PACKS: the bundled pack and the configured packs. Packs named here are checked on
    top of the bundled pack, as overlays, and only their own problems are reported. Exit 1
    when there is an error (warnings do not count).
    """
    from ..authoring.lint import lint_packs, lint_paths
    if list_codes:
        from ..authoring.lint.catalogue import to_markdown
        write_output(to_markdown(), None)
        return 0
    load, only, include_default = lint_paths(packs, standalone, base)
    problems = lint_packs(load, include_default=include_default, only_packs=only,
                          max_review_age_days=max_age, today=parse_date(today, "--today"))
    if no_warnings:
        problems = [p for p in problems if p.level == "error"]
    problems = [_relative(p) for p in problems]
    errors = sum(p.level == "error" for p in problems)
    if fmt == "json":
        write_output(json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2) + "\n", None)
    else:
        for p in problems:
            click.echo(str(p))
        click.echo(f"{errors} error(s), {len(problems) - errors} warning(s)", err=True)
    return 1 if errors else 0


@rules.command("test")
@click.argument("packs", nargs=-1, type=click.Path())
@click.option("--coverage", "show_coverage", is_flag=True,
              help="Also report the rules no case names and the condition branches no case took.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--verbose", "-v", is_flag=True, help="Show every case and every expectation, passed or not.")
@click.option("--no-default-rules", "standalone", is_flag=True, help="Test the named packs alone.")
@click.option("--base", "base", multiple=True, type=click.Path(),
              help="A pack the named packs extend (loaded beneath them); repeatable.")
def test(packs, show_coverage, fmt, verbose, standalone, base):
    """Run the test cases that live beside the rules; exit 1 when one fails.

    Without PACKS: the cases of the bundled pack and of the configured packs. Packs named
    here are loaded on top of the bundled pack (and the --base packs) and their own cases run.
    """
    from ..authoring.lint import lint_paths
    from ..authoring.ruletest import run_tests
    from ..engine import Engine

    load, only, include_default = lint_paths(packs, standalone, base)
    engine = Engine.load(load, include_default=include_default)
    results = run_tests(engine, only)
    for r in results:
        r.file = _relative_path(r.file)
    failed = [r for r in results if not r.passed]
    cov = None
    if show_coverage:
        import dataclasses
        from ..authoring.coverage import branch_coverage
        cov = branch_coverage(engine, only)
        cov.missed = [dataclasses.replace(b, file=_relative_path(b.file)) for b in cov.missed]
    if fmt == "json":
        data = {"rules_version": engine.rules_version, "passed": len(results) - len(failed),
                "failed": len(failed), "cases": [r.to_dict() for r in results]}
        if cov is not None:
            data["coverage"] = cov.to_dict()
        write_output(json.dumps(data, ensure_ascii=False, indent=2) + "\n", None)
        return 1 if failed else 0
    for r in results:
        if verbose or not r.passed:
            click.echo(r.report(verbose=verbose))
            click.echo("")
    click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    if cov is not None:
        for line in cov.text():
            click.echo(line)
    return 1 if failed else 0


@rules.command("docs")
@click.option("--out", "out", type=click.Path(), default="docs/rules", show_default=True,
              help="Folder to write the catalogue into.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the folder is not current.")
@rules_option
def docs(out, lang, check, rules_dirs, no_default_rules):
    """Write a catalogue of the loaded packs: a page per agency and per tariff program, and one HTML page."""
    from ..authoring import docs as catalogue
    engine = load_engine(rules_dirs, no_default_rules)
    pages = catalogue.render(engine, lang)
    if check:
        stale = catalogue.compare(pages, Path(out))
        for line in stale:
            click.echo(line)
        if stale:
            click.echo(f"{out} is not current: run `compliance rules docs --out {out}`", err=True)
            return 1
        click.echo(f"{out} is current ({len(pages)} pages)")
        return 0
    catalogue.write(pages, Path(out))
    click.echo(f"wrote {len(pages)} pages to {out} (rules version {engine.rules_version})")
    return 0


@rules.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--catalog", type=click.Path(), help="A YAML/JSON list of product profiles: which products change.")
@click.option("--as-of", help="Entry date for the catalogue (default: each profile's entry_date, else today).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("--on-bundled", is_flag=True, help="Load both sides on top of the bundled pack (for overlay packs).")
@click.option("--output", "-o", type=click.Path(), help="Write to this file instead of stdout.")
def diff(old, new, catalog, as_of, fmt, on_bundled, output):
    """Compare two versions of a rule pack: OLD and NEW are folders, or git:REV (the bundled pack at a revision).

    Lists rules added, removed and changed field by field (conditions in words, rates per
    date); with --catalog, the products whose checklist would change and how.
    """
    from ..authoring import diff as pack_diff
    if catalog and not Path(catalog).is_file():
        raise InputError("file not found", file=catalog, field="--catalog")
    result = pack_diff.run(old, new, catalog, parse_date(as_of), on_bundled)
    if fmt == "json":
        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "markdown":
        text = pack_diff.to_markdown(result)
    else:
        text = pack_diff.to_text(result)
    write_output(text, output)
    return 0


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


def _relative_path(file: str) -> str:
    """A file under the working folder named relative to it (for CI annotations), else as given."""
    try:
        return Path(file).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return file


def _relative(problem):
    import dataclasses
    return dataclasses.replace(problem, file=_relative_path(problem.file))
