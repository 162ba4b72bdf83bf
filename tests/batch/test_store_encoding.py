"""How the result store keeps checklists: each rule's texts once, the rest compressed against a
dictionary; what it gives back is exactly the checklist that was evaluated."""

from __future__ import annotations

import json
import sqlite3
import zlib

import pytest
from batch_helpers import DAY, ROWS, write_csv

import compliance
from compliance import batch
from compliance.batch.store import SCHEMA_VERSION

# Products of the bundled pack over many chapters and origins: more than the checklists the
# compression dictionary is made from, so that later rows are compressed against it.
_CODES = ["8517.62.0090", "9018.90.8000", "0101.21.0010", "8507.60.0020", "9503.00.0073",
          "9403.60.8081", "7318.15.2095", "3004.90.9260", "8708.29.5160", "6110.20.2079"]
_ORIGINS = ["CN", "VN", "MX", "DE", "IN"]


def _rows(n: int) -> list[dict]:
    return [{"sku": f"P{i}", "name": f"产品 {i}" if i % 7 == 0 else f"Product {i}", "hts": _CODES[i % len(_CODES)],
             "origin": _ORIGINS[i % len(_ORIGINS)], "customs_value": str(100 + 37 * i),
             "fact:has_radio_transmitter": "true" if i % 3 == 0 else "",
             "manufacturer_name": "Acme Networks" if i % 4 == 0 else "", "manufacturer_country": "CN" if i % 4 == 0 else ""}
            for i in range(n)]


def _profiles(path):
    return {p.sku: p for p in batch.read_catalog(path) if isinstance(p, compliance.Profile)}


@pytest.mark.parametrize("workers", [1, 2])
def test_every_stored_checklist_is_the_evaluated_one(engine, tmp_path, workers):
    cat = write_csv(tmp_path / "c.csv", _rows(90))
    db = tmp_path / "r.db"
    summary = batch.run(engine, cat, tmp_path / "o.jsonl", as_of=DAY, store=db, workers=workers, chunk_size=16)
    with batch.ResultStore(db) as store:
        for sku, profile in _profiles(cat).items():
            assert store.checklist(summary.run_id, sku) == engine.evaluate(profile, DAY).to_dict(), sku


def test_chinese_checklists_are_kept_in_chinese(engine, tmp_path):
    cat = write_csv(tmp_path / "c.csv", _rows(40))
    db = tmp_path / "r.db"
    summary = batch.run(engine, cat, tmp_path / "o.jsonl", as_of=DAY, store=db, lang="zh")
    with batch.ResultStore(db) as store:
        for sku in ("P0", "P35", "P39"):
            profile = _profiles(cat)[sku]
            assert store.checklist(summary.run_id, sku) == engine.evaluate(profile, DAY).to_dict("zh")


def test_rule_texts_are_kept_once_and_rows_are_small(engine, tmp_path):
    cat = write_csv(tmp_path / "c.csv", _rows(200))
    db = tmp_path / "r.db"
    summary = batch.run(engine, cat, tmp_path / "o.jsonl", as_of=DAY, store=db)
    con = sqlite3.connect(db)
    blobs = [b for (b,) in con.execute("SELECT checklist FROM results WHERE seq >= 40")]
    templates = con.execute("SELECT count(*) FROM fragments").fetchone()[0]
    con.close()
    whole = [len(json.dumps(engine.evaluate(p, DAY).to_dict(), ensure_ascii=False, separators=(",", ":")))
             for p in list(_profiles(cat).values())[40:]]
    # the whole text of a checklist is several KiB; its row keeps a small part of that
    assert sum(len(b) for b in blobs) * 8 < sum(whole)
    # far fewer templates than items stored
    assert templates < summary.products


def test_a_schema_1_store_is_upgraded_and_its_rows_stay_readable(mini, catalog, tmp_path):
    """A store written before rule texts were kept apart: every row the whole text, compressed."""
    db = tmp_path / "old.db"
    doc = mini.evaluate(_profiles(catalog)["R1"], DAY).to_dict()
    con = sqlite3.connect(db)
    con.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('schema_version', '1');
        CREATE TABLE runs (run_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'batch', catalog TEXT, rules_version TEXT NOT NULL, as_of TEXT, lang TEXT,
            products INTEGER NOT NULL DEFAULT 0, errors INTEGER NOT NULL DEFAULT 0, options TEXT);
        CREATE TABLE results (run_id TEXT NOT NULL REFERENCES runs(run_id), seq INTEGER NOT NULL, sku TEXT,
            row INTEGER, hts TEXT NOT NULL, origin TEXT NOT NULL, as_of TEXT NOT NULL, rules_version TEXT NOT NULL,
            total_duty REAL, items TEXT NOT NULL, tariffs TEXT NOT NULL, checklist BLOB NOT NULL,
            PRIMARY KEY (run_id, seq));
        CREATE INDEX results_sku ON results (sku, run_id);
    """)
    con.execute("INSERT INTO runs VALUES ('old1', '2025-01-01T00:00:00+00:00', '2025-01-01T00:01:00+00:00', "
                "'finished', 'batch', 'catalog.csv', ?, '2025-06-01', 'en', 3, 2, '{}')", (mini.rules_version,))
    items = json.dumps([[i["rule_id"], i["status"], i["severity"]] for i in doc["items"]])
    tariffs = json.dumps([[t["heading"], t["rate_percent"], t["duty"]] for t in doc["tariffs"]])
    con.execute("INSERT INTO results VALUES ('old1', 0, 'R1', 2, '8517.62.0090', 'CN', '2025-06-01', ?, ?, ?, ?, ?)",
                (mini.rules_version, doc["total_duty"], items, tariffs,
                 zlib.compress(json.dumps(doc, separators=(",", ":")).encode())))
    con.commit()
    con.close()

    new = batch.run(mini, catalog, tmp_path / "o.jsonl", as_of=DAY, store=db)
    with batch.ResultStore(db) as store:
        assert store.checklist("old1", "R1") == doc
        assert store.checklist(new.run_id, "R1") == doc
        history = store.history("R1")
        assert [h.run_id for h in history] == ["old1", new.run_id]
        assert history[1].changes == {}
    con = sqlite3.connect(db)
    assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == (str(SCHEMA_VERSION),)
    con.close()


def test_a_store_missing_a_rule_text_says_it_is_damaged(mini, catalog, tmp_path):
    db = tmp_path / "r.db"
    summary = batch.run(mini, catalog, tmp_path / "o.jsonl", as_of=DAY, store=db)
    con = sqlite3.connect(db)
    con.execute("DELETE FROM fragments")
    con.commit()
    con.close()
    with batch.ResultStore(db) as store:
        with pytest.raises(compliance.InputError, match="damaged: fragment [0-9a-f]+ is missing"):
            store.checklist(summary.run_id, "R1")


def test_a_store_of_a_later_schema_is_refused_untouched(tmp_path):
    db = tmp_path / "later.db"
    con = sqlite3.connect(db)
    con.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                      f"INSERT INTO meta VALUES ('schema_version', '{SCHEMA_VERSION + 1}');")
    con.close()
    before = db.read_bytes()
    with pytest.raises(compliance.InputError, match="newer than this version"):
        batch.ResultStore(db)
    assert db.read_bytes() == before


def test_rows_of_the_fixture_catalogue_round_trip(mini, tmp_path):
    cat = write_csv(tmp_path / "c.csv", ROWS * 20)
    db = tmp_path / "r.db"
    summary = batch.run(mini, cat, tmp_path / "o.jsonl", as_of=DAY, store=db)
    with batch.ResultStore(db) as store:
        assert store.checklist(summary.run_id, "D1") == mini.evaluate(_profiles(cat)["D1"], DAY).to_dict()
