"""quotetrack ingest"""

from __future__ import annotations

import json
import sys
import traceback
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlalchemy.exc import SQLAlchemyError

from ..cluster import Cluster, ClusterError
from ..ingest import IngestSummary, StopOnInterrupt, ingest, ingest_cluster
from ..sources import FORMATS, STDIN, DatasetFields, ReadOptions, SourceError, expand_paths, read_input
from ..workers import default_workers
from .common import Db, engine_for
from .engines import Engine, annotator
from .output import CLUSTER, DATABASE, INPUT_FAILED, INTERRUPTED, OK, USAGE, fail, stderr


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)


def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (read recursively), http(s) URLs, "
                                                    "or - for stdin.")],
    db: Db = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="auto (detect), text, html, rss (RSS or Atom), jsonl, "
                                     "csv or warc.")] = "auto",
    text_field: Annotated[str | None, typer.Option(help="JSONL/CSV field with the article text (dotted for nested "
                                                   "JSON). Default: text, maintext, content, body, ...")] = None,
    title_field: Annotated[str | None, typer.Option(help="JSONL/CSV field with the title. Default: title, "
                                                    "headline.")] = None,
    date_field: Annotated[str | None, typer.Option(help="JSONL/CSV field with the publication date. Default: date, "
                                                   "published, date_publish, ...")] = None,
    url_field: Annotated[str | None, typer.Option(help="JSONL/CSV field with the URL. Default: url, link.")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a URL's whole answer.")] = 30.0,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Read and extract, store nothing.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary; errors only.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for failed inputs.")] = False,
    engine_name: Engine = "auto",
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", min=1, help="Processes extracting in parallel (one writes). Default: the number of cores.",
    )] = None,
    cluster: Annotated[str | None, typer.Option(
        "--cluster", metavar="tcp://HOST:8786",
        help="Spread reading and extraction over a Dask cluster (its workers must see the same files).",
    )] = None,
) -> None:
    """Read articles, find their quotes and speakers, and store them.

    Inputs: plain text (with an optional header of `title:`, `outlet:`, `date:`, `url:`
    and `author:` lines and a blank line, or a first line that starts
    ` date YYYY-MM-DD `) in any charset; saved HTML pages; RSS and Atom feeds (one
    article per entry); JSONL and CSV datasets (one article per line or row); WARC web
    archives (one article per HTML response); http(s) URLs. gzipped files too. The
    format is detected from the content and the file ending; `--format` overrides it.

    Each article is stored with all its quotes in one transaction, and an article
    already stored (same text) adds nothing, so an interrupted run is completed by
    running it again. An input or entry that cannot be read is named on stderr with
    the reason, and the run goes on. Ctrl-C stops cleanly with the summary so far.

    Articles are extracted in --workers processes (default: one per core) and stored by
    one writer. With --cluster, the workers of a Dask cluster read and extract their
    share of the files and this machine stores the results (use a PostgreSQL --db
    that the machine can reach); the workers extract with the rules engine.
    `--engine stanza` uses stanza's named entities and dependency parses to find
    speakers (see `quotetrack models`); the default, auto, uses it when installed (and
    then extracts in this process).

    Exit codes: 0 all stored; 1 some inputs failed; 2 bad usage; 5 database error
    (the articles stored before it are kept); 6 stanza engine unavailable; 7 the
    cluster could not be reached; 130 interrupted.

    Example:

        $ quotetrack ingest fixtures/articles
        12 articles: 12 new, 0 already stored, 0 failed; 154 quotes and 71 speakers added

        $ quotetrack ingest fixtures/inputs
        12 articles: 9 new, 3 already stored, 0 failed; 21 quotes and 12 speakers added
    """
    if not paths:
        fail("no input given", USAGE, "name files or folders, or - for stdin")
    if paths.count(STDIN) > 1:
        fail("- (stdin) given more than once", USAGE)
    if fmt not in ("auto", *FORMATS):
        fail(f"unknown input format {fmt!r}", USAGE, f"use one of: auto, {', '.join(FORMATS)}")
    options = ReadOptions(fmt, DatasetFields(text_field, title_field, date_field, url_field), timeout)
    if cluster and STDIN in paths:
        fail("--cluster reads files on the workers; it cannot read stdin", USAGE)
    if cluster and engine_name == "stanza":
        fail("--cluster extracts with the rules engine on its workers; --engine stanza runs only in a local "
             "ingest", USAGE, "drop --cluster, or use --engine rules")
    # The cluster's workers run the rules engine, so no local engine is loaded for them.
    annotate = annotator(engine_name, quiet) if not cluster else None
    engine = None if dry_run else engine_for(db)
    # Inputs are walked lazily (a second, counting walk only for the progress bar), so a
    # million files never sit in memory at once.
    total = sum(1 for _ in expand_paths(paths)) if not quiet and stderr.is_terminal else 0
    inputs = expand_paths(paths)
    show_progress = total > 1

    def items():
        for item in inputs:
            for result in [item] if isinstance(item, SourceError) else read_input(item, options):
                if debug and isinstance(result, SourceError) and result.__cause__ is not None:
                    traceback.print_exception(result.__cause__)
                yield result
            advance(1)

    def advance(inputs_done: int) -> None:
        if progress is not None:
            progress.advance(task, inputs_done)

    def report(source: str, outcome: str) -> None:
        if outcome.startswith("failed: "):
            stderr.print(f"[red]error:[/] {escape(source)}: {escape(outcome.removeprefix('failed: '))}", markup=True)

    def stopping() -> None:
        stderr.print("stopping after the articles in hand are stored (Ctrl-C again to stop at once)", markup=False)

    progress = None
    try:
        with StopOnInterrupt(stopping) as stop:
            if show_progress:
                progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                    console=stderr, transient=True)
                task = progress.add_task("ingest", total=total)
                with progress:
                    summary = _run(items, inputs, engine, report, annotate, stop, workers, cluster, options, advance)
            else:
                summary = _run(items, inputs, engine, report, annotate, stop, workers, cluster, options, advance)
    except SQLAlchemyError as error:
        if debug:
            traceback.print_exc()
        cause = getattr(error, "orig", None) or error
        fail(f"database error during the ingest ({cause.__class__.__name__}: {str(cause).splitlines()[0]})",
             DATABASE, "the articles stored before it are kept; run the same ingest again to complete it")
    _finish(summary, quiet, as_json, dry_run)


def _run(items, inputs, engine, report, annotate, stop, workers: int | None, cluster: str | None,
         options: ReadOptions, advance) -> IngestSummary:
    if cluster is None:
        return ingest(items(), engine, report, annotate, stop, workers or default_workers())
    try:
        with Cluster(cluster) as connected:
            return ingest_cluster(inputs, engine, connected, report, options, stop, advance)
    except ClusterError as error:
        fail(str(error), CLUSTER, "check the scheduler address (tcp://HOST:8786) and that it is running")


def _finish(summary: IngestSummary, quiet: bool, as_json: bool, dry_run: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(summary.as_dict(), ensure_ascii=False) + "\n")
    elif not quiet:
        total = summary.new + summary.existing + summary.failed
        verb = "would add" if dry_run else "added"
        line = (f"{total} articles: {summary.new} new, {summary.existing} already stored, {summary.failed} failed; "
                f"{summary.quotes} quotes and {summary.speakers} speakers {verb}")
        if summary.interrupted:
            line = "interrupted: " + line
        print(line)
    if summary.interrupted:
        raise typer.Exit(INTERRUPTED)
    raise typer.Exit(INPUT_FAILED if summary.failed else OK)
