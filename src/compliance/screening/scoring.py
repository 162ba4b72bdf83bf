"""Scoring one name against one name of a list entry (0-100), with the reasons for the score.

Scores and what they mean (see docs/screening.md):

* 100 ``exact``: the same text, ignoring case and spacing.
* 98 ``normalized``: the same name once punctuation and the legal form are removed
  ("HOSHINE SILICON INDUSTRY (SHANSHAN) CO LTD" = "Hoshine Silicon Industry (Shanshan) Co., Ltd").
* 95 ``normalized``: the same name once a place prefix is also set aside on one side
  ("Zhongtai Chemical" = "Xinjiang Zhongtai Chemical Co., Ltd."), if what is left identifies.
* up to 96 ``fuzzy``, *subset*: every distinctive word of the entry is in the query (typos
  allowed), minus small penalties for descriptor words on one side only and for a place conflict.
* up to 97 ``fuzzy``, *whole name*: rapidfuzz ratio / token-sort ratio of the two names, for
  typos and word order, capped when the distinctive words disagree.
* ``chinese``: the same ladder on the Chinese name (``name_zh``), with containment of the
  distinctive part standing for the subset rule.

Guards against false positives: a query whose words are all generic or broad places
("China National Trading Co.", "Xinjiang Textile") is capped at 75, below the weak threshold,
unless it is nearly identical to a long entry name.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from .normalize import DISTINCTIVE, PLACE, ChineseKey, LatinKey

#: A match at or above this score is *strong*: treat the party as the listed entity.
STRONG_MATCH = 92.0
#: A match at or above this score (and below STRONG_MATCH) is *weak*: a person must review it.
WEAK_MATCH = 80.0
#: Highest score a query made only of generic words and broad places may reach.
GENERIC_CAP = 75.0
#: Highest score of a query covering most of an entry named only with common words.
GENERIC_SUBSET_MAX = 90.0
#: Two words count as the same word (a typo) at or above this rapidfuzz ratio (same first letter).
TOKEN_SAME = 85.0


@dataclass(frozen=True, slots=True)
class Score:
    """The score of one comparison, how it was reached, and why."""

    value: float
    method: str
    reasons: tuple[str, ...]


NO_MATCH = Score(0.0, "fuzzy", ())


def _word_similarity(a: str, b: str) -> float:
    """Similarity of two words, counting a typo only when the first letter agrees.

    Pinyin names differ by one letter more often than they are misspelt: "Zhongtai" and
    "Hongtai" are two companies, "Hoshine" and "Hoshien" are one.
    """
    if a == b:
        return 100.0
    if not a or not b or a[0] != b[0]:
        return 0.0
    return float(fuzz.ratio(a, b))


def _best(token: str, others: tuple[str, ...]) -> float:
    return max((_word_similarity(token, o) for o in others), default=0.0)


def score_latin(query: LatinKey, entry: LatinKey) -> Score:
    """Score a Latin-script query against one Latin-script entry name."""
    if not query.tokens or not entry.tokens:
        return NO_MATCH
    if query.key == entry.key:
        return Score(98.0, "normalized", ("same name once punctuation and legal form are removed",))
    if query.core and query.core == entry.core and _identifies(query, entry) and _places_agree(query, entry):
        return Score(95.0, "normalized", ("same name once the place prefix is set aside",))
    generic = _generic_subset(query, entry)
    candidates = [_subset(query, entry), _whole(query, entry)]
    best = max(candidates, key=lambda s: s.value)
    if generic.value >= best.value:
        return generic
    if query.weight < 1.0 and best.value > GENERIC_CAP:
        long_and_close = len(query.tokens) >= 4 and fuzz.ratio(query.key, entry.key) >= 92
        if not long_and_close:
            return Score(GENERIC_CAP, best.method,
                         best.reasons + ("capped: the query has no distinctive word",))
    return best


def _identifies(query: LatinKey, entry: LatinKey) -> bool:
    """After dropping places, is what is left specific enough to stand for the name?"""
    return bool(query.of_kind(DISTINCTIVE)) or len(query.core.split()) >= 3


def _places_agree(query: LatinKey, entry: LatinKey) -> bool:
    """One side's place words are among the other's: a prefix left out, not a different place."""
    q, e = set(query.of_kind(PLACE)), set(entry.of_kind(PLACE))
    return q <= e or e <= q


def _generic_subset(query: LatinKey, entry: LatinKey) -> Score:
    """An entry named only with shared words ("Xinjiang Nonferrous Metals Industry Group")
    and a query made of most of them: worth a review (weak), never a strong match."""
    if entry.of_kind(DISTINCTIVE) or len(query.tokens) < 2:
        return NO_MATCH
    q, e = set(query.tokens), set(entry.tokens)
    if not q <= e:
        return NO_MATCH
    coverage = len(q) / len(e)
    if coverage < 0.6:
        return NO_MATCH
    return Score(min(GENERIC_SUBSET_MAX, 80.0 + 15.0 * coverage), "fuzzy",
                 (f"query words all in an entry named with common words ({len(q)} of {len(e)})",))


def _subset(query: LatinKey, entry: LatinKey) -> Score:
    """Every distinctive word of the entry appears in the query (the query may abbreviate)."""
    wanted = entry.of_kind(DISTINCTIVE)
    if not wanted:
        return NO_MATCH
    q_all = query.tokens
    sims = [_best(t, q_all) for t in wanted]
    if min(sims) < TOKEN_SAME:
        return NO_MATCH
    value = min(96.0, sum(sims) / len(sims))
    reasons = [f"distinctive words of the entry found in the query: {', '.join(wanted)}"]
    extra_distinct = [t for t in query.of_kind(DISTINCTIVE) if _best(t, entry.tokens) < TOKEN_SAME]
    if extra_distinct:
        value -= 8.0 * len(extra_distinct)
        reasons.append(f"query words not in the entry: {', '.join(extra_distinct)}")
    extra_generic = list(dict.fromkeys(t for t in query.descriptors() if t not in entry.tokens))
    missing_generic = list(dict.fromkeys(t for t in entry.descriptors() if t not in query.tokens))
    if extra_generic:
        value -= 3.0 * len(extra_generic)
        reasons.append(f"descriptor words only in the query: {', '.join(extra_generic)}")
    if missing_generic:
        value -= 2.0 * min(len(missing_generic), 3)
        reasons.append(f"descriptor words only in the entry: {', '.join(missing_generic)}")
    q_places, e_places = set(query.of_kind(PLACE)), set(entry.of_kind(PLACE))
    if q_places and e_places and not q_places & e_places:
        value -= 6.0
        reasons.append(f"different places: {', '.join(sorted(q_places))} / {', '.join(sorted(e_places))}")
    return Score(max(value, 0.0), "fuzzy", tuple(reasons))


def _whole(query: LatinKey, entry: LatinKey) -> Score:
    """Similarity of the two whole names (typos, word order)."""
    value = max(fuzz.ratio(query.key, entry.key), fuzz.token_sort_ratio(query.key, entry.key))
    value = min(97.0, float(value))
    reasons = [f"whole-name similarity {value:.0f}"]
    q_d, e_d = query.of_kind(DISTINCTIVE), entry.of_kind(DISTINCTIVE)
    if q_d and e_d and max(_best(t, e_d) for t in q_d) < TOKEN_SAME:
        value = min(value, 70.0)
        reasons.append("capped: no distinctive word in common")
    return Score(value, "fuzzy", tuple(reasons))


def score_chinese(query: ChineseKey, entry: ChineseKey) -> Score:
    """Score a Chinese-script query against one Chinese entry name (method ``chinese``)."""
    if not query.full or not entry.full:
        return NO_MATCH
    if query.full == entry.full:
        return Score(98.0, "chinese", ("same Chinese name once punctuation and legal form are removed",))
    if query.core == entry.core and len(query.distinctive) >= 2:
        return Score(95.0, "chinese", ("same Chinese name once the province prefix is set aside",))
    q_d, e_d = query.distinctive, entry.distinctive
    if len(q_d) < 2:
        value = min(float(fuzz.ratio(query.full, entry.full)), GENERIC_CAP)
        return Score(value, "chinese", ("capped: the query has no distinctive part",))
    if len(e_d) >= 2 and e_d in query.core:
        rest = q_d.replace(e_d, "", 1)  # what else the query says that identifies
        value = 95.0 - min(4.0 * len(rest), 20.0)
        reasons = [f"entry's distinctive part {e_d} found in the query"]
        if rest:
            reasons.append(f"query part not in the entry: {rest}")
        return Score(value, "chinese", tuple(reasons))
    value = float(max(fuzz.ratio(query.core, entry.core), fuzz.ratio(query.full, entry.full)))
    reasons = [f"Chinese name similarity {value:.0f}"]
    if fuzz.ratio(q_d, e_d) < 50:
        value = min(value, 70.0)
        reasons.append("capped: distinctive parts differ")
    return Score(min(value, 94.0), "chinese", tuple(reasons))
