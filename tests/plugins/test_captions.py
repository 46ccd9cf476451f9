import pytest

import cleaner
from cleaner import Cleaner
from cleaner.model import Block, Segments

from conftest import kept, removed_by

BODY = "The opening paragraph of the article, a full sentence."


@pytest.mark.parametrize(
    "caption",
    [
        "Kyiv: Firefighters work at the site of a missile strike",
        "Glastonbury: Crowds gather at the Pyramid Stage on Friday evening",
        "The minister arrives at Downing Street (Image: Getty)",
        "Protesters march through the city centre (Photo: AFP via Getty Images)",
        "Floodwater covers the road near the bridge. Picture: PA",
        "Photo: Reuters",
        "Image: Getty Images",
        "Getty Images",
    ],
)
def test_captions_and_credits_are_removed_to_captions(clean, caption):
    article = clean(f"Headline here\n\n{caption}\n\n{BODY}\n\nThe second paragraph, also a sentence.")
    assert removed_by(article, "captions") == [caption]
    assert article.metadata.captions == [caption]
    assert kept(article) == [BODY, "The second paragraph, also a sentence."]


def test_a_place_colon_caption_over_the_first_paragraph(clean):
    caption = "Berlin: The chancellor speaks to reporters outside parliament"
    article = clean(f"Headline here\n\n{caption}\n\n{BODY}\n\nThe second paragraph, also a sentence.")
    assert article.metadata.captions == [caption]


def test_a_place_colon_caption_between_paragraphs_is_known_by_its_credit(clean):
    caption = "Berlin: The chancellor speaks to reporters outside parliament"
    article = clean(f"Headline here\n\n{BODY}\n\n{caption}\nPhoto: Reuters\n\nThe second paragraph, also a sentence.")
    assert article.metadata.captions == [caption, "Photo: Reuters"]


@pytest.mark.parametrize(
    "body",
    [
        "What happens next",
        "A new front",
        "“We will not back down.”",
        "Note: figures are provisional.",
        "Analysis: the road ahead for the party",
        "Arsenal 2 Chelsea 1",
        "Q: Why did you leave?",
        "He said the move was a mistake and would cost the club dearly",
        "Update: the road reopened",
        "Video: So sieht die neue Brücke über den Rhein aus, wenn sie fertig ist und der Verkehr rollt.",
        "Légende vivante du club, il a marqué trois cents buts en vingt ans.",
        "Foto's van de brug werden maandag getoond in het stadhuis.",
        "Podpis pod umową złożył burmistrz we wtorek.",
        "Фото нового моста мэр показал журналистам во вторник.",
        "Bild-Chefredakteur Max Mustermann bestritt die Vorwürfe am Montag.",
        "Foto-Ausweise sind bei der Wahl künftig Pflicht.",
        "Photo-finish decided the race in the final metre.",
        "Image-conscious politicians avoided the event.",
        "Foto-multas: la ciudad instalará diez nuevos radares.",
        "Foto-expositie over de brug opent zaterdag in het stadhuis.",
        "Photo by photo, the archive shows how the bridge was built.",
        "Credit: the council's finances are in better shape than expected, the auditor said.",
    ],
)
def test_body_lines_shaped_almost_like_captions_survive(clean, body):
    article = clean(f"Headline here\n\n{BODY}\n\n{body}\n\nThe second paragraph, also a sentence.")
    assert body in kept(article)


def test_caption_shaped_line_inside_a_paragraph_survives(clean):
    article = clean(f"Headline here\n\n{BODY}\nBerlin: The chancellor speaks to reporters outside parliament")
    assert article.metadata.captions == []


class FigureSegmenter:
    @cleaner.hookimpl(tryfirst=True)
    def cleaner_segment_document(self, document):
        return Segments([
            Block(0, "Body sentence here.", 0, kind="paragraph"),
            Block(1, "A long caption that has a full stop at the end of it.", 1, kind="caption"),
        ])


def test_figure_caption_blocks_from_a_segmenter_are_captions():
    article = Cleaner.from_config(plugins=[FigureSegmenter()]).clean_text("ignored")
    assert article.metadata.captions == ["A long caption that has a full stop at the end of it."]
    assert article.text == "Body sentence here."


@pytest.mark.parametrize(
    "credit",
    [
        "Moa Karlberg/imagebank.sweden.se",
        "Fot. Łukasz Nowak / Agencja Gazeta",
        "Beitragsbild: Titelseite der Zeitung",
        "Foto: dpa",
        "© Lena Marsh/Northlight Pictures",
        "© Stadtarchiv | Jonas Weber",
        "(c) Ana Ruiz / Agencia Sur",
        "Copyright: Tomasz Wójcik",
        "Video: SWR",
        "Fotoğraf: AA",
        "Légende : le nouveau pont ouvrira au printemps",
        "(Photo Jean Dupont)",
        "Didascalia: il nuovo ponte aprirà in primavera",
        "(Foto Ansa)",
        "Fotografia: Ansa",
        "Bijschrift: de nieuwe brug gaat in het voorjaar open",
        "Foto ANP",
        "Podpis: nowy most zostanie otwarty wiosną",
        "Legenda: a nova ponte abrirá na primavera",
        "Подпись: новый мост откроют весной",
        "Фото ТАСС",
        "Fotoğraf altı: Yeni köprü baharda açılacak",
        "Caption: The new bridge will open in spring",
        "Pictured: The new bridge at dusk",
        "Bildunterschrift: Die neue Brücke soll im Frühjahr eröffnen",
        "Bildtext: Den nya bron öppnar i vår",
        "Photo by Jane Doe for The Riverside Gazette",
        "(Fotoğraf: AA)",
        "(Foto: TT)",
        "(Billede: Ritzau Scanpix)",
        "(Foto: NTB)",
        "(Kuva: Lehtikuva)",
        "(Foto: ČTK)",
        "Foto: Antara",
        "사진=연합뉴스",
    ],
)
def test_credits_in_other_shapes_and_languages(clean, credit):
    article = clean(f"Headline here\n\n{BODY}\n\n{credit}\n\nThe second paragraph, also a sentence.")
    assert article.metadata.captions == [credit]


def test_a_place_colon_line_over_an_image_line_that_goes_is_a_caption(clean):
    caption = "Tadcaster: Boats reach residents after the river burst its banks"
    text = f"Headline here\n\n{caption}\n![Boats in the flooded street](https://img.example/boats.jpg)\n\n{BODY}\n\nThe second paragraph, also a sentence."
    article = clean(text)
    assert caption in article.metadata.captions
    assert kept(article) == [BODY, "The second paragraph, also a sentence."]


def test_a_place_colon_line_below_the_first_sentence_needs_a_credit(clean):
    line = "Flooding: Hundreds of homes evacuated as river bursts its banks in Yorkshire"
    text = f"Headline here\n\n{BODY}\n\n{line}\n\nThe second paragraph, also a sentence."
    assert line in kept(clean(text))


def test_a_place_colon_line_over_an_image_and_a_paragraph_stays(clean):
    line = "The Plan Stage: Think and dream productively"
    text = f"Headline here\n\n{BODY}\n\n{line}\n![A desk](https://img.example/desk.jpg)\nThe second paragraph, also a sentence."
    assert line in kept(clean(text))


def test_a_place_colon_line_in_text_without_blank_lines_is_a_subheading(clean):
    text = f"Headline here\n{BODY}\nThe Plan Stage: Think and dream productively\nThe second paragraph, also a sentence."
    assert "The Plan Stage: Think and dream productively" in kept(clean(text))


@pytest.mark.parametrize(
    "line",
    [
        "© 2021 The Riverside Gazette",
        "© Reuters",
        "The © sign, he said, was added by the agency / the publisher later.",
        "Copyright: the law was changed in 2019 and again last year.",
    ],
)
def test_copyright_lines_that_name_no_picture_credit_are_not_captions(clean, line):
    """A year, a lone rights holder or a sentence is a copyright notice or body text: not the credit of a picture."""
    article = clean(f"Headline here\n\n{BODY}\n\n{line}\n\nThe second paragraph, also a sentence.\n\nAnd a third one.")
    assert article.metadata.captions == []


CHINESE_BODY = "市议会周二决定在河上修建一座新桥，结束了各城区之间多年的争论。工程预计明年春天开工，总投资约十亿元。"


def test_a_line_opening_with_a_captions_words_above_a_credit_is_its_caption_full_stop_and_all(clean):
    """Chinese captions end with "。" and open with "图为" ("Pictured is"); the credit follows."""
    article = clean("\n\n".join(["标题", CHINESE_BODY, "图为新桥效果图。", "（新华社记者 李贺 摄）", CHINESE_BODY]))
    assert article.metadata.captions == ["图为新桥效果图。", "（新华社记者 李贺 摄）"]
    assert kept(article) == [CHINESE_BODY, CHINESE_BODY]


def test_a_body_sentence_above_a_credit_stays(clean):
    sentence = "工程预计明年春天开工，总投资约十亿元。"
    article = clean("\n\n".join(["标题", CHINESE_BODY, sentence, "（新华社记者 李贺 摄）", CHINESE_BODY]))
    assert article.metadata.captions == ["（新华社记者 李贺 摄）"]
    assert sentence in kept(article)


def test_a_caption_ending_in_a_wire_photographers_credit_goes(clean):
    """Xinhua writes the credit after the caption, without brackets: "…。新华社记者 李贺 摄"."""
    line = "10月24日，游客在公园里观赏菊花展。新华社记者 李贺 摄"
    article = clean("\n\n".join(["标题", CHINESE_BODY, line, CHINESE_BODY]))
    assert article.metadata.captions == [line]
    assert kept(article) == [CHINESE_BODY, CHINESE_BODY]
