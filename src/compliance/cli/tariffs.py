"""`compliance tariffs`: a product's tariff stack over time."""

from __future__ import annotations

import datetime as dt

import click

from .common import load_engine, parse_date, rules_option, write_output


@click.command()
@click.argument("hts")
@click.option("--origin", required=True, help="Country of origin (ISO alpha-2).")
@click.option("--from", "start", help="First entry date (default 2018-01-01).")
@click.option("--to", "end", help="Last entry date (default today).")
@click.option("--value", type=float, help="Customs value in USD, to compute duties.")
@click.option("--material", "materials", multiple=True, help="Content value, e.g. steel=300 (repeatable).")
@click.option("--quantity", "quantities", multiple=True,
              help="Quantity in an HTS unit, for specific rates, e.g. liter=750 or kg=20 (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@rules_option
def tariffs(hts, origin, start, end, value, materials, quantities, fmt, rules_dirs, no_default_rules):
    """Print the timeline of the tariff stack of HTS from ORIGIN: each date it changed and why."""
    import json

    from ..errors import InputError
    from ..profile import profile_from_data

    mats = []
    for m in materials:
        name, sep, amount = m.partition("=")
        try:
            mats.append({"name": name, "content_value": float(amount)})
        except ValueError:
            raise InputError(f"expected NAME=VALUE, got {m!r}", field="--material") from None
    qty = {}
    for q in quantities:
        unit, _, amount = q.partition("=")
        try:
            if not unit.strip():
                raise ValueError
            qty[unit.strip()] = float(amount)
        except ValueError:
            raise InputError(f"expected UNIT=AMOUNT, got {q!r}", field="--quantity") from None
    profile = profile_from_data({"hts": hts, "origin": origin, "customs_value": value, "materials": mats,
                                 "quantities": qty})
    engine = load_engine(rules_dirs, no_default_rules)
    first = parse_date(start, "--from") or dt.date(2018, 1, 1)
    last = parse_date(end, "--to") or dt.date.today()
    if last < first:
        raise InputError("--to is before --from", field="--to")
    timeline = engine.tariff_timeline(profile, first, last)
    if fmt == "json":
        data = [{"date": d.isoformat(), "tariffs": [t.to_dict() for t in cl.tariffs], "total_duty": cl.total_duty}
                for d, cl in timeline]
        write_output(json.dumps(data, ensure_ascii=False, indent=2) + "\n", None)
        return 0
    lines = []
    previous: dict[str, object] = {}
    for day, cl in timeline:
        current = {t.heading: t for t in cl.tariffs}
        parts = [f"{t.heading} {_rate(t)}" + (f" on {t.basis}" if t.basis != "value" else "")
                 for t in cl.tariffs]
        total = f"  total {cl.total_duty:,.2f} USD" if cl.total_duty is not None else ""
        lines.append(f"{day.isoformat()}  " + " + ".join(parts or ["(none)"]) + total)
        for heading, t in current.items():
            old = previous.get(heading)
            if old is None:
                lines.append(f"    + {heading} {_rate(t)}  {_why(t)}")
            elif old.rate_percent != t.rate_percent or old.rate_text != t.rate_text:
                lines.append(f"    ~ {heading} {_rate(old)} -> {_rate(t)}  {_why(t)}")
        for heading, old in previous.items():
            if heading not in current:
                lines.append(f"    - {heading} {_rate(old)}  {_why(old)} (no longer in force)")
        for note in dict.fromkeys(n.get("en") if hasattr(n, "get") else str(n)
                                  for t in cl.tariffs for n in t.notes):
            lines.append(f"    ! {note}")
        previous = current
    write_output("\n".join(lines) + "\n", None)
    return 0


def _rate(t) -> str:
    if t.heading == "MFN" and t.rate_text:
        return t.rate_text
    return "" if t.rate_percent is None else f"{t.rate_percent:g}%"


def _why(t) -> str:
    title = t.title.get("en") if t.title is not None else "general rate of duty (HTSUS column 1)"
    cite = f" [{t.citations[0]}]" if t.citations else ""
    rule = f" {t.rule_id}" if t.rule_id else ""
    return f"{t.program}{rule}: {title}{cite}"
