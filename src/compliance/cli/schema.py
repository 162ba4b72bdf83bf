"""`compliance schema`: the published JSON Schemas."""

from __future__ import annotations

import json

import click


@click.command()
@click.argument("which", type=click.Choice(["rule", "profile", "checklist", "checklist-compact", "facts", "pack"]))
def schema(which):
    """Print the JSON Schema of a rule file, a profile, a checklist, a facts file or pack.yaml."""
    from ..schemas import schema_for
    click.echo(json.dumps(schema_for(which), ensure_ascii=False, indent=2))
    return 0
