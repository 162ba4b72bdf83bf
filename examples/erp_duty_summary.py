"""Duty and requirements summary per SKU, for an ERP import.

Reads a catalogue (default: examples/catalog.csv), evaluates every product and writes one
row per SKU: the total duty and the effective rate, the tariff lines, the requirements by
severity, the blocking and prohibited items, and the questions still open. Bad rows are
reported with their row number and skipped.

    python examples/erp_duty_summary.py --as-of 2025-06-01
    python examples/erp_duty_summary.py my-catalog.xlsx --as-of 2026-01-15 -o summary.csv
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

import compliance
from compliance import batch
from compliance.profile import format_hts

HERE = Path(__file__).resolve().parent
COLUMNS = ["sku", "name", "hts", "origin", "customs_value", "total_duty", "effective_rate_percent",
           "tariff_lines", "prohibited", "blocking", "required", "advisory", "must_do_before_entry",
           "open_questions"]


def summarise(checklist: compliance.Checklist) -> dict:
    p = checklist.profile
    by_severity = Counter(i.severity for i in checklist.applies)
    lines = [f"{t.heading} {t.rate_text or (f'{t.rate_percent:g}%' if t.rate_percent is not None else '?')}"
             for t in checklist.tariffs]
    rate = None
    if checklist.total_duty is not None and p.customs_value:
        rate = round(100 * checklist.total_duty / p.customs_value, 2)
    return {
        "sku": p.sku, "name": p.name, "hts": format_hts(p.hts), "origin": p.origin,
        "customs_value": p.customs_value, "total_duty": checklist.total_duty, "effective_rate_percent": rate,
        "tariff_lines": "; ".join(lines),
        "prohibited": by_severity["prohibited"], "blocking": by_severity["blocking"],
        "required": by_severity["required"], "advisory": by_severity["advisory"],
        "must_do_before_entry": "; ".join(i.rule_id for i in checklist.applies
                                          if i.severity in ("prohibited", "blocking")),
        "open_questions": "; ".join(q.fact for q in checklist.questions),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalog", nargs="?", default=str(HERE / "catalog.csv"))
    parser.add_argument("--as-of", type=dt.date.fromisoformat, help="entry date YYYY-MM-DD (default: today)")
    parser.add_argument("-o", "--output", help="CSV file to write (default: standard output)")
    args = parser.parse_args(argv)

    engine = compliance.Engine.load()
    today = dt.date.today()  # one date for every product without one, even if the run goes past midnight
    done = bad = unknown = 0
    total_value = total_duty = 0.0
    # the summary is written beside its target and renamed into place when complete, so an ERP
    # import never picks up half a file
    target = Path(args.output) if args.output else None
    try:
        out = (tempfile.NamedTemporaryFile("w", newline="", encoding="utf-8", dir=target.parent or ".",
                                           prefix=f".{target.name}.", suffix=".tmp", delete=False)
               if target else sys.stdout)
    except OSError as exc:  # a folder that does not exist or cannot be written
        raise compliance.InputError(f"cannot write the summary: {exc.strerror}", file=str(target)) from None
    try:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for item in batch.read_catalog(args.catalog):  # streamed: one product in memory at a time
            try:
                if isinstance(item, compliance.InputError):
                    raise item
                # a row can also be refused at evaluation (an answer to a fact of the wrong type)
                checklist = engine.evaluate(item, args.as_of or item.entry_date or today)
            except compliance.InputError as exc:
                print(f"skipped: {exc}", file=sys.stderr)
                bad += 1
                continue
            writer.writerow(summarise(checklist))
            done += 1
            if checklist.total_duty is None:
                unknown += 1
            else:
                total_duty += checklist.total_duty
                total_value += checklist.profile.customs_value or 0.0
        if target:
            out.close()
            umask = os.umask(0)  # readable as any new file is (an ERP import may run as another user),
            os.umask(umask)      # not owner-only as a temporary file is made
            os.chmod(out.name, 0o666 & ~umask)
            os.replace(out.name, target)
    except BaseException:
        if target:
            out.close()
            os.unlink(out.name)
        raise
    print(f"{done} SKUs, {bad} skipped; duty {total_duty:,.2f} USD on {total_value:,.2f} USD "
          f"of customs value ({unknown} with a duty that needs more information); rules {engine.rules_version}",
          file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except compliance.InputError as exc:  # the catalogue itself cannot be read
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
    except BrokenPipeError:  # piped into head: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
