"""The tariff stack: which measures apply on the entry date, how they stack, what they cost."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .checklist import TariffLine
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


def floor_rate(window: Any, mfn: TariffLine | None) -> float | None:
    """The rate of a window that sets a total (MFN + this = floor); None when MFN is not ad valorem."""
    if window.floor_percent is None:
        return window.percent
    if mfn is None or mfn.rate_percent is None or (mfn.rate_text and "¢" in mfn.rate_text) \
            or (mfn.rate_text and "$" in mfn.rate_text):
        return None
    return round(max(window.floor_percent - mfn.rate_percent, 0.0), 4)


def build_stack(applied: list[tuple["CompiledRule", Any, Any]], profile: Profile,
                as_of, mfn: TariffLine | None = None) -> tuple[list[TariffLine], list[str], list[tuple[str, list]]]:
    """Lines for the measures that apply, after stacking; plus content facts that are missing,
    and the rules dropped because they do not stack (with the reason).

    ``applied`` holds (rule, rate window, reasons) each; the reasons may be a callable that
    works them out when the line's ``because`` is first read."""
    value = profile.customs_value
    lines: list[TariffLine] = []
    missing: list[str] = []
    stacking = False
    for crule, window, because in applied:
        r = crule.rule
        lazy = callable(because)
        line = TariffLine(r.program or "", r.heading or "",
                          window.percent if window.floor_percent is None else floor_rate(window, mfn),
                          r.basis, r.id, None, None, None, [] if lazy else list(because), r.title,
                          _cites(r), [], r.status, because if lazy else None)
        if window.note is not None:
            line.notes.append(window.note)
        if window.floor_percent is not None:
            line._because.append(("floor", {"floor": window.floor_percent,
                                            "mfn": mfn.rate_text if mfn is not None else None}))
        if r.held_unlawful is not None and as_of <= (r.effective.to or as_of):
            line.notes.append(r.held_unlawful.note)
        if r.basis == "value":
            line.assessed_value = value
        else:
            content = content_value(profile, r.basis)
            if content is None:
                missing.append(f"material:{content_material(r.basis)}:content_value")
            line.assessed_value = content if value is not None or content is not None else None
        stacking = stacking or bool(r.yields_to)
        lines.append(line)
    if not stacking:
        for line in lines:
            line.duty = _duty(line.assessed_value, line.rate_percent)
        return lines, sorted(set(missing)), []

    dropped: list[tuple[str, list]] = []
    kept: list[TariffLine] = []
    for line, (crule, _, _) in zip(lines, applied):
        yields = crule.rule.yields_to
        displacing = [o for o in lines if o is not line and o.program in yields]
        full = [o for o in displacing if o.basis == "value"]
        if full:
            dropped.append((line.rule_id or "", [("yielded", {"by": f"{full[0].program} {full[0].heading}"})]))
            continue
        if displacing and line.basis == "value" and value is not None:
            bases = {}
            for o in displacing:
                bases.setdefault(o.basis, o)
            remaining = value
            for basis, o in sorted(bases.items()):
                content = o.assessed_value or 0.0
                remaining -= content
                line._because.append(("reduced", {"by": f"{o.program} {o.heading}", "basis": basis,
                                                  "value": round(max(remaining, 0.0), 2)}))
            line.assessed_value = round(max(remaining, 0.0), 2)
        line.duty = _duty(line.assessed_value, line.rate_percent)
        kept.append(line)
    return kept, sorted(set(missing)), dropped


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
        hts = profile.hts
        found = self._by_hts.get(hts)
        if found is None:
            found = self._by_hts[hts] = self._lookup(hts)
            if len(self._by_hts) >= 100_000:
                self._by_hts.clear()
        parsed, matched = found
        return None if parsed is None else _mfn_line(parsed, matched, profile)

    def _lookup(self, hts: str) -> tuple[Any, str]:
        for n in (10, 8, 6):
            found = self.rates.get(hts[:n])
            if found is not None:
                return _parse(found[0]), format_hts(hts[:n])
        return None, ""


def _mfn_line(parsed: Any, matched: str, profile: Profile) -> TariffLine | None:
    value = profile.customs_value
    duty = parsed.duty(value, profile.quantities) if value is not None or profile.quantities else None
    percent = 0.0 if parsed.free else parsed.ad_valorem_percent
    if parsed.specific and percent is None:
        percent = None
    return TariffLine(program="mfn", heading="MFN", rate_percent=percent, basis="value",
                      rate_text=parsed.text, assessed_value=value,
                      duty=None if duty is None else round(duty, 2),
                      _because=[("mfn", {"hts": matched, "text": parsed.text})],
                      citations=["19 U.S.C. 1202 (HTSUS general rate)"])


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
