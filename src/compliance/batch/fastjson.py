"""A checklist as one line of JSON, fast: the text ``json.dumps(checklist.to_dict(lang))`` gives.

Most of a checklist's JSON is what its items show of their rules (titles, actions,
documents, citations): the same for every product. :class:`ChecklistEncoder` encodes that
part once per rule, day and language, and only the item's status, reasons and missing facts
per product. The rest of the checklist goes through ``to_dict`` as usual.

Every ``verify_every``-th checklist (and the first) is also encoded the plain way and
compared; on any difference the encoder switches to the plain way for good, so the output
is always exactly the plain encoding.

:meth:`ChecklistEncoder.parts` gives the same text in parts: the checklist without its items,
and per item its rule's :class:`Template` with the item's own values. The result store keeps
those parts, each template once, instead of the whole text per product.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import warnings
from typing import Any

from ..checklist import PendingQuestions
from ..i18n import render_reason

_DYNAMIC = ("status", "because", "missing_facts", "override")
_MARKER = ',"items":[]'
_QUESTIONS = ',"questions":[]'


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)
_string = json.encoder.encode_basestring  # the C encoder of one string where available


def dumps(obj: Any) -> str:
    """The encoding used for JSON Lines output: ``json.dumps(obj, ensure_ascii=False,
    separators=(",", ":"), default=str)``, without building an encoder per call."""
    return _ENCODER.encode(obj)


def _strings(values: Any) -> str:
    return "[" + ",".join([_string(v) if type(v) is str else dumps(v) for v in values]) + "]"


def digest(body: bytes) -> str:
    """The name a stored fragment (a template, a compression dictionary) is kept under."""
    return hashlib.blake2b(body, digest_size=10).hexdigest()


class Template:
    """What an item shows of its rule, as JSON text around the item's own values: ``literals[0]
    + values[0] + literals[1] + ... + values[-1] + literals[-1]``. Identified by a digest of
    that text, so that a store keeps each template once whichever process made it."""

    __slots__ = ("literals", "names", "_format", "_digest", "_text", "_stored")

    def __init__(self, literals: tuple[str, ...], names: tuple[str, ...]) -> None:
        self.literals = literals      # one more than names: the text before, between and after
        self.names = names            # the item fields between them (status, because, ...)
        self._format = "%s".join([lit.replace("%", "%%") for lit in literals])
        self._digest: str | None = None
        self._text: str | None = None
        self._stored: tuple[str, str] | None = None

    def fill(self, values: list[str]) -> str:
        return self._format % tuple(values)

    @property
    def text(self) -> str:
        """The template as stored: a JSON list of its literals."""
        if self._text is None:
            self._text = dumps(list(self.literals))
        return self._text

    @property
    def digest(self) -> str:
        if self._digest is None:
            self._digest = digest(self.text.encode())
        return self._digest

    @property
    def stored(self) -> tuple[str, str]:
        """(digest, text), one tuple per template: sent with many rows, it is pickled once a chunk."""
        if self._stored is None:
            self._stored = (self.digest, self.text)
        return self._stored

    @classmethod
    def from_text(cls, text: str) -> "Template":
        return cls(tuple(json.loads(text)), ())


@dataclasses.dataclass(slots=True)
class Parts:
    """A checklist's JSON text in parts. ``items`` is None when the text could not be cut
    (``shell`` is then the whole text)."""

    shell: str                                           # the checklist with an empty items list
    items: list[tuple[Template, list[str]]] | None = None

    def text(self) -> str:
        if self.items is None:
            return self.shell
        pos = self.shell.find(_MARKER)
        body = ",".join([t.fill(values) for t, values in self.items])
        return f"{self.shell[:pos]},\"items\":[{body}]{self.shell[pos + len(_MARKER):]}"


class ChecklistEncoder:
    def __init__(self, verify_every: int = 1000) -> None:
        self.verify_every = verify_every
        self.enabled = True
        self.count = 0
        self._templates: dict[tuple, tuple[Any, Template]] = {}
        self._questions: dict[tuple, tuple[Any, Any, str]] = {}

    def encode(self, checklist: Any, lang: str = "en") -> str:
        """``json.dumps(checklist.to_dict(lang))`` with the module's separators, fast."""
        return self.parts(checklist, lang).text()

    def parts(self, checklist: Any, lang: str = "en") -> Parts:
        """The checklist's JSON in parts (see :class:`Parts`); ``.text()`` is :meth:`encode`'s."""
        self.count += 1
        if not self.enabled:
            return Parts(dumps(checklist.to_dict(lang)))
        fast = self._parts(checklist, lang)
        if self.count % self.verify_every == 1 or self.verify_every == 1:
            plain = dumps(checklist.to_dict(lang))
            if fast.text() != plain:
                self.enabled = False
                warnings.warn("fast checklist encoding differs from to_dict; using the plain encoding",
                              RuntimeWarning, stacklevel=2)
                return Parts(plain)
        return fast

    def _fast(self, checklist: Any, lang: str) -> str:
        return self._parts(checklist, lang).text()

    def _parts(self, checklist: Any, lang: str) -> Parts:
        checklist.tariffs  # made once, for the shell's copy and for whoever reads them next
        shell = dataclasses.replace(checklist, _items=[], _questions=[])
        text = dumps(shell.to_dict(lang))
        pos = text.find(_QUESTIONS)
        if text.find(_MARKER) < 0 or pos < 0:
            return Parts(dumps(checklist.to_dict(lang)))
        text = f'{text[:pos]},"questions":{self._questions_json(checklist, lang)}{text[pos + len(_QUESTIONS):]}'
        return Parts(text, [self._item(i, lang) for i in checklist.items])

    def _questions_json(self, checklist: Any, lang: str) -> str:
        # the products of one outcome share its questions: their JSON is made once
        pending = checklist._questions
        if type(pending) is not PendingQuestions:
            return dumps([q.to_dict(lang) for q in pending])
        specs, facts = pending.specs, pending.facts
        key = (id(specs), id(facts), lang)
        found = self._questions.get(key)
        if found is None or found[0] is not specs or found[1] is not facts:
            found = (specs, facts, dumps([q.to_dict(lang) for q in pending.build()]))
            if len(self._questions) >= 20_000:
                self._questions.clear()
            self._questions[key] = found
        return found[2]

    def _item(self, item: Any, lang: str) -> tuple[Template, list[str]]:
        rule = item.rule
        key = (id(rule), item.as_of, lang, bool(item.missing), bool(item.override))
        found = self._templates.get(key)
        if found is None or found[0] is not rule:
            found = (rule, self._template(item, lang))
            if len(self._templates) >= 20_000:
                self._templates.clear()
            self._templates[key] = found
        template = found[1]
        values = []
        for name in template.names:
            if name == "status":
                values.append(_string(item.status))
            elif name == "because":
                values.append(_strings([render_reason(b, lang) for b in item.because]))
            elif name == "missing_facts":
                values.append(_strings(item.missing))
            else:
                values.append(dumps(item.override))
        return template, values

    @staticmethod
    def _template(item: Any, lang: str) -> Template:
        literals: list[str] = []
        names: list[str] = []
        buf = ""
        for n, (key, value) in enumerate(item.to_dict(lang).items()):
            buf += ("," if n else "{") + dumps(key) + ":"
            if key in _DYNAMIC:
                literals.append(buf)
                names.append(key)
                buf = ""
            else:
                buf += dumps(value)
        literals.append(buf + "}")
        return Template(tuple(literals), tuple(names))
