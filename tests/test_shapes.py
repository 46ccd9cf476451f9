"""Shape helpers: word counts and word sets, counted once per block."""

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.model import Block
from cleaner.shapes import (
    _CJK_RUN,
    _OTHER_SPACES,
    _SOUTHEAST_ASIAN_RUN,
    asks_then_goes_on,
    reads_as_a_sentence,
    single_spaced,
    word_count,
    word_set,
)
from cleaner_plugins.text_reader import split_lines

spaced = st.text(alphabet=st.sampled_from(list("ab.’ \t\n\r\u00a0\u2009\u3000\x1c\u200b")), max_size=40)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.one_of(spaced, st.text(max_size=40)))
def test_word_count_is_the_number_of_whitespace_separated_words(text):
    """... unless the text holds a script written without spaces between words (below)."""
    if not _CJK_RUN.search(text) and not _SOUTHEAST_ASIAN_RUN.search(text):
        assert word_count(text) == len(text.split())


@pytest.mark.parametrize(
    "text, words",
    [
        ("国家统计局今天发布数据显示，今年前三季度全国居民人均可支配收入比上年同期名义增长百分之六点三。", 23),
        ("東京都は１日、新型コロナウイルスの感染者が新たに確認されたと発表した。", 18),
        ("iPhone 15 Pro 发布会在加州举行", 7),
        ("相关阅读", 2),
        ("国内新闻 国际新闻", 4),
        ("首页", 1),
        ("นายกรัฐมนตรีกล่าวว่ารัฐบาลจะเร่งแก้ไขปัญหาน้ำท่วมในภาคเหนือโดยเร็วที่สุด", 15),
        ("ข่าวที่เกี่ยวข้อง", 4),
        ("Donaudampfschifffahrtsgesellschaftskapitän", 1),
    ],
)
def test_scripts_written_without_spaces_count_their_words(text, words):
    """Written without spaces, a paragraph would be one word: Chinese and Japanese count a word per
    two characters, Thai a word per five."""
    assert word_count(text) == words


def test_a_very_long_line_is_counted_without_splitting_it():
    assert word_count("word\t" * 60_000) == 60_000


def test_a_block_knows_its_word_count_and_word_set():
    block = Block(0, "Two  words, two", 0)
    assert block.words == 3
    assert block.word_set == frozenset({"two", "words"}) == frozenset(word_set(block.text))


@pytest.mark.parametrize(
    "text, two",
    [
        ("Was meinen Sie? Haben sich Mozarts Eltern je Sorgen gemacht?", True),
        ("Cycle lanes are coming! The council approves its plan", True),
        ("Will the council approve the plan?", False),
        ("U.S. Army tests new drone. Pentagon says more to come", False),
        ("Dr. Smith wins the election", False),
        ("Tennis: Davis Cup finals launch in Madrid… and feelings are mixed", False),
        ("Who wins? 3 things to watch", False),
    ],
)
def test_asks_then_goes_on(text, two):
    assert asks_then_goes_on(text) is two


def test_single_spaced_looks_for_every_other_character_split_splits_at():
    spaces = {chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()}
    assert set(_OTHER_SPACES) == spaces - {" ", "\n"}


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.one_of(spaced, st.text(max_size=40)))
def test_a_text_reads_as_single_spaced_where_its_only_whitespace_is_single_spaces_and_line_feeds(text):
    assert single_spaced(text) == ("  " not in text and not any(char.isspace() for char in text.replace("\n", " ").replace(" ", "")))
    blocks = split_lines(text)
    assert [block.words for block in blocks] == [word_count(block.text) for block in blocks]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("ab 。，国家统计局东京都はのカタ\n")), max_size=60))
def test_the_text_reader_counts_chinese_and_japanese_as_word_count_does(text):
    assert [block.words for block in split_lines(text)] == [word_count(block.text) for block in split_lines(text)]


@pytest.mark.parametrize(
    "text, reads_on",
    [
        ("More from the mayor's speech will be published on Friday.", True),
        ("Elsewhere on the river, flooding closed two roads", True),
        ("You might also be interested in these.", True),
        ("Don't miss...", False),
        ("Leave a Reply", False),
        ("More on Politics, Business and Sport", False),
        ("Read this next.", False),
    ],
)
def test_a_line_reads_as_a_sentence(text, reads_on):
    assert reads_as_a_sentence(text, len(text.split())) is reads_on
