"""Restricted-party and forced-labour screening: names against entity lists, places in addresses.

Public API::

    from compliance.screening import Screener, Gazetteer, Match, PlaceHit

    screener = Screener.from_rows("uflpa-entities", rows)      # rows: dicts of a list file
    screener.match("Hoshine Silicon Industry Co Ltd", country="CN", min_score=80)
    gazetteer = Gazetteer.from_rows("xinjiang-places", rows)
    gazetteer.find("新疆阿克苏地区阿克苏市")                       # PlaceHit(place='Aksu', ...)

Modules: :mod:`.normalize` (folding names), :mod:`.terms` (legal forms, generic and place
words), :mod:`.scoring` (one name against another), :mod:`.entities` (:class:`Screener`),
:mod:`.places` (:class:`Gazetteer`), :mod:`.listfile` (reading list files), :mod:`.csl`
(importing the trade.gov Consolidated Screening List). Depends on rapidfuzz only.
"""

from .csl import import_csl
from .entities import Match, Screener
from .listfile import ListFileError, load_list_rows
from .places import Gazetteer, PlaceHit
from .scoring import STRONG_MATCH, WEAK_MATCH

__all__ = [
    "Gazetteer",
    "ListFileError",
    "Match",
    "PlaceHit",
    "STRONG_MATCH",
    "Screener",
    "WEAK_MATCH",
    "import_csl",
    "load_list_rows",
]
