import cleaner
from cleaner import Cleaner
from cleaner.model import Block, Segments
from conftest import kept, removed_by

BODY = [
    "The town council voted on Tuesday to build a new bridge over the river.",
    "The bridge will cost about twelve million pounds, paid for by a national grant.",
    "Work will begin in the spring and should take two years to finish.",
]
RELATED = [
    "- Probe to Saturn Moon Could Find Signs of Ancient Oceans",
    "- Photos: Europa, Mysterious Icy Moon of Jupiter and its Hidden Ocean",
    "- Keck Observatory: Twin Telescopes on Mauna Kea Look Deep Into Space",
]


def test_closing_list_of_headlines_is_removed_to_related(clean):
    article = clean("\n\n".join(["Headline", *BODY, "\n".join(RELATED)]))
    assert removed_by(article, "link_lists") == RELATED
    assert len(article.metadata.related) == 3
    assert kept(article) == BODY


def test_the_article_s_own_closing_list_stays(clean):
    steps = [
        "- Close the old bridge to all traffic in the first week of March",
        "- Build the new piers on both banks of the river by the summer",
        "- Open the new bridge to cars and cyclists before the winter",
    ]
    article = clean("\n\n".join(["Headline", *BODY, "The plan has three stages:", "\n".join(steps)]))
    assert removed_by(article, "link_lists") == []


def test_a_list_of_sentences_stays(clean):
    points = [
        "- The bridge will have a cycle lane on both sides of the road.",
        "- The old bridge will be kept as a footpath for walkers.",
        "- Tolls will not be charged on either of the two bridges.",
    ]
    article = clean("\n\n".join(["Headline", *BODY, "\n".join(points)]))
    assert kept(article)[-3:] == points



class PageBlocks:
    """A segmenter that gives the blocks of a page as (kind, text) pairs, as the HTML reader would."""

    def __init__(self, blocks):
        self.blocks = blocks

    @cleaner.hookimpl(tryfirst=True)
    def cleaner_segment_document(self, document):
        return Segments([Block(index, text, index, kind=kind) for index, (kind, text) in enumerate(self.blocks)])


def clean_page(blocks):
    return Cleaner.from_config(plugins=[PageBlocks(blocks)]).clean_text("page", title="")


TEASERS = ["Pochettino fired by Tottenham", "Results from MLS Expansion Draft", "Messi accepts challenge from Cavani"]


def test_a_closing_run_of_headings_with_no_text_under_them_is_teasers():
    article = clean_page([*(("paragraph", text) for text in BODY), *(("heading", text) for text in TEASERS)])
    assert [b.text for b in article.removed_blocks() if b.removal.rule == "heading-tail"] == TEASERS
    assert article.metadata.related == TEASERS
    assert kept(article) == BODY


def test_headings_each_over_their_text_stay():
    blocks = [block for number, text in enumerate(BODY) for block in (("heading", f"Part {number}"), ("paragraph", text))]
    article = clean_page([*blocks, ("heading", "What comes next"), ("heading", "And after"), ("paragraph", BODY[0])])
    assert len(kept(article)) == len(blocks) + 3
