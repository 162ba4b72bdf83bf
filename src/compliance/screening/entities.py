"""Screening a party name against an entity list (UFLPA Entity List, FCC Covered List, CSL).

>>> s = Screener.from_rows("uflpa-entities", [
...     {"name": "Xinjiang Zhongtai Chemical Co., Ltd.", "aliases": "", "name_zh": "新疆中泰化学股份有限公司"}])
>>> [(m.entry_name, m.method, m.score) for m in s.match("XINJIANG ZHONGTAI CHEMICAL CO LTD")]
[('Xinjiang Zhongtai Chemical Co., Ltd.', 'normalized', 98.0)]
>>> s.match("中泰化学")[0].matched_field
'name_zh'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from rapidfuzz import fuzz, process

from .normalize import (DISTINCTIVE, PLACE, ChineseKey, LatinKey, chinese_key, has_cjk, latin_key,
                        squash)
from .scoring import Score, score_chinese, score_latin

#: Candidates scoring below this are never reported, whatever ``min_score`` asks.
FLOOR = 50.0
#: Points taken off when the party's country differs from the entry's country.
COUNTRY_PENALTY = 15.0
#: Countries treated as one for the country check (a PRC company's Hong Kong arm).
_GREATER_CHINA = frozenset({"CN", "HK", "MO"})
#: Above this many names, candidates are pre-selected before they are scored in full.
_PREFILTER_ABOVE = 0
_CACHE_SIZE = 20_000
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff（）()]+")
_FIELD_ORDER = {"name": 0, "alias": 1, "name_zh": 2}


@dataclass(frozen=True, slots=True)
class Match:
    """One candidate entry for a screened name, best first in :meth:`Screener.match`."""

    list_name: str
    entry_name: str
    matched_text: str
    matched_field: str  # "name" | "alias" | "name_zh"
    score: float  # 0-100
    method: str  # "exact" | "normalized" | "fuzzy" | "chinese"
    entry: Mapping[str, str]  # the list row, for citations (date_added, fr_citation, source_url...)
    reasons: tuple[str, ...] = ()  # why it matched, in plain words


@dataclass(frozen=True, slots=True)
class _Name:
    """One screenable name of an entry: its main name, an alias, or its Chinese name."""

    entry: int
    text: str
    field: str
    squashed: str
    latin: LatinKey | None
    chinese: ChineseKey | None


def split_names(value: str) -> list[str]:
    """Split a semicolon-separated list cell ("A; B;C") into names."""
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def entry_name_of(row: Mapping[str, str]) -> str:
    """The display name of a list row (``name``, else ``entity``)."""
    return (row.get("name") or row.get("entity") or "").strip()


def entry_countries(row: Mapping[str, str]) -> frozenset[str]:
    """The ISO country codes a row names in its ``country`` column (empty if none)."""
    return frozenset(c.upper() for c in re.split(r"[;,\s]+", row.get("country") or "")
                     if len(c) == 2 and c.isalpha())


@dataclass
class Screener:
    """Matches names against the rows of one entity list. Build it with :meth:`from_rows`."""

    list_name: str
    rows: list[Mapping[str, str]]
    names: list[_Name]
    _by_token: dict[str, set[int]] = field(default_factory=dict, repr=False)
    _keys: list[str] = field(default_factory=list, repr=False)
    _cache: dict[tuple[str, str | None], list[Match]] = field(default_factory=dict, repr=False)
    _scored: dict[str, list[tuple[Score, _Name]]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_rows(cls, list_name: str, rows: Sequence[Mapping[str, str]]) -> "Screener":
        """Index the rows of an entity list (columns ``name``/``entity``, ``aliases``, ``name_zh``).

        Rows whose ``kind`` is ``category`` (a product category, not a party) are skipped.
        """
        kept = [dict(r) for r in rows
                if entry_name_of(r) and (r.get("kind") or "entity").strip().lower() != "category"]
        names: list[_Name] = []
        for i, row in enumerate(kept):
            texts = [(entry_name_of(row), "name")]
            texts += [(a, "alias") for a in split_names(row.get("aliases", ""))]
            texts += [(z, "name_zh") for z in split_names(row.get("name_zh", ""))]
            for text, fld in texts:
                names.append(_make_name(i, text, fld))
        screener = cls(list_name, kept, names)
        screener._keys = [n.latin.key if n.latin else "" for n in names]
        for n, name in enumerate(names):
            if name.latin:
                for tok, kind in zip(name.latin.tokens, name.latin.kinds):
                    if kind in (DISTINCTIVE, PLACE):
                        screener._by_token.setdefault(tok, set()).add(n)
        return screener

    def __len__(self) -> int:
        return len(self.rows)

    def match(self, name: str, country: str | None = None, min_score: float = 0.0,
              limit: int = 5, *, as_of: dt.date | None = None) -> list[Match]:
        """Candidates for ``name``, best first, at or above ``min_score``, at most ``limit``.

        ``country`` (ISO alpha-2) lowers the score of entries listed in another country.
        ``as_of`` leaves out entries listed after that date (``date_added``, ``effective_date``
        or ``start_date`` of the row), so that a past entry date gets the list of its day.
        Results are cached per (name, country).
        """
        key = (name.strip(), country.upper() if country else None)
        found = self._cache.get(key)
        if found is None:
            found = self._screen(*key)
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = found
        return [m for m in found if m.score >= min_score and (as_of is None or _listed_by(m.entry, as_of))
                ][: max(limit, 0)]

    # -- internals ---------------------------------------------------------------------------

    def _screen(self, name: str, country: str | None) -> list[Match]:
        # The scores depend on the name only; the country only lowers some of them, so a name
        # seen with several countries is scored once.
        scored = self._scored.get(name)
        if scored is None:
            scored = self._score_name(name)
            if len(self._scored) >= _CACHE_SIZE:
                self._scored.clear()
            self._scored[name] = scored
        matches = [self._to_match(s, c, country) for s, c in scored]
        matches = [m for m in matches if m.score >= FLOOR]
        matches.sort(key=lambda m: (-m.score, m.entry_name, m.matched_text))
        return matches

    def _score_name(self, name: str) -> list[tuple[Score, _Name]]:
        if not name:
            return []
        squashed = squash(name)
        zh_part = "".join(_CJK_RUN.findall(name)) if has_cjk(name) else ""
        latin_part = _CJK_RUN.sub(" ", name) if zh_part else name
        q_latin = latin_key(latin_part) if latin_part.strip() else None
        q_zh = chinese_key(zh_part) if zh_part else None
        best: dict[int, tuple[Score, _Name]] = {}
        for n in self._candidates(q_latin, q_zh):
            cand = self.names[n]
            score = _score(squashed, q_latin, q_zh, cand)
            if score.value < FLOOR:
                continue
            prev = best.get(cand.entry)
            if prev is None or (score.value, -_FIELD_ORDER[cand.field]) > (
                    prev[0].value, -_FIELD_ORDER[prev[1].field]):
                best[cand.entry] = (score, cand)
        return list(best.values())

    def _candidates(self, q_latin: LatinKey | None, q_zh: ChineseKey | None) -> list[int]:
        if len(self.names) <= _PREFILTER_ABOVE:
            return list(range(len(self.names)))
        picked: set[int] = set()
        if q_latin is not None:
            for tok in q_latin.tokens:
                picked |= self._by_token.get(tok, set())
            for _, _, idx in process.extract(q_latin.key, self._keys, scorer=fuzz.WRatio, limit=25,
                                             score_cutoff=60):
                picked.add(idx)
        if q_zh is not None:
            picked |= {i for i, n in enumerate(self.names) if n.chinese is not None}
        return sorted(picked)

    def _to_match(self, score: Score, cand: _Name, country: str | None) -> Match:
        row = self.rows[cand.entry]
        value, reasons = score.value, score.reasons
        listed_in = entry_countries(row)
        if country and listed_in and country not in listed_in and not (
                country in _GREATER_CHINA and listed_in & _GREATER_CHINA):
            value -= COUNTRY_PENALTY
            reasons += (f"party in {country}, entry listed in {', '.join(sorted(listed_in))}",)
        return Match(self.list_name, entry_name_of(row), cand.text, cand.field,
                     round(max(value, 0.0), 1), score.method, row, reasons)


def _listed_by(row: Mapping[str, str], day: dt.date) -> bool:
    """True unless the row says it was listed after ``day`` (rows without a date always count)."""
    for col in ("date_added", "effective_date", "start_date"):
        value = (row.get(col) or "").strip()
        if value:
            try:
                return dt.date.fromisoformat(value[:10]) <= day
            except ValueError:
                return True
    return True


def _make_name(entry: int, text: str, fld: str) -> _Name:
    cjk = has_cjk(text)
    return _Name(entry, text, fld, squash(text),
                 None if cjk else latin_key(text), chinese_key(text) if cjk else None)


def _score(squashed: str, q_latin: LatinKey | None, q_zh: ChineseKey | None, cand: _Name) -> Score:
    if squashed == cand.squashed:
        return Score(100.0, "exact", ("identical name",))
    if cand.latin is not None and q_latin is not None:
        return score_latin(q_latin, cand.latin)
    if cand.chinese is not None and q_zh is not None:
        return score_chinese(q_zh, cand.chinese)
    return Score(0.0, "fuzzy", ())
