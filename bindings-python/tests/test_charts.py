"""Charts: the light board drawn by the core, the same bytes as the Rust golden SVG, read
back as XML with a cell per key task and month, shown in Jupyter and saved as a file."""

from __future__ import annotations

import datetime
import pathlib
from typing import Dict
import xml.etree.ElementTree as ET

import pytest

import mubiao
from conftest import FIXTURES

SVG = "{http://www.w3.org/2000/svg}"


def test_the_light_board_is_the_golden_svg(xuhui: mubiao.Plan) -> None:
    chart = xuhui.status(datetime.date(2017, 6, 30)).light_board()
    assert chart.to_svg() == (FIXTURES / "xuhui-2017-light-board-2017-06-30.svg").read_text(encoding="utf-8")
    english = xuhui.status(datetime.date(2017, 6, 30)).light_board(language="en")
    assert english.to_svg() == (FIXTURES / "xuhui-2017-light-board-2017-06-30-en.svg").read_text(encoding="utf-8")
    assert chart._repr_svg_() == chart.to_svg()
    assert repr(chart) == f"<mubiao.Chart light board, page 1 of {chart.page_count}>"


def test_every_key_task_has_a_cell_per_month(xuhui: mubiao.Plan) -> None:
    chart = xuhui.status(datetime.date(2017, 6, 30)).light_board(height=4000)
    assert chart.page_count == 1
    root = ET.fromstring(chart.to_svg())
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    cells = [g for g in root.iter(f"{SVG}g") if g.get("class", "").startswith("cell ")]
    key_tasks = len(xuhui.key_tasks())
    assert len(cells) == key_tasks * 6
    data = chart.data
    assert [c["period"] for c in data["columns"]] == [f"2017-{m:02}" for m in range(1, 7)]
    red = sum(row["lights"].count("red") for g in data["groups"] for row in g["rows"])
    assert red == sum(1 for g in cells if g.get("class") == "cell red")
    width, height = float(root.get("width", "0")), float(root.get("height", "0"))
    for element in root.iter():
        for name in ("x", "y", "width", "height"):
            if element is not root and element.get(name) is not None:
                assert 0 <= float(element.get(name, "0")) <= max(width, height)


def test_quarters_pages_and_files(xuhui: mubiao.Plan, tmp_path: pathlib.Path) -> None:
    status = xuhui.status(datetime.date(2017, 12, 31))
    chart = status.light_board(step="quarter", page=1)
    assert chart.page == 1 and len(chart.data["columns"]) == 4
    assert "第 2 /" in chart.to_svg()
    chart.save(tmp_path / "board.svg")
    assert (tmp_path / "board.svg").read_text(encoding="utf-8") == chart.to_svg()
    with pytest.raises(ValueError, match="step"):
        status.light_board(step="week")
    with pytest.raises(TypeError, match="path"):
        chart.save(42)  # type: ignore[arg-type]


def test_the_timeline_marks_every_milestone(xuhui: mubiao.Plan) -> None:
    status = xuhui.status(datetime.date(2017, 6, 30))
    chart = status.timeline(by="lead_unit")
    assert chart.to_svg() == (FIXTURES / "xuhui-2017-timeline-2017-06-30.svg").read_text(encoding="utf-8")
    tall = status.timeline(height=20000)
    root = ET.fromstring(tall.to_svg())
    marks = [g for g in root.iter(f"{SVG}g") if g.get("class", "").startswith("mark ")]
    not_withdrawn = [m for m in status.milestones() if m["status"] != "withdrawn"]
    assert len(marks) == len(not_withdrawn)
    assert sum(len(row["marks"]) for row in tall.data["rows"]) == len(not_withdrawn)
    assert tall.data["rows_are"] == "key_task"
    with pytest.raises(ValueError, match="by"):
        status.timeline(by="leader")


def test_the_ranking_chart_is_the_golden_svg(
    year_end: mubiao.Plan, components: Dict[str, Dict[str, float]], calendar: mubiao.Calendar
) -> None:
    assessment = year_end.assess("2017-12-31", components=components, calendar=calendar)
    chart = assessment.ranking_chart()
    assert chart.to_svg() == (FIXTURES / "xuhui-2017-ranking.svg").read_text(encoding="utf-8")
    tall = assessment.ranking_chart(height=20000, language="en")
    root = ET.fromstring(tall.to_svg())
    units = [g for g in root.iter(f"{SVG}g") if g.get("class") == "unit"]
    assert len(units) == len(tall.data) == len(assessment.units())
    assert "Streets and towns" in tall.to_svg()


def test_the_rate_trend_ends_at_the_q1_headline(xuhui: mubiao.Plan, calendar: mubiao.Calendar) -> None:
    chart = xuhui.status(datetime.date(2017, 3, 31), calendar=calendar).rate_trend()
    assert chart.to_svg() == (FIXTURES / "xuhui-2017-rate-trend-2017-03-31.svg").read_text(encoding="utf-8")
    key_work = next(s for s in chart.data["series"] if s["kind"] == "key_work")
    assert key_work["rates"][-1] == 210 / 221
    assert "重点工作 95.0%" in chart.to_svg()


def test_a_units_explanation_chart(
    year_end: mubiao.Plan, components: Dict[str, Dict[str, float]], calendar: mubiao.Calendar
) -> None:
    assessment = year_end.assess("2017-12-31", components=components, calendar=calendar)
    first = next(iter(assessment.units()))
    chart = assessment.explanation_chart(first["unit"])
    assert chart.to_svg() == (FIXTURES / "xuhui-2017-explanation-first.svg").read_text(encoding="utf-8")
    assert chart.data["unit"] == first["unit"]
    with pytest.raises(mubiao.ArgumentError, match="no-such-unit"):
        assessment.explanation_chart("no-such-unit")


def test_a_trajectory_shows_reports_nodes_and_forecast(xuhui: mubiao.Plan) -> None:
    status = xuhui.status(datetime.date(2017, 6, 30))
    chart = status.trajectory("mp-01-1")
    golden = FIXTURES / "xuhui-2017-trajectory-mp-01-1-2017-06-30.svg"
    assert chart.to_svg() == golden.read_text(encoding="utf-8")
    assert repr(chart) == f"<mubiao.Chart trajectory, page 1 of {chart.page_count}>"
    data = status.trajectory("kw-03-3").data
    [series] = data["series"]
    # Every reported value drawn, and each node's standing the same as the status table's.
    root = ET.fromstring(status.trajectory("kw-03-3").to_svg())
    reports = [g for g in root.iter(f"{SVG}g") if g.get("class") == "report"]
    assert len(reports) == len(series["reports"]) > 0
    rows = {row["milestone"]: row for row in status.milestones()}
    for node in series["nodes"]:
        assert node["status"] == rows[node["milestone"]]["status"]
        assert node["forecast"] == rows[node["milestone"]]["forecast"]
    with pytest.raises(mubiao.ArgumentError, match="kw-99"):
        status.trajectory("kw-99")


def test_a_page_before_the_first_is_an_argument_error(xuhui: mubiao.Plan) -> None:
    status = xuhui.status(datetime.date(2017, 6, 30))
    with pytest.raises(mubiao.ArgumentError, match="pages count from 0"):
        status.light_board(page=-1)
    # A page past the last draws the last.
    last = status.light_board(page=10**6)
    assert last.page == last.page_count - 1
