"""Reading the HTS General rate text (compliance.rates)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.rates import ParsedRate, SpecificPart, parse_rate

MFN = Path(__file__).resolve().parent.parent / "rules" / "lists" / "mfn-rates.csv"


@pytest.mark.parametrize("text, free, percent, specific", [
    ("Free", True, None, ()),
    ("2.6%", False, 2.6, ()),
    ("4.4¢/kg", False, None, (SpecificPart(0.044, "kg"),)),
    ("$1.035/kg", False, None, (SpecificPart(1.035, "kg"),)),
    ("6.8¢/kg + 8%", False, 8.0, (SpecificPart(0.068, "kg"),)),
    ("37.5¢/kg + 2.9%", False, 2.9, (SpecificPart(0.375, "kg"),)),
    ("15¢/doz. + 2.5%", False, 2.5, (SpecificPart(0.15, "doz"),)),
    ("90¢/pr. + 20%", False, 20.0, (SpecificPart(0.9, "pr"),)),
    ("0.9¢ each", False, None, (SpecificPart(0.009, "No."),)),
    ("10.5¢/bbl", False, None, (SpecificPart(0.105, "bbl"),)),
    ("$1.13/m3", False, None, (SpecificPart(1.13, "m3"),)),
    ("19.2¢/1000", False, None, (SpecificPart(0.192, "thousand"),)),
    ("3.7¢/kg on drained weight", False, None, (SpecificPart(0.037, "kg", "drained weight"),)),
])
def test_forms(text: str, free: bool, percent: float | None, specific: tuple) -> None:
    rate = parse_rate(text)
    assert (rate.free, rate.ad_valorem_percent, rate.specific) == (free, percent, specific)
    assert rate.computable


def test_duty_of_compound_rate() -> None:
    rate = parse_rate("6.8¢/kg + 8%")
    assert rate.duty(1000.0, {"kg": 100}) == pytest.approx(86.8)
    assert rate.duty(1000.0, None) is None          # the quantity is missing
    assert rate.duty(None, {"kg": 100}) is None     # the value is missing


def test_qualified_quantity_and_unit_names() -> None:
    assert parse_rate("3.7¢/kg on drained weight").duty(10.0, {"kg drained weight": 50}) == pytest.approx(1.85)
    assert parse_rate("15¢/doz. + 2.5%").duty(100.0, {"doz.": 10}) == pytest.approx(4.0)
    assert parse_rate("0.9¢ each").duty(None, {"No.": 100}) == pytest.approx(0.9)


def test_free_costs_nothing_even_without_inputs() -> None:
    assert parse_rate("Free").duty(None, None) == 0.0


@pytest.mark.parametrize("text", [
    "40¢ each + 6% on the case + 14% on the strap, band or bracelet + 5.3% on the battery",
    "1.4606¢/kg less 0.020668¢/kg for each degree under 100 degrees (and fractions of a degree in proportion) but not less than 0.943854¢/kg",
    "The rate applicable to each garment in the ensemble if separately entered",
    "2.5% on the value of the lead content",
])
def test_rates_that_need_more_than_value_and_quantity(text: str) -> None:
    rate = parse_rate(text)
    assert not rate.computable and rate.detail
    assert rate.duty(1000.0, {"kg": 1, "No.": 1}) is None


@pytest.mark.parametrize("text", ["", "   ", "twelve percent", "5 dollars", "%", "¢/kg"])
def test_unreadable_text_raises(text: str) -> None:
    with pytest.raises(ValueError):
        parse_rate(text)


def test_every_general_rate_of_the_shipped_list_parses() -> None:
    with MFN.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    assert len(rows) > 10000
    parsed = [parse_rate(r["general"]) for r in rows]
    assert all(isinstance(p, ParsedRate) for p in parsed)
    assert sum(p.computable for p in parsed) > 0.98 * len(parsed)  # the rest: watch parts, sugar degrees, references


@given(st.decimals(min_value=0, max_value=500, places=2, allow_nan=False, allow_infinity=False),
       st.floats(min_value=0, max_value=1e7, allow_nan=False))
def test_ad_valorem_duty_is_value_times_rate(pct, value) -> None:
    rate = parse_rate(f"{pct}%")
    assert rate.ad_valorem_percent == pytest.approx(float(pct))
    assert rate.duty(value, None) == pytest.approx(value * float(pct) / 100, rel=1e-9, abs=1e-6)


@given(st.integers(min_value=1, max_value=99999), st.sampled_from(["kg", "liter", "doz.", "pr.", "gross", "t"]),
       st.floats(min_value=0, max_value=1e6, allow_nan=False))
def test_specific_duty_is_amount_times_quantity(cents, unit, qty) -> None:
    rate = parse_rate(f"{cents / 100}¢/{unit}")
    part = rate.specific[0]
    assert part.amount_usd == pytest.approx(cents / 10000)
    assert rate.duty(None, {part.unit: qty}) == pytest.approx(qty * cents / 10000, rel=1e-9, abs=1e-6)


@pytest.mark.parametrize("unit, expected", [
    ("L", "liter"), ("litre", "liter"), ("Liters", "liter"), ("LTR", "liter"), ("ltrs", "liter"), ("PCS", "No."),
    ("pieces", "No."), ("no", "No."),
    ("KGS", "kg"), ("pairs", "pr"), ("kg drained weight", "kg drained weight"), ("pf. liter", "pf. liter"),
    ("furlongs", "furlongs"),
])
def test_catalogue_spellings_of_units_are_read_as_the_hts_writes_them(unit, expected):
    from compliance.rates import unit_name
    assert unit_name(unit) == expected


def test_a_specific_rate_finds_its_quantity_under_another_spelling():
    rate = parse_rate("6.3¢/liter")
    assert rate.duty(6000, {"L": 750}) == pytest.approx(47.25)
    assert rate.duty(6000, {"litres": 750}) == pytest.approx(47.25)
    assert rate.duty(6000, {"gallons": 750}) is None


@pytest.mark.parametrize("text, value, quantities, wanting", [
    ("6.3¢/liter", 6000, None, ["liter"]),
    ("6.3¢/liter", 6000, {"liter": 750}, []),
    ("6.8¢/kg + 8%", None, None, ["customs_value", "kg"]),
    ("2.6%", None, None, ["customs_value"]),
    ("Free", None, None, []),
])
def test_what_a_rate_lacks_to_give_a_duty(text, value, quantities, wanting):
    assert parse_rate(text).wanting(value, quantities) == wanting


def test_an_unknown_mfn_duty_says_what_would_make_it_known(engine):
    import datetime as dt
    wine = {"sku": "W", "hts": "2204.21.5005", "origin": "FR", "customs_value": 6000}
    line = engine.evaluate(wine, dt.date(2025, 6, 1)).tariffs[0]
    assert line.duty is None
    assert line.to_dict("en")["notes"] == [
        "The duty needs the quantity in liter (quantities: {liter: ...} in a profile, a qty:liter column in a "
        "catalogue, --quantity liter=... for compliance tariffs)."]
    assert line.to_dict("zh")["notes"][0].startswith("计算关税需要以 liter 计的数量（档案中填写 quantities: {liter: ...}")
    known = engine.evaluate({**wine, "quantities": {"liter": 750}}, dt.date(2025, 6, 1)).tariffs[0]
    assert known.duty == 47.25 and known.to_dict("en")["notes"] == []
    router = engine.evaluate({"sku": "R", "hts": "8517.62.0090", "origin": "CN"}, dt.date(2025, 6, 1)).tariffs[0]
    assert router.rate_text == "Free" and router.to_dict("en")["notes"] == []
