"""Normalising company names and free text for comparison, in Latin and Chinese script.

Latin names are folded (Unicode compatibility form, accents removed, case folded), their
punctuation turned into spaces, their legal form (``Co., Ltd.``, ``Limited``, ``Group``...) and
alias markers (``(formerly known as ...)``, ``and subsidiaries``) removed. What is left is split
into tokens, each tagged as *distinctive*, *place* or *generic* (see :mod:`.terms`).

Chinese names are folded to half-width, their spaces and brackets removed, their legal form
(``有限公司``, ``股份有限公司``, ``集团``...) removed, and a leading province name made optional.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .terms import (BROAD_PLACE_WORDS, GENERIC_WORDS, GENERIC_ZH, LEGAL_FORMS, LEGAL_FORMS_ZH,
                    LEGAL_PHRASES, PLACE_WORDS, PROVINCES_ZH)

_OPTIONAL = PLACE_WORDS | BROAD_PLACE_WORDS

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")
#: Bracketed notes that are not part of a name: "(formerly known as ...)", "(a.k.a. ...)".
_ALIAS_NOTE = re.compile(
    r"\((?:[^()]*\b(?:formerly|also known|a\.?k\.?a|f\.?k\.?a|including|alias|name before)\b[^()]*)\)",
    re.IGNORECASE)
_SUBSIDIARIES = re.compile(r"\b(?:and|&)\s+(?:its\s+)?(?:subsidiaries|affiliates)\b.*$", re.IGNORECASE)
#: A short bracketed part of a Chinese name: a place or 集团 ("合盛硅业（鄯善）有限公司").
_ZH_BRACKETED = re.compile(r"[（(][^（）()]{1,6}[）)]")
_ZH_NOISE = re.compile(r"[\s()（）\[\]【】《》“”\"'‘’·・,，.。、:：;；\-—_/]+")

#: Token kinds, from most to least identifying.
DISTINCTIVE, PLACE, GENERIC = "distinctive", "place", "generic"


def has_cjk(text: str) -> bool:
    """True if the text contains a Chinese (CJK unified) character."""
    return bool(_CJK.search(text))


def fold(text: str) -> str:
    """Compatibility-fold, strip accents and case-fold: ``Ürümqi`` -> ``urumqi``."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.casefold()


def squash(text: str) -> str:
    """Case-fold and collapse whitespace only: the form compared for an *exact* match."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def strip_alias_notes(name: str) -> str:
    """Remove bracketed alias notes and a trailing "and subsidiaries" from a list name."""
    name = _ALIAS_NOTE.sub(" ", name)
    name = _SUBSIDIARIES.sub("", name)
    return _SPACES.sub(" ", name).strip(" ,;")


def latin_words(text: str) -> list[str]:
    """Fold a Latin-script text into lower-case alphanumeric words (``&`` becomes ``and``)."""
    folded = fold(text).replace("&", " and ")
    return [w for w in _NON_ALNUM.split(folded) if w]


def token_kind(token: str) -> str:
    """Classify one folded word as distinctive, place or generic."""
    if token in GENERIC_WORDS or token in BROAD_PLACE_WORDS:
        return GENERIC
    if token in PLACE_WORDS:
        return PLACE
    return DISTINCTIVE


@dataclass(frozen=True, slots=True)
class LatinKey:
    """A Latin name reduced for comparison.

    ``tokens`` are the words left once the legal form is removed; ``key`` joins them;
    ``core`` joins them without place words (the place prefix is optional).
    """

    tokens: tuple[str, ...]
    kinds: tuple[str, ...]

    @property
    def key(self) -> str:
        return " ".join(self.tokens)

    @property
    def core(self) -> str:
        """The name without its place words (``Xinjiang``, ``Shandong``, ``China``...)."""
        return " ".join(t for t in self.tokens if t not in _OPTIONAL)

    def descriptors(self) -> tuple[str, ...]:
        """Generic words that describe a trade (not the broad places such as ``China``)."""
        return tuple(t for t, k in zip(self.tokens, self.kinds)
                     if k == GENERIC and t not in BROAD_PLACE_WORDS)

    def of_kind(self, kind: str) -> tuple[str, ...]:
        return tuple(t for t, k in zip(self.tokens, self.kinds) if k == kind)

    @property
    def weight(self) -> float:
        """How much the name identifies: 1 per distinctive word, 0.5 per place word."""
        return sum(1.0 if k == DISTINCTIVE else 0.5 if k == PLACE else 0.0 for k in self.kinds)


def latin_key(name: str) -> LatinKey:
    """Reduce a Latin-script company name: drop notes, punctuation and legal forms."""
    words = latin_words(strip_alias_notes(name))
    text = " ".join(words)
    for phrase in LEGAL_PHRASES:
        text = re.sub(rf"\b{phrase}\b", " ", text)
    tokens = tuple(w for w in text.split() if w not in LEGAL_FORMS)
    if not tokens:  # a name made only of legal words ("Holdings Limited") keeps them
        tokens = tuple(words)
    return LatinKey(tokens, tuple(token_kind(t) for t in tokens))


@dataclass(frozen=True, slots=True)
class ChineseKey:
    """A Chinese name reduced for comparison.

    ``full`` has no spaces, brackets or legal form; ``core`` also lacks a leading province;
    ``distinctive`` lacks every province and generic descriptor (what identifies the company).
    """

    full: str
    core: str
    distinctive: str


def zh_fold(text: str) -> str:
    """Fold full-width forms to half-width and drop spaces and punctuation."""
    return _ZH_NOISE.sub("", unicodedata.normalize("NFKC", text))


def chinese_key(name: str) -> ChineseKey:
    """Reduce a Chinese company name: drop punctuation, legal forms and the province prefix.

    A short bracketed part (a place such as （鄯善）, or （集团）) is dropped as well.
    """
    text = zh_fold(_ZH_BRACKETED.sub("", unicodedata.normalize("NFKC", name)) or name)
    changed = True
    while changed:  # legal forms stack: 集团股份有限公司, （集团）有限公司
        changed = False
        for form in LEGAL_FORMS_ZH:
            if text.endswith(form) and len(text) > len(form):
                text = text[: -len(form)]
                changed = True
    full = text.replace("集团", "") if len(text.replace("集团", "")) >= 2 else text
    core = full
    for province in PROVINCES_ZH:
        if core.startswith(province) and len(core) > len(province) + 1:
            core = core[len(province):]
            break
    distinctive = core
    for word in PROVINCES_ZH + GENERIC_ZH:
        distinctive = distinctive.replace(word, "")
    return ChineseKey(full, core, distinctive)
