"""CSV: one row per item and per tariff line, for spreadsheets."""

from __future__ import annotations

import csv
import io
from typing import Sequence

COLUMNS = ["sku", "hts", "origin", "as_of", "rules_version", "row_type", "rule_id", "agency", "severity",
           "status", "title", "citations", "program", "heading", "rate_percent", "basis",
           "assessed_value", "duty", "missing_facts", "rule_status", "override"]


def to_csv(docs: Sequence[dict], lang: str) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for doc in docs:
        for row in rows(doc):
            writer.writerow(row)
    return buf.getvalue()


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
                    "basis": line["basis"], "assessed_value": line["assessed_value"], "duty": line["duty"],
                    "rule_status": line.get("rule_status", "") if line["rule_id"] else ""})
    for o in doc.get("overridden", []):
        out.append({**base, "row_type": "overridden", "rule_id": o["rule_id"], "agency": o["agency"],
                    "severity": o["severity"], "status": o["would_be"], "title": o["title"],
                    "rule_status": o.get("rule_status", ""), "override": f"{o['pack']}: {o['reason']}"})
    return out
