"""Whole catalogues: read, evaluate in parallel, compare, and keep a history.

For ERP scripts::

    import compliance
    from compliance import batch

    engine = compliance.Engine.load()
    for item in batch.read_catalog("catalog.csv"):          # Profile, or the InputError of a bad row
        ...
    summary = batch.run(engine, "catalog.csv", "checklists.jsonl", workers=4, store="results.db")
    print(summary.products, summary.errors, summary.total_duty)

    old, new = compliance.Engine.load(), compliance.Engine.load(["my-overlay"])
    diff = batch.impact(old, new, "catalog.csv", "impact.jsonl")
    print(diff.changed, diff.duty_delta)

See ``docs/batch.md`` for the column mapping, the output formats, resuming and Dask.
"""

from .catalog import FORMATS, Record, catalog_format, iter_records, read_catalog, to_profile
from .impact import ImpactSummary, compare
from .mapping import ALIASES, ColumnMapping, load_mapping
from .runner import BatchSummary, impact, run
from .store import HistoryEntry, ResultStore, RunInfo

__all__ = [
    "ALIASES",
    "BatchSummary",
    "ColumnMapping",
    "FORMATS",
    "HistoryEntry",
    "ImpactSummary",
    "Record",
    "ResultStore",
    "RunInfo",
    "catalog_format",
    "compare",
    "impact",
    "iter_records",
    "load_mapping",
    "read_catalog",
    "run",
    "to_profile",
]
