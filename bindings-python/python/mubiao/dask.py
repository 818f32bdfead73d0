"""Many plans, or the parts of one, evaluated on a Dask cluster and merged into one roll-up.

A city keeps one plan file per district; a province one per city. Each worker reads its
plan files, evaluates them on the date (or dates) asked, and sends back each roll-up as
its versioned bytes; the bytes are merged in a tree, and the result is exactly the roll-up
that evaluating everything in one process gives: the merge adds counts and interleaves the
lagging lists, in any order and grouping.

    from dask.distributed import Client
    import mubiao.dask

    client = Client("scheduler:8786")
    rollup = mubiao.dask.rollup_many(["xuhui.json", "huangpu.json"], "2017-06-30", client=client)
    rollup["overall"]["sub_projects_on_schedule"]

Needs ``dask`` and ``distributed`` (``pip install mubiao[dask]``). Plans are read with
``Plan.read`` (JSON, a workbook or a folder of CSV files); the working calendar is given as
its JSON text (or bytes, or dict), as ``Calendar.from_json`` takes it, so that every worker
reads the same one.
"""

from __future__ import annotations

import datetime
import os
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union, overload

from ._native import Calendar, Plan, Rollup

_Date = Union[str, datetime.date]
_Source = Union[str, bytes, Dict[str, Any]]

__all__ = ["rollup_many", "rollups_of"]


def _calendar(source: Optional[_Source]) -> Optional[Calendar]:
    return None if source is None else Calendar.from_json(source)


def rollups_of(path: Union[str, "os.PathLike[str]"], dates: Sequence[_Date], calendar: Optional[_Source] = None) -> List[bytes]:
    """The roll-ups of the plan at ``path`` on each of ``dates``, as bytes: what one task of
    ``rollup_many`` computes on a worker."""
    plan = Plan.read(path)
    working = _calendar(calendar)
    return [plan.status(day, calendar=working).rollup().to_bytes() for day in dates]


def _merge(left: Optional[List[bytes]], right: Optional[List[bytes]]) -> Optional[List[bytes]]:
    """Two lists of roll-up bytes (one per date) merged date by date; None is nothing yet."""
    if left is None:
        return right
    if right is None:
        return left
    return [Rollup.from_bytes(a).merge(Rollup.from_bytes(b)).to_bytes() for a, b in zip(left, right)]


@overload
def rollup_many(plans: Any, as_of: _Date, *, calendar: Optional[_Source] = ..., client: Any = ..., split_every: int = ...) -> Rollup: ...
@overload
def rollup_many(plans: Any, as_of: Sequence[_Date], *, calendar: Optional[_Source] = ..., client: Any = ..., split_every: int = ...) -> Dict[_Date, Rollup]: ...
def rollup_many(
    plans: Any,
    as_of: Union[_Date, Sequence[_Date]],
    *,
    calendar: Optional[_Source] = None,
    client: Any = None,
    split_every: int = 8,
) -> Union[Rollup, Dict[_Date, Rollup]]:
    """The merged roll-up of every plan in ``plans`` on ``as_of``, evaluated on Dask.

    ``plans`` is an iterable of plan file paths, or a ``dask.bag.Bag`` of them (one
    partition per task). ``as_of`` is one date — the result is a ``Rollup`` — or a
    sequence of dates for a trend — the result is a dict from each date as given to its
    ``Rollup``. ``calendar`` is the working calendar's JSON text, bytes or dict. ``client`` is a
    ``dask.distributed.Client`` to run on; without one, Dask's current scheduler runs it.
    ``split_every`` is how many partial roll-ups each merge task takes.
    """
    import dask.bag as db

    single = isinstance(as_of, (str, datetime.date))
    dates: List[_Date] = [as_of] if single else list(as_of)  # type: ignore[list-item, arg-type]
    if not dates:
        raise ValueError("`as_of` holds no date; give a date or a list of dates")
    if isinstance(plans, db.Bag):
        bag = plans
    else:
        paths = [os.fspath(p) for p in plans]
        if not paths:
            raise ValueError("`plans` holds no plan file; give the paths of the plans to evaluate")
        bag = db.from_sequence(paths, npartitions=len(paths))  # type: ignore[no-untyped-call]
    if calendar is not None:
        Calendar.from_json(calendar)  # a bad calendar fails here, not on every worker
    partial = bag.map(rollups_of, dates=dates, calendar=calendar)  # type: ignore[no-untyped-call]
    folded = partial.fold(_merge, _merge, initial=None, split_every=split_every)
    merged = client.compute(folded).result() if client is not None else folded.compute()
    if merged is None:
        merged = [Rollup.empty().to_bytes() for _ in dates]
    rollups = [Rollup.from_bytes(part) for part in merged]
    return rollups[0] if single else dict(zip(dates, rollups))
