"""Writing extractions: one transaction per article, so a crash never leaves half of one,
and the content hash makes a second ingest of the same text add nothing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..article import Extraction
from ..speakers.corpus import SpeakerIndex, now
from .models import ArticleRow, QuoteRow, SpeakerDescription
from .statements import QuoteWords, StatementGrouper, group_ungrouped


@dataclass(frozen=True)
class Stored:
    """What storing one article did."""

    new: bool
    article_id: int | None
    quotes: int = 0
    speakers: int = 0


class ArticleWriter:
    """The single writer of a database during an ingest."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.index = SpeakerIndex()
        self.statements = StatementGrouper()
        self._grouped_older = False

    def exists(self, content_hash: str) -> bool:
        with Session(self.engine) as session:
            return session.scalar(select(ArticleRow.id).where(ArticleRow.content_hash == content_hash)) is not None

    def store(self, extraction: Extraction) -> Stored:
        article = extraction.article
        digest = article.content_hash
        if not self._grouped_older:
            group_ungrouped(self.engine, self.statements)
            self._grouped_older = True
        try:
            with Session(self.engine) as session, session.begin():
                existing = session.scalar(select(ArticleRow.id).where(ArticleRow.content_hash == digest))
                if existing is not None:
                    return Stored(False, existing)
                row = ArticleRow(source=article.source, content_hash=digest, title=article.title,
                                 published=article.published, outlet=article.outlet, url=article.url,
                                 author=article.author, text=article.text, ingested_at=now())
                session.add(row)
                session.flush()
                speaker_ids: dict[tuple[str, str], int] = {}
                created = 0
                for speaker in extraction.speakers:
                    sid, new = self.index.add(session, speaker)
                    speaker_ids[(speaker.kind, speaker.name)] = sid
                    created += new
                    if speaker.description:
                        session.add(SpeakerDescription(speaker_id=sid, article_id=row.id,
                                                       description=speaker.description))
                rows = [
                    {
                        "article_id": row.id,
                        "speaker_id": speaker_ids.get((q.speaker.kind, q.speaker.name)) if q.speaker else None,
                        "text": q.text, "start": q.start, "end": q.end, "kind": q.kind, "cue": q.cue,
                        "speaker_as_written": q.speaker_as_written, "rule": q.rule, "confidence": q.confidence,
                    }
                    for q in extraction.quotes
                ]
                placed = self.statements.assign(
                    session, [QuoteWords(r["text"], r["kind"], r["speaker_id"], r["start"], r["end"]) for r in rows],
                    article.text, article.published)
                for quote_row, statement_id in zip(rows, placed):
                    quote_row["statement_id"] = statement_id
                if rows:
                    session.execute(insert(QuoteRow), rows)
                return Stored(True, row.id, len(rows), created)
        except IntegrityError:
            # Another writer stored the same content first: nothing of ours was kept.
            self.index.reset()
            return Stored(False, None)
        except BaseException:
            self.index.reset()
            raise
