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
    assert arrow.column("milestone").to_pylist() == [r["milestone"] for r in records]
    assert arrow.column("due").to_pylist() == [datetime.date.fromisoformat(r["due"]) for r in records]
    for column in ("status", "kind", "level", "light", "due_period", "title", "responsible_person"):
        assert arrow.column(column).to_pylist() == [r[column] for r in records], column
    assert arrow.column("latest_value").to_pylist() == [r["latest_value"] for r in records]
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
