"""The terminal table (rich), for people at a prompt."""

from __future__ import annotations

import io
from typing import Sequence

from ..i18n import ui
from . import basis, money, rate, status_mark, word

_SEVERITY_STYLE = {"prohibited": "bold red", "blocking": "yellow", "required": "cyan", "advisory": "dim"}


def to_table(docs: Sequence[dict], lang: str, width: int | None = None, color: bool = False) -> str:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    buf = io.StringIO()
    if width is None:
        import shutil
        width = shutil.get_terminal_size((140, 40)).columns if color else 140
    # colours (and the terminal's width) only for a person at a terminal; files get plain text
    console = Console(file=buf, width=width, force_terminal=color, color_system="auto" if color else None,
                      soft_wrap=False)
    for doc in docs:
        p = doc["product"]
        console.print(f"[bold]{p['sku'] or p['name'] or ''}[/bold] HTS {p['hts']} · {p['origin']} · "
                      f"{ui('as_of', lang)} {doc['as_of']} · {ui('rules_version', lang)} {doc['rules_version']}")
        items = Table(title=ui("items", lang), show_lines=False, expand=True)
        for col in ("agency", "severity", "status", "title", "citations"):
            items.add_column(ui(col, lang), overflow="fold")
        for i in doc["items"]:
            mark = status_mark(i.get("rule_status"), lang)
            title = escape(i["title"]) + (f" ({mark})" if mark else "")
            extra = f"\n[italic]{escape(word('override', lang))}: {escape(i['override'])}[/italic]" if i.get("override") else ""
            items.add_row(i["agency"], f"[{_SEVERITY_STYLE[i['severity']]}]{ui(i['severity'], lang)}[/]",
                          ui(i["status"], lang), f"{title}\n[dim]{i['rule_id']}[/dim]{extra}", "\n".join(i["citations"]))
        console.print(items)
        tariffs = Table(title=ui("tariffs", lang), expand=True)
        for col in ("program", "heading", "rate", "basis", "assessed_value", "duty"):
            tariffs.add_column(ui(col, lang), justify="right" if col in ("assessed_value", "duty") else "left")
        for t in doc["tariffs"]:
            mark = status_mark(t.get("rule_status"), lang) if t.get("rule_id") else ""
            tariffs.add_row(t["program"], t["heading"] + (f" ({mark})" if mark else ""), rate(t, lang), basis(t, lang),
                            money(t["assessed_value"]), money(t["duty"]))
        tariffs.add_row(ui("total", lang), "", "", "", "", money(doc["total_duty"]))
        console.print(tariffs)
        for note in dict.fromkeys(n for t in doc["tariffs"] for n in t["notes"]):
            console.print(f"[yellow]![/yellow] {note}")
        if doc.get("overridden"):
            ov = Table(title=word("overridden", lang), expand=True)
            ov.add_column(ui("rule", lang))
            ov.add_column(ui("title", lang), overflow="fold")
            ov.add_column(word("would_be", lang))
            ov.add_column(word("reason", lang), overflow="fold")
            for o in doc["overridden"]:
                ov.add_row(o["rule_id"], escape(o["title"]), ui(o["would_be"], lang), escape(f"{o['pack']}: {o['reason']}"))
            console.print(ov)
        if doc["questions"]:
            qs = Table(title=ui("questions", lang), expand=True)
            qs.add_column(ui("fact", lang))
            qs.add_column(ui("question", lang), overflow="fold")
            qs.add_column(ui("asked_by", lang), overflow="fold")
            for q in doc["questions"]:
                qs.add_row(q["fact"], q["question"], ", ".join(q["asked_by"]))
            console.print(qs)
        if "explanation" in doc:
            ex = Table(title=ui("considered", lang), expand=True)
            ex.add_column(ui("rule", lang))
            ex.add_column(ui("outcome", lang))
            ex.add_column(ui("because", lang), overflow="fold")
            for c in doc["explanation"]["considered"]:
                ex.add_row(c["rule_id"], ui(c["outcome"], lang), "; ".join(c["because"]))
            console.print(ex)
    return buf.getvalue()
