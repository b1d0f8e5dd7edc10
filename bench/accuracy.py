"""Accuracy of quote detection and attribution on the annotated development set.

    python bench/accuracy.py [FOLDER ...]      (default: bench/devset and fixtures)

Prints span precision/recall/F1, speaker accuracy and end-to-end F1 per folder, and
the errors by kind and deciding rule so the weakest sieve is easy to find.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from quotetrack.evaluate import evaluate

ROOT = Path(__file__).resolve().parent.parent


def main(folders: list[str]) -> None:
    for folder in folders or [str(ROOT / "bench" / "devset"), str(ROOT / "fixtures")]:
        score = evaluate(Path(folder))
        print(f"\n{folder}")
        for key, value in score.as_dict().items():
            print(f"  {key:18} {value}")
        kinds = Counter((e["type"], e.get("rule") or "-") for e in score.errors)
        print("  errors by kind and rule:", ", ".join(f"{t}/{r}: {n}" for (t, r), n in kinds.most_common()))


if __name__ == "__main__":
    main(sys.argv[1:])
