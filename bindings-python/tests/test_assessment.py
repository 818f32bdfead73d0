"""Schemes and the year-end assessment; the scores equal the Rust example's exactly."""

from __future__ import annotations

import json
from typing import Dict

import pytest

import mubiao
from conftest import FIXTURES, read


def test_year_end_scores_equal_the_rust_example(
    year_end: mubiao.Plan, components: Dict[str, Dict[str, float]], calendar: mubiao.Calendar
) -> None:
    assessment = year_end.assess("2017-12-31", components=components, calendar=calendar)
    golden = json.loads(read(FIXTURES / "xuhui-2017-year-end-scores.json"))
    units = assessment.units()
    assert len(units) == len(golden["units"]) == 37
    for row, expected in zip(units, golden["units"]):
        for key in ["unit", "rank", "group_rank", "grade", "lead_score", "partner_score", "target_completion", "performance"]:
            assert row[key] == expected[key], (row["unit"], key)
    assert [row["milestone"] for row in assessment.accountability()] == golden["accountability"]
    assert assessment.not_assessed == []


def test_explanations_add_up(year_end: mubiao.Plan, components: Dict[str, Dict[str, float]]) -> None:
    assessment = year_end.assess("2017-12-31", components=components)
    rows = assessment.explanations()
    by_unit: Dict[str, float] = {}
    for row in rows:
        if row["depth"] == 1:
            by_unit[row["unit"]] = by_unit.get(row["unit"], 0.0) + row["points"]
    for unit in assessment.units():
        assert by_unit[unit["unit"]] == pytest.approx(unit["performance"], abs=1e-9)
    top = assessment.units()[0]["unit"]
    tree = assessment.explanation(top)
    assert tree is not None and tree["item"] == "performance"
    assert assessment.explanation("nowhere") is None
    text = assessment.render("zh")
    assert "年度考核" in text and "问责清单" in text
    assert assessment._repr_html_().startswith("<pre")
    frame = pytest.importorskip("pandas")
    units = assessment.units().to_pandas()
    assert list(units["rank"])[:1] == [1]
    assert isinstance(units, frame.DataFrame)
    assert assessment.to_dict()["as_of"] == "2017-12-31"


def test_schemes_validate_with_paths() -> None:
    scheme = mubiao.Scheme.default().to_dict()
    assert scheme["target_completion_weight"] == 0.4
    scheme["components"][0]["weight"] = 0.5
    with pytest.raises(mubiao.SchemeError) as caught:
        mubiao.Scheme.from_json(scheme)
    assert caught.value.problems[0]["code"] == "weights-do-not-sum"
    assert caught.value.problems[0]["path"] == "/components"
    scheme["components"][0]["weight"] = 0.3
    scheme["credit"]["late_floor"] = 0.7
    assert mubiao.Scheme.from_json(json.dumps(scheme)).to_dict()["credit"]["late_floor"] == 0.7
    with pytest.raises(mubiao.FormatError):
        mubiao.Scheme.from_json('{"target_completion_weight": 0.4}')


def test_bad_component_values_name_the_unit_and_item(year_end: mubiao.Plan, components: Dict[str, Dict[str, float]]) -> None:
    broken = {unit: dict(values) for unit, values in components.items()}
    broken["tianlin"]["morale"] = 50.0
    with pytest.raises(mubiao.AssessmentError) as caught:
        year_end.assess("2017-12-31", components=broken)
    assert caught.value.code == "unknown-component"
    assert "`tianlin`" in str(caught.value) and "`morale`" in str(caught.value)
    missing = {unit: dict(values) for unit, values in components.items()}
    del missing["hongmei"]["public_satisfaction"]
    with pytest.raises(mubiao.AssessmentError) as caught:
        year_end.assess("2017-12-31", components=missing)
    assert caught.value.code == "missing-component"
    with pytest.raises(mubiao.StatusError):
        year_end.assess("2031-12-31", components=components)
