"""quotetrack models download / status"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..extract.stanza_models import DIR_VARIABLE, DOWNLOAD_HINT, ModelsError, ModelsStatus, download_models, models_status
from .output import OK, UNAVAILABLE, fail, note

app = typer.Typer(help="stanza's English models, for `--engine stanza`: download them, or see what is installed.",
                  no_args_is_help=True)

Dir = Annotated[
    str | None,
    typer.Option(
        "--dir", envvar=DIR_VARIABLE, show_envvar=True, metavar="PATH",
        help="The models folder. Default: stanza's own (~/.cache/stanza/VERSION/resources on Linux).",
    ),
]


@app.command("download")
def download_command(directory: Dir = None) -> None:
    """Download stanza's English models (tokenize, mwt, pos, lemma, depparse, ner).

    Needs `pip install 'quotetrack\\[stanza]'` and a network connection; nothing else in
    quotetrack ever downloads. stanza's own STANZA_RESOURCES_URL and STANZA_MODEL_URL
    point it at a mirror.

    Exit codes: 0 downloaded; 6 stanza missing or the download failed.

    Example:

        $ quotetrack models download --dir /tmp/stanza-models
        error: could not download stanza's English models into /tmp/stanza-models: cannot reach
        raw.githubusercontent.com (no network, or it is blocked here)
    """
    try:
        status = download_models(directory)
    except ModelsError as error:
        fail(str(error), UNAVAILABLE)
    size = sum(f.path.stat().st_size for f in status.files) / 1e6
    note(f"stanza's English models are in {status.directory} ({len(status.files)} files, {size:.0f} MB); "
         "ingest and extract now use the stanza engine")


@app.command("status")
def status_command(
    directory: Dir = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the status as JSON.")] = False,
) -> None:
    """Whether stanza and its English models are installed, file by file.

    Exit codes: 0 ready (`--engine auto` uses stanza); 6 not ready.

    Example:

        $ quotetrack models status --dir /tmp/stanza-models
        stanza 1.15.0; models folder /tmp/stanza-models
        not ready: stanza's English models are not installed in /tmp/stanza-models
          run `quotetrack models download`
    """
    status = models_status(directory)
    if as_json:
        print(json.dumps(status.as_dict(), ensure_ascii=False))
    else:
        _print(status)
    raise typer.Exit(OK if status.ready else UNAVAILABLE)


def _print(status: ModelsStatus) -> None:
    stanza = f"stanza {status.stanza_version}" if status.stanza_version else "stanza not installed"
    print(f"{stanza}; models folder {status.directory or 'unknown until stanza is installed'}")
    width = max((len(f.processor) for f in status.files), default=0)
    package_width = max((len(f.package) for f in status.files), default=0)
    for model in status.files:
        print(f"  {model.processor:<{width}}  {model.package:<{package_width}}  "
              f"{'present' if model.present else 'missing'}")
    if status.ready:
        print("ready: ingest and extract use the stanza engine by default (--engine auto)")
        return
    print(f"not ready: {status.reason}")
    if status.stanza_version:
        print(f"  {DOWNLOAD_HINT}")
