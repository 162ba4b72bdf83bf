"""Chunk outputs handed from pool workers to the coordinating process through files.

A chunk of 1,024 products makes about 2 MB of JSON Lines. Sent back through the pool's pipe,
those bytes are pickled by the worker, read and unpickled by the coordinator and written
again: three copies in Python on the two cores the workers need. Instead each worker appends
its chunks' output to a spool file of its own beside the output and sends back only where
it lies; the coordinator, writing chunks in catalogue order, has the kernel copy each range
into the output (``os.copy_file_range``), without the bytes passing through Python.

A worker starts a new spool file every :data:`ROTATE` bytes. Chunks of one worker are
written and consumed in the order it took them, so when the coordinator first meets a
worker's next file it deletes the one before: the spool holds about one file per worker.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

ROTATE = 64 << 20
_BINARY = getattr(os, "O_BINARY", 0)  # Windows opens low-level files as text otherwise

# (spool file name, offset, length) of one chunk's output
SpoolRef = tuple[str, int, int]


def make_spool(near: Path | None) -> Path:
    """A fresh spool folder beside ``near`` (an output file: the same file system lets the kernel
    copy ranges cheaply), or in the temporary folder."""
    if near is not None:
        return Path(tempfile.mkdtemp(dir=near.parent, prefix=f".{near.name}.spool-"))
    return Path(tempfile.mkdtemp(prefix="compliance-spool-"))


def remove_stale(near: Path) -> None:
    """Remove the spool folders left beside ``near`` by runs that were killed outright (SIGKILL,
    the OOM killer): called by a run that holds the lock on ``near``, so no live run owns them."""
    import glob
    for folder in near.parent.glob(f".{glob.escape(near.name)}.spool-*"):
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)


class SpoolWriter:
    """A worker's side: appends chunk outputs to its own spool files."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)
        self.fd: int | None = None
        self.name = ""
        self.size = 0
        self.files = 0

    def put(self, data: bytes) -> SpoolRef:
        if self.fd is None or self.size >= ROTATE:
            self.close()
            self.name = f"{os.getpid()}-{self.files}.out"
            self.files += 1
            self.fd = os.open(self.folder / self.name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
            self.size = 0
        offset = self.size
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view):]
        self.size += len(data)
        return (self.name, offset, len(data))

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


class SpoolReader:
    """The coordinator's side: copies chunk outputs into the output file, in catalogue order."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.fds: dict[str, int] = {}
        self.current: dict[str, str] = {}  # writer (its pid) -> the file it writes now

    def _fd(self, name: str) -> int:
        fd = self.fds.get(name)
        if fd is None:
            writer = name.rpartition("-")[0]
            done = self.current.get(writer)
            if done is not None:  # the writer has gone on to its next file: the last is consumed
                os.close(self.fds.pop(done))
                (self.folder / done).unlink(missing_ok=True)
            self.current[writer] = name
            fd = self.fds[name] = os.open(self.folder / name, os.O_RDONLY | _BINARY)
        return fd

    def copy(self, ref: SpoolRef, out: Any) -> None:
        """Append a chunk's output to ``out`` (a staged file, or any output with ``write_bytes``)."""
        name, offset, length = ref
        fd = self._fd(name)
        copy_range = getattr(out, "copy_range", None)
        if copy_range is not None and copy_range(fd, offset, length):
            return
        while length:
            data = _pread(fd, min(length, 1 << 24), offset)
            if not data:
                raise OSError(errno.EIO, f"spool file {name} is shorter than its chunk")
            out.write_bytes(data)
            offset += len(data)
            length -= len(data)

    def close(self) -> None:
        for fd in self.fds.values():
            os.close(fd)
        self.fds.clear()
        shutil.rmtree(self.folder, ignore_errors=True)


def _pread(fd: int, size: int, offset: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # Windows: the reader is the file's only user
    return os.read(fd, size)
