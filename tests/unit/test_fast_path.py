"""The engine's fast path (plans per HTS code, origin and date; explanations on demand) gives
exactly the checklist of the fully explained evaluation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

import compliance

ROOT = Path(__file__).resolve().parents[2]
ENGINE = compliance.Engine.load()
HTS = sorted({row["hts"] for row in ENGINE.lists["mfn-rates"].rows if len(row["hts"].replace(".", "")) in (8, 10)})[::37]
BOOL_FACTS = sorted(name for name, f in ENGINE.facts.items() if f.type == "bool")


def _same(profile, day):
    fast = ENGINE.evaluate(profile, day).to_dict("zh")
    full = ENGINE.evaluate(profile, day, explain=True).to_dict("zh")
    full.pop("explanation")
    assert fast == full


def test_examples_agree():
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        for profile in compliance.load_profiles(path):
            for day in (dt.date(2019, 6, 1), dt.date(2025, 6, 1), dt.date(2026, 9, 1)):
                _same(profile, day)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hts=st.sampled_from(HTS), origin=st.sampled_from(["CN", "HK", "VN", "DE", "MX"]),
       day=st.dates(dt.date(2018, 1, 1), dt.date(2026, 12, 31)),
       facts=st.dictionaries(st.sampled_from(BOOL_FACTS), st.booleans(), max_size=4),
       value=st.one_of(st.none(), st.integers(0, 50_000)),
       steel=st.one_of(st.none(), st.integers(0, 500)),
       maker=st.sampled_from([None, "Hoshine Silicon Industry (Shanshan) Co., Ltd.", "Acme Tools GmbH"]))
def test_synthetic_products_agree(hts, origin, day, facts, value, steel, maker):
    profile = {"hts": hts, "origin": origin, "customs_value": value, "facts": facts}
    if steel is not None:
        profile["materials"] = [{"name": "steel", "content_value": steel}]
    if maker:
        profile["manufacturer"] = {"name": maker, "country": "CN", "region": "Xinjiang" if "Hoshine" in maker else None}
    _same(compliance.Profile.model_validate(profile), day)


def test_outcomes_reused_only_for_the_same_inputs():
    """Products sharing an HTS code, origin and date bucket reuse decisions only when every input
    the remaining conditions read is the same, including the entry date for party screening and
    dates inside an exemption's window."""
    base = {"hts": "9503.00.0073", "origin": "CN", "facts": {"entered_from_ftz": True, "is_childrens_product": True}}
    for day in (dt.date(2027, 1, 7), dt.date(2027, 1, 8), dt.date(2027, 1, 7), dt.date(2027, 1, 8)):
        _same(compliance.Profile.model_validate(base), day)
    maker = {"name": "Xinjiang Goens New Energy Material Technology Co., Ltd.", "country": "CN"}
    for day in (dt.date(2026, 8, 2), dt.date(2026, 8, 3), dt.date(2026, 8, 2), dt.date(2026, 8, 3)):
        _same(compliance.Profile.model_validate({"hts": "2804.61.0000", "origin": "CN", "manufacturer": maker}), day)


MAKERS = [None, "Hoshine Silicon Industry (Shanshan) Co., Ltd.", "Acme Tools GmbH", "Shenzhen Example Networks Co. Ltd.",
          "新疆大全新能源股份有限公司", "Hoshine Silcon Industry Co Ltd"]
PLACES = [None, "Urumqi, Xinjiang", "乌鲁木齐市", "Guangdong", "Aksu"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hts=st.sampled_from(HTS), origin=st.sampled_from(["CN", "VN", "MX", "CA", "IN", "TH", "DE", "JP", "GB", "HK"]),
       day=st.sampled_from([dt.date(2019, 6, 1), dt.date(2025, 3, 1), dt.date(2025, 6, 1), dt.date(2026, 9, 1)]),
       facts=st.dictionaries(st.sampled_from(BOOL_FACTS), st.booleans(), max_size=3),
       value=st.one_of(st.none(), st.sampled_from([0, 500, 800, 801, 2500, 2501, 40_000])),
       materials=st.lists(st.sampled_from(["steel", "aluminum", "copper", "cotton", "polysilicon"]), max_size=2,
                          unique=True),
       maker=st.sampled_from(MAKERS), place=st.sampled_from(PLACES), supplier=st.sampled_from(MAKERS),
       made=st.one_of(st.none(), st.dates(dt.date(2010, 1, 1), dt.date(2026, 12, 31))))
def test_products_sharing_plans_and_outcomes_agree(hts, origin, day, facts, value, materials, maker, place,
                                                   supplier, made):
    """Many products through one engine: plans are shared between HTS codes of a class and
    origins of a class, and outcomes between products the rules cannot tell apart; each must still get exactly its
    own checklist."""
    profile = {"hts": hts, "origin": origin, "customs_value": value, "facts": facts, "manufacture_date": made,
               "materials": [{"name": m, "content_value": 100} for m in materials]}
    if maker:
        profile["manufacturer"] = {"name": maker, "country": "CN", "address": place}
    if supplier:
        profile["suppliers"] = [{"name": supplier, "country": origin, "region": place}]
    _same(compliance.Profile.model_validate(profile), day)


def test_origins_share_a_plan_only_when_every_origin_predicate_treats_them_alike():
    engine = compliance.Engine.load()
    planner = engine._planner
    assert planner.origin_class("VN") == planner.origin_class("IN") == planner.origin_class("TH")
    assert len({planner.origin_class(o) for o in ("CN", "VN", "MX", "GB")}) == 4
    day = dt.date(2025, 6, 1)
    for hts in HTS[:40]:  # past the first plans, which are not shared
        for origin in ("VN", "IN", "CN", "MX"):
            engine.evaluate({"hts": hts, "origin": origin}, day)
    assert planner.plan(HTS[39], "VN", day) is planner.plan(HTS[39], "IN", day)
    assert planner.plan(HTS[39], "VN", day) is not planner.plan(HTS[39], "CN", day)


def test_an_overlay_that_switches_rules_off_gives_the_same_checklists():
    engine = compliance.Engine.load([ROOT / "examples" / "company-pack"])
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        for profile in compliance.load_profiles(path):
            for value in (100, 5_000, None):
                p = profile.model_copy(update={"customs_value": value})
                for _ in range(2):  # the second time from remembered decisions
                    fast = engine.evaluate(p, dt.date(2025, 6, 1)).to_dict()
                    full = engine.evaluate(p, dt.date(2025, 6, 1), explain=True).to_dict()
                    full.pop("explanation")
                    assert fast == full
    bond = engine.evaluate({"hts": "8517.62.0090", "origin": "CN", "customs_value": 12_000}, dt.date(2025, 6, 1))
    assert [o.rule_id for o in bond.overridden] == ["CBP-BOND"]


def test_rule_statuses_are_those_of_the_items_before_and_after_they_are_made():
    checklist = ENGINE.evaluate(compliance.load_profiles(ROOT / "examples" / "wifi-router.yaml")[0],
                                dt.date(2025, 6, 1))
    early = checklist.rule_statuses
    assert ("FCC-EQAUTH-CERT", "applies") in early
    assert early == [(i.rule_id, i.status) for i in checklist.items] == checklist.rule_statuses


def test_a_catalogue_through_one_fresh_engine_gets_each_products_own_checklist():
    """Outcomes are derived from a plan's first product by deciding again only the rules that
    read an input the two differ in (facts of every type, materials, values, parties, dates
    of manufacture); plans are shared by HTS class, origin class and identical rules. Each
    product of a varied catalogue must still get exactly its explained checklist."""
    import random

    engine = compliance.Engine.load()
    rnd = random.Random(20261123)
    facts = sorted(engine.facts.items())
    codes = HTS[:60]
    day = dt.date(2025, 6, 1)
    for i in range(1500):
        answers = {}
        for name, fact in rnd.sample(facts, rnd.randint(0, 4)):
            if fact.type == "bool":
                answers[name] = rnd.random() < 0.5
            elif fact.type == "enum":
                answers[name] = rnd.choice(fact.values)
            elif fact.type == "number":
                answers[name] = rnd.choice([0, 1, 5, 100, 10_000])
        profile = {"sku": f"S{i}", "hts": rnd.choice(codes),
                   "origin": rnd.choice(["CN", "VN", "MX", "CA", "DE", "GB", "JP", "IN"]),
                   "customs_value": rnd.choice([None, 100, 800, 801, 2_600, 40_000]), "facts": answers,
                   "materials": [{"name": m, "content_value": rnd.choice([None, 10, 400])}
                                 for m in rnd.sample(["steel", "aluminum", "copper", "cotton"], rnd.randint(0, 2))]}
        maker = rnd.choice(MAKERS)
        if maker:
            profile["manufacturer"] = {"name": maker, "country": "CN", "address": rnd.choice(PLACES)}
        if rnd.random() < 0.2:
            profile["manufacture_date"] = rnd.choice(["2012-01-01", "2024-05-01"])
        p = compliance.Profile.model_validate(profile)
        fast = engine.evaluate(p, day).to_dict()
        full = engine.evaluate(p, day, explain=True).to_dict()
        full.pop("explanation")
        assert fast == full, profile
