"""What every command shares: error handling, loading the engine, options, atomic output."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

import click

from ..errors import InputError

EXIT_OK, EXIT_FAIL_ON, EXIT_INPUT = 0, 1, 2


def run_guarded(cli: click.Group, argv: list[str] | None) -> int:
    """Run the CLI so that bad input is one line on stderr and exit code 2, never a traceback."""
    try:
        result = cli.main(args=argv, prog_name="compliance", standalone_mode=False)
    except InputError as exc:
        click.echo(f"error: {exc}", err=True)
        return EXIT_INPUT
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except click.UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
        click.echo(f"error: {exc.format_message()}{hint}", err=True)
        return EXIT_INPUT
    except click.ClickException as exc:
        click.echo(f"error: {exc.format_message()}", err=True)
        return exc.exit_code if exc.exit_code != 1 else EXIT_INPUT
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug must still end in one readable line
        if os.environ.get("COMPLIANCE_DEBUG"):
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc} (set COMPLIANCE_DEBUG=1 for the traceback)",
                   err=True)
        return 70
    return result if isinstance(result, int) else EXIT_OK


def parse_date(value: str | None, option: str = "--as-of") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"expected a date YYYY-MM-DD, got {value!r}", field=option) from None


def rules_option(f: Callable) -> Callable:
    f = click.option("--no-default-rules", is_flag=True,
                     help="Do not load the bundled US pack (only --rules packs).")(f)
    return click.option("--rules", "rules_dirs", multiple=True, type=click.Path(),
                        help="A rule pack folder to add (repeatable); also COMPLIANCE_RULES.")(f)


def load_engine(rules_dirs: tuple[str, ...] = (), no_default: bool = False) -> Any:
    from ..engine import Engine
    from ..settings import configured_packs
    return Engine.load([*configured_packs(), *rules_dirs], include_default=not no_default)


def write_output(text: str, output: str | None) -> None:
    """Print, or write a file atomically: a crash never leaves half a file."""
    if not output or output == "-":
        click.echo(text, nl=not text.endswith("\n"))
        return
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def report(err: InputError) -> None:
    click.echo(f"error: {err}", err=True)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def table_width(default: int = 160) -> int:
    """The width of a printed table: ``COLUMNS`` where it is a positive number, else ``default``
    (a pipe or a log has no terminal to ask)."""
    value = os.environ.get("COLUMNS", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else default
