"""Properties: a catalogue run agrees with evaluating its products one by one; explaining a
checklist only adds the explanation; and the template JSON encoding of batch runs gives
exactly the plain encoding, over random products and the bundled pack."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from batch_helpers import write_csv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import compliance
from compliance import batch
from compliance.batch.fastjson import ChecklistEncoder, dumps
from compliance.profile import profile_from_data

MINI_CODES = ["8517.62.0090", "9018.90.8000", "0101.21.0010", "8471.30.0100", "9018.31.0040", "12345"]
ORIGINS = ["CN", "VN", "MX", "HK", "DE", "ZZ"]
DAYS = [dt.date(2019, 1, 1), dt.date(2019, 6, 1), dt.date(2025, 6, 1), dt.date(2025, 6, 10), dt.date(2026, 6, 1)]

cells = st.fixed_dictionaries({
    "hts": st.sampled_from(MINI_CODES),
    "origin": st.sampled_from(ORIGINS),
    "customs_value": st.one_of(st.just(""), st.integers(0, 100_000).map(str), st.just("n/a")),
    "fact:has_radio_transmitter": st.sampled_from(["", "true", "false", "yes", "maybe"]),
    "fact:device_class": st.sampled_from(["", "1", "2", "3", "4"]),
    "fact:has_exclusion": st.sampled_from(["", "true", "false"]),
    "material:steel": st.one_of(st.just(""), st.just("x"), st.integers(0, 5000).map(str)),
})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(cells, min_size=1, max_size=12), day=st.sampled_from(DAYS))
def test_batch_agrees_with_single_evaluation(mini, rows, day):
    rows = [{"sku": f"S{i}", **r} for i, r in enumerate(rows)]
    with tempfile.TemporaryDirectory() as tmp:
        cat = write_csv(Path(tmp) / "c.csv", rows)
        out = Path(tmp) / "o.jsonl"
        summary = batch.run(mini, cat, out, as_of=day)
        got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        errors = [json.loads(x) for x in (Path(tmp) / "o.jsonl.errors.jsonl").read_text().splitlines()]
        want, bad_rows = [], []
        for i, item in enumerate(batch.read_catalog(cat)):
            try:
                if isinstance(item, compliance.InputError):
                    raise item
                want.append(mini.evaluate(item, day).to_dict())
            except compliance.InputError:
                bad_rows.append(i + 2)
    assert got == want
    assert [e["row"] for e in errors] == bad_rows
    assert summary.products + summary.errors == len(rows)


def _bundled_products():
    """Random products over codes the bundled pack's rules name, and its declared facts."""
    engine = compliance.Engine.load()
    prefixes = sorted({p for c in engine.rules if c.guard for p in c.guard})
    facts = sorted(engine.facts.items())

    def code(prefix: str, tail: str) -> str:
        digits = (prefix + tail)[:10]
        return digits if len(digits) == 10 else digits.ljust(10, "0")

    def answer(fact):
        if fact.type == "bool":
            return st.booleans()
        if fact.type == "enum":
            return st.sampled_from(list(fact.values))
        if fact.type == "number":
            return st.integers(0, 500)
        if fact.type == "date":
            return st.dates(dt.date(2015, 1, 1), dt.date(2027, 1, 1))
        return st.text(min_size=1, max_size=5)

    fact_answers = st.lists(st.sampled_from(facts), max_size=8, unique_by=lambda f: f[0]).flatmap(
        lambda chosen: st.fixed_dictionaries({name: answer(f) for name, f in chosen}))
    party = st.fixed_dictionaries({"name": st.sampled_from(["Example Trading Co.", "Hotan Example Textiles",
                                                            "Example Widgets Ltd"]),
                                   "country": st.sampled_from(["CN", "VN", "US"]),
                                   "region": st.sampled_from(["Guangdong", "Xinjiang", "Hanoi"])})
    material = st.fixed_dictionaries({"name": st.sampled_from(["steel", "aluminum", "copper", "cotton", "wood"]),
                                      "content_value": st.one_of(st.none(), st.integers(0, 3000))})
    product = st.fixed_dictionaries(
        {"hts": st.builds(code, st.sampled_from(prefixes), st.text("0123456789", min_size=10, max_size=10)),
         "origin": st.sampled_from(["CN", "HK", "VN", "MX", "CA", "DE", "IN", "JP", "BR"])},
        optional={"customs_value": st.integers(0, 50_000), "facts": fact_answers,
                  "manufacturer": party, "suppliers": st.lists(party, max_size=2),
                  "materials": st.lists(material, max_size=3)})
    return engine, product


_ENGINE, _PRODUCT = _bundled_products()


@settings(max_examples=150, deadline=None)
@given(data=_PRODUCT, day=st.dates(dt.date(2018, 1, 1), dt.date(2026, 12, 31)))
def test_explanation_only_adds_to_the_checklist(data, day):
    profile = profile_from_data(data)
    fast = _ENGINE.evaluate(profile, day).to_dict()
    full = _ENGINE.evaluate(profile, day, explain=True).to_dict()
    full.pop("explanation")
    assert fast == full


@settings(max_examples=100, deadline=None)
@given(data=_PRODUCT, day=st.dates(dt.date(2018, 1, 1), dt.date(2026, 12, 31)), lang=st.sampled_from(["en", "zh"]))
def test_template_encoding_is_the_plain_encoding(data, day, lang):
    checklist = _ENGINE.evaluate(profile_from_data(data), day)
    assert ChecklistEncoder(verify_every=10**9)._fast(checklist, lang) == dumps(checklist.to_dict(lang))
