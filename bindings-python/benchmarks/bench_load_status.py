"""Load a plan and compute status and every roll-up for one date: mubiao from Python,
the same computation written with pandas, and the native Rust time.

    python bindings-python/benchmarks/bench_load_status.py [--milestones 1000000]

The plan is the synthetic generator's (twelve monthly milestones per sub-project, progress
reported through June); the date is 30 June 2017. The native time comes from
`cargo run --release --example load_status`, built if needed.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import tempfile
import time
from typing import Any, Dict, List

import mubiao

ROOT = pathlib.Path(__file__).resolve().parents[2]
AS_OF = "2017-06-30"


def with_mubiao(path: pathlib.Path) -> Dict[str, Any]:
    started = time.perf_counter()
    plan = mubiao.Plan.from_json(path.read_bytes())
    status = plan.status(AS_OF)
    rollup = status.rollup()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "milestones": rollup["overall"]["milestones"], "lagging": rollup["overall"]["lagging"]}


def with_pandas(path: pathlib.Path) -> Dict[str, Any]:
    import pandas as pd

    started = time.perf_counter()
    with open(path, encoding="utf-8") as file:
        document = json.load(file)
    milestones: List[Dict[str, Any]] = []
    partners: List[Dict[str, Any]] = []
    for task in document["key_tasks"]:
        for sub in task["sub_projects"]:
            lead = sub["responsibility"]["lead_unit"]
            for partner in sub["responsibility"].get("partner_units", []):
                partners.append({"sub_project": sub["id"], "partner": partner})
            for m in sub["milestones"]:
                target = m["target"]
                quantity = target.get("quantity")
                if quantity:
                    direction, value = next(iter(quantity["goal"].items()))
                    series = f'{sub["id"]}|{quantity["unit"]}|{direction}'
                else:
                    direction, value, series = "deliverable", None, m["id"]
                milestones.append({
                    "milestone": m["id"], "sub_project": sub["id"], "key_task": task["id"],
                    "kind": task["kind"], "level": task["level"], "leader": task["supervising_leader"],
                    "lead_unit": lead, "due": m["due"], "granularity": m.get("granularity", "month"),
                    "direction": direction, "target": value, "series": series,
                })
    ms = pd.DataFrame(milestones)
    ms["due"] = pd.to_datetime(ms["due"])
    reports = pd.DataFrame([
        {"milestone": r["milestone"], "date": r["date"],
         "done": r["progress"] == "done",
         "value": r["progress"]["cumulative"] if isinstance(r["progress"], dict) else None}
        for r in document["progress_reports"]
    ])
    reports["date"] = pd.to_datetime(reports["date"])
    as_of = pd.Timestamp(AS_OF)
    reports = reports[reports["date"] <= as_of]
    reports = reports.merge(ms[["milestone", "series"]], on="milestone")
    # Every report counts for every milestone of its series; the first one that meets the
    # target completes the milestone.
    pairs = ms[["milestone", "series", "direction", "target"]].merge(
        reports[["series", "date", "done", "value"]], on="series")
    meets = (pairs["direction"] == "deliverable") & pairs["done"]
    meets |= (pairs["direction"] == "at_least") & (pairs["value"] >= pairs["target"])
    meets |= (pairs["direction"] == "at_most") & (pairs["value"] <= pairs["target"])
    completed = pairs[meets].groupby("milestone")["date"].min().rename("completed")
    ms = ms.merge(completed, left_on="milestone", right_index=True, how="left")
    done = ms["completed"].notna()
    due_period = ms["due"].dt.to_period("M")
    done_period = ms["completed"].dt.to_period("M")
    ms["status"] = "not_yet_due"
    ms.loc[~done & (ms["due"] <= as_of), "status"] = "lagging"
    ms.loc[done & (ms["completed"] > ms["due"]), "status"] = "completed_late"
    ms.loc[done & (ms["completed"] <= ms["due"]), "status"] = "completed_on_time"
    ms.loc[done & (done_period < due_period), "status"] = "completed_early"
    due_now = ms["due"] <= as_of
    lagging = ms["status"] == "lagging"
    subs = ms.groupby("sub_project").agg(
        has_due=("due", lambda d: bool((d <= as_of).any())),
        lagging=("status", lambda s: bool((s == "lagging").any())),
    )
    subs["on_schedule"] = subs["has_due"] & ~subs["lagging"]
    ms = ms.merge(subs[["on_schedule"]], left_on="sub_project", right_index=True)
    counts = pd.get_dummies(ms["status"]).astype(int)
    counts["due"] = due_now.astype(int)
    keyed = pd.concat([ms[["leader", "lead_unit", "kind", "level", "key_task", "sub_project"]], counts], axis=1)
    rollups = {key: keyed.groupby(key).sum(numeric_only=True) for key in ["leader", "lead_unit", "kind", "level", "key_task"]}
    partner = pd.DataFrame(partners).merge(keyed, on="sub_project").groupby("partner").sum(numeric_only=True)
    rollups["partner"] = partner
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "milestones": int(len(ms)), "lagging": int(lagging.sum()), "groups": len(rollups)}


def native(path: pathlib.Path) -> Dict[str, Any]:
    subprocess.run(["cargo", "build", "--quiet", "--release", "--example", "load_status"], cwd=ROOT, check=True)
    out = subprocess.run(
        [str(ROOT / "target" / "release" / "examples" / "load_status"), str(path), AS_OF],
        check=True, capture_output=True, text=True,
    )
    result: Dict[str, Any] = json.loads(out.stdout)
    result["seconds"] = result["total"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--milestones", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "plan.json"
        path.write_text(mubiao.synthetic_plan(args.milestones).to_json(), encoding="utf-8")
        size = path.stat().st_size / 1e6
        rust = native(path)
        ours = min((with_mubiao(path) for _ in range(3)), key=lambda r: r["seconds"])
        theirs = with_pandas(path)
    assert ours["milestones"] == theirs["milestones"] == rust["milestones"] == args.milestones
    assert ours["lagging"] == theirs["lagging"] == rust["lagging"], (ours, theirs, rust)
    print(f"plan: {args.milestones:,} milestones, {size:.0f} MB of JSON")
    print(f"native Rust:      {rust['seconds']:.2f} s")
    print(f"mubiao (Python):  {ours['seconds']:.2f} s  ({ours['seconds'] / rust['seconds']:.2f}x native)")
    print(f"pandas:           {theirs['seconds']:.2f} s  (mubiao is {theirs['seconds'] / ours['seconds']:.1f}x faster)")


if __name__ == "__main__":
    main()
