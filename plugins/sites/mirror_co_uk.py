"""mirror.co.uk: the video player's labels that Reach plc pages leave in the text.

"Video Loading", "Video Unavailable", "Click to play", "Tap to play", "The video will auto-play
soon8Cancel", "Play now" come as a run; a run of at least ``min_run`` such lines is removed, so a
sentence of the body that happens to say "Play now" stays.
"""

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Mark
from cleaner.patterns import Vocabulary
from cleaner.sites import host_matches


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sites: list[str] = ["mirror.co.uk"]
    player_lines: Vocabulary = Vocabulary([
        r"video (?:loading|unavailable)",
        r"(?:click|tap) to play",
        r"the video will (?:auto-?play soon|start in)\s*\d*\s*cancel",
        r"play now",
    ])
    min_run: int = 2


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl
def cleaner_mark_blocks(article, options):
    if not host_matches(options.sites, article.site):
        return None
    marks: list[Mark] = []
    run: list = []
    for block in article.kept_blocks() + [None]:
        if block is not None and options.player_lines.fullmatch(block.text.strip()):
            run.append(block)
            continue
        if len(run) >= options.min_run:
            marks.extend(Mark(line, "video-player", "label of mirror.co.uk's video player") for line in run)
        run = []
    return marks
