"""A checklist as one line of JSON, fast: the text ``json.dumps(checklist.to_dict(lang))`` gives.

Most of a checklist's JSON is what its items show of their rules (titles, actions,
documents, citations): the same for every product. :class:`ChecklistEncoder` encodes that
part once per rule, day and language, and only the item's status, reasons and missing facts
per product. The rest of the checklist goes through ``to_dict`` as usual.

Every ``verify_every``-th checklist (and the first) is also encoded the plain way and
compared; on any difference the encoder switches to the plain way for good, so the output
is always exactly the plain encoding.
"""

from __future__ import annotations

import dataclasses
import json
import warnings
from typing import Any

from ..i18n import render_reason

_DYNAMIC = ("status", "because", "missing_facts", "override")
_MARKER = ',"items":[]'


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)
_string = json.encoder.encode_basestring  # the C encoder of one string where available


def dumps(obj: Any) -> str:
    """The encoding used for JSON Lines output: ``json.dumps(obj, ensure_ascii=False,
    separators=(",", ":"), default=str)``, without building an encoder per call."""
    return _ENCODER.encode(obj)


def _strings(values: Any) -> str:
    return "[" + ",".join([_string(v) if type(v) is str else dumps(v) for v in values]) + "]"


class ChecklistEncoder:
    def __init__(self, verify_every: int = 1000) -> None:
        self.verify_every = verify_every
        self.enabled = True
        self.count = 0
        self._templates: dict[tuple, tuple] = {}

    def encode(self, checklist: Any, lang: str = "en") -> str:
        self.count += 1
        if not self.enabled:
            return dumps(checklist.to_dict(lang))
        if self.count % self.verify_every == 1 or self.verify_every == 1:
            plain = dumps(checklist.to_dict(lang))
            if self._fast(checklist, lang) != plain:
                self.enabled = False
                warnings.warn("fast checklist encoding differs from to_dict; using the plain encoding",
                              RuntimeWarning, stacklevel=2)
            return plain
        return self._fast(checklist, lang)

    def _fast(self, checklist: Any, lang: str) -> str:
        shell = dataclasses.replace(checklist, _items=[])
        text = dumps(shell.to_dict(lang))
        pos = text.find(_MARKER)
        if pos < 0:
            return dumps(checklist.to_dict(lang))
        items = ",".join(self._item(i, lang) for i in checklist.items)
        return f"{text[:pos]},\"items\":[{items}]{text[pos + len(_MARKER):]}"

    def _item(self, item: Any, lang: str) -> str:
        rule = item.rule
        key = (id(rule), item.as_of, lang, bool(item.missing), bool(item.override))
        template = self._templates.get(key)
        if template is None or template[0] is not rule:
            template = (rule, *self._template(item, lang))
            if len(self._templates) >= 20_000:
                self._templates.clear()
            self._templates[key] = template
        _, segments, tail = template
        out = []
        for literal, name in segments:
            out.append(literal)
            if name == "status":
                out.append(_string(item.status))
            elif name == "because":
                out.append(_strings([render_reason(b, lang) for b in item.because]))
            elif name == "missing_facts":
                out.append(_strings(item.missing))
            else:
                out.append(dumps(item.override))
        out.append(tail)
        return "".join(out)

    @staticmethod
    def _template(item: Any, lang: str) -> tuple[list[tuple[str, str]], str]:
        segments: list[tuple[str, str]] = []
        buf = ""
        for n, (key, value) in enumerate(item.to_dict(lang).items()):
            buf += ("," if n else "{") + dumps(key) + ":"
            if key in _DYNAMIC:
                segments.append((buf, key))
                buf = ""
            else:
                buf += dumps(value)
        return segments, buf + "}"
