"""Catalogues on a Dask cluster.

Two ways, with the same results as a local run:

1. ``compliance batch catalog.csv -o out.jsonl --dask tcp://scheduler:8786`` (or
   :func:`compliance.batch.run` with ``dask=client``): this process reads the catalogue and
   writes the output; the cluster evaluates the chunks. ``--dask local:4`` starts a local
   cluster of 4 processes.

2. A ``dask.dataframe`` pipeline, when the catalogue already lives in a data lake::

       import dask.dataframe as dd
       from compliance.batch.dask import evaluate_partition, partition_meta

       ddf = dd.read_csv("s3://bucket/catalog-*.csv", dtype=str, keep_default_na=False)
       out = ddf.map_partitions(evaluate_partition, as_of="2025-06-01", meta=partition_meta())
       out.to_parquet("s3://bucket/checklists/")

   Each output row is one product: ``row`` (the partition's index label), ``sku``, ``hts``,
   ``origin``, ``as_of``, ``rules_version``, ``total_duty``, ``items`` (rules that apply),
   ``needs_info``, ``tariffs`` (chapter 99 headings), ``checklist`` (the checklist as JSON,
   the same dict as ``Checklist.to_dict``) and ``error`` (the one-line error of a bad row,
   whose other columns are then empty).

Every worker needs the rule pack folders at the same paths (the bundled pack ships inside
the installed package); each worker process builds the engine once and keeps it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Iterable, Mapping

from ..dates import as_date
from .worker import Spec, engine_packs, processor_for

COLUMNS = ("row", "sku", "hts", "origin", "as_of", "rules_version", "total_duty", "items", "needs_info",
           "tariffs", "checklist", "error")


def partition_meta() -> Any:
    """The empty frame that describes :func:`evaluate_partition`'s output (for ``meta=``)."""
    import pandas as pd
    return pd.DataFrame({c: pd.Series([], dtype=_dtype(c)) for c in COLUMNS})


def _dtype(column: str) -> str:
    # text as pandas' string dtype, not object: Parquet writers infer no type from an empty
    # object column (which is what a meta frame holds)
    return {"row": "int64", "total_duty": "float64"}.get(column, "string")


def _packs(rules: Iterable[str] | None, include_default: bool) -> tuple[tuple[str, ...], str]:
    from ..engine import Engine
    from .worker import _ENGINES
    from ..packs import resolve_pack_paths
    key = tuple(str(p.resolve()) for p in resolve_pack_paths(list(rules or []), include_default))
    engine = _ENGINES.get(key)
    if engine is None:
        engine = Engine.load(list(rules or []), include_default=include_default)
        _ENGINES[key] = engine
        _ENGINES[engine_packs(engine)] = engine
    return engine_packs(engine), engine.rules_version


def evaluate_partition(df: Any, *, rules: Iterable[str] | None = None, include_default: bool = True,
                       as_of: str | dt.date | None = None, lang: str = "en",
                       mapping: Mapping[str, str] | None = None, file: str = "<partition>") -> Any:
    """Evaluate the products of one pandas DataFrame (a Dask partition); one row each.

    Columns are mapped as for ``compliance batch`` (``mapping`` overrides). ``rules`` are
    extra pack folders, on top of the bundled pack unless ``include_default`` is False.
    """
    import pandas as pd

    day = as_date(as_of)
    packs, version = _packs(rules, include_default)
    # today's date in the spec: a long-lived Dask worker keeps one processor per spec
    spec = Spec(kind="batch", file=file, packs=packs, rules_version=version, as_of=day, lang=lang,
                fmt="jsonl", mapping=tuple(sorted((mapping or {}).items())), today=dt.date.today())
    proc = processor_for(spec)
    columns = [str(c) for c in df.columns]
    chunk = []
    for i, (label, values) in enumerate(zip(df.index, df.itertuples(index=False, name=None))):
        row = label.__index__() if hasattr(label, "__index__") else i
        chunk.append((i, row, dict(zip(columns, values)), None, None))
    out: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    for index, row, sku, text, err, _, duty in proc.process(chunk):
        out["row"].append(row)
        out["sku"].append(sku)
        if err is not None:
            for c in COLUMNS[2:-1]:
                out[c].append(None)
            out["total_duty"][-1] = float("nan")
            out["error"].append(err["error"])
            continue
        doc = json.loads(text)
        out["hts"].append(doc["product"]["hts"])
        out["origin"].append(doc["product"]["origin"])
        out["as_of"].append(doc["as_of"])
        out["rules_version"].append(doc["rules_version"])
        out["total_duty"].append(float("nan") if duty is None else float(duty))
        out["items"].append(";".join(i["rule_id"] for i in doc["items"] if i["status"] == "applies"))
        out["needs_info"].append(";".join(i["rule_id"] for i in doc["items"] if i["status"] == "needs_info"))
        out["tariffs"].append(";".join(t["heading"] for t in doc["tariffs"]))
        out["checklist"].append(text.rstrip("\n"))
        out["error"].append(None)
    frame = pd.DataFrame(out, columns=list(COLUMNS))
    return frame.astype({c: _dtype(c) for c in COLUMNS})
