import pytest
from cleaner_plugins import vocabularies

from conftest import kept, removed_by


def test_heading_with_tagged_items_in_its_paragraph(clean):
    article = clean("""
        Title of the story

        First paragraph of the story, which is long enough to be body text.

        Don't miss...
        Minister resigns over expenses row [LATEST]
        Storm warning issued for the north [VIDEO]
        Ten pictures of the royal visit [PICTURES]

        The story goes on after the list.
    """)
    assert article.metadata.related == [
        "Minister resigns over expenses row",
        "Storm warning issued for the north",
        "Ten pictures of the royal visit",
    ]
    assert removed_by(article, "promo")[0] == "Don't miss..."
    assert kept(article)[-1] == "The story goes on after the list."
    rules = [b.removal.rule for b in article.removed_blocks() if b.removal.plugin == "promo"]
    assert rules == ["promo-heading"] + ["promo-item"] * 3


def test_heading_alone_then_one_item_per_paragraph(clean):
    article = clean("""
        Title

        Body paragraph one, a full sentence of the article.

        Most read

        Man rescued from river after six hours

        Schools to close early for summer

        Why house prices are still rising

        Body paragraph two, which continues the article after the list.
    """)
    assert article.metadata.related == [
        "Man rescued from river after six hours",
        "Schools to close early for summer",
        "Why house prices are still rising",
    ]
    assert kept(article) == [
        "Body paragraph one, a full sentence of the article.",
        "Body paragraph two, which continues the article after the list.",
    ]


def test_bulleted_items_keep_their_words_in_related_without_bullets(clean):
    article = clean("""
        Title

        Body paragraph, a full sentence.

        Related articles:
        • Council tax to rise by 5%
        • New bus routes announced
        - Library opening hours cut.
    """)
    assert article.metadata.related == [
        "Council tax to rise by 5%",
        "New bus routes announced",
        "Library opening hours cut.",
    ]


def test_read_more_insert_anywhere(clean):
    article = clean("""
        Title

        The first paragraph of the story is here.

        READ MORE: Police appeal for witnesses after crash

        The second paragraph of the story is here.

        Related | Airport strike called off at last minute
    """)
    assert article.metadata.related == [
        "Police appeal for witnesses after crash",
        "Airport strike called off at last minute",
    ]
    assert kept(article) == ["The first paragraph of the story is here.", "The second paragraph of the story is here."]


@pytest.mark.parametrize(
    "line, related",
    [
        ("LIRE AUSSI. Alerte tempête dans le nord", ["Alerte tempête dans le nord"]),
        ("READ MORE. Police appeal for witnesses after crash", ["Police appeal for witnesses after crash"]),
        ("Read more. The council said the bridge would open in spring.", []),
        ("NATO. The alliance met on Monday to discuss the bridge.", []),
        ("LIRE AUSSI. Le conseil municipal a voté mardi la construction d'un nouveau pont sur la rivière, après des années de débat.", []),
    ],
)
def test_a_label_in_capitals_may_end_with_a_full_stop_before_a_headline(clean, line, related):
    article = clean(f"Title\n\nThe first paragraph of the story is here.\n\n{line}\n\nThe second paragraph of the story is here.")
    assert article.metadata.related == related
    assert (line in kept(article)) == (not related)


def test_a_turkish_heading_in_capitals(clean):
    """Turkish writes the capital of i as İ, which RE2 does not fold to i: the patterns say [iİ]."""
    items = ["Belediye yeni köprüyü onayladı", "Meclis bütçeyi kabul etti"]
    article = clean("Başlık\n\nBelediye meclisi salı günü nehir üzerine yeni bir köprü yapılmasına karar verdi.\n\nİLGİLİ HABERLER\n" + "\n".join(items))
    assert article.metadata.related == items


def test_heading_in_another_language(clean):
    article = clean("""
        Título

        O governo anunciou novas medidas nesta terça-feira.

        Leia também:
        Inflação sobe pelo terceiro mês seguido
        Câmara aprova reforma tributária
    """)
    assert article.metadata.related == ["Inflação sobe pelo terceiro mês seguido", "Câmara aprova reforma tributária"]


def test_a_more_tips_heading_over_other_articles(clean):
    article = clean("""
        Titel

        Der Weg führt zwei Stunden am Fluss entlang bis zur alten Brücke.

        Weitere Wandertipps im Allgäu
        Drei Hütten, die im Winter offen haben
        Der schönste Weg auf den Grünten
    """)
    assert article.metadata.related == ["Drei Hütten, die im Winter offen haben", "Der schönste Weg auf den Grünten"]


@pytest.mark.parametrize(
    "heading, body, items",
    [
        ("Potrebbe interessarti anche", "Il consiglio comunale ha deciso martedì di costruire un nuovo ponte sul fiume, dopo anni di dibattito.",
         ["Il nuovo ponte costerà dodici milioni", "Traffico in centro: le nuove regole"]),
        ("Читать также", "Городской совет во вторник решил построить новый мост через реку после многолетних споров между районами.",
         ["Мост через реку откроют весной", "В центре города изменят движение"]),
        ("Najnowsze", "Rada miasta zdecydowała we wtorek o budowie nowego mostu na rzece, po latach sporów między dzielnicami.",
         ["Most na rzece otwarty wiosną", "Zmiany w ruchu w centrum miasta"]),
        ("Mest läst", "Kommunfullmäktige beslutade på tisdagen att bygga en ny bro över älven, efter flera års debatt.",
         ["Den nya bron kostar tolv miljoner", "Trafiken i centrum läggs om i vår"]),
        ("Seneste nyt", "Byrådet besluttede tirsdag at bygge en ny bro over åen, efter flere års debat mellem bydelene.",
         ["Den nye bro koster tolv millioner", "Trafikken i centrum lægges om"]),
        ("Siste nytt", "Bystyret vedtok tirsdag å bygge en ny bro over elva, etter flere års debatt mellom bydelene.",
         ["Den nye broen koster tolv millioner", "Trafikken i sentrum legges om"]),
        ("Tuoreimmat", "Kaupunginvaltuusto päätti tiistaina rakentaa uuden sillan joen yli usean vuoden keskustelun jälkeen.",
         ["Uusi silta maksaa kaksitoista miljoonaa", "Keskustan liikenne muuttuu keväällä"]),
        ("Nejnovější", "Městské zastupitelstvo v úterý rozhodlo o stavbě nového mostu přes řeku po letech sporů.",
         ["Nový most bude stát dvanáct milionů", "Doprava v centru se na jaře změní"]),
        ("Ayrıca okuyun", "Belediye meclisi salı günü yıllarca süren tartışmanın ardından nehir üzerine yeni bir köprü yapılmasına karar verdi.",
         ["Yeni köprü on iki milyona mal olacak", "Şehir merkezinde trafik değişiyor"]),
        ("Rekommenderat för dig", "Kommunfullmäktige beslutade på tisdagen att bygga en ny bro över älven, efter flera års debatt.",
         ["Den nya bron kostar tolv miljoner", "Trafiken i centrum läggs om i vår"]),
        ("Anbefalet til dig", "Byrådet besluttede tirsdag at bygge en ny bro over åen, efter flere års debat mellem bydelene.",
         ["Den nye bro koster tolv millioner", "Trafikken i centrum lægges om"]),
        ("Flere nyheter", "Bystyret vedtok tirsdag å bygge en ny bro over elva, etter flere års debatt mellom bydelene.",
         ["Den nye broen koster tolv millioner", "Trafikken i sentrum legges om"]),
        ("Lisää uutisia", "Kaupunginvaltuusto päätti tiistaina rakentaa uuden sillan joen yli usean vuoden keskustelun jälkeen.",
         ["Uusi silta maksaa kaksitoista miljoonaa", "Keskustan liikenne muuttuu keväällä"]),
        ("Doporučujeme", "Městské zastupitelstvo v úterý rozhodlo o stavbě nového mostu přes řeku po letech sporů.",
         ["Nový most bude stát dvanáct milionů", "Doprava v centru se na jaře změní"]),
        ("Daha fazla haber", "Belediye meclisi salı günü yıllarca süren tartışmanın ardından nehir üzerine yeni bir köprü yapılmasına karar verdi.",
         ["Yeni köprü on iki milyona mal olacak", "Şehir merkezinde trafik değişiyor"]),
        ("Polecane dla Ciebie", "Rada miasta zdecydowała we wtorek o budowie nowego mostu na rzece, po latach sporów między dzielnicami.",
         ["Most na rzece otwarty wiosną", "Zmiany w ruchu w centrum miasta"]),
        ("Consigliati per te", "Il consiglio comunale ha deciso martedì di costruire un nuovo ponte sul fiume, dopo anni di dibattito.",
         ["Il nuovo ponte costerà dodici milioni", "Traffico in centro: le nuove regole"]),
        ("Aanbevolen voor jou", "De gemeenteraad heeft dinsdag besloten een nieuwe brug over de rivier te bouwen, na jaren van discussie.",
         ["De nieuwe brug kost twaalf miljoen", "Verkeer in het centrum wordt omgelegd"]),
        ("Nos recommandations", "Le conseil municipal a décidé mardi de construire un nouveau pont sur la rivière, après des années de débat.",
         ["Le nouveau pont coûtera douze millions", "Circulation en centre-ville : les nouvelles règles"]),
        ("Unsere Empfehlung", "Der Stadtrat hat am Dienstag beschlossen, eine neue Brücke über den Fluss zu bauen.",
         ["Die neue Brücke kostet zwölf Millionen", "Der Verkehr in der Innenstadt wird umgeleitet"]),
        ("Aus dem Netz", "Der Stadtrat hat am Dienstag beschlossen, eine neue Brücke über den Fluss zu bauen.",
         ["Die neue Brücke kostet zwölf Millionen", "Der Verkehr in der Innenstadt wird umgeleitet"]),
        ("More stories like this", "The town council voted on Tuesday to build a new bridge over the river.",
         ["New bridge to cost twelve million pounds", "Traffic in the town centre to be diverted"]),
    ],
)
def test_more_read_also_headings(clean, heading, body, items):
    article = clean(f"Title\n\n{body}\n\n{heading}\n" + "\n".join(items))
    assert article.metadata.related == items


def test_a_subheading_with_more_in_it_stays(clean):
    text = "Titel\n\nDer Weg führt zwei Stunden am Fluss entlang.\n\nWeitere Zellprojekte im Aufbau\n\nIn Sachsen entsteht ein zweites Werk, das im Herbst die Arbeit aufnimmt."
    assert "Weitere Zellprojekte im Aufbau" in kept(clean(text))


@pytest.mark.parametrize(
    "sentence",
    [
        "Doporučujeme obyvatelům, aby v době stavby mostu jezdili do centra autobusem.",
        "Polecane przez radę rozwiązanie zakłada budowę mostu w ciągu dwóch lat.",
        "Aanbevolen wordt om tijdens de bouw van de brug met de bus naar het centrum te gaan.",
        "More from the mayor's speech will be published on Friday.",
        "Elsewhere on the river, flooding closed two roads.",
        "Popular in the 1980s, the style is back in fashion.",
        "Trending on social media since Monday, the video shows the bridge swaying.",
        "Mehr aus dem Rathaus erfuhr die Presse am Dienstag nicht.",
        "Weitere Artikel des Vertrags sollen im Herbst verhandelt werden.",
        "Topthemen der Sitzung waren die Brücke und der Haushalt.",
    ],
)
def test_a_sentence_that_starts_like_a_heading_stays(clean, sentence):
    text = f"Titel\n\n{sentence}\n\nThe work will begin in the spring and should take two years."
    assert sentence in kept(clean(text))


def test_a_heading_written_as_a_sentence_goes_with_the_headlines_under_it(clean):
    items = ["Council approves new bridge after decade of debate", "Flood warning issued for the lower valley"]
    article = clean("Title\n\nThe body of the story, a full sentence.\n\nYou might also be interested in these.\n" + "\n".join(items))
    assert article.metadata.related == items
    assert kept(article) == ["The body of the story, a full sentence."]


def test_body_that_mentions_dont_miss_survives(clean):
    text = "Don’t miss the meteor shower tonight, astronomers said, as skies are expected to clear."
    article = clean(f"Title\n\n{text}")
    assert kept(article) == [text]


def test_read_more_as_a_sentence_survives(clean):
    text = "Read more about the proposals on the council website."
    article = clean(f"Title\n\nThe council published its plans.\n\n{text}")
    assert text in kept(article)


def test_list_stops_at_a_sentence(clean):
    article = clean("""
        Title

        Opening paragraph of the story here.

        Trending
        Star announces world tour
        The band said in a statement that tickets would go on sale on Friday.
    """)
    assert article.metadata.related == ["Star announces world tour"]
    assert "The band said in a statement that tickets would go on sale on Friday." in kept(article)


def test_lone_tagged_headline(clean):
    article = clean("""
        Title

        Opening paragraph of the story here.

        Royal baby name revealed [PICTURES]

        More of the story follows here.
    """)
    assert article.metadata.related == ["Royal baby name revealed"]


def test_bracketed_words_in_body_survive(clean):
    text = "“They [the rebels] are retreating,” he said [AFP]."
    article = clean(f"Title\n\n{text}")
    assert kept(article) == [text]


def test_headings_are_configurable(clean):
    text = """
        Title

        Body paragraph of the story.

        Elsewhere in the paper
        Headline one here
    """
    assert clean(text).metadata.related == []
    article = clean(text, config={"plugins": {"promo": {"headings": ["elsewhere in the paper"]}}})
    assert article.metadata.related == ["Headline one here"]


def test_insert_label_with_a_long_run_of_spaces_before_its_separator(clean):
    insert = "READ MORE" + " " * 200_000 + ": Council approves new cycle lanes"
    article = clean(f"Headline\n\nA body paragraph, one sentence.\n\n{insert}\n\nAnother body sentence.")
    assert removed_by(article, "promo") == [insert]
    assert article.metadata.related == ["Council approves new cycle lanes"]


@pytest.mark.parametrize(
    "insert, headline",
    [
        ("[Related: Salesforce keynote: AI, integration and protesters]", "Salesforce keynote: AI, integration and protesters"),
        ("(Leggi anche su: I Cavalieri dello Zodiaco: ecco gli attori)", "I Cavalieri dello Zodiaco: ecco gli attori"),
        ("(READ MORE: Bridge vote delayed again as costs rise)", "Bridge vote delayed again as costs rise"),
    ],
)
def test_bracketed_inserts_are_removed(clean, insert, headline):
    article = clean(f"Title\n\nThe body of the story, a full sentence.\n\n{insert}\n\nMore of the story, a sentence.")
    assert removed_by(article, "promo") == [insert]
    assert article.metadata.related == [headline]


def test_a_bracketed_aside_in_the_body_stays(clean):
    aside = "(Related: the council also voted to repair the old bridge, which will stay open to walkers.)"
    article = clean(f"Title\n\nThe body of the story, a full sentence.\n\n{aside}\n\nMore of the story.")
    assert aside in kept(article)


@pytest.mark.parametrize("line", [">> Minister resigns over expenses row <<", "► Storm warning issued for the north", ">>> Now on sale: the spring issue <<<"])
def test_a_headline_behind_a_pointer_is_a_link_to_another_article(clean, line):
    article = clean(f"Title\n\nThe body of the story, a full sentence.\n\n{line}\n\nMore of the story.")
    assert removed_by(article, "promo") == [line]
    assert article.metadata.related == [line.strip(" <>►")]


def test_a_python_prompt_is_not_a_pointer(clean):
    article = clean("Title\n\nIn the interpreter:\n\n>>> x = [1, 2, 3]\n\n>>> print(len(x))\n\nIt prints three.")
    assert removed_by(article, "promo") == []


def test_a_headline_tagged_in_title_case_is_a_promo(clean):
    line = "Audio-Technica ATH-G1WL Review: My new go-to wireless gaming headset [Video]"
    article = clean(f"Title\n\nThe body of the story, a full sentence.\n\n{line}\n\nMore of the story.")
    assert removed_by(article, "promo") == [line]


@pytest.mark.parametrize("language", vocabularies.available())
def test_every_languages_headings_and_inserts_can_be_screened(language):
    """A heading or insert pattern with an edge (^, $, \\b) leaves the plugin no way to find its
    lines by a part of them (`Vocabulary.followed_by` gives None), and every block of an article
    in that language is then looked at: a word boundary here made English articles three times as
    costly to screen."""
    from cleaner import Cleaner

    cleaner = Cleaner.from_config({"languages": [language]})
    options = cleaner.profile_of(cleaner.clean_text("Title\n\nBody.")).options["promo"]
    heading_lines, insert_lines, _, _ = options.line_finders()
    assert heading_lines is not None and insert_lines is not None
