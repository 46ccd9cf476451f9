"""express.co.uk: the newsletter sign-up box Reach plc pages leave in the text.

The box is a handful of fixed lines (the sign-up consent notice, "Invalid email", "Something went
wrong, please try again later."); one of them alone could be a sentence of the body, so they are
removed only when at least ``min_box_lines`` of them occur in the article.
"""

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Mark
from cleaner.patterns import Vocabulary
from cleaner.sites import host_matches


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sites: list[str] = ["express.co.uk"]
    box_lines: Vocabulary = Vocabulary([
        r"we use your sign-?up to provide content in ways you[’']ve consented to\b.*",
        r"invalid email",
        r"something went wrong,? please try again later\.?",
        r"thank you for subscribing!?|we have more newsletters|see our privacy notice",
        r"get the (?:biggest|latest) .{1,60} (?:stories|news|updates) (?:by|via|in your) (?:e-?mail|inbox)",
        r"subscribe",
    ])
    min_box_lines: int = 2


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl
def cleaner_mark_blocks(article, options):
    if not host_matches(options.sites, article.site):
        return None
    box = [block for block in article.kept_blocks() if options.box_lines.fullmatch(block.text.strip())]
    if len(box) < options.min_box_lines:
        return None
    return [Mark(block, "newsletter-box", "line of express.co.uk's newsletter sign-up box") for block in box]
