"""Rates of duty as the HTS writes them, read into numbers.

The "General" column of the Harmonized Tariff Schedule states a rate as text: ``Free``,
``2.6%`` (ad valorem), ``4.4¢/kg`` or ``$1.035/kg`` (specific), ``6.8¢/kg + 8%``
(compound), and a few rarer forms: a duty per unit with a qualifier (``3.7¢/kg on drained
weight``, ``17.8¢/kg on molybdenum content``), a duty on a part of the article (watches:
``40¢ each + 6% on the case + 14% on the strap, band or bracelet``), a sugar-degree formula,
or a reference to another rate (``The rate applicable to each garment in the ensemble if
separately entered``).

:func:`parse_rate` reads all of them. A :class:`ParsedRate` keeps the ad valorem percent
and the specific parts; :meth:`ParsedRate.duty` computes the duty from the customs value
and the quantities of the entry, and gives ``None`` when an input it needs is missing or
when the rate cannot be computed from value and quantities alone (``computable`` is then
``False`` and ``detail`` says why).

Units are normalised so that a profile's ``quantities`` can name them the way the HTS
unit-of-quantity column does: ``kg``, ``liter``, ``No.`` (for ``each``, ``head`` and
``article``), ``doz`` (``doz.``), ``pr`` (``pr.``), ``gross``, ``bbl``, ``t``, ``m2``,
``m3``, ``pf. liter``, ``thousand`` (``1000``, ``1,000``), ``jewel``. A specific part with
a qualifier is looked up under the unit followed by the qualifier, e.g. ``kg drained
weight``, ``kg molybdenum content``, ``kg clean``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["ParsedRate", "SpecificPart", "parse_rate"]

_UNITS: dict[str, str] = {
    "kg": "kg",
    "liter": "liter",
    "l": "liter",
    "pf.liter": "pf. liter",
    "pf. liter": "pf. liter",
    "proof liter": "pf. liter",
    "doz.": "doz",
    "doz": "doz",
    "pr.": "pr",
    "pr": "pr",
    "gross": "gross",
    "bbl": "bbl",
    "t": "t",
    "m2": "m2",
    "m3": "m3",
    "1000": "thousand",
    "1,000": "thousand",
    "thousand": "thousand",
    "head": "No.",
    "article": "No.",
    "each": "No.",
    "no.": "No.",
    "jewel": "jewel",
    "clean kg": "kg clean",
    "line/gross": "line gross",
    "1,000 pins": "thousand pins",
}

# How catalogues also write the units of their quantities (qty:L, qty:PCS): read as the HTS unit
_SPELLINGS: dict[str, str] = {
    "kgs": "kg", "kilogram": "kg", "kilograms": "kg",
    "litre": "liter", "litres": "liter", "liters": "liter", "ltr": "liter", "ltrs": "liter", "lt": "liter",
    "pc": "No.", "pcs": "No.", "piece": "No.", "pieces": "No.", "no": "No.", "number": "No.",
    "dozen": "doz", "pair": "pr", "pairs": "pr", "prs": "pr",
}

_NUMBER = r"(\d+(?:\.\d+)?)"
_AD_VALOREM = re.compile(rf"^{_NUMBER}%$")
_AD_VALOREM_ON = re.compile(rf"^{_NUMBER}%\s+on\s+(?:the\s+)?(.+)$")
_AD_VALOREM_PCT = re.compile(rf"^{_NUMBER} percent of the (.+)$")
# 4.4¢/kg, $1.035/kg, 5¢ each, 0.18¢/line/ gross, 3.7¢/kg on drained weight, 2.8¢/jewel over 7
_SPECIFIC = re.compile(
    rf"^(?:(?P<cents>{_NUMBER})¢|\$(?P<dollars>{_NUMBER}))"
    r"(?:\s*/\s*(?P<unit>[^\s].*?)|\s+(?P<each>each))"
    r"(?:\s+(?P<qual>(?:on|of|over)\s.+))?$"
)
_REFERENCE = re.compile(r"^(the rate|the duty|see |a duty|free,)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SpecificPart:
    """A duty of ``amount_usd`` per ``unit`` of quantity (e.g. 0.044 per ``kg``).

    ``qualifier`` narrows the quantity (``drained weight``, ``molybdenum content``, ``over 7``
    jewels); the quantity is then read under ``"<unit> <qualifier>"``.
    """

    amount_usd: float
    unit: str
    qualifier: str | None = None

    @property
    def quantity_key(self) -> str:
        """The key of ``quantities`` that this part is computed on."""
        return self.unit if self.qualifier is None else f"{self.unit} {self.qualifier}"


@dataclass(frozen=True, slots=True)
class ParsedRate:
    """A rate of duty read from its HTS text.

    ``free`` is True for ``Free``; ``ad_valorem_percent`` is the percent of the customs
    value (None when the rate has none); ``specific`` holds the per-unit parts.
    ``computable`` is False when part of the rate depends on something other than the
    customs value and the quantities (the value of a watch case, the polarity of sugar,
    the rate of another article); ``detail`` then names that part.
    """

    text: str
    free: bool
    ad_valorem_percent: float | None
    specific: tuple[SpecificPart, ...]
    computable: bool = True
    detail: str | None = None

    def duty(self, value: float | None, quantities: Mapping[str, float] | None) -> float | None:
        """Duty in USD for an entry of customs ``value`` and ``quantities`` (unit -> amount).

        None when a needed input is missing (the value for an ad valorem part, the quantity
        for a specific part) or when the rate is not computable from these inputs.
        """
        if self.free:
            return 0.0
        if not self.computable:
            return None
        total = 0.0
        if self.ad_valorem_percent is not None:
            if value is None:
                return None
            total += value * self.ad_valorem_percent / 100.0
        for part in self.specific:
            amount = _quantity(quantities, part.quantity_key)
            if amount is None:
                return None
            total += amount * part.amount_usd
        return round(total, 6)

    def wanting(self, value: float | None, quantities: Mapping[str, float] | None) -> list[str]:
        """What :meth:`duty` lacks to give a duty: ``customs_value``, and the ``quantities``
        keys of the specific parts with no quantity (empty when it has all it needs)."""
        if self.free or not self.computable:
            return []
        out = ["customs_value"] if self.ad_valorem_percent is not None and value is None else []
        out += [p.quantity_key for p in self.specific if _quantity(quantities, p.quantity_key) is None]
        return out


def _quantity(quantities: Mapping[str, float] | None, key: str) -> float | None:
    if not quantities:
        return None
    if key in quantities:
        return float(quantities[key])
    folded = key.casefold().rstrip(".")
    for name, amount in quantities.items():
        if name.casefold().rstrip(".") == folded or unit_name(name).casefold().rstrip(".") == folded:
            return float(amount)
    return None


def unit_name(name: str) -> str:
    """A quantity's unit as the HTS writes it: ``L`` and ``litre`` are ``liter``, ``PCS`` is
    ``No.``; a unit followed by a qualifier (``kg drained weight``) keeps the qualifier."""
    words = " ".join(name.split())
    key = words.casefold()
    if key in _UNITS:
        return _UNITS[key]
    if key in _SPELLINGS:
        return _SPELLINGS[key]
    unit, _, rest = words.partition(" ")
    base = _UNITS.get(unit.casefold()) or _SPELLINGS.get(unit.casefold())
    return f"{base} {rest}" if base and rest else words


def _unit(raw: str) -> str:
    key = " ".join(raw.replace("/ ", "/").split()).casefold()
    if key in _UNITS:
        return _UNITS[key]
    raise ValueError(f"unknown unit {raw!r}")


def _split(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\s*\+\s*", text) if p.strip()]


def parse_rate(text: str) -> ParsedRate:
    """Read a rate of duty as the HTS General column writes it.

    >>> parse_rate("6.8¢/kg + 8%").specific[0].amount_usd
    0.068
    >>> parse_rate("Free").duty(1000.0, None)
    0.0

    Raises ValueError, naming the text and the part it could not read, for text that is
    not a rate of duty.
    """
    if not isinstance(text, str):
        raise ValueError(f"a rate of duty is text, not {type(text).__name__}")
    clean = " ".join(text.replace("\u00a0", " ").split())
    if not clean:
        raise ValueError("empty rate of duty")
    if clean.casefold() in ("free", "free."):
        return ParsedRate(text=clean, free=True, ad_valorem_percent=None, specific=())
    if _REFERENCE.match(clean):
        return ParsedRate(text=clean, free=False, ad_valorem_percent=None, specific=(),
                          computable=False, detail=clean)
    # a sugar-degree formula: "1.4606¢/kg less 0.020668¢/kg for each degree under 100 degrees ..."
    if " less " in clean and "degree" in clean:
        head = clean.split(" less ", 1)[0]
        base = _specific(head, clean)
        return ParsedRate(text=clean, free=False, ad_valorem_percent=None, specific=(base,),
                          computable=False, detail="rate varies with the degree of polarization")
    # "... 0.2¢ for each other piece or part, but if consisting in part of a plate ..."
    main, _, rider = clean.partition(", but ")
    ad_valorem: float | None = None
    specific: list[SpecificPart] = []
    partial: list[str] = []
    for part in _split(main):
        m = _AD_VALOREM.match(part)
        if m:
            ad_valorem = _add(ad_valorem, float(m.group(1)))
            continue
        m = _AD_VALOREM_ON.match(part) or _AD_VALOREM_PCT.match(part)
        if m:
            what = m.group(2)
            if what in ("entire set",):
                ad_valorem = _add(ad_valorem, float(m.group(1)))
            else:
                partial.append(f"{m.group(1)}% on {what}")
            continue
        if " for each other piece or part" in part:
            partial.append(part)
            continue
        specific.append(_specific(part, clean))
    if rider:
        partial.append("but " + rider)
    if ad_valorem is None and not specific and not partial:
        raise ValueError(f"cannot read rate of duty {text!r}")
    return ParsedRate(text=clean, free=False, ad_valorem_percent=ad_valorem, specific=tuple(specific),
                      computable=not partial, detail="; ".join(partial) or None)


def _add(current: float | None, more: float) -> float:
    return more if current is None else current + more


def _specific(part: str, whole: str) -> SpecificPart:
    m = _SPECIFIC.match(part)
    if not m:
        raise ValueError(f"cannot read {part!r} in rate of duty {whole!r}")
    if m.group("cents") is not None:
        amount = float(m.group("cents")) / 100.0
    else:
        amount = float(m.group("dollars"))
    if not math.isfinite(amount):
        raise ValueError(f"amount out of range in rate of duty {whole!r}")
    raw_unit = "each" if m.group("each") else m.group("unit")
    qual = m.group("qual")
    # "10¢/1,000 pins": the unit holds a noun after the number
    unit = _unit(raw_unit)
    qualifier = None
    if qual:
        words = qual.split(None, 1)
        rest = words[1] if len(words) > 1 else ""
        if words[0] == "over":
            qualifier = f"over {rest}"
        else:
            qualifier = rest.removeprefix("the ").strip()
    return SpecificPart(amount_usd=round(amount, 10), unit=unit, qualifier=qualifier or None)
