"""Words of the interface and of explanations, in English and Chinese.

Rule texts carry their own translations; this module holds what the engine itself says.
"""

from __future__ import annotations

from typing import Any

LANGS = ("en", "zh")

_UI: dict[str, tuple[str, str]] = {
    "items": ("Requirements", "监管要求"),
    "tariffs": ("Tariffs", "关税"),
    "questions": ("Questions", "待确认问题"),
    "rule": ("Rule", "规则"),
    "agency": ("Agency", "机构"),
    "severity": ("Severity", "严重程度"),
    "status": ("Status", "状态"),
    "title": ("Requirement", "要求"),
    "because": ("Because", "依据"),
    "citations": ("Citations", "法律依据"),
    "documents": ("Documents", "所需文件"),
    "action": ("Action", "应采取的行动"),
    "program": ("Program", "措施"),
    "heading": ("Heading", "税号"),
    "rate": ("Rate", "税率"),
    "basis": ("Basis", "计税基础"),
    "assessed_value": ("Assessed on (USD)", "计税金额（美元）"),
    "duty": ("Duty (USD)", "税额（美元）"),
    "total": ("Total", "合计"),
    "fact": ("Fact", "事实"),
    "question": ("Question", "问题"),
    "asked_by": ("Asked by", "相关规则"),
    "applies": ("applies", "适用"),
    "needs_info": ("needs info", "需补充信息"),
    "prohibited": ("prohibited", "禁止"),
    "blocking": ("blocking", "入境前必须完成"),
    "required": ("required", "必须遵守"),
    "advisory": ("advisory", "提示"),
    "any_of": ("any one of", "以下任选其一"),
    "product": ("Product", "产品"),
    "as_of": ("Entry date", "入境日期"),
    "rules_version": ("Rules version", "规则版本"),
    "nothing": ("Nothing applies.", "无适用项。"),
    "customs_value": ("What is the customs value of the goods, in USD?", "货物的完税价格（美元）是多少？"),
    "manufacture_date": ("When was the product manufactured (YYYY-MM-DD)?", "产品的生产日期是哪一天（YYYY-MM-DD）？"),
    "materials": ("Which materials does the product contain (and the value of any steel, aluminium or copper)?",
                  "产品含有哪些材料（如含钢、铝、铜，请提供其价值）？"),
    "parties": ("Who manufactured the product, and who supplied its inputs (name, country, region)?",
                "产品由谁制造，原材料由谁供应（名称、国家、地区）？"),
    "considered": ("Rules considered", "已评估的规则"),
    "outcome": ("Outcome", "结果"),
    "draft": ("draft", "草案"),
    "not_applicable": ("does not apply", "不适用"),
    "not_in_force": ("not in force on this date", "该日期未生效"),
    "exempt": ("exempt", "豁免"),
    "disabled": ("disabled by overlay", "已被覆盖包停用"),
    "rate_not_in_force": ("no rate in force on this date", "该日期无有效税率"),
    "yielded": ("does not stack with another measure", "与其他措施不叠加"),
}


def word(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    """A word of a catalogue of (English, Chinese) pairs; the key itself when it has none."""
    pair = table.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "zh" else pair[0]


def ui(key: str, lang: str = "en") -> str:
    pair = _UI.get(key)
    if pair is None:
        if key.startswith("material:"):
            name = key.split(":")[1]
            return (f"What is the value (USD) of the {name} content of the product?" if lang != "zh"
                    else f"产品中{name}成分的价值（美元）是多少？")
        return key
    return pair[1] if lang == "zh" else pair[0]


def _v(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (set, frozenset, list, tuple)):
        return ", ".join(sorted(map(str, value)))
    return str(value)


_OPWORD = {"is": ("is", "为"), "in": ("is one of", "属于"), "gte": (">=", "≥"), "gt": (">", ">"),
           "lte": ("<=", "≤"), "lt": ("<", "<"), "answered": ("answered", "已回答")}


def render_reason(reason: tuple[str, dict[str, Any]], lang: str = "en") -> str:
    """One `because` entry, or one condition described in words, in the language asked."""
    code, p = reason
    zh = lang == "zh"
    if code == "hts":
        return f"HTS {p['hts']} 属于 {p['prefix']}" if zh else f"HTS {p['hts']} is under {p['prefix']}"
    if code == "hts_list":
        return (f"HTS {p['hts']} 列于清单 {p['list']}（条目 {p['entry']}）" if zh
                else f"HTS {p['hts']} is on list {p['list']} (entry {p['entry']})")
    if code == "origin":
        return f"原产国为 {p['origin']}" if zh else f"origin is {p['origin']}"
    if code == "fact":
        op = _OPWORD[p["op"]][1 if zh else 0]
        if p["op"] == "answered":
            return f"已回答 {p['fact']}" if zh else f"{p['fact']} is answered"
        return (f"{p['fact']} = {_v(p['answer'])}（条件：{op} {_v(p['value'])}）" if zh
                else f"{p['fact']} = {_v(p['answer'])} ({op} {_v(p['value'])})")
    if code == "material":
        return f"含有材料：{_v(p['materials'])}" if zh else f"contains {_v(p['materials'])}"
    if code == "party":
        where = ", ".join(filter(None, (p.get("region"), p.get("country"))))
        role = _role(p["role"], zh)
        return f"{role}「{p['name']}」位于 {where}" if zh else f"{role} '{p['name']}' is in {where}"
    if code == "party_listed":
        role = _role(p["role"], zh)
        via = p["field"]
        if zh:
            return (f"{role}「{p['name']}」与清单 {p['list']} 中的「{p['entry']}」匹配"
                    f"（{via}「{p['matched']}」，得分 {p['score']}，方式 {p['method']}）")
        return (f"{role} '{p['name']}' matches '{p['entry']}' on list {p['list']} "
                f"({via} '{p['matched']}', score {p['score']}, {p['method']})")
    if code == "party_in_region":
        role = _role(p["role"], zh)
        return (f"{role}「{p['name']}」的地址含有「{p['matched']}」（{p['place_zh'] or p['place']}，清单 {p['list']}）"
                if zh else
                f"{role} '{p['name']}' names '{p['matched']}' ({p['place']}, list {p['list']})")
    if code == "compare":
        ops = ("且" if zh else " and ").join(f"{_OPWORD[k][1 if zh else 0]} {v}" for k, v in p["ops"].items())
        return (f"完税价格 {p['value']} 美元（{ops}）" if zh
                else f"customs value {p['value']} USD ({ops})")
    if code == "entry_date":
        return f"入境日期 {p['date']}" if zh else f"entry date {p['date']}"
    if code == "manufacture_date":
        return f"生产日期 {p['date']}" if zh else f"manufactured on {p['date']}"
    if code == "not":
        inner = render_reason(p["inner"], lang)
        return f"并非：{inner}" if zh else f"not: {inner}"
    if code == "always":
        return "适用于所有进口货物" if zh else "applies to every import"
    if code == "window":
        return (f"措施有效期 {p['from']} 至 {p['to'] or '今'}" if zh
                else f"in force {p['from']} to {p['to'] or 'open'}")
    if code == "exempt":
        return (f"豁免「{p['id']}」：{p.get('reason_zh') or p['reason']}" if zh
                else f"exemption '{p['id']}': {p['reason']}")
    if code == "yielded":
        return (f"因适用 {p['by']} 而不叠加" if zh else f"does not stack with {p['by']}")
    if code == "reduced":
        return (f"{p['by']} 已按 {p['basis']} 计征，本项仅对剩余价值 {p['value']} 美元计征" if zh
                else f"{p['by']} is assessed on {p['basis']}; this line applies to the remaining {p['value']} USD")
    if code == "floor":
        return (f"本项与普通税率（{p['mfn'] or '未知'}）合计为 {p['floor']:g}%" if zh
                else f"this line and the MFN rate ({p['mfn'] or 'unknown'}) together make {p['floor']:g}%")
    if code == "override":
        return p["reason"]
    if code == "missing":
        return (f"缺少信息：{', '.join(p['facts'])}" if zh else f"missing: {', '.join(p['facts'])}")
    if code == "mfn":
        return (f"HTS {p['hts']} 的普通税率（一般税率栏）：{p['text']}" if zh
                else f"general (MFN) rate of HTS {p['hts']}: {p['text']}")
    return describe(reason, lang)


def describe(reason: tuple[str, dict[str, Any]], lang: str = "en") -> str:
    """A condition in words, for docs, diffs and explanations of rules that did not apply."""
    code, p = reason
    zh = lang == "zh"
    if code == "all":
        parts = [describe(x, lang) for x in p["parts"]]
        return "；且 ".join(_paren_zh(x) for x in parts) if zh else " and ".join(_paren(x) for x in parts)
    if code == "any":
        parts = [describe(x, lang) for x in p["parts"]]
        return "；或 ".join(_paren_zh(x) for x in parts) if zh else " or ".join(_paren(x) for x in parts)
    if code == "not":
        return f"并非（{describe(p['inner'], lang)}）" if zh else f"not ({describe(p['inner'], lang)})"
    if code == "hts_any":
        return (f"HTS 属于 {', '.join(p['prefixes'])}" if zh else f"HTS under {', '.join(p['prefixes'])}")
    if code == "hts_list_any":
        return (f"HTS 列于清单 {p['list']}（{p['count']} 个条目）" if zh
                else f"HTS on list {p['list']} ({p['count']} entries)")
    if code == "origin_any":
        return f"原产国为 {', '.join(p['codes'])}" if zh else f"origin is {' or '.join(p['codes'])}"
    if code == "fact_cond":
        op = _OPWORD[p["op"]][1 if zh else 0]
        return f"{p['fact']} {op} {_v(p['value'])}"
    if code == "material_any":
        return f"含有 {', '.join(p['names'])}" if zh else f"contains {' or '.join(p['names'])}"
    if code == "party_cond":
        bits = []
        if p["countries"]:
            bits.append(("国家 " if zh else "in country ") + ", ".join(p["countries"]))
        if p["regions"]:
            bits.append(("地区 " if zh else "in region ") + ", ".join(p["regions"]))
        role = _role(p["role"], zh)
        return f"{role}{'，'.join(bits)}" if zh else f"a {role} {' '.join(bits)}"
    if code == "party_listed_cond":
        return (f"{_role(p['role'], zh)}名称与清单 {p['list']} 匹配（得分 ≥ {p['min_score']}）" if zh
                else f"a {_role(p['role'], zh)} name matches list {p['list']} (score >= {p['min_score']})")
    if code == "party_in_region_cond":
        return (f"{_role(p['role'], zh)}位于清单 {p['list']} 所列地区" if zh
                else f"a {_role(p['role'], zh)} is located in a place on list {p['list']}")
    if code == "compare_cond":
        ops = ("且" if zh else " and ").join(f"{_OPWORD[k][1 if zh else 0]} {v}" for k, v in p["ops"].items())
        return f"完税价格 {ops} 美元" if zh else f"customs value {ops} USD"
    if code == "entry_date_cond":
        return (f"入境日期在 {p['from'] or '…'} 至 {p['to'] or '…'} 之间" if zh
                else f"entry date from {p['from'] or 'any'} to {p['to'] or 'open'}")
    if code == "manufacture_date_cond":
        return (f"生产日期在 {p['from'] or '…'} 至 {p['to'] or '…'} 之间" if zh
                else f"manufactured from {p['from'] or 'any date'} to {p['to'] or 'open'}")
    if code == "named_cond":
        return f"{p['name']}（{describe(p['inner'], lang)}）" if zh else f"{p['name']} ({describe(p['inner'], lang)})"
    if code == "always":
        return "所有进口货物" if zh else "every import"
    return f"{code} {p}"


def _paren(text: str) -> str:
    return f"({text})" if " and " in text or " or " in text else text


def _paren_zh(text: str) -> str:
    # a group inside a group keeps its brackets, so that "A；或 B；且 C" is never left to guess
    return f"（{text}）" if "；且 " in text or "；或 " in text else text


def _role(role: str, zh: bool) -> str:
    if zh:
        return {"manufacturer": "制造商", "supplier": "供应商"}.get(role, "相关方")
    return {"manufacturer": "manufacturer", "supplier": "supplier"}.get(role, "party")
