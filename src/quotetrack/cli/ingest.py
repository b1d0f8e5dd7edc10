"""quotetrack ingest"""

from __future__ import annotations

import json
import sys
import traceback
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..cluster import Cluster, ClusterError
from ..ingest import IngestSummary, ingest, ingest_cluster
from ..workers import default_workers
from ..sources import STDIN, SourceError, expand_paths, read_file
from .common import Db, engine_for
from .output import CLUSTER, INPUT_FAILED, INTERRUPTED, OK, USAGE, fail, stderr


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)


def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (read recursively), or - for stdin.")],
    db: Db = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Read and extract, store nothing.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary; errors only.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for failed inputs.")] = False,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", min=1, help="Processes extracting in parallel (one writes). Default: the number of cores.",
    )] = None,
    cluster: Annotated[str | None, typer.Option(
        "--cluster", metavar="tcp://HOST:8786",
        help="Spread reading and extraction over a Dask cluster (its workers must see the same files).",
    )] = None,
) -> None:
    """Read articles, find their quotes and speakers, and store them.

    Plain UTF-8 text files, with an optional header of `title:`, `outlet:`, `date:`,
    `url:` and `author:` lines and a blank line, or a first line that starts
    ` date YYYY-MM-DD `. An article already stored (same text) adds nothing, so a
    run can be repeated or resumed. A file that cannot be read is named on stderr
    with the reason, and the run goes on.

    Articles are extracted in --workers processes (default: one per core) and stored by
    one writer. With --cluster, the workers of a Dask cluster read and extract their
    share of the files and this machine stores the results (use a PostgreSQL --db
    that the machine can reach).

    Exit codes: 0 all stored; 1 some inputs failed; 2 bad usage; 5 database error;
    6 the cluster could not be reached; 130 interrupted.

    Example:

        $ quotetrack ingest fixtures/articles
        12 articles: 12 new, 0 already stored, 0 failed; 145 quotes and 67 speakers added
    """
    if not paths:
        fail("no input given", USAGE, "name files or folders, or - for stdin")
    if paths.count(STDIN) > 1:
        fail("- (stdin) given more than once", USAGE)
    if cluster and STDIN in paths:
        fail("--cluster reads files on the workers; it cannot read stdin", USAGE)
    engine = None if dry_run else engine_for(db)
    # Inputs are walked lazily (a second, counting walk only for the progress bar), so a
    # million files never sit in memory at once.
    total = sum(1 for _ in expand_paths(paths)) if not quiet and stderr.is_terminal else 0
    inputs = expand_paths(paths)
    show_progress = total > 1

    def items():
        for item in inputs:
            if isinstance(item, SourceError):
                yield item
                continue
            try:
                yield read_file(item)
            except SourceError as error:
                yield error
            except Exception as error:  # an unexpected reader failure is one bad input, not the end of the run
                if debug:
                    traceback.print_exc()
                yield SourceError(item, f"could not be read ({error.__class__.__name__}: {error})")

    def report(source: str, outcome: str) -> None:
        if outcome.startswith("failed: "):
            stderr.print(f"[red]error:[/] {source}: {outcome.removeprefix('failed: ')}", markup=True)
        if progress is not None:
            progress.advance(task)

    progress = None
    if show_progress:
        progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            console=stderr, transient=True)
        task = progress.add_task("ingest", total=total)
        with progress:
            summary = _run(items, inputs, engine, report, workers, cluster)
    else:
        summary = _run(items, inputs, engine, report, workers, cluster)
    _finish(summary, quiet, as_json, dry_run)


def _run(items, inputs, engine, report, workers: int | None, cluster: str | None) -> IngestSummary:
    if cluster is None:
        return ingest(items(), engine, report, workers or default_workers())
    try:
        with Cluster(cluster) as connected:
            return ingest_cluster(inputs, engine, connected, report)
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
