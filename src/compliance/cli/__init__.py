"""The `compliance` command: a thin layer over the library, one module per command group."""

from __future__ import annotations

import sys

import click

from .common import run_guarded


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="compliance-engine")
def cli() -> None:
    """What a product needs to enter the United States, and what it will pay."""


def _register() -> None:
    from . import evaluate, rules, schema, tariffs
    cli.add_command(evaluate.evaluate)
    cli.add_command(evaluate.explain)
    cli.add_command(rules.rules)
    cli.add_command(schema.schema)
    cli.add_command(tariffs.tariffs)
    optional = {"screen": ("screen", "lists"), "batch": ("batch", "impact", "history")}
    for module, names in optional.items():
        try:
            mod = __import__(f"{__name__}.{module}", fromlist=list(names))
        except ImportError:  # pragma: no cover - a command group not present in this build
            continue
        for name in names:
            if hasattr(mod, name):
                cli.add_command(getattr(mod, name))


def main(argv: list[str] | None = None) -> None:
    _register()
    sys.exit(run_guarded(cli, argv))
