"""Writing extractions: each article whole or not at all (a batch of articles shares a
transaction, so a crash never leaves half of one), and the content hash makes a second
ingest of the same text add nothing.

The writer keeps one connection open and writes rows in bulk (store/bulk.py): at
hundreds of articles a second, the ORM's per-object bookkeeping would cost more than the
extraction. Batches of articles share a transaction (``store_all``); each article is
still stored whole or not at all. The rows of the batch's articles, quotes and new
speakers are written together (``_Rows``): at its end, or before grouping reads stored
quotes (to merge two statements, which moves quotes that earlier articles of the batch
gave them), so every read sees what a row-by-row writer would have written by then.
Statements and their keys are written per article, since the next article's quotes look
them up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, bindparam, insert, select, text
from sqlalchemy.exc import IntegrityError

from ..article import Extraction
from ..speakers.corpus import SpeakerIndex, now
from .bulk import BulkInsert, IdAllocator
from .models import ArticleRow, QuoteRow, SpeakerDescription, SpeakerRow
from .statements import QuoteWords, StatementGrouper, group_ungrouped

_ARTICLES = ArticleRow.__table__
_QUOTES = QuoteRow.__table__
_DESCRIPTIONS = SpeakerDescription.__table__
# Built once: SQLAlchemy then finds each compiled statement in its cache without rebuilding it.
_INSERT_ARTICLE = insert(_ARTICLES)
_ARTICLE_COLUMNS = ("id", "source", "content_hash", "title", "published", "outlet", "url", "author", "text",
                    "ingested_at")
_ARTICLE_ROWS = BulkInsert(_ARTICLES, _ARTICLE_COLUMNS)
_DESCRIPTION_ROWS = BulkInsert(_DESCRIPTIONS, ("speaker_id", "article_id", "description"))
_QUOTE_ROWS = BulkInsert(_QUOTES, ("article_id", "speaker_id", "text", "start", "end", "kind", "cue",
                                   "speaker_as_written", "rule", "confidence", "statement_id"))
_DEFER_SEARCH = text("UPDATE quotes_fts_deferred SET deferred = :deferred")
_LAST_QUOTE = text("SELECT coalesce(max(id), 0) FROM quotes")
_INDEX_QUOTES_AFTER = text("INSERT INTO quotes_fts (rowid, text) SELECT id, text FROM quotes WHERE id > :last")
_STORED_HASHES = select(_ARTICLES.c.content_hash).where(
    _ARTICLES.c.content_hash.in_(bindparam("hashes", expanding=True)))


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
        # New articles and speakers are numbered here (store/bulk.py IdAllocator), not by
        # the database: no round trip per row to learn its id.
        self.bulk = engine.dialect.name in ("sqlite", "postgresql")
        self.article_ids = IdAllocator(_ARTICLES)
        self.index = SpeakerIndex(IdAllocator(SpeakerRow.__table__) if self.bulk else None)
        self.statements = StatementGrouper()
        self._grouped_older = False
        self._connection: Connection | None = None
        self._defers: bool | None = None

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
        if not self._grouped_older:
            group_ungrouped(self.engine, self.statements)
            self._grouped_older = True
        connection = self.connection
        try:
            try:
                with connection.begin():
                    return self._write_batch(connection, extractions)
            finally:
                # Ids numbered from max(id) (SQLite) hold only inside the transaction.
                self.article_ids.end_transaction()
                self.index.end_transaction()
        except IntegrityError:  # an article's text stored meanwhile by another writer
            self.index.reset()
            if len(extractions) > 1:
                return [self.store(extraction) for extraction in extractions]
            return [Stored(False, None)]
        except BaseException:
            # Whatever the index learnt from this batch was rolled back with it.
            self.index.reset()
            raise

    def _write_batch(self, connection: Connection, extractions: list[Extraction]) -> list[Stored]:
        if self.bulk and connection.dialect.name == "sqlite":
            # Take SQLite's write lock now, not at the first insert: no other writer can
            # then take the ids this batch numbers itself.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        defer = self._defers_search_index(connection)
        if defer:
            connection.execute(_DEFER_SEARCH, {"deferred": 1})
            last = connection.execute(_LAST_QUOTE).scalar()
        rows = _Rows(connection, self.index)
        stored = [self._store(connection, extraction, rows) for extraction in extractions]
        rows.write()
        _DESCRIPTION_ROWS(connection, rows.descriptions)
        self.index.write_changes(connection)
        if defer:
            connection.execute(_INDEX_QUOTES_AFTER, {"last": last})
            connection.execute(_DEFER_SEARCH, {"deferred": 0})
        return stored

    def _defers_search_index(self, connection: Connection) -> bool:
        """SQLite with FTS5: the batch's quotes are indexed in one statement instead of
        through the per-row trigger (see the search migration), which costs FTS5 a flush
        per row. The flag never outlives the transaction."""
        if self._defers is None:
            self._defers = connection.dialect.name == "sqlite" and connection.execute(
                text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'quotes_fts_deferred'")
            ).first() is not None
        return self._defers

    def _store(self, connection: Connection, extraction: Extraction, rows: _Rows) -> Stored:
        """Store one article inside the batch's transaction: its statements now (the next
        article's quotes look them up); its row, new speakers, quotes and speakers'
        descriptions into ``rows``, written for the batch."""
        article = extraction.article
        values = (article.source, article.content_hash, article.title, article.published, article.outlet,
                  article.url, article.author, article.text, now())
        if self.bulk:
            article_id = self.article_ids.take(connection)
            rows.articles.append((article_id, *values))
        else:
            article_id = connection.execute(
                _INSERT_ARTICLE, dict(zip(_ARTICLE_COLUMNS[1:], values))).inserted_primary_key[0]
        speakers = extraction.speakers
        added = self.index.add_all(connection, speakers)
        speaker_ids = {(s.kind, s.name): sid for s, (sid, _) in zip(speakers, added)}
        rows.descriptions.extend(
            (sid, article_id, s.description) for s, (sid, _) in zip(speakers, added) if s.description
        )
        quote_speakers = [speaker_ids.get((q.speaker.kind, q.speaker.name)) if q.speaker else None
                          for q in extraction.quotes]
        placed = self.statements.assign(
            connection, [QuoteWords(q.text, q.kind, sid, q.start, q.end)
                         for q, sid in zip(extraction.quotes, quote_speakers)],
            article.text, article.published, before_reading_quotes=rows.write)
        rows.quotes.extend(
            (article_id, sid, q.text, q.start, q.end, q.kind, q.cue, q.speaker_as_written, q.rule, q.confidence,
             statement)
            for q, sid, statement in zip(extraction.quotes, quote_speakers, placed)
        )
        return Stored(True, article_id, len(extraction.quotes), sum(new for _, new in added))


@dataclass
class _Rows:
    """Rows of a batch written together. ``write`` writes the speakers, articles and quotes
    noted so far (the quotes last: they refer to the others); the descriptions, which no
    read of the batch needs, wait for its end."""

    connection: Connection
    index: SpeakerIndex
    articles: list[tuple] = field(default_factory=list)
    quotes: list[tuple] = field(default_factory=list)
    descriptions: list[tuple] = field(default_factory=list)

    def write(self) -> None:
        self.index.write_new_speakers(self.connection)
        _ARTICLE_ROWS(self.connection, self.articles)
        _QUOTE_ROWS(self.connection, self.quotes)
        self.articles.clear()
        self.quotes.clear()
