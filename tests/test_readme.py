"""The README's promises: its site-plugin and datatrove examples work, and .ci/run runs its test command."""

import gzip
import json
import re
import subprocess
import sys

import yaml

from cleaner import Cleaner
from conftest import ROOT, SEED

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_site_plugin_example_works(tmp_path):
    code = re.search(r"`site_plugins/mysite\.py`:\n\n```python\n(.*?)```", README, re.S).group(1)
    (tmp_path / "mysite.py").write_text(code)
    cleaner = Cleaner.from_config(plugin_dirs=[tmp_path])
    text = "Headline\n\nBody sentence.\n\nSubscribe to Example News for £1"
    assert cleaner.clean_text(text, url="https://example-news.com/x").text == "Body sentence."
    assert "Subscribe" in cleaner.clean_text(text, url="https://other.com/x").text


def test_ci_runs_the_readme_test_command():
    commands = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert commands[1] in (ROOT / ".ci" / "run").read_text()


def test_the_site_rules_example_works():
    example = re.search(r"## Site rules in config.yaml\n.*?```yaml\n(.*?)```", README, re.S).group(1)
    cleaner = Cleaner.from_config(yaml.safe_load(example))
    text = (
        "Headline\n\nBody sentence of the story.\n\nAround the County\nLibrary reopens after roof repairs\n\n"
        "Gazette reader offers: half price\n\nRead more: our promise to readers\n\nMore body.\n\nHave your say\nComment"
    )
    article = cleaner.clean_text(text, url="https://news.gazette.example/a")
    assert article.text == "Body sentence of the story.\n\nRead more: our promise to readers\n\nMore body."


def test_the_datatrove_pipeline_runs_as_it_is(tmp_path):
    code = re.search(r"### On datatrove\n.*?```python\n(.*?)```", README, re.S).group(1)
    (tmp_path / "pipeline.py").write_text(code, encoding="utf-8")
    (tmp_path / "articles").mkdir()
    for part in range(2):
        record = {"id": f"seed{part}", "text": SEED.read_text(encoding="utf-8")}
        (tmp_path / "articles" / f"part{part}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "pipeline.py"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    documents = [json.loads(line) for path in sorted((tmp_path / "clean").glob("*.jsonl.gz"))
                 for line in gzip.open(path, "rt", encoding="utf-8")]
    expected = Cleaner.from_config().clean_record({"id": "seed0", "text": SEED.read_text(encoding="utf-8")})
    assert [document["id"] for document in documents] == ["seed0", "seed1"]
    assert all(document["text"] == expected["text"] for document in documents)
    assert "removed_promo" in (tmp_path / "logs" / "stats.json").read_text(encoding="utf-8")
