"""Writing extractions: one transaction per article, so a crash never leaves half of one,
and the content hash makes a second ingest of the same text add nothing.

The writer keeps one connection open and writes with Core statements (one insert for
the article, one batch for its quotes, a few for its speakers): at hundreds of articles
a second, the ORM's per-object bookkeeping would cost more than the extraction. Batches
of articles share a transaction (``store_all``); each article is still stored whole or
not at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, bindparam, insert, select
from sqlalchemy.exc import IntegrityError

from ..article import Extraction
from ..speakers.corpus import SpeakerIndex, now
from .models import ArticleRow, QuoteRow, SpeakerDescription

_ARTICLES = ArticleRow.__table__
_QUOTES = QuoteRow.__table__
_DESCRIPTIONS = SpeakerDescription.__table__
# Built once: SQLAlchemy then finds each compiled statement in its cache without rebuilding it.
_INSERT_ARTICLE = insert(_ARTICLES)
_INSERT_DESCRIPTION = insert(_DESCRIPTIONS)
_INSERT_QUOTE = insert(_QUOTES)
_STORED_HASHES = select(_ARTICLES.c.content_hash).where(
    _ARTICLES.c.content_hash.in_(bindparam("hashes", expanding=True)))


class _AlreadyStored(Exception):
    """Raised inside the article's transaction so that leaving it rolls back."""


@dataclass(frozen=True)
class Stored:
    """What storing one article did."""

    new: bool
    article_id: int | None
    quotes: int = 0
    speakers: int = 0


class ArticleWriter:
    """The single writer of a database during an ingest. Close it (or use it as a context
    manager) to give its connection back."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.index = SpeakerIndex()
        self._connection: Connection | None = None

    def __enter__(self) -> ArticleWriter:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    @property
    def connection(self) -> Connection:
        if self._connection is None or self._connection.closed:
            self._connection = self.engine.connect()
        return self._connection

    def exists(self, content_hash: str) -> bool:
        return bool(self.stored_hashes([content_hash]))

    def stored_hashes(self, content_hashes: list[str]) -> set[str]:
        """Which of these content hashes are stored already (one query for a batch)."""
        if not content_hashes:
            return set()
        with self.connection.begin():
            found = self.connection.execute(_STORED_HASHES, {"hashes": content_hashes})
            return {row[0] for row in found}

    def store(self, extraction: Extraction) -> Stored:
        """Store one article in a transaction of its own."""
        return self.store_all([extraction])[0]

    def store_all(self, extractions: list[Extraction]) -> list[Stored]:
        """Store a batch of articles in one transaction; each stays whole either way.

        Committing a batch writes each changed page once instead of once per article. If
        any article of the batch cannot be stored (its text was stored meanwhile by another
        writer), the batch is rolled back and its articles are stored one transaction each.
        """
        if not extractions:
            return []
        connection = self.connection
        try:
            with connection.begin():
                return [self._store(connection, extraction) for extraction in extractions]
        except (_AlreadyStored, IntegrityError):
            self.index.reset()
            if len(extractions) > 1:
                return [self.store(extraction) for extraction in extractions]
            return [Stored(False, None)]
        except BaseException:
            # Whatever the index learnt from this batch was rolled back with it.
            self.index.reset()
            raise

    def _store(self, connection: Connection, extraction: Extraction) -> Stored:
        article = extraction.article
        try:
            article_id = connection.execute(_INSERT_ARTICLE, {
                "source": article.source, "content_hash": article.content_hash, "title": article.title,
                "published": article.published, "outlet": article.outlet, "url": article.url,
                "author": article.author, "text": article.text, "ingested_at": now(),
            }).inserted_primary_key[0]
        except IntegrityError:
            raise _AlreadyStored from None
        speakers = extraction.speakers
        added = self.index.add_all(connection, speakers)
        speaker_ids = {(s.kind, s.name): sid for s, (sid, _) in zip(speakers, added)}
        descriptions = [
            {"speaker_id": sid, "article_id": article_id, "description": s.description}
            for s, (sid, _) in zip(speakers, added) if s.description
        ]
        if descriptions:
            connection.execute(_INSERT_DESCRIPTION, descriptions)
        rows = [
            {
                "article_id": article_id,
                "speaker_id": speaker_ids.get((q.speaker.kind, q.speaker.name)) if q.speaker else None,
                "text": q.text, "start": q.start, "end": q.end, "kind": q.kind, "cue": q.cue,
                "speaker_as_written": q.speaker_as_written, "rule": q.rule, "confidence": q.confidence,
            }
            for q in extraction.quotes
        ]
        if rows:
            connection.execute(_INSERT_QUOTE, rows)
        return Stored(True, article_id, len(rows), sum(new for _, new in added))
