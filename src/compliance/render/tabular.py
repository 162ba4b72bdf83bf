"""CSV: one row per item and per tariff line, for spreadsheets."""

from __future__ import annotations

import csv
import io
from typing import IO, Sequence

COLUMNS = ["sku", "hts", "origin", "as_of", "rules_version", "row_type", "rule_id", "agency", "severity",
           "status", "title", "citations", "program", "heading", "rate_percent", "rate_text", "basis",
           "assessed_value", "duty", "missing_facts", "rule_status", "override"]


def to_csv(docs: Sequence[dict], lang: str) -> str:
    buf = io.StringIO()
    writer = CsvRows(buf)
    writer.header()
    for doc in docs:
        writer.write(rows(doc))
    return buf.getvalue()


class CsvRows:
    """Writes rows as CSV lines ending in ``\\n``.

    The csv module quotes a cell for the characters of its own line end only: a cell holding a
    bare carriage return (an SKU from an old system, say) would be written unquoted, and CSV
    readers would cut the row there. Such rows are written by a writer whose lines end in
    ``\\r\\n``, which quotes them, and given back their ``\\n``."""

    # the cells that can hold free text: the product's SKU, and a pack's titles and reasons
    _FREE = ("sku", "title", "override")

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self._lf = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        self._spare = io.StringIO()
        self._crlf = csv.DictWriter(self._spare, fieldnames=COLUMNS, lineterminator="\r\n")

    def header(self) -> None:
        self._lf.writeheader()

    def write(self, rows: list[dict]) -> None:
        for row in rows:
            if any(type(v) is str and "\r" in v for v in map(row.get, self._FREE)):
                self._spare.seek(0)
                self._spare.truncate(0)
                self._crlf.writerow(row)
                self.out.write(self._spare.getvalue()[:-2] + "\n")
            else:
                self._lf.writerow(row)


def rows(doc: dict) -> list[dict]:
    base = {"sku": doc["product"]["sku"], "hts": doc["product"]["hts"], "origin": doc["product"]["origin"],
            "as_of": doc["as_of"], "rules_version": doc["rules_version"]}
    out = []
    for item in doc["items"]:
        out.append({**base, "row_type": "item", "rule_id": item["rule_id"], "agency": item["agency"],
                    "severity": item["severity"], "status": item["status"], "title": item["title"],
                    "citations": "; ".join(item["citations"]),
                    "missing_facts": "; ".join(item.get("missing_facts", [])),
                    "rule_status": item.get("rule_status", ""), "override": item.get("override") or ""})
    for line in doc["tariffs"]:
        out.append({**base, "row_type": "tariff", "rule_id": line["rule_id"] or "", "title": line["title"] or "",
                    "citations": "; ".join(line["citations"]), "program": line["program"],
                    "heading": line["heading"], "rate_percent": line["rate_percent"],
                    "rate_text": line.get("rate_text") or "",
                    "basis": line["basis"], "assessed_value": line["assessed_value"], "duty": line["duty"],
                    "rule_status": line.get("rule_status", "") if line["rule_id"] else ""})
    for o in doc.get("overridden", []):
        out.append({**base, "row_type": "overridden", "rule_id": o["rule_id"], "agency": o["agency"],
                    "severity": o["severity"], "status": o["would_be"], "title": o["title"],
                    "rule_status": o.get("rule_status", ""), "override": f"{o['pack']}: {o['reason']}"})
    return out
