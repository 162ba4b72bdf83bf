"""The public names of compliance.screening, and the interface the engine relies on."""

from __future__ import annotations

import dataclasses

import compliance.screening as screening


def test_public_names_are_stable():
    assert screening.__all__ == sorted(screening.__all__)
    assert set(screening.__all__) == {"Gazetteer", "ListFileError", "Match", "PlaceHit", "STRONG_MATCH",
                                      "Screener", "WEAK_MATCH", "import_csl", "load_list_rows"}


def test_match_and_place_hit_fields():
    assert [f.name for f in dataclasses.fields(screening.Match)][:7] == [
        "list_name", "entry_name", "matched_text", "matched_field", "score", "method", "entry"]
    assert [f.name for f in dataclasses.fields(screening.PlaceHit)] == [
        "list_name", "place", "name_zh", "matched_text", "level"]
    assert screening.Match.__dataclass_params__.frozen and screening.PlaceHit.__dataclass_params__.frozen


def test_thresholds():
    assert (screening.STRONG_MATCH, screening.WEAK_MATCH) == (92.0, 80.0)
