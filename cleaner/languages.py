"""Which language an article is written in, so that the rules look for the words of that language.

Every language's words cost time on every article: with the twenty-eight built-in languages a rule's
vocabulary is twenty-eight languages long, and an English article pays for the Polish. So the engine
tells an article's language by the stopwords of its first long blocks, with jusText's stoplists
(about a hundred languages, installed with trafilatura), or, for Chinese and Japanese, which are
written without spaces and have no stoplist there, by their script; and cleans it with the words
of that language and of English (furniture in English turns up on pages in any language). An
article too short to tell gets the words of the language its source states (an HTML page's
``lang``, a record's ``language``), or of every language where it states none; a language neither
a stoplist nor a script tells is searched in every article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .model import Block
from .shapes import SPACED_WORD_CHARACTERS

SAMPLE_WORDS = 60
"""Words of the article's long blocks looked at (split at spaces, so a word with a comma after it
is not counted): enough to tell a language by a margin, few enough to cost a few percent of
cleaning an article."""
_SAMPLE_CHARACTERS = 12 * SAMPLE_WORDS
LONG_BLOCK_WORDS = 15
"""Blocks shorter than this are passed by: headings, bylines and furniture say little of the language."""
MIN_STOPWORDS = 6
"""Below this many stopwords of the best language in the sample, the article is not told."""
NEAR_SHARE = 0.7
"""Languages with at least this share of the best one's stopwords are taken with it (Danish and
Norwegian share most of theirs)."""
ALWAYS = "en"

_STOPLISTS = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "pl": "Polish", "ru": "Russian", "sv": "Swedish", "da": "Danish", "nb": "Norwegian_Bokmal",
    "no": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk", "fi": "Finnish", "cs": "Czech", "sk": "Slovak",
    "id": "Indonesian", "ms": "Malay", "ko": "Korean", "tr": "Turkish", "ro": "Romanian", "hu": "Hungarian",
    "el": "Greek", "uk": "Ukrainian", "bg": "Bulgarian", "hr": "Croatian", "sr": "Serbian", "sl": "Slovenian",
    "ca": "Catalan", "et": "Estonian", "lv": "Latvian", "lt": "Lithuanian", "vi": "Vietnamese",
    "ar": "Arabic", "he": "Hebrew", "hi": "Hindi", "fa": "Persian",
}
"""Language codes and the names of jusText's stoplists for them."""


class LanguageGuesser:
    """Tells which of `languages` an article is written in by the stopwords of its long blocks."""

    def __init__(self, languages: Sequence[str]):
        self.languages = tuple(languages)
        self.every = frozenset(self.languages)
        self._languages_of_word = _stopword_table(self.languages)
        self._scripts = [(language, script) for language, script in _SCRIPTS if language in self.every]
        told = {language for found in self._languages_of_word.values() for language in found}
        told |= {language for language, _ in self._scripts}
        self._always = frozenset({ALWAYS} & self.every) | (self.every - told)
        """English, and the languages neither a stoplist nor a script can tell, which every article gets."""

    def __bool__(self) -> bool:
        """False when there is nothing to choose between: one language, or none a stoplist or script tells."""
        return len(self.every) > 1 and bool(self._languages_of_word or self._scripts)

    def languages_of(self, blocks: Iterable[Block], stated: str | None = None) -> frozenset[str]:
        """The languages whose words to look for in an article: its own and English, or all.
        The script or the stopwords decide; the language the source `stated` counts only where
        they cannot."""
        words, unspaced = self._sample(blocks)
        written_in = self._script_of(words) if unspaced else None
        if written_in is not None:
            return frozenset({written_in}) | self._always
        counts = self._count(words)
        best = max(counts.values(), default=0)
        if best < MIN_STOPWORDS:
            return self._stated(stated)
        return frozenset(language for language, count in counts.items() if count >= NEAR_SHARE * best) | self._always

    def _stated(self, stated: str | None) -> frozenset[str]:
        """For an article too short to tell: its stated language and English, or, where it states
        none that reads as a language code, every language. A page in a language with no words of
        its own here ("da" without Danish) gets English only: the other languages' words would
        take its lines for theirs ("Foto: …" is a credit in Danish and a heading elsewhere)."""
        code = _LANGUAGE_CODE.match(stated) if isinstance(stated, str) else None
        if code is None:
            return self.every
        language = code[1].lower()
        language = _SAME_LANGUAGE.get(language, language) if language not in self.every else language
        return (frozenset({language}) & self.every) | self._always

    def count(self, blocks: Iterable[Block]) -> dict[str, int]:
        """Stopwords of each language among the first `SAMPLE_WORDS` words of the long blocks."""
        return self._count(self._sample(blocks)[0])

    def _sample(self, blocks: Iterable[Block]) -> tuple[list[str], bool]:
        """The first `SAMPLE_WORDS` words between spaces of the long blocks, and whether they average
        more than `SPACED_WORD_CHARACTERS` characters: a text written without spaces gives few
        words from many characters (and stops at `_SAMPLE_CHARACTERS` of them)."""
        words: list[str] = []
        characters = 0
        for block in blocks:
            if block.words >= LONG_BLOCK_WORDS:
                text = block.text[:_SAMPLE_CHARACTERS]
                characters += len(text)
                words += text.lower().split()
                if len(words) >= SAMPLE_WORDS or characters > max(_SAMPLE_CHARACTERS, SPACED_WORD_CHARACTERS * len(words)):
                    break
        return words[:SAMPLE_WORDS], characters > SPACED_WORD_CHARACTERS * len(words)

    def _count(self, words: list[str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        table = self._languages_of_word
        for word in words:
            for language in table.get(word, ()):
                counts[language] = counts.get(language, 0) + 1
        return counts

    def _script_of(self, words: list[str]) -> str | None:
        """The language whose script the sample is written in, for those no stoplist tells
        (Japanese by its kana, Chinese by its Han)."""
        text = "".join(words)
        for language, script in self._scripts:
            if len(script.findall(text)) >= MIN_SCRIPT_CHARACTERS:
                return language
        return None


_SCRIPTS = (("ja", re.compile("[\u3040-\u30ff]")), ("zh", re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")))
"""Languages told by their script, in the order asked: Japanese writes kana among its Han."""
MIN_SCRIPT_CHARACTERS = 20
"""Characters of its script a sample needs to be told that language's."""


_LANGUAGE_CODE = re.compile(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$")
"""A BCP 47 tag ("de", "pt-BR", "de_DE"): its primary language subtag is group 1."""
_SAME_LANGUAGE = {"no": "nb", "nob": "nb", "nno": "nn"}
"""Codes pages use for a language configured under another ("no" for Norwegian Bokmål)."""


def _stopword_table(languages: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Each stopword of the languages that have a stoplist, and the languages it is one of; but
    not those of more than a quarter of the languages, which tell little ("the" and "de" are in
    most of jusText's lists, which were drawn from Wikipedia, English words and all)."""
    from justext import get_stoplist

    table: dict[str, list[str]] = {}
    told = 0
    for language in dict.fromkeys(languages):
        name = _STOPLISTS.get(language.split("-")[0])
        if name is None:
            continue
        told += 1
        for word in {word.lower() for word in get_stoplist(name)}:
            table.setdefault(word, []).append(language)
    most = max(1, told // 4)
    return {word: tuple(found) for word, found in table.items() if len(found) <= most}
