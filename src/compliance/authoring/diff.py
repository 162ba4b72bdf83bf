"""`compliance rules diff OLD NEW`: what changed between two versions of a rule pack.

A side is a pack folder, or ``git:REV`` (the bundled pack as it was at that git revision),
or ``git:REV:PATH`` (the pack folder PATH of the repository at REV). The diff lists rules
added, removed and changed field by field: changed conditions in words, changed rates per
date range; then facts and reference lists. With a catalogue of product profiles it also
says which products would get a different checklist, and how: items gained and lost,
tariff lines changed, and the change in total duty.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..engine import Engine
from ..errors import InputError
from ..i18n import describe
from ..packs import default_pack_path

FIELDS = ("kind", "agency", "severity", "status", "title", "action", "when", "exemptions", "documents",
          "effective", "program", "heading", "basis", "rates", "yields_to", "held_unlawful", "texts",
          "citations", "note", "last_reviewed", "override", "disabled")


# ----------------------------------------------------------------------------- loading

@dataclass
class Side:
    spec: str
    label: str
    engine: Engine
    problems: list[str] = field(default_factory=list)


def load_side(spec: str, workdir: Path, on_bundled: bool = False) -> Side:
    """Load one side of the diff: a folder, or git:REV[:PATH] extracted into ``workdir``."""
    if spec.startswith("git:"):
        folder, label = extract_git(spec, workdir)
    else:
        folder, label = Path(spec), spec
        if not folder.is_dir():
            raise InputError("rule pack folder not found", file=spec)
    packs = [folder]
    engine, errors = Engine.load_collecting(packs, include_default=on_bundled)
    if engine is None:
        first = errors[0] if errors else None
        raise InputError(f"{label}: the pack does not load: {first}")
    return Side(spec, label, engine, [str(e) for e in errors])


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=120)
    except FileNotFoundError:
        raise InputError("git is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"git {' '.join(args)}: {message[-1] if message else 'failed'}")
    return done.stdout


def extract_git(spec: str, workdir: Path) -> tuple[Path, str]:
    """git:REV or git:REV:PATH -> a folder holding the pack as it was at REV."""
    rest = spec[4:]
    rev, _, path = rest.partition(":")
    if not rev:
        raise InputError(f"expected git:REV or git:REV:PATH, got {spec!r}", field="OLD/NEW")
    here = Path.cwd()
    top = Path(_git(["rev-parse", "--show-toplevel"], here).decode().strip())
    if not path:
        try:
            path = default_pack_path().resolve().relative_to(top.resolve()).as_posix()
        except ValueError:
            path = "rules"
    data = _git(["archive", "--format=tar", rev, "--", path], top)
    target = workdir / (rev.replace("/", "_").replace("~", "-").replace("^", "-") or "rev")
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for member in tar.getmembers():
            if member.issym() or member.islnk() or member.name.startswith(("/", "..")) or "/../" in member.name:
                continue
            tar.extract(member, target)
    folder = target / path
    if not (folder / "pack.yaml").is_file():
        raise InputError(f"{spec}: no pack.yaml under {path} at {rev}")
    return folder, f"{path}@{rev}"


# ------------------------------------------------------------------------------ values

def _date(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _text(t: Any) -> dict[str, str | None] | None:
    return None if t is None else {"en": t.en, "zh": t.zh}


def rule_view(crule, lang: str = "en") -> dict[str, Any]:
    """The fields of a rule that a reviewer compares, as comparable plain values."""
    r = crule.rule
    return {
        "kind": r.kind, "agency": r.agency, "severity": r.severity, "status": r.status,
        "title": _text(r.title), "action": _text(r.action),
        "when": describe(crule.cond.describe(), lang) if crule.cond is not None else describe(("always", {}), lang),
        "when_tree": crule.cond.describe() if crule.cond is not None else ("always", {}),
        "exemptions": {ex_id: {"when": describe(node.describe(), lang), "reason": _text(reason)}
                       for ex_id, node, reason in crule.exemptions},
        "documents": [{"any_of": [d.en for d in doc.any_of]} if hasattr(doc, "any_of") else doc.en
                      for doc in r.documents],
        "effective": {"from": _date(r.effective.from_), "to": _date(r.effective.to)},
        "program": r.program, "heading": r.heading, "basis": r.basis if r.kind == "tariff" else None,
        "rates": [_rate_window(w) for w in r.rates],
        "yields_to": list(r.yields_to),
        "held_unlawful": ({"date": _date(r.held_unlawful.date), "cite": r.held_unlawful.cite,
                           "url": r.held_unlawful.url} if r.held_unlawful else None),
        "texts": [{"from": _date(t.from_), "title": _text(t.title), "action": _text(t.action)} for t in r.texts],
        "citations": {c.cite: c.url for c in r.citations},
        "note": r.note,
        "last_reviewed": _date(r.last_reviewed),
        "override": crule.override_reason,
        "disabled": f"{crule.disabled_by}: {crule.disabled_reason}" if crule.disabled_reason else None,
    }


def _rate_window(w) -> dict[str, Any]:
    out = {"from": _date(w.from_), "to": _date(w.to), "percent": w.percent}
    floor = getattr(w, "floor_percent", None)
    if floor is not None:
        out["floor_percent"] = floor
    return out


def rate_changes(old: list[dict], new: list[dict]) -> list[dict[str, Any]]:
    """Date ranges on which the rate differs: [{from, to, old, new}], old/new None when no rate."""
    def rate_on(windows, day):
        for w in windows:
            start = dt.date.fromisoformat(w["from"])
            end = dt.date.fromisoformat(w["to"]) if w["to"] else None
            if start <= day and (end is None or day <= end):
                if w.get("percent") is None and w.get("floor_percent") is not None:
                    return {"floor_percent": w["floor_percent"]}
                return w["percent"]
        return None
    edges = set()
    for w in old + new:
        edges.add(dt.date.fromisoformat(w["from"]))
        if w["to"]:
            edges.add(dt.date.fromisoformat(w["to"]) + dt.timedelta(days=1))
    points = sorted(edges)
    out: list[dict[str, Any]] = []
    for i, start in enumerate(points):
        end = points[i + 1] - dt.timedelta(days=1) if i + 1 < len(points) else None
        a, b = rate_on(old, start), rate_on(new, start)
        if a == b:
            continue
        if out and out[-1]["old"] == a and out[-1]["new"] == b and out[-1]["to"] == (start - dt.timedelta(days=1)).isoformat():
            out[-1]["to"] = end.isoformat() if end else None
        else:
            out.append({"from": start.isoformat(), "to": end.isoformat() if end else None, "old": a, "new": b})
    return out


@dataclass
class FieldChange:
    field: str
    old: Any
    new: Any
    detail: list[str] = field(default_factory=list)      # lines in words

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "old": self.old, "new": self.new, "detail": list(self.detail)}


def _pct(v: Any) -> str:
    if isinstance(v, dict):
        return f"{v['floor_percent']:g}% in total with MFN"
    return "none" if v is None else f"{v:g}%"


def _fmt_text(t: dict | None) -> str:
    if t is None:
        return "(none)"
    return t["en"] + (f" / {t['zh']}" if t.get("zh") else "")


def field_changes(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    out = []
    for name in FIELDS:
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        fc = FieldChange(name, a, b)
        if name == "rates":
            fc.detail = [f"{c['from']} to {c['to'] or 'open'}: {_pct(c['old'])} → {_pct(c['new'])}"
                         for c in rate_changes(a, b)]
        elif name == "when":
            fc.detail = condition_changes(old["when_tree"], new["when_tree"])
        elif name in ("title", "action"):
            if a and b and a["en"] == b["en"]:
                fc.detail = [f"Chinese text now: {b['zh']}" if b.get("zh") else "Chinese text removed"]
            else:
                fc.detail = [f"was: {_fmt_text(a)}", f"now: {_fmt_text(b)}"]
        elif name == "citations":
            fc.detail = [f"removed: {c}" for c in a if c not in b] + [f"added: {c} {b[c] or ''}".rstrip() for c in b if c not in a]
            fc.detail += [f"url of {c}: {a[c]} → {b[c]}" for c in a if c in b and a[c] != b[c]]
        elif name == "exemptions":
            for ex in sorted(set(a) | set(b)):
                if ex not in b:
                    fc.detail.append(f"removed exemption {ex}")
                elif ex not in a:
                    fc.detail.append(f"added exemption {ex}: when {b[ex]['when']}")
                elif a[ex] != b[ex]:
                    if a[ex]["when"] != b[ex]["when"]:
                        fc.detail.append(f"exemption {ex}: when was {a[ex]['when']}; now {b[ex]['when']}")
                    if a[ex]["reason"] != b[ex]["reason"]:
                        fc.detail.append(f"exemption {ex}: reason now {_fmt_text(b[ex]['reason'])}")
        elif name == "documents":
            fc.detail = [f"removed: {_doc(d)}" for d in a if d not in b] + [f"added: {_doc(d)}" for d in b if d not in a]
        elif name == "effective":
            for k in ("from", "to"):
                if a[k] != b[k]:
                    fc.detail.append(f"{k}: {a[k] or 'open'} → {b[k] or 'open'}")
        elif name == "texts":
            fc.detail = [f"dated texts: {len(a)} → {len(b)}"]
        else:
            fc.detail = [f"{_short(a)} → {_short(b)}"]
        out.append(fc)
    return out


def condition_changes(a: tuple, b: tuple, where: str = "") -> list[str]:
    """What changed between two conditions, as few lines in words as possible.

    Parts of `all` / `any` are matched by equality: only the parts added, removed or changed
    are shown; lists of HTS prefixes, origins and values show the entries added and removed.
    """
    if a == b:
        return []
    at = f" (in {where})" if where else ""
    (ca, pa), (cb, pb) = a, b
    if ca == cb and ca in ("all", "any"):
        removed = [p for p in pa["parts"] if p not in pb["parts"]]
        added = [p for p in pb["parts"] if p not in pa["parts"]]
        inner = f"`{ca}`" + (f" of {where}" if where else "")
        out: list[str] = []
        for old_part in list(removed):
            twin = next((p for p in added if p[0] == old_part[0]
                         and (p[0] != "fact_cond" or p[1]["fact"] == old_part[1]["fact"])), None)
            if twin is not None:
                out += condition_changes(old_part, twin, inner)
                removed.remove(old_part)
                added.remove(twin)
        out += [f"removed from {inner}: {describe(p)}" for p in removed]
        out += [f"added to {inner}: {describe(p)}" for p in added]
        return out
    if ca == cb == "not":
        return condition_changes(pa["inner"], pb["inner"], "`not`" + (f" of {where}" if where else ""))
    for code, key in (("hts_any", "prefixes"), ("origin_any", "codes"), ("material_any", "names")):
        if ca == cb == code:
            gone = [x for x in pa[key] if x not in pb[key]]
            new = [x for x in pb[key] if x not in pa[key]]
            label = {"hts_any": "HTS prefixes", "origin_any": "origins", "material_any": "materials"}[code]
            out = []
            if new:
                out.append(f"{label} added{at}: {', '.join(new)}")
            if gone:
                out.append(f"{label} removed{at}: {', '.join(gone)}")
            return out or [f"{label} reordered{at}"]
    if ca == cb == "fact_cond" and pa["fact"] == pb["fact"]:
        return [f"{pa['fact']}{at}: {describe(a).split(' ', 1)[1]} → {describe(b).split(' ', 1)[1]}"]
    return [f"was{at}: {describe(a)}", f"now{at}: {describe(b)}"]


def _doc(d: Any) -> str:
    return "any of: " + "; ".join(d["any_of"]) if isinstance(d, dict) else str(d)


def _short(v: Any, limit: int = 160) -> str:
    if v is None:
        return "(none)"
    if isinstance(v, (list, tuple)):
        text = ", ".join(map(str, v)) or "(none)"
    elif isinstance(v, dict):
        text = ", ".join(f"{k}={x}" for k, x in v.items())
    else:
        text = str(v)
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit - 1] + "…"


# --------------------------------------------------------------------------------- diff

@dataclass
class RuleChange:
    id: str
    title: str
    file: str
    changes: list[FieldChange]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "file": self.file,
                "changes": [c.to_dict() for c in self.changes]}


@dataclass
class PackDiff:
    old: str
    new: str
    old_version: str
    new_version: str
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[RuleChange] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    lists: list[dict[str, Any]] = field(default_factory=list)
    products: list[dict[str, Any]] | None = None
    products_checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.facts or self.lists or self.products)

    def to_dict(self) -> dict[str, Any]:
        out = {"old": self.old, "new": self.new, "old_rules_version": self.old_version,
               "new_rules_version": self.new_version, "added": self.added, "removed": self.removed,
               "changed": [c.to_dict() for c in self.changed], "facts": self.facts, "lists": self.lists,
               "problems": self.problems}
        if self.products is not None:
            out["catalog"] = {"products": self.products_checked, "affected": len(self.products),
                              "changes": self.products}
        return out


def summary(crule, lang: str = "en") -> dict[str, Any]:
    r = crule.rule
    out = {"id": r.id, "kind": r.kind, "agency": r.agency, "severity": r.severity, "status": r.status,
           "title": r.title.get(lang), "file": crule.file,
           "when": describe(crule.cond.describe(), lang) if crule.cond is not None else describe(("always", {}), lang),
           "effective": {"from": _date(r.effective.from_), "to": _date(r.effective.to)}}
    if r.kind == "tariff":
        out["heading"] = r.heading
        out["rates"] = [_rate_window(w) for w in sorted(r.rates, key=lambda w: w.from_)]
    return out


def diff_engines(old: Side, new: Side) -> PackDiff:
    a, b = old.engine, new.engine
    result = PackDiff(old.label, new.label, a.rules_version, b.rules_version)
    result.problems = [f"old: {p}" for p in old.problems] + [f"new: {p}" for p in new.problems]
    for rid in sorted(set(b.by_id) - set(a.by_id)):
        result.added.append(summary(b.by_id[rid]))
    for rid in sorted(set(a.by_id) - set(b.by_id)):
        result.removed.append(summary(a.by_id[rid]))
    for rid in sorted(set(a.by_id) & set(b.by_id)):
        changes = field_changes(rule_view(a.by_id[rid]), rule_view(b.by_id[rid]))
        if changes:
            c = b.by_id[rid]
            result.changed.append(RuleChange(rid, c.rule.title.en, c.file, changes))
    for name in sorted(set(a.facts) | set(b.facts)):
        fa, fb = a.facts.get(name), b.facts.get(name)
        if fa is None:
            result.facts.append({"fact": name, "change": "added", "type": fb.type, "question": fb.question.en})
        elif fb is None:
            result.facts.append({"fact": name, "change": "removed"})
        elif fa != fb:
            what = []
            if fa.type != fb.type:
                what.append(f"type {fa.type} → {fb.type}")
            if fa.values != fb.values:
                what.append(f"values {', '.join(fa.values or [])} → {', '.join(fb.values or [])}")
            if fa.question != fb.question:
                what.append("question reworded")
            if fa.help != fb.help:
                what.append("help reworded")
            result.facts.append({"fact": name, "change": "changed", "detail": what})
    for name in sorted(set(a.lists) | set(b.lists)):
        la, lb = a.lists.get(name), b.lists.get(name)
        if la is None:
            result.lists.append({"list": name, "change": "added", "entries": len(lb.rows),
                                 "edition": lb.header.get("edition")})
        elif lb is None:
            result.lists.append({"list": name, "change": "removed", "entries": len(la.rows)})
        else:
            ra = {tuple(sorted(r.items())) for r in la.rows}
            rb = {tuple(sorted(r.items())) for r in lb.rows}
            if ra != rb or la.header != lb.header:
                entry = {"list": name, "change": "changed", "entries": f"{len(la.rows)} → {len(lb.rows)}",
                         "rows_added": len(rb - ra), "rows_removed": len(ra - rb)}
                if la.header.get("edition") != lb.header.get("edition"):
                    entry["edition"] = f"{la.header.get('edition')} → {lb.header.get('edition')}"
                result.lists.append(entry)
    return result


# -------------------------------------------------------------------------- catalogue

def product_changes(old: Engine, new: Engine, profiles: Iterable, as_of: dt.date | None) -> tuple[int, list[dict]]:
    """Products whose checklist differs between the two rule sets, and how."""
    from ..batch.impact import seen_by
    count = 0
    out = []
    today = dt.date.today()  # one date for every product without one
    for profile in profiles:
        if isinstance(profile, InputError):
            out.append({"product": "?", "error": str(profile)})
            continue
        count += 1
        label = profile.label
        results = []
        day = as_of or profile.entry_date or today
        for engine, other in ((old, new), (new, old)):
            try:
                results.append(engine.evaluate(seen_by(engine, other, profile), day))
            except InputError as exc:
                results.append(exc)
        ca, cb = results
        if isinstance(ca, InputError) or isinstance(cb, InputError):
            errs = {side: str(c) for side, c in (("old", ca), ("new", cb)) if isinstance(c, InputError)}
            out.append({"product": label, "hts": profile.hts, "error": "; ".join(f"{k}: {v}" for k, v in errs.items())})
            continue
        change = checklist_change(ca, cb)
        if change:
            change = {"product": label, "hts": ca.to_dict()["product"]["hts"], "origin": profile.origin,
                      "as_of": cb.as_of.isoformat(), **change}
            out.append(change)
    return count, out


def checklist_change(a, b) -> dict[str, Any]:
    ia = {i.rule_id: (i.status, i.severity) for i in a.items}
    ib = {i.rule_id: (i.status, i.severity) for i in b.items}
    gained = [{"rule_id": r, "status": ib[r][0], "severity": ib[r][1]} for r in sorted(set(ib) - set(ia))]
    lost = [{"rule_id": r, "status": ia[r][0], "severity": ia[r][1]} for r in sorted(set(ia) - set(ib))]
    status = [{"rule_id": r, "old": f"{ia[r][0]} ({ia[r][1]})", "new": f"{ib[r][0]} ({ib[r][1]})"}
              for r in sorted(set(ia) & set(ib)) if ia[r] != ib[r]]
    ta = {t.heading: t for t in a.tariffs}
    tb = {t.heading: t for t in b.tariffs}
    tariffs = []
    for h in sorted(set(ta) | set(tb)):
        x, y = ta.get(h), tb.get(h)
        key = lambda t: None if t is None else (t.rate_percent, t.rate_text, t.assessed_value, t.duty)  # noqa: E731
        if key(x) != key(y):
            tariffs.append({"heading": h, "old": _line(x), "new": _line(y)})
    qa = {q.fact for q in a.questions}
    qb = {q.fact for q in b.questions}
    change: dict[str, Any] = {}
    if gained:
        change["items_gained"] = gained
    if lost:
        change["items_lost"] = lost
    if status:
        change["items_changed"] = status
    if tariffs:
        change["tariffs_changed"] = tariffs
    if qa != qb:
        change["questions"] = {"added": sorted(qb - qa), "removed": sorted(qa - qb)}
    if a.total_duty != b.total_duty:
        delta = None if a.total_duty is None or b.total_duty is None else round(b.total_duty - a.total_duty, 2)
        change["duty"] = {"old": a.total_duty, "new": b.total_duty, "delta": delta}
    return change


def _line(t) -> dict[str, Any] | None:
    if t is None:
        return None
    return {"rate_percent": t.rate_percent, "rate_text": t.rate_text, "duty": t.duty, "rule_id": t.rule_id}


def run(old_spec: str, new_spec: str, catalog: str | None = None, as_of: dt.date | None = None,
        on_bundled: bool = False) -> PackDiff:
    with tempfile.TemporaryDirectory(prefix="compliance-diff-") as tmp:
        work = Path(tmp)
        old = load_side(old_spec, work / "old", on_bundled)
        new = load_side(new_spec, work / "new", on_bundled)
        result = diff_engines(old, new)
        if catalog:
            # any catalogue `compliance batch` reads: CSV, JSON Lines, YAML/JSON, Excel
            from ..batch.catalog import read_catalog
            result.products_checked, result.products = product_changes(
                old.engine, new.engine, read_catalog(catalog), as_of)
    return result


# ---------------------------------------------------------------------------- rendering

def _rate_list(rates: list[dict]) -> str:
    return ", ".join(_pct(r["percent"] if r.get("percent") is not None else {"floor_percent": r.get("floor_percent")})
                     + f" from {r['from']}" + (f" to {r['to']}" if r["to"] else "") for r in rates)


def _money(v: float | None) -> str:
    return "n/a" if v is None else f"{v:,.2f}"


def _product_lines(p: dict[str, Any]) -> list[str]:
    out = []
    if "error" in p:
        return [f"error: {p['error']}"]
    for g in p.get("items_gained", []):
        out.append(f"+ {g['rule_id']} ({g['status']}, {g['severity']})")
    for g in p.get("items_lost", []):
        out.append(f"- {g['rule_id']} (was {g['status']}, {g['severity']})")
    for g in p.get("items_changed", []):
        out.append(f"~ {g['rule_id']}: {g['old']} → {g['new']}")
    for t in p.get("tariffs_changed", []):
        o, n = t["old"], t["new"]
        fmt = lambda x: "none" if x is None else (x["rate_text"] if t["heading"] == "MFN" and x["rate_text"]  # noqa: E731
                                                   else _pct(x["rate_percent"])) + (f" ({_money(x['duty'])} USD)" if x["duty"] is not None else "")
        out.append(f"tariff {t['heading']}: {fmt(o)} → {fmt(n)}")
    if "questions" in p:
        q = p["questions"]
        if q["added"]:
            out.append("asks now: " + ", ".join(q["added"]))
        if q["removed"]:
            out.append("no longer asks: " + ", ".join(q["removed"]))
    if "duty" in p:
        d = p["duty"]
        delta = "" if d["delta"] is None else f" ({'+' if d['delta'] >= 0 else ''}{d['delta']:,.2f})"
        out.append(f"total duty: {_money(d['old'])} → {_money(d['new'])} USD{delta}")
    return out


def to_text(d: PackDiff) -> str:
    out = [f"rules diff {d.old} ({d.old_version}) → {d.new} ({d.new_version})",
           f"{len(d.added)} added, {len(d.removed)} removed, {len(d.changed)} changed"]
    for r in d.added:
        out += ["", f"+ {r['id']} [{r['agency']} {r['kind']}, {r['severity']}, {r['status']}] {r['title']}",
                f"    when: {r['when']}",
                f"    in force: {r['effective']['from']} to {r['effective']['to'] or 'open'}"]
        if r.get("rates"):
            out.append(f"    {r['heading']}: {_rate_list(r['rates'])}")
    for r in d.removed:
        out += ["", f"- {r['id']} [{r['agency']} {r['kind']}, {r['severity']}, {r['status']}] {r['title']}"]
    for c in d.changed:
        out += ["", f"~ {c.id} {c.title}"]
        for fc in c.changes:
            if len(fc.detail) == 1:
                out.append(f"    {fc.field}: {fc.detail[0]}")
            else:
                out.append(f"    {fc.field}:")
                out += [f"      {line}" for line in fc.detail]
    if d.facts:
        out += ["", "facts:"]
        for f in d.facts:
            out.append(f"  {f['change']} {f['fact']}" + (": " + "; ".join(f["detail"]) if f.get("detail") else ""))
    if d.lists:
        out += ["", "lists:"]
        for lst in d.lists:
            bits = [f"{k} {v}" for k, v in lst.items() if k not in ("list", "change")]
            out.append(f"  {lst['change']} {lst['list']}" + (": " + ", ".join(bits) if bits else ""))
    if d.products is not None:
        out += ["", f"catalog: {len(d.products)} of {d.products_checked} product(s) would get a different checklist"]
        for p in d.products:
            out.append(f"  {p['product']} (HTS {p.get('hts', '?')}, {p.get('origin', '?')}, as of {p.get('as_of', '?')})")
            out += [f"    {line}" for line in _product_lines(p)]
    if d.problems:
        out += ["", "load problems:"] + [f"  {p}" for p in d.problems]
    return "\n".join(out) + "\n"


def _md(text: Any) -> str:
    return str("" if text is None else text).replace("|", "\\|").replace("\n", " ")


def to_markdown(d: PackDiff) -> str:
    out = [f"## Rule changes: `{d.old}` → `{d.new}`", "",
           f"Rules version `{d.old_version}` → `{d.new_version}`: **{len(d.added)} added**, "
           f"**{len(d.removed)} removed**, **{len(d.changed)} changed**.", ""]
    if d.added:
        out += ["### Added", "", "| id | agency | kind | severity | status | title | applies when |",
                "|---|---|---|---|---|---|---|"]
        for r in d.added:
            when = r["when"] + (f"; {r['heading']}: {_rate_list(r['rates'])}" if r.get("rates") else "")
            out.append(f"| `{r['id']}` | {r['agency']} | {r['kind']} | {r['severity']} | {r['status']} | "
                       f"{_md(r['title'])} | {_md(when)} |")
        out.append("")
    if d.removed:
        out += ["### Removed", "", "| id | agency | kind | title |", "|---|---|---|---|"]
        out += [f"| `{r['id']}` | {r['agency']} | {r['kind']} | {_md(r['title'])} |" for r in d.removed]
        out.append("")
    if d.changed:
        out += ["### Changed", ""]
        for c in d.changed:
            out += [f"#### `{c.id}` {_md(c.title)}", ""]
            for fc in c.changes:
                if len(fc.detail) == 1:
                    out.append(f"- **{fc.field}**: {_md(fc.detail[0])}")
                else:
                    out.append(f"- **{fc.field}**:")
                    out += [f"  - {_md(line)}" for line in fc.detail]
            out.append("")
    if d.facts:
        out += ["### Facts", ""]
        out += [f"- {f['change']} `{f['fact']}`" + (": " + "; ".join(f["detail"]) if f.get("detail") else "")
                for f in d.facts]
        out.append("")
    if d.lists:
        out += ["### Reference lists", "", "| list | change | detail |", "|---|---|---|"]
        for lst in d.lists:
            bits = ", ".join(f"{k} {v}" for k, v in lst.items() if k not in ("list", "change"))
            out.append(f"| `{lst['list']}` | {lst['change']} | {_md(bits)} |")
        out.append("")
    if d.products is not None:
        out += ["### Products affected", "",
                f"{len(d.products)} of {d.products_checked} product(s) would get a different checklist.", ""]
        if d.products:
            out += ["| product | HTS | origin | changes | duty |", "|---|---|---|---|---:|"]
            for p in d.products:
                lines = [x for x in _product_lines(p) if not x.startswith("total duty")]
                duty = p.get("duty")
                dtext = "" if not duty else (f"{_money(duty['old'])} → {_money(duty['new'])}"
                                             + ("" if duty["delta"] is None else f" ({duty['delta']:+,.2f})"))
                out.append(f"| {_md(p['product'])} | {p.get('hts', '')} | {p.get('origin', '')} | "
                           f"{_md('<br>'.join(lines))} | {dtext} |")
            out.append("")
    if d.problems:
        out += ["<details><summary>Load problems</summary>", ""] + [f"- {_md(p)}" for p in d.problems] + ["", "</details>", ""]
    return "\n".join(out).rstrip() + "\n"
