"""The tariff stack: which measures apply on the entry date, how they stack, what they cost."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Sequence

from .checklist import TariffLine
from .conditions import LazyWhy
from .profile import Profile, format_hts

if TYPE_CHECKING:
    from .compiled import CompiledRule
    from .lists import ReferenceList

# Names under which a profile may declare the metal a content-based measure is assessed on.
MATERIAL_ALIASES: dict[str, tuple[str, ...]] = {
    "steel": ("steel", "iron and steel", "stainless steel", "carbon steel", "alloy steel"),
    "aluminum": ("aluminum", "aluminium", "aluminum alloy", "aluminium alloy"),
    "copper": ("copper", "copper alloy", "brass", "bronze"),
    "wood": ("wood", "timber", "lumber"),
}


def content_material(basis: str) -> str:
    return basis.removesuffix("_content")


def content_value(profile: Profile, basis: str) -> float | None:
    """Declared value of the content a measure is assessed on; None when not declared."""
    material = content_material(basis)
    names = MATERIAL_ALIASES.get(material, (material,))
    values = [m.content_value for m in profile.materials
              if m.name.casefold() in names and m.content_value is not None]
    return round(sum(values), 2) if values else None


def _duty(value: float | None, percent: float | None) -> float | None:
    if value is None or percent is None:
        return None
    return round(value * percent / 100.0, 2)


class Assessment:
    """The numbers of a tariff stack: every rate, assessed value and duty, and the total.

    Working out the numbers is separate from making the :class:`TariffLine` objects, so that a
    checklist knows its duty at once and makes the lines only when they are read.
    """

    __slots__ = ("mfn", "lines", "dropped", "missing", "total", "as_of", "value", "ctx")

    def __init__(self, mfn: tuple | None, lines: list, dropped: list, missing: list[str],
                 total: float | None, as_of: Any, value: float | None, ctx: Any = None) -> None:
        self.mfn = mfn            # (parsed rate, matched heading, percent, duty, quantities) or None
        self.lines = lines        # (rule, window, reasons, rate, assessed value, duty, reductions) each
        self.dropped = dropped    # (rule id, reasons) of measures that yield to others
        self.missing = missing    # content values the stack lacks, as fact names
        self.total = total
        self.as_of = as_of
        self.value = value        # the customs value the MFN duty is assessed on
        self.ctx = ctx            # the evaluation the reasons of lines without any are worked out from

    def tariff_lines(self) -> list[TariffLine]:
        """The lines, MFN first, in stacking order."""
        out: list[TariffLine] = []
        if self.mfn is not None:
            parsed, matched, percent, duty, quantities = self.mfn
            mfn_line = TariffLine("mfn", "MFN", percent, "value", None, parsed.text, self.value, duty,
                                  [("mfn", {"hts": matched, "text": parsed.text})], None,
                                  ["19 U.S.C. 1202 (HTSUS general rate)"])
            if duty is None and not parsed.free:
                mfn_line.notes.append(_unknown_duty_note(parsed, self.value, quantities))
            out.append(mfn_line)
        mfn_text = self.mfn[0].text if self.mfn is not None else None
        for crule, window, because, rate, assessed, duty, reductions in self.lines:
            r = crule.rule
            if because is None:
                because = LazyWhy(crule.cond, self.ctx)
            lazy = callable(because)
            line = TariffLine(r.program or "", r.heading or "", rate, r.basis, r.id, None, assessed, duty,
                              [] if lazy else list(because), r.title, _cites(r), [], r.status,
                              because if lazy else None)
            if window.note is not None:
                line.notes.append(window.note)
            if window.floor_percent is not None:
                line._because.append(("floor", {"floor": window.floor_percent, "mfn": mfn_text}))
            if r.held_unlawful is not None and self.as_of <= (r.effective.to or self.as_of):
                line.notes.append(r.held_unlawful.note)
            for by, basis, remaining in reductions:
                line._because.append(("reduced", {"by": by, "basis": basis, "value": remaining}))
            out.append(line)
        return out


def _unknown_duty_note(parsed: Any, value: float | None, quantities: Any) -> Any:
    """Why the MFN duty is not known, and what would make it known."""
    from .model.common import Text
    if not parsed.computable:
        return Text(en=f"The duty cannot be worked out from the customs value and quantities alone: {parsed.detail}.",
                    zh=f"无法仅凭完税价格和数量计算关税：{parsed.detail}。")
    wanting = parsed.wanting(value, quantities)
    if wanting == ["customs_value"]:
        return Text(en="The duty needs the customs value.", zh="计算关税需要完税价格。")
    units = [w for w in wanting if w != "customs_value"]
    value_too = " and the customs value" if "customs_value" in wanting else ""
    value_too_zh = "及完税价格" if "customs_value" in wanting else ""
    # how each way in gives a quantity: a profile, a catalogue column, `compliance tariffs`
    shown = ", ".join(f"{u}: ..." for u in units)
    ways = (f"quantities: {{{shown}}} in a profile, a qty:{units[0]} column in a catalogue, "
            f"--quantity {units[0]}=... for compliance tariffs")
    return Text(en=f"The duty needs the quantity in {', '.join(units)}{value_too} ({ways}).",
                zh=f"计算关税需要以 {', '.join(units)} 计的数量{value_too_zh}（档案中填写 quantities: {{{shown}}}，"
                   f"目录中使用 qty:{units[0]} 列，compliance tariffs 使用 --quantity {units[0]}=...）。")


def assess(applied: "Sequence[tuple]", profile: Profile, as_of: Any, mfn_rate: tuple[Any, str] | None, *,
           ctx: Any = None, stacking: bool | None = None) -> Assessment:
    """The numbers of the stack of the measures that apply. ``applied`` holds (rule, rate window,
    reasons) each; the reasons may be a callable that works them out when first read. With
    ``ctx``, ``applied`` holds (rule, rate window) pairs and the reasons are worked out from
    ``ctx`` when read. ``mfn_rate`` is (parsed general rate, matched heading) or None;
    ``stacking`` is :func:`stacks` of the rules, when the caller knows it."""
    value = profile.customs_value
    mfn = None
    mfn_percent = mfn_text = None
    if mfn_rate is not None and mfn_rate[0] is not None:
        parsed, matched = mfn_rate
        duty = parsed.duty(value, profile.quantities) if value is not None or profile.quantities else None
        mfn_percent = 0.0 if parsed.free else parsed.ad_valorem_percent
        mfn_text = parsed.text
        mfn = (parsed, matched, mfn_percent, None if duty is None else round(duty, 2), profile.quantities)
    if ctx is not None:
        if not (stacks([pair[0] for pair in applied]) if stacking is None else stacking):
            return _assess_plain(applied, profile, as_of, mfn, mfn_percent, mfn_text, ctx)
        applied = [(crule, window, None) for crule, window in applied]
    elif not stacks([triple[0] for triple in applied]):
        return _assess_plain(applied, profile, as_of, mfn, mfn_percent, mfn_text, None)
    rows: list[list] = []
    missing: list[str] = []
    stacking = False
    for crule, window, because in applied:
        r = crule.rule
        stacking = stacking or bool(r.yields_to)
        rows.append([crule, window, because, _rate(window, mfn, mfn_percent, mfn_text),
                     _assessed(r.basis, profile, missing), None, ()])

    dropped: list[tuple[str, list]] = []
    kept = []
    for row in rows:
        crule = row[0]
        if stacking and crule.rule.yields_to:
            yields = crule.rule.yields_to
            displacing = [o for o in rows if o is not row and (o[0].rule.program or "") in yields]
            full = [o for o in displacing if o[0].rule.basis == "value"]
            if full:
                first = full[0][0].rule
                dropped.append((crule.id, [("yielded", {"by": f"{first.program or ''} {first.heading or ''}"})]))
                continue
            if displacing and crule.rule.basis == "value" and value is not None:
                bases: dict[str, list] = {}
                for o in displacing:
                    bases.setdefault(o[0].rule.basis, o)
                remaining = value
                reductions = []
                for basis, o in sorted(bases.items()):
                    remaining -= o[4] or 0.0
                    orule = o[0].rule
                    reductions.append((f"{orule.program or ''} {orule.heading or ''}", basis,
                                       round(max(remaining, 0.0), 2)))
                row[4] = round(max(remaining, 0.0), 2)
                row[6] = tuple(reductions)
        row[5] = _duty(row[4], row[3])
        kept.append(tuple(row))
    total = None
    if value is not None:
        duties = [row[5] for row in kept]
        if mfn is not None:
            duties.append(mfn[3])
        if None not in duties:
            total = round(sum(duties), 2)
    return Assessment(mfn, kept, dropped, sorted(set(missing)), total, as_of, value, ctx)


def stacks(rules: "Sequence[CompiledRule]") -> bool:
    """Whether a measure yields to another that applies too (else every line stands alone)."""
    programs = None
    for crule in rules:
        yields = crule.rule.yields_to
        if yields:
            if programs is None:
                programs = {c.rule.program or "" for c in rules}
            if not programs.isdisjoint(yields):
                return True
    return False


def _rate(window: Any, mfn: tuple | None, mfn_percent: float | None, mfn_text: str | None) -> float | None:
    """The rate of a window; for a window that sets a floor (MFN + this), what it adds to an ad
    valorem MFN rate (None when MFN is not ad valorem)."""
    if window.floor_percent is None:
        return window.percent
    if mfn is None or mfn_percent is None or (mfn_text and ("¢" in mfn_text or "$" in mfn_text)):
        return None
    return round(max(window.floor_percent - mfn_percent, 0.0), 4)


def _assessed(basis: str, profile: Profile, missing: list[str]) -> float | None:
    """The value a measure is assessed on: the customs value, or the declared content value
    (its fact name added to ``missing`` when not declared)."""
    if basis == "value":
        return profile.customs_value
    content = content_value(profile, basis)
    if content is None:
        missing.append(f"material:{content_material(basis)}:content_value")
    return content


def _assess_plain(applied: "Sequence[tuple]", profile: Profile, as_of: Any, mfn: tuple | None,
                  mfn_percent: float | None, mfn_text: str | None, ctx: Any) -> Assessment:
    """:func:`assess` for stacks where no measure yields to another (most products)."""
    value = profile.customs_value
    lines = []
    missing: list[str] = []
    known = value is not None and (mfn is None or mfn[3] is not None)
    total = 0  # summed in the order of assess: the lines, then MFN (floating-point sums depend on it)
    for line in applied:
        crule, window = line[0], line[1]
        because = None if ctx is not None else line[2]
        rate = window.percent if window.floor_percent is None else _rate(window, mfn, mfn_percent, mfn_text)
        basis = crule.rule.basis
        assessed = value if basis == "value" else _assessed(basis, profile, missing)
        duty = None if assessed is None or rate is None else round(assessed * rate / 100.0, 2)
        if duty is None:
            known = False
        elif known:
            total += duty
        lines.append((crule, window, because, rate, assessed, duty, ()))
    if known and mfn is not None:
        total += mfn[3]
    return Assessment(mfn, lines, [], sorted(set(missing)) if missing else missing,
                      round(total, 2) if known else None, as_of, value, ctx)


_CITES: dict[int, tuple[Any, list[str]]] = {}


def _cites(rule: Any) -> list[str]:
    """The citations of a rule as text (a fresh list: a line's caller may change it)."""
    found = _CITES.get(id(rule))
    if found is None or found[0] is not rule:
        found = _CITES[id(rule)] = (rule, [c.cite for c in rule.citations])
    return list(found[1])


class MfnTable:
    """General (column 1) rates of the HTS, by the longest matching prefix."""

    def __init__(self, lst: "ReferenceList | None") -> None:
        self.rates: dict[str, tuple[str, str]] = {}
        self._by_hts: dict[str, tuple[Any, str]] = {}
        self.edition = ""
        if lst is not None:
            self.edition = lst.header.get("edition", "")
            for row in lst.rows:
                hts = row.get("hts", "").replace(".", "")
                if hts:
                    self.rates[hts] = (row.get("general", ""), row.get("unit", ""))

    def line(self, profile: Profile) -> TariffLine | None:
        """The MFN line of a product (rate and duty on its customs value)."""
        lines = assess([], profile, None, self.rate(profile.hts)).tariff_lines()
        return lines[0] if lines else None

    def rate(self, hts: str) -> tuple[Any, str]:
        """(parsed general rate, heading it was found under); (None, "") when not in the table."""
        found = self._by_hts.get(hts)
        if found is None:
            if len(self._by_hts) >= 100_000:
                self._by_hts.clear()
            found = self._by_hts[hts] = self._lookup(hts)
        return found

    def _lookup(self, hts: str) -> tuple[Any, str]:
        for n in (10, 8, 6):
            found = self.rates.get(hts[:n])
            if found is not None:
                return _parse(found[0]), format_hts(hts[:n])
        return None, ""


@lru_cache(maxsize=4096)
def _parse(text: str):
    try:
        from .rates import parse_rate
    except ImportError:  # pragma: no cover - rates module absent
        return None
    try:
        return parse_rate(text)
    except ValueError:
        return None
