"""Shape helpers: word counts and word sets, counted once per block."""

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.model import Block
from cleaner.shapes import _OTHER_SPACES, asks_then_goes_on, single_spaced, word_count, word_set
from cleaner_plugins.text_reader import split_lines

spaced = st.text(alphabet=st.sampled_from(list("ab.’ \t\n\r\u00a0\u2009\u3000\x1c\u200b")), max_size=40)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.one_of(spaced, st.text(max_size=40)))
def test_word_count_is_the_number_of_whitespace_separated_words(text):
    assert word_count(text) == len(text.split())


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
    assert [block.words for block in blocks] == [len(block.text.split()) for block in blocks]
