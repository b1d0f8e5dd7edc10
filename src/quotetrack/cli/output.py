"""Rendering for the CLI: a table on a terminal, clean CSV or JSON in a pipe; errors as one
line on stderr; exit codes scripts can rely on."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..export import cell, write_csv, write_json

# Exit codes (documented in the README and in `quotetrack --help`).
OK = 0
INPUT_FAILED = 1  # some inputs could not be read; the rest were stored
USAGE = 2  # a bad option or argument
NOT_FOUND = 3  # no speaker, article or quote matched
AMBIGUOUS = 4  # a name fits several speakers; use --all or a fuller name
DATABASE = 5  # the database could not be opened or migrated
UNAVAILABLE = 6  # the stanza engine or its models are not installed, or a model download failed
CLUSTER = 7  # ingest --cluster: the Dask scheduler could not be reached
INTERRUPTED = 130  # Ctrl-C

FORMATS = ("auto", "table", "csv", "json")
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int, hint: str | None = None) -> NoReturn:
    stderr.print(f"[bold red]error:[/] {escape(message)}", markup=True)
    if hint:
        stderr.print(f"  {hint}", markup=False)
    raise typer.Exit(code)


def note(message: str) -> None:
    stderr.print(message, markup=False)


def resolve_format(fmt: str) -> str:
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}", USAGE, f"use one of: {', '.join(FORMATS)}")
    if fmt == "auto":
        return "table" if sys.stdout.isatty() else "csv"
    return fmt


def emit(rows: Iterable[dict], columns: Sequence[str], fmt: str, title: str | None = None,
         widths: dict[str, int] | None = None) -> int:
    """Write rows in the chosen format to stdout; returns how many."""
    fmt = resolve_format(fmt)
    if fmt == "csv":
        return write_csv(rows, columns, sys.stdout)
    if fmt == "json":
        return write_json(rows, columns, sys.stdout)
    table = Table(title=title, show_lines=True, title_justify="left")
    for column in columns:
        table.add_column(column.replace("_", " "), overflow="fold", max_width=(widths or {}).get(column))
    count = 0
    for row in rows:
        table.add_row(*(cell(row.get(c)) for c in columns))
        count += 1
    Console().print(table)
    return count
