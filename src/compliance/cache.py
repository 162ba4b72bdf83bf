"""A cache of compiled engines, so a cold `compliance evaluate` does not re-read every pack.

The key is the library version and the path, size and modification time of every file of
the packs; any change to a rule, fact or list file makes a new key. A cache that cannot be
read or written is ignored: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any, Callable, Sequence

ENV_DISABLE = "COMPLIANCE_NO_CACHE"
ENV_DIR = "COMPLIANCE_CACHE_DIR"
_KEEP = 24


def cache_dir() -> Path:
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "compliance"


def _key(roots: Sequence[Path]) -> str | None:
    from . import __version__
    digest = hashlib.sha256(__version__.encode())
    # The library's own modules are part of the key: a pickled engine is only valid for the code
    # that built it.
    package = Path(__file__).resolve().parent
    for p in sorted(package.rglob("*.py")):
        st = p.stat()
        digest.update(f"{p.relative_to(package)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    for root in roots:
        # the folder as given as well as where it is: an engine keeps its packs' paths as given,
        # and "../pack" from one folder must not come back as the "pack" of another
        digest.update(f"{root}\0{root.resolve()}\0".encode())
        try:
            entries = sorted(p for p in root.rglob("*") if p.is_file())
        except OSError:
            return None
        for p in entries:
            st = p.stat()
            digest.update(f"{p.relative_to(root)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:32]


def cached(roots: Sequence[Path], build: Callable[[], Any]) -> Any:
    """The engine for these pack folders: from the cache when current, else built and stored."""
    if os.environ.get(ENV_DISABLE):
        return build()
    key = _key(roots)
    if key is None:
        return build()
    folder = cache_dir()
    path = folder / f"engine-{key}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # noqa: BLE001 - a missing or unreadable cache only costs time
        pass
    engine = build()
    tmp = None
    try:
        data = pickle.dumps(engine, protocol=pickle.HIGHEST_PROTOCOL)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        tmp = None
        _prune(folder)
    except Exception:  # noqa: BLE001 - the cache only ever saves time
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return engine


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("engine-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[_KEEP:]:
        old.unlink(missing_ok=True)
