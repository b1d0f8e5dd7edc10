"""Quotes out of the database as CSV or JSON lines: one row per quote, UTF-8, quoted so
commas, quote marks and newlines inside a quote survive a spreadsheet."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import TextIO

from .store.queries import QUOTE_COLUMNS

# The export columns, in order; `article` is the source exactly as given to ingest.
EXPORT_COLUMNS = QUOTE_COLUMNS


def cell(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def write_csv(rows: Iterable[dict], columns: Sequence[str], out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
        count += 1
    return count


def write_json(rows: Iterable[dict], columns: Sequence[str], out: TextIO, lines: bool = False) -> int:
    count = 0
    if not lines:
        out.write("[")
    for row in rows:
        record = {c: _json_value(row.get(c)) for c in columns}
        if lines:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            out.write(("," if count else "") + "\n  " + json.dumps(record, ensure_ascii=False))
        count += 1
    if not lines:
        out.write("\n]\n" if count else "]\n")
    return count


def _json_value(value: object) -> object:
    """Dates as ISO text; everything else as JSON has it."""
    return value.isoformat() if hasattr(value, "isoformat") else value
