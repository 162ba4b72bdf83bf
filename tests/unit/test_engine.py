"""The engine over a small fixture pack: three values, windows, exemptions, stacking, index."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import compliance

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-pack"
D = dt.date


@pytest.fixture(scope="module")
def mini() -> compliance.Engine:
    return compliance.Engine.load([MINI], include_default=False)


def ev(engine, as_of=D(2025, 6, 1), **profile):
    profile.setdefault("origin", "CN")
    return engine.evaluate(profile, as_of, explain=True)


def test_applies_with_reasons(mini):
    cl = ev(mini, hts="8517.62.0090", facts={"has_radio_transmitter": True})
    item = cl.item("T-RADIO")
    assert item.status == "applies"
    texts = item.to_dict()["because"]
    assert "HTS 8517.62.0090 is on list demo-list (entry 8517.62.00)" in texts
    assert any("has_radio_transmitter = true" in t for t in texts)


def test_unknown_fact_is_needs_info_with_question(mini):
    cl = ev(mini, hts="8517.62.0090")
    item = cl.item("T-RADIO")
    assert item.status == "needs_info"
    assert item.missing == ["has_radio_transmitter"]
    q = {q.fact: q for q in cl.questions}["has_radio_transmitter"]
    assert q.asked_by == ["T-RADIO"]
    assert q.to_dict("zh")["question"] == "是否含有无线电发射装置？"


def test_false_fact_gives_no_item(mini):
    cl = ev(mini, hts="8517.62.0090", facts={"has_radio_transmitter": False})
    assert cl.item("T-RADIO") is None
    assert any(c.rule_id == "T-RADIO" and c.outcome == "not_applicable" for c in cl.considered)


def test_index_keeps_unrelated_rules_away(mini):
    cl = ev(mini, hts="0101.21.0010")
    considered = {c.rule_id for c in cl.considered}
    assert "T-RADIO" not in considered and "T-DEVICE" not in considered
    assert "T-MARKING" in considered


def test_effective_window(mini):
    assert ev(mini, hts="0101.21.0010", as_of=D(2024, 12, 31)).item("T-NEW") is None
    assert ev(mini, hts="0101.21.0010", as_of=D(2025, 1, 1)).item("T-NEW") is not None
    assert ev(mini, hts="0101.21.0010", as_of=D(2025, 12, 31)).item("T-NEW") is not None
    assert ev(mini, hts="0101.21.0010", as_of=D(2026, 1, 1)).item("T-NEW") is None


def test_rate_timeline(mini):
    def rate(day):
        cl = ev(mini, hts="8517.62.0090", as_of=day, facts={"has_radio_transmitter": True})
        return {t.heading: t.rate_percent for t in cl.tariffs}.get("9903.88.03")
    assert rate(D(2018, 9, 23)) is None
    assert rate(D(2018, 9, 24)) == 10
    assert rate(D(2019, 5, 9)) == 10
    assert rate(D(2019, 5, 10)) == 25


def test_exemption_lifts_and_is_explained(mini):
    cl = ev(mini, hts="9018.19.0000", facts={"device_class": "2", "has_exclusion": True})
    assert cl.item("T-DEVICE") is None
    exempt = [c for c in cl.considered if c.rule_id == "T-DEVICE"][0]
    assert exempt.outcome == "exempt"


def test_unknown_exemption_is_asked_but_rule_applies(mini):
    cl = ev(mini, hts="9018.19.0000", facts={"device_class": "3"})
    assert cl.item("T-DEVICE").status == "applies"
    q = {q.fact: q for q in cl.questions}["has_exclusion"]
    assert q.purpose == "exemption"


def test_content_based_stacking(mini):
    cl = ev(mini, hts="9018.19.0000", as_of=D(2025, 7, 1), customs_value=1000, facts={"device_class": "1"},
            materials=[{"name": "Steel", "content_value": 300}])
    lines = {t.heading: t for t in cl.tariffs}
    assert lines["9903.81.91"].assessed_value == 300
    assert lines["9903.81.91"].duty == 150
    # the reciprocal duty yields to the steel measure on the steel content only
    assert lines["9903.01.25"].assessed_value == 700
    assert lines["9903.01.25"].duty == 70
    assert lines["9903.88.03"].duty == 250  # 301 stacks on the full value
    assert cl.total_duty == 470


def test_missing_content_value_is_asked(mini):
    cl = ev(mini, hts="9018.19.0000", as_of=D(2025, 7, 1), customs_value=1000, facts={"device_class": "1"})
    assert "material:steel:content_value" in [q.fact for q in cl.questions]
    assert cl.total_duty is None


def test_undeclared_fact_in_profile_is_input_error(mini, tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text("hts: '8517.62.0090'\norigin: CN\nfacts:\n  has_radio: true\n")
    profile = compliance.load_profiles(f)[0]
    with pytest.raises(compliance.InputError) as err:
        mini.evaluate(profile)
    assert str(err.value).startswith(f"{f}:4:3: facts.has_radio: undeclared fact")


def test_wrong_enum_value_names_line(mini, tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text("hts: '9018.19.0000'\norigin: CN\nfacts:\n  device_class: 4\n")
    with pytest.raises(compliance.InputError) as err:
        mini.evaluate(compliance.load_profiles(f)[0])
    assert ":4:" in str(err.value) and "expected one of 1, 2, 3" in str(err.value)


def test_json_is_deterministic(mini):
    p = {"hts": "8517.62.0090", "origin": "CN", "customs_value": 100, "facts": {"has_radio_transmitter": True}}
    a = json.dumps(mini.evaluate(p, D(2025, 6, 1)).to_dict(), ensure_ascii=False)
    b = json.dumps(compliance.Engine.load([MINI], include_default=False)
                   .evaluate(p, D(2025, 6, 1)).to_dict(), ensure_ascii=False)
    assert a == b


def test_chinese_rendering(mini):
    cl = ev(mini, hts="8517.62.0090", facts={"has_radio_transmitter": True})
    d = cl.item("T-RADIO").to_dict("zh")
    assert d["title"] == "无线电设备须获授权"
    assert d["documents"][1] == {"any_of": ["测试报告", "声明"]}


def test_evaluate_many_is_lazy(mini):
    def gen():
        yield {"hts": "8517.62.0090", "origin": "CN"}
        raise AssertionError("consumed too far")
    it = mini.evaluate_many(gen(), D(2025, 6, 1))
    assert next(it).item("T-RADIO") is not None


def test_tariff_timeline(mini):
    tl = mini.tariff_timeline({"hts": "8517.62.0090", "origin": "CN"}, D(2018, 1, 1), D(2026, 6, 1))
    days = [d for d, _ in tl]
    assert D(2018, 9, 24) in days and D(2019, 5, 10) in days and D(2025, 5, 14) in days
    assert D(2026, 2, 24) in days


def test_a_tariff_timeline_takes_dates_as_text_and_refuses_a_profile_that_is_no_mapping(mini):
    import compliance
    tl = mini.tariff_timeline({"hts": "8517.62.0090", "origin": "CN"}, "2018-01-01", "2026-06-01")
    assert [d for d, _ in tl] == [d for d, _ in mini.tariff_timeline({"hts": "8517.62.0090", "origin": "CN"},
                                                                      D(2018, 1, 1), D(2026, 6, 1))]
    with pytest.raises(compliance.InputError, match="a profile is a mapping"):
        mini.tariff_timeline(42, D(2018, 1, 1), D(2026, 6, 1))
    with pytest.raises(compliance.InputError, match="end: expected a date"):
        mini.tariff_timeline({"hts": "8517.62.0090", "origin": "CN"}, D(2018, 1, 1), "June")


def test_folded_chinese_text_has_no_artificial_spaces():
    from compliance.model.common import Text
    folded = Text(en="x", zh="CBP 只有在已备案单次或年度\n保证金后才会放行。须符合 ACE 要求")
    assert folded.zh == "CBP 只有在已备案单次或年度保证金后才会放行。须符合 ACE 要求"
