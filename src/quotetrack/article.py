"""The plain values that flow between the stages: sources -> extract -> resolve -> store."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Article:
    """One news article as a reader produced it, before any extraction."""

    source: str
    text: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None

    @property
    def content_hash(self) -> str:
        """Identity of the article's content: the same text ingested twice is one article."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


# Speaker kinds. A person is never merged with any of the others.
PERSON = "person"
ORGANISATION = "organisation"
GROUP = "group"
ANONYMOUS = "anonymous"
SPEAKER_KINDS = (PERSON, ORGANISATION, GROUP, ANONYMOUS)

# Quote kinds: a whole quoted statement, a quoted fragment inside the writer's own
# sentence, and reported speech with no quotation marks.
DIRECT = "direct"
PARTIAL = "partial"
INDIRECT = "indirect"
QUOTE_KINDS = (DIRECT, PARTIAL, INDIRECT)


@dataclass(frozen=True)
class Speaker:
    """Who said a quote, as resolved inside one article."""

    name: str
    kind: str = PERSON
    description: str | None = None
    aliases: tuple[str, ...] = ()
    ambiguous: bool = False


@dataclass(frozen=True)
class Quote:
    """A quotation (or claim) found in an article, with the evidence for its speaker.

    ``start``/``end`` are offsets into ``Article.text`` such that
    ``article.text[start:end] == text``.
    """

    text: str
    start: int
    end: int
    kind: str = DIRECT
    speaker: Speaker | None = None
    speaker_as_written: str | None = None
    cue: str | None = None
    rule: str | None = None
    confidence: float = 0.0


@dataclass(frozen=True)
class Extraction:
    """Everything the extractor found in one article."""

    article: Article
    quotes: tuple[Quote, ...] = field(default_factory=tuple)

    @property
    def speakers(self) -> tuple[Speaker, ...]:
        seen: dict[tuple[str, str], Speaker] = {}
        for quote in self.quotes:
            if quote.speaker is not None:
                seen.setdefault((quote.speaker.kind, quote.speaker.name), quote.speaker)
        return tuple(seen.values())
