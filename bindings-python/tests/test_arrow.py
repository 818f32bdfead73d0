"""Tables as Arrow columns: a status table goes to pyarrow, polars and pandas through the
Arrow PyCapsule interface with the same values as its rows, dates as dates; rows are read
one at a time without building the rest; rows with no Arrow form stay rows."""

from __future__ import annotations

import datetime

import polars
import pyarrow  # type: ignore[import-untyped,unused-ignore]
import pytest

import mubiao
from test_ledger import adopt


def test_a_status_table_hands_its_columns_over(xuhui: mubiao.Plan) -> None:
    table = xuhui.status("2017-06-30").milestones()
    records = table.to_records()
    arrow = pyarrow.table(table)
    assert arrow.num_rows == len(table) == len(records) > 1000
    assert arrow.schema.field("due").type == pyarrow.date32()
    assert arrow.schema.field("completed_on").type == pyarrow.date32()
    assert pyarrow.types.is_dictionary(arrow.schema.field("status").type)
    assert_columns_match_rows(arrow, records)
    # Ids that repeat are written once each, as dictionaries.
    for column in ("sub_project", "key_task", "lead_unit", "responsible_person", "supervising_leader"):
        assert pyarrow.types.is_dictionary(arrow.schema.field(column).type), column
    reasons = arrow.column("lag_reason").to_pylist()
    assert reasons == [r["lag_reason"] if r["lag_reason"] is None else {
        **r["lag_reason"], "recorded_on": datetime.date.fromisoformat(r["lag_reason"]["recorded_on"])
    } for r in records]
    assert any(reason is not None for reason in reasons)
    frame = polars.from_arrow(arrow)
    assert isinstance(frame, polars.DataFrame)
    flat = table.to_polars()
    assert flat.height == len(records) and flat.schema["due"] == polars.Date
    assert "lag_reason" not in flat.columns and flat["milestone"].to_list() == frame["milestone"].to_list()
    pandas_frame = table.to_pandas()
    plain = mubiao.Table(records).to_pandas()
    for column in ("milestone", "status", "due", "completed_on", "working_days_to_due", "needs_reason"):
        assert pandas_frame[column].astype(object).tolist() == plain[column].astype(object).tolist(), column


def assert_columns_match_rows(arrow: "pyarrow.Table", records: list[dict[str, object]]) -> None:
    """Every column but the lag reason holds, row for row, what the row dicts hold."""
    assert arrow.schema.names == list(records[0].keys())
    for column in arrow.schema.names:
        if column == "lag_reason":
            continue
        expected = [r[column] for r in records]
        if column in ("due", "completed_on", "forecast"):
            expected = [None if v is None else datetime.date.fromisoformat(str(v)) for v in expected]
        assert arrow.column(column).to_pylist() == expected, column


def test_a_milestone_with_its_own_responsibility_has_its_own_columns(
    example_dict: dict[str, object],
) -> None:
    # The first milestone answers through the responsibility of a sub-project led by
    # another unit: its lead unit and responsible person are that one's.
    tasks: list[dict[str, object]] = example_dict["key_tasks"]  # type: ignore[assignment]
    subs = [sub for task in tasks for sub in task["sub_projects"]]  # type: ignore[attr-defined]
    first = subs[0]
    other = next(
        sub["responsibility"] for sub in subs
        if sub["responsibility"]["lead_unit"] != first["responsibility"]["lead_unit"]
        and sub["responsibility"].get("responsible_person")
    )
    first["milestones"][0]["responsibility"] = other
    plan = mubiao.Plan.from_json(example_dict)
    table = plan.status("2017-06-30").milestones()
    records = table.to_records()
    assert records[0]["lead_unit"] == other["lead_unit"] != records[1]["lead_unit"]
    assert records[0]["responsible_person"] == other["responsible_person"]
    assert_columns_match_rows(pyarrow.table(table), records)


def test_rows_are_read_one_at_a_time(xuhui: mubiao.Plan) -> None:
    table = xuhui.status("2017-03-31").lagging()
    assert len(table) == 11
    assert table[-1] == table.to_records()[-1]
    assert table[0]["milestone"] == next(iter(table))["milestone"]
    with pytest.raises(IndexError):
        table[len(table)]
    assert len(table[2:5]) == 3 and isinstance(table[2:5], mubiao.Table)
    assert repr(table).startswith("<mubiao.Table 11 rows: milestone, ")
    # A table pickles as its rows, to send to another process.
    import pickle

    again = pickle.loads(pickle.dumps(table))
    assert isinstance(again, mubiao.Table) and again.to_records() == table.to_records()


def test_rows_with_no_arrow_form_stay_rows(example_text: str) -> None:
    ledger = adopt(example_text)
    ledger.record(
        {"kind": "adjust_target", "milestone": "hm-rivers-q3",
         "target": {"quantity": {"unit": "sites", "goal": {"at_least": 16}, "baseline": 0}}},
        actor="deputy-urban", at="2017-05-01T10:00:00", reason="a new site found")
    adjustments = ledger.adjustments()
    # A target is an enum with data: no Arrow form, so the rows go to data frames as dicts.
    with pytest.raises(TypeError, match="no Arrow form"):
        adjustments.__arrow_c_stream__()
    assert adjustments.to_polars().height == len(adjustments) == 1
    assert adjustments.to_pandas()["milestone"].tolist() == ["hm-rivers-q3"]
