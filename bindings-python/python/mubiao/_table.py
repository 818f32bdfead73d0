"""Tabular results: a list of records that converts to pandas or polars in one call."""

from __future__ import annotations

import datetime
from typing import Any, Dict, Iterator, List, Optional, Sequence, overload

from ._native import DATE_COLUMNS as _DATE_COLUMNS

#: Columns that hold ISO dates; ``to_pandas`` and ``to_polars`` turn them into dates.
DATE_COLUMNS = frozenset(_DATE_COLUMNS)


class Table(Sequence[Dict[str, Any]]):
    """Rows of a tabular result (statuses, roll-ups, scores, explanations, ...).

    A ``Table`` is a sequence of dicts. ``to_records()`` gives the plain list;
    ``to_pandas()`` and ``to_polars()`` give a data frame when those packages are
    installed, with date columns as dates.

    Most tables keep their rows in the library until asked: a row becomes a dict when it
    is read, and the columns go to polars, pandas (through pyarrow) or any reader of the
    Arrow PyCapsule interface (``__arrow_c_stream__``) without a Python object per row.
    """

    __slots__ = ("_records", "_rows")

    def __init__(self, records: List[Dict[str, Any]]) -> None:
        self._records: Optional[List[Dict[str, Any]]] = records
        self._rows: Any = None

    @classmethod
    def _native(cls, rows: Any) -> "Table":
        """A table over rows the library keeps (a ``mubiao._native._Rows``)."""
        table = cls.__new__(cls)
        table._records = None
        table._rows = rows
        return table

    def _arrow(self) -> Any:
        """The native rows when they have an Arrow form, else None."""
        rows = self._rows
        return rows if rows is not None and rows.has_arrow() else None

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        """The rows as an Arrow C stream (the Arrow PyCapsule interface)."""
        rows = self._arrow()
        if rows is None:
            raise TypeError("this table has no Arrow form; use to_records()")
        return rows.__arrow_c_stream__(requested_schema)

    def __reduce__(self) -> Any:
        """Pickled as its rows (the library's copy stays in the process that made it)."""
        return (Table, (self.to_records(),))

    def to_records(self) -> List[Dict[str, Any]]:
        """The rows as a list of dicts."""
        if self._records is None:
            self._records = self._rows.records()
        return self._records

    def to_pandas(self) -> Any:
        """The rows as a ``pandas.DataFrame``; needs ``pip install mubiao[pandas]``."""
        try:
            import pandas  # type: ignore[import-untyped,unused-ignore]
        except ImportError as error:  # pragma: no cover - depends on the environment
            raise ImportError(
                "to_pandas() needs pandas; install it with `pip install mubiao[pandas]`"
            ) from error
        frame = None
        rows = self._arrow()
        if rows is not None:
            try:
                import pyarrow  # type: ignore[import-untyped,unused-ignore]
            except ImportError:
                pyarrow = None
            if pyarrow is not None:
                frame = pyarrow.table(rows).to_pandas()
        if frame is None:
            frame = pandas.DataFrame.from_records(self.to_records())
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
        rows = self._arrow()
        if rows is not None:
            frame = polars.DataFrame(rows)
            nested_types = (polars.Struct, polars.List, polars.Array)
            frame = frame.select([name for name, kind in frame.schema.items() if not isinstance(kind, nested_types)])
        else:
            records = self.to_records()
            nested = {
                key
                for row in records
                for key, value in row.items()
                if isinstance(value, (dict, list))
            }
            flat = [{key: value for key, value in row.items() if key not in nested} for row in records]
            frame = polars.DataFrame(flat, infer_schema_length=None)
        for column in DATE_COLUMNS.intersection(frame.columns):
            if frame.schema[column] == polars.Utf8:
                frame = frame.with_columns(polars.col(column).str.to_date(strict=False))
        return frame

    def __len__(self) -> int:
        return len(self._rows) if self._records is None else len(self._records)

    @overload
    def __getitem__(self, index: int) -> Dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> "Table": ...

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return Table(self.to_records()[index])
        if self._records is not None:
            return self._records[index]
        count = len(self._rows)
        position = index + count if index < 0 else index
        if not 0 <= position < count:
            raise IndexError("table index out of range")
        return self._rows.record(position)

    def __iter__(self) -> Iterator[Dict[str, Any]]:
        return iter(self.to_records())

    def __repr__(self) -> str:
        columns = list(self[0].keys()) if len(self) else []
        return f"<mubiao.Table {len(self)} rows: {', '.join(columns)}>"

    def _repr_html_(self) -> str:
        from html import escape

        if not len(self):
            return "<p>(no rows)</p>"
        columns = list(self[0].keys())
        head = "".join(f"<th>{escape(str(c))}</th>" for c in columns)
        shown = [self[n] for n in range(min(50, len(self)))]
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(str(row.get(c, '')))}</td>" for c in columns) + "</tr>"
            for row in shown
        )
        more = (
            f"<p>{len(self) - len(shown)} more rows</p>" if len(self) > 50 else ""
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"
