import pytest

from cleaner import Cleaner
from cleaner.config import ConfigError
from conftest import kept, removed_by


@pytest.mark.parametrize(
    "prompt",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Sign up to our free daily newsletter",
        "Follow us on Twitter",
        "Follow The Herald on Facebook and Instagram",
        "Share this article",
        "Click here to subscribe",
        "We use cookies to improve your experience.",
        "Subscribe now for unlimited access",
        "Already a subscriber? Log in",
        "12 Comments",
        "Siga-nos no Instagram",
        "Follow The Riverside Gazette Opinion desk on Facebook, Twitter (@GazetteViews) and Instagram.",
        "If you buy something through this post, the site may get a share of the sale.",
        "If you enjoyed this article, we have a proposition for you: join our members.",
        "Thanks for signing up!",
        "Keep an eye on your inbox for our weekly politics briefing.",
        "Pick Six Newsletter",
        "- Order Reprints",
        "Listen: http://po.st/TP_615",
        "Tempo de leitura: 4 minutos",
    ],
)
def test_prompts_are_removed(clean, prompt):
    article = clean(f"Title\n\nThe body of the story, a full sentence.\n\n{prompt}\n\nMore of the story.")
    assert removed_by(article, "prompts") == [prompt]
    assert kept(article) == ["The body of the story, a full sentence.", "More of the story."]


@pytest.mark.parametrize(
    "kind, prompt",
    [
        ("advertising", "Anzeige"),
        ("advertising", "*Werbung. Dieser Beitrag enthält unbezahlte Markennennungen."),
        ("advertising", "Dieser Artikel kann Links zu Anbietern enthalten, von denen wir eine Provision erhalten."),
        ("advertising", "We may earn a commission when you buy through links on our site."),
        ("advertising", "Publicité"),
        ("newsletter", "Never miss a story: sign up for our morning briefing."),
        ("newsletter", "Lust auf mehr? Die besten Geschichten jede Woche in deinem Posteingang."),
        ("newsletter", "Inscrivez-vous à notre newsletter"),
        ("newsletter", "Zapraszamy też do subskrypcji naszego tygodnika."),
        ("newsletter", "Pressemappe der Muster AG | RSS-Feed abonnieren"),
        ("newsletter", "Subscribe to our RSS feed"),
        ("newsletter", "Abonneer je op onze nieuwsbrief"),
        ("subscription", "Jetzt kostenlos registrieren und weiterlesen"),
        ("subscription", "Il vous reste 80 % de cet article à lire."),
        ("subscription", "Découvrez nos offres"),
        ("consent", "Mit Ihrer Zustimmung wird hier ein externer Inhalt geladen."),
        ("social", "Auf Facebook teilen"),
        ("interface", "Zum Artikel"),
        ("interface", "Jetzt lesen"),
        ("interface", "Enlarge this image"),
        ("interface", "toggle caption"),
        ("comments", "Required fields are marked *"),
        ("comments", "Erforderliche Felder sind mit * markiert"),
        ("comments", "Zostaw komentarz"),
        ("comments", "Laat een reactie achter"),
        ("interface", "Symbolbild"),
        ("interface", "Weiter »"),
        ("interface", "Hier anmelden"),
        ("interface", "Drukuj"),
        ("interface", "WATCH:"),
        ("subscription", "Gratis testen"),
        ("subscription", "Donate"),
        ("social", "Gefällt mir:"),
        ("social", "Email this"),
        ("advertising", "*Affiliate-Links"),
        ("advertising", "Hinweis: Dieser Artikel enthält Werbung."),
        ("advertising", "Continue reading below"),
        ("subscription", "To read the full story, subscribe or log in."),
        ("subscription", "This article is available to subscribers only."),
        ("subscription", "Sie sind aktuell nicht eingeloggt."),
        ("subscription", "Pour lire la suite"),
        ("subscription", "Tú también puedes hacer periodismo incómodo. Cancela cuando quieras."),
        ("social", "Folgen Sie uns auf Facebook und Instagram"),
        ("social", "Síguenos en Twitter"),
        ("social", "WhatsApp"),
        ("apps", "Download the Gazette app for iPhone and Android"),
        ("consent", "Klicken Sie auf den Button, um den Inhalt von YouTube zu laden."),
        ("consent", "To view this content, please accept third-party cookies."),
        ("comments", "Tell us what you think in the comments below."),
        ("comments", "3 Kommentare"),
        ("feedback", "We want to hear what you think about this article. Write to letters@example.com."),
        ("interface", "Bild anzeigen"),
        ("interface", "Video verfügbar bis 28.02.2024"),
        ("interface", "5 min read"),
        ("interface", "Jahresbericht 2023 PDF | 2,1 MB"),
        ("interface", "Audio-Version dieses Artikels"),
        ("interface", "Diesen Artikel vorlesen lassen"),
        ("interface", "Hier können Sie den Artikel anhören."),
        ("interface", "Zur Merkliste hinzufügen"),
        ("interface", "Artikel verschenken"),
        ("interface", "PDF herunterladen"),
        ("interface", "Inhalt laden"),
        ("consent", "Wir benötigen Ihre Zustimmung, um den Inhalt von YouTube zu laden."),
        ('consent', 'Mit einem Klick auf "Alle akzeptieren" stimmen Sie zu.'),
        ("subscription", "Jetzt 4 Wochen gratis lesen"),
        ("subscription", "Lesen Sie jetzt mit Gazette+"),
        ("subscription", "Exklusiv für Abonnenten"),
        ("subscription", "Jetzt unterstützen"),
        ("interface", "Dauer: 3:24 Min."),
        ("interface", "Bild 1 von 12"),
        ("interface", "Foto 3/8"),
        ("interface", "Vorheriges Bild"),
        ("interface", "Nächstes Bild"),
        ("interface", "Zum Vergrößern klicken"),
        ("advertising", "Anzeige - Weiter lesen nach der Anzeige"),
        ("interface", "Artikel weiterlesen"),
        ("interface", "Lesen Sie hier weiter"),
        ("feedback", "Hat Ihnen der Artikel gefallen?"),
        ("feedback", "Fehler melden"),
        ("social", "Teilen Sie diesen Artikel"),
        ("comments", "Zum Kommentarbereich"),
        ("advertising", "Werbehinweis"),
        ("advertising", "Alle Infos zu unseren Partnerlinks"),
        ("consent", "Privatsphäre-Einstellungen"),
        ("interface", "Nach oben scrollen"),
        ("interface", "Alle Bilder"),
        ("interface", "Alle Videos"),
        ("interface", "Listen to article"),
        ("interface", "Save for later"),
        ("interface", "Gift this article"),
        ("interface", "Download PDF"),
        ("interface", "Back to homepage"),
        ("interface", "Load content"),
        ('consent', 'Click "Accept" to view this content.'),
        ("subscription", "Start your free trial"),
        ("subscription", "Have an account? Sign in"),
        ("subscription", "Continue reading with a subscription"),
        ("subscription", "Subscriber exclusive"),
        ("subscription", "Support us"),
        ("interface", "Read more about this here."),
        ("interface", "Video: 02:15"),
        ("interface", "Duration: 3:24"),
        ("interface", "Photo 3/8"),
        ("interface", "Previous image"),
        ("interface", "Next image"),
        ("feedback", "Did you like this article?"),
        ("feedback", "How would you rate this article?"),
        ("feedback", "Found an error? Let us know."),
        ("feedback", "Report an error"),
        ("feedback", "Report a correction"),
        ("social", "Send by email"),
        ("comments", "Comment now"),
        ("comments", "Commenting has been disabled for this article."),
        ("comments", "Jump to comments"),
        ("advertising", "Links marked with * are affiliate links."),
        ("advertising", "Advertising disclosure"),
        ("interface", "Privacy settings"),
        ("interface", "All photos"),
        ("interface", "All videos"),
        ("interface", "All news"),
        ("interface", "Open menu"),
        ("interface", "Close menu"),
    ],
)
def test_each_kind_is_its_own_rule(clean, kind, prompt):
    article = clean(f"Title\n\nThe body of the story, a full sentence.\n\n{prompt}\n\nMore of the story.")
    assert [(b.text, b.removal.rule) for b in article.removed_blocks() if b.removal.plugin == "prompts"] == [(prompt, kind)]


def test_a_kind_with_an_empty_list_is_off(clean):
    article = clean("Title\n\nThe body of the story.\n\nBild anzeigen\n\nMore.", config={"languages": ["en"]})
    assert "Bild anzeigen" in kept(article)


@pytest.mark.parametrize(
    "body",
    [
        "Share prices fell sharply on Monday.",
        "Follow the money, the detective told reporters, and you will find the killer.",
        "Subscribers to the service will pay more from April.",
        "Advertisements for the show ran for weeks before the premiere, and critics were not impressed by them at all.",
        "Click here to subscribe, the pop-up said, but she did not, and instead went on reading the long report she had been sent by a colleague at the ministry that morning.",
        "Follow the river north for two miles on foot and you reach the old bridge.",
        "If you buy a house near the new bridge, prices will rise, the agent said.",
        "The newsletter was sent to every household in the town.",
        "Print journalists were not allowed into the meeting.",
        "Werbung nervt, und Tracking nervt auch, schreibt die Autorin in ihrem neuen Buch.",
        "Anzeigen gegen den Bürgermeister wurden am Montag eingestellt.",
        "Sign up sheets were posted on the church door for the volunteers.",
        "Never mind the weather, the crowd stayed until the last song.",
        "Download speeds in rural areas lag far behind the cities.",
        "Klicken Sie sich durch die Geschichte der Stadt, sagte der Archivar im Interview.",
        "Comments from the minister were published on Tuesday.",
        "RSS feeds were how many readers followed blogs before social media took over.",
        "Zum Artikel des Grundgesetzes, der die Versammlungsfreiheit schützt, äußerte sich der Richter nicht.",
        "Jetzt lesen Kinder wieder mehr Bücher als vor zehn Jahren, sagt die Studie.",
        "Jetzt registrieren sich mehr Menschen für die Organspende als je zuvor.",
        "Mit ihrer Zustimmung wurde das Video später im Museum gezeigt, sagte die Künstlerin.",
        "Auf Facebook teilen viele Nutzer inzwischen keine Nachrichten mehr.",
        "Découvrez nos offres d'emploi, lance le maire aux jeunes chômeurs de la ville lors du salon.",
        "Abonneer je op de nieuwsbrief van de gemeente, zei de wethouder tegen de bewoners.",
        "Toggle the caption setting in the app, the manual says, and the subtitles appear on screen.",
        "Enlarge this image of the past, and you see how much the town has changed since the war.",
        "Required fields are few in the new form, the agency said, which makes it quicker to fill in.",
        "Weiter ging es am Nachmittag mit einer Debatte über die Kosten der Brücke und ihre Folgen.",
        "Hier anmelden können sich alle Bürger, die älter als sechzehn Jahre sind, sagte die Stadt.",
        "Kostenlos testen dürfen die Bewohner die neuen Räder bis Ende Mai, teilte die Stadt mit.",
        "Gefällt mir nicht, sagte der Bürgermeister über den Entwurf der neuen Brücke.",
        "Affiliate-Links sind für viele Blogs eine wichtige Einnahmequelle, sagt die Studie.",
        "Zostaw komentarz na później, powiedział burmistrz, bo teraz liczy się tylko budowa mostu.",
        "Drukuj pieniądze, a inflacja wzrośnie, ostrzegał ekonomista w rozmowie z dziennikarzami.",
        "Laat een reactie achter op de website van de gemeente, vroeg de wethouder de bewoners.",
        "Email this to your friends, the campaign urged, and thousands did within an hour.",
        "Donate blood, the hospital asked on Monday, as supplies ran short after the crash.",
        "Listen to the mayor and you would think the bridge is already built, the critics said.",
        "Watch out for cyclists on the new bridge, the council warned drivers on Tuesday.",
        "Continue reading below the fold was how editors once described the second half of a story.",
        "Audio-Version dieses Artikels gibt es ab Montag auch in leichter Sprache, teilte der Sender mit.",
        "Den Text vorlesen lassen sich viele ältere Menschen inzwischen von ihrem Smartphone.",
        "Inhalt laden die Helfer in den Lastwagen, der am Abend in das Krisengebiet fährt.",
        "Wir benötigen Ihre Zustimmung nicht, sagte der Minister zu den Abgeordneten im Ausschuss.",
        "Mit einem Klick auf den Knopf startete der Bürgermeister die neue Ampelanlage am Markt.",
        "Vier Wochen gratis lesen dürfen die Schüler alle Zeitungen der Bibliothek, teilte die Stadt mit.",
        "Exklusiv für Abonnenten der Stadtwerke gibt es in diesem Jahr einen Rabatt auf den Strompreis.",
        "Jetzt unterstützen auch die Grünen den Plan für die neue Brücke über den Fluss.",
        "Bild 1 von 12 Gemälden, die gestohlen wurden, ist wieder aufgetaucht, sagte die Polizei.",
        "Lesen Sie hier weiter, was die Experten über die Kosten der Brücke sagen.",
        "Fehler melden die Bürger seit Montag über eine neue App der Stadt, teilte das Rathaus mit.",
        "Teilen Sie diesen Artikel mit Ihren Kollegen, riet die Gewerkschaft ihren Mitgliedern am Montag in einem Rundschreiben.",
        "Alle Bilder der Ausstellung stammen aus dem Archiv der Stadt.",
        "Werbehinweise auf Plakaten müssen künftig größer sein, beschloss der Rat am Dienstag.",
        "Listen to the article's author and you would think the bridge is already built.",
        "Save for later the hardest questions, the coach told his players before the match.",
        "Download PDF files only from sources you trust, the agency warned on Monday.",
        "Start your free trial period before the end of May, the gym told its members.",
        "Support us in this fight, the mayor told the crowd on Tuesday.",
        "Continue reading for a while, the teacher told the pupils, and then we will talk.",
        "Report an error in the tax return within ten days, the agency said.",
        "Comment now, the reporters shouted, but the minister walked on.",
        "All photos of the suspect were released by the police on Monday.",
        "Open menu prices were introduced by the restaurant last year.",
        "Click the link to view the video of the attack, police urged witnesses.",
        "Advertising disclosure rules were tightened by the regulator on Monday.",
        "Privacy settings on the new phones are hard to find, the study says.",
    ],
)
def test_body_that_starts_like_a_prompt_survives(clean, body):
    article = clean(f"Title\n\n{body}")
    assert kept(article) == [body]


@pytest.mark.parametrize(
    "kind, prompt",
    [
        ("commerce", "Add to cart"),
        ("commerce", "In den Warenkorb"),
        ("commerce", "Preis inkl. MwSt., zzgl. Versand"),
        ("comments", "Antworten abbrechen"),
        ("comments", "Notify me of follow-up comments by email."),
        ("feedback", "Was this article helpful?"),
        ("interface", "Page 2 of 5"),
        ("interface", "Zurück zur Übersicht"),
        ("interface", "Impressum"),
        ("interface", "Like this:"),
    ],
)
def test_shop_forum_and_blog_chrome(clean, kind, prompt):
    article = clean(f"Title\n\nThe body of the story, a full sentence.\n\n{prompt}\n\nMore of the story.")
    assert [(b.text, b.removal.rule) for b in article.removed_blocks() if b.removal.plugin == "prompts"] == [(prompt, kind)]


def test_a_read_more_heading_is_promos_not_an_interface_label(clean):
    article = clean("Title\n\nThe body of the story, a full sentence.\n\nRead more\nMinister resigns over expenses row\nStorm warning issued for the north\n\nMore of the story.")
    assert [b.removal.rule for b in article.removed_blocks() if b.removal.plugin == "promo"] == ["promo-heading", "promo-item", "promo-item"]


LONG_PITCH = (
    "If you enjoyed this article, we have a proposition for you: become a member. Members get all of our "
    "reporting, the weekly magazine and the podcast without advertising, and they keep an independent "
    "newsroom going in a town that has lost two of its papers in ten years."
)
LONG_DISCLOSURE = (
    "We recommend the best products through an independent review process, and advertisers do not "
    "influence our picks. We may receive compensation if you visit partners we recommend; read our "
    "advertiser disclosure for more information on how we make money."
)


@pytest.mark.parametrize("kind, prompt", [("subscription", LONG_PITCH), ("advertising", LONG_DISCLOSURE)])
def test_pitches_and_disclosures_may_run_to_a_paragraph(clean, kind, prompt):
    article = clean(f"Title\n\nThe body of the story, a full sentence.\n\n{prompt}\n\nMore of the story.")
    assert [(b.text, b.removal.rule) for b in article.removed_blocks() if b.removal.plugin == "prompts"] == [(prompt, kind)]


def test_other_kinds_stay_short(clean):
    body = (
        "Tell us what you think in the comments below, the editor wrote in 1998 when the paper first opened "
        "its website to readers, and within a week more than four thousand of them had written in about the bridge."
    )
    assert body in kept(clean(f"Title\n\nThe body of the story, a full sentence.\n\n{body}"))


def test_a_long_kind_that_is_not_a_kind_is_named(tmp_path):
    with pytest.raises(ConfigError, match=r"plugins\.prompts\.max_words_of.*not a kind of prompt: adverts"):
        Cleaner.from_config({"plugins": {"prompts": {"max_words_of": {"adverts": 60}}}})
