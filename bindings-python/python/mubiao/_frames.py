"""Data frames as CSV text, for reading the long layout from pandas or polars frames."""

from __future__ import annotations

import csv
import io
from typing import Any


def to_csv_bytes(table: Any) -> bytes:
    """A pandas or polars data frame, a ``mubiao.Table`` or a list of dicts as CSV bytes."""
    if hasattr(table, "write_csv"):  # polars
        text = table.write_csv()
        return text.encode("utf-8") if isinstance(text, str) else bytes(text)
    if hasattr(table, "to_csv") and hasattr(table, "columns"):  # pandas
        return str(table.to_csv(index=False, date_format="%Y-%m-%d")).encode("utf-8")
    records = table.to_records() if hasattr(table, "to_records") else table
    if not isinstance(records, list) or not all(isinstance(row, dict) for row in records):
        raise TypeError(
            f"a table must be a pandas or polars DataFrame, a mubiao.Table or a list of dicts, got {type(table).__name__}"
        )
    columns: list[str] = []
    for row in records:
        for key in row:
            if key not in columns:
                columns.append(key)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in records:
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    return out.getvalue().encode("utf-8")
