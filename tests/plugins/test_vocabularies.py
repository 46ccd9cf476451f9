"""The vocabularies: one file per language in plugins/languages/, served through the
cleaner_add_vocabulary hook, their patterns put before each option's own."""

import re

import pytest
import yaml

import cleaner
from cleaner import Cleaner
from cleaner.config import ConfigError
from cleaner.patterns import Pattern, Vocabulary
from cleaner_plugins import vocabularies
from conftest import kept, removed_by

LANGUAGES = vocabularies.available()


def test_config_names_every_language_there_is_a_file_for():
    assert sorted(Cleaner.from_config().config.settings.languages) == LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_file_gives_vocabulary_options_of_built_in_plugins(language):
    cleaner_ = Cleaner.from_config({"languages": []})
    words = vocabularies.cleaner_add_vocabulary(language)
    assert words, f"{language}.yaml is empty"
    for plugin, options in words.items():
        assert plugin in cleaner_.options, f"{language}.yaml: {plugin}: no such plugin"
        for option, patterns in options.items():
            current = getattr(cleaner_.options[plugin], option)
            assert isinstance(current, Vocabulary) and not isinstance(current, Pattern), f"{plugin}.{option}"
            Vocabulary(patterns)  # compiles, or raises naming the item


BOUNDARY = re.compile(r"(?<!\\)\\b")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_ascii_word_boundary_next_to_a_letter_it_cannot_see(language):
    """RE2's \\b is ASCII-only: after "publié" or before "Ж" it never matches. Such patterns write
    (?:$|[^\\pL\\pN]) instead."""
    for plugin, options in vocabularies.cleaner_add_vocabulary(language).items():
        for option, patterns in options.items():
            for pattern in patterns:
                for found in BOUNDARY.finditer(pattern):
                    for side in _literal_letters_beside(pattern, found.start(), found.end()):
                        assert side.isascii(), f"{language}.yaml {plugin}.{option}: \\b beside {side!r} in {pattern!r}"


NOT_LATIN = ("ru", "uk", "el", "ar", "he", "fa", "hi", "zh", "ja", "ko")
TRAILING_NON_WORD = re.compile(r"(?<!\\)\\W[*+]\$")


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language in NOT_LATIN])
def test_no_ascii_non_word_tail_in_a_script_it_cannot_see(language):
    """RE2's \\W is every character but an ASCII letter, digit or underscore: in these scripts a
    line's whole tail of words. "купить билеты\\W*$" takes "Купить билеты на концерт можно…"."""
    for plugin, options in vocabularies.cleaner_add_vocabulary(language).items():
        for option, patterns in options.items():
            for pattern in patterns:
                assert not TRAILING_NON_WORD.search(pattern), f"{language}.yaml {plugin}.{option}: \\W*$ in {pattern!r}"


def _literal_letters_beside(pattern, start, end):
    """The letters a \\b at pattern[start:end] may stand next to: the last letter of each
    alternative of a group that closes before it, and the first of each that opens after it."""
    letters = []
    before = pattern[:start]
    if before.endswith(")"):
        depth, position, last = 0, len(before) - 2, [before[-2]]
        while position >= 0:
            char = before[position]
            if char == ")":
                depth += 1
            elif char == "(":
                if depth == 0:
                    break
                depth -= 1
            elif char == "|" and depth == 0:
                last.append(before[position - 1])
            position -= 1
        letters += last
    elif before:
        letters.append(before[-1])
    after = pattern[end:]
    if after.startswith("(?:"):
        depth, position, first = 0, 3, [after[3:4]]
        while position < len(after):
            char = after[position]
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            elif char == "|" and depth == 0:
                first.append(after[position + 1 : position + 2])
            position += 1
        letters += first
    elif after:
        letters.append(after[0])
    return [letter for letter in letters if letter.isalpha()]


def test_a_language_left_out_takes_its_words_with_it(clean):
    text = "Title\n\nThe council voted on Tuesday.\n\nLesen Sie auch\nDie Brücke wird teurer\nNeue Pläne für den Hafen\n\nThe story goes on."
    assert "Lesen Sie auch" not in clean(text).text
    assert "Lesen Sie auch" in clean(text, config={"languages": ["en"]}).text


def test_the_options_own_patterns_come_after_the_languages():
    cleaner_ = Cleaner.from_config({"plugins": {"promo": {"headings": ["elsewhere in the gazette"]}}})
    headings = cleaner_.options["promo"].headings
    assert headings.patterns[-1] == "elsewhere in the gazette"
    assert headings.fullmatch("Lesen Sie auch") and headings.fullmatch("Elsewhere in the Gazette")


def test_a_bad_pattern_of_the_users_is_named_by_its_own_item_number(tmp_path):
    config = tmp_path / "my.yaml"
    config.write_text("plugins:\n  promo:\n    headings: ['read more', 'broken(']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"plugins\.promo\.headings: item 1: pattern 'broken\(' does not compile"):
        Cleaner.from_config(config)


@pytest.mark.parametrize("code", ["xx", "../../etc/passwd", "EN", "en/../de"])
def test_an_unknown_or_malformed_language_is_a_config_error(code):
    with pytest.raises(ConfigError, match=r"languages"):
        Cleaner.from_config({"languages": ["en", code]})


class Frisian:
    """A plugin package adding a language."""

    @cleaner.hookimpl
    def cleaner_add_vocabulary(self, language):
        if language == "fy":
            return {"promo": {"headings": ["lês ek"]}, "not_loaded_plugin": {"words": ["x"]}}
        return None


class Broken:
    @cleaner.hookimpl
    def cleaner_add_vocabulary(self, language):
        return {"promo": {"headings": ["fine", "broken("]}} if language == "fy" else None


def test_a_plugin_can_add_a_language(clean):
    cleaner_ = Cleaner.from_config({"languages": ["en", "fy"]}, plugins=[Frisian()])
    article = cleaner_.clean_text("Title\n\nThe body, a sentence.\n\nLês ek\nIn oare kop hjir\nNoch in oare kop\n\nMore body.")
    assert removed_by(article, "promo")[0] == "Lês ek"


def test_a_bad_pattern_in_a_language_names_the_language_and_its_plugin():
    with pytest.raises(ConfigError, match=r"languages\[1\]: 'fy' \(from plugin Broken\): promo\.headings: item 1: pattern 'broken\('"):
        Cleaner.from_config({"languages": ["en", "fy"]}, plugins=[Broken()])


def test_an_option_that_is_not_a_vocabulary_is_named(tmp_path):
    class Wrong:
        @cleaner.hookimpl
        def cleaner_add_vocabulary(self, language):
            return {"promo": {"max_items": ["3"]}}

    with pytest.raises(ConfigError, match=r"promo\.max_items: not a vocabulary option of plugin promo"):
        Cleaner.from_config({"languages": ["en"]}, plugins=[Wrong()])


def test_yaml_reads_no_as_false_so_norwegian_is_nb():
    assert "nb" in LANGUAGES and "no" not in LANGUAGES
    assert yaml.safe_load("[no]") == [False]


@pytest.mark.parametrize(
    "language, furniture",
    [
        ("de", "Lesen Sie auch: Die Brücke wird teurer"),
        ("fr", "À lire aussi : Le pont coûtera plus cher"),
        ("es", "Lea también: El puente costará más"),
        ("it", "Leggi anche: Il ponte costerà di più"),
        ("pt", "Leia também: A ponte vai custar mais"),
        ("nl", "Lees ook: De brug wordt duurder"),
        ("pl", "Czytaj także: Most będzie droższy"),
        ("ru", "Читайте также: Мост подорожает"),
    ],
)
def test_each_language_reads_its_read_more_inserts(clean, language, furniture):
    article = clean(f"Title\n\nThe body of the story, a full sentence.\n\n{furniture}\n\nMore of the story.")
    assert removed_by(article, "promo") == [furniture]
    assert kept(article) == ["The body of the story, a full sentence.", "More of the story."]


ARTICLES = {
    "uk": (
        "Міська рада у вівторок вирішила збудувати новий міст через річку після багатьох років суперечок між районами, і роботи почнуться вже навесні.",
        ["Читайте також: Міст подорожчає на третину", "Фото: Іван Петренко", "Поділитися", "Всі права захищені."],
        ["Читайте також звіт ради, який опублікували вчора, щоб зрозуміти, скільки коштуватиме міст.",
         "Фото з будівництва мешканці публікували в мережі щодня, і їх переглянули тисячі людей."],
    ),
    "ar": (
        "قرر المجلس البلدي يوم الثلاثاء بناء جسر جديد فوق النهر بعد سنوات من الخلاف بين الأحياء، وقال إن العمل سيبدأ في الربيع وإن الجسر سيكون جاهزا خلال عامين.",
        ["اقرأ أيضا: الجسر سيكلف أكثر من المتوقع", "تصوير: أحمد علي", "جميع الحقوق محفوظة"],
        ["اقرأ أيضا ما قاله رئيس البلدية عن الجسر في مؤتمره الصحفي الذي عقده أمس أمام الصحفيين.",
         "المصدر الرئيسي لتمويل المشروع هو قرض من البنك الوطني بفائدة منخفضة."],
    ),
    "el": (
        "Το δημοτικό συμβούλιο αποφάσισε την Τρίτη να χτίσει μια νέα γέφυρα πάνω από το ποτάμι, μετά από χρόνια διαφωνιών ανάμεσα στις γειτονιές της πόλης.",
        ["Διαβάστε επίσης: Ακριβότερη η νέα γέφυρα", "Φωτογραφία: Γιώργος Παπαδόπουλος", "Κοινοποίηση"],
        ["Διαβάστε επίσης την έκθεση του συμβουλίου, που δημοσιεύθηκε χθες, για να δείτε το κόστος.",
         "Πηγή εσόδων για το έργο θα είναι ένα δάνειο από την Ευρωπαϊκή Τράπεζα Επενδύσεων."],
    ),
    "ro": (
        "Consiliul local a decis marți să construiască un pod nou peste râu, după ani de dispute între cartiere, iar lucrările vor începe în primăvară.",
        ["Citește și: Podul va costa mai mult", "Foto: Ion Popescu", "Distribuie", "Toate drepturile rezervate."],
        ["Citește și raportul consiliului, publicat ieri, pentru a afla cât va costa podul.",
         "Sursa principală de finanțare va fi un împrumut de la banca națională."],
    ),
    "hu": (
        "A városi közgyűlés kedden úgy döntött, hogy új hidat épít a folyó fölé, miután évekig vitatkoztak róla a kerületek és a lakók.",
        ["Kapcsolódó: Drágább lesz az új híd", "Fotó: Kovács Péter", "Megosztás", "Minden jog fenntartva."],
        ["Kapcsolódó beruházásként a város új kerékpárutat is épít a híd mindkét oldalán.",
         "Forrás hiányában a munkák tavaly elmaradtak, most azonban megvan a pénz."],
    ),
    "vi": (
        "Hội đồng thành phố hôm thứ Ba đã quyết định xây một cây cầu mới bắc qua sông sau nhiều năm tranh cãi giữa các khu phố và người dân.",
        ["Xem thêm: Cây cầu mới sẽ tốn kém hơn dự kiến", "Ảnh: Nguyễn Văn An", "Chia sẻ"],
        ["Xem thêm báo cáo của hội đồng được công bố hôm qua để biết chi phí của cây cầu.",
         "Nguồn vốn chính của dự án là khoản vay từ ngân hàng nhà nước."],
    ),
    "hi": (
        "नगर परिषद ने मंगलवार को नदी पर एक नया पुल बनाने का फैसला किया, जिस पर कई वर्षों से मोहल्लों और लोगों के बीच विवाद चल रहा था।",
        ["यह भी पढ़ें: नया पुल अनुमान से महंगा होगा", "फोटो: राजेश कुमार", "शेयर करें"],
        ["यह भी पढ़ें कि परिषद ने कल जारी रिपोर्ट में पुल की लागत के बारे में क्या कहा है।"],
    ),
    "he": (
        "מועצת העיר החליטה ביום שלישי לבנות גשר חדש מעל הנהר, לאחר שנים של מחלוקת בין השכונות והתושבים, והעבודות יתחילו באביב.",
        ["קראו עוד: הגשר החדש יעלה יותר מהצפוי", "צילום: משה כהן", "שתפו", "כל הזכויות שמורות"],
        ["קראו עוד על התוכנית בדוח המועצה שפורסם אתמול, ובו פירוט העלויות של הגשר."],
    ),
    "fa": (
        "شورای شهر روز سه شنبه تصمیم گرفت که پس از سال ها اختلاف میان محله ها و ساکنان، یک پل تازه روی رودخانه بسازد و کار از بهار آغاز شود.",
        ["بیشتر بخوانید: پل جدید گران تر از پیش بینی خواهد بود", "عکس: علی رضایی", "اشتراک گذاری"],
        ["منبع اصلی تامین هزینه این طرح وامی از بانک ملی با بهره کم خواهد بود."],
    ),
    "zh": (
        "市议会周二决定在河上修建一座新桥，结束了各城区之间多年的争论。工程预计明年春天开工，总投资约十亿元。",
        ["相关阅读：新桥造价将超出预期", "图片来源：视觉中国", "分享到："],
        ["相关部门负责人表示，新桥建成后将大大缓解两岸的交通压力。"],
    ),
    "ja": (
        "市議会は火曜日、長年にわたる地域間の議論を経て、川に新しい橋を建設することを決めた。工事は来年春に始まる予定だ。",
        ["関連記事：新しい橋、費用は想定以上に", "写真：山田太郎", "シェアする"],
        ["関連する資料は市のホームページで公開されており、誰でも閲覧できる。"],
    ),
}
"""For each language added after the first seventeen: a body paragraph, furniture written as
its sites write it (an insert, a photo credit, a share button, a rights notice) and body
sentences that start with the same words and must stay."""


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_each_added_language_is_told_and_its_furniture_goes_and_its_look_alikes_stay(language):
    body, furniture, look_alikes = ARTICLES[language]
    engine = Cleaner.from_config()
    insert, *closing = furniture
    article = engine.clean_text("\n\n".join(["Titel", body, insert, body, *look_alikes, body, *closing]))
    assert engine.profile_of(article).languages == {language, "en"}
    assert [block.text for block in article.blocks if block.removal is not None][1:] == furniture
    assert kept(article) == [body, body, *look_alikes, body]


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_each_added_language_cleans_the_same_as_a_page(language):
    """The same article as an HTML page, one paragraph an element, through trafilatura."""
    from html import escape

    from cleaner.model import Document

    body, furniture, look_alikes = ARTICLES[language]
    insert, *closing = furniture
    paragraphs = "".join(f"<p>{escape(text)}</p>" for text in [body, insert, body, *look_alikes, body, *closing])
    page = f'<html lang="{language}"><head><title>Titel</title></head><body><article><h1>Titel</h1>{paragraphs}</article></body></html>'
    article = Cleaner.from_config().clean_document(Document(id="page", source="page.html", content=page, media_type="text/html"))
    assert [block.text for block in article.blocks if block.removal is not None][1:] == furniture
    assert kept(article) == [body, body, *look_alikes, body]


def _bench(module: str):
    """A module of bench/: the probes and look-alikes are that folder's, run as tests here."""
    import importlib
    import sys

    from conftest import ROOT

    if str(ROOT / "bench") not in sys.path:
        sys.path.insert(0, str(ROOT / "bench"))
    return importlib.import_module(module)


@pytest.fixture(scope="module")
def fresh_cleaner():
    return Cleaner.from_config()


@pytest.mark.parametrize("round_file", sorted((_bench("probes").PROBES).glob("*.tsv")), ids=lambda path: path.stem)
def test_every_probe_goes_but_those_kept_on_purpose(round_file, fresh_cleaner):
    probes = _bench("probes")
    lines = probes.read_probes([round_file])
    still_there = set(probes.kept_lines(fresh_cleaner, lines))
    assert still_there == {(probe.language, probe.line) for probe in lines if probe.on_purpose}


@pytest.mark.parametrize("round_file", sorted((_bench("lookalikes").LOOKALIKES).glob("*.tsv")), ids=lambda path: path.stem)
def test_every_look_alike_stays_but_those_removed_on_purpose(round_file, fresh_cleaner):
    lookalikes = _bench("lookalikes")
    lines = lookalikes.read_lookalikes([round_file])
    taken = {(language, line) for language, line, _ in lines if lookalikes.removed(fresh_cleaner, language, line)}
    assert taken == {(language, line) for language, line, on_purpose in lines if on_purpose}


def test_every_pattern_is_exercised_by_a_probe_line():
    """A pattern nobody wrote a line for may never match what sites write: the singulars of
    "empfehlungen?" and "commenti?" never matched until a probe tried them."""
    _, unexercised = _bench("pattern_coverage").unexercised()
    assert unexercised == []
