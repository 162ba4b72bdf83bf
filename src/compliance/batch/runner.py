"""Running a catalogue through the engine: in this process, on a process pool, or on Dask.

The coordinating process reads the catalogue, cuts it into chunks and writes the results
in catalogue order; the workers (processes of a pool, or Dask workers) map, validate,
evaluate and serialise each chunk. Each worker builds the engine once.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import multiprocessing as mp
import re
import multiprocessing.pool
import os
import sys
import time
from collections import deque
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Mapping

from ..dates import as_date
from ..errors import InputError
from ..gctune import gc_tuned
from .blocks import BLOCK_FORMATS, TextBlocks
from .catalog import Record, catalog_format, count_records, iter_records
from .mapping import ColumnMapping
from .fastjson import dumps
from .output import (Checkpoint, NullFile, StagedFile, StreamFile, atomic_write_text, catalog_identity,
                     check_targets, jsonl_rows_to_parquet, open_outputs)
from .progress import make_progress, wanted
from .spool import SpoolReader, make_spool, remove_stale
from .worker import (Packed, Processor, RawRecord, Spec, engine_packs, init_pool_worker, pool_work,
                     process_chunk, set_forked)

OUTPUT_FORMATS = ("jsonl", "csv", "parquet")
DEFAULT_CHUNK = 1024  # rows a chunk sent to a worker: fewer, larger messages cost the coordinator less
ERROR_SAMPLES = 20

ProgressCallback = Callable[[int, int | None], None]


@dataclass
class BatchSummary:
    """What a batch run did."""

    catalog: str
    output: str | None
    format: str
    errors_path: str | None
    rules_version: str
    as_of: str | None
    records: int = 0            # records read in this run (after those a resumed run skipped)
    products: int = 0           # records evaluated
    errors: int = 0             # records written to the errors file
    resumed: int = 0            # records finished by the interrupted run this one resumed
    seconds: float = 0.0
    total_duty: float = 0.0     # sum of the known total duties
    duty_unknown: int = 0       # products whose total duty is unknown (no customs value...)
    run_id: str | None = None
    workers: int = 1
    unknown_columns: list[str] = field(default_factory=list)
    error_samples: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Records per second in this run."""
        return self.records / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "rate": round(self.rate, 1)}


# ---------------------------------------------------------------------------- executors

def _chunks(records: Iterable[Record], size: int) -> Iterator[list[RawRecord]]:
    batch: list[RawRecord] = []
    for r in records:
        batch.append((r.index, r.row, r.values, r.error, r.lines))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Executor:
    """Runs chunks and appends their outputs to the output file."""

    def write(self, packed: Packed, out: Any) -> None:
        """Append a chunk's output to ``out``."""
        if packed.text:
            out.write_bytes(packed.text)


class _Inline(_Executor):
    def __init__(self, processor: Processor) -> None:
        self.processor = processor

    def __enter__(self) -> "_Inline":
        return self

    def __exit__(self, *exc: Any) -> None:
        return None

    def map(self, chunks: Iterable[Any]) -> Iterator[Packed]:
        for chunk in chunks:
            yield self.processor.process_packed(chunk)


def default_start_method() -> str:
    """fork where it exists (workers share the loaded engine); spawn elsewhere."""
    methods = mp.get_all_start_methods()
    return "fork" if "fork" in methods and sys.platform != "darwin" else "spawn"


class _QuietPool(mp.pool.Pool):  # type: ignore[name-defined]
    """A process pool whose maintenance thread wakes when a worker ends or the pool changes.

    The standard one also wakes whenever a worker sends a result and, until the result thread
    has read it, loops: checking its workers and building its wait list again and again, on
    the GIL and on the cores the workers need. Whether the pool has drained is signalled apart
    (the pool's change notifier), so that wake-up is not needed."""

    def _get_sentinels(self) -> list:
        return [self._change_notifier._reader]  # type: ignore[attr-defined]


class _Pool(_Executor):
    """A process pool, fed a bounded window of chunks, answering in catalogue order; the
    chunks' outputs come back through spool files (see :mod:`compliance.batch.spool`)."""

    def __init__(self, processor: Processor, workers: int, start_method: str | None,
                 spool_near: Path | None = None) -> None:
        self.processor = processor
        self.workers = workers
        self.method = start_method or default_start_method()
        self.spool_near = spool_near
        self.spool: SpoolReader | None = None
        self.pool: Any = None

    def __enter__(self) -> "_Pool":
        ctx = mp.get_context(self.method)
        self.spool = SpoolReader(make_spool(self.spool_near))
        folder = str(self.spool.folder)
        try:
            if self.method == "fork":
                set_forked(self.processor)
                self.pool = _QuietPool(self.workers, initializer=init_pool_worker,
                                       initargs=(None, folder, os.getpid()), context=ctx)
            else:
                self.pool = _QuietPool(self.workers, initializer=init_pool_worker,
                                       initargs=(self.processor.spec, folder, os.getpid()), context=ctx)
        except BaseException:
            self.spool.close()
            raise
        return self

    def __exit__(self, kind: Any, *exc: Any) -> None:
        try:
            if kind is None:
                self.pool.close()
            else:
                self.pool.terminate()
            self.pool.join()
        finally:
            set_forked(None)
            if self.spool is not None:
                self.spool.close()

    def write(self, packed: Packed, out: Any) -> None:
        if packed.spooled is None:
            super().write(packed, out)
        else:
            assert self.spool is not None
            self.spool.copy(packed.spooled, out)

    def map(self, chunks: Iterable[Any]) -> Iterator[Packed]:
        window = self.workers * 3
        pending: deque = deque()
        for chunk in chunks:
            pending.append(self.pool.apply_async(pool_work, (chunk,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


class _Dask(_Executor):
    """Chunks submitted to a Dask cluster; each worker builds the engine once per spec."""

    def __init__(self, processor: Processor, client: Any, window: int | None = None) -> None:
        self.processor = processor
        self.client = client
        self.window = window
        self.owned: list[Any] = []

    def __enter__(self) -> "_Dask":
        if isinstance(self.client, str):
            self.client = connect(self.client, self.owned)
        if self.window is None:
            try:
                self.window = max(4, 3 * sum(self.client.nthreads().values()))
            except Exception:
                self.window = 8
        return self

    def __exit__(self, *exc: Any) -> None:
        for thing in reversed(self.owned):
            thing.close()

    def map(self, chunks: Iterable[Any]) -> Iterator[Packed]:
        spec = self.processor.spec
        pending: deque = deque()
        for chunk in chunks:
            pending.append(self.client.submit(process_chunk, spec, chunk, pure=False))
            if len(pending) >= (self.window or 8):
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


_SCHEDULER = re.compile(r"(?:[a-z][a-z0-9+.-]*://\S+|[^\s:/]+:\d+)\Z", re.IGNORECASE)
_LOCAL = re.compile(r"local(?::([1-9]\d{0,3}))?\Z")


def check_dask_address(address: Any) -> None:
    """A --dask value is ``local``, ``local:N`` or a scheduler's address (``tcp://HOST:PORT``,
    ``HOST:PORT``): checked
    before anything is written, so that a mistyped one leaves nothing behind."""
    if address is None or not isinstance(address, str):
        return  # a client or cluster object given by a script
    local = address == "local" or address.startswith("local:")
    if not (_LOCAL.match(address) if local else _SCHEDULER.match(address)):
        raise InputError(f"expected local, local:N (N processes, 1 or more) or a scheduler address, "
                         f"e.g. tcp://10.0.0.5:8786; got {address!r}", field="--dask")


def connect(address: str, owned: list[Any]) -> Any:
    """A Dask client for ``address``; ``local`` or ``local:N`` starts a local cluster of N processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise InputError("--dask needs dask.distributed: pip install 'compliance-engine[dask]'",
                         field="--dask") from None
    if address == "local" or address.startswith("local:"):
        n = int(address.partition(":")[2] or 2)
        import logging
        # a run stopped by Ctrl-C cancels tasks, which the cluster would log as warnings under the run's own line
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        owned.append(cluster)
        client = Client(cluster)
    else:
        try:
            client = Client(address, timeout=30)
        except OSError as exc:
            raise InputError(f"cannot reach the Dask scheduler: {exc}", field="--dask") from None
    owned.append(client)
    return client


def _executor(processor: Processor, workers: int, dask: Any, start_method: str | None,
              spool_near: Path | None = None) -> Any:
    if dask is not None:
        return _Dask(processor, dask)
    if workers > 1:
        return _Pool(processor, workers, start_method, spool_near)
    return _Inline(processor)


# ---------------------------------------------------------------------------- the pump

@dataclass
class _State:
    done: int = 0
    out_offset: int = 0
    err_offset: int = 0
    products: int = 0
    errors: int = 0
    total_duty: float = 0.0
    duty_unknown: int = 0


def _pump(executor: Any, chunks: Iterable[Any], out: Any, err_out: Any, state: _State, *,
          on_chunk: Callable[[Packed, int], None] | None = None,
          checkpoint: Callable[[], None] | None = None, checkpoint_every: float = 2.0,
          progress: Any = None, callback: ProgressCallback | None = None, total: int | None = None,
          samples: list[str] | None = None) -> None:
    """Write each chunk's results as they come back in catalogue order; ``on_chunk(packed,
    base)`` gets each chunk with the catalogue index of its first record."""
    last = time.monotonic()
    with executor:
        for packed in executor.map(chunks):
            base = state.done
            settled = replace(state)
            try:
                for err in packed.errors:
                    err["index"] += base
                    err_out.write(json.dumps(err, ensure_ascii=False, default=str) + "\n")
                    if samples is not None and len(samples) < ERROR_SAMPLES:
                        samples.append(err["error"])
                state.errors += len(packed.errors)
                state.products += len(packed.aggregates)
                executor.write(packed, out)
                if on_chunk is not None:
                    on_chunk(packed, base)
                state.done = base + packed.records
                state.out_offset = out.tell()
                state.err_offset = err_out.tell()
            except BaseException:
                # stopped halfway through a chunk (Ctrl-C, SIGTERM): the checkpoint must not count
                # what --resume does again, so the state goes back to the last whole chunk
                state.__dict__.update(settled.__dict__)
                raise
            if progress is not None:
                progress.advance(packed.records)
            if checkpoint is not None and time.monotonic() - last >= checkpoint_every:
                checkpoint()
                last = time.monotonic()
            if callback is not None:
                callback(state.done, total)


def _chunk_source(catalog: Path, cfmt: str, chunk_size: int, skip: int, mapping: ColumnMapping,
                  parallel: bool) -> tuple[Iterator[Any], list[str]]:
    """The chunks a run sends to its executor, and the catalogue's columns that map to nothing.

    Worker processes are sent blocks of the catalogue's text where its format allows (they
    parse it themselves: see :mod:`compliance.batch.blocks`); a run in one process, and Excel
    or YAML catalogues, are read here."""
    if parallel and cfmt in BLOCK_FORMATS:
        blocks = TextBlocks(catalog, cfmt, chunk_size, skip=skip)
        source = iter(blocks)
        try:
            first = next(source)
        except StopIteration:
            return iter(()), []
        columns: Iterable[str] = blocks.columns or ()
        if cfmt != "jsonl":
            mapping.check_columns(columns, str(catalog))
        if cfmt == "jsonl":
            head = next(first.records(str(catalog)), None)
            columns = head.values if head is not None and isinstance(head.values, dict) else ()
        for column in columns:
            mapping.target(column)
        return itertools.chain([first], source), list(mapping.unknown)
    records: Iterator[Record] = iter_records(catalog, cfmt)
    if skip:
        records = itertools.islice(records, skip, None)
    records, unknown = _peek_columns(records, mapping, str(catalog))
    return _chunks(records, chunk_size), unknown


def _store_file(store: Any) -> str | None:
    """The store's file as a checkpoint records it (None: no store)."""
    if store is None:
        return None
    return str((_store_path(store) or store.path).resolve())


def _store_path(store: Any) -> Path | None:
    """The file of a result store given by path (an open store is already in use)."""
    return Path(store) if isinstance(store, (str, Path)) else None


def _resolve_format(fmt: str | None, output: str | None) -> str:
    if fmt is not None:
        if fmt not in OUTPUT_FORMATS:
            raise InputError(f"unknown output format {fmt!r}; expected jsonl, csv or parquet", field="--format")
        return fmt
    if output and output != "-":
        suffix = Path(output).suffix.casefold()
        return {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}.get(suffix, "jsonl")
    return "jsonl"


def _as_mapping(mapping: ColumnMapping | Mapping[str, str] | None) -> ColumnMapping:
    if isinstance(mapping, ColumnMapping):
        return mapping
    if mapping is None:
        return ColumnMapping()
    if not isinstance(mapping, Mapping):
        raise TypeError(f"mapping: expected a ColumnMapping or a dict of column to field, got {type(mapping).__name__}")
    return ColumnMapping(mapping)


def _check_engine(engine: Any, name: str = "engine") -> None:
    from ..engine import Engine
    if not isinstance(engine, Engine):
        raise TypeError(f"{name}: expected a compliance.Engine (compliance.Engine.load()), got {type(engine).__name__}")


def _peek_columns(records: Iterator[Record], mapping: ColumnMapping,
                  catalog: str) -> tuple[Iterator[Record], list[str]]:
    try:
        first = next(records)
    except StopIteration:
        return iter(()), []
    if first.columns:  # a sheet's header (JSON Lines and YAML records each bring their own keys)
        mapping.check_columns(first.columns, catalog)
    for column in first.columns or (first.values if isinstance(first.values, dict) else ()):
        mapping.target(column)
    return itertools.chain([first], records), list(mapping.unknown)


def run(engine: Any, catalog: Path | str, output: Path | str | None = None, *,
        fmt: str | None = None, as_of: dt.date | None = None, lang: str = "en",
        mapping: ColumnMapping | Mapping[str, str] | None = None, workers: int = 1,
        resume: bool = False, errors: Path | str | None = None, store: Any = None,
        progress: bool | None = False, on_progress: ProgressCallback | None = None,
        chunk_size: int | None = None, dask: Any = None, start_method: str | None = None,
        checkpoint_every: float = 2.0, stream: IO[str] | None = None, tune_gc: bool = True,
        detail: str = "full") -> BatchSummary:
    """Evaluate every product of a catalogue and stream the checklists to ``output``.

    ``detail="compact"`` writes JSON Lines that name rules by id, with the rules' texts once
    in ``<output>.rules.json`` (see :mod:`compliance.batch.compact`).

    ``output`` is a JSON Lines, CSV or Parquet file (``fmt``, else from its extension),
    written atomically; ``None`` or ``"-"`` writes JSON Lines or CSV to ``stream`` (default
    standard output). Bad rows go to ``errors`` (default ``<output>.errors.jsonl``) and the
    run goes on. ``workers`` > 1 uses a process pool; ``dask`` a Dask client or scheduler
    address. ``resume`` continues an interrupted run from its checkpoint. ``store`` is a
    path or :class:`ResultStore` that keeps every checklist for ``compliance history``.
    ``on_progress(done, total)`` is called after each chunk (it may raise to stop the run;
    the checkpoint is then written as on Ctrl-C). ``tune_gc`` freezes what is alive out of
    the garbage collector for the run (see :func:`gc_tuned`).
    """
    _check_engine(engine)
    as_of = as_date(as_of)
    started = time.perf_counter()
    catalog = Path(catalog)
    cfmt = catalog_format(catalog)
    if not catalog.exists():
        raise InputError("file not found", file=str(catalog))
    mapping = _as_mapping(mapping)
    to_stream = output is None or str(output) == "-"
    fmt = _resolve_format(fmt, None if to_stream else str(output))
    if fmt == "parquet":
        if to_stream:
            raise InputError("Parquet output needs a file: give -o FILE.parquet", field="--format")
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise InputError("writing Parquet needs pyarrow: pip install 'compliance-engine[parquet]'",
                             field="--format") from None
    if detail not in ("full", "compact"):
        raise InputError(f"unknown detail {detail!r}; expected full or compact", field="--detail")
    if detail == "compact" and fmt != "jsonl":
        raise InputError("--detail compact is a JSON Lines layout; CSV and Parquet rows are compact already",
                         field="--detail")
    if detail == "compact" and to_stream:
        raise InputError("--detail compact writes the rule texts beside the output: give -o FILE.jsonl",
                         field="--detail")
    check_dask_address(dask)
    workers = max(1, int(workers))
    chunk_size = chunk_size or (DEFAULT_CHUNK if workers > 1 or dask is not None else 512)
    spec = Spec(kind="batch", file=str(catalog), packs=engine_packs(engine), rules_version=engine.rules_version,
                as_of=as_of, lang=lang, fmt=fmt, store=store is not None,
                mapping=tuple(sorted(mapping.to_dict().items())), detail=detail, today=dt.date.today())

    from ..render.tabular import COLUMNS
    header = ",".join(COLUMNS) + "\n" if fmt == "csv" else ""
    out: Any
    err_out: Any
    checkpoint: Checkpoint | None = None
    if to_stream:
        out = StreamFile(stream, header)
        errors_path = Path(errors) if errors else None
        err_out = StagedFile(errors_path, option="--errors", what="errors file") if errors_path else NullFile()
    else:
        target = Path(output)  # type: ignore[arg-type]
        out = StagedFile(target, header)
        errors_path = Path(errors) if errors else target.with_name(target.name + ".errors.jsonl")
        err_out = StagedFile(errors_path, option="--errors", what="errors file")
        checkpoint = Checkpoint(target)
    from .compact import rules_path
    check_targets(catalog, [("--output", "the output", None if to_stream else Path(output)),  # type: ignore[arg-type]
                            ("--errors", "the errors file", errors_path),
                            ("--detail", "the rules file of the compact output",
                             rules_path(output) if detail == "compact" else None),
                            ("--store", "the result store", _store_path(store))])

    options = {"catalog": catalog_identity(catalog), "format": fmt, "detail": detail,
               "as_of": as_of and as_of.isoformat(),
               "lang": lang, "rules_version": engine.rules_version, "mapping": dict(spec.mapping),
               "errors": str(errors_path.resolve()) if errors_path else None,
               # which store: a run resumed into another would leave its first rows in the first
               "store": _store_file(store)}
    options = json.loads(json.dumps(options, default=str))
    state = _State()
    run_id: str | None = None
    saved = checkpoint.load() if (resume and checkpoint is not None) else None
    if saved is not None and saved.get("options") != options:
        what = [k for k in options if (saved.get("options") or {}).get(k) != options[k]]
        raise InputError("cannot resume: " + ", ".join(what) + " changed since the interrupted run; "
                         "run again without --resume to start over", file=str(checkpoint.path))  # type: ignore[union-attr]
    if saved is not None and saved.get("today"):  # the rest of the run is on the day it began
        spec = replace(spec, today=dt.date.fromisoformat(saved["today"]))
    processor = Processor(spec, engine=engine)

    from .store import ResultStore, check_store, not_holding
    resuming = saved.get("run_id") if saved is not None else None
    if store is not None and not isinstance(store, ResultStore):
        # before the outputs: a store the run could not write leaves nothing behind; the store is
        # made only once the outputs are this run's, so that a run stopped at their lock never
        # makes, nor removes, a store another run is about to use
        check_store(store, resuming)
    if saved is not None:
        state = _State(**saved["state"])
        run_id = saved.get("run_id")
        open_outputs(out, err_out, (state.out_offset, state.err_offset))
    else:
        open_outputs(out, err_out)  # first: a run writing the same output stops here, its checkpoint kept
        if checkpoint is not None:
            checkpoint.remove()
    resumed = state.done
    if isinstance(out, StagedFile) and out.locked:
        remove_stale(out.target)

    result_store = None
    owns_store = False
    try:
        if store is not None:
            owns_store = not isinstance(store, ResultStore)
            result_store = ResultStore(store) if owns_store else store
            if resuming is not None and not result_store.holds(resuming):
                raise not_holding(resuming, _store_path(store) or result_store.path, "replaced")
            run_id = result_store.begin_run(rules_version=engine.rules_version, catalog=str(catalog),
                                            as_of=as_of and as_of.isoformat(), lang=lang, run_id=run_id,
                                            options={"format": fmt, "output": None if to_stream else str(output)})
    except BaseException:
        if owns_store and result_store is not None:
            result_store.close()
        if saved is None:  # nothing of this run is written yet
            out.discard()
            err_out.discard()
        else:  # what the interrupted run wrote stays, for --resume
            out.close()
            err_out.close()
        raise

    summary = BatchSummary(catalog=str(catalog), output=None if to_stream else str(output), format=fmt,
                           errors_path=str(errors_path) if errors_path else None,
                           rules_version=engine.rules_version, as_of=as_of and as_of.isoformat(),
                           resumed=resumed, run_id=run_id, workers=workers)

    def on_chunk(packed: Packed, base: int) -> None:
        for column in packed.unknown:
            if column not in summary.unknown_columns:
                summary.unknown_columns.append(column)
        for duty in packed.aggregates:
            if duty is None:
                state.duty_unknown += 1
            else:
                state.total_duty += duty
        if result_store is not None and packed.stores:
            result_store.add(run_id, [(base + index, row, rec) for index, row, rec in packed.stores])  # type: ignore[arg-type]
        if result_store is not None and packed.errors:  # their index already counts from the catalogue's start
            result_store.add_failures(run_id, [  # type: ignore[arg-type]
                (e["index"], e["row"], e["sku"], f"{e['field']}: {e['message']}" if e.get("field") else e["message"])
                for e in packed.errors])

    def save_checkpoint() -> None:
        if checkpoint is None:
            if result_store is not None:  # a run to a stream holds no write lock on the store for long
                result_store.commit()
            return
        out.sync()
        err_out.sync()
        if result_store is not None:
            result_store.commit()
        checkpoint.save({"options": options, "run_id": run_id, "state": asdict(state),
                         "today": spec.today.isoformat() if spec.today else None,
                         "saved_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")})

    bar = None
    try:
        chunks, summary.unknown_columns = _chunk_source(catalog, cfmt, chunk_size, resumed, mapping,
                                                        workers > 1 or dask is not None)
        # the total is for a bar or a callback: not worth reading a large sheet for otherwise
        total = count_records(catalog, cfmt) if (wanted(progress) or on_progress is not None) else None
        bar = make_progress(total, resumed, progress)
        with bar, gc_tuned(tune_gc):
            _pump(_executor(processor, workers, dask, start_method, None if to_stream else Path(output)),  # type: ignore[arg-type]
                  chunks, out, err_out, state, on_chunk=on_chunk, checkpoint=save_checkpoint,
                  checkpoint_every=checkpoint_every, progress=bar, callback=on_progress, total=total,
                  samples=summary.error_samples)
    except BaseException as exc:
        if bar is not None:
            bar.stop()
        # a catalogue that cannot be read on leaves nothing worth resuming; anything else
        # (Ctrl-C, SIGTERM, a lost Dask scheduler) keeps the checkpoint for --resume
        # nor does a cluster that could not be reached before a first row was done
        unreadable = isinstance(exc, InputError) and (exc.file == str(catalog) or (
            exc.field == "--dask" and saved is None and state.done == 0))
        # a store that failed a write: its last checkpoint, saved after its last commit, stands
        store_failed = isinstance(exc, InputError) and exc.field == "--store"
        status = "failed" if unreadable else "interrupted"
        try:
            if unreadable or checkpoint is None:  # an output to a stream cannot be resumed either
                out.discard()
                err_out.discard()
                if checkpoint is not None:
                    checkpoint.remove()
            elif not store_failed:
                save_checkpoint()
        finally:
            out.close()
            err_out.close()
            if result_store is not None:
                if store_failed:
                    result_store.give_up_run(run_id, products=state.products, errors=state.errors,  # type: ignore[arg-type]
                                             status=status)
                else:
                    result_store.finish_run(run_id, products=state.products, errors=state.errors,  # type: ignore[arg-type]
                                            status=status)
                if owns_store:
                    result_store.close()
        raise

    if detail == "compact":
        from .compact import rules_catalogue, rules_path
        atomic_write_text(rules_path(output), dumps(rules_catalogue(engine, lang)) + "\n")
    out.finish(jsonl_rows_to_parquet(COLUMNS) if fmt == "parquet" else None)
    err_out.finish()
    if checkpoint is not None:
        checkpoint.remove()
    if result_store is not None:
        result_store.commit()
        result_store.finish_run(run_id, products=state.products, errors=state.errors)  # type: ignore[arg-type]
        if owns_store:
            result_store.close()
    summary.records = state.done - resumed
    summary.products = state.products
    summary.errors = state.errors
    summary.total_duty = round(state.total_duty, 2)
    summary.duty_unknown = state.duty_unknown
    summary.seconds = time.perf_counter() - started
    return summary


def impact(before: Any, after: Any, catalog: Path | str, output: Path | str | None = None, *,
           as_of: dt.date | None = None, against: dt.date | None = None,
           mapping: ColumnMapping | Mapping[str, str] | None = None, workers: int = 1,
           errors: Path | str | None = None, include_unchanged: bool = False,
           progress: bool | None = False, chunk_size: int | None = None, dask: Any = None,
           start_method: str | None = None, tune_gc: bool = True) -> Any:
    """Compare a catalogue under two engines and/or two dates.

    ``before`` and ``after`` are engines (the same one to compare dates); ``as_of`` and
    ``against`` the dates (None: each product's entry date, else the day the run began; ``against``
    defaults to ``as_of``). Writes one JSON line per changed product (every product with
    ``include_unchanged``) to ``output`` atomically, and returns an :class:`ImpactSummary`.
    """
    from .impact import ImpactSummary

    _check_engine(before, "before")
    _check_engine(after, "after")
    as_of, against = as_date(as_of), as_date(against, "against")
    started = time.perf_counter()
    catalog = Path(catalog)
    cfmt = catalog_format(catalog)
    if not catalog.exists():
        raise InputError("file not found", file=str(catalog))
    mapping = _as_mapping(mapping)
    against = against or as_of
    check_dask_address(dask)
    workers = max(1, int(workers))
    spec = Spec(kind="impact", file=str(catalog), packs=engine_packs(before), rules_version=before.rules_version,
                as_of=as_of, against_packs=engine_packs(after), against_version=after.rules_version,
                against_as_of=against, include_unchanged=include_unchanged, today=dt.date.today(),
                mapping=tuple(sorted(mapping.to_dict().items())))
    processor = Processor(spec, engine=before, against=after)
    out: Any
    if output is None:
        out = NullFile()
    elif str(output) == "-":
        out = StreamFile()
    else:
        out = StagedFile(Path(output))
    errors_path = Path(errors) if errors else (
        Path(output).with_name(Path(output).name + ".errors.jsonl") if output and str(output) != "-" else None)
    err_out = StagedFile(errors_path, option="--errors", what="errors file") if errors_path else NullFile()
    check_targets(catalog, [("--output", "the output", out.target if isinstance(out, StagedFile) else None),
                            ("--errors", "the errors file", errors_path)])
    summary = ImpactSummary(before={"as_of": as_of and as_of.isoformat(), "rules_version": before.rules_version},
                            after={"as_of": against and against.isoformat(), "rules_version": after.rules_version},
                            output=str(output) if output else None,
                            errors_path=str(errors_path) if errors_path else None)
    state = _State()
    parallel = workers > 1 or dask is not None
    chunks, _ = _chunk_source(catalog, cfmt, chunk_size or (DEFAULT_CHUNK if parallel else 512), 0, mapping,
                              parallel)
    total = count_records(catalog, cfmt) if wanted(progress) else None
    open_outputs(out, err_out)
    if isinstance(out, StagedFile) and out.locked:
        remove_stale(out.target)
    bar = make_progress(total, 0, progress, label="comparing")
    try:
        with bar, gc_tuned(tune_gc):
            to_file = output is not None and str(output) != "-"
            _pump(_executor(processor, workers, dask, start_method, Path(output) if to_file else None),  # type: ignore[arg-type]
                  chunks, out, err_out, state,
                  on_chunk=lambda packed, base: [summary.add(diff) for diff in packed.aggregates],
                  progress=bar, total=total, samples=summary.error_samples)
    except BaseException:
        bar.stop()
        out.discard()  # an impact run does not resume: what it began is of no use
        err_out.discard()
        raise
    out.finish()
    err_out.finish()
    summary.errors = state.errors
    summary.seconds = time.perf_counter() - started
    return summary
