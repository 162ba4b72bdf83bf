"""Normalising names: case, punctuation, legal forms, alias notes, Chinese forms, word kinds."""

from __future__ import annotations

from compliance.screening.normalize import (DISTINCTIVE, GENERIC, PLACE, chinese_key, fold, has_cjk,
                                            latin_key, squash, strip_alias_notes)


def test_fold_removes_accents_and_case():
    assert fold("Ürümqi") == "urumqi"
    assert fold("ＡＢＣ") == "abc"  # full-width letters


def test_squash_only_collapses_case_and_spacing():
    assert squash("  Camel   GROUP Co., Ltd. ") == "camel group co., ltd."


def test_legal_forms_and_punctuation_are_removed():
    for variant in ("Xinjiang Zhongtai Chemical Co., Ltd.", "XINJIANG ZHONGTAI CHEMICAL CO LTD",
                    "Xinjiang Zhongtai Chemical Company Limited", "Xinjiang Zhongtai Chemical Corp.",
                    "Xinjiang Zhongtai Chemical Group Holdings Inc"):
        assert latin_key(variant).key == "xinjiang zhongtai chemical", variant


def test_ampersand_and_brackets():
    assert latin_key("Zhuhai G&G Digital Technology Co., Ltd.").key == "zhuhai g and g digital technology"
    assert latin_key("Hoshine Silicon Industry (Shanshan) Co., Ltd").key == "hoshine silicon industry shanshan"


def test_alias_notes_are_not_part_of_the_name():
    assert strip_alias_notes("Henan Yumian Logistics Co., Ltd. (formerly known as 841 Cotton Transfer Warehouse)") \
        == "Henan Yumian Logistics Co., Ltd."
    assert strip_alias_notes("Xinjiang Daqo New Energy Co., Ltd. and subsidiaries") == "Xinjiang Daqo New Energy Co., Ltd."


def test_word_kinds():
    key = latin_key("Shandong Meijia Textile Trading Co., Ltd.")
    assert dict(zip(key.tokens, key.kinds)) == {
        "shandong": PLACE, "meijia": DISTINCTIVE, "textile": GENERIC, "trading": GENERIC}
    assert key.core == "meijia textile trading"
    assert latin_key("China National Trading Co.").weight == 0.0


def test_a_name_of_legal_words_only_keeps_them():
    assert latin_key("Holdings Limited").tokens == ("holdings", "limited")


def test_chinese_legal_forms_bracketed_places_and_province():
    key = chinese_key("新疆中泰化学股份有限公司")
    assert (key.full, key.core, key.distinctive) == ("新疆中泰化学", "中泰化学", "中泰")
    assert chinese_key("合盛硅业（鄯善）有限公司").full == "合盛硅业"
    assert chinese_key("新疆中泰（集团）有限责任公司").core == "中泰"
    assert chinese_key("骆驼股份").full == chinese_key("骆驼集团股份有限公司").full == "骆驼"


def test_script_detection():
    assert has_cjk("新疆 Urumqi") and not has_cjk("Urumqi")
