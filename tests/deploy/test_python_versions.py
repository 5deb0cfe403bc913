"""Python 3.11, 3.12 and 3.13: pyproject.toml, the Makefile, the Dockerfile and ruff say the same."""

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

from tests.servers import ROOT

SUPPORTED = ["3.11", "3.12", "3.13"]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
MAKEFILE = (ROOT / "Makefile").read_text()


def test_pyproject__requires_exactly_the_supported_versions_and_ruff_targets_the_oldest():
    requires = SpecifierSet(PYPROJECT["project"]["requires-python"])
    for version in SUPPORTED:
        assert f"{version}.0" in requires
    assert "3.10.13" not in requires
    assert "3.14.0" not in requires
    assert PYPROJECT["tool"]["ruff"]["target-version"] == "py311"


def test_makefile__accepts_the_supported_versions_only():
    assert re.search(r"^SUPPORTED_PYTHONS := (.+)$", MAKEFILE, re.M).group(1).split() == SUPPORTED
    accepted = re.search(r"sys\.version_info\[:2\] in \[([^\]]+)\]", MAKEFILE).group(1)
    assert [".".join(pair) for pair in re.findall(r"\((\d+), (\d+)\)", accepted)] == SUPPORTED


def picked_python(path: Path) -> str:
    """The interpreter the Makefile picks when `path` comes first on PATH."""
    result = subprocess.run(
        ["make", "--no-print-directory", "-s", "--eval", "picked-python: ; @echo $(PYTHON)", "picked-python"],  # noqa: S607
        cwd=ROOT,
        env={**os.environ, "PATH": f"{path}{os.pathsep}{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def fake(directory: Path, name: str, *, works: bool) -> None:
    if works:
        (directory / name).symlink_to(sys.executable)
    else:
        # What a version manager's shim does for a version that is installed but not active.
        (directory / name).write_text(f"#!/bin/sh\necho 'pyenv: {name}: command not found' >&2\nexit 127\n")
        (directory / name).chmod(0o755)


@pytest.mark.parametrize(
    ("working", "broken", "expected"),
    [
        (["python3.12", "python3.13"], ["python3.11"], "python3.12"),
        (["python3.13", "python3.11"], [], "python3.11"),
        ([], ["python3.13", "python3.12", "python3.11"], "python3"),
    ],
)
def test_makefile__picks_the_oldest_supported_python_that_runs(tmp_path, working, broken, expected):
    for name in working:
        fake(tmp_path, name, works=True)
    for name in broken:
        fake(tmp_path, name, works=False)
    assert picked_python(tmp_path) == expected


def test_dockerfile__builds_on_the_python_version_it_is_given_the_oldest_by_default():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^ARG PYTHON_VERSION=(\S+)$", dockerfile, re.M).group(1) == SUPPORTED[0]
    first_from = re.search(r"^FROM (\S+)", dockerfile, re.M).group(1)
    assert first_from == "python:${PYTHON_VERSION}-slim"
    # An ARG used in FROM must come before it.
    assert dockerfile.index("ARG PYTHON_VERSION") < dockerfile.index("FROM ")
