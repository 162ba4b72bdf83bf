"""HTML: one self-contained page, printable."""

from __future__ import annotations

from html import escape
from typing import Sequence

from ..i18n import ui
from . import basis, money, rate, status_mark, word

_STYLE = """body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .5rem;
text-align:left;vertical-align:top}th{background:#f3f3f3}.prohibited{color:#a00;font-weight:bold}
.blocking{color:#b45309}.needs_info{background:#fffbe6}small{color:#555}
.rule-status{border:1px solid #9a6700;background:#fff8c5;border-radius:3px;padding:0 .3rem;font-size:.8rem}
.override{font-style:italic;color:#1d4ed8}.overridden td{color:#666}"""


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
        mark = status_mark(i.get("rule_status"), lang)
        badge = f" <span class=\"rule-status\">{escape(mark)}</span>" if mark else ""
        over = (f"<br><span class=\"override\">{escape(word('override', lang))} ({escape(i.get('pack') or '')}): "
                f"{escape(i['override'])}</span>" if i.get("override") else "")
        rows.append(f"<tr class=\"{i['status']}\"><td>{escape(i['agency'])}</td>"
                    f"<td class=\"{i['severity']}\">{escape(ui(i['severity'], lang))}</td>"
                    f"<td>{escape(ui(i['status'], lang))}</td><td><b>{escape(i['title'])}</b>{badge}"
                    f"<br><small>{escape(i['rule_id'])}</small><br>{escape(i.get('action') or '')}{over}</td>"
                    f"<td>{docs_}</td><td>{cites}</td><td>{escape('; '.join(i['because']))}</td></tr>")
    head = "".join(f"<th>{escape(ui(k, lang))}</th>" for k in
                   ("agency", "severity", "status", "title", "documents", "citations", "because"))
    trows = "".join(f"<tr><td>{escape(t['program'])}</td><td>{escape(t['heading'])}{_tmark(t, lang)}</td><td>{escape(rate(t, lang))}</td>"
                    f"<td>{escape(basis(t, lang))}</td><td>{money(t['assessed_value'])}</td><td>{money(t['duty'])}</td></tr>"
                    for t in doc["tariffs"])
    thead = "".join(f"<th>{escape(ui(k, lang))}</th>" for k in
                    ("program", "heading", "rate", "basis", "assessed_value", "duty"))
    qs = "".join(f"<li><code>{escape(q['fact'])}</code>: {escape(q['question'])}</li>" for q in doc["questions"])
    orows = "".join(f"<tr class=\"overridden\"><td>{escape(o['agency'])}</td><td><s>{escape(o['title'])}</s>"
                    f"<br><small>{escape(o['rule_id'])}</small></td><td>{escape(ui(o['would_be'], lang))}</td>"
                    f"<td>{escape(o['pack'] or '')}: {escape(o['reason'] or '')}</td></tr>"
                    for o in doc.get("overridden", []))
    ohead = "".join(f"<th>{escape(x)}</th>" for x in
                    (ui("agency", lang), ui("title", lang), word("would_be", lang), word("reason", lang)))
    return (f"<h1>{escape(p['sku'] or p['name'] or p['hts'])} — HTS {escape(p['hts'])}, {escape(p['origin'])}</h1>"
            f"<p>{escape(ui('as_of', lang))}: {doc['as_of']} · {escape(ui('rules_version', lang))}: "
            f"<code>{doc['rules_version']}</code></p>"
            f"<h2>{escape(ui('items', lang))}</h2><table><tr>{head}</tr>{''.join(rows)}</table>"
            f"<h2>{escape(ui('tariffs', lang))}</h2><table><tr>{thead}</tr>{trows}"
            f"<tr><th colspan=5>{escape(ui('total', lang))}</th><th>{money(doc['total_duty'])}</th></tr></table>"
            + (f"<h2>{escape(word('overridden', lang))}</h2><table><tr>{ohead}</tr>{orows}</table>" if orows else "")
            + (f"<h2>{escape(ui('questions', lang))}</h2><ul>{qs}</ul>" if qs else ""))


def _tmark(line: dict, lang: str) -> str:
    mark = status_mark(line.get("rule_status"), lang) if line.get("rule_id") else ""
    return f" <span class=\"rule-status\">{escape(mark)}</span>" if mark else ""
