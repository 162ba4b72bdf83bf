#!/usr/bin/env python3
"""Rebuild the tariff reference lists of the US pack from the shared reference data.

Standard library only. Reads (relative to ``--data``, by default ``../shared/data`` next to
the repository):

- ``hts-chapter99/chapter99_2026_rev_6.txt``: the USITC text of chapter 99 (2026 Revision 6),
  whose U.S. notes 16, 20, 31, 33, 37, 38 and 39 enumerate the products of the Section 301
  and Section 232 measures;
- ``hts/htsdata_2025_april.csv``: the USITC HTS export (2025), for the statistical reporting
  numbers under each subheading and the General (column 1) rates of duty;
- ``section232/*.csv|txt``: the Budget Lab lists of the 2025 Section 232 regime (2025
  derivative annexes and copper), whose U.S. notes the 2026 text no longer prints.

and writes CSV lists with the ``#`` header of docs/rule-language.md into ``--out`` (by
default ``rules/lists``). The output is deterministic: running it twice gives the same bytes.

Usage: python scripts/build_tariff_lists.py [--data DIR] [--out DIR] [--check]
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "rules" / "lists"

HTS_URL = "https://hts.usitc.gov/"
CH99_SOURCE = "Harmonized Tariff Schedule of the United States (2026) Revision 6, chapter 99, subchapter III"
CH99_EDITION = "2026-04-23"
HTS_SOURCE = "Harmonized Tariff Schedule of the United States (2025), USITC export, General rate of duty"
HTS_EDITION = "2025-04"
BUDGET_LAB = ("Budget Lab at Yale, tariff-rate-tracker (commit 8315fffd), from the proclamation annexes "
              "and HTS chapter 99 U.S. notes 16, 19 and 36 of 2025")

REVIEW = "89 FR 76581"
USTR_REVIEW = "prior and new rates per USTR's four-year review table, 89 FR 76581; 7.5% is the List 4A rate"

# Products of U.S. note 31 (four-year review) that bore a note 20 duty until their note 31 heading began. The
# 2026 text no longer prints them in note 20, so the rows are dated: the product is on its former list up to
# the day before the move. Each row: (HTS, former heading, last day on the former list, why). A prior rate of
# 7.5% can only be List 4A (9903.88.15); the U.S. note 31 start dates are those of the headings.
FORMER_LIST_ROWS: list[tuple[str, str, str, str]] = [
    ("85079040", "9903.88.15", "2024-09-26", "battery parts (non-lithium-ion batteries): 7.5% before, 25% under "
     "9903.91.01 from 2024-09-27"),
    ("8507600010", "9903.88.15", "2024-09-26", "lithium-ion electric vehicle batteries: 7.5% before, 25% under "
     "9903.91.01 from 2024-09-27"),
    ("8507600020", "9903.88.15", "2025-12-31", "lithium-ion non-electric-vehicle batteries: 7.5% before, 25% under "
     "9903.91.06 from 2026-01-01"),
    ("6307909842", "9903.88.15", "2024-09-26", "N95 respirators: 7.5% before, 25% under 9903.91.01 from 2024-09-27"),
    ("6307909844", "9903.88.15", "2024-09-26", "N95 respirators: 7.5% before, 25% under 9903.91.01 from 2024-09-27"),
    ("6307909850", "9903.88.15", "2024-09-26", "other respirators: 7.5% before, 25% under 9903.91.01 from 2024-09-27"),
    ("6307909875", "9903.88.15", "2024-09-26", "face masks: 7.5% before, 25% under 9903.91.01 from 2024-09-27"),
    ("6307909870", "9903.88.15", "2024-12-31", "disposable textile face masks: 7.5% before, 25% under 9903.91.04 "
     "from 2025-01-01"),
    ("40151210", "9903.88.15", "2024-12-31", "rubber medical and surgical gloves: 7.5% before, 50% from 2025-01-01"),
]
# Numbers (1)-(4) of note 31(b), deleted from 9903.91.01 when 9903.91.06/.07 took over on 2026-01-01 (the 2026
# text prints "Numbers (1) through (4) have been deleted. See 89 Fed. Reg. 76581"): respirators and face masks
# and lithium-ion EV batteries, 25% from 2024-09-27, the only 25% heading of that date.
NOTE31B_DELETED = [("6307909842", "N95 respirators"), ("6307909844", "N95 respirators"),
                   ("6307909850", "other respirators"), ("6307909875", "face masks"),
                   ("8507600010", "lithium-ion electric vehicle batteries")]
NOTE31B_DELETED_WINDOW = ("2024-09-27", "2025-12-31")
NOTE20_LISTS = {"9903.88.01": "s301-list1", "9903.88.02": "s301-list2", "9903.88.03": "s301-list3",
                "9903.88.15": "s301-list4a"}
DATED = ("hts", "from", "to", "description")

# A code of the tariff schedule as printed in the notes: 7601, 7302.10, 7216.10.00, 7216.91.0010
CODE = re.compile(r"(?<![\d.])(\d{4}(?:\.\d{2}(?:\.\d{2}(?:\d{2})?)?)?)(?![\d.])")
# a code may end a sentence ("... or 6307.90.9875."): a following period is not part of it
DOTTED = re.compile(r"(?<![\d.])(\d{4}\.\d{2}(?:\.\d{2}(?:\d{2})?)?)(?!\d|\.\d)")
TEN = re.compile(r"(?<![\d.])(\d{4}\.\d{2}\.\d{4})(?!\d|\.\d)")
NOISE = re.compile(r"Harmonized Tariff Schedule of the United States|Annotated for Statistical|"
                   r"^\s*XXII\s*$|^\s*99 - III - \d+\s*$|^\s*XXII\s+99 - III|Compiler's note")
LABEL = re.compile(r"U\.S\. Notes \(con\.\)|\((?:[ivx]+|[a-z])\)\s+(?:Articles|Derivative)[a-z ]*:|"
                   r"^\s*\(\d+\)|^\s*[ivx]+\)")


class BuildError(Exception):
    """The shared data does not have the shape this script expects."""


def digits(code: str) -> str:
    return code.replace(".", "")


@dataclass
class Ch99:
    """The chapter 99 text, as lines, with helpers to cut a note subdivision out of it."""

    lines: list[str]

    @classmethod
    def read(cls, path: Path) -> "Ch99":
        text = path.read_bytes().decode("latin-1")
        # soft hyphens stand for dashes in ranges (9903.82.02\xad9903.82.19)
        text = text.replace("\xad", "-").replace("\r\n", "\n")
        return cls(text.split("\n"))

    def find(self, pattern: str, start: int = 0) -> int:
        rx = re.compile(pattern)
        for i in range(start, len(self.lines)):
            if rx.search(self.lines[i]):
                return i
        raise BuildError(f"chapter 99 text: no line matches {pattern!r} after line {start + 1}")

    def span(self, start: str, end: str, after: int = 0) -> tuple[int, int]:
        a = self.find(start, after)
        return a, self.find(end, a + 1)

    def list_codes(self, a: int, b: int) -> list[str]:
        """Codes printed as a table (lines holding only codes and labels) in lines [a, b)."""
        out: list[str] = []
        for line in self.lines[a:b]:
            if NOISE.search(line):
                continue
            rest = LABEL.sub(" ", line)
            codes = CODE.findall(rest)
            if codes and not CODE.sub(" ", rest).strip():
                out.extend(digits(c) for c in codes)
        return _unique(out)

    def prose_codes(self, a: int, b: int, pattern: re.Pattern[str] = DOTTED) -> list[str]:
        """Dotted codes anywhere in lines [a, b), chapter 99 headings left out."""
        out = []
        for line in self.lines[a:b]:
            if NOISE.search(line):
                continue
            out.extend(digits(c) for c in pattern.findall(line) if not c.startswith("99"))
        return _unique(out)

    def text(self, a: int, b: int) -> str:
        return "\n".join(line for line in self.lines[a:b] if not NOISE.search(line))


def _unique(codes: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for c in codes:
        if c not in seen:
            seen.add(c)
            out.append(c)
    return out


@dataclass
class Hts:
    """The HTS export: statistical numbers under each subheading, and General rates."""

    rows: list[tuple[str, str, str, str]] = field(default_factory=list)  # digits, indent, general, units

    @classmethod
    def read(cls, path: Path) -> "Hts":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            next(reader)
            rows = [(digits(r[0]), r[1], r[4].strip(), r[3].strip()) for r in reader if r and r[0]]
        return cls(rows)

    def stat_numbers(self, sub8: str) -> list[str]:
        return sorted({d for d, _, _, _ in self.rows if len(d) == 10 and d.startswith(sub8)})


@dataclass
class Partial:
    """A subheading covered except for some statistical reporting numbers."""

    subheading: str
    excepted: list[str]


def partial_items(text: str) -> list[Partial]:
    """Items such as '2. Machines ... provided for in [subheading] 8517.62.00, except for such
    machines provided for in statistical reporting number 8517.62.0090;'."""
    items = re.split(r"\n\s*\d+\.\s+", "\n" + text)
    out = []
    for item in items:
        item = " ".join(item.split())
        m = re.search(r"provided for in (?:\[subheading\] |subheading )?(\d{4}\.\d{2}\.\d{2})(?![\d.])", item)
        if not m or "except" not in item:
            continue
        excepted = [digits(c) for c in TEN.findall(item)]
        out.append(Partial(digits(m.group(1)), excepted))
    return out


@dataclass
class Output:
    """One list file to write."""

    name: str
    description: str
    rows: list[dict[str, str]]
    columns: tuple[str, ...] = ("hts", "description")
    source: str = CH99_SOURCE
    edition: str = CH99_EDITION
    url: str = HTS_URL

    def render(self) -> str:
        buf = io.StringIO()
        for key, value in (("source", self.source), ("url", self.url), ("edition", self.edition),
                           ("description", self.description)):
            buf.write(f"# {key}: {' '.join(value.split())}\n")
        writer = csv.DictWriter(buf, fieldnames=list(self.columns), lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for row in self.rows:
            writer.writerow({c: row.get(c, "") for c in self.columns})
        return buf.getvalue()


def hts_rows(codes: list[str], note: str = "") -> list[dict[str, str]]:
    return [{"hts": c, "description": note} for c in sorted(set(codes))]


class Builder:
    """Cuts every list out of the shared data."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.ch99 = Ch99.read(data / "hts-chapter99" / "chapter99_2026_rev_6.txt")
        self.hts = Hts.read(data / "hts" / "htsdata_2025_april.csv")
        self.warnings: list[str] = []

    # ---------------------------------------------------------------- Section 301
    def expand_partial(self, partials: list[Partial], label: str) -> list[dict[str, str]]:
        rows = []
        for p in partials:
            stats = self.hts.stat_numbers(p.subheading)
            missing = [e for e in p.excepted if e not in stats]
            if missing:
                self.warnings.append(f"{label}: {p.subheading} excepts {', '.join(missing)}, "
                                     "absent from the 2025 HTS; its other numbers are listed")
            if not stats:
                raise BuildError(f"{label}: no statistical numbers under {p.subheading} in the HTS file")
            for s in stats:
                if s not in p.excepted:
                    rows.append({"hts": s, "description": f"{p.subheading} except "
                                 + " ".join(p.excepted)})
        return rows

    def section301(self) -> list[Output]:
        c = self.ch99
        note20 = c.find(r"^20\. \(a\)\s+For the purposes of heading 9903\.88\.01")
        l1 = c.list_codes(*c.span(r"^\(b\) Heading 9903\.88\.01 applies", r"^\(c\) For the purposes of heading 9903\.88\.02", note20))
        l2 = c.list_codes(*c.span(r"^\(d\) Heading 9903\.88\.02 applies", r"^\(e\) For the purposes of heading 9903\.88\.03", note20))
        l3 = c.list_codes(*c.span(r"^\(f\) Heading 9903\.88\.03 applies", r"^\(g\) For the purposes of heading 9903\.88\.04", note20))
        g = c.span(r"^\(g\) For the purposes of heading 9903\.88\.04", r"^\(h\) The U\.S\. Trade Representative", note20)
        l3p = partial_items(c.text(g[0] + 1, g[1]))
        s = c.find(r"^\(s\) Heading 9903\.88\.15 applies to:", note20)
        s_i = c.find(r"^\(i\) all products of China that are classified in the following 8-digit", s)
        s_ii = c.find(r"^\(ii\) the following products of China:", s_i)
        t = c.find(r"^\(t\) For the purposes of heading 9903\.88\.16", s_ii)
        l4a = c.list_codes(s_i + 1, s_ii)
        l4ap = partial_items(c.text(s_ii + 1, t))
        for name, codes, size in (("list 1", l1, 700), ("list 2", l2, 200), ("list 3", l3, 5000), ("list 4A", l4a, 2500)):
            if len(codes) < size or any(len(x) != 8 for x in codes):
                raise BuildError(f"note 20 {name}: {len(codes)} codes, expected 8-digit codes, at least {size}")
        if len(l3p) != 11 or len(l4ap) != 5:
            raise BuildError(f"note 20(g)/(s)(ii): {len(l3p)} and {len(l4ap)} partial items, expected 11 and 5")

        partial_subs = sorted({p.subheading for p in l3p + l4ap})
        for sub in partial_subs:  # a partial subheading must not also be listed whole
            for name, codes in (("3", l3), ("4A", l4a)):
                if sub in codes:
                    raise BuildError(f"{sub} is both partial and whole in list {name}")
        l3p_rows = self.expand_partial(l3p, "note 20(g)")
        l4ap_rows = self.expand_partial(l4ap, "note 20(s)(ii)")
        split_stats = sorted({s for sub in partial_subs for s in self.hts.stat_numbers(sub)})

        out = [
            Output("s301-list1", "Section 301 List 1: products of China in the 8-digit subheadings of U.S. note 20(b), "
                   "heading 9903.88.01 (+25% from 2018-07-06)", hts_rows(l1)),
            Output("s301-list2", "Section 301 List 2: products of China in the 8-digit subheadings of U.S. note 20(d), "
                   "heading 9903.88.02 (+25% from 2018-08-23)", hts_rows(l2)),
            Output("s301-list3", "Section 301 List 3: products of China in the 8-digit subheadings of U.S. note 20(f), "
                   "heading 9903.88.03 (+10% from 2018-09-24, +25% from 2019-05-10)", hts_rows(l3)),
            Output("s301-list3-partial", "Section 301 List 3, partly covered subheadings: the statistical reporting "
                   "numbers of the 11 subheadings of U.S. note 20(g) other than the numbers the note excepts, heading "
                   "9903.88.04 (+25%); 10-digit numbers from the 2025 HTS", l3p_rows),
            Output("s301-list4a", "Section 301 List 4A: products of China in the 8-digit subheadings of U.S. note "
                   "20(s)(i), plus the statistical reporting numbers of the 5 partly covered subheadings of note "
                   "20(s)(ii) other than those it excepts, heading 9903.88.15 (+15% from 2019-09-01, +7.5% from "
                   "2020-02-14); 10-digit numbers from the 2025 HTS",
                   hts_rows(l4a) + l4ap_rows),
            Output("s301-split-subheadings", "Subheadings that U.S. notes 20(g) and 20(s)(ii) split between Section 301 "
                   "lists by statistical reporting number: the 10-digit number decides the heading",
                   hts_rows(partial_subs)),
            Output("s301-split-stat-numbers", "Every statistical reporting number (2025 HTS) under the subheadings that "
                   "U.S. notes 20(g) and 20(s)(ii) split between Section 301 lists",
                   hts_rows(split_stats)),
        ]
        review = self.four_year_review()
        self.date_moved_products(out, review, note20)
        out += review
        out += self.exclusions(note20)
        return out

    def former_headings(self, note20: int) -> dict[str, dict[str, str]]:
        """Statistical numbers that the product exclusions of note 20 (most expired, still printed) name under a
        single list heading: proof that the number was on that list. {number: {heading: subdivision}}."""
        c = self.ch99
        end = c.find(r"^\(21\) \(a\)|^21\. \(a\)", note20)
        sub = re.compile(r"^\(([a-z]{1,4})\)\s")
        starts = [i for i in range(note20, end) if sub.match(c.lines[i])]
        out: dict[str, dict[str, str]] = {}
        for k, i in enumerate(starts):
            j = starts[k + 1] if k + 1 < len(starts) else end
            head = " ".join(" ".join(c.lines[i:i + 10]).split())
            heads = set(re.findall(r"(?:duties|duty) (?:provided for|imposed) (?:in|by) headings? (9903\.88\.\d\d)",
                                   head))
            if len(heads) != 1 or "exclu" not in head:
                continue
            heading = heads.pop()
            name = sub.match(c.lines[i]).group(1)
            for code in c.prose_codes(i, j):
                if len(code) == 10:
                    out.setdefault(code, {})[heading] = name
        return out

    def date_moved_products(self, lists: list[Output], review: list[Output], note20: int) -> None:
        """Give the products that moved from note 20 to note 31 their former list up to the day before the move."""
        by_name = {o.name: o for o in lists + review}
        evidence = self.former_headings(note20)
        curated = {code for code, _, _, _ in FORMER_LIST_ROWS}
        rows: list[tuple[str, str, str, str]] = []
        for code, heading, last, why in FORMER_LIST_ROWS:
            seen = {h for n, hs in evidence.items() if n.startswith(code) for h in hs}
            if seen and seen != {heading}:
                raise BuildError(f"{code}: note 20 exclusions name it under {sorted(seen)}, not {heading}")
            rows.append((code, heading, last, f"{why} ({USTR_REVIEW})"))
        for code, start in sorted(self.n31_start.items()):
            if any(code.startswith(x) or x.startswith(code) for x in curated):
                continue
            found = {h: s for n, hs in evidence.items() if n.startswith(code) for h, s in hs.items()
                     if h in NOTE20_LISTS}
            if len(found) > 1:
                raise BuildError(f"{code}: note 20 exclusions name it under {sorted(found)}")
            if found:
                heading, subdivision = next(iter(found.items()))
                rows.append((code, heading, _day_before(start),
                             f"moved to U.S. note 31 on {start}; an exclusion of U.S. note 20({subdivision}) names it "
                             f"under {heading}"))
        touched: list[Output] = []
        for code, heading, last, why in sorted(rows):
            target = by_name[NOTE20_LISTS[heading]]
            if code in {r["hts"] for r in target.rows}:
                raise BuildError(f"{code} is still printed in {target.name}; it cannot also be dated")
            if target.columns != DATED:
                target.columns = DATED
                target.description += (". Products moved to the four-year review (U.S. note 31, " + REVIEW +
                                       ") are kept, at the end, with the last day they were on this list (column `to`).")
                touched.append(target)
            target.rows.append({"hts": code, "from": "", "to": last, "description": f"until {last}: {why}"})
        b = by_name["s301-9903-91-01"]
        for code, what in NOTE31B_DELETED:
            if code in {r["hts"] for r in b.rows}:
                raise BuildError(f"{code} is printed in note 31(b); expected it among the deleted numbers (1)-(4)")
            b.columns = DATED
            b.rows.append({"hts": code, "from": NOTE31B_DELETED_WINDOW[0], "to": NOTE31B_DELETED_WINDOW[1],
                           "description": f"{what}: number (1)-(4) of note 31(b), deleted from 2026-01-01 "
                                          f"({REVIEW}); 9903.91.06 or 9903.91.07 from then on"})
        b.description += (". Numbers (1)-(4), deleted from 2026-01-01, are kept with their dates "
                          f"({NOTE31B_DELETED_WINDOW[0]} to {NOTE31B_DELETED_WINDOW[1]}).")
        dup = [o.name for o in by_name.values() if len({r["hts"] for r in o.rows}) != len(o.rows)]
        if dup:
            raise BuildError(f"duplicate HTS rows in {dup}")

    def four_year_review(self) -> list[Output]:
        c = self.ch99
        n31 = c.find(r"^31\. \(a\)\s+As provided in headings 9903\.91\.01")
        subs = [
            ("b", r"^\(b\) Heading 9903\.91\.01 applies", r"^\(c\) Heading 9903\.91\.02 applies", "9903.91.01", "+25% from 2024-09-27"),
            ("c", r"^\(c\) Heading 9903\.91\.02 applies", r"^\(d\) Heading 9903\.91\.03 applies", "9903.91.02", "+50% from 2024-09-27"),
            ("d", r"^\(d\) Heading 9903\.91\.03 applies", r"^\(e\) Heading 9903\.91\.04 applies", "9903.91.03", "+100% from 2024-09-27"),
            ("e", r"^\(e\) Heading 9903\.91\.04 applies", r"^\(f\)\s*$", "9903.91.04", "+25% from 2025-01-01 to 2025-12-31"),
            ("f", r"^\s*\(i\) Heading 9903\.91\.05 applies", r"^\(ii\) The additional rate of duty under heading 9903\.91\.05", "9903.91.05", "+50% from 2025-01-01"),
            ("g", r"^\(g\) Heading 9903\.91\.06 applies", r"^\(h\) Heading 9903\.91\.07 applies", "9903.91.06", "+25% from 2026-01-01"),
            ("h", r"^\(h\) Heading 9903\.91\.07 applies", r"^\(i\) Heading 9903\.91\.08 applies", "9903.91.07", "+50% from 2026-01-01"),
            ("i", r"^\(i\) Heading 9903\.91\.08 applies", r"^\(j\) Heading 9903\.91\.11 applies", "9903.91.08", "+100% from 2026-01-01"),
            ("j", r"^\(j\) Heading 9903\.91\.11 applies", r"^\(k\)\s*$", "9903.91.11", "+25% from 2025-01-01"),
        ]
        begins = {"b": "2024-09-27", "c": "2024-09-27", "d": "2024-09-27", "e": "2025-01-01", "f": "2025-01-01",
                  "j": "2025-01-01", "g": "2026-01-01", "h": "2026-01-01", "i": "2026-01-01"}
        self.n31_start: dict[str, str] = {}
        out = []
        for sub, start, end, heading, rate in subs:
            a, b = c.span(start, end, n31)
            codes = c.prose_codes(a, b)
            if begins[sub] not in c.text(a, b).replace("September 27, 2024", "2024-09-27") \
                    .replace("January 1, 2025", "2025-01-01").replace("January 1, 2026", "2026-01-01"):
                raise BuildError(f"note 31({sub}): start date {begins[sub]} not found in the text")
            if sub == "b":
                codes = _unique(codes + c.list_codes(a, b))
            if not codes:
                raise BuildError(f"note 31({sub}): no codes")
            for code in codes:
                self.n31_start[code] = min(self.n31_start.get(code, begins[sub]), begins[sub])
            out.append(Output(f"s301-9903-91-{heading[-2:]}",
                              f"Section 301 four-year review (89 FR 76581): products of China in U.S. note 31({sub}), "
                              f"heading {heading} ({rate}); 8-digit subheadings and 10-digit statistical numbers",
                              hts_rows(codes)))
        return out

    def exclusions(self, note20: int) -> list[Output]:
        c = self.ch99
        vvv = c.find(r"^\(vvv\)\s+\(i\) The U\.S\. Trade Representative", note20)
        www = c.find(r"^\(www\) The U\.S\. Trade Representative", vvv)
        end = c.find(r"^\(21\) \(a\)|^21\. \(a\)", www)
        ii = c.find(r"^\(ii\) The U\.S\. Trade Representative", vvv)
        iii = c.find(r"^\(iii\) The U\.S\. Trade Representative", ii)
        iv = c.find(r"^\(iv\) The U\.S\. Trade Representative", iii)
        parts = [("list1", vvv, ii, "9903.88.01", "20(vvv)(i)"), ("list2", ii, iii, "9903.88.02", "20(vvv)(ii)"),
                 ("list3", iii, iv, "9903.88.03 and 9903.88.04", "20(vvv)(iii)"),
                 ("list4a", iv, www, "9903.88.15", "20(vvv)(iv)")]
        out = []
        for name, a, b, heading, note in parts:
            codes = [x for x in c.prose_codes(a, b) if len(x) >= 8]
            out.append(Output(f"s301-excl-9903-88-69-{name}",
                              f"Section 301 product exclusions of U.S. note {note} (heading 9903.88.69, entries "
                              f"2024-06-15 through 2026-11-09) from the duties of {heading}: the statistical numbers "
                              "named in the exclusions; an exclusion covers only the product it describes",
                              hts_rows(codes)))
        codes = [x for x in c.prose_codes(www, end) if len(x) >= 8]
        out.append(Output("s301-excl-9903-88-70",
                          "Section 301 product exclusions of U.S. note 20(www) (heading 9903.88.70, entries 2024-01-01 "
                          "through 2026-11-09) from the duties of 9903.88.02: solar wafer and cell manufacturing "
                          "equipment; the statistical numbers named in the exclusions", hts_rows(codes)))
        return out

    # ---------------------------------------------------------------- Section 232
    def section232(self) -> list[Output]:
        c = self.ch99
        n16 = c.find(r"^16\. \(a\)\s+Except as provided in headings 9903\.85\.67")
        cc = c.find(r"^\(c\) Headings 9903\.82\.02-9903\.82\.19 apply to the full customs value", n16)
        vi = c.find(r"^\(vi\) Derivative aluminum articles:", cc)
        ix = c.find(r"^\(ix\) Derivative aluminum articles:", vi)
        d = c.find(r"^\(d\) Headings 9903\.82\.04 and 9903\.82\.05", ix)
        tier50 = c.list_codes(cc, vi)
        tier25 = c.list_codes(vi, ix)
        floor = c.list_codes(ix, d)
        a_i = c.find(r"\(i\) Articles of aluminum:", cc)
        a_ii = c.find(r"\(ii\) Derivative aluminum articles:", a_i)
        alu_articles = c.list_codes(a_i, a_ii)
        s_iii = c.find(r"\(iii\) Articles of steel:", a_ii)
        s_end = next(i for i in range(s_iii, d) if NOISE.search(c.lines[i]))
        steel_articles = c.list_codes(s_iii, s_end)
        if alu_articles[:2] != ["7601", "7604"] or steel_articles[0] != "7206" or steel_articles[-1] != "7306":
            raise BuildError("note 16(c)(i)/(iii): unexpected articles lists "
                             f"{alu_articles[:3]} / {steel_articles[:1]}..{steel_articles[-1:]}")
        steel_deriv = sorted({x for x in tier50 + tier25 + floor if x.startswith("73")} - set(steel_articles))

        def excl(xs: list[str], *others: list[str]) -> list[str]:
            # a provision on two tiers would make 9903.82.02/.09 overlap; the headings are mutually exclusive
            for o in others:
                both = sorted(set(xs) & set(o))
                if both:
                    self.warnings.append(f"note 16(c): {', '.join(both)} on two tiers")
            return xs

        out = [
            Output("s232-steel-articles", "Section 232 articles of steel: U.S. note 16(c)(iii) (2026); the same provisions "
                   "as the steel articles of 2018 (heading 9903.80.01) and 2025 (9903.81.87)", hts_rows(steel_articles)),
            Output("s232-aluminum-articles", "Section 232 articles of aluminum: U.S. note 16(c)(i) (2026); the same "
                   "provisions as the aluminum articles of 2018 (9903.85.01) and 2025 (9903.85.02)", hts_rows(alu_articles)),
            Output("s232-metals-2026-tier50", "Section 232 metals from 2026-04-06, U.S. note 16(c)(i)-(v): articles of "
                   "aluminum, of steel and of copper and derivative aluminum and steel articles, heading 9903.82.02 (+50% "
                   "of the full value)", hts_rows(excl(tier50, tier25, floor))),
            Output("s232-metals-2026-tier25", "Section 232 metals from 2026-04-06, U.S. note 16(c)(vi)-(viii): derivative "
                   "aluminum and steel articles and articles of copper, heading 9903.82.09 (+25% of the full value)",
                   hts_rows(excl(tier25, floor))),
            Output("s232-metals-2026-floor", "Section 232 metals from 2026-04-06, U.S. note 16(c)(ix)-(x): derivative "
                   "aluminum and steel articles, headings 9903.82.10 (column 1 rate plus the additional duty total 15%) "
                   "and 9903.82.11 (no additional duty when the column 1 rate is 15% or more)", hts_rows(floor)),
            Output("s232-steel-deriv-2025-ch73", "APPROXIMATION for the 2025 regime: derivative steel articles of chapter 73 "
                   "(headings 9903.81.89 and 9903.81.90, full value) taken from the chapter 73 provisions of U.S. note "
                   "16(c)(iv), (vii) and (x) of 2026; the 2025 note 16(l)/(m) lists themselves are not in the shared data",
                   hts_rows(steel_deriv)),
        ]
        out += self.budget_lab_232()
        out += self.vehicles_wood_semis()
        return out

    def budget_lab_232(self) -> list[Output]:
        base = self.data / "section232"
        with (base / "s232_derivative_products.csv").open(encoding="utf-8", newline="") as fh:
            deriv = list(csv.DictReader(fh))
        with (base / "s232_copper_products.csv").open(encoding="utf-8", newline="") as fh:
            copper = [r["hts10"] for r in csv.DictReader(fh)]

        def pick(code: str, dated: bool | None) -> list[str]:
            return [r["hts_prefix"] for r in deriv if r["ch99_code"] in code.split("|")
                    and (dated is None or bool(r["effective_date"]) == dated)]

        src = BUDGET_LAB
        return [
            Output("s232-aluminum-deriv-2025-full", "Section 232 derivative aluminum articles of the 2025 regime assessed "
                   "on the full value: headings 9903.85.04 (note 19(i)) and 9903.85.07 (note 19(j))",
                   hts_rows(pick("9903.85.04|9903.85.07", None)), source=src, edition="2025-08-18"),
            Output("s232-aluminum-deriv-2025-content", "Section 232 derivative aluminum articles of March 2025 assessed on "
                   "the aluminum content: heading 9903.85.08 (note 19(k))", hts_rows(pick("9903.85.08", False)),
                   source=src, edition="2025-03-12"),
            Output("s232-aluminum-deriv-2025-08-content", "Section 232 derivative aluminum articles added from 2025-08-18 "
                   "(inclusions process), assessed on the aluminum content: heading 9903.85.08",
                   hts_rows(pick("9903.85.08", True)), source=src, edition="2025-08-18"),
            Output("s232-steel-deriv-2025-08-content", "Section 232 derivative steel articles outside chapter 73 added from "
                   "2025-08-18 (inclusions process), assessed on the steel content: heading 9903.81.91",
                   hts_rows(pick("9903.81.91", True)), source=src, edition="2025-08-18"),
            Output("s232-copper-2025", "Section 232 semi-finished copper and intensive copper derivative products, heading "
                   "9903.78.01 (+50% of the copper content, 2025-08-01 to 2026-04-05; note 36, since deleted)",
                   hts_rows(copper), source=src, edition="2025-08-01"),
        ]

    def vehicles_wood_semis(self) -> list[Output]:
        c = self.ch99
        n33 = c.find(r"^33\. \(a\)\s+Except as provided for in headings 9903\.94\.02")
        autos = c.list_codes(*c.span(r"^\(b\) The rates of duty set forth in headings 9903\.94\.01", r"^\(c\) Heading 9903\.94\.02 applies", n33))
        parts = c.list_codes(*c.span(r"^\(g\) Subject to a manufacturer's import adjustment", r"^\(h\) Heading 9903\.94\.06 applies", n33))
        n37 = c.find(r"^37\.\s*$", n33)
        lumber = c.list_codes(*c.span(r"^\(b\) The rates of duty set forth in heading 9903\.76\.01", r"^\(c\) Heading 9903\.76\.02", n37))
        uph = c.list_codes(*c.span(r"^\(d\) The rates of duty set forth in headings 9903\.76\.02", r"^\(e\) Except for as provided by 9903\.76\.04", n37))
        cab = c.list_codes(*c.span(r"^\(f\) Except for as provided by 9903\.76\.04, the rates", r"^\(g\) Heading 9903\.76\.04 applies", n37))
        n38 = c.find(r"^38\.\s*$", n37)
        mhd = c.list_codes(*c.span(r"^\s*\(b\) The rate of duty set forth in heading 9903\.74\.01", r"^\s*\(c\) Heading 9903\.74\.02 applies", n38))
        bus = c.list_codes(*c.span(r"^\s*\(c\) Heading 9903\.74\.02 applies", r"^\(d\) Heading 9903\.74\.03 applies", n38))
        mhdp = c.list_codes(*c.span(r"^\(i\) The rates of duty set forth in heading 9903\.74\.08", r"^\(j\) Heading 9903\.74\.09 applies", n38))
        n39 = c.find(r"^39\.\s*$", n38)
        semi = c.list_codes(*c.span(r"^\s*\(b\) For the purposes of this note, \"semiconductor articles\"", r"^\s*To be included within the definition", n39))
        for name, codes, size in (("autos", autos, 15), ("auto parts", parts, 120), ("lumber", lumber, 15),
                                  ("upholstered", uph, 4), ("cabinets", cab, 3), ("mhd", mhd, 20),
                                  ("buses", bus, 10), ("mhd parts", mhdp, 40), ("semis", semi, 3)):
            if len(codes) < size:
                raise BuildError(f"chapter 99 {name}: {len(codes)} codes, expected at least {size}")
        return [
            Output("s232-autos", "Section 232 passenger vehicles and light trucks: U.S. note 33(b), heading 9903.94.01 "
                   "(+25% from 2025-04-03)", hts_rows(autos)),
            Output("s232-auto-parts", "Section 232 automobile parts: U.S. note 33(g), heading 9903.94.05 (+25% from "
                   "2025-05-03) when the article is a part of a passenger vehicle or light truck", hts_rows(parts)),
            Output("s232-lumber", "Section 232 softwood timber and lumber: U.S. note 37(b), heading 9903.76.01 (+10% from "
                   "2025-10-14)", hts_rows(lumber)),
            Output("s232-upholstered-furniture", "Section 232 upholstered wooden furniture: U.S. note 37(d), heading "
                   "9903.76.02 (+25% from 2025-10-14)", hts_rows(uph)),
            Output("s232-kitchen-cabinets", "Section 232 kitchen cabinets, vanities and their parts: U.S. note 37(f), "
                   "heading 9903.76.03 (+25% from 2025-10-14); other than wooden ones: 9903.76.04", hts_rows(cab)),
            Output("s232-mhd-vehicles", "Section 232 medium- and heavy-duty vehicles: U.S. note 38(b), heading 9903.74.01 "
                   "(+25% from 2025-11-01)", hts_rows(mhd)),
            Output("s232-buses", "Section 232 buses: U.S. note 38(c), heading 9903.74.02 (+10% from 2025-11-01)",
                   hts_rows(bus)),
            Output("s232-mhd-parts", "Section 232 parts of medium- and heavy-duty vehicles: U.S. note 38(i), heading "
                   "9903.74.08 (+25% from 2025-11-01) when the article is such a part", hts_rows(mhdp)),
            Output("s232-semiconductors", "Section 232 semiconductor articles: the provisions of U.S. note 39(b), heading "
                   "9903.79.01 (+25% from 2026-01-15) for logic ICs meeting the note's performance parameters",
                   hts_rows(semi)),
        ]

    # ---------------------------------------------------------------- MFN
    def mfn(self) -> Output:
        """General rates at 8 digits; a 10-digit row only where its rate differs from its subheading's."""
        by8: dict[str, list[tuple[str, str, str]]] = {}
        for d, _, general, units in self.hts.rows:
            if len(d) not in (8, 10) or not d[:2].isdigit() or int(d[:2]) > 97:
                continue
            by8.setdefault(d[:8], []).append((d, general, units))
        rows = []
        for sub in sorted(by8):
            group = by8[sub]
            own = next((g for d, g, _ in group if d == sub), "")
            tens = [(d, g, u) for d, g, u in group if len(d) == 10]
            if not own:
                rated = [g for _, g, _ in tens if g]
                if not rated:
                    continue
                own = rated[0]
            units = sorted({u for _, _, u in tens if u}) or [next((u for d, _, u in group if d == sub), "")]
            rows.append({"hts": sub, "general": own, "unit": _units(units[0]) if len(units) == 1 else ""})
            for d, g, u in tens:
                if g and g != own:
                    rows.append({"hts": d, "general": g, "unit": _units(u)})
        return Output("mfn-rates", "General (column 1) rates of duty of chapters 1-97 at the 8-digit subheading; a "
                      "10-digit row only where its rate differs (a 10-digit number otherwise takes its subheading's "
                      "rate); unit is the unit of quantity when all statistical numbers share it",
                      rows, columns=("hts", "general", "unit"), source=HTS_SOURCE, edition=HTS_EDITION)

    # ---------------------------------------------------------------- IEEPA and Section 122
    def ieepa(self) -> list[Output]:
        c = self.ch99
        a = c.find(r"^\s*\(a\) As provided for in heading 9903\.01\.32, the additional duties")
        annex2 = c.list_codes(a, c.find(r"^\(b\) As provided in heading 9903\.02\.78", a))
        b = c.find(r"^\(ii\) As provided in heading 9903\.03\.03, the additional duty imposed by heading 9903\.03\.01")
        s122 = c.list_codes(b, c.find(r"^\(iii\) As provided in heading 9903\.03\.04", b))
        if len(annex2) < 1000 or len(s122) < 1000:
            raise BuildError(f"note 2(v)(iii)(a) / 2(aa)(ii): {len(annex2)} / {len(s122)} codes, expected over 1000")
        return [
            Output("ieepa-annex2", "IEEPA reciprocal tariff exceptions (Annex II of Executive Order 14257 as amended): the "
                   "subheadings of U.S. note 2(v)(iii)(a), heading 9903.01.32, as the 2026 text prints them (later "
                   "additions, such as those of November 2025, included)", hts_rows(annex2)),
            Output("ieepa-annex2-s122", "Section 122 surcharge exceptions (Annex II of the Proclamation of 2026-02-20, "
                   "successor of the IEEPA Annex II): the subheadings of U.S. note 2(aa)(ii), heading 9903.03.03",
                   hts_rows(s122)),
        ]

    def build(self) -> list[Output]:
        return self.section301() + self.section232() + self.ieepa() + [self.mfn()]


def _day_before(iso: str) -> str:
    import datetime as dt
    return (dt.date.fromisoformat(iso) - dt.timedelta(days=1)).isoformat()


def _units(raw: str) -> str:
    """'["No.","kg"]' -> 'No.;kg'."""
    return ";".join(re.findall(r'"([^"]+)"', raw)) if raw.startswith("[") else raw


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the lists")
    ap.add_argument("--check", action="store_true", help="compare with --out instead of writing; exit 1 on a difference")
    args = ap.parse_args(argv)
    try:
        builder = Builder(args.data)
        outputs = builder.build()
    except (BuildError, OSError) as exc:
        print(f"build_tariff_lists: {exc}", file=sys.stderr)
        return 2
    for w in builder.warnings:
        print(f"warning: {w}", file=sys.stderr)
    differ = []
    args.out.mkdir(parents=True, exist_ok=True)
    for o in outputs:
        path = args.out / f"{o.name}.csv"
        text = o.render()
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                differ.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
    if args.check and differ:
        print("differs: " + ", ".join(differ), file=sys.stderr)
        return 1
    print(f"{'checked' if args.check else 'wrote'} {len(outputs)} lists in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
