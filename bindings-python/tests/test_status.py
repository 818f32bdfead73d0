"""Status, roll-ups, reports, trends, diffs and the working-day calendar."""

from __future__ import annotations

import datetime
import json

import pytest

import mubiao
from conftest import FIXTURES, read


def test_xuhui_q1_figures(xuhui: mubiao.Plan, calendar: mubiao.Calendar) -> None:
    status = xuhui.status("2017-03-31", calendar=calendar)
    assert status.as_of == datetime.date(2017, 3, 31)
    rollup = status.rollup()
    key_work = rollup["by_kind"]["key_work"]
    # 210 of 221 key-work sub-projects on schedule: 95.0%.
    assert (key_work["sub_projects_on_schedule"], key_work["sub_projects_with_due_milestone"]) == (210, 221)
    assert f"{210 / 221:.1%}" == "95.0%"
    assert key_work["lagging"] == 11
    golden = json.loads(read(FIXTURES / "xuhui-2017-q1-rollup.json"))
    assert rollup["overall"] == golden["overall"]
    assert rollup["by_kind"] == golden["by_kind"]
    assert rollup["by_supervising_leader"] == golden["by_supervising_leader"]
    assert [item["milestone"] for item in rollup["lagging"]] == golden["lagging"]
    summary = status.summary()
    assert summary["completion_rate"] == pytest.approx(262 / 273)


def test_dates_as_objects_or_strings(xuhui: mubiao.Plan) -> None:
    by_date = xuhui.status(datetime.date(2017, 3, 31)).summary()
    by_text = xuhui.status("2017-03-31").summary()
    assert by_date == by_text
    with pytest.raises(mubiao.FormatError):
        xuhui.status("31/03/2017")
    with pytest.raises(mubiao.StatusError) as caught:
        xuhui.status("2030-01-01")
    assert caught.value.code == "as-of-outside-plan"
    with pytest.raises(mubiao.StatusError):
        xuhui.status("2017-03-31", risk_margin=float("nan"))
    with pytest.raises(mubiao.FormatError):
        xuhui.status("2017-03-31", reporting_cadence="yearly")


def test_milestone_rows_in_bulk(xuhui: mubiao.Plan) -> None:
    status = xuhui.status("2017-03-31")
    rows = status.milestones()
    assert len(rows) == 1168
    hongmei = status.milestone("kw-18-1-m3")
    assert hongmei is not None
    assert (hongmei["status"], hongmei["latest_value"], hongmei["forecast"]) == ("not_yet_due", 9.0, "2017-05-26")
    statuses = {row["status"] for row in rows}
    assert statuses == {"not_yet_due", "completed_early", "completed_on_time", "completed_late", "lagging"}
    assert len(status.sub_projects()) == 273
    lagging = status.lagging()
    assert len(lagging) == 11 and sum(1 for row in lagging if row["reason"] is None) == 1
    records = rows.to_records()
    assert isinstance(records, list) and records[0]["milestone"] == "kw-01-1-m1"
    assert rows[0:2].to_records() == records[0:2]


def test_to_pandas_and_polars(xuhui: mubiao.Plan) -> None:
    pandas = pytest.importorskip("pandas")
    polars = pytest.importorskip("polars")
    rows = xuhui.status("2017-03-31").milestones()
    frame = rows.to_pandas()
    assert len(frame) == 1168
    assert str(frame["due"].dtype).startswith("datetime64")
    assert (frame["status"] == "lagging").sum() == 11
    grouped = frame.groupby("supervising_leader")["milestone"].count()
    assert grouped.sum() == 1168
    assert isinstance(frame, pandas.DataFrame)
    table = rows.to_polars()
    assert table.height == 1168
    assert table.schema["due"] == polars.Date
    assert table.filter(polars.col("status") == "lagging").height == 11


def test_reports_render_in_both_languages_and_in_jupyter(xuhui: mubiao.Plan, calendar: mubiao.Calendar) -> None:
    report = xuhui.status("2017-03-31", calendar=calendar).report()
    english = report.render("en")
    assert "95.0%" in english and "Lagging items (11)" in english
    chinese = report.render("zh")
    assert "滞后事项 (11)" in chinese and str(report) == chinese
    assert report._repr_html_().startswith("<pre")
    assert report.to_dict()["headline"][0]["summary"]["sub_projects_on_schedule"] == 210
    with pytest.raises(mubiao.FormatError):
        report.render("fr")


def test_trend_and_diff(xuhui: mubiao.Plan) -> None:
    trend = xuhui.trend("2017-03-31", step="month")
    assert [row["date"] for row in trend] == ["2017-01-31", "2017-02-28", "2017-03-31"]
    assert trend[2]["sub_projects_on_schedule"] == 262
    quarters = xuhui.trend("2017-05-15", step="quarter")
    assert [row["period"] for row in quarters] == ["2017-Q1", "2017-Q2"]
    change = mubiao.diff(xuhui.status("2017-03-31"), xuhui.status("2017-04-30"))
    assert any(r["milestone"] == "kw-18-1-m3" and r["date"] == "2017-04-06" for r in change["new_reports"])
    tendering = [c for c in change["status_changes"] if c["milestone"] == "kw-18-3-m2"]
    assert tendering == [{"milestone": "kw-18-3-m2", "title": "完成网上招投标", "before": "not_yet_due", "after": "lagging"}]


def test_calendar(calendar: mubiao.Calendar) -> None:
    # 260 weekdays − 16 holidays on weekdays + 5 weekend days worked = 249.
    assert calendar.working_days_between("2016-12-31", "2017-12-31") == 249
    assert calendar.is_working_day("2017-01-22") and not calendar.is_working_day(datetime.date(2017, 10, 2))
    assert mubiao.Calendar.weekdays_only().working_days_between("2017-03-31", "2017-04-07") == 5
    with pytest.raises(mubiao.ValidationError) as caught:
        mubiao.Calendar.from_json({"name": "x", "years": [2017], "holidays": [
            {"name": "a", "from": "2017-05-01", "to": "2017-05-01"},
            {"name": "b", "from": "2017-05-01", "to": "2017-05-01"}]})
    assert caught.value.problems[0]["code"] == "duplicate-date"


def test_tables_and_dicts(xuhui: mubiao.Plan) -> None:
    status = xuhui.status("2017-03-31")
    assert status.to_dict()["as_of"] == "2017-03-31"
    assert "Status 2017-03-31" in repr(status)
    rows = status.lagging()
    assert "<table>" in rows._repr_html_() and "11 rows" in repr(rows)
    assert list(rows)[0] == rows[0]
    assert mubiao.Table([])._repr_html_() == "<p>(no rows)</p>"
    polars = pytest.importorskip("polars")
    # Nested columns (the reason) are left out of the polars frame; the rest is kept.
    frame = rows.to_polars()
    assert frame.height == 11 and "reason" not in frame.columns
    assert isinstance(frame, polars.DataFrame)
