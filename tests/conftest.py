import textwrap
from pathlib import Path

import pytest

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_0b81a6bb6a602c60.txt"


@pytest.fixture(scope="session")
def default_cleaner():
    return Cleaner.from_config()


@pytest.fixture
def clean(default_cleaner):
    """Clean a dedented article with the default config, or with `config` laid over it."""

    def run(text, config=None, **kwargs):
        cleaner = default_cleaner if config is None else Cleaner.from_config(config)
        return cleaner.clean_text(textwrap.dedent(text).strip("\n"), **kwargs)

    return run


def removed_by(article, plugin):
    return [block.text.strip() for block in article.removed_blocks() if block.removal.plugin == plugin]


def kept(article):
    return [block.text.strip() for block in article.kept_blocks()]
