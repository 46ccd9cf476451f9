"""The README's promises: its site-plugin example works, and .ci/run runs its test command."""

import re

import yaml

from cleaner import Cleaner
from conftest import ROOT

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
