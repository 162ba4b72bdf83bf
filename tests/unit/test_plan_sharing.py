"""Work the planner shares between products of a first pass: HTS classes worked out from the
classes of shorter prefixes, and plans shared by HTS classes and origins. Whatever is shared,
each product must get exactly the checklist of its fully explained evaluation."""

from __future__ import annotations

import bisect
import datetime as dt
import random

import compliance

ENGINE = compliance.Engine.load()
ALL_HTS = sorted({row["hts"].replace(".", "") for row in ENGINE.lists["mfn-rates"].rows
                  if len(row["hts"].replace(".", "")) in (8, 10)})
DAYS = (dt.date(2019, 6, 1), dt.date(2025, 6, 1), dt.date(2026, 9, 1))


def _bits(mask: int) -> tuple[int, ...]:
    return tuple(i for i in range(mask.bit_length()) if mask >> i & 1)


def test_a_class_from_shared_prefixes_is_the_class_worked_out_alone():
    """Classing codes one after another (prefix results kept) puts two codes in one class
    exactly when classing each on its own does, with the candidate rules of the engine."""
    engine = compliance.Engine.load()
    planner = engine._planner
    planner._index_hts_leaves()
    codes = ALL_HTS[::5] + [c[:6] for c in ALL_HTS[::50]] + ["85", "8504400010", "850440001"]
    for day in DAYS:
        shared: dict[str, tuple] = {}
        together, alone = {}, {}
        for code in codes:
            state = planner._hts_state(code, day, shared)
            assert _bits(state[1]) == engine.candidates(code), code
            together.setdefault(state[0], set()).add(code)
            alone.setdefault(planner.hts_class(code, day), set()).add(code)
        assert sorted(map(sorted, together.values())) == sorted(map(sorted, alone.values()))


def test_class_results_stay_bounded(monkeypatch):
    from compliance import planner as planner_module

    monkeypatch.setattr(planner_module, "_CACHE_LIMIT", 50)
    engine = compliance.Engine.load()
    day = dt.date(2025, 6, 1)
    for code in ALL_HTS[:400:2]:
        engine.evaluate({"hts": code, "origin": "CN"}, day)
    planner = engine._planner
    bucket = bisect.bisect_right(planner.edges, day)
    assert len(planner._class_of[bucket]) <= 50 + len(planner._leaf_lengths)


def test_codes_of_shared_headings_through_one_fresh_engine_get_their_own_checklists():
    """Neighbouring codes (same heading and subheading, so prefix classes are reused) in random
    order, from origins of every class."""
    engine = compliance.Engine.load()
    rnd = random.Random(7301)
    start = rnd.randrange(len(ALL_HTS) - 400)
    codes = ALL_HTS[start:start + 400]
    bool_facts = sorted(name for name, f in engine.facts.items() if f.type == "bool")
    for i in range(600):
        profile = {"sku": f"S{i}", "hts": rnd.choice(codes),
                   "origin": rnd.choice(["CN", "VN", "MX", "CA", "DE", "HK", "IN"]),
                   "customs_value": rnd.choice([None, 100, 2_600, 40_000]),
                   "facts": {f: rnd.random() < 0.5 for f in rnd.sample(bool_facts, rnd.randint(0, 3))}}
        if rnd.random() < 0.3:
            profile["materials"] = [{"name": "steel", "content_value": rnd.choice([None, 40])}]
        if rnd.random() < 0.5:
            profile["manufacturer"] = {"name": rnd.choice(["Acme Tools GmbH", "Hoshine Silicon Industry Co Ltd"]),
                                       "country": "CN"}
        p = compliance.Profile.model_validate(profile)
        day = rnd.choice(DAYS)
        fast = engine.evaluate(p, day).to_dict()
        full = engine.evaluate(p, day, explain=True).to_dict()
        full.pop("explanation")
        assert fast == full, profile
