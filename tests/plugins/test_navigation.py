import pytest

from conftest import kept, removed_by

BODY = [
    "The town council voted on Tuesday to build a new bridge over the river.",
    "The bridge will cost about twelve million pounds, paid for by a national grant.",
]
MENU = ["Home", "News", "Sport", "Weather", "Council", "Contact us", "Jobs", "Events", "Archive", "January (3)", "February (1)", "March (11)"]


def test_a_long_run_of_menu_entries_is_removed(clean):
    article = clean("Headline\n\n" + "\n".join([*MENU, *BODY, "Next steps", "Our view"]))
    assert removed_by(article, "navigation") == [entry for entry in MENU if entry not in ("Home", "Contact us")]
    assert removed_by(article, "prompts") == ["Home", "Contact us"], "entries another rule took still count in the run"
    assert kept(article) == [*BODY, "Next steps", "Our view"]


def test_short_runs_of_subheadings_and_list_items_stay(clean):
    ingredients = "\n".join(f"- {thing}" for thing in "flour sugar salt eggs milk oil yeast butter honey nuts raisins lemon water".split())
    article = clean("\n\n".join(["Bread", "What you need", ingredients, "The method", *BODY]))
    assert removed_by(article, "navigation") == []


def test_a_table_of_short_cells_in_html_stays(default_cleaner):
    from cleaner.model import Document

    rows = "".join(f"<tr><td>Team {n}</td><td>{n}</td></tr>" for n in range(1, 10))
    html = (
        "<html><head><title>League table</title></head><body><article>"
        f"<p>{BODY[0]}</p><table>{rows}</table><p>{BODY[1]}</p></article></body></html>"
    )
    article = default_cleaner.clean_document(Document(id="t", source="t.html", content=html, media_type="text/html"))
    assert removed_by(article, "navigation") == []
    assert "Team 9" in kept(article)


LISTING = [
    "import json", "import sys", "def main():", "args = sys.argv", "if not args:", "return 1", "data = load()",
    "print(data)", "return 0", "main()", "total += x;", "}", "x = 1", "y = 2",
]
"""Lines of a program: as short as a menu's entries, and as many in a row."""


def test_a_program_listing_stays_in_text(clean):
    article = clean("Headline\n\n" + "\n".join([*BODY, *LISTING, "That is all the program does."]))
    assert removed_by(article, "navigation") == []


def test_a_program_listing_stays_in_html(default_cleaner):
    from cleaner.model import Document

    html = (
        "<html><head><title>A listing</title></head><body><article>"
        f"<p>{BODY[0]}</p><pre><code>{chr(10).join(LISTING)}</code></pre><p>{BODY[1]}</p></article></body></html>"
    )
    article = default_cleaner.clean_document(Document(id="t", source="t.html", content=html, media_type="text/html"))
    assert removed_by(article, "navigation") == []
    assert [line for line in LISTING if line in kept(article)] == LISTING


THAI = [
 "นายกรัฐมนตรีกล่าวว่ารัฐบาลจะเร่งแก้ไขปัญหาน้ำท่วมในภาคเหนือโดยเร็วที่สุด",
 "กรมอุตุนิยมวิทยาคาดว่าฝนจะตกหนักต่อเนื่องไปอีกอย่างน้อยสามวัน",
 "ชาวบ้านในหลายอำเภอต้องอพยพไปอยู่ในศูนย์พักพิงชั่วคราว",
 "หน่วยงานท้องถิ่นได้แจกจ่ายอาหารและน้ำดื่มให้แก่ผู้ประสบภัย",
 "กระทรวงมหาดไทยสั่งการให้ทุกจังหวัดเตรียมพร้อมรับมือสถานการณ์",
 "ผู้ว่าราชการจังหวัดเชียงใหม่ลงพื้นที่ตรวจสอบความเสียหายด้วยตนเอง",
 "ถนนหลายสายถูกตัดขาดทำให้การเดินทางเป็นไปด้วยความยากลำบาก",
 "โรงเรียนหลายแห่งประกาศปิดการเรียนการสอนชั่วคราว",
 "เกษตรกรจำนวนมากได้รับความเสียหายจากพืชผลที่จมน้ำ",
 "รัฐบาลเตรียมงบประมาณฉุกเฉินเพื่อช่วยเหลือผู้ได้รับผลกระทบ",
 "นักวิชาการเสนอให้มีการวางแผนบริหารจัดการน้ำในระยะยาว",
 "ประชาชนสามารถติดตามข่าวสารได้ทางเว็บไซต์ของหน่วยงานราชการ",
 "เจ้าหน้าที่ยืนยันว่าจะทำงานตลอดยี่สิบสี่ชั่วโมงจนกว่าสถานการณ์จะคลี่คลาย",
]
"""Thai ends no sentence with a full stop and puts spaces between phrases, not words."""


def test_an_article_in_thai_one_paragraph_a_line_is_no_menu(clean):
    """Counted by spaces, each of these paragraphs was a word or two: the whole article was taken
    for a menu. A run of Thai letters counts a word per five characters."""
    article = clean("น้ำท่วมภาคเหนือ รัฐบาลเร่งช่วยเหลือ\n\n" + "\n".join(THAI))
    assert removed_by(article, "navigation") == []
    assert kept(article) == THAI


def test_a_run_of_prices_and_figures_stays(clean):
    """A shop's or a results page's figures are data, as in a table, however many in a row."""
    figures = [f"{n},99 €" for n in range(10, 24)]
    article = clean("Headline\n\n" + "\n".join([*BODY, *figures, "Prices as of today"]))
    assert removed_by(article, "navigation") == []


@pytest.mark.parametrize("line", ["Home › News › Politics", "Startseite » Nachrichten » Politik » Berlin", "Sport | Football | Premier League"])
def test_a_breadcrumb_line_is_removed(clean, line):
    article = clean("\n\n".join(["Headline", line, *BODY]))
    assert removed_by(article, "navigation") == [line]
    assert kept(article) == BODY


@pytest.mark.parametrize(
    "line",
    [
        "| 1 | Kyle Busch | 5040 |",
        "The vote was 12 / 3 / 1, with the rest of the council abstaining after a long debate.",
        "Rates rose to 4% / 5% / 6% over the year.",
        "Either / or / both.",
    ],
)
def test_lines_with_separators_that_are_not_breadcrumbs_stay(clean, line):
    article = clean("\n\n".join(["Headline", *BODY, line]))
    assert removed_by(article, "navigation") == []
