"""environment.yml lists exactly the dependencies pyproject.toml declares."""

from __future__ import annotations

import re
import tomllib

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from tests.conftest import ROOT


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    listed = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        listed += extra
    requirements = {}
    for line in listed:
        requirement = Requirement(line)
        requirements[normalise(requirement.name)] = str(requirement.specifier)
    return requirements


def conda_requirements() -> dict[str, str]:
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    requirements = {}
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):  # the pip section installs newslib itself
            assert entry == {"pip": ["-e ."]}
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*(.*)", entry)
        name, specifier = match.group(1), match.group(2).replace(" ", "")
        if name in ("python", "pip"):
            continue
        requirements[normalise(name)] = specifier
    return requirements


def test_environment_yml_matches_pyproject():
    assert conda_requirements() == pyproject_requirements()


def test_requires_python_agrees():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert f"python{project['requires-python']}" in environment["dependencies"]


def pinned() -> dict[str, str]:
    versions = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not NAME==VERSION"
            versions[normalise(name)] = version
    return versions


def test_constraints_pin_every_declared_dependency_within_its_range():
    from packaging.version import Version

    versions = pinned()
    for name, specifier in pyproject_requirements().items():
        base = name.split("[")[0]
        assert base in versions, f"constraints.txt does not pin {base}"
        assert Version(versions[base]) in SpecifierSet(specifier), (base, versions[base], specifier)


def test_constraints_are_used_by_the_documented_commands():
    makefile = (ROOT / "Makefile").read_text()
    assert "-c $(CONSTRAINTS)" in makefile and "CONSTRAINTS := constraints.txt" in makefile
    readme = (ROOT / "README.md").read_text()
    commands = [line for line in readme.splitlines() if line.startswith("python3 -m venv .venv")]
    assert len(commands) == 2 and all("-c constraints.txt" in c for c in commands)


def test_the_installed_versions_are_the_pinned_ones():
    """The numbers in the reports are made with the pinned versions (a stale .venv fails)."""
    from importlib.metadata import version

    versions = pinned()
    for package in ("textblob", "vaderSentiment", "wordfreq", "scikit-learn", "pandas", "numpy"):
        assert version(package) == versions[normalise(package)], package
