"""Beyond one machine: the same results on a (local, bounded) Dask cluster."""

from __future__ import annotations

import json

import pytest
from batch_helpers import DAY, MINI, many, write_csv

from compliance import batch

distributed = pytest.importorskip("dask.distributed",
                                  reason="Dask is an optional extra: pip install 'compliance-engine[dask]'")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                       dashboard_address=None, silence_logs=50)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_batch_on_dask_is_the_local_run(mini, tmp_path, client):
    cat = write_csv(tmp_path / "c.csv", many(120) + [{"sku": "BAD", "hts": "12", "origin": "CN"}])
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    batch.run(mini, cat, local, as_of=DAY)
    summary = batch.run(mini, cat, remote, as_of=DAY, dask=client, chunk_size=16)
    assert summary.products == 120 and summary.errors == 1
    assert local.read_bytes() == remote.read_bytes()
    assert (tmp_path / "local.jsonl.errors.jsonl").read_bytes() == (tmp_path / "dask.jsonl.errors.jsonl").read_bytes()


def test_cli_connects_to_a_scheduler_address(tmp_path, client):
    from click.testing import CliRunner

    from compliance.cli.batch import batch as batch_command
    cat = write_csv(tmp_path / "c.csv", many(30))
    out_local, out_dask = tmp_path / "l.jsonl", tmp_path / "d.jsonl"
    common = [str(cat), "--no-default-rules", "--rules", str(MINI), "--as-of", "2025-06-01", "-q"]
    runner = CliRunner()
    r1 = runner.invoke(batch_command, common + ["-o", str(out_local)], standalone_mode=False)
    r2 = runner.invoke(batch_command, common + ["-o", str(out_dask), "--dask", client.scheduler.address],
                       standalone_mode=False)
    assert r1.exception is None and r2.exception is None, (r1.output, r2.output)
    assert out_local.read_bytes() == out_dask.read_bytes()


def test_map_partitions_recipe(mini, tmp_path, client):
    dd = pytest.importorskip("dask.dataframe", reason="the map_partitions recipe needs dask[dataframe] (pandas)")
    import pandas as pd

    from compliance.batch.dask import evaluate_partition, partition_meta
    rows = many(40) + [{"sku": "BAD", "hts": "12", "origin": "CN"}]
    frame = pd.DataFrame(rows).fillna("")
    ddf = dd.from_pandas(frame, npartitions=3)
    out = ddf.map_partitions(evaluate_partition, rules=[str(MINI)], include_default=False,
                             as_of="2025-06-01", meta=partition_meta()).compute()
    assert list(out.columns) == list(partition_meta().columns)
    assert len(out) == 41
    bad = out[out["error"].notna()]
    assert list(bad["sku"]) == ["BAD"] and "hts" in bad["error"].iloc[0]
    good = out[out["error"].isna()]
    cat = write_csv(tmp_path / "c.csv", rows)
    local = tmp_path / "local.jsonl"
    batch.run(mini, cat, local, as_of=DAY)
    assert [json.loads(c) for c in good["checklist"]] == [json.loads(x) for x in local.read_text().splitlines()]
    assert list(good["total_duty"]) == [json.loads(c)["total_duty"] for c in good["checklist"]]


def test_the_recipe_writes_parquet_as_the_docs_show(tmp_path, client):
    """docs/batch.md: ``out.to_parquet(...)`` on the frames evaluate_partition gives."""
    dd = pytest.importorskip("dask.dataframe", reason="the map_partitions recipe needs dask[dataframe] (pandas)")
    pytest.importorskip("pyarrow", reason="Parquet needs the `parquet` extra (pyarrow)")
    import pandas as pd

    from compliance.batch.dask import evaluate_partition, partition_meta
    cat = write_csv(tmp_path / "c.csv", many(30) + [{"sku": "BAD", "hts": "12", "origin": "CN"}])
    ddf = dd.read_csv(str(cat), dtype=str, keep_default_na=False, blocksize=1000)
    out = ddf.map_partitions(evaluate_partition, rules=[str(MINI)], include_default=False,
                             as_of="2025-06-01", meta=partition_meta())
    out.to_parquet(str(tmp_path / "checklists"))
    back = pd.read_parquet(tmp_path / "checklists")
    assert len(back) == 31 and list(back.columns) == list(partition_meta().columns)
    assert back["error"].notna().sum() == 1 and back.loc[back["error"].isna(), "total_duty"].notna().all()


def test_a_partition_without_dates_is_evaluated_on_the_day_it_runs(monkeypatch):
    """A long-lived Dask worker keeps its processors: the day is part of what it keeps them by."""
    pytest.importorskip("pandas", reason="the map_partitions recipe needs dask[dataframe] (pandas)")
    import datetime as dt
    import types

    import pandas as pd

    from compliance.batch import dask as dask_module
    frame = pd.DataFrame(many(3)).fillna("")
    seen = []
    for day in (dt.date(2025, 6, 1), dt.date(2026, 6, 1)):
        class Today(dt.date):
            @classmethod
            def today(cls, day=day):
                return day
        monkeypatch.setattr(dask_module, "dt", types.SimpleNamespace(date=Today))
        out = dask_module.evaluate_partition(frame, rules=[str(MINI)], include_default=False)
        seen.append(set(out["as_of"]))
    assert seen == [{"2025-06-01"}, {"2026-06-01"}]
