"""An embedded history of evaluations: one SQLite file, no server.

Each batch run is a row of ``runs`` (its id, when it started and finished, the catalogue,
the rules version, the as-of date asked for, counts); each product evaluated in it is a
row of ``results`` (sku, the catalogue row, HTS, origin, the as-of date it was evaluated
on, the rules version, the total duty, its items and tariff lines in short form, and the
whole checklist, compressed). What an item shows of its rule (title, action, documents,
citations) is the same for every product it concerns: it is kept once, in ``fragments``, and
a product's row keeps the rest of its checklist's JSON with the digests of those parts,
compressed against a dictionary (also a fragment) of the texts products share: questions,
citations, keys. A checklist takes about 0.4 KiB of its row instead of 6 KiB.
:meth:`ResultStore.history` reads back how one product's checklist and duty changed from
run to run::

    from compliance.batch import ResultStore
    with ResultStore("results.db") as store:
        for entry in store.history("RT-AX3000"):
            print(entry.started_at, entry.rules_version, entry.total_duty, entry.changes)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import uuid
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from ..errors import InputError
from .fastjson import digest

if TYPE_CHECKING:
    from .fastjson import Parts

SCHEMA_VERSION = 2

# How results.checklist holds the checklist's JSON text, compressed with zlib:
ENCODING_JSON = 1    # the whole text (every row of a schema 1 store)
ENCODING_PARTS = 2   # the text without its items, then per item its template's digest and values
_LEVEL = 6
_DICT_SAMPLE = 32          # checklists whose text makes the compression dictionary
_DICT_SIZE = 32 * 1024     # zlib uses at most the last 32 KiB of a dictionary
_SHORT = json.JSONEncoder(separators=(",", ":"))  # the items and tariffs columns

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'batch',
    catalog TEXT,
    rules_version TEXT NOT NULL,
    as_of TEXT,
    lang TEXT,
    products INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    options TEXT
);
CREATE TABLE IF NOT EXISTS results (
    run_id TEXT NOT NULL REFERENCES runs(run_id),
    seq INTEGER NOT NULL,
    sku TEXT,
    row INTEGER,
    hts TEXT NOT NULL,
    origin TEXT NOT NULL,
    as_of TEXT NOT NULL,
    rules_version TEXT NOT NULL,
    total_duty REAL,
    items TEXT NOT NULL,
    tariffs TEXT NOT NULL,
    checklist BLOB NOT NULL,
    encoding INTEGER NOT NULL DEFAULT 1,
    zdict TEXT,
    PRIMARY KEY (run_id, seq)
);
CREATE INDEX IF NOT EXISTS results_sku ON results (sku, run_id);
CREATE TABLE IF NOT EXISTS fragments (digest TEXT PRIMARY KEY, body BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS failures (
    run_id TEXT NOT NULL REFERENCES runs(run_id),
    seq INTEGER NOT NULL,
    row INTEGER,
    sku TEXT,
    error TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
);
CREATE INDEX IF NOT EXISTS failures_sku ON failures (sku, run_id);
"""


def _reason(exc: sqlite3.Error, timeout: float = 30) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return f"another run or program has held it locked for more than {timeout:g} s"
    if "readonly" in text:
        return "the file or its folder is read-only"
    return text


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class RecordEncoder:
    """Makes the store's rows of checklists, in whichever process evaluates them.

    A row's record (see :meth:`ResultStore.add`) carries the fragments it needs, each a
    (digest, body) pair: its item templates and its compression dictionary, made from the first
    checklists this encoder meets. The pairs are shared objects, so a chunk of rows sent to
    another process carries each once."""

    def __init__(self) -> None:
        self._sample: list[bytes] = []
        self._zdict: tuple[str, bytes] | None = None
        self._primed: Any = None

    def record(self, checklist: Any, parts: "Parts | str") -> tuple:
        """The stored form of a Checklist whose JSON text is ``parts`` (or ``parts.text()``)."""
        from ..profile import format_hts
        p = checklist.profile
        items = [[i.rule_id, i.status, i.severity] for i in checklist.items]
        tariffs = [[t.heading, t.rate_percent, t.duty] for t in checklist.tariffs]
        zdict = None
        if isinstance(parts, str) or parts.items is None:
            text = parts if isinstance(parts, str) else parts.shell
            blob, encoding, fragments = zlib.compress(text.encode(), _LEVEL), ENCODING_JSON, ()
        else:
            # JSON text holds no raw control characters: NUL and SOH cannot occur inside a part
            body = "\x00".join([parts.shell, *["\x01".join([t.digest, *values])
                                              for t, values in parts.items]]).encode()
            encoding = ENCODING_PARTS
            fragments = tuple({t.digest: t.stored for t, _ in parts.items}.values())
            if self._primed is None:
                blob = zlib.compress(body, _LEVEL)
                self._learn(body)
            else:
                # a copy of a compressor that has read the dictionary: cheaper than reading it again
                squeeze = self._primed.copy()
                blob = squeeze.compress(body) + squeeze.flush()
                zdict = self._zdict[0]  # type: ignore[index]
                fragments += (self._zdict,)
        return (p.sku, format_hts(p.hts), p.origin, checklist.as_of.isoformat(), checklist.rules_version,
                checklist.total_duty, _SHORT.encode(items), _SHORT.encode(tariffs), blob, encoding, zdict,
                fragments)

    def _learn(self, body: bytes) -> None:
        self._sample.append(body)
        if len(self._sample) >= _DICT_SAMPLE:
            data = b"".join(self._sample)[-_DICT_SIZE:]
            self._zdict = (digest(data), data)
            self._primed = zlib.compressobj(_LEVEL, zlib.DEFLATED, 15, 8, zlib.Z_DEFAULT_STRATEGY, data)
            self._sample = []


def _checklist_text(blob: bytes, encoding: int, zdict: str | None,
                    fragment: Callable[[str], bytes | None]) -> str:
    from .fastjson import Parts, Template

    def needed(digest: str) -> bytes:
        found = fragment(digest)
        if found is None:
            raise InputError(f"the store is damaged: fragment {digest} is missing")
        return found
    if zdict is None:
        body = zlib.decompress(blob).decode()
    else:
        unsqueeze = zlib.decompressobj(zdict=needed(zdict))
        body = (unsqueeze.decompress(blob) + unsqueeze.flush()).decode()
    if encoding == ENCODING_JSON:
        return body
    if encoding != ENCODING_PARTS:
        raise InputError(f"a checklist is stored in an encoding this version does not know ({encoding})")
    shell, *pieces = body.split("\x00")
    items = []
    for piece in pieces:
        digest, *values = piece.split("\x01")
        items.append((Template.from_text(needed(digest).decode()), values))
    return Parts(shell, items).text()


@dataclass
class RunInfo:
    run_id: str
    started_at: str
    finished_at: str | None
    status: str
    catalog: str | None
    rules_version: str
    as_of: str | None
    products: int
    errors: int


@dataclass
class HistoryEntry:
    """One evaluation of a product, and what changed since the one before it."""

    run_id: str
    started_at: str
    status: str
    row: int | None
    hts: str
    origin: str
    as_of: str
    rules_version: str
    total_duty: float | None
    items: list[tuple[str, str, str]]          # rule id, status, severity
    tariffs: list[tuple[str, float | None, float | None]]   # heading, rate %, duty
    changes: dict[str, Any] = field(default_factory=dict)
    occurrence: int = 1      # the SKU's n-th row in its run: a catalogue may list a SKU twice
    first: bool = True       # no earlier run has this occurrence of the SKU
    error: str | None = None  # the row could not be evaluated in this run (it went to the errors file)

    def to_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "started_at": self.started_at, "run_status": self.status,
                "row": self.row, "occurrence": self.occurrence, "first": self.first,
                "hts": self.hts, "origin": self.origin, "as_of": self.as_of,
                "rules_version": self.rules_version, "total_duty": self.total_duty,
                "items": [{"rule_id": r, "status": s, "severity": v} for r, s, v in self.items],
                "tariffs": [{"heading": h, "rate_percent": p, "duty": d} for h, p, d in self.tariffs],
                "changes": self.changes, **({"error": self.error} if self.error is not None else {})}


def _schema_of(db: sqlite3.Connection, path: Path | str) -> int | None:
    """The schema version of the store open as ``db``; None for a file with no tables yet.
    Another program's SQLite file is refused: a result store is the file whose ``meta`` table
    names its schema version."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        return None
    row = None
    if "meta" in tables:
        try:
            row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.OperationalError:  # a table named meta, with other columns
            row = None
    if row is None:
        raise InputError(f"not a result store (it holds other tables: {', '.join(sorted(tables))})", file=str(path))
    try:
        version = int(row[0])
    except (TypeError, ValueError):
        raise InputError(f"not a result store: its schema version is {row[0]!r}, not a number", file=str(path)) from None
    if version > SCHEMA_VERSION:
        raise InputError(f"store schema {version} is newer than this version understands", file=str(path))
    if "runs" not in tables:
        raise InputError("not a result store: it has no runs table", file=str(path))
    return version


def _folder_problem(folder: Path) -> str | None:
    if not folder.exists():
        return f"folder {folder} does not exist"
    if not folder.is_dir():
        return f"{folder} is not a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"folder {folder} is read-only"
    return None


def not_holding(run_id: str, store: Path | str, since: str) -> InputError:
    """The error of a run resumed into a store that no longer holds it (``since``: what befell
    the store): the resumed run would leave out the rows it finished before it stopped."""
    return InputError(f"cannot resume: the store no longer holds run {run_id} (it was {since} since the "
                      "interrupted run); run again without --resume to start over", file=str(store), field="--store")


def check_store(path: Path | str, run_id: str | None = None) -> None:
    """Refuse, before a run writes anything, a store it could not write to: a folder, another
    program's file, a newer schema, a read-only file or folder; and, for a resumed run
    (``run_id``), a store that no longer holds the run (replaced or removed since), whose first
    rows the resumed run would leave out. Nothing is created or changed."""
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise InputError("is a folder, not a store file", file=name, field="--store")
    folder = path.parent
    if not (path.is_file() and path.stat().st_size > 0):
        if run_id is not None:
            raise not_holding(run_id, name, "removed")
        problem = _folder_problem(folder)
        if problem is not None:
            raise InputError(f"cannot create the store: {problem}", file=name, field="--store")
        return
    if not os.access(path, os.R_OK | os.W_OK):
        raise InputError("cannot write the store: the file is read-only", file=name, field="--store")
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            _schema_of(db, path)
            known = run_id is None or db.execute("SELECT 1 FROM runs WHERE run_id=?", (run_id,)).fetchone()
        finally:
            db.close()
    except sqlite3.OperationalError as exc:
        problem = _folder_problem(folder)  # a store in WAL mode is read beside files made in its folder
        raise InputError(f"cannot open the store: {problem or exc}", file=name, field="--store") from None
    except sqlite3.DatabaseError as exc:
        raise InputError(f"not a result store: {exc}", file=name) from None
    if not known:
        raise not_holding(run_id, name, "replaced")


class ResultStore:
    """The SQLite file that keeps every batch evaluation."""

    def __init__(self, path: Path | str, *, create: bool = True, timeout: float = 30) -> None:
        """Open the store at ``path``, making it where there is no file yet (or an empty one)
        unless ``create`` is false. Another program's SQLite file is refused, not changed.
        ``timeout``: seconds a write waits for another run's or program's lock on the file."""
        self.path = Path(path)
        self.timeout = timeout
        self._fragments: set[str] = set()   # digests of the item templates this store has been given
        if self.path.is_dir():
            raise InputError("is a folder, not a store file", file=str(path))
        if not create and not self.path.is_file():
            raise InputError("store not found (create it with `compliance batch ... --store FILE`)", file=str(path))
        if not create and self.path.stat().st_size == 0:
            raise InputError("not a result store (the file is empty)", file=str(path))
        if create and not self.path.exists():
            problem = _folder_problem(self.path.parent)
            if problem is not None:
                raise InputError(f"cannot create the store: {problem}", file=str(path))
        try:
            self.db = sqlite3.connect(str(self.path), timeout=timeout)
            try:
                version = _schema_of(self.db, path)
                if version is None:
                    # made in one transaction: two runs making the same new store at once make it
                    # once, and a run stopped halfway leaves an empty file, not half a store
                    self.db.execute("PRAGMA journal_mode=WAL")
                    self.db.executescript("BEGIN IMMEDIATE;" + _SCHEMA + "INSERT OR IGNORE INTO meta VALUES "
                                          f"('schema_version', '{SCHEMA_VERSION}'); COMMIT;")
                else:
                    self.db.execute("PRAGMA journal_mode=WAL")
                    if version < 2:
                        self._upgrade_from_1()
                self.db.execute("PRAGMA synchronous=NORMAL")
            except BaseException:
                self.db.close()
                raise
        except sqlite3.OperationalError as exc:
            if not create and self._open_archived():
                return
            problem = _folder_problem(self.path.parent) if "unable to open" in str(exc) else None
            raise InputError(f"cannot open the store: {problem or _reason(exc, timeout)}", file=str(path)) from None
        except sqlite3.DatabaseError as exc:
            raise InputError(f"not a result store: {exc}", file=str(path)) from None

    def _open_archived(self) -> bool:
        """Open, to read it only, a store that cannot be opened as usual: one kept where nothing
        may be written (an archive, a read-only share), where SQLite cannot make the files it
        keeps beside a store it reads. Only a store closed cleanly (no ``-wal`` file with rows
        not yet in the store) can be read so."""
        if Path(f"{self.path}-wal").exists():
            return False
        try:
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?immutable=1", uri=True)
        except sqlite3.Error:
            return False
        try:
            if (_schema_of(db, self.path) or 0) < 2:  # a schema 1 store is read once upgraded in place
                db.close()
                return False
        except (InputError, sqlite3.Error):
            db.close()
            return False
        self.db = db
        return True

    def _upgrade_from_1(self) -> None:
        # schema 1 kept every checklist's whole text: its rows stay readable as they are
        self.db.executescript(_SCHEMA)
        columns = {c[1] for c in self.db.execute("PRAGMA table_info(results)")}
        if "encoding" not in columns:
            self.db.execute("ALTER TABLE results ADD COLUMN encoding INTEGER NOT NULL DEFAULT 1")
        if "zdict" not in columns:
            self.db.execute("ALTER TABLE results ADD COLUMN zdict TEXT")
        self.db.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION),))
        self.db.commit()

    def __enter__(self) -> "ResultStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A failed write is the store's error, naming the file (a lock held too long by another
        program, a read-only file, a full disk), not the run's crash."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            raise InputError(f"cannot write the store: {_reason(exc, self.timeout)}", file=str(self.path),
                             field="--store") from None

    # ------------------------------------------------------------------ writing
    def begin_run(self, *, rules_version: str, catalog: str | None = None, as_of: str | None = None,
                  lang: str | None = None, options: dict[str, Any] | None = None, kind: str = "batch",
                  run_id: str | None = None) -> str:
        """Record the start of a run (or, given the id of an interrupted one, its resumption)."""
        with self._writing():
            if run_id is not None:
                found = self.db.execute("SELECT run_id FROM runs WHERE run_id=?", (run_id,)).fetchone()
                if found is not None:
                    self.db.execute("UPDATE runs SET status='running', finished_at=NULL WHERE run_id=?", (run_id,))
                    self.db.commit()
                    return run_id
            run_id = run_id or uuid.uuid4().hex[:12]
            self.db.execute("INSERT INTO runs (run_id, started_at, status, kind, catalog, rules_version, as_of, "
                            "lang, options) VALUES (?,?,?,?,?,?,?,?,?)",
                            (run_id, utc_now(), "running", kind, catalog, rules_version, as_of, lang,
                             json.dumps(options or {}, sort_keys=True, default=str)))
            self.db.commit()
        return run_id

    def add(self, run_id: str, rows: Iterable[tuple[int, int | None, tuple]]) -> None:
        """Add results: (seq, row, record) where record is :meth:`RecordEncoder.record`'s tuple."""
        rows = list(rows)
        known = self._fragments
        new = []
        for _, _, rec in rows:
            for pair in rec[11]:
                if pair[0] not in known:
                    new.append(pair)
        with self._writing():
            if new:
                self.db.executemany("INSERT OR IGNORE INTO fragments (digest, body) VALUES (?,?)",
                                    [(d, b.encode() if isinstance(b, str) else b) for d, b in new])
            self.db.executemany(
                "INSERT OR REPLACE INTO results (run_id, seq, row, sku, hts, origin, as_of, rules_version, "
                "total_duty, items, tariffs, checklist, encoding, zdict) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                ((run_id, seq, row, *rec[:11]) for seq, row, rec in rows))
        known.update(d for d, _ in new)

    def add_failures(self, run_id: str, rows: Iterable[tuple[int, int | None, str | None, str]]) -> None:
        """Keep the rows of a run that could not be evaluated: (seq, row, sku, error)."""
        with self._writing():
            self.db.executemany("INSERT OR REPLACE INTO failures (run_id, seq, row, sku, error) VALUES (?,?,?,?,?)",
                                ((run_id, *r) for r in rows))

    def holds(self, run_id: str) -> bool:
        """Whether the store has a record of the run."""
        return self.db.execute("SELECT 1 FROM runs WHERE run_id=?", (run_id,)).fetchone() is not None

    def commit(self) -> None:
        with self._writing():
            self.db.commit()

    def finish_run(self, run_id: str, *, products: int, errors: int, status: str = "finished") -> None:
        with self._writing():
            self.db.execute("UPDATE runs SET finished_at=?, status=?, products=?, errors=? WHERE run_id=?",
                            (utc_now(), status, products, errors, run_id))
            self.db.commit()

    def give_up_run(self, run_id: str, *, products: int, errors: int, status: str) -> None:
        """Mark a run that stopped on a failed write of the store: what was not committed is
        dropped (the run's checkpoint counts only committed rows), and the mark is tried for a
        moment only, as the store may still be locked or read-only."""
        try:
            self.db.rollback()
            self.db.execute("PRAGMA busy_timeout=1000")
            self.finish_run(run_id, products=products, errors=errors, status=status)
        except (InputError, sqlite3.Error):
            pass  # the run stays marked running; history shows it so

    # ------------------------------------------------------------------ reading
    def runs(self) -> list[RunInfo]:
        cur = self.db.execute("SELECT run_id, started_at, finished_at, status, catalog, rules_version, as_of, "
                              "products, errors FROM runs ORDER BY started_at, rowid")
        return [RunInfo(*r) for r in cur.fetchall()]

    def checklist(self, run_id: str, sku: str) -> dict[str, Any] | None:
        """The whole checklist of a product in a run (the first row with that sku)."""
        row = self.db.execute("SELECT checklist, encoding, zdict FROM results WHERE run_id=? AND sku=? "
                              "ORDER BY seq LIMIT 1", (run_id, sku)).fetchone()
        return None if row is None else json.loads(_checklist_text(*row, self._fragment))

    def _fragment(self, digest: str) -> bytes | None:
        found = self.db.execute("SELECT body FROM fragments WHERE digest=?", (digest,)).fetchone()
        return None if found is None else bytes(found[0])

    def history(self, sku: str) -> list[HistoryEntry]:
        """Every evaluation of a product, oldest first, each with its changes from the one before.

        A SKU listed twice in a catalogue (two origins, say) is two products: each row is
        compared with the same occurrence of the SKU in the run before, never with the other."""
        cur = self.db.execute(
            "SELECT r.run_id, u.started_at, u.status, r.row, r.hts, r.origin, r.as_of, r.rules_version, "
            "r.total_duty, r.items, r.tariffs, NULL, u.rowid AS run_order, r.seq FROM results r "
            "JOIN runs u ON u.run_id = r.run_id WHERE r.sku = ? "
            "UNION ALL "
            "SELECT f.run_id, u.started_at, u.status, f.row, '', '', coalesce(u.as_of, ''), u.rules_version, "
            "NULL, '[]', '[]', f.error, u.rowid AS run_order, f.seq FROM failures f "
            "JOIN runs u ON u.run_id = f.run_id WHERE f.sku = ? "
            "ORDER BY 2, run_order, seq", (sku, sku))
        out: list[HistoryEntry] = []
        previous: dict[int, HistoryEntry] = {}
        seen_in_run: dict[str, int] = {}
        for (run_id, started, status, row, hts, origin, as_of, version, duty, items, tariffs, error,
             _, _) in cur:
            # a row that failed still holds its place: the rows after it keep their occurrence
            occurrence = seen_in_run[run_id] = seen_in_run.get(run_id, 0) + 1
            entry = HistoryEntry(run_id, started, status, row, hts, origin, as_of, version, duty,
                                 [tuple(i) for i in json.loads(items)],     # type: ignore[misc]
                                 [tuple(t) for t in json.loads(tariffs)],   # type: ignore[misc]
                                 occurrence=occurrence, first=occurrence not in previous, error=error)
            out.append(entry)
            if error is None:
                entry.changes = changes(previous.get(occurrence), entry)
                previous[occurrence] = entry
        return out

    def skus(self, like: str | None = None, limit: int = 20) -> list[str]:
        if like:
            cur = self.db.execute("SELECT DISTINCT sku FROM results WHERE sku LIKE ? ORDER BY sku LIMIT ?",
                                  (f"%{like}%", limit))
        else:
            cur = self.db.execute("SELECT DISTINCT sku FROM results ORDER BY sku LIMIT ?", (limit,))
        return [r[0] for r in cur.fetchall() if r[0] is not None]


def changes(before: HistoryEntry | None, after: HistoryEntry) -> dict[str, Any]:
    """What differs between two evaluations of a product (empty for the first)."""
    if before is None:
        return {}
    out: dict[str, Any] = {}
    a = {r: s for r, s, _ in before.items}
    b = {r: s for r, s, _ in after.items}
    gained = sorted(r for r in b if r not in a)
    lost = sorted(r for r in a if r not in b)
    status = [{"rule_id": r, "before": a[r], "after": b[r]} for r in sorted(a) if r in b and a[r] != b[r]]
    if gained:
        out["gained"] = gained
    if lost:
        out["lost"] = lost
    if status:
        out["status_changed"] = status
    ta = {h: (p, d) for h, p, d in before.tariffs}
    tb = {h: (p, d) for h, p, d in after.tariffs}
    added = sorted(h for h in tb if h not in ta)
    removed = sorted(h for h in ta if h not in tb)
    rates = [{"heading": h, "before": ta[h][0], "after": tb[h][0]} for h in sorted(ta)
             if h in tb and ta[h][0] != tb[h][0]]
    if added:
        out["tariffs_added"] = added
    if removed:
        out["tariffs_removed"] = removed
    if rates:
        out["rate_changed"] = rates
    for key in ("hts", "origin", "as_of", "rules_version"):
        if getattr(before, key) != getattr(after, key):
            out[key] = {"before": getattr(before, key), "after": getattr(after, key)}
    if before.total_duty != after.total_duty:
        delta = None if before.total_duty is None or after.total_duty is None \
            else round(after.total_duty - before.total_duty, 2)
        out["total_duty"] = {"before": before.total_duty, "after": after.total_duty, "delta": delta}
    return out


def describe_changes(ch: dict[str, Any], limit: int = 6) -> str:
    """The changes of a history entry on one line."""
    parts: list[str] = []

    def listed(prefix: str, values: Sequence[str]) -> None:
        shown = list(values[:limit])
        more = f" (+{len(values) - limit} more)" if len(values) > limit else ""
        parts.append(prefix + " ".join(f"{v}" for v in shown) + more)
    if "gained" in ch:
        listed("+ ", ch["gained"])
    if "lost" in ch:
        listed("- ", ch["lost"])
    for s in ch.get("status_changed", []):
        parts.append(f"{s['rule_id']} {s['before']}→{s['after']}")
    if "tariffs_added" in ch:
        listed("+ tariff ", ch["tariffs_added"])
    if "tariffs_removed" in ch:
        listed("- tariff ", ch["tariffs_removed"])
    for r in ch.get("rate_changed", []):
        parts.append(f"{r['heading']} {_pct(r['before'])}→{_pct(r['after'])}")
    if "total_duty" in ch:
        duty = ch["total_duty"]
        if duty["delta"] is not None:
            parts.append(f"duty {duty['delta']:+,.2f}")
        else:  # known on one side only: a customs value or quantity given or dropped
            parts.append(f"duty {_money(duty['before'])}→{_money(duty['after'])}")
    for key in ("hts", "origin", "as_of", "rules_version"):
        if key in ch:
            parts.append(f"{key} {ch[key]['before']}→{ch[key]['after']}")
    return "; ".join(parts)


def _money(value: float | None) -> str:
    return "unknown" if value is None else f"{value:,.2f}"


def _pct(p: float | None) -> str:
    return "—" if p is None else f"{p:g}%"
