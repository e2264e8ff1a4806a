"""Segmentation and the skills thesaurus: both sides of a match must cut text the same way."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from talentzone.recruiting.matching import Thesaurus, add_words, segment
from talentzone.recruiting.matching.segment import DOMAIN_WORDS_FILE, STOP_WORDS


def test_battery_process_words_are_kept_whole():
    assert segment("化成分容") == ["化成", "分容"]
    assert segment("负责化成、分容工序") == ["化成", "分容", "工序"]
    assert segment("电池管理系统") == ["电池管理系统"]
    assert segment("磷酸铁锂正极材料") == ["磷酸铁锂", "正极材料"]


def test_latin_is_lowercased_and_full_width_forms_are_half_width():
    assert segment("BMS") == ["bms"]
    assert segment("ＰＬＣ") == ["plc"]
    assert segment("Ｃ＋＋") == ["c++"]


def test_punctuation_whitespace_and_stop_words_are_dropped():
    assert segment("熟悉 PLC，负责 MES 的 相关 工作。") == ["plc", "mes", "工作"]
    assert segment("  ，。！？、  ") == []


def test_added_words_are_kept_whole():
    assert segment("锂枝晶抑制剂") != ["锂枝晶抑制剂"]
    add_words(["锂枝晶抑制剂"])
    assert segment("研究锂枝晶抑制剂") == ["研究", "锂枝晶抑制剂"]


def test_the_domain_word_list_is_a_list_of_distinct_words():
    words = Path(DOMAIN_WORDS_FILE).read_text(encoding="utf-8").split("\n")
    words = [word for word in words if word]
    assert 140 <= len(words) <= 200
    assert len(set(words)) == len(words)
    assert all(word.strip() == word and " " not in word for word in words)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_tokens_are_clean_lowercase_words(text):
    for token in segment(text):
        assert token
        assert not any(char.isspace() for char in token)
        assert token == token.lower()
        assert token not in STOP_WORDS
        assert any(char.isalnum() for char in token)


# Thesaurus ------------------------------------------------------------------------------------

ENTRIES = [
    ("PLC", ["可编程控制器", "可编程逻辑控制器"]),
    ("BMS", ["电池管理系统"]),
    ("机器视觉", ["Machine Vision"]),
]


class Skills:
    """Made anew for each use: every test starts with the segmenter knowing only the domain
    words (the root conftest resets it), and a thesaurus teaches it its own on creation."""

    def __getattr__(self, name):
        return getattr(Thesaurus(ENTRIES), name)


SKILLS = Skills()


def test_a_synonym_leads_to_its_canonical_name_lowercased():
    assert SKILLS.canonical("可编程控制器") == "plc"
    assert SKILLS.canonical("电池管理系统") == "bms"
    assert SKILLS.canonical(" PLC ") == "plc"


def test_an_unknown_term_stands_for_itself_lowercased():
    assert SKILLS.canonical("LabVIEW") == "labview"


def test_a_set_of_terms_becomes_their_canonical_names():
    assert SKILLS.canonical_set(["可编程控制器", "PLC", "电池管理系统", "", "SPC"]) == {
        "plc",
        "bms",
        "spc",
    }


def test_skills_are_found_in_text_by_any_of_their_names():
    text = "负责可编程控制器编程和 Machine Vision 调试，了解电池管理系统"
    assert SKILLS.skills_in_text(text) == {"plc", "机器视觉", "bms"}


def test_a_multi_word_name_is_found_only_as_whole_words_in_a_row():
    assert SKILLS.skills_in_text("vision of a machine") == set()
    assert SKILLS.skills_in_text("machine visionary") == set()


def test_names_and_synonyms_are_taught_to_the_segmenter():
    Thesaurus([("极耳超声焊接", ["极耳焊"])])
    assert segment("负责极耳超声焊接工艺") == ["极耳超声焊接", "工艺"]
