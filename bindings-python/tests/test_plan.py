"""Reading and validating plans."""

from __future__ import annotations

import copy
from typing import Any, Dict

import pytest

import mubiao


def test_xuhui_plan_figures(xuhui: mubiao.Plan) -> None:
    summary = xuhui.summary()
    assert xuhui.year == 2017
    assert xuhui.name == "徐汇区2017年政府工作目标"
    assert summary["key_tasks_by_kind"]["key_work"] == 77
    assert summary["sub_projects_by_kind"]["key_work"] == 221
    assert summary["key_tasks_by_kind"]["special_work"] == 25
    assert xuhui.milestone_count == summary["milestones"] == 1168
    assert "1168 milestones" in repr(xuhui)


def test_plans_read_from_text_bytes_and_dicts(example_text: str, example_dict: Dict[str, Any]) -> None:
    from_text = mubiao.Plan.from_json(example_text)
    from_bytes = mubiao.Plan.from_json(example_text.encode("utf-8"))
    from_dict = mubiao.Plan.from_dict(example_dict)
    assert from_text.to_dict() == from_bytes.to_dict() == from_dict.to_dict()
    again = mubiao.Plan.from_json(from_dict.to_json(pretty=True))
    assert again.to_dict() == from_dict.to_dict()
    milestone = from_text.milestone("hm-rivers-q3")
    assert milestone is not None and milestone["due"] == "2017-09-30"
    assert from_text.milestone("nope") is None


def test_validation_errors_list_every_problem(example_dict: Dict[str, Any]) -> None:
    broken = copy.deepcopy(example_dict)
    del broken["key_tasks"][0]["supervising_leader"]
    del broken["key_tasks"][0]["sub_projects"][0]["milestones"][1]["target"]
    with pytest.raises(mubiao.ValidationError) as caught:
        mubiao.Plan.from_dict(broken)
    error = caught.value
    assert isinstance(error, ValueError) and isinstance(error, mubiao.MubiaoError)
    assert error.code == "invalid-document"
    assert [(p["code"], p["path"]) for p in error.problems] == [
        ("missing-supervising-leader", "/key_tasks/0"),
        ("milestone-without-target", "/key_tasks/0/sub_projects/0/milestones/1"),
    ]
    rows = mubiao.problems(broken)
    assert len(rows) == 2 and rows[0]["code"] == "missing-supervising-leader"
    assert len(mubiao.problems(example_dict)) == 0


def test_format_errors_say_where() -> None:
    with pytest.raises(mubiao.FormatError) as caught:
        mubiao.Plan.from_json('{\n  "format_version": 1,\n  "year": }')
    assert (caught.value.code, caught.value.line, caught.value.column) == ("malformed-json", 3, 11)
    with pytest.raises(mubiao.FormatError) as caught:
        mubiao.Plan.from_json('{"format_version": 1, "year": 2017, "name": "x", "units": [{"id": "a", "name": "A", "kind": "department", "colour": 1}]}')
    assert caught.value.code == "wrong-shape"
    assert caught.value.path == "/units/0/colour"
    with pytest.raises(mubiao.FormatError) as caught:
        mubiao.Plan.from_json('{"format_version": 9}')
    assert caught.value.code == "unsupported-format-version"
    with pytest.raises(mubiao.FormatError):
        mubiao.Plan.from_dict({"format_version": 1, "year": "2017", "name": "x"})


def test_contract_gaps(example_dict: Dict[str, Any]) -> None:
    assert len(mubiao.Plan.from_dict(example_dict).contract_gaps()) == 0
    fewer = copy.deepcopy(example_dict)
    fewer["contracts"] = fewer["contracts"][:1]
    gaps = mubiao.Plan.from_dict(fewer).contract_gaps()
    assert [(g["key_task"], g["kind"]) for g in gaps] == [
        ("kt-rivers", "unit_head_with_section_head"),
        ("kt-sewage", "leader_with_unit_head"),
    ]


def test_synthetic_plans() -> None:
    plan = mubiao.synthetic_plan(1234, seed=7)
    assert plan.milestone_count == 1234
    assert mubiao.synthetic_plan(1234, seed=7).to_json() == plan.to_json()
    assert mubiao.FORMAT_VERSION == 1
