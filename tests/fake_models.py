"""A stanza models folder laid out like a real download, with files that are not models:
enough for `models status` and for stanza to try, and fail, to load them."""

from __future__ import annotations

import json
from pathlib import Path

# The shape of stanza's resources.json for English, cut down to what the engine reads.
RESOURCES = {
    "en": {
        "lang_name": "English",
        "packages": {"default": {
            "tokenize": "combined", "mwt": "combined", "pos": "combined_charlm", "lemma": "combined_nocharlm",
            "depparse": "combined_charlm", "ner": "ontonotes_charlm",
        }},
        "pos": {"combined_charlm": {"dependencies": [
            {"model": "pretrain", "package": "conll17"}, {"model": "forward_charlm", "package": "1billion"},
        ]}},
        "depparse": {"combined_charlm": {"dependencies": [{"model": "pretrain", "package": "conll17"}]}},
        "ner": {"ontonotes_charlm": {"dependencies": [{"model": "forward_charlm", "package": "1billion"}]}},
    }
}
FILES = (
    "tokenize/combined.pt", "mwt/combined.pt", "pos/combined_charlm.pt", "pretrain/conll17.pt",
    "forward_charlm/1billion.pt", "lemma/combined_nocharlm.pt", "depparse/combined_charlm.pt",
    "ner/ontonotes_charlm.pt",
)


def write_fake_models(folder: Path, leave_out: tuple[str, ...] = ()) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "resources.json").write_text(json.dumps(RESOURCES), "utf-8")
    for name in FILES:
        if name in leave_out:
            continue
        path = folder / "en" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"not a model")
    return folder
