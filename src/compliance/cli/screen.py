"""`compliance screen` and `compliance lists`: screen a party name; import the trade.gov CSL.

    compliance screen "Hoshine Silicon Industry Co Ltd" --country CN
    compliance screen "新疆中泰化学" --list uflpa-entities --format json
    compliance screen "Acme Trading" --address "Aksu, Xinjiang" --fail-on weak
    compliance lists import consolidated.csv --out my-pack/lists
"""

from __future__ import annotations

import json
from typing import Any

import click

from .common import EXIT_FAIL_ON, EXIT_OK, load_engine, rules_option, write_output

#: Columns that make a pack list an entity list (screened by name) or a place list.
_NAME_COLUMNS = ("name", "entity")
_ENTITY_MARKERS = ("aliases", "name_zh")
_PLACE_COLUMNS = ("name_en", "name_zh", "level")
#: Row fields shown as "listed" details, when the list has them.
_LISTED_FIELDS = ("list_section", "date_added", "effective_date", "fr_citation", "source_list",
                  "programs", "covered", "fcc_document", "start_date", "source_url")


def _is_entity_list(columns: list[str]) -> bool:
    return any(c in columns for c in _NAME_COLUMNS) and any(c in columns for c in _ENTITY_MARKERS)


def _is_place_list(columns: list[str]) -> bool:
    return all(c in columns for c in _PLACE_COLUMNS)


def _match_dict(m: Any) -> dict[str, Any]:
    listed = {k: m.entry[k] for k in _LISTED_FIELDS if m.entry.get(k)}
    return {"list": m.list_name, "entry": m.entry_name, "matched_text": m.matched_text,
            "matched_field": m.matched_field, "score": m.score, "method": m.method,
            "strength": _strength(m.score), "reasons": list(m.reasons), "listed": listed}


def _strength(score: float) -> str:
    from ..screening import STRONG_MATCH, WEAK_MATCH
    return "strong" if score >= STRONG_MATCH else "weak" if score >= WEAK_MATCH else "below"


@click.command()
@click.argument("name")
@click.option("--country", help="The party's country (ISO alpha-2); lowers matches listed elsewhere.")
@click.option("--list", "list_names", multiple=True,
              help="Screen against this list only (repeatable; default: every entity list).")
@click.option("--address", help="Also look for a listed place (e.g. Xinjiang) in this address.")
@click.option("--min-score", type=click.FloatRange(0, 100), default=70.0, show_default=True,
              help="Lowest score shown (strong >= 92, weak >= 80).")
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True,
              help="Candidates shown per list.")
@click.option("--fail-on", type=click.Choice(["strong", "weak"]),
              help="Exit 1 when a match at least this strong is found.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@rules_option
def screen(name, country, list_names, address, min_score, limit, fail_on, fmt, rules_dirs,
           no_default_rules):
    """Screen NAME against every entity list of the loaded rule packs and show the candidates.

    Lists: the UFLPA Entity List, the FCC Covered List, an imported Consolidated Screening List,
    and any entity list of a company pack. Each candidate shows its score (0-100), how it matched
    (exact, normalized, fuzzy, chinese) and why.
    """
    from ..errors import InputError

    if not name.strip():
        raise InputError("give a company name to screen", field="NAME")
    engine = load_engine(rules_dirs, no_default_rules)
    entity_lists = sorted(n for n, lst in engine.lists.items() if _is_entity_list(lst.columns))
    unknown = [n for n in list_names if n not in entity_lists]
    if unknown:
        raise InputError(f"no entity list named {', '.join(unknown)} (lists: {', '.join(entity_lists)})",
                         field="--list")
    chosen = list(list_names) or entity_lists
    matches = [m for n in chosen
               for m in engine.screener(n).match(name, country, min_score=min_score, limit=limit)]
    matches.sort(key=lambda m: (-m.score, m.list_name, m.entry_name))
    places = []
    if address:
        for n in sorted(n for n, lst in engine.lists.items() if _is_place_list(lst.columns)):
            hit = engine.gazetteer(n).find(address, country)
            if hit is not None:
                places.append({"list": hit.list_name, "place": hit.place, "name_zh": hit.name_zh,
                               "matched_text": hit.matched_text, "level": hit.level})
    if fmt == "json":
        data = {"query": name, "country": country, "min_score": min_score, "lists": chosen,
                "matches": [_match_dict(m) for m in matches], "places": places}
        write_output(json.dumps(data, ensure_ascii=False, indent=2) + "\n", None)
    else:
        _print_table(name, chosen, matches, places, address)
    threshold = {"strong": 92.0, "weak": 80.0}.get(fail_on or "")
    if threshold is not None and (any(m.score >= threshold for m in matches) or (places and fail_on)):
        return EXIT_FAIL_ON
    return EXIT_OK


def _print_table(name: str, lists: list[str], matches: list[Any], places: list[dict], address: str | None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not matches:
        console.print(f"No candidate for [bold]{name}[/bold] in {', '.join(lists) or 'no list'}.")
    else:
        table = Table(title=f"Screening {name!r}", show_lines=True)
        table.add_column("Score", style="bold", no_wrap=True)
        table.add_column("List", style="cyan")
        table.add_column("Entry (matched as)", overflow="fold")
        table.add_column("Why", overflow="fold")
        for m in matches:
            d = _match_dict(m)
            colour = {"strong": "red", "weak": "yellow"}.get(d["strength"], "dim")
            entry = m.entry_name if m.matched_text == m.entry_name else \
                f"{m.entry_name}\n({m.matched_field}: {m.matched_text})"
            listed = ", ".join(f"{k} {v}" for k, v in d["listed"].items() if k not in ("source_url", "covered"))
            why = f"{m.method}: " + "; ".join(m.reasons) + (f"\n[dim]{listed}[/dim]" if listed else "")
            table.add_row(f"[{colour}]{m.score:.0f} {d['strength']}[/{colour}]", m.list_name, entry, why)
        console.print(table)
    if address:
        if places:
            for p in places:
                console.print(f"[red]Place[/red] {p['place']} ({p['name_zh']}, {p['level']}) found in the "
                              f"address as {p['matched_text']!r} [list {p['list']}]")
        else:
            console.print("No listed place found in the address.")


@click.group()
def lists() -> None:
    """Reference lists of a rule pack: import the trade.gov Consolidated Screening List."""


@lists.command("import")
@click.argument("csv_path", metavar="CSV", type=click.Path(dir_okay=False))
@click.option("--out", "out_dir", default=".", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write csl.csv in (a pack's lists/ folder).")
@click.option("--edition", help="Edition date of the list (default: the file's date).")
def import_(csv_path: str, out_dir: str, edition: str | None) -> int:
    """Convert a CSV of the trade.gov Consolidated Screening List into the list file csl.csv."""
    from pathlib import Path

    from ..errors import InputError
    from ..screening import ListFileError, import_csl

    try:
        count = import_csl(csv_path, out_dir, edition=edition)
    except ListFileError as exc:
        raise InputError(exc.message, file=exc.path, line=exc.line) from None
    click.echo(f"wrote {count} entries to {Path(out_dir) / 'csl.csv'}")
    return EXIT_OK
