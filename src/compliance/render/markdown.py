"""Markdown: a checklist to paste into a ticket or a pull request."""

from __future__ import annotations

from typing import Sequence

from ..i18n import ui
from . import basis, money, rate, status_mark, word


def _cell(text: object) -> str:
    return str("" if text is None else text).replace("|", "\\|").replace("\n", " ")


def to_markdown(docs: Sequence[dict], lang: str) -> str:
    return "\n".join(one(d, lang) for d in docs)


def one(doc: dict, lang: str) -> str:
    p = doc["product"]
    out = [f"# {_cell(p['sku'] or p['name'] or p['hts'])} — HTS {p['hts']}, {p['origin']}", "",
           f"{ui('as_of', lang)}: {doc['as_of']} · {ui('rules_version', lang)}: `{doc['rules_version']}`", ""]
    out += [f"## {ui('items', lang)}", ""]
    if doc["items"]:
        for item in doc["items"]:
            mark = status_mark(item.get("rule_status"), lang)
            draft = f" _({mark})_" if mark else ""
            out.append(f"- [ ] **{item['agency']}** · {ui(item['severity'], lang)} · {ui(item['status'], lang)} — "
                       f"{_cell(item['title'])} (`{item['rule_id']}`){draft}")
            if item.get("action"):
                out.append(f"  - {ui('action', lang)}: {_cell(item['action'])}")
            for d in item["documents"]:
                if isinstance(d, dict):
                    out.append(f"  - {ui('documents', lang)} ({ui('any_of', lang)}): "
                               + "; ".join(_cell(x) for x in d["any_of"]))
                else:
                    out.append(f"  - {ui('documents', lang)}: {_cell(d)}")
            links = [f"[{c}]({u})" if u else c for c, u in zip(item["citations"], item["citation_urls"])]
            out.append(f"  - {ui('citations', lang)}: " + "; ".join(links))
            out.append(f"  - {ui('because', lang)}: " + "; ".join(_cell(b) for b in item["because"]))
            if item.get("override"):
                out.append(f"  - {word('override', lang)} ({_cell(item.get('pack'))}): {_cell(item['override'])}")
    else:
        out.append(ui("nothing", lang))
    out += ["", f"## {ui('tariffs', lang)}", ""]
    if doc["tariffs"]:
        out.append(f"| {ui('program', lang)} | {ui('heading', lang)} | {ui('rate', lang)} | {ui('basis', lang)} | "
                   f"{ui('assessed_value', lang)} | {ui('duty', lang)} |")
        out.append("|---|---|---|---|---:|---:|")
        for t in doc["tariffs"]:
            mark = status_mark(t.get("rule_status"), lang)
            heading = t["heading"] + (f" _({mark})_" if mark else "")
            out.append(f"| {t['program']} | {heading} | {rate(t, lang)} | {basis(t, lang)} | "
                       f"{money(t['assessed_value'])} | {money(t['duty'])} |")
        out.append(f"| **{ui('total', lang)}** | | | | | **{money(doc['total_duty'])}** |")
        notes = [n for t in doc["tariffs"] for n in t["notes"]]
        out += [""] + [f"> {n}" for n in dict.fromkeys(notes)]
    else:
        out.append(ui("nothing", lang))
    if doc.get("overridden"):
        out += ["", f"## {word('overridden', lang)}", ""]
        for o in doc["overridden"]:
            out.append(f"- ~~**{o['agency']}** · {ui(o['severity'], lang)} — {_cell(o['title'])} (`{o['rule_id']}`)~~ "
                       f"— {word('would_be', lang)}: {ui(o['would_be'], lang)}; {_cell(o['pack'])}: {_cell(o['reason'])}")
    if doc["questions"]:
        out += ["", f"## {ui('questions', lang)}", ""]
        for q in doc["questions"]:
            values = f" ({', '.join(q['values'])})" if q.get("values") else ""
            out.append(f"- `{q['fact']}`: {_cell(q['question'])}{values}")
    if "explanation" in doc:
        out += ["", f"## {ui('considered', lang)}", ""]
        for c in doc["explanation"]["considered"]:
            out.append(f"- `{c['rule_id']}` — {ui(c['outcome'], lang)}: " + "; ".join(_cell(b) for b in c["because"]))
    return "\n".join(out) + "\n"
