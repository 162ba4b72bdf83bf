"""Checklists rendered for people and programs: table, JSON, YAML, Markdown, CSV, HTML."""

from __future__ import annotations

from typing import Any, Callable, Sequence

from ..i18n import word as pick

FORMATS = ("table", "json", "yaml", "markdown", "csv", "html")


def render(checklists: Sequence[Any], fmt: str, lang: str = "en", *, color: bool = False) -> str:
    """Render one or more checklists; JSON and YAML give one document (a list for several)."""
    return render_docs([c.to_dict(lang) for c in checklists], fmt, lang, color=color)


def render_docs(docs: Sequence[dict], fmt: str, lang: str = "en", *, color: bool = False) -> str:
    """Render checklists given as their dicts (``Checklist.to_dict``, or as a result store keeps them)."""
    fn: Callable[[Sequence[dict], str], str]
    if fmt == "json":
        from .structured import to_json as fn
    elif fmt == "yaml":
        from .structured import to_yaml as fn
    elif fmt == "markdown":
        from .markdown import to_markdown as fn
    elif fmt == "csv":
        from .tabular import to_csv as fn
    elif fmt == "html":
        from .html import to_html as fn
    elif fmt == "table":
        from .terminal import to_table
        return to_table(docs, lang, color=color)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return fn(docs, lang)


def money(value: Any) -> str:
    return "" if value is None else f"{value:,.2f}"


def rate(line: dict, lang: str = "en") -> str:
    if line.get("rate_text") and line["heading"] == "MFN":
        text = line["rate_text"]
        return "免税（Free）" if lang == "zh" and text == "Free" else text
    return "" if line.get("rate_percent") is None else f"{line['rate_percent']:g}%"


_BASIS_ZH = {"value": "完税价格", "steel_content": "钢含量价值", "aluminum_content": "铝含量价值",
             "copper_content": "铜含量价值"}


def basis(line: dict, lang: str = "en") -> str:
    """What a tariff line's rate is assessed on, in the language asked."""
    text = line["basis"]
    return _BASIS_ZH.get(text, text) if lang == "zh" else text


# Words the renderers use for a rule's lifecycle and for overlays (the engine's own words are
# in compliance.i18n).
_WORDS = {
    "active": ("active", "有效"),
    "draft": ("draft", "草案"),
    "deprecated": ("deprecated", "已废止"),
    "rule_status": ("Rule status", "规则状态"),
    "override": ("Company rule replaces the bundled rule", "公司规则已替换内置规则"),
    "overridden": ("Switched off by an overlay pack", "已被覆盖包停用的规则"),
    "would_be": ("would have been", "如未停用"),
    "reason": ("Reason", "原因"),
    "pack": ("Pack", "规则包"),
}


def word(key: str, lang: str) -> str:
    return pick(_WORDS, key, lang)


def status_mark(rule_status: str | None, lang: str) -> str:
    """A short mark for a rule that is not active ("draft", "deprecated"); empty for active."""
    if not rule_status or rule_status == "active":
        return ""
    return word(rule_status, lang)

