"""Tabular results: a list of records that converts to pandas or polars in one call."""

from __future__ import annotations

import datetime
from typing import Any, Dict, Iterator, List, Sequence, overload

#: Columns that hold ISO dates; ``to_pandas`` and ``to_polars`` turn them into dates.
DATE_COLUMNS = frozenset(
    {
        "as_of",
        "completed_on",
        "date",
        "due",
        "forecast",
        "from",
        "latest_report",
        "original_due",
        "current_due",
        "rated_on",
        "recorded_on",
        "signed_on",
        "start",
        "withdrawn_on",
    }
)


class Table(Sequence[Dict[str, Any]]):
    """Rows of a tabular result (statuses, roll-ups, scores, explanations, ...).

    A ``Table`` is a sequence of dicts. ``to_records()`` gives the plain list;
    ``to_pandas()`` and ``to_polars()`` give a data frame when those packages are
    installed, with date columns as dates.
    """

    __slots__ = ("_records",)

    def __init__(self, records: List[Dict[str, Any]]) -> None:
        self._records = records

    def to_records(self) -> List[Dict[str, Any]]:
        """The rows as a list of dicts."""
        return self._records

    def to_pandas(self) -> Any:
        """The rows as a ``pandas.DataFrame``; needs ``pip install mubiao[pandas]``."""
        try:
            import pandas  # type: ignore[import-untyped,unused-ignore]
        except ImportError as error:  # pragma: no cover - depends on the environment
            raise ImportError(
                "to_pandas() needs pandas; install it with `pip install mubiao[pandas]`"
            ) from error
        frame = pandas.DataFrame.from_records(self._records)
        for column in DATE_COLUMNS.intersection(frame.columns):
            try:
                frame[column] = pandas.to_datetime(frame[column], errors="raise", format="%Y-%m-%d")
            except (ValueError, OverflowError):
                # A date outside pandas' nanosecond range (1677–2262) would become NaT;
                # keep every date, as datetime.date, instead of losing some silently.
                frame[column] = [
                    None if value is None else datetime.date.fromisoformat(value) for value in frame[column]
                ]
        return frame

    def to_polars(self) -> Any:
        """The rows as a ``polars.DataFrame``; needs ``pip install mubiao[polars]``.

        Columns holding nested values (dicts or lists) are left out; use ``to_records()``
        or ``to_pandas()`` for them.
        """
        try:
            import polars
        except ImportError as error:  # pragma: no cover - depends on the environment
            raise ImportError(
                "to_polars() needs polars; install it with `pip install mubiao[polars]`"
            ) from error
        nested = {
            key
            for row in self._records
            for key, value in row.items()
            if isinstance(value, (dict, list))
        }
        flat = [{key: value for key, value in row.items() if key not in nested} for row in self._records]
        frame = polars.DataFrame(flat, infer_schema_length=None)
        for column in DATE_COLUMNS.intersection(frame.columns):
            if frame.schema[column] == polars.Utf8:
                frame = frame.with_columns(polars.col(column).str.to_date(strict=False))
        return frame

    def __len__(self) -> int:
        return len(self._records)

    @overload
    def __getitem__(self, index: int) -> Dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> "Table": ...

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return Table(self._records[index])
        return self._records[index]

    def __iter__(self) -> Iterator[Dict[str, Any]]:
        return iter(self._records)

    def __repr__(self) -> str:
        columns = list(self._records[0].keys()) if self._records else []
        return f"<mubiao.Table {len(self._records)} rows: {', '.join(columns)}>"

    def _repr_html_(self) -> str:
        from html import escape

        if not self._records:
            return "<p>(no rows)</p>"
        columns = list(self._records[0].keys())
        head = "".join(f"<th>{escape(str(c))}</th>" for c in columns)
        shown = self._records[:50]
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(str(row.get(c, '')))}</td>" for c in columns) + "</tr>"
            for row in shown
        )
        more = (
            f"<p>{len(self._records) - len(shown)} more rows</p>" if len(self._records) > 50 else ""
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"
