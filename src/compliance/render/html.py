"""HTML: one self-contained page, printable."""

from __future__ import annotations

from html import escape
from typing import Sequence

from ..i18n import ui
from . import money, rate

_STYLE = """body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .5rem;
text-align:left;vertical-align:top}th{background:#f3f3f3}.prohibited{color:#a00;font-weight:bold}
.blocking{color:#b45309}.needs_info{background:#fffbe6}small{color:#555}"""


def to_html(docs: Sequence[dict], lang: str) -> str:
    body = "\n".join(_one(d, lang) for d in docs)
    return (f"<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(ui('items', lang))}</title><style>{_STYLE}</style></head><body>{body}</body></html>\n")


def _one(doc: dict, lang: str) -> str:
    p = doc["product"]
    rows = []
    for i in doc["items"]:
        cites = "<br>".join(f"<a href=\"{escape(u)}\">{escape(c)}</a>" if u else escape(c)
                            for c, u in zip(i["citations"], i["citation_urls"]))
        docs_ = "<br>".join(escape(d) if isinstance(d, str) else
                            escape(ui("any_of", lang)) + ": " + escape("; ".join(d["any_of"]))
                            for d in i["documents"])
        rows.append(f"<tr class=\"{i['status']}\"><td>{escape(i['agency'])}</td>"
                    f"<td class=\"{i['severity']}\">{escape(ui(i['severity'], lang))}</td>"
                    f"<td>{escape(ui(i['status'], lang))}</td><td><b>{escape(i['title'])}</b>"
                    f"<br><small>{escape(i['rule_id'])}</small><br>{escape(i.get('action') or '')}</td>"
                    f"<td>{docs_}</td><td>{cites}</td><td>{escape('; '.join(i['because']))}</td></tr>")
    head = "".join(f"<th>{escape(ui(k, lang))}</th>" for k in
                   ("agency", "severity", "status", "title", "documents", "citations", "because"))
    trows = "".join(f"<tr><td>{escape(t['program'])}</td><td>{escape(t['heading'])}</td><td>{escape(rate(t))}</td>"
                    f"<td>{escape(t['basis'])}</td><td>{money(t['assessed_value'])}</td><td>{money(t['duty'])}</td></tr>"
                    for t in doc["tariffs"])
    thead = "".join(f"<th>{escape(ui(k, lang))}</th>" for k in
                    ("program", "heading", "rate", "basis", "assessed_value", "duty"))
    qs = "".join(f"<li><code>{escape(q['fact'])}</code>: {escape(q['question'])}</li>" for q in doc["questions"])
    return (f"<h1>{escape(p['sku'] or p['name'] or p['hts'])} — HTS {escape(p['hts'])}, {escape(p['origin'])}</h1>"
            f"<p>{escape(ui('as_of', lang))}: {doc['as_of']} · {escape(ui('rules_version', lang))}: "
            f"<code>{doc['rules_version']}</code></p>"
            f"<h2>{escape(ui('items', lang))}</h2><table><tr>{head}</tr>{''.join(rows)}</table>"
            f"<h2>{escape(ui('tariffs', lang))}</h2><table><tr>{thead}</tr>{trows}"
            f"<tr><th colspan=5>{escape(ui('total', lang))}</th><th>{money(doc['total_duty'])}</th></tr></table>"
            + (f"<h2>{escape(ui('questions', lang))}</h2><ul>{qs}</ul>" if qs else ""))
