"""Recognising a place of a place list (e.g. ``xinjiang-places``) in free text such as an address.

A place list has the columns ``name_en``, ``name_zh``, ``pinyin``, ``aliases`` (semicolon-
separated spellings, Latin or Chinese), ``level`` and ``code``, and optionally
``needs_context``: spellings that are also the names of places elsewhere ("Aksu" is a town in
Turkey and in Kazakhstan, "Bole" a district of Addis Ababa). Such a spelling counts only when
the text also points to China (China, PRC, a Chinese province, Xinjiang, a Chinese
character...), when the text is nothing but the place name (a ``region:`` field), or when the
caller says the party is in China (``country="CN"``).

Chinese names are found as substrings; Latin spellings as whole words, ignoring case and
accents ("Ürümqi" = "Urumqi"). A spelling inside a longer one that also matched is set aside ("Aksu" inside
"Aksu Prefecture"); of the places left, the most specific wins (a county before its
prefecture, a prefecture before the region).

>>> g = Gazetteer.from_rows("xinjiang-places", [{"name_en": "Kashgar", "name_zh": "喀什市",
...     "pinyin": "Kashi Shi", "aliases": "Kashi; 喀什", "level": "county-city", "code": "653101"}])
>>> g.find("No. 8 Renmin Road, Kashgar, Xinjiang").place
'Kashgar'
>>> g.find("新疆喀什市人民东路8号").matched_text
'喀什市'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from .entities import split_names
from .normalize import has_cjk, latin_words, zh_fold

#: Level order, most specific first: used to break ties between places matched alike.
LEVELS = ("district", "county", "county-city", "xpcc-city", "prefecture-city", "prefecture", "region")
#: Words that may stand beside a bare place name in a ``region`` field without making it an address.
_FILLER = frozenset("city prefecture county district region autonomous province shi xian diqu".split())
#: A place name followed by one of these is a street ("Xinjiang Road" in Qingdao, 乌鲁木齐中路 in
#: Shanghai), not the place.
_STREET_WORDS = frozenset("road rd street st avenue ave lu jie dajie dadao boulevard blvd lane alley".split())
_DIRECTION_WORDS = frozenset("middle mid north south east west zhong bei nan dong xi".split())
_ZH_STREET = re.compile(r"^[中南北东西]?(?:路|街|大街|大道|巷|道|里)")
_CHINA_CONTEXT = frozenset("""
china prc cn chinese xinjiang xuar uyghur uygur sinkiang beijing shanghai guangdong zhejiang jiangsu
shandong henan hebei fujian sichuan hubei hunan anhui jiangxi liaoning jilin heilongjiang shanxi
shaanxi gansu qinghai ningxia yunnan guizhou guangxi hainan tianjin chongqing mongolia tibet
""".split())


@dataclass(frozen=True, slots=True)
class PlaceHit:
    """A place recognised in a text."""

    list_name: str
    place: str  # canonical English name
    name_zh: str
    matched_text: str
    level: str


@dataclass(frozen=True, slots=True)
class _Spelling:
    row: int
    text: str  # as written in the list
    words: tuple[str, ...]  # folded Latin words, empty for Chinese
    zh: str  # folded Chinese, empty for Latin
    needs_context: bool


@dataclass
class Gazetteer:
    """Finds places of one place list in free text. Build it with :meth:`from_rows`."""

    list_name: str
    rows: list[Mapping[str, str]]
    spellings: list[_Spelling]
    _by_first_word: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _cache: dict[tuple[str, str | None], PlaceHit | None] = field(default_factory=dict, repr=False)

    @classmethod
    def from_rows(cls, list_name: str, rows: Sequence[Mapping[str, str]]) -> "Gazetteer":
        """Index every spelling of every row: ``name_en``, ``name_zh``, ``pinyin`` and ``aliases``."""
        kept = [dict(r) for r in rows if (r.get("name_en") or r.get("name_zh"))]
        spellings: list[_Spelling] = []
        for i, row in enumerate(kept):
            ambiguous = {tuple(latin_words(s)) for s in split_names(row.get("needs_context", ""))}
            texts = [row.get("name_en", ""), row.get("name_zh", ""), row.get("pinyin", "")]
            texts += split_names(row.get("aliases", ""))
            seen: set[str] = set()
            for text in (t.strip() for t in texts):
                if not text or text in seen:
                    continue
                seen.add(text)
                if has_cjk(text):
                    spellings.append(_Spelling(i, text, (), zh_fold(text), False))
                else:
                    words = tuple(latin_words(text))
                    if words:
                        bare = tuple(w for w in words if w not in _FILLER)
                        spellings.append(_Spelling(i, text, words, "", words in ambiguous or bare in ambiguous))
        gazetteer = cls(list_name, kept, spellings)
        for n, sp in enumerate(spellings):
            if sp.words:
                gazetteer._by_first_word.setdefault(sp.words[0], []).append(n)
        return gazetteer

    def __len__(self) -> int:
        return len(self.rows)

    def find(self, text: str, country: str | None = None) -> PlaceHit | None:
        """The place named in ``text`` (an address or a region), or None.

        ``country`` (ISO alpha-2 of the party, optional) settles ambiguous spellings: ``CN``
        admits them, another country rejects them.
        """
        if not text or not text.strip():
            return None
        key = (text, country.upper() if country else None)
        if key not in self._cache:
            if len(self._cache) > 10_000:
                self._cache.clear()
            self._cache[key] = self._find(text, key[1])
        return self._cache[key]

    def _find(self, text: str, country: str | None) -> PlaceHit | None:
        # Each hit: (script, start, end, row, spelling). A hit inside a longer one is dropped
        # ("Aksu" inside "Aksu Prefecture"); of the rest, the most specific place wins.
        hits: list[tuple[str, int, int, int, str]] = []
        if has_cjk(text):
            folded = zh_fold(text)
            for sp in self.spellings:
                start = folded.find(sp.zh) if sp.zh else -1
                while start >= 0:
                    end = start + len(sp.zh)
                    if not _ZH_STREET.match(folded[end:]):
                        hits.append(("zh", start, end, sp.row, sp.text))
                        break
                    start = folded.find(sp.zh, end)
        words = latin_words(text)
        if words:
            latin_hits: list[tuple[bool, tuple[str, int, int, int, str]]] = []
            for i, word in enumerate(words):
                for n in self._by_first_word.get(word, ()):
                    sp = self.spellings[n]
                    if tuple(words[i:i + len(sp.words)]) != sp.words or _is_street(words, i + len(sp.words)):
                        continue
                    latin_hits.append((sp.needs_context, ("latin", i, i + len(sp.words), sp.row, sp.text)))
            # A spelling that also names places elsewhere counts only with a sign of China:
            # a word such as China or Xinjiang, Chinese characters, another (unambiguous) place
            # of the list, the party's country, or a text that is only the place name.
            context = bool(hits) or any(not amb for amb, _ in latin_hits) or \
                self._has_context(text, words, country)
            hits += [h for amb, h in latin_hits if context or not amb]
        outer = [h for h in hits if not any(
            o is not h and o[0] == h[0] and o[1] <= h[1] and h[2] <= o[2] and (o[2] - o[1]) > (h[2] - h[1])
            for o in hits)]
        if not outer:
            return None
        _, _, _, row_index, matched = min(
            outer, key=lambda h: (_rank(self.rows[h[3]]), -(h[2] - h[1]), h[0], h[1], h[4]))
        row = self.rows[row_index]
        return PlaceHit(self.list_name, row.get("name_en", "") or row.get("name_zh", ""),
                        row.get("name_zh", ""), matched, row.get("level", ""))

    def _has_context(self, text: str, words: list[str], country: str | None) -> bool:
        if country:
            return country in ("CN",)
        if has_cjk(text) or _CHINA_CONTEXT.intersection(words):
            return True
        if re.search(r"\bP\.?\s?R\.?\s?C\b", text):
            return True
        rest = tuple(w for w in words if w not in _FILLER)
        return any(rest == tuple(w for w in sp.words if w not in _FILLER)
                   for sp in self.spellings if sp.needs_context)


def _is_street(words: list[str], after: int) -> bool:
    """True if the words from ``after`` on make the place name a street name."""
    nxt = words[after:after + 2]
    if not nxt:
        return False
    return nxt[0] in _STREET_WORDS or (
        nxt[0] in _DIRECTION_WORDS and len(nxt) > 1 and nxt[1] in _STREET_WORDS)


def _rank(row: Mapping[str, str]) -> int:
    level = (row.get("level") or "").strip()
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)
