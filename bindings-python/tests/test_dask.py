"""Roll-ups across processes: bytes and pickle round trips, merges that refuse different
dates, and ``mubiao.dask.rollup_many`` on a real ``dask.distributed.LocalCluster`` (separate
worker processes) giving exactly the roll-up of evaluating the whole plan in one process."""

from __future__ import annotations

import copy
import json
import pathlib
import pickle
from typing import Any, Dict, Iterator, List

import pytest

import mubiao
import mubiao.dask
from conftest import DATA, read


def part_of(whole: Dict[str, Any], keep: int, parts: int) -> Dict[str, Any]:
    """The plan document holding every `parts`-th key task from `keep`, with its records."""
    part = copy.deepcopy(whole)
    part["key_tasks"] = [t for k, t in enumerate(whole["key_tasks"]) if k % parts == keep]
    tasks = {t["id"] for t in part["key_tasks"]}
    subs = {s["id"] for t in part["key_tasks"] for s in t["sub_projects"]}
    milestones = {m["id"] for t in part["key_tasks"] for s in t["sub_projects"] for m in s["milestones"]}
    items = {t["plan_item"] for t in part["key_tasks"]}
    part["plan_items"] = [i for i in whole.get("plan_items", []) if i["id"] in items]
    part["progress_reports"] = [r for r in whole.get("progress_reports", []) if r["milestone"] in milestones]
    part["lag_reasons"] = [r for r in whole.get("lag_reasons", []) if r["milestone"] in milestones]
    part["partner_ratings"] = [r for r in whole.get("partner_ratings", []) if r["sub_project"] in subs]
    contracts = []
    for contract in whole.get("contracts", []):
        kept = [t for t in contract["key_tasks"] if t in tasks]
        if kept:
            contracts.append({**contract, "key_tasks": kept})
    part["contracts"] = contracts
    return part


@pytest.fixture(scope="module")
def district_files(tmp_path_factory: pytest.TempPathFactory) -> List[pathlib.Path]:
    whole = json.loads(read(DATA / "xuhui-2017.json"))
    folder = tmp_path_factory.mktemp("districts")
    paths = []
    for n in range(4):
        path = folder / f"part-{n}.json"
        path.write_text(json.dumps(part_of(whole, n, 4), ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    import distributed

    with distributed.LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield client


def test_roll_ups_travel_as_bytes_and_by_pickle(xuhui: mubiao.Plan) -> None:
    rollup = xuhui.status("2017-03-31").rollup()
    assert mubiao.Rollup.from_bytes(rollup.to_bytes()) == rollup
    assert pickle.loads(pickle.dumps(rollup)) == rollup
    assert rollup.as_of is not None and rollup.as_of.isoformat() == "2017-03-31"
    assert rollup["by_kind"]["key_work"]["sub_projects_on_schedule"] == 210
    assert rollup.to_dict()["overall"] == rollup.overall == rollup["overall"]
    assert len(rollup.lagging()) == rollup.overall["lagging"] == 11
    assert mubiao.Rollup.empty().merge(rollup) == rollup
    with pytest.raises(KeyError, match="by_colour"):
        rollup["by_colour"]
    mubiao.set_language("zh")
    try:
        with pytest.raises(KeyError, match="不是汇总的组成部分"):
            rollup["by_colour"]
    finally:
        mubiao.set_language("en")
    with pytest.raises(mubiao.ArgumentError, match="same date"):
        rollup.merge(xuhui.status("2017-06-30").rollup())
    with pytest.raises(mubiao.FormatError) as raised:
        mubiao.Rollup.from_bytes(b"not a roll-up")
    assert raised.value.code == "bad-snapshot"
    forged = bytearray(rollup.to_bytes())
    forged[-200:] = b" " * 200
    with pytest.raises(mubiao.FormatError):
        mubiao.Rollup.from_bytes(bytes(forged))


def test_the_parts_merge_into_the_whole_in_one_process(xuhui: mubiao.Plan, district_files: List[pathlib.Path]) -> None:
    parts = [mubiao.Plan.read(path).status("2017-06-30").rollup() for path in district_files]
    assert mubiao.Rollup.merge_all(parts) == xuhui.status("2017-06-30").rollup()
    assert mubiao.Rollup.merge_all(reversed(parts)) == xuhui.status("2017-06-30").rollup()
    assert mubiao.Rollup.merge_all([]) == mubiao.Rollup.empty()


def test_rollup_many_on_a_local_cluster_equals_one_process(
    xuhui: mubiao.Plan, district_files: List[pathlib.Path], client: Any
) -> None:
    calendar = read(DATA / "calendar-2017.json")
    whole = xuhui.status("2017-06-30", calendar=mubiao.Calendar.from_json(calendar)).rollup()
    merged = mubiao.dask.rollup_many(district_files, "2017-06-30", calendar=calendar, client=client, split_every=2)
    assert merged == whole
    assert merged.to_dict() == whole.to_dict()
    # The work really ran on the workers.
    assert len(client.scheduler_info()["workers"]) == 2
    # A trend: one roll-up per date, each the whole plan's.
    dates = ["2017-03-31", "2017-06-30", "2017-09-30"]
    trend = mubiao.dask.rollup_many(district_files, dates, client=client)
    assert list(trend) == dates
    for day, rollup in trend.items():
        assert rollup == xuhui.status(day).rollup(), day
    # A bag of paths, on the default scheduler of the client's session.
    import dask.bag as db

    bag = db.from_sequence([str(p) for p in district_files], npartitions=2)  # type: ignore[no-untyped-call]
    assert mubiao.dask.rollup_many(bag, "2017-06-30", client=client) == xuhui.status("2017-06-30").rollup()
    with pytest.raises(ValueError, match="no plan file"):
        mubiao.dask.rollup_many([], "2017-06-30", client=client)


def test_an_assessment_travels_as_bytes_and_by_pickle(
    year_end: mubiao.Plan, components: Dict[str, Dict[str, float]], calendar: mubiao.Calendar
) -> None:
    assessment = year_end.assess("2017-12-31", components=components, calendar=calendar)
    again = pickle.loads(pickle.dumps(assessment))
    assert again.to_dict() == assessment.to_dict()
    assert mubiao.Assessment.from_bytes(assessment.to_bytes()).to_dict() == assessment.to_dict()
    # Without its plan a bulletin still prints, people named by their ids.
    assert "年终考核通报" in again.bulletin().html
    with pytest.raises(mubiao.FormatError) as raised:
        mubiao.Assessment.from_bytes(xuhui_rollup_bytes(year_end))
    assert raised.value.code == "bad-snapshot"


def xuhui_rollup_bytes(plan: mubiao.Plan) -> bytes:
    return plan.status("2017-12-31").rollup().to_bytes()
