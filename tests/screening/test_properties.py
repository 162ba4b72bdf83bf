"""Properties of name screening that hold for any input."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.screening import STRONG_MATCH, load_list_rows
from compliance.screening.normalize import latin_key
from compliance.screening.terms import BROAD_PLACE_WORDS, GENERIC_WORDS

LISTS = Path(__file__).resolve().parents[2] / "rules" / "lists"

NAMES = sorted({r["name"] for r in load_list_rows(LISTS / "uflpa-entities.csv")[1]})
SUFFIXES = ["", " Co., Ltd.", " Company Limited", " Co Ltd", " Limited", " Corp.", " Inc."]
COMMON = sorted((GENERIC_WORDS | BROAD_PLACE_WORDS) - {"a", "an", "and", "of", "the", "for", "in", "on", "at", "by", "to", "with"})
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@QUICK
@given(name=st.sampled_from(NAMES))
def test_every_listed_name_matches_itself_exactly(uflpa, name):
    top = uflpa.match(name, "CN", limit=1)[0]
    assert top.score == 100.0 and top.method == "exact"


@QUICK
@given(name=st.sampled_from(NAMES), suffix=st.sampled_from(SUFFIXES),
       case=st.sampled_from([str.upper, str.lower, str.title, lambda s: s]))
def test_case_punctuation_and_legal_form_do_not_break_a_strong_match(uflpa, name, suffix, case):
    base = name.replace(",", " ").replace(".", " ")
    query = case(base + suffix)
    found = uflpa.match(query, "CN", limit=3)
    assert found and found[0].score >= STRONG_MATCH
    assert any(latin_key(m.entry_name).key == latin_key(name).key for m in found if m.score == found[0].score)


@QUICK
@given(words=st.lists(st.sampled_from(COMMON), min_size=1, max_size=4), suffix=st.sampled_from(SUFFIXES))
def test_names_of_common_words_never_match_strongly(uflpa, words, suffix):
    query = " ".join(words).title() + suffix
    assert all(m.score < STRONG_MATCH for m in uflpa.match(query, "CN", limit=5)), query


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=60))
def test_scores_are_bounded_and_sorted_for_any_text(uflpa, text):
    found = uflpa.match(text, None, limit=10)
    scores = [m.score for m in found]
    assert all(0.0 <= s <= 100.0 for s in scores)
    assert scores == sorted(scores, reverse=True)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=80))
def test_place_finding_never_fails(xinjiang, text):
    hit = xinjiang.find(text)
    assert hit is None or (hit.place and hit.list_name == "xinjiang-places")
