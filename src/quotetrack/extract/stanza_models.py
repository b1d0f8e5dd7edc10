"""Where stanza's English models live, whether they are all there, and fetching them.

Knowing what is installed must be cheap: ``--engine auto`` asks on every run, and a
machine with stanza but no models should not pay for importing torch to find out.
So everything here reads files (stanza's ``resources.json`` and the model files it
names) and only ``download_models`` imports stanza.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .stanza_engine import PROCESSORS

LANGUAGE = "en"
RESOURCES_FILE = "resources.json"
# stanza's own environment variables, honoured the way stanza honours them.
DIR_VARIABLE = "STANZA_RESOURCES_DIR"
URL_VARIABLE = "STANZA_RESOURCES_URL"
MODEL_URL_VARIABLE = "STANZA_MODEL_URL"
INSTALL_HINT = "pip install 'quotetrack[stanza]'"
DOWNLOAD_HINT = "run `quotetrack models download`"


class ModelsError(Exception):
    """stanza or its models cannot be had; the message is one line for the user."""


@dataclass(frozen=True)
class ModelFile:
    processor: str
    package: str
    path: Path

    @property
    def present(self) -> bool:
        return self.path.is_file() and self.path.stat().st_size > 0


@dataclass(frozen=True)
class ModelsStatus:
    """What ``directory`` holds of the English models the stanza engine needs."""

    directory: Path | None
    stanza_version: str | None
    files: tuple[ModelFile, ...] = field(default_factory=tuple)
    problem: str | None = None

    @property
    def missing(self) -> tuple[ModelFile, ...]:
        return tuple(f for f in self.files if not f.present)

    @property
    def ready(self) -> bool:
        return self.stanza_version is not None and self.problem is None and bool(self.files) and not self.missing

    @property
    def reason(self) -> str | None:
        """Why the engine cannot run, in one line; None when it can."""
        if self.stanza_version is None:
            return f"stanza is not installed ({INSTALL_HINT})"
        if self.problem:
            return self.problem
        if self.missing:
            names = ", ".join(sorted({f.processor for f in self.missing}))
            return f"stanza's English models are incomplete in {self.directory} (missing: {names})"
        return None

    def as_dict(self) -> dict:
        return {
            "stanza": self.stanza_version, "directory": str(self.directory) if self.directory else None,
            "ready": self.ready, "reason": self.reason,
            "models": [{"processor": f.processor, "package": f.package, "path": str(f.path), "present": f.present}
                       for f in self.files],
        }


def stanza_version() -> str | None:
    """The installed stanza's version, read from its files without importing it (and torch)."""
    spec = importlib.util.find_spec("stanza")
    if spec is None or not spec.submodule_search_locations:
        return None
    version_file = Path(next(iter(spec.submodule_search_locations))) / "_version.py"
    try:
        source = version_file.read_text("utf-8")
    except OSError:
        return None
    found = dict(re.findall(r"^(__\w+__)\s*=\s*['\"]([^'\"]+)['\"]", source, re.MULTILINE))
    return found.get("__resources_version__") or found.get("__version__")


def resources_dir(explicit: str | Path | None = None) -> Path | None:
    """The models folder: ``explicit``, else $STANZA_RESOURCES_DIR, else stanza's default
    (~/.cache/stanza/VERSION/resources on Linux); None when stanza is not installed and
    nothing names a folder."""
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get(DIR_VARIABLE):
        return Path(os.environ[DIR_VARIABLE]).expanduser()
    version = stanza_version()
    if version is None:
        return None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("stanza", "StanfordNLP", version)) / "resources"


def models_status(directory: str | Path | None = None) -> ModelsStatus:
    """Which of the English model files the engine needs are in the models folder."""
    version = stanza_version()
    folder = resources_dir(directory)
    if folder is None:
        return ModelsStatus(None, version)
    index = folder / RESOURCES_FILE
    if not index.is_file():
        return ModelsStatus(folder, version, problem=f"stanza's English models are not installed in {folder}")
    try:
        resources = json.loads(index.read_text("utf-8"))
        english = resources[LANGUAGE]
        default = english["packages"]["default"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        reason = "no English models listed" if isinstance(error, (KeyError, TypeError)) else "unreadable"
        return ModelsStatus(folder, version, problem=f"{index} is {reason}; {DOWNLOAD_HINT}")
    files: list[ModelFile] = []
    for processor in PROCESSORS:
        package = default.get(processor) if isinstance(default, dict) else None
        if not isinstance(package, str):
            return ModelsStatus(folder, version, problem=f"{index} names no default English {processor} model")
        files.append(_model_file(folder, processor, package))
        details = english.get(processor, {}).get(package, {})
        for dependency in details.get("dependencies", []) if isinstance(details, dict) else []:
            needed = _model_file(folder, dependency.get("model", ""), dependency.get("package", ""))
            if needed not in files:
                files.append(needed)
    return ModelsStatus(folder, version, tuple(files))


def _model_file(folder: Path, processor: str, package: str) -> ModelFile:
    return ModelFile(processor, package, folder / LANGUAGE / processor / f"{package}.pt")


def download_models(directory: str | Path | None = None) -> ModelsStatus:
    """Fetch the English models into the models folder with stanza's downloader.

    Honours $STANZA_RESOURCES_URL and $STANZA_MODEL_URL (read now, not when stanza was
    first imported). Raises ``ModelsError`` with one line when stanza is missing or the
    download fails.
    """
    if stanza_version() is None:
        raise ModelsError(f"stanza is not installed; install it with {INSTALL_HINT}")
    folder = resources_dir(directory)
    import stanza

    options = {}
    if os.environ.get(URL_VARIABLE):
        options["resources_url"] = os.environ[URL_VARIABLE]
    if os.environ.get(MODEL_URL_VARIABLE):
        options["model_url"] = os.environ[MODEL_URL_VARIABLE]
    try:
        stanza.download(LANGUAGE, model_dir=str(folder), processors=",".join(PROCESSORS), logging_level="INFO",
                        **options)
    except Exception as error:  # stanza raises requests', huggingface_hub's and its own errors alike
        raise ModelsError(f"could not download stanza's English models into {folder}: {_download_reason(error)}") from error
    status = models_status(folder)
    if not status.ready:
        raise ModelsError(f"the download finished but {status.reason}")
    return status


def _download_reason(error: Exception) -> str:
    """One readable line for a failed download: which host could not be reached, or what
    the server answered, rather than a page of urllib3 detail."""
    text = str(error)
    host = re.search(r"host='([^']+)'", text)
    if host and ("Connection" in type(error).__name__ or "NameResolution" in text or "refused" in text.lower()):
        return f"cannot reach {host.group(1)} (no network, or it is blocked here)"
    response = getattr(error, "response", None)
    if response is not None and getattr(response, "status_code", None):
        return f"{response.url} answered HTTP {response.status_code}"
    first = text.splitlines()[0] if text else type(error).__name__
    return f"{type(error).__name__}: {first[:200]}"
