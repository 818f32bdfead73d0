"""Shared fixtures: the paths of the workspace's example data and golden figures."""

from __future__ import annotations

import json
import pathlib
from typing import Any, Dict

import pytest

import mubiao

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
FIXTURES = ROOT / "tests" / "fixtures"


def read(path: pathlib.Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def xuhui() -> mubiao.Plan:
    return mubiao.Plan.from_json(read(DATA / "xuhui-2017.json"))


@pytest.fixture(scope="session")
def year_end() -> mubiao.Plan:
    return mubiao.Plan.from_json(read(DATA / "xuhui-2017-year-end.json"))


@pytest.fixture(scope="session")
def components() -> Dict[str, Dict[str, float]]:
    value: Dict[str, Dict[str, float]] = json.loads(read(DATA / "xuhui-2017-components.json"))
    return value


@pytest.fixture(scope="session")
def calendar() -> mubiao.Calendar:
    return mubiao.Calendar.from_json(read(DATA / "calendar-2017.json"))


@pytest.fixture()
def example_text() -> str:
    return read(ROOT / "docs" / "example-plan.json")


@pytest.fixture()
def example_dict(example_text: str) -> Dict[str, Any]:
    value: Dict[str, Any] = json.loads(example_text)
    return value
