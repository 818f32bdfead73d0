"""No input reaches a Rust panic: every malformed document, ledger, scheme or calendar
raises a MubiaoError."""

from __future__ import annotations

import datetime
import json
import random
from typing import Any, Callable, Dict, List

import pytest

import mubiao
from conftest import FIXTURES, ROOT, read

CORPUS = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.name != "expected.json")


def test_every_corpus_file_is_a_mubiao_error() -> None:
    expected = json.loads(read(FIXTURES / "invalid" / "expected.json"))
    assert {p.name for p in CORPUS} == set(expected)
    for path in CORPUS:
        with pytest.raises(mubiao.MubiaoError) as caught:
            mubiao.Plan.from_json(path.read_bytes())
        want = expected[path.name]
        if "format_error" in want:
            assert isinstance(caught.value, mubiao.FormatError), path.name
            assert caught.value.code == want["format_error"], path.name
        else:
            assert isinstance(caught.value, mubiao.ValidationError), path.name
            assert [[p["code"], p["path"]] for p in caught.value.problems] == want["problems"], path.name


def mutations(seed: int) -> List[Any]:
    """Random breakages of the example plan: values replaced, fields dropped, types changed."""
    rng = random.Random(seed)
    base = json.loads(read(ROOT / "docs" / "example-plan.json"))
    values: List[Any] = [None, -1, 1e308, "", "x", [], {}, True, "2017-02-30", [[[]]], {"a": 1}]
    out: List[Any] = []
    for _ in range(200):
        doc = json.loads(json.dumps(base))
        node: Any = doc
        path: List[Any] = []
        while isinstance(node, (dict, list)) and node and rng.random() < 0.8:
            key = rng.choice(list(node.keys())) if isinstance(node, dict) else rng.randrange(len(node))
            path.append(key)
            node = node[key]
        if not path:
            continue
        parent: Any = doc
        for key in path[:-1]:
            parent = parent[key]
        if isinstance(parent, dict) and rng.random() < 0.3:
            del parent[path[-1]]
        else:
            parent[path[-1]] = rng.choice(values)
        out.append(doc)
    return out


@pytest.mark.parametrize("seed", range(5))
def test_mutated_plans_never_panic(seed: int) -> None:
    for doc in mutations(seed):
        try:
            mubiao.Plan.from_dict(doc)
        except mubiao.MubiaoError:
            pass
        try:
            mubiao.Plan.from_json(json.dumps(doc))
        except mubiao.MubiaoError:
            pass


BAD_INPUTS: List[Callable[[], Any]] = [
    lambda: mubiao.Plan.from_json(b"\xff\xfe"),
    lambda: mubiao.Plan.from_json(""),
    lambda: mubiao.Plan.from_dict({"format_version": 1}),
    lambda: mubiao.Ledger.from_jsonl("{}"),
    lambda: mubiao.Ledger.from_jsonl("not json\n"),
    lambda: mubiao.Ledger.from_jsonl(b"\x00\x01"),
    lambda: mubiao.Scheme.from_json("[]"),
    lambda: mubiao.Scheme.from_json({"target_completion_weight": float("nan")}),
    lambda: mubiao.Calendar.from_json("{"),
    lambda: mubiao.Calendar.from_json({"name": "x", "years": [2017], "holidays": [{"name": "a", "from": "2017-05-03", "to": "2017-05-01"}]}),
    lambda: mubiao.synthetic_plan(10).status(""),
    lambda: mubiao.synthetic_plan(10).assess("2017-12-31", components={"u0": {"budget_execution": "high"}}),  # type: ignore[dict-item]
]


@pytest.mark.parametrize("call", BAD_INPUTS)
def test_bad_inputs_raise_mubiao_errors(call: Callable[[], Any]) -> None:
    with pytest.raises(mubiao.MubiaoError):
        call()


def test_messages_come_in_the_language_chosen(example_dict: Any) -> None:
    example_dict["key_tasks"][0]["sub_projects"][0]["milestones"][0]["due"] = "2017-02-30"
    assert mubiao.get_language() == "en"
    with pytest.raises(mubiao.FormatError) as caught:
        mubiao.Plan.from_dict(example_dict)
    assert "February 2017 has 28 days" in str(caught.value)
    assert caught.value.message_en == str(caught.value)
    assert "2017年2月只有 28 天" in caught.value.message_zh
    assert caught.value.path == "/key_tasks/0/sub_projects/0/milestones/0/due"
    mubiao.set_language("zh")
    try:
        with pytest.raises(mubiao.FormatError) as caught:
            mubiao.Plan.from_dict(example_dict)
        assert "2017年2月只有 28 天" in str(caught.value)
    finally:
        mubiao.set_language("en")
    with pytest.raises(mubiao.ArgumentError):
        mubiao.set_language("chinese")


def test_problems_carry_both_languages(example_dict: Any) -> None:
    example_dict["key_tasks"][0]["supervising_leader"] = None
    rows = mubiao.problems(example_dict).to_records()
    assert rows[0]["code"] == "missing-supervising-leader"
    assert "supervising_leader" in rows[0]["message"]
    assert "督办" in rows[0]["message_zh"]


def test_capped_problem_lists_say_how_many_more(example_dict: Any) -> None:
    partners = [f"ghost-{i}" for i in range(500)]
    example_dict["key_tasks"][0]["sub_projects"][0]["responsibility"]["partner_units"] = partners
    with pytest.raises(mubiao.ValidationError) as caught:
        mubiao.Plan.from_dict(example_dict)
    error = caught.value
    assert len(error.problems) == 100
    assert error.omitted == [{"code": "dangling-unit", "count": 400}]
    assert str(error).startswith("500 problems in the plan")


def test_dicts_and_text_get_the_same_answer(example_dict: Any) -> None:
    changes: List[Callable[[Dict[str, Any]], None]] = [
        lambda d: d.update(format_version=2),
        lambda d: d["key_tasks"][1].update(multi_year="false"),
        lambda d: d.update(year=True),
        lambda d: d["units"][0].update(colour="red"),
    ]
    for change in changes:
        doc = json.loads(json.dumps(example_dict))
        change(doc)
        with pytest.raises(mubiao.FormatError) as from_dict:
            mubiao.Plan.from_dict(doc)
        with pytest.raises(mubiao.FormatError) as from_text:
            mubiao.Plan.from_json(json.dumps(doc))
        assert from_dict.value.code == from_text.value.code
        assert from_dict.value.path == from_text.value.path


def test_dates_outside_pandas_range_are_kept_not_lost() -> None:
    pandas = pytest.importorskip("pandas")
    frame = mubiao.Table([{"due": "1600-01-31"}, {"due": None}, {"due": "2017-03-31"}]).to_pandas()
    # Whether pandas holds 1600 as a Timestamp (pandas 2) or a datetime.date is its choice;
    # either way the date is kept, never turned into NaT.
    due = list(frame["due"])
    assert not pandas.isna(due[0]) and str(due[0])[:10] == "1600-01-31"
    assert pandas.isna(due[1])
    assert str(due[2])[:10] == "2017-03-31"
    assert datetime.date(2017, 3, 31).isoformat() == str(due[2])[:10]
    normal = mubiao.Table([{"due": "2017-03-31"}]).to_pandas()
    assert normal["due"].iloc[0] == pandas.Timestamp("2017-03-31")
