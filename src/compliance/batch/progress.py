"""A progress bar with rate and ETA on a terminal; silent elsewhere."""

from __future__ import annotations

import os
import sys
from typing import Any


def wanted(enabled: bool | None) -> bool:
    """A bar only on a terminal, outside CI, unless turned off."""
    if enabled is False:
        return False
    if os.environ.get("CI") or os.environ.get("COMPLIANCE_NO_PROGRESS"):
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


class NoProgress:
    def __enter__(self) -> "NoProgress":
        return self

    def __exit__(self, *exc: Any) -> None:
        return None

    def advance(self, n: int) -> None:
        return None

    def stop(self) -> None:
        return None


class BarProgress(NoProgress):
    def __init__(self, total: int | None, completed: int = 0, label: str = "evaluating") -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task: Any) -> Text:
                speed = task.finished_speed or task.speed
                return Text("" if speed is None else f"{speed:,.0f}/s")

        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(),
                                 TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
                                 console=Console(stderr=True), transient=False, refresh_per_second=4)
        self.task = self.progress.add_task(label, total=total, completed=completed)
        self.started = False

    def __enter__(self) -> "BarProgress":
        self.progress.start()
        self.started = True
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def advance(self, n: int) -> None:
        self.progress.advance(self.task, n)

    def stop(self) -> None:
        if self.started:
            self.progress.stop()
            self.started = False


def make_progress(total: int | None, completed: int = 0, enabled: bool | None = None,
                  label: str = "evaluating") -> NoProgress:
    if not wanted(enabled):
        return NoProgress()
    return BarProgress(total, completed, label)
