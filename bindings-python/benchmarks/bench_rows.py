"""The milestone table of a 1-million-milestone plan into polars, pandas and pyarrow.

    python bindings-python/benchmarks/bench_rows.py [milestones]

Each figure is the best of five runs from a fresh ``plan.status(...)``, so it includes the
evaluation; build the module with ``maturin develop --release`` first.
"""

from __future__ import annotations

import datetime
import sys
import time
from typing import Any, Callable, Tuple

import mubiao


def best(run: Callable[[], Any], times: int = 5) -> Tuple[float, Any]:
    fastest, result = float("inf"), None
    for _ in range(times):
        started = time.perf_counter()
        result = run()
        fastest = min(fastest, time.perf_counter() - started)
    return fastest, result


def main() -> None:
    import pyarrow  # type: ignore[import-untyped,unused-ignore]

    milestones = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    plan = mubiao.synthetic_plan(milestones)
    as_of = datetime.date(2017, 6, 30)
    rows, _ = best(lambda: plan.status(as_of).milestones())
    arrow, _ = best(lambda: pyarrow.table(plan.status(as_of).milestones()))
    to_polars, frame = best(lambda: plan.status(as_of).milestones().to_polars())
    to_pandas, _ = best(lambda: plan.status(as_of).milestones().to_pandas())
    assert frame.height == plan.milestone_count == milestones
    print(f"milestones:                       {milestones}")
    print(f"status().milestones()             {rows * 1e3:7.0f} ms")
    print(f"pyarrow.table(...milestones())    {arrow * 1e3:7.0f} ms")
    print(f"...milestones().to_polars()       {to_polars * 1e3:7.0f} ms")
    print(f"...milestones().to_pandas()       {to_pandas * 1e3:7.0f} ms")


if __name__ == "__main__":
    main()
