"""The change ledger from Python."""

from __future__ import annotations

import datetime
import json
from typing import Any, Dict

import pytest

import mubiao


def as_adopted_on(example_text: str, day: str) -> Dict[str, Any]:
    """The example plan without the records dated after `day`, which a ledger refuses to adopt."""
    doc: Dict[str, Any] = json.loads(example_text)
    doc["progress_reports"] = [r for r in doc["progress_reports"] if r["date"] <= day]
    doc["lag_reasons"] = [r for r in doc["lag_reasons"] if r["recorded_on"] <= day]
    return doc


def adopt(example_text: str) -> mubiao.Ledger:
    doc = as_adopted_on(example_text, "2017-01-05")
    return mubiao.Ledger.adopt(mubiao.Plan.from_dict(doc), actor="district-head", at="2017-01-05T09:00:00")


def test_a_plan_holding_later_records_is_refused(example_text: str) -> None:
    with pytest.raises(mubiao.ChangeRefusedError) as caught:
        mubiao.Ledger.adopt(mubiao.Plan.from_json(example_text), actor="district-head", at="2017-01-05T09:00:00")
    assert caught.value.rule == "report-in-future"


def report(milestone: str, date: str, progress: Any) -> Dict[str, Any]:
    return {"kind": "report_progress", "milestone": milestone, "date": date, "progress": progress}


def test_changes_are_checked_and_recorded(example_text: str) -> None:
    ledger = adopt(example_text)
    entry = ledger.record(report("hm-rivers-q3", "2017-03-10", {"cumulative": 9}), actor="hongmei-urban-head", at="2017-03-10T17:00:00")
    assert (entry["sequence"], entry["actor"], entry["change"]["kind"]) == (1, "hongmei-urban-head", "report_progress")
    assert len(ledger) == 2
    with pytest.raises(mubiao.ChangeRefusedError) as caught:
        ledger.record(report("hm-rivers-q3", "2017-03-11", {"cumulative": 10}), actor="water-head", at=datetime.datetime(2017, 3, 11, 9))
    error = caught.value
    assert (error.rule, error.code, error.sequence, error.kind) == ("lead-unit-only", "lead-unit-only", 2, "report_progress")
    assert len(ledger) == 2
    later = {"kind": "move_milestone_earlier", "milestone": "hm-rivers-q3", "due": "2017-10-31"}
    with pytest.raises(mubiao.ChangeRefusedError) as caught:
        ledger.record(later, actor="hongmei-head", at="2017-03-12T09:00:00")
    assert caught.value.rule == "earlier-never-later"
    with pytest.raises(mubiao.ChangeRefusedError) as caught:
        ledger.record({"kind": "withdraw", "item": {"milestone": "sewage-works"}}, actor="deputy-urban", at="2017-03-12T09:00:00")
    assert caught.value.rule == "reason-required"
    with pytest.raises(mubiao.FormatError):
        ledger.record({"kind": "teleport"}, actor="deputy-urban", at="2017-03-12T09:00:00")
    with pytest.raises(mubiao.FormatError):
        ledger.record(later, actor="deputy-urban", at="yesterday")


def due(plan: mubiao.Plan, milestone: str) -> str:
    found = plan.milestone(milestone)
    assert found is not None
    value: str = found["due"]
    return value


def test_later_dates_history_replay_and_reports(example_text: str) -> None:
    ledger = adopt(example_text)
    request = ledger.record(
        {"kind": "request_later_date", "milestone": "sewage-works", "due": "2017-08-31", "class": "objective",
         "cause": "policy_change", "text": "new tendering rules"},
        actor="water-head", at="2017-06-01T10:00:00")
    ledger.record({"kind": "approve_later_date", "request": request["sequence"]}, actor="deputy-urban", at="2017-06-02T10:00:00", reason="objective")
    assert due(ledger.plan, "sewage-works") == "2017-08-31"
    assert due(ledger.adopted_plan, "sewage-works") == "2017-06-30"
    assert due(ledger.plan_at("2017-06-01T12:00:00"), "sewage-works") == "2017-06-30"
    assert [e["change"]["kind"] for e in ledger.history("sewage-works")] == ["request_later_date", "approve_later_date"]
    adjustments = ledger.adjustments()
    assert adjustments[0]["original_due"] == "2017-06-30" and adjustments[0]["current_due"] == "2017-08-31"
    assert ledger.requests()[0]["decision"]["by"] == "deputy-urban"
    text = ledger.supervision_report("2017-06-30").render("en")
    assert "later date approved 2017-06-30 → 2017-08-31" in text
    bulletin = ledger.bulletin("2017-06-30", language="en").html
    assert "Adjustments</h2>" in bulletin and "2017-06-30 → 2017-08-31 (deputy-urban)" in bulletin


def test_jsonl_round_trip_and_tampering(example_text: str) -> None:
    ledger = adopt(example_text)
    for month, value in [(3, 6), (4, 9), (5, 11)]:
        ledger.record(report("hm-rivers-q3", f"2017-0{month}-10", {"cumulative": value}), actor="hongmei-head", at=f"2017-0{month}-10T17:00:00")
    ledger.verify()
    text = ledger.to_jsonl()
    again = mubiao.Ledger.from_jsonl(text)
    assert again.entries() == ledger.entries()
    assert again.plan.to_dict() == ledger.plan.to_dict()
    lines = text.splitlines()
    edited = lines.copy()
    edited[2] = edited[2].replace('"cumulative":9.0', '"cumulative":12.0')
    with pytest.raises(mubiao.IntegrityError) as caught:
        mubiao.Ledger.from_jsonl("\n".join(edited))
    assert (caught.value.sequence, caught.value.line, caught.value.code) == (2, 3, "tampered")
    removed = lines[:2] + lines[3:]
    with pytest.raises(mubiao.IntegrityError) as caught:
        mubiao.Ledger.from_jsonl("\n".join(removed))
    assert caught.value.sequence == 3
    with pytest.raises(mubiao.FormatError) as format_error:
        mubiao.Ledger.from_jsonl("\n".join(lines[:2] + ["{not json"]))
    assert format_error.value.line == 3


def test_year_end_through_the_ledger(year_end: mubiao.Plan, components: Dict[str, Dict[str, float]]) -> None:
    # The year-end plan holds the whole year's records: adopted after the last of them.
    ledger = mubiao.Ledger.adopt(year_end, actor="district-head", at="2017-12-31T23:00:00")
    assessment = ledger.assess("2017-12-31", components=components)
    assert len(assessment.units()) == 37


def test_lines_split_anywhere_and_heads_anchor_the_tail(example_text: str) -> None:
    ledger = adopt(example_text)
    ledger.record(
        {"kind": "report_progress", "milestone": "hm-rivers-q1", "date": "2017-03-20",
         "progress": {"cumulative": 6}, "note": "six sites\u2028two rivers\x85"},
        actor="hongmei-urban-head",
        at="2017-03-20T17:00:00",
    )
    text = ledger.to_jsonl()
    # str.splitlines cuts at U+2028 and U+0085 too: the writer escapes them.
    assert len(text.splitlines()) == len(ledger.entries()) == 2
    head = ledger.head()
    assert head == {"sequence": 1, "hash": ledger.entries()[-1]["hash"]}
    assert mubiao.Ledger.verify_jsonl(text, published=[head]) == head
    dropped = text.splitlines()[0] + "\n"
    with pytest.raises(mubiao.IntegrityError) as caught:
        mubiao.Ledger.from_jsonl(dropped, published=[head])
    assert caught.value.problem == {"dropped_tail": {"published": 1}}
    # A file's bytes with a byte-order mark, as Notepad saves it.
    with pytest.raises(mubiao.FormatError) as bom:
        mubiao.Ledger.from_jsonl(b"\xef\xbb\xbf" + text.encode())
    assert bom.value.code == "not-utf8"
    with pytest.raises(mubiao.FormatError) as empty:
        mubiao.Ledger.from_jsonl("")
    assert empty.value.code == "empty-document"


def test_a_past_date_is_answered_from_the_plan_as_it_stood(example_text: str) -> None:
    doc = json.loads(example_text)
    doc["progress_reports"] = [r for r in doc["progress_reports"] if r["date"] <= "2017-01-05"]
    doc["lag_reasons"] = []
    ledger = mubiao.Ledger.adopt(doc, actor="district-head", at="2017-01-05T09:00:00")
    ledger.record(
        {"kind": "request_later_date", "milestone": "sewage-approval", "due": "2017-04-30",
         "class": "objective", "text": "the city's approval is pending"},
        actor="water-head", at="2017-03-25T09:00:00",
    )
    ledger.record({"kind": "approve_later_date", "request": 1}, actor="deputy-urban", at="2017-04-02T09:00:00")
    then = ledger.status("2017-03-31").milestone("sewage-approval")
    now = ledger.plan.status("2017-03-31").milestone("sewage-approval")
    assert then is not None and now is not None
    assert then["status"] == "lagging"
    assert now["status"] == "not_yet_due"
