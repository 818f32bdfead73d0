"""Many plans on a local Dask cluster: each task builds one synthetic plan in its worker,
computes status and every roll-up for one date, and sends the roll-up back as bytes; the
bytes are merged in a tree into one roll-up.

    python bindings-python/benchmarks/bench_dask.py [--plans 50] [--milestones 2000000] [--workers 2]

The defaults evaluate 100 million milestones as 50 plans of 2 million on two worker
processes of one thread each. Reported: the wall time of the whole run; the time each task
spent building its plan (generating and validating it), evaluating it and writing its
roll-up; milestones evaluated per second, per worker and for the cluster; the time of the
merge tree; and each worker's peak resident memory. The merged counts are checked against
the sum of the plans' own counts, so a lost or doubled part fails the run.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from typing import Any, Dict, List, Optional

import mubiao
import mubiao.dask

AS_OF = "2017-06-30"


def evaluate_synthetic(seed: int, milestones: int) -> Dict[str, Any]:
    """One task: build the plan of this seed, evaluate it, and write its roll-up."""
    started = time.perf_counter()
    plan = mubiao.synthetic_plan(milestones, seed=seed)
    built = time.perf_counter()
    rollup = plan.status(AS_OF).rollup()
    evaluated = time.perf_counter()
    data = rollup.to_bytes()
    written = time.perf_counter()
    return {
        "bytes": [data],
        "milestones": rollup.overall["milestones"] + rollup.overall["withdrawn"],
        "lagging": rollup.overall["lagging"],
        "build": built - started,
        "evaluate": evaluated - built,
        "write": written - evaluated,
    }


def without_bytes(result: Dict[str, Any]) -> Dict[str, Any]:
    return {key: value for key, value in result.items() if key != "bytes"}


def peak_mib() -> float:
    """This process's peak resident memory (Linux reports kibibytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=50)
    parser.add_argument("--milestones", type=int, default=2_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--split-every", type=int, default=8)
    parser.add_argument("--json", help="also write the figures to this file")
    arguments = parser.parse_args()

    import dask
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=arguments.workers, threads_per_worker=1, processes=True, memory_limit=0) as cluster, Client(cluster) as client:
        started = time.perf_counter()
        seeds = db.from_sequence(range(arguments.plans), npartitions=arguments.plans)  # type: ignore[no-untyped-call]
        results = seeds.map(evaluate_synthetic, milestones=arguments.milestones)  # type: ignore[no-untyped-call]
        folded = results.pluck("bytes").fold(mubiao.dask._merge, mubiao.dask._merge, initial=None, split_every=arguments.split_every)  # type: ignore[no-untyped-call]
        timings = results.map(without_bytes)  # type: ignore[no-untyped-call]
        merged, tasks = dask.compute(folded, timings)  # type: ignore[no-untyped-call]
        wall = time.perf_counter() - started
        peaks: Dict[str, float] = client.run(peak_mib)

    rollup = mubiao.Rollup.from_bytes(merged[0])
    total = sum(task["milestones"] for task in tasks)
    counted = rollup.overall["milestones"] + rollup.overall["withdrawn"]
    if counted != total or rollup.overall["lagging"] != sum(task["lagging"] for task in tasks):
        raise SystemExit(f"the merged roll-up counts {counted} milestones; the plans hold {total}")
    evaluate = sum(task["evaluate"] for task in tasks)
    build = sum(task["build"] for task in tasks)
    write = sum(task["write"] for task in tasks)
    figures: Dict[str, Any] = {
        "plans": arguments.plans,
        "milestones_per_plan": arguments.milestones,
        "milestones": total,
        "workers": arguments.workers,
        "wall_seconds": round(wall, 2),
        "build_seconds_per_plan": round(build / len(tasks), 3),
        "evaluate_seconds_per_plan": round(evaluate / len(tasks), 4),
        "write_seconds_per_plan": round(write / len(tasks), 4),
        "evaluate_milestones_per_second_per_worker": round(total / evaluate),
        "cluster_milestones_per_second_end_to_end": round(total / wall),
        "merged_rollup_bytes": len(merged[0]),
        "merged_lagging_items": rollup.overall["lagging"],
        "worker_peak_mib": {address: round(mib) for address, mib in sorted(peaks.items())},
    }
    text = json.dumps(figures, indent=2)
    print(text)
    if arguments.json:
        with open(arguments.json, "w", encoding="utf-8") as file:
            file.write(text + "\n")


if __name__ == "__main__":
    main()
