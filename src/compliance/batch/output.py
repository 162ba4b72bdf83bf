"""Output files that are never half-written, and the checkpoint that lets a run resume.

An output is written to ``<name>.partial`` beside its target and renamed into place when
the run is complete; a crash or Ctrl-C leaves the target untouched (the old file, or none).
The run holds an exclusive lock on the partial file until it is renamed, so a second run
writing the same output (two scheduled jobs, say) stops at once instead of truncating it.
The checkpoint ``<name>.checkpoint`` records, at chunk boundaries, how many catalogue
records are finished and how many bytes of each partial file hold them; ``--resume``
truncates the partial files to those sizes and goes on from the next record.
"""

from __future__ import annotations

import errno
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Any, Callable

from ..errors import InputError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; a second run is not stopped there
    fcntl = None  # type: ignore[assignment]

CHECKPOINT_VERSION = 1


def partial_path(target: Path) -> Path:
    return target.with_name(target.name + ".partial")


def checkpoint_path(target: Path) -> Path:
    return target.with_name(target.name + ".checkpoint")


def atomic_write_text(target: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        _ordinary_mode(tmp)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _ordinary_mode(path: str) -> None:
    """The mode of an ordinary new file (0644 under the usual umask), not mkstemp's owner-only."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def _reason(exc: OSError) -> str:
    if isinstance(exc, (FileExistsError, NotADirectoryError)) and exc.filename:
        return f"{exc.filename} is not a folder"
    reason = exc.strerror or str(exc)
    return f"{reason.lower()}: {exc.filename}" if exc.filename else reason.lower()


# os.copy_file_range where the system has it; emptied on the first refusal
_KERNEL_COPY = [True] if hasattr(os, "copy_file_range") else []
_NO_KERNEL_COPY = {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EBADF, errno.EPERM}

_BUFFER = 1 << 20  # lines of a few KiB each: one system call per MiB, not per 8 KiB


class StagedFile:
    """A file written under ``.partial`` and renamed onto its target by :meth:`finish`."""

    def __init__(self, target: Path | str, header: str = "", *, option: str = "--output",
                 what: str = "output") -> None:
        self.target = Path(target)
        self.partial = partial_path(self.target)
        self.header = header
        self.option = option    # the command-line option that named it, for errors
        self.what = what        # what it is, for errors: "output", "errors file"
        self.fh: IO[bytes] | None = None
        self.locked = False     # this run holds the lock: no other run is writing this output

    def open(self, resume_at: int | None = None) -> None:
        try:
            self._open(resume_at)
        except InputError:
            raise
        except OSError as exc:  # a folder that cannot be made, a read-only place, a full disk...
            raise InputError(f"cannot write the {self.what}: {_reason(exc)}", file=str(self.target),
                             field=self.option) from None

    def _open(self, resume_at: int | None) -> None:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        if resume_at is not None and (not self.partial.is_file() or self.partial.stat().st_size < resume_at):
            raise InputError("cannot resume: the partial output is missing or shorter than the "
                             "checkpoint says; run again without --resume", file=str(self.partial))
        # opened without truncating: the file is emptied only once this run holds its lock
        fd = os.open(self.partial, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
        try:
            self.locked = _lock(fd, self)
            self.fh = os.fdopen(fd, "r+b", buffering=_BUFFER)
        except BaseException:
            os.close(fd)
            raise
        if resume_at is not None:
            self.fh.truncate(resume_at)
            self.fh.seek(resume_at)
        else:
            self.fh.truncate(0)
            if self.header:
                self.fh.write(self.header.encode("utf-8"))

    def write(self, text: str) -> None:
        assert self.fh is not None
        self.fh.write(text.encode("utf-8"))

    def write_bytes(self, data: bytes) -> None:
        """Text already encoded as UTF-8."""
        assert self.fh is not None
        self.fh.write(data)

    def copy_range(self, fd: int, offset: int, length: int) -> bool:
        """Append ``length`` bytes of file ``fd`` from ``offset``, copied by the kernel; False
        (nothing written) where the system cannot, and the caller copies them itself."""
        assert self.fh is not None
        if not _KERNEL_COPY:
            return False
        self.fh.flush()
        out = self.fh.fileno()
        done = 0
        while done < length:
            try:
                n = os.copy_file_range(fd, out, length - done, offset + done)
            except OSError as exc:
                if done or exc.errno not in _NO_KERNEL_COPY:
                    raise
                _KERNEL_COPY.clear()
                return False
            if n == 0:
                raise OSError(errno.EIO, "the spooled output is shorter than its chunk")
            done += n
        self.fh.seek(0, os.SEEK_END)  # the buffered writer learns where the file now ends
        return True

    def tell(self) -> int:
        assert self.fh is not None
        return self.fh.tell()

    def sync(self) -> None:
        if self.fh is not None:
            self.fh.flush()
            os.fsync(self.fh.fileno())

    def close(self) -> None:
        if self.fh is not None:
            self.fh.flush()
            self.fh.close()
            self.fh = None

    def discard(self) -> None:
        """Close and remove the partial file (still locked while it goes): the run stops for
        good and nothing of it is to be resumed."""
        if self.fh is not None:
            self.partial.unlink(missing_ok=True)
            self.close()

    def finish(self, convert: Callable[[Path, Path], None] | None = None) -> None:
        """Rename into place, ``convert(partial, tmp)`` writing another format first; the lock
        is held until the partial file is gone, so no other run can take it over meanwhile."""
        self.sync()
        if fcntl is None:  # where files are not locked, an open file cannot be renamed either
            self.close()
        try:
            if convert is None:
                os.replace(self.partial, self.target)
                return
            fd, tmp = tempfile.mkstemp(dir=self.target.parent, prefix=f".{self.target.name}.", suffix=".tmp")
            os.close(fd)
            try:
                convert(self.partial, Path(tmp))
                _ordinary_mode(tmp)
                os.replace(tmp, self.target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            self.partial.unlink(missing_ok=True)
        finally:
            self.close()


def open_outputs(out: Any, err_out: Any, resume_at: tuple[int, int] | None = None) -> None:
    """Open a run's output and errors file (at the checkpoint's offsets when resuming): both or
    neither, so that a run stopped here holds no lock and leaves no file it opened."""
    out.open(resume_at=resume_at and resume_at[0])
    try:
        err_out.open(resume_at=resume_at and resume_at[1])
    except BaseException:
        if resume_at is None:
            out.discard()  # emptied when opened: nothing in it to keep
        else:
            out.close()    # what an interrupted run wrote stays, for --resume
        raise


def _lock(fd: int, staged: StagedFile) -> bool:
    """Take the run's exclusive lock on a partial output, or stop: another run is writing it.
    False where files cannot be locked (the run goes on unlocked)."""
    if fcntl is None:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise InputError(f"another run is writing this {staged.what}; wait for it to end or choose another "
                         f"{staged.what if staged.what != 'output' else 'output file'}", file=str(staged.target),
                         field=staged.option) from None
    except OSError:  # a file system without locks (some network mounts): go on unlocked
        return False
    return True


class StreamFile:
    """Standard output (or any text stream): no staging, no resume."""

    def __init__(self, stream: IO[str] | None = None, header: str = "") -> None:
        self.stream = stream or sys.stdout
        self.header = header
        self.written = 0
        self.pending = ""

    def open(self, resume_at: int | None = None) -> None:
        # the header waits for the first row: a catalogue that cannot be read prints nothing
        self.pending = self.header

    def write(self, text: str) -> None:
        if self.pending:
            text, self.pending = self.pending + text, ""
        self.stream.write(text)
        self.written += len(text)

    def write_bytes(self, data: bytes) -> None:
        self.write(data.decode("utf-8"))

    def tell(self) -> int:
        return self.written

    def sync(self) -> None:
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()

    def finish(self, convert: Any = None) -> None:
        if self.pending:  # a catalogue without products still gets its header
            self.write("")
        self.stream.flush()

    def discard(self) -> None:
        self.close()


class NullFile(StreamFile):
    def __init__(self) -> None:
        super().__init__(stream=open(os.devnull, "w"))


class Checkpoint:
    """The progress of an interrupted run, beside its output."""

    def __init__(self, target: Path) -> None:
        self.path = checkpoint_path(target)

    def load(self) -> dict[str, Any] | None:
        if not self.path.is_file():
            return None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise InputError("cannot resume: the checkpoint is unreadable; run again without --resume",
                             file=str(self.path)) from None
        if not isinstance(data, dict) or data.get("version") != CHECKPOINT_VERSION:
            raise InputError("cannot resume: checkpoint of another version; run again without --resume",
                             file=str(self.path))
        return data

    def save(self, data: dict[str, Any]) -> None:
        atomic_write_text(self.path, json.dumps({"version": CHECKPOINT_VERSION, **data}, indent=1, default=str))

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def check_targets(catalog: Path, writes: list[tuple[str, str, Path | None]]) -> None:
    """Stop a run, before it writes anything, whose files would destroy each other or the
    catalogue: ``writes`` lists (option, what it is, path) of each file the run writes; the
    output and the errors file (staged files) also write their ``.partial``, and the output
    its ``.checkpoint``."""
    def same(a: Path, b: Path) -> bool:
        try:
            return os.path.samefile(a, b)
        except OSError:  # one of them does not exist yet
            return a.resolve() == b.resolve()

    seen: list[tuple[str, str, Path]] = []
    for option, what, path in writes:
        if path is None:
            continue
        if path.is_dir():
            raise InputError(f"{what} is a folder; give a file name", file=str(path), field=option)
        also = [path] + ([partial_path(path)] if option in ("--output", "--errors") else []) + (
            [checkpoint_path(path)] if option == "--output" else [])
        for written in also:
            if same(written, catalog):
                raise InputError(f"{what} would overwrite the catalogue", file=str(path), field=option)
            for other_option, other_what, other in seen:
                if same(written, other):
                    raise InputError(f"{what} and {other_what} ({other_option}) are the same file",
                                     file=str(path), field=option)
        seen += [(option, what, written) for written in also]


def catalog_identity(path: Path) -> dict[str, Any]:
    st = path.stat()
    return {"path": str(path.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


# ---------------------------------------------------------------------------- Parquet

PARQUET_FLOATS = ("rate_percent", "assessed_value", "duty")


def jsonl_rows_to_parquet(columns: list[str]) -> Callable[[Path, Path], None]:
    """A converter from staged JSON Lines rows to a Parquet file, in bounded batches."""

    def convert(src: Path, dst: Path) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:  # checked before the run starts; kept for library callers
            raise InputError("writing Parquet needs pyarrow: pip install 'compliance-engine[parquet]'") from None
        schema = pa.schema([(c, pa.float64() if c in PARQUET_FLOATS else pa.string()) for c in columns])
        with pq.ParquetWriter(str(dst), schema, compression="zstd") as writer:
            batch: list[dict] = []
            with src.open("r", encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        batch.append(json.loads(line))
                    if len(batch) >= 50_000:
                        writer.write_table(_table(pa, schema, batch, columns))
                        batch = []
            if batch:
                writer.write_table(_table(pa, schema, batch, columns))
    return convert


def _table(pa: Any, schema: Any, batch: list[dict], columns: list[str]) -> Any:
    arrays = {}
    for c in columns:
        values = [r.get(c) for r in batch]
        if c in PARQUET_FLOATS:
            arrays[c] = [None if v in (None, "") else float(v) for v in values]
        else:
            arrays[c] = [None if v is None else str(v) for v in values]
    return pa.table(arrays, schema=schema)
