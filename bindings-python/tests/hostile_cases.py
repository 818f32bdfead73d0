"""Hostile inputs for the Python package, one function each. `test_hostile.py` runs every
case in a process of its own under a memory limit and a timeout, so that a hang, a memory
bomb or a crash of the interpreter fails that case instead of taking the suite down.

A case returns normally when the call succeeded and raises when it was refused; the runner
prints the outcome as one line: ``ok``, or the exception's class and ``code``.
"""

from __future__ import annotations

import json
import pathlib
import sys
from typing import Any, Callable, Dict, List

import mubiao

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = json.loads((ROOT / "docs" / "example-plan.json").read_text(encoding="utf-8"))

CASES: Dict[str, Callable[[], Any]] = {}


def case(function: Callable[[], Any]) -> Callable[[], Any]:
    CASES[function.__name__] = function
    return function


def example() -> Dict[str, Any]:
    value: Dict[str, Any] = json.loads(json.dumps(EXAMPLE))
    return value


def section_cycle(n: int) -> Dict[str, Any]:
    doc = {"format_version": 1, "year": 2017, "name": "cycle", "units": []}
    doc["units"] = [
        {"id": f"s{i}", "name": f"s{i}", "kind": "section", "parent": f"s{(i + 1) % n}"} for i in range(n)
    ]
    return doc


@case
def cycle_of_4000_sections_as_dict() -> Any:
    return mubiao.Plan.from_dict(section_cycle(4000))


@case
def cycle_of_4000_sections_as_text() -> Any:
    return mubiao.problems(json.dumps(section_cycle(4000)))


@case
def chain_of_10000_units() -> Any:
    units = [{"id": "gov", "name": "gov", "kind": "government"}]
    units += [
        {"id": f"d{i}", "name": "d", "kind": "department", "parent": "gov" if i == 0 else f"d{i - 1}"}
        for i in range(10_000)
    ]
    rows = mubiao.problems({"format_version": 1, "year": 2017, "name": "chain", "units": units})
    assert not any(r["code"] == "unit-cycle" for r in rows.to_records())
    return rows


@case
def calendar_of_ten_thousand_years_listed_four_times() -> Any:
    holiday = {"name": "forever", "from": "0001-01-01", "to": "9999-12-31"}
    return mubiao.Calendar.from_json(
        {"name": "bomb", "years": list(range(1, 10000)), "holidays": [holiday] * 4}
    )


@case
def overlapping_long_holidays_many_times() -> Any:
    holiday = {"name": "long", "from": "2017-01-01", "to": "2017-12-31"}
    return mubiao.Calendar.from_json(json.dumps({"name": "x", "years": [2017], "holidays": [holiday] * 2000}))


def with_due(due: str, multi_year: bool = True) -> Dict[str, Any]:
    doc = example()
    task = doc["key_tasks"][1]
    task["multi_year"] = multi_year
    task["sub_projects"][0]["milestones"][0]["due"] = due
    return doc


@case
def due_in_year_zero() -> Any:
    return mubiao.Plan.from_dict(with_due("0000-06-30"))


@case
def due_in_year_minus_262143() -> Any:
    return mubiao.Plan.from_json(json.dumps(with_due("-262143-01-01")))


@case
def due_in_year_262142() -> Any:
    return mubiao.Plan.from_dict(with_due("+262142-12-31"))


@case
def due_thirty_years_ahead() -> Any:
    return mubiao.Plan.from_dict(with_due("2047-12-31"))


@case
def trend_of_a_long_multi_year_plan() -> Any:
    plan = mubiao.Plan.from_dict(with_due("2027-12-31"))
    return plan.trend("2027-12-31")


@case
def synthetic_2_pow_62_sub_projects() -> Any:
    return mubiao.synthetic_plan(10, sub_projects_per_key_task=2**62)


@case
def synthetic_2_pow_40_milestones() -> Any:
    return mubiao.synthetic_plan(2**40)


@case
def synthetic_2_pow_40_units() -> Any:
    return mubiao.synthetic_plan(10, units=2**40)


@case
def synthetic_2_pow_100_milestones() -> Any:
    return mubiao.synthetic_plan(2**100)


@case
def synthetic_negative_milestones() -> Any:
    return mubiao.synthetic_plan(-1)


@case
def synthetic_bool_milestones() -> Any:
    return mubiao.synthetic_plan(True)


def with_version(version: Any) -> Dict[str, Any]:
    doc = example()
    doc["format_version"] = version
    return doc


@case
def dict_format_version_0() -> Any:
    return mubiao.Plan.from_dict(with_version(0))


@case
def dict_format_version_2() -> Any:
    return mubiao.Plan.from_dict(with_version(2))


@case
def dict_format_version_2_pow_31() -> Any:
    return mubiao.Plan.from_dict(with_version(2**31 - 1))


@case
def dict_format_version_true() -> Any:
    return mubiao.Plan.from_dict(with_version(True))


@case
def ledger_entry_format_version_2() -> Any:
    entry = {
        "sequence": 0,
        "recorded_at": "2017-01-05T09:00:00",
        "actor": "district-head",
        "change": {"kind": "adopt_plan", "plan": with_version(2)},
        "previous_hash": "0" * 64,
    }
    return mubiao.Ledger.from_jsonl(sealed(entry))


def sealed(entry: Dict[str, Any]) -> str:
    """The entry as a ledger line, its hash computed as docs/ledger.md says."""
    import hashlib

    body = json.dumps(entry, separators=(",", ":"))
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return body[:-1] + f',"hash":"{digest}"}}' + "\n"


@case
def multi_year_written_as_text_false() -> Any:
    doc = example()
    doc["key_tasks"][0]["multi_year"] = "false"
    return mubiao.Plan.from_dict(doc)


@case
def year_written_as_true() -> Any:
    doc = example()
    doc["year"] = True
    return mubiao.Plan.from_dict(doc)


@case
def units_written_as_empty_text() -> Any:
    doc = example()
    doc["units"] = ""
    return mubiao.Plan.from_dict(doc)


@case
def missing_field_in_dict() -> Any:
    doc = example()
    del doc["key_tasks"][0]["level"]
    return mubiao.Plan.from_dict(doc)


@case
def set_in_dict() -> Any:
    doc = example()
    doc["units"][0]["name"] = {"a"}
    return mubiao.Plan.from_dict(doc)


@case
def nan_quantity_in_dict() -> Any:
    doc = example()
    doc["progress_reports"][0]["progress"] = {"cumulative": float("nan")}
    return mubiao.Plan.from_dict(doc)


@case
def dict_nested_100000_deep() -> Any:
    deep: Any = []
    for _ in range(100_000):
        deep = [deep]
    doc = example()
    doc["units"] = deep
    return mubiao.Plan.from_dict(doc)


@case
def dict_that_contains_itself() -> Any:
    doc = example()
    doc["units"][0]["self"] = doc
    return mubiao.Plan.from_dict(doc)


@case
def int_keys_in_dict() -> Any:
    doc: Dict[Any, Any] = example()
    doc[1] = "one"
    return mubiao.Plan.from_dict(doc)


def adoptable() -> Dict[str, Any]:
    """The example plan without the records dated after 5 January, when it is adopted."""
    doc = example()
    doc["progress_reports"] = [r for r in doc["progress_reports"] if r["date"] <= "2017-01-05"]
    doc["lag_reasons"] = []
    return doc


def ledger() -> mubiao.Ledger:
    return mubiao.Ledger.adopt(adoptable(), actor="district-head", at="2017-01-05T09:00:00")


@case
def adopt_in_1900() -> Any:
    return mubiao.Ledger.adopt(adoptable(), actor="district-head", at="1900-01-01T00:00:00")


@case
def record_at_9999() -> Any:
    book = ledger()
    change = {"kind": "report_progress", "milestone": "hm-rivers-q1", "date": "2017-03-20", "progress": {"cumulative": 6}}
    return book.record(change, actor="hongmei-urban-head", at="9999-12-31T23:59:59")


@case
def request_later_date_far_away() -> Any:
    book = ledger()
    change = {
        "kind": "request_later_date",
        "milestone": "hm-rivers-q1",
        "due": "+262142-12-31",
        "class": "objective",
        "text": "policy",
    }
    return book.record(change, actor="hongmei-urban-head", at="2017-03-01T09:00:00")


@case
def request_later_date_in_2099() -> Any:
    book = ledger()
    change = {"kind": "request_later_date", "milestone": "hm-rivers-q1", "due": "2099-12-31", "class": "objective", "text": "policy"}
    return book.record(change, actor="hongmei-urban-head", at="2017-03-01T09:00:00")


@case
def lone_surrogate_document() -> Any:
    return mubiao.Plan.from_json('{"format_version": 1, "year": 2017, "name": "\ud800"}')


@case
def lone_surrogate_in_dict() -> Any:
    doc = example()
    doc["name"] = "\udcff"
    return mubiao.Plan.from_dict(doc)


@case
def lone_surrogate_date() -> Any:
    return mubiao.synthetic_plan(10).status("2017-06-3\ud800")


@case
def lone_surrogate_actor() -> Any:
    book = ledger()
    return book.record({"kind": "withdraw", "item": {"milestone": "hm-rivers-q1"}}, actor="\ud800", at="2017-03-01T09:00:00", reason="x")


@case
def lone_surrogate_milestone_id() -> Any:
    return mubiao.synthetic_plan(10).milestone("\ud800")


@case
def huge_due_soon_working_days() -> Any:
    return mubiao.synthetic_plan(10).status("2017-06-30", due_soon_working_days=2**100)


@case
def list_where_a_date_belongs() -> Any:
    return mubiao.synthetic_plan(10).status([2017, 6, 30])  # type: ignore[arg-type]


@case
def hundred_thousand_partners() -> Any:
    doc = example()
    doc["units"] += [{"id": f"p{i}", "name": "p", "kind": "department", "parent": "gov"} for i in range(100_000)]
    doc["key_tasks"][0]["sub_projects"][0]["responsibility"]["partner_units"] = [f"p{i}" for i in range(100_000)]
    return mubiao.Plan.from_dict(doc)


@case
def hundred_thousand_quantity_units() -> Any:
    doc = example()
    sub = doc["key_tasks"][0]["sub_projects"][0]
    template = sub["milestones"][0]
    sub["milestones"] = [
        dict(template, id=f"q{i}", target={"quantity": {"unit": f"unit {i}", "goal": {"at_least": i}}})
        for i in range(100_000)
    ]
    doc["progress_reports"] = []
    doc["lag_reasons"] = []
    return mubiao.Plan.from_json(json.dumps(doc))


@case
def unpadded_date() -> Any:
    return mubiao.Plan.from_dict(with_due("2017-3-1", multi_year=False))


@case
def padded_with_a_space() -> Any:
    return mubiao.Plan.from_dict(with_due(" 2017-03-31", multi_year=False))


@case
def february_30() -> Any:
    return mubiao.Plan.from_dict(with_due("2017-02-30", multi_year=False))


@case
def withdrawal_in_1900() -> Any:
    doc = example()
    doc["key_tasks"][0]["withdrawn"] = {"on": "1900-01-01", "reason": "typo"}
    return mubiao.Plan.from_dict(doc)


@case
def contract_signed_in_2030() -> Any:
    doc = example()
    doc["contracts"][0]["signed_on"] = "2030-01-01"
    return mubiao.Plan.from_dict(doc)


@case
def weight_for_unknown_milestone() -> Any:
    plan = mubiao.Plan.from_dict(example())
    scheme = mubiao.Scheme.from_json(
        dict(mubiao.Scheme.default().to_dict(), weights={"key_tasks": {}, "sub_projects": {}, "milestones": {"ghost": 2.0}})
    )
    return plan.assess("2017-12-31", components={}, scheme=scheme)


@case
def bom_file() -> Any:
    return mubiao.Plan.from_json(b"\xef\xbb\xbf" + json.dumps(EXAMPLE).encode())


@case
def utf16_file() -> Any:
    return mubiao.Plan.from_json(json.dumps(EXAMPLE).encode("utf-16"))


@case
def gbk_file() -> Any:
    doc = example()
    doc["name"] = "徐汇区"
    return mubiao.Plan.from_json(json.dumps(doc, ensure_ascii=False).encode("gbk", errors="replace"))


@case
def file_name_instead_of_text() -> Any:
    return mubiao.Plan.from_json("plan.json")


@case
def huge_year() -> Any:
    return mubiao.Plan.from_json('{"format_version": 1, "year": 18446744073709551616, "name": "x"}')


@case
def huge_year_in_dict() -> Any:
    return mubiao.Plan.from_dict({"format_version": 1, "year": 2**64, "name": "x"})


@case
def chinese_messages() -> Any:
    mubiao.set_language("zh")
    try:
        return mubiao.Plan.from_dict(with_due("2017-02-30", multi_year=False))
    finally:
        mubiao.set_language("en")


def run(name: str) -> None:
    """Runs one case and prints its outcome as one line."""
    try:
        CASES[name]()
    except mubiao.MubiaoError as error:
        print(f"{type(error).__name__} {error.code}")
        print(json.dumps({"message": str(error), "en": error.message_en, "zh": error.message_zh,
                          "path": getattr(error, "path", None)}, ensure_ascii=False))
        return
    except TypeError as error:
        print(f"TypeError -")
        print(json.dumps({"message": str(error)}))
        return
    print("ok -")
    print("{}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--list"]:
        print("\n".join(CASES))
    else:
        run(sys.argv[1])
