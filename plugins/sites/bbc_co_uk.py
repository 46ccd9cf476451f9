"""bbc.co.uk (and bbc.com): "Related Topics" lists, "Published"/"Updated" stamps, "Media caption,"
lines and the "This video can not be played" notice.

The generic promo rule wants headlines of two words or more; BBC topic lists are one- or
two-word names ("Ukraine", "Climate change"), so this plugin takes the run under "Related Topics"
by its own shape: short lines without a full stop.
"""

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Mark
from cleaner.patterns import Pattern, Vocabulary
from cleaner.shapes import ends_sentence
from cleaner.sites import host_matches


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sites: list[str] = ["bbc.co.uk", "bbc.com"]
    topics_heading: Pattern = Pattern(r"related (?:topics|internet links)")
    max_topic_words: int = 4
    notices: Vocabulary = Vocabulary([
        r"this video can ?not be played",
        r"to play this video you need to enable javascript in your browser\.?",
        r"media playback is (?:not supported|unsupported) on (?:this|your) device",
    ])
    stamps: Vocabulary = Vocabulary([
        r"(?:published|updated)(?:\s+\d{1,2} (?:hours?|minutes?|days?) ago|\s+\d{1,2} \pL+ \d{4})?",
        r"\d{1,2} (?:hours?|minutes?|days?) ago",
    ])
    media_caption: Pattern = Pattern(r"media caption,\s*\S.*")


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl
def cleaner_mark_blocks(article, options):
    if not host_matches(options.sites, article.site):
        return None
    marks: list[Mark] = []
    kept = article.kept_blocks()
    in_topics = False
    for block in kept:
        text = block.text.strip()
        if in_topics and block.words <= options.max_topic_words and not ends_sentence(text):
            marks.append(Mark(block, "related-topic", "topic listed under BBC's 'Related Topics'"))
            continue
        in_topics = False
        if options.topics_heading.fullmatch(text):
            in_topics = True
            marks.append(Mark(block, "related-topics", "BBC's 'Related Topics' heading"))
        elif options.notices.fullmatch(text):
            marks.append(Mark(block, "video-notice", "BBC's notice for a video that cannot play here"))
        elif options.stamps.fullmatch(text):
            marks.append(Mark(block, "timestamp", "BBC's 'Published'/'Updated' stamp"))
        elif options.media_caption.fullmatch(text):
            marks.append(Mark(block, "media-caption", "BBC's caption of a video", "captions"))
    return marks
