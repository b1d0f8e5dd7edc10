"""The quotetrack command line: commands only; each calls into the library and renders."""

from __future__ import annotations

import sys

import typer

from . import articles, evaluate, ingest, models, speakers, statements, who_said

app = typer.Typer(
    name="quotetrack",
    help=(
        "Find every direct quotation in news articles and who said it; ask what anyone said, "
        "where and when.\n\n"
        "Exit codes: 0 ok; 1 some inputs failed (the rest were stored); 2 bad usage; "
        "3 nothing matched; 4 a name fits several speakers; 5 database error; "
        "6 the stanza engine or its models are unavailable; 7 cluster unreachable; 130 interrupted."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
ingest.register(app)
who_said.register(app)
articles.register(app)
evaluate.register(app)
statements.register(app)
app.add_typer(speakers.app, name="speakers")
app.add_typer(models.app, name="models")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
