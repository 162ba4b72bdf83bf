"""Finding and reading rule packs: manifest, facts, rules, lists and tests of a folder."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from pydantic import ValidationError

from .errors import InputError, RulePackError
from .lists import ReferenceList, load_list
from .model.facts import FactDef, FactsFile
from .model.rule import PackManifest, Rule, RuleFile
from .yamlio import Located, load_file

ENV_VAR = "COMPLIANCE_RULES"


def default_pack_path() -> Path:
    """The bundled US pack: inside the installed package, else the source tree's `rules/`."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent.parent / "rules"):
        if (candidate / "pack.yaml").is_file():
            return candidate
    raise RulePackError("the bundled rule pack is missing from this installation")


@dataclass
class LoadedRule:
    rule: Rule
    file: str
    located: Located
    path: tuple[object, ...]
    pack: str

    def position(self, *sub: object) -> tuple[int | None, int | None]:
        return self.located.position(self.path + sub)


@dataclass
class Pack:
    """One pack folder, read and validated (not yet compiled)."""

    root: Path
    manifest: PackManifest
    facts: dict[str, tuple[FactDef, str, int | None]] = field(default_factory=dict)
    rules: list[LoadedRule] = field(default_factory=list)
    lists: dict[str, ReferenceList] = field(default_factory=dict)
    test_files: list[Path] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    #: named conditions: name -> (raw condition, its file, the path to it in that file)
    conditions: dict[str, tuple[object, Located, tuple]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.manifest.name


Collect = Callable[[InputError], None]


def _raise(err: InputError) -> None:
    raise err


def read_pack(root: Path | str, collect: Collect = _raise) -> Pack:
    """Read a pack folder. Errors go to ``collect`` (default: raise the first)."""
    root = Path(root)
    if not root.is_dir():
        raise RulePackError("rule pack folder not found", file=str(root))
    manifest_path = root / "pack.yaml"
    if not manifest_path.is_file():
        raise RulePackError("not a rule pack: pack.yaml is missing", file=str(root))
    located = load_file(manifest_path)
    manifest = _validate(PackManifest, located, (), collect)
    if manifest is None:
        manifest = PackManifest(name=root.name.lower().replace(" ", "-") or "pack")
    pack = Pack(root=root, manifest=manifest, files=[manifest_path])

    for path, loc in _read_yaml_files(pack, "facts", collect):
        facts_file = _validate(FactsFile, loc, (), collect)
        if facts_file is None:
            continue
        for name, fact in facts_file.facts.items():
            line = loc.position(("facts", name))[0]
            if name in pack.facts:
                collect(RulePackError(f"fact '{name}' is declared twice (also in {pack.facts[name][1]})",
                                      file=str(path), line=line, field=f"facts.{name}", code="L002"))
                continue
            pack.facts[name] = (fact, str(path), line)

    for path, loc in _read_yaml_files(pack, "rules", collect):
        data = loc.data
        if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
            collect(loc.error((), "a rule file holds `rules:`, a list of rules", cls=RulePackError))
            continue
        for i, raw in enumerate(data["rules"]):
            rule = _validate(Rule, loc, ("rules", i), collect, raw)
            if rule is not None:
                pack.rules.append(LoadedRule(rule, str(path), loc, ("rules", i), manifest.name))
        extra = set(data) - {"rules"}
        for key in sorted(extra):
            collect(loc.error((key,), "unknown field", cls=RulePackError))

    lists_dir = root / "lists"
    if lists_dir.is_dir():
        for path in sorted(p for p in lists_dir.iterdir()
                           if p.suffix in (".csv", ".yaml", ".yml") and p.is_file()):
            pack.files.append(path)
            try:
                pack.lists[path.stem] = load_list(path)
            except InputError as exc:
                collect(exc)

    for path, loc in _read_yaml_files(pack, "conditions", collect):
        named = loc.data.get("conditions") if isinstance(loc.data, dict) else None
        if not isinstance(named, dict):
            collect(loc.error((), "a conditions file holds `conditions:`, a mapping of name to "
                                  "{description, when}", cls=RulePackError))
            continue
        for name, entry in named.items():
            at = ("conditions", name)
            if not isinstance(entry, dict) or "when" not in entry or set(entry) - {"when", "description"}:
                collect(loc.error(at, "a named condition has `when` and an optional `description`",
                                  code="L001", cls=RulePackError))
                continue
            if name in pack.conditions:
                collect(loc.error(at, f"named condition '{name}' is declared twice", code="L002",
                                  cls=RulePackError))
                continue
            pack.conditions[name] = (entry["when"], loc, at + ("when",))

    pack.test_files = list(_yaml_files(root / "tests"))
    pack.files.extend(pack.test_files)
    return pack


def _read_yaml_files(pack: Pack, folder: str, collect: Collect) -> Iterable[tuple[Path, Located]]:
    """Each YAML file of a folder of the pack, read; a file that cannot be read is reported."""
    for path in _yaml_files(pack.root / folder):
        pack.files.append(path)
        try:
            yield path, load_file(path)
        except InputError as exc:
            collect(exc)


def _yaml_files(folder: Path) -> Iterable[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def _validate(model, located: Located, base: tuple[object, ...], collect: Collect,
              data: object = None):
    data = located.data if data is None and base == () else data
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(p for p in err["loc"] if not _is_union_tag(p))
            collect(located.error(base + loc, _describe(err), code="L001", cls=RulePackError))
        return None


def _is_union_tag(part: object) -> bool:
    return isinstance(part, str) and (part.startswith("function-") or part in ("Text", "DocumentGroup", "group", "text"))


def _describe(err: dict) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        key = str(err["loc"][-1]) if err["loc"] else ""
        if " " in key or key.endswith(")"):
            return (f"unknown field '{key}': a comma or ': ' inside an unquoted value splits it; "
                    "quote the text")
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    if kind == "literal_error":
        return "expected " + err["msg"].removeprefix("Input should be ")
    if kind == "string_pattern_mismatch":
        return f"{err['input']!r} does not match {err['ctx']['pattern']}"
    return err["msg"].removeprefix("Value error, ")


def resolve_pack_paths(packs: Iterable[Path | str] | None = None,
                       include_default: bool = True) -> list[Path]:
    """The packs to load: the bundled pack, then COMPLIANCE_RULES, then the named ones."""
    out: list[Path] = [default_pack_path()] if include_default else []
    env = os.environ.get(ENV_VAR)
    if env:
        for p in env.split(os.pathsep):
            if p and not Path(p).is_dir():  # said here, or the error would not say where the path came from
                raise RulePackError("rule pack folder not found", file=p, field=ENV_VAR)
        out.extend(Path(p) for p in env.split(os.pathsep) if p)
    out.extend(Path(p) for p in (packs or []))
    seen: set[Path] = set()
    unique = []
    for p in out:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def content_hash(packs: Iterable[Pack]) -> str:
    """A hash of every file of the packs, so a result can be reproduced and audited."""
    digest = hashlib.sha256()
    for pack in packs:
        for path in sorted(pack.files):
            digest.update(str(path.relative_to(pack.root)).encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return "sha256:" + digest.hexdigest()[:16]
