import io
import json
import sys
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


def plugin_folder(tmp_path, name, source):
    """A folder holding one plugin file, `name`.py, for ``--plugins-dir``."""
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / f"{name}.py").write_text(source, encoding="utf-8")
    return plugins


def small_corpus(tmp_path, count):
    """`count` two-line articles a000.txt, a001.txt, ...: "Headline N", then "Body sentence N."."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(count):
        (corpus / f"a{number:03d}.txt").write_text(f"Headline {number}\n\nBody sentence {number}.", encoding="utf-8")
    return corpus


def lines_of(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def command(*args):
    return [sys.executable, "-m", "cleaner.cli", *map(str, args)]


def write_warc(path, records, gzip=False):
    """A WARC file of `records`: (url, record type, content type, body bytes) each."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        for url, kind, content_type, body in records:
            if kind == "response":
                headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
                record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            else:
                record = writer.create_warc_record(url, kind, payload=io.BytesIO(body), warc_content_type=content_type)
            writer.write_record(record)
