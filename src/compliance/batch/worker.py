"""The work done on each chunk of a catalogue, in whichever process or machine runs it.

A :class:`Spec` is a small picklable description of a run (rule pack folders, rules version,
as-of date, language, output format); a :class:`Processor` built from it once per process
(or per Dask worker) maps, validates, evaluates and serialises the records of a chunk.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from dataclasses import dataclass
from typing import Any, Iterable

from ..errors import EvaluationError, InputError
from ..render.tabular import CsvRows, rows
from .blocks import Block
from .catalog import Record, to_profile
from .compact import CompactEncoder
from .fastjson import ChecklistEncoder, dumps
from .impact import seen_by
from .mapping import UNSAVED, ColumnMapping
from .spool import SpoolRef, SpoolWriter
from .store import RecordEncoder

# One record of a chunk, as sent to a worker: (index, row, values, read_error, lines of its fields).
RawRecord = tuple[int, int, Any, Any, Any]
# One result: (index, row, sku, text for the output or None, error dict or None,
#              store record or None, aggregate: total duty for a batch, the diff for impact).
Result = tuple[int, int, Any, Any, Any, Any, Any]


@dataclass(slots=True)
class Packed:
    """A chunk's results as the coordinating process writes them: its output as one string of
    bytes, so that sending it back and writing it cost little per row. Indexes are counted from
    the chunk's first record (a worker parsing a text block does not know where it starts)."""

    records: int                                # records of the chunk
    text: bytes                                 # the output of its products, in order
    errors: list[dict[str, Any]]                # lines of the errors file ("index" within the chunk)
    aggregates: list[Any]                       # per product: total duty (batch) or the diff (impact)
    stores: list[tuple[int, int, Any]]          # (index within the chunk, row, store record)
    spooled: SpoolRef | None = None             # where a pool worker left ``text`` instead (see spool)
    unknown: tuple[str, ...] = ()               # columns or keys first met in this chunk that map to nothing

_ENGINES: dict[tuple[str, ...], Any] = {}
_LOCK = threading.Lock()     # one engine build at a time per process
_LOCAL = threading.local()   # processors per thread: a Dask worker may run several tasks at once


@dataclass(frozen=True)
class Spec:
    """What a worker needs to process chunks the way the coordinating process would."""

    kind: str                                  # batch | impact
    file: str                                  # the catalogue, as errors name it
    packs: tuple[str, ...]
    rules_version: str
    as_of: dt.date | None = None
    lang: str = "en"
    fmt: str = "jsonl"                         # jsonl | csv | parquet (staged as JSON Lines rows)
    store: bool = False
    mapping: tuple[tuple[str, str], ...] = ()
    against_packs: tuple[str, ...] | None = None
    against_version: str | None = None
    against_as_of: dt.date | None = None
    include_unchanged: bool = False
    detail: str = "full"                       # full | compact (JSON Lines only)
    # the entry date of products with neither as_of nor entry_date: the day the run started, so
    # that a run crossing midnight, or resumed the next day, evaluates them all on one date
    today: dt.date | None = None


def engine_packs(engine: Any) -> tuple[str, ...]:
    """The pack folders an engine was built from, in order (to rebuild it elsewhere)."""
    return tuple(str(p.root.resolve()) for p in engine.packs)


def build_engine(packs: tuple[str, ...], rules_version: str) -> Any:
    """The engine of these pack folders, once per process; its rules version must match."""
    engine = _ENGINES.get(packs)
    if engine is None:
        from pathlib import Path

        from ..engine import Engine
        from ..packs import read_pack
        roots = [Path(p) for p in packs]

        def build() -> Any:
            return Engine([read_pack(p) for p in roots])
        try:
            from ..cache import cached  # the compiled-engine cache on disk, where this version has one
        except ImportError:  # pragma: no cover
            engine = build()
        else:
            engine = cached(roots, build)
        _ENGINES[packs] = engine
    if engine.rules_version != rules_version:
        raise EvaluationError(f"the rule packs changed on disk during the run (rules version "
                              f"{engine.rules_version}, expected {rules_version})")
    return engine


def processor_for(spec: Spec) -> "Processor":
    """The processor of a spec, built once per process (Dask workers call this per task)."""
    processors = _LOCAL.__dict__.setdefault("processors", {})
    proc = processors.get(spec)
    if proc is None:
        with _LOCK:
            engine = build_engine(spec.packs, spec.rules_version)
            against = None
            if spec.against_packs is not None and spec.against_packs != spec.packs:
                against = build_engine(spec.against_packs, spec.against_version or "")
        proc = Processor(spec, engine, against)
        processors[spec] = proc
    return proc


def process_chunk(spec: Spec, chunk: "list[RawRecord] | Block") -> Packed:
    """Entry point for remote workers (Dask): process one chunk of a spec."""
    return processor_for(spec).process_packed(chunk)


class Processor:
    def __init__(self, spec: Spec, engine: Any = None, against: Any = None) -> None:
        self.spec = spec
        self.today = spec.today or dt.date.today()
        self.engine = engine if engine is not None else build_engine(spec.packs, spec.rules_version)
        if spec.kind == "impact":
            if against is not None:
                self.against = against
            elif spec.against_packs is None or spec.against_packs == spec.packs:
                self.against = self.engine
            else:
                self.against = build_engine(spec.against_packs, spec.against_version or "")
        self.mapping = ColumnMapping(dict(spec.mapping))
        self.file = spec.file
        self.encoder = ChecklistEncoder()
        self.compact = CompactEncoder()
        self.records = RecordEncoder()
        self._buf = io.StringIO()
        self._csv = CsvRows(self._buf)

    def process(self, chunk: Iterable[RawRecord]) -> list[Result]:
        one = self.impact_one if self.spec.kind == "impact" else self.batch_one
        return [one(*rec) for rec in chunk]

    def process_packed(self, chunk: "list[RawRecord] | Block") -> Packed:
        """The results of a chunk of records or of a text block, packed (see :class:`Packed`)."""
        if isinstance(chunk, Block):
            records: list[RawRecord] = [(r.index, r.row, r.values, r.error, None) for r in chunk.records(self.file)]
        else:
            base = chunk[0][0] if chunk else 0
            records = [(index - base, row, values, error, lines) for index, row, values, error, lines in chunk]
        text: list[str] = []
        errors: list[dict[str, Any]] = []
        aggregates: list[Any] = []
        stores: list[tuple[int, int, Any]] = []
        known = len(self.mapping.unknown)  # a JSON Lines or YAML record may bring keys of its own
        for index, row, _, out, err, store, aggregate in self.process(records):
            if err is not None:
                errors.append(err)
                continue
            if out:
                text.append(out)
            aggregates.append(aggregate)
            if store is not None:
                stores.append((index, row, store))
        return Packed(len(records), "".join(text).encode("utf-8"), errors, aggregates, stores,
                      unknown=tuple(self.mapping.unknown[known:]))

    # ------------------------------------------------------------------ one record
    def _profile(self, index: int, row: int, values: Any, error: Any, lines: Any):
        return to_profile(Record(index, row, values, error, lines=lines), self.mapping, self.file)

    def batch_one(self, index: int, row: int, values: Any, error: Any, lines: Any = None) -> Result:
        spec = self.spec
        try:
            profile = self._profile(index, row, values, error, lines)
            checklist = self.engine.evaluate(profile, spec.as_of or profile.entry_date or self.today)
            parts = self.encoder.parts(checklist, spec.lang) if spec.store or (
                spec.fmt == "jsonl" and spec.detail == "full") else None
            if spec.fmt == "jsonl":
                line = (self.compact.encode(checklist) if spec.detail == "compact"
                        else parts.text())  # type: ignore[union-attr]
            doc = checklist.to_dict(spec.lang) if spec.fmt != "jsonl" else None
        except Exception as exc:  # one bad record never stops the run
            return self._failed(index, row, values, exc)
        store = None
        if spec.store:
            store = self.records.record(checklist, parts)
        if spec.fmt == "jsonl":
            out = line + "\n"  # type: ignore[operator]
        elif spec.fmt == "csv":
            buf = self._buf
            buf.seek(0)
            buf.truncate(0)
            self._csv.write(rows(doc))  # type: ignore[arg-type]
            out = buf.getvalue()
        else:  # parquet: rows staged as JSON Lines, converted at the end
            out = "".join(dumps(r) + "\n" for r in rows(doc))  # type: ignore[arg-type]
        return (index, row, profile.sku, out, None, store, checklist.total_duty)

    def impact_one(self, index: int, row: int, values: Any, error: Any, lines: Any = None) -> Result:
        from .impact import compare
        spec = self.spec
        try:
            profile = self._profile(index, row, values, error, lines)
            day = profile.entry_date or self.today
            before = self.engine.evaluate(seen_by(self.engine, self.against, profile), spec.as_of or day)
            after = self.against.evaluate(seen_by(self.against, self.engine, profile), spec.against_as_of or day)
            diff = compare(before, after)
        except Exception as exc:
            return self._failed(index, row, values, exc)
        diff = {"row": row, **diff}
        out = None
        if diff["changed"] or spec.include_unchanged:
            out = dumps(diff) + "\n"
        return (index, row, profile.sku, out, None, None, diff)

    def _failed(self, index: int, row: int, values: Any, exc: Exception) -> Result:
        if isinstance(exc, InputError):
            err = exc
            if err.file is None:
                err.located(self.file, row)
        else:
            err = InputError(f"could not evaluate: {type(exc).__name__}: {exc}", file=self.file, line=row,
                             code="E999")
        sku = self._sku_of(values)
        return (index, row, sku, None, error_doc(err, index, row, sku), None, None)

    def _sku_of(self, values: Any) -> Any:
        if not isinstance(values, dict):
            return None
        for column, value in values.items():
            if value is UNSAVED or value in (None, ""):
                continue
            if self.mapping.target(column) == ("scalar", "sku"):
                return str(value).strip()
        return None


def error_doc(err: InputError, index: int, row: int, sku: Any = None) -> dict[str, Any]:
    """One line of the errors file."""
    return {"row": err.line if err.line is not None else row, "index": index, "sku": sku, "file": err.file,
            "field": err.field, "code": err.code, "message": err.message, "error": str(err)}


# ---------------------------------------------------------------------------- process pools

_FORKED: Processor | None = None
_SPOOL: SpoolWriter | None = None


def set_forked(processor: Processor | None) -> None:
    """The processor that forked pool workers inherit (set before the pool starts)."""
    global _FORKED
    _FORKED = processor


def init_pool_worker(spec: Spec | None, spool: str | None = None, parent: int | None = None) -> None:
    """Pool initializer: ignore Ctrl-C (the coordinator handles it), end with the coordinating
    process ``parent``, build the processor once, and write chunk outputs to a spool file in
    the folder ``spool``."""
    import signal
    global _FORKED, _SPOOL
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _end_with(parent)
    if spec is not None:
        _FORKED = processor_for(spec)
    _SPOOL = SpoolWriter(spool) if spool is not None else None


def _end_with(parent: int | None) -> None:
    """Have the kernel end this worker when the coordinating process dies, however it dies: a
    worker outliving a killed run would hold the output's lock and print tracebacks."""
    import os
    import sys
    if parent is None or not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it died before the request was made
        os._exit(0)


def pool_work(chunk: "list[RawRecord] | Block") -> Packed:
    assert _FORKED is not None, "pool worker without a processor"
    packed = _FORKED.process_packed(chunk)
    if _SPOOL is not None and packed.text:
        packed.spooled = _SPOOL.put(packed.text)
        packed.text = b""
    return packed
