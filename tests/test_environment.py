"""environment.yml lists exactly the dependencies pyproject.toml declares."""

from __future__ import annotations

import re
import tomllib

import yaml
from packaging.requirements import Requirement

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
