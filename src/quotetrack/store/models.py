"""The database tables, as SQLAlchemy 2 models. Schema changes go through the Alembic
migrations under db/ (``db/versions``), never through ``create_all``."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    outlet: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)

    quotes: Mapped[list[QuoteRow]] = relationship(back_populates="article", cascade="all, delete-orphan")


class SpeakerRow(Base):
    __tablename__ = "speakers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)
    # A name set by hand (speakers rename) is never replaced by the fullest form seen.
    name_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    # A surname alone that could belong to several people.
    ambiguous: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    aliases: Mapped[list[SpeakerAlias]] = relationship(back_populates="speaker", cascade="all, delete-orphan")


class SpeakerAlias(Base):
    """Every form a speaker has been written in (or was given by hand), with its keys:
    ``key`` folds case, accents and punctuation; ``variant`` also folds transliteration."""

    __tablename__ = "speaker_aliases"
    __table_args__ = (UniqueConstraint("speaker_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), index=True)
    variant: Mapped[str] = mapped_column(String(300), index=True)
    # The surname's transliteration key, for a person's alias with a surname (names.surname_key).
    surname: Mapped[str | None] = mapped_column(String(300), index=True)
    count: Mapped[int] = mapped_column(Integer, default=1)
    manual: Mapped[bool] = mapped_column(Boolean, default=False)

    speaker: Mapped[SpeakerRow] = relationship(back_populates="aliases")


class SpeakerDescription(Base):
    """What an article said a speaker is ("an adviser to the head of Mr Zelenskiy’s office")."""

    __tablename__ = "speaker_descriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)


class QuoteRow(Base):
    __tablename__ = "quotes"
    __table_args__ = (Index("ix_quotes_speaker_article", "speaker_id", "article_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    cue: Mapped[str | None] = mapped_column(Text)
    speaker_as_written: Mapped[str | None] = mapped_column(Text)
    rule: Mapped[str | None] = mapped_column(String(40))
    confidence: Mapped[float] = mapped_column(Float)
    # The statement these words belong to across articles (see store/statements.py);
    # None for reported speech, which is the writer's wording, not the speaker's.
    statement_id: Mapped[int | None] = mapped_column(ForeignKey("statements.id", ondelete="SET NULL"), index=True)

    article: Mapped[ArticleRow] = relationship(back_populates="quotes")
    speaker: Mapped[SpeakerRow | None] = relationship()


class SpeakerDecision(Base):
    """A change a user made by hand; later ingests never undo it (see speakers/corpus.py)."""

    __tablename__ = "speaker_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(20))
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"))
    other_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"))
    detail: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class StatementRow(Base):
    """The same words quoted in one or more articles: wire copy reprinted, a line from a
    press conference, trimmed or quoted in part. ``text`` is the longest occurrence; the
    counts and dates are kept up to date as articles are stored."""

    __tablename__ = "statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    words: Mapped[int] = mapped_column(Integer)
    # Long and specific enough to link quotes by different speakers (statements/matching.py).
    distinctive: Mapped[bool] = mapped_column(Boolean)
    quotes: Mapped[int] = mapped_column(Integer, default=0)
    articles: Mapped[int] = mapped_column(Integer, default=0, index=True)
    first_seen: Mapped[date | None] = mapped_column(Date)
    last_seen: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class StatementKey(Base):
    """Lookup keys of a statement's wordings (statements/keys.py): a new quote is compared
    only with the statements that share a key with it."""

    __tablename__ = "statement_keys"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True,
                                              index=True)
