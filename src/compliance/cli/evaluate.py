"""`compliance evaluate` and `compliance explain`."""

from __future__ import annotations

import os

import click

from ..errors import InputError
from .common import (EXIT_FAIL_ON, EXIT_INPUT, load_engine, parse_date, report, rules_option,
                     stdout_is_terminal, write_output)

SEVERITIES = ("advisory", "required", "blocking", "prohibited")


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--as-of", help="Entry date YYYY-MM-DD (default: the profile's entry_date, else today).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "yaml", "markdown", "csv", "html"]),
              default="table", show_default=True)
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@rules_option
@click.option("--fail-on", type=click.Choice(SEVERITIES),
              help="Exit 1 when an item at or above this severity applies.")
@click.option("--explain", is_flag=True, help="Add the rules considered and why they did not apply.")
@click.option("--interactive", "-i", is_flag=True, help="Ask the open questions, then evaluate again.")
@click.option("--write-answers", is_flag=True, help="With --interactive: save the answers into the profile file.")
@click.option("--output", "-o", type=click.Path(), help="Write to this file (atomically) instead of stdout.")
def evaluate(files, as_of, fmt, lang, rules_dirs, no_default_rules, fail_on, explain, interactive,
             write_answers, output):
    """Evaluate product profiles (YAML or JSON) and print their checklists."""
    from ..profile import iter_profiles
    from ..render import render

    engine = load_engine(rules_dirs, no_default_rules)
    day = parse_date(as_of)
    checklists, failed = [], False
    for path in files:
        try:
            records = list(iter_profiles(path))
        except InputError as exc:
            report(exc)
            failed = True
            continue
        for record in records:
            if isinstance(record, InputError):
                report(record)
                failed = True
                continue
            try:
                checklist = engine.evaluate(record, day, explain=explain)
                if interactive and checklist.questions:
                    from .interactive import ask_and_reevaluate
                    checklist = ask_and_reevaluate(engine, record, checklist, day, explain, lang,
                                                   path if write_answers else None)
            except InputError as exc:
                report(exc)
                failed = True
                continue
            checklists.append(checklist)
    if checklists:
        color = not output and stdout_is_terminal() and not os.environ.get("NO_COLOR")
        write_output(render(checklists, fmt, lang, color=color), output)
    if failed:
        return EXIT_INPUT
    if fail_on:
        floor = SEVERITIES.index(fail_on)
        if any(SEVERITIES.index(i.severity) >= floor for c in checklists for i in c.applies):
            return EXIT_FAIL_ON
    return 0


@click.command()
@click.argument("file", type=click.Path())
@click.argument("rule_id")
@click.option("--as-of", help="Entry date YYYY-MM-DD.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@rules_option
def explain(file, rule_id, as_of, lang, rules_dirs, no_default_rules):
    """Explain why one rule does, or does not, apply to the product in FILE."""
    from ..i18n import describe, render_reason, ui
    from ..profile import load_profiles

    engine = load_engine(rules_dirs, no_default_rules)
    profiles = load_profiles(file)
    crule = engine.by_id.get(rule_id)
    if crule is None:
        raise InputError(f"unknown rule id '{rule_id}' (see `compliance rules list`)", field="RULE_ID")
    r = crule.rule
    for profile in profiles:
        result = engine.explain(profile, rule_id, parse_date(as_of))
        click.echo(f"{profile.label}: {r.id} — {ui(result.outcome, lang)}")
        click.echo(f"  {r.title.get(lang)}  [{r.agency}, {ui(r.severity, lang)}, {r.status}]")
        click.echo(f"  rule: {crule.file}:{crule.loaded.position()[0]}")
        cond = describe(crule.cond.describe(), lang) if crule.cond else describe(("always", {}), lang)
        click.echo(f"  when: {cond}")
        for b in result.because:
            click.echo(f"  - {render_reason(b, lang)}")
        for c in r.citations:
            click.echo(f"  cite: {c.cite} {c.url or ''}".rstrip())
    return 0
