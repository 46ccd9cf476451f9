"""An article's language, told by its stopwords, chooses the words the rules look for."""

import pytest

import cleaner
from cleaner import Cleaner
from cleaner.languages import LanguageGuesser
from cleaner.model import Block
from conftest import kept, removed_by

ALL = ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "sv", "da", "nb", "fi", "cs", "id", "ko", "tr", "zh", "ja"]

GERMAN = (
    "Der Minister sagte am Dienstag, dass der Haushalt im nächsten Jahr um vier Prozent steigen werde "
    "und die Regierung mehr Geld für die Schulen ausgeben wolle, als sie es bisher getan hat.\n\n"
    "Die Opposition kritisierte die Pläne und sagte, dass die Schulden damit weiter steigen würden, "
    "was für die kommenden Generationen eine Last sei, die sie nicht tragen könnten."
)
ENGLISH = (
    "The minister said on Tuesday that the budget would rise by four per cent next year and that the "
    "government wanted to spend more on schools than it had done so far.\n\n"
    "The opposition criticised the plans and said that the debt would keep rising, which was a burden "
    "for the generations to come that they could not carry."
)
FRENCH = (
    "Le ministre a déclaré mardi que le budget augmenterait de quatre pour cent l'an prochain et que le "
    "gouvernement voulait dépenser plus pour les écoles qu'il ne l'avait fait jusqu'ici.\n\n"
    "L'opposition a critiqué ces projets et a dit que la dette continuerait de croître, ce qui serait "
    "une charge pour les générations à venir."
)


def blocks_of(text):
    return [Block(index, paragraph, index) for index, paragraph in enumerate(text.split("\n\n"))]


@pytest.mark.parametrize(("text", "language"), [(GERMAN, "de"), (FRENCH, "fr"), (ENGLISH, "en")])
def test_an_articles_language_and_english(text, language):
    assert LanguageGuesser(ALL).languages_of(blocks_of(text)) == {language, "en"}


CHINESE = (
    "国家统计局今天发布数据显示，今年前三季度全国居民人均可支配收入比上年同期名义增长百分之六点三。\n\n"
    "专家表示，收入增长主要得益于就业形势总体稳定和各项惠民政策的持续落实，从收入来源看，各项收入均保持增长态势。"
)
JAPANESE = (
    "東京都は１日、新型コロナウイルスの感染者が新たに確認されたと発表した。前週の同じ曜日から約３００人減った。\n\n"
    "都の担当者は「減少傾向は続いているが、引き続き感染対策を徹底してほしい」と話している。"
)


@pytest.mark.parametrize(("text", "language"), [(CHINESE, "zh"), (JAPANESE, "ja")])
def test_chinese_and_japanese_are_told_by_their_script(text, language):
    """No stoplist tells them (they are written without spaces): Japanese by its kana, Chinese by its Han."""
    assert LanguageGuesser(ALL).languages_of(blocks_of(text)) == {language, "en"}


def test_an_english_article_quoting_a_few_chinese_words_is_english():
    text = ENGLISH.replace("the budget", "the budget (预算, 百分之四)", 1)
    assert LanguageGuesser(ALL).languages_of(blocks_of(text)) == {"en"}


def test_a_chinese_article_is_cleaned_with_the_chinese_words_only():
    engine = Cleaner.from_config()
    article = engine.clean_text(CHINESE.replace("\n\n", "\n\n相关阅读：统计局发布九月份数据\n\n", 1))
    assert removed_by(article, "promo") == ["相关阅读：统计局发布九月份数据"]
    assert engine.profile_of(article).languages == {"zh", "en"}


def test_an_article_too_short_to_tell_gets_every_language():
    assert LanguageGuesser(ALL).languages_of(blocks_of("Kurz und gut.\n\nNur zwei Zeilen.")) == set(ALL)


def test_words_of_most_languages_tell_nothing():
    """"the" and "de" are stopwords in most of jusText's lists: English text scores high in Finnish
    and Turkish with them, and no more than a third of English without."""
    counts = LanguageGuesser(ALL).count(blocks_of(ENGLISH))
    assert counts["en"] >= 8 and all(count < 0.5 * counts["en"] for language, count in counts.items() if language != "en")


def test_one_language_leaves_nothing_to_tell():
    assert not LanguageGuesser(["en"])


def test_a_german_article_is_cleaned_with_the_german_words():
    article = Cleaner.from_config().clean_text(GERMAN.replace("\n\n", "\n\nLesen Sie auch\n\n", 1))
    assert removed_by(article, "promo") == ["Lesen Sie auch"]


def test_an_english_article_is_not_searched_for_words_of_other_languages():
    engine = Cleaner.from_config()
    english = engine.clean_text(ENGLISH.replace("\n\n", "\n\nLesen Sie auch\n\n", 1))
    assert "Lesen Sie auch" in kept(english)
    everything = Cleaner.from_config({"detect_language": False}).clean_text(ENGLISH.replace("\n\n", "\n\nLesen Sie auch\n\n", 1))
    assert removed_by(everything, "promo") == ["Lesen Sie auch"]


def test_an_article_too_short_to_tell_is_searched_for_every_languages_words():
    article = Cleaner.from_config().clean_text("Ein kurzer Text.\n\nLesen Sie auch\n\nNoch ein Satz.")
    assert removed_by(article, "promo") == ["Lesen Sie auch"]


@pytest.mark.parametrize(
    ("stated", "languages"),
    [("de", {"de", "en"}), ("pt-BR", {"pt", "en"}), ("de_DE", {"de", "en"}), (" FR ", {"fr", "en"}), ("no", {"nb", "en"}), ("ja", {"ja", "en"}), ("el", {"en"})],
)
def test_an_article_too_short_to_tell_gets_the_language_its_source_states(stated, languages):
    short = blocks_of("Kurz und gut.\n\nNur zwei Zeilen.")
    assert LanguageGuesser(ALL).languages_of(short, stated) == languages


@pytest.mark.parametrize("stated", [None, "", "x-default", "{{ lang }}", "German", 7])
def test_a_stated_language_that_is_no_language_code_leaves_every_language(stated):
    short = blocks_of("Kurz und gut.\n\nNur zwei Zeilen.")
    assert LanguageGuesser(ALL).languages_of(short, stated) == set(ALL)


def test_the_stopwords_outvote_a_stated_language():
    """Templates state one language for a site's pages in several: what a text says wins."""
    assert LanguageGuesser(ALL).languages_of(blocks_of(GERMAN), "en") == {"de", "en"}


def short_page(lang):
    from cleaner.model import Document

    attribute = f' lang="{lang}"' if lang else ""
    html = (
        f"<html{attribute}><head><title>A short note</title></head><body><article>"
        "<p>The council met on Monday and agreed the plan.</p><p>Lesen Sie auch</p>"
        "<p>The vote was close, and the mayor thanked the members.</p></article></body></html>"
    )
    return Cleaner.from_config().clean_document(Document(id="page", source="page.html", content=html, media_type="text/html"))


def test_a_short_page_is_searched_for_the_words_of_the_language_it_states():
    assert "Lesen Sie auch" in kept(short_page("en"))
    assert removed_by(short_page(None), "promo") == ["Lesen Sie auch"]


SHORT_NOTE = "The council met on Monday.\n\nLesen Sie auch\n\nThe vote was close."


def test_a_short_records_language_field_chooses_its_words_and_passes_through():
    engine = Cleaner.from_config()
    stated = engine.clean_record({"id": "a", "text": SHORT_NOTE, "language": "en"})
    assert "Lesen Sie auch" in stated["text"] and stated["language"] == "en"
    unstated = engine.clean_record({"id": "b", "text": SHORT_NOTE})
    assert [(entry["plugin"], entry["text"]) for entry in unstated["removed"]] == [("promo", "Lesen Sie auch")]


class Klingon:
    """A language no stoplist tells: its words are looked for in every article."""

    @cleaner.hookimpl
    def cleaner_add_vocabulary(self, language):
        if language == "tlh":
            return {"promo": {"headings": ["latlh ghItlh"]}}
        return None


def test_a_language_no_stoplist_tells_is_searched_in_every_article():
    engine = Cleaner.from_config({"languages": ["en", "de", "tlh"]}, plugins=[Klingon()])
    article = engine.clean_text(GERMAN.replace("\n\n", "\n\nlatlh ghItlh\n\n", 1))
    assert removed_by(article, "promo") == ["latlh ghItlh"]


def test_a_sites_own_words_hold_in_an_article_in_its_language():
    """A site section's vocabulary override and the words of the article's language, together."""
    engine = Cleaner.from_config({"sites": {"zeitung.example": {"plugins": {"promo": {"headings": ["die leseliste"]}}}}})
    text = GERMAN.replace("\n\n", "\n\nLesen Sie auch\n\n", 1) + "\n\nDie Leseliste"
    article = engine.clean_text(text, url="https://zeitung.example/a")
    assert removed_by(article, "promo") == ["Lesen Sie auch", "Die Leseliste"]
    assert engine.profile_of(article).languages == {"de", "en"}
