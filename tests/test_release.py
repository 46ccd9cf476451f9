"""The release: the sdist and the wheel built from it as a release would build them, the wheel
installed in a fresh virtual environment outside the checkout, and the seed cleaned there to the
same record as this (editable) install cleans it."""

import os
import shutil
import subprocess
import sys
import tarfile
import venv

import pytest

import cleaner
from conftest import ROOT, SEED

DISTRIBUTION = "article-cleaner"


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    """The sdist and the wheel `python -m build` makes: the wheel is built from the sdist."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], check=True, capture_output=True)
    [sdist] = out.glob("*.tar.gz")
    [wheel] = out.glob("*.whl")
    return sdist, wheel


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory):
    """A fresh virtual environment with the wheel installed, and a folder outside the checkout."""
    home = tmp_path_factory.mktemp("elsewhere")
    venv.create(home / "venv", with_pip=True)
    python = home / "venv" / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(dist[1])], check=True, capture_output=True, env=_clean_env())
    (home / "seeds").mkdir()
    shutil.copy(SEED, home / "seeds" / SEED.name)
    return home, python


def _clean_env():
    """The environment without this checkout's virtual environment or import path in it."""
    return {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}


def run_installed(installed, *args):
    home, python = installed
    result = subprocess.run(
        [str(python.parent / args[0]), *args[1:]], capture_output=True, text=True, cwd=home, env=_clean_env(),
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_sdist_carries_the_config_the_seeds_and_the_plugins(dist):
    with tarfile.open(dist[0]) as sdist:
        members = {member.name.split("/", 1)[1]: member for member in sdist.getmembers() if "/" in member.name}
    for name in ("config.yaml", "cleaner/config.yaml", f"seeds/{SEED.name}", "plugins/promo.py",
                 "plugins/sites/bbc_co_uk.py", "cleaner/datatrove.py", "README.md", "tests/conftest.py"):
        assert name in members, name
    assert members["cleaner/config.yaml"].isfile(), "a copy, not a link out of the package"
    assert dist[1].name == f"article_cleaner-{cleaner.__version__}-py3-none-any.whl"


def test_the_installed_wheel_cleans_the_seed_to_the_same_record(installed):
    editable = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", f"seeds/{SEED.name}"],
        capture_output=True, text=True, cwd=ROOT, stdin=subprocess.DEVNULL, check=True,
    ).stdout
    assert run_installed(installed, "cleaner", "clean", f"seeds/{SEED.name}") == editable


def test_the_installed_command_its_version_and_its_configuration(installed):
    home, python = installed
    assert run_installed(installed, "cleaner", "--version") == f"cleaner {cleaner.__version__}\n"
    assert run_installed(installed, "python", "-m", "cleaner", "--version") == f"cleaner {cleaner.__version__}\n"
    where = run_installed(installed, "python", "-c", "import cleaner.config; print(cleaner.config.default_config_path())")
    assert where.startswith(str(home / "venv")) and not os.path.islink(where.strip())
    assert f"entry point of {DISTRIBUTION} {cleaner.__version__}" in run_installed(installed, "cleaner", "plugins")
