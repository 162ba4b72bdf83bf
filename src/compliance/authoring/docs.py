"""`compliance rules docs`: a catalogue of the loaded packs, for people who do not read YAML.

Writes, into one folder:

- ``README.md``: the packs, the rules version, links to every page;
- ``agencies/<agency>.md``: one page per agency (its requirements, prohibitions, risks...);
- ``programs/<program>.md``: one page per tariff program (its measures and rate timelines);
- ``facts.md``: the facts catalogue and which rules read each fact;
- ``catalogue.html``: every rule on one self-contained page, searchable (a small inline
  script) and printable.

Each rule shows its condition in words, citations as links, effective window, rate timeline,
status, exemptions, documents, the reference lists it reads, and the test cases that name it.
The output depends only on the packs: no timestamps, stable order, so the generated pages
can live in the repository and be checked for staleness.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from ..conditions import HtsList, PartyInRegion, PartyListed, walk
from ..engine import Engine
from ..errors import InputError
from ..i18n import describe, ui
from ..model.rule import SEVERITY_RANK
from .names import agency_name, program_name, word
from .ruletest import cases_of_file, named_by


@dataclass
class CaseRef:
    file: str
    line: int | None
    name: str
    expects: str        # applies | needs_info | absent | tariff_line | no_tariff_line


@dataclass
class Catalogue:
    engine: Engine
    lang: str
    roots: dict[str, Path]
    cases: dict[str, list[CaseRef]] = field(default_factory=dict)

    def rel(self, pack: str, file: str) -> str:
        root = self.roots.get(pack)
        path = Path(file.split("#")[0])
        if root is not None:
            try:
                return path.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                pass
        return path.name


def build(engine: Engine, lang: str = "en") -> Catalogue:
    cat = Catalogue(engine, lang, {p.name: p.root for p in engine.packs})
    by_heading: dict[str, list[str]] = {}
    for c in engine.rules:
        if c.rule.heading:
            by_heading.setdefault(c.rule.heading, []).append(c.id)
    for pack in engine.packs:
        for path in pack.test_files:
            try:
                cases = list(cases_of_file(path))
            except InputError:
                continue
            for file, located, index, case in cases:
                if not isinstance(case, dict):
                    continue
                line = located.position(("cases", index))[0]
                name = str(case.get("name", f"case {index}"))
                rel = cat.rel(pack.name, file)
                expect = case.get("expect") if isinstance(case.get("expect"), dict) else {}
                for key in ("applies", "needs_info", "absent"):
                    for rid in _as_list(expect.get(key)):
                        cat.cases.setdefault(str(rid), []).append(CaseRef(rel, line, name, key))
                _, headings = named_by(case)
                tariff_heads = {str(t.get("heading")) for t in _as_list(expect.get("tariffs")) if isinstance(t, dict)}
                for heading in sorted(headings):
                    how = "tariff_line" if heading in tariff_heads else "no_tariff_line"
                    for rid in by_heading.get(heading, []):
                        cat.cases.setdefault(rid, []).append(CaseRef(rel, line, name, how))
    for refs in cat.cases.values():
        refs.sort(key=lambda r: (r.file, r.line or 0, r.expects))
    return cat


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# ------------------------------------------------------------------------------ the model

def rule_data(cat: Catalogue, crule) -> dict[str, Any]:
    """Everything the pages show about one rule, as plain data in the catalogue's language."""
    lang, r = cat.lang, crule.rule
    lists = sorted({n.name if isinstance(n, HtsList) else n.list_name
                    for node in ([crule.cond] if crule.cond else []) + [e[1] for e in crule.exemptions]
                    for n in walk(node) if isinstance(n, (HtsList, PartyListed, PartyInRegion))})
    engine = cat.engine
    data: dict[str, Any] = {
        "id": r.id,
        "title": r.title.get(lang),
        "kind": r.kind,
        "agency": r.agency,
        "severity": r.severity,
        "status": r.status,
        "pack": crule.pack,
        "source": f"{cat.rel(crule.pack, crule.file)}:{crule.loaded.position()[0] or 1}",
        "effective": (r.effective.from_.isoformat(), r.effective.to.isoformat() if r.effective.to else None),
        "last_reviewed": r.last_reviewed.isoformat(),
        "when": describe(crule.cond.describe(), lang) if crule.cond is not None else word("always", lang),
        "action": r.action.get(lang) if r.action else None,
        "documents": [{"any_of": [d.get(lang) for d in doc.any_of]} if hasattr(doc, "any_of") else doc.get(lang)
                      for doc in r.documents],
        "exemptions": [{"id": ex_id, "when": describe(node.describe(), lang), "reason": reason.get(lang)}
                       for ex_id, node, reason in crule.exemptions],
        "citations": [{"cite": c.cite, "url": c.url, "title": c.title} for c in r.citations],
        "texts": [{"from": t.from_.isoformat(), "title": t.title.get(lang) if t.title else None,
                   "action": t.action.get(lang) if t.action else None}
                  for t in sorted(r.texts, key=lambda t: t.from_)],
        "facts": sorted(crule.facts_read),
        "lists": [{"name": n, "source": engine.lists[n].header.get("source"),
                   "url": engine.lists[n].header.get("url"), "edition": engine.lists[n].header.get("edition"),
                   "entries": len(engine.lists[n].rows)} for n in lists if n in engine.lists],
        "note": r.note,
        "override": crule.override_reason,
        "disabled": (f"{crule.disabled_by}: {crule.disabled_reason}" if crule.disabled_reason else None),
        "cases": [{"file": c.file, "line": c.line, "name": c.name, "expects": c.expects}
                  for c in cat.cases.get(r.id, [])],
    }
    if r.kind == "tariff":
        data["tariff"] = {
            "program": r.program, "heading": r.heading, "basis": r.basis,
            "yields_to": list(r.yields_to),
            "rates": [{"from": w.from_.isoformat(), "to": w.to.isoformat() if w.to else None,
                       "percent": w.percent, "floor_percent": getattr(w, "floor_percent", None),
                       "rate": rate_label(w.percent, getattr(w, "floor_percent", None), lang),
                       "note": w.note.get(lang) if w.note else None}
                      for w in sorted(r.rates, key=lambda w: w.from_)],
            "held_unlawful": ({"date": r.held_unlawful.date.isoformat(), "cite": r.held_unlawful.cite,
                               "url": r.held_unlawful.url, "note": r.held_unlawful.note.get(lang)}
                              if r.held_unlawful else None),
        }
    return data


def rate_label(percent: float | None, floor: float | None, lang: str) -> str:
    """A rate window's rate: ad valorem, or a floor (a total with the MFN rate, charged as the difference)."""
    if percent is not None:
        return f"{percent:g}%"
    if floor is not None:
        return f"与普通税率合计 {floor:g}%（按差额计征）" if lang == "zh" else f"{floor:g}% in total with the MFN rate"
    return "?"


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in text.lower()).strip("-")


def groups(cat: Catalogue) -> tuple[dict[str, list], dict[str, list]]:
    """Rules by agency (non-tariff) and by tariff program, each sorted by id."""
    agencies: dict[str, list] = {}
    programs: dict[str, list] = {}
    for c in sorted(cat.engine.rules, key=lambda c: c.id):
        if c.rule.kind == "tariff":
            programs.setdefault(c.rule.program or "other", []).append(c)
        else:
            agencies.setdefault(c.rule.agency, []).append(c)
    return dict(sorted(agencies.items())), dict(sorted(programs.items()))


# ------------------------------------------------------------------------------ Markdown

def colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _count(n: int, lang: str) -> str:
    return f"共 {n} 条规则。" if lang == "zh" else f"{n} rules."


def _cell(text: Any) -> str:
    return str("" if text is None else text).replace("|", "\\|").replace("\n", " ")


def _window(start: str, end: str | None, lang: str) -> str:
    return f"{start} → {end or word('open', lang)}"


def _kind(kind: str, lang: str) -> str:
    return word(kind, lang)


def _status(status: str, lang: str) -> str:
    return word(status, lang)


def rule_markdown(d: dict[str, Any], lang: str, level: int = 3) -> list[str]:
    w = lambda k: word(k, lang)  # noqa: E731
    C = colon(lang)
    CB = C.strip()
    h = "#" * level
    out = [f"{h} {d['id']} — {_cell(d['title'])}", ""]
    if d["status"] != "active":
        out += [f"> **{_status(d['status'], lang)}**"
                + (f" — {_cell(d['note'])}" if d["note"] else ""), ""]
    if d["disabled"]:
        out += [f"> **{w('disabled')}** — {_cell(d['disabled'])}", ""]
    if d["override"]:
        out += [f"> **{w('override')}** — {_cell(d['override'])}", ""]
    rows = [(w("kind"), _kind(d["kind"], lang)), (w("agency"), d["agency"]),
            (w("severity"), ui(d["severity"], lang)), (w("status"), _status(d["status"], lang)),
            (w("in_force"), _window(*d["effective"], lang))]
    if "tariff" in d:
        t = d["tariff"]
        rows += [(w("program"), f"{program_name(t['program'], lang)} (`{t['program']}`)"),
                 (w("heading"), t["heading"]), (w("basis"), t["basis"])]
        if t["yields_to"]:
            rows.append((w("yields_to"), ", ".join(f"`{y}`" for y in t["yields_to"])))
    rows += [(w("pack"), d["pack"]), (w("source"), f"`{d['source']}`"), (w("last_reviewed"), d["last_reviewed"])]
    out += ["| | |", "|---|---|"] + [f"| {k} | {_cell(v)} |" for k, v in rows] + [""]
    out += [f"**{w('applies_when')}{CB}** {_cell(d['when'])}", ""]
    if d["action"]:
        out += [f"**{w('action')}{CB}** {_cell(d['action'])}", ""]
    if d["documents"]:
        out += [f"**{w('documents')}{CB}**", ""]
        for doc in d["documents"]:
            if isinstance(doc, dict):
                out.append(f"- {w('any_of')}{C}" + "; ".join(_cell(x) for x in doc["any_of"]))
            else:
                out.append(f"- {_cell(doc)}")
        out.append("")
    if d["exemptions"]:
        out += [f"**{w('exemptions')}{CB}**", ""]
        lp, rp = ("（", "）") if lang == "zh" else (" (", ")")
        out += [f"- `{e['id']}` — {_cell(e['reason'])}{lp}{w('exempt_when')}{C}{_cell(e['when'])}{rp}"
                for e in d["exemptions"]]
        out.append("")
    if "tariff" in d:
        t = d["tariff"]
        out += [f"**{w('rate_timeline')}{CB}**", "", f"| {w('from')} | {w('to')} | {w('rate')} | {w('note')} |",
                "|---|---|---:|---|"]
        out += [f"| {r['from']} | {r['to'] or w('open')} | {_cell(r['rate'])} | {_cell(r['note'])} |"
                for r in t["rates"]]
        out.append("")
        if t["held_unlawful"]:
            hu = t["held_unlawful"]
            out += [f"**{w('held_unlawful')}{CB}** {hu['date']} — [{_cell(hu['cite'])}]({hu['url']}). "
                    f"{_cell(hu['note'])}", ""]
    if d["texts"]:
        out += [f"**{w('dated_texts')}{CB}**", ""]
        for t in d["texts"]:
            bits = [x for x in (t["title"], t["action"]) if x]
            out.append(f"- {w('from')} {t['from']}{C}" + " — ".join(_cell(b) for b in bits))
        out.append("")
    out += [f"**{w('citations')}{CB}**", ""]
    for c in d["citations"]:
        cite = f"[{_cell(c['cite'])}]({c['url']})" if c["url"] else _cell(c["cite"])
        out.append(f"- {cite}" + (f" — {_cell(c['title'])}" if c["title"] else ""))
    out.append("")
    if d["facts"]:
        out += [f"**{w('facts_read')}{CB}** " + ", ".join(f"[`{f}`](../facts.md#{_slug(f)})" for f in d["facts"]), ""]
    if d["lists"]:
        out += [f"**{w('lists_read')}{CB}**", ""]
        for lst in d["lists"]:
            src = f"[{_cell(lst['source'] or lst['name'])}]({lst['url']})" if lst["url"] else _cell(lst["source"] or "")
            out.append(f"- `{lst['name']}` — {lst['entries']} {w('entries')}; {src}"
                       + (f"; {w('edition')} {lst['edition']}" if lst["edition"] else ""))
        out.append("")
    if d["note"] and d["status"] == "active":
        out += [f"**{w('note')}{CB}** {_cell(d['note'])}", ""]
    out += [f"**{w('tests')}{CB}**", ""]
    if d["cases"]:
        out += [f"- `{c['file']}:{c['line'] or 1}` {_cell(c['name'])} — {w('expects')}{C}{word(c['expects'], lang)}"
                for c in d["cases"]]
    else:
        out.append(w("no_tests"))
    out.append("")
    return out


def _page_head(title: str, cat: Catalogue) -> list[str]:
    lang = cat.lang
    return [f"# {title}", "", f"<!-- {word('generated', lang)} -->", "",
            f"{word('rules_version', lang)}{colon(lang)}`{cat.engine.rules_version}` · "
            f"[{word('catalogue', lang)}](../README.md)", ""]


def _summary_table(rules: list, lang: str) -> list[str]:
    out = [f"| id | {word('severity', lang)} | {word('status', lang)} | {word('in_force', lang)} | |",
           "|---|---|---|---|---|"]
    for c in rules:
        r = c.rule
        out.append(f"| [{r.id}](#{_slug(r.id)}) | {ui(r.severity, lang)} | {word(r.status, lang)} | "
                   f"{_window(r.effective.from_.isoformat(), r.effective.to.isoformat() if r.effective.to else None, lang)}"
                   f" | {_cell(r.title.get(lang))} |")
    return out + [""]


def agency_page(cat: Catalogue, agency: str, rules: list, tariffs: list) -> str:
    lang = cat.lang
    ordered = sorted(rules, key=lambda c: (-SEVERITY_RANK[c.rule.severity], c.id))
    out = _page_head(f"{agency} — {agency_name(agency, lang)}", cat)
    out += [_count(len(rules), lang), ""] + _summary_table(ordered, lang)
    if tariffs:
        out += [f"{word('tariff_rules', lang)}{colon(lang)}" + ", ".join(
            f"[{c.id}](../programs/{_slug(c.rule.program or 'other')}.md#{_slug(c.id)})" for c in tariffs), ""]
    for c in ordered:
        out += rule_markdown(rule_data(cat, c), lang)
    return "\n".join(out).rstrip() + "\n"


def program_page(cat: Catalogue, program: str, rules: list) -> str:
    lang = cat.lang
    ordered = sorted(rules, key=lambda c: (c.rule.heading or "", c.rule.effective.from_, c.id))
    out = _page_head(f"{program_name(program, lang)}", cat)
    out += [f"`{program}` · {_count(len(rules), lang)}", ""]
    out += [f"| id | {word('heading', lang)} | {word('in_force', lang)} | {word('rate', lang)} | |",
            "|---|---|---|---|---|"]
    for c in ordered:
        r = c.rule
        rates = " → ".join(rate_label(w.percent, getattr(w, "floor_percent", None), lang)
                           for w in sorted(r.rates, key=lambda w: w.from_))
        out.append(f"| [{r.id}](#{_slug(r.id)}) | {r.heading} | "
                   f"{_window(r.effective.from_.isoformat(), r.effective.to.isoformat() if r.effective.to else None, lang)}"
                   f" | {rates} | {_cell(r.title.get(lang))} |")
    out.append("")
    for c in ordered:
        out += rule_markdown(rule_data(cat, c), lang)
    return "\n".join(out).rstrip() + "\n"


def facts_page(cat: Catalogue) -> str:
    lang = cat.lang
    readers: dict[str, list[str]] = {}
    for c in cat.engine.rules:
        for f in c.facts_read:
            readers.setdefault(f, []).append(c)
    out = [f"# {word('facts_page', lang)}", "", f"<!-- {word('generated', lang)} -->", "",
           f"{word('rules_version', lang)}{colon(lang)}`{cat.engine.rules_version}` · [{word('catalogue', lang)}](README.md)", ""]
    for name in sorted(cat.engine.facts):
        fact = cat.engine.facts[name]
        c = colon(lang)
        out += [f"## {name}", "", f"{word('type', lang)}{c}`{fact.type}`"
                + (f" · {word('values', lang)}{c}" + ", ".join(f"`{v}`" for v in fact.values) if fact.values else ""),
                "", f"{word('question', lang)}{c}{_cell(fact.question.get(lang))}", ""]
        if fact.help:
            out += [_cell(fact.help.get(lang)), ""]
        users = sorted(readers.get(name, []), key=lambda c: c.id)
        if users:
            out += [f"{word('read_by', lang)}{c}" + ", ".join(f"[{c.id}]({_rule_link(c)})" for c in users), ""]
    return "\n".join(out).rstrip() + "\n"


def _rule_link(c, prefix: str = "") -> str:
    if c.rule.kind == "tariff":
        return f"{prefix}programs/{_slug(c.rule.program or 'other')}.md#{_slug(c.id)}"
    return f"{prefix}agencies/{_slug(c.rule.agency)}.md#{_slug(c.id)}"


def index_page(cat: Catalogue, agencies: dict[str, list], programs: dict[str, list]) -> str:
    lang = cat.lang
    e = cat.engine
    out = [f"# {word('catalogue', lang)}", "", f"<!-- {word('generated', lang)} -->", "",
           f"{word('rules_version', lang)}{colon(lang)}`{e.rules_version}`", "", f"## {word('packs', lang)}", ""]
    for p in e.packs:
        title = p.manifest.title.get(lang) if p.manifest.title else ""
        out.append(f"- `{p.name}` — {_cell(title)}")
        if p.manifest.description:
            out.append(f"  {_cell(p.manifest.description.get(lang))}")
    out += ["", f"[{word('html_page', lang)}](catalogue.html) · [{word('facts_page', lang)}](facts.md)", "",
            f"## {word('agencies', lang)}", "",
            f"| {word('agency', lang)} | | {word('rule_count', lang)} |", "|---|---|---:|"]
    for agency, rules in agencies.items():
        out.append(f"| [{agency}](agencies/{_slug(agency)}.md) | {agency_name(agency, lang)} | {len(rules)} |")
    out += ["", f"## {word('programs', lang)}", "",
            f"| {word('program', lang)} | | {word('rule_count', lang)} |", "|---|---|---:|"]
    for program, rules in programs.items():
        out.append(f"| [`{program}`](programs/{_slug(program)}.md) | {program_name(program, lang)} | {len(rules)} |")
    counts: dict[str, int] = {}
    for c in e.rules:
        counts[c.rule.status] = counts.get(c.rule.status, 0) + 1
    parts = [(word(s, lang), counts[s]) for s in ("active", "draft", "deprecated") if s in counts]
    if lang == "zh":
        summary = f"共 {len(e.rules)} 条规则：" + "，".join(f"{k} {n} 条" for k, n in parts) + "。"
    else:
        summary = f"{len(e.rules)} rules: " + ", ".join(f"{k} {n}" for k, n in parts) + "."
    out += ["", summary]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------- HTML

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;max-width:72rem;margin:1.5rem auto;padding:0 1rem;line-height:1.45;color:#1a1a1a}
header{border-bottom:2px solid #333;margin-bottom:1rem}
#q{width:100%;font-size:1.05rem;padding:.5rem;margin:.5rem 0;box-sizing:border-box}
nav{columns:3 14rem;font-size:.9rem;margin-bottom:1rem}
nav a{display:block}
h2{margin-top:2rem;border-bottom:1px solid #ccc}
article{border:1px solid #ddd;border-radius:6px;padding:.6rem .9rem;margin:.8rem 0;break-inside:avoid}
article h3{margin:.2rem 0 .4rem;font-size:1.05rem}
.badge{display:inline-block;border-radius:4px;padding:0 .4rem;font-size:.8rem;margin-right:.3rem;border:1px solid #999}
.prohibited{background:#fde2e2;border-color:#b00}.blocking{background:#fff1d6;border-color:#b45309}
.required{background:#e0f0ff;border-color:#1d4ed8}.advisory{background:#f1f1f1}
.draft{background:#fff8c5;border-color:#9a6700}.deprecated{background:#eee;color:#666;text-decoration:line-through}
.disabled{background:#eee;border-color:#555}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .8rem;margin:.4rem 0}
dt{font-weight:600;color:#444}dd{margin:0}
table{border-collapse:collapse;margin:.3rem 0}td,th{border:1px solid #ccc;padding:.15rem .5rem;text-align:left}
small,.muted{color:#555}
#count{font-size:.9rem;color:#555}
@media print{#q,#count,nav,.noprint{display:none}article{border:none;border-top:1px solid #999;border-radius:0}
a{color:inherit;text-decoration:none}body{max-width:none;margin:0}}
"""

_SCRIPT = """
(function(){var q=document.getElementById('q'),n=document.getElementById('count');
var arts=[].slice.call(document.querySelectorAll('article'));
var secs=[].slice.call(document.querySelectorAll('section'));
function run(){var words=q.value.toLowerCase().split(/\\s+/).filter(Boolean),shown=0;
arts.forEach(function(a){var t=a.getAttribute('data-text'),ok=words.every(function(w){return t.indexOf(w)>=0});
a.hidden=!ok;if(ok)shown++});
secs.forEach(function(s){s.hidden=!s.querySelector('article:not([hidden])')});
n.textContent='PREFIX'+shown+' / '+arts.length+'LABEL';}
q.addEventListener('input',run);
if(location.hash.length>1&&!document.getElementById(location.hash.slice(1))){q.value=decodeURIComponent(location.hash.slice(1));}
run();})();
"""


def _e(text: Any) -> str:
    return escape(str("" if text is None else text))


def rule_html(d: dict[str, Any], lang: str) -> str:
    w = lambda k: word(k, lang)  # noqa: E731
    badges = [f'<span class="badge {d["severity"]}">{_e(ui(d["severity"], lang))}</span>',
              f'<span class="badge">{_e(word(d["kind"], lang))}</span>']
    if d["status"] != "active":
        badges.append(f'<span class="badge {d["status"]}">{_e(word(d["status"], lang))}</span>')
    if d["disabled"]:
        badges.append(f'<span class="badge disabled">{_e(w("disabled"))}</span>')
    rows = [(w("agency"), _e(d["agency"])), (w("status"), _e(word(d["status"], lang))),
            (w("in_force"), _e(_window(*d["effective"], lang))),
            (w("applies_when"), _e(d["when"]))]
    if d["action"]:
        rows.append((w("action"), _e(d["action"])))
    if d["documents"]:
        docs = "".join(f"<li>{_e(w('any_of'))}: {_e('; '.join(x['any_of']))}</li>" if isinstance(x, dict)
                       else f"<li>{_e(x)}</li>" for x in d["documents"])
        rows.append((w("documents"), f"<ul>{docs}</ul>"))
    if d["exemptions"]:
        rows.append((w("exemptions"), "<ul>" + "".join(
            f"<li><code>{_e(e['id'])}</code> — {_e(e['reason'])} <small>({_e(w('exempt_when'))}: {_e(e['when'])})</small></li>"
            for e in d["exemptions"]) + "</ul>"))
    if "tariff" in d:
        t = d["tariff"]
        rows.append((w("program"), f"{_e(program_name(t['program'], lang))} <code>{_e(t['program'])}</code>"))
        rows.append((w("heading"), f"<code>{_e(t['heading'])}</code> · {_e(w('basis'))} {_e(t['basis'])}"))
        if t["yields_to"]:
            rows.append((w("yields_to"), _e(", ".join(t["yields_to"]))))
        rates = "".join(f"<tr><td>{_e(r['from'])}</td><td>{_e(r['to'] or w('open'))}</td>"
                        f"<td>{_e(r['rate'])}</td><td>{_e(r['note'])}</td></tr>" for r in t["rates"])
        rows.append((w("rate_timeline"), f"<table><tr><th>{_e(w('from'))}</th><th>{_e(w('to'))}</th>"
                                         f"<th>{_e(w('rate'))}</th><th>{_e(w('note'))}</th></tr>{rates}</table>"))
        if t["held_unlawful"]:
            hu = t["held_unlawful"]
            rows.append((w("held_unlawful"), f"{_e(hu['date'])} — <a href=\"{_e(hu['url'])}\">{_e(hu['cite'])}</a>. "
                                             f"{_e(hu['note'])}"))
    if d["texts"]:
        rows.append((w("dated_texts"), "<ul>" + "".join(
            f"<li>{_e(w('from'))} {_e(t['from'])}: {_e(' — '.join(x for x in (t['title'], t['action']) if x))}</li>"
            for t in d["texts"]) + "</ul>"))
    cites = "<br>".join((f"<a href=\"{_e(c['url'])}\">{_e(c['cite'])}</a>" if c["url"] else _e(c["cite"]))
                        + (f" <small>{_e(c['title'])}</small>" if c["title"] else "") for c in d["citations"])
    rows.append((w("citations"), cites))
    if d["facts"]:
        rows.append((w("facts_read"), ", ".join(f"<code>{_e(f)}</code>" for f in d["facts"])))
    if d["lists"]:
        rows.append((w("lists_read"), "<br>".join(
            f"<code>{_e(x['name'])}</code> — {x['entries']} {_e(w('entries'))}"
            + (f"; <a href=\"{_e(x['url'])}\">{_e(x['source'] or x['name'])}</a>" if x["url"] else "")
            + (f"; {_e(w('edition'))} {_e(x['edition'])}" if x["edition"] else "") for x in d["lists"])))
    if d["override"]:
        rows.append((w("override"), _e(d["override"])))
    if d["disabled"]:
        rows.append((w("disabled"), _e(d["disabled"])))
    if d["note"]:
        rows.append((w("note"), _e(d["note"])))
    rows.append((w("pack"), f"{_e(d['pack'])} · <code>{_e(d['source'])}</code> · {_e(w('last_reviewed'))} {_e(d['last_reviewed'])}"))
    tests = "".join(f"<li><code>{_e(c['file'])}:{c['line'] or 1}</code> {_e(c['name'])} "
                    f"<small>({_e(w('expects'))} {_e(word(c['expects'], lang))})</small></li>" for c in d["cases"])
    rows.append((w("tests"), f"<ul>{tests}</ul>" if tests else f"<span class=\"muted\">{_e(w('no_tests'))}</span>"))
    search = " ".join([d["id"], d["title"], d["agency"], d["when"], d["action"] or "", d["status"], d["kind"],
                       d["severity"], " ".join(c["cite"] for c in d["citations"]),
                       d.get("tariff", {}).get("heading") or "", d.get("tariff", {}).get("program") or "",
                       " ".join(d["facts"]), " ".join(x["name"] for x in d["lists"])]).lower()
    body = "".join(f"<dt>{_e(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return (f'<article id="{_e(d["id"])}" data-text="{_e(search)}"><h3>{"".join(badges)} '
            f'<code>{_e(d["id"])}</code> {_e(d["title"])}</h3><dl>{body}</dl></article>')


def html_page(cat: Catalogue, agencies: dict[str, list], programs: dict[str, list]) -> str:
    lang = cat.lang
    e = cat.engine
    nav = "".join(f'<a href="#agency-{_slug(a)}">{_e(a)} — {_e(agency_name(a, lang))} ({len(r)})</a>'
                  for a, r in agencies.items())
    nav += "".join(f'<a href="#program-{_slug(p)}">{_e(program_name(p, lang))} ({len(r)})</a>'
                   for p, r in programs.items())
    sections = []
    for a, rules in agencies.items():
        ordered = sorted(rules, key=lambda c: (-SEVERITY_RANK[c.rule.severity], c.id))
        sections.append(f'<section id="agency-{_slug(a)}"><h2>{_e(a)} — {_e(agency_name(a, lang))}</h2>'
                        + "\n".join(rule_html(rule_data(cat, c), lang) for c in ordered) + "</section>")
    for p, rules in programs.items():
        ordered = sorted(rules, key=lambda c: (c.rule.heading or "", c.rule.effective.from_, c.id))
        sections.append(f'<section id="program-{_slug(p)}"><h2>{_e(program_name(p, lang))} <code>{_e(p)}</code></h2>'
                        + "\n".join(rule_html(rule_data(cat, c), lang) for c in ordered) + "</section>")
    packs = " · ".join(f"<code>{_e(p.name)}</code> {_e(p.manifest.title.get(lang) if p.manifest.title else '')}"
                       for p in e.packs)
    script = _SCRIPT.replace("LABEL", json.dumps(word("shown", lang))[1:-1]).replace(
        "PREFIX", json.dumps(word("shown_prefix", lang))[1:-1])
    return ("<!doctype html>\n"
            f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(word('catalogue', lang))}</title><style>{_STYLE}</style></head><body>\n"
            f"<header><h1>{_e(word('catalogue', lang))}</h1><p>{packs}<br>{_e(word('rules_version', lang))}{colon(lang)}"
            f"<code>{_e(e.rules_version)}</code> · {len(e.rules)} {_e(word('rules', lang))}</p>"
            f"<p class=\"muted\"><small>{_e(word('generated', lang))}</small></p></header>\n"
            f'<input id="q" type="search" placeholder="{_e(word("search", lang))}" autocomplete="off">'
            f'<div id="count"></div>\n<nav>{nav}</nav>\n' + "\n".join(sections)
            + f"\n<script>{script}</script>\n</body></html>\n")


# --------------------------------------------------------------------------------- write

def render(engine: Engine, lang: str = "en") -> dict[str, str]:
    """Every page, by its path relative to the output folder."""
    cat = build(engine, lang)
    agencies, programs = groups(cat)
    tariffs_by_agency: dict[str, list] = {}
    for rules in programs.values():
        for c in rules:
            tariffs_by_agency.setdefault(c.rule.agency, []).append(c)
    pages: dict[str, str] = {"README.md": index_page(cat, agencies, programs), "facts.md": facts_page(cat),
                             "catalogue.html": html_page(cat, agencies, programs)}
    for agency, rules in agencies.items():
        pages[f"agencies/{_slug(agency)}.md"] = agency_page(
            cat, agency, rules, sorted(tariffs_by_agency.get(agency, []), key=lambda c: c.id))
    for program, rules in programs.items():
        pages[f"programs/{_slug(program)}.md"] = program_page(cat, program, rules)
    return dict(sorted(pages.items()))


def write(pages: dict[str, str], out: Path) -> list[Path]:
    """Write the pages; remove generated pages of agencies or programs that no longer exist."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for rel, text in pages.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    for sub in ("agencies", "programs"):
        folder = out / sub
        if folder.is_dir():
            for old in folder.glob("*.md"):
                if f"{sub}/{old.name}" not in pages:
                    old.unlink()
    return written


def compare(pages: dict[str, str], folder: Path) -> list[str]:
    """Pages that differ from, or are missing in, or are extra in ``folder``."""
    problems = []
    for rel, text in pages.items():
        path = folder / rel
        if not path.is_file():
            problems.append(f"missing: {rel}")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"differs: {rel}")
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            if path.is_file() and rel not in pages and (path.suffix in (".md", ".html")):
                problems.append(f"extra: {rel}")
    return problems
