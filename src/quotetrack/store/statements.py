"""Grouping quotes into statements as articles are stored, incrementally.

Each new quote looks up the stored statements that share a key with it (statements/keys.py),
keeps the few with the most evidence (``CANDIDATES``) whose shared keys allow a long enough
shared run, and asks statements/matching.py whether it is one of them:

  - it joins the best statement that contains it (a partial quote, a trimmed copy);
  - statements it contains or equals are merged into one (pieces quoted separately until
    an article carries the whole), unless one of their wordings conflicts with it;
  - otherwise it starts a new statement.

The two halves of a quote split around its cue (statements/splits.py) are placed as one
quote, their words joined. A quote too short or generic to stand alone ("we will see",
"thank you very much") joins an identical quote by the same speaker, or a statement by the
same speaker it lies whole in (matching.Thresholds.spoken_piece_words); reported speech
(kind indirect) joins no statement, because its words are the writer's paraphrase and two
outlets paraphrasing alike say nothing about who said what. A statement's text is its
longest occurrence.

The work is done per article, not per quote: every key of the article is looked up at
once, and keys and counts are written in one batch each (store/statement_rows.py), so
grouping costs a few statements per article however large the corpus grows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import count

from rapidfuzz.distance import LCSseq
from sqlalchemy import Connection, Engine, select, update
from sqlalchemy.orm import Session

from ..article import INDIRECT
from ..statements.keys import lookup_keys, most_shared_words, speaker_key, speaker_mark
from ..statements.matching import THRESHOLDS, conflict, is_distinctive, same_statement
from ..statements.splits import Span, continues_previous
from ..statements.wording import Wording, wording
from . import statement_rows as rows
from .models import ArticleRow, QuoteRow

# How many stored statements a new quote is compared with, those with the most evidence
# first (StatementGrouper._candidates): on the bench, every copy found its statement among
# the first five.
CANDIDATES = 8
# The least evidence (keys shared, each weighed by one over the number of statements under
# it) for which a stored statement is compared with a quote: one key that at most four
# statements carry, or several commoner ones.
MIN_EVIDENCE = 0.25
# How many distinct wordings of a statement a quote is checked against before two
# statements are merged through it; more would only slow the rare merge of a much-quoted one.
MERGE_CHECK_WORDINGS = 200
# A key carried by this many statements is a stock phrase ("at the end of the day"), worth
# at most 1/16 of a shared key as evidence: it is stored for no more statements and no
# longer looked up, which keeps every lookup bounded however large the corpus grows.
HOT_KEY_STATEMENTS = 16


@dataclass(frozen=True)
class QuoteWords:
    """What grouping needs of one quote: its words, kind, speaker and place in the article."""

    text: str
    kind: str
    speaker_id: int | None
    start: int = 0
    end: int = 0


@dataclass(eq=False)
class _Unit:
    """One quote to place, or the two halves of a quote split around its cue."""

    positions: list[int]
    text: str
    words: Wording
    speaker_id: int | None
    distinctive: bool
    keys: frozenset[int]
    phrase_key: int | None


@dataclass(eq=False)
class _Statement:
    """A statement as the placement of one article sees it."""

    id: int | None  # None for a statement this article creates, until it is inserted
    order: int  # stored statements first, oldest first; then the new ones
    text: str
    size: int  # words in its text
    distinctive: bool
    keys: set[int] = field(default_factory=set)  # keys it is known to carry
    speakers: set[int] = field(default_factory=set)  # speakers it is known to have
    added_keys: set[int] = field(default_factory=set)
    added_speakers: set[int] = field(default_factory=set)
    placed: list[_Unit] = field(default_factory=list)
    grown: bool = False
    merged: bool = False
    into: _Statement | None = None

    @property
    def words(self) -> Wording:
        return wording(self.text)

    def live(self) -> _Statement:
        found = self
        while found.into is not None:
            found = found.into
        return found


class StatementGrouper:
    """Places the quotes of one article at a time into statements, inside the caller's
    transaction, so an article is stored with its statements or not at all.

    It remembers the keys it has found to be stock phrases (``HOT_KEY_STATEMENTS``), to
    skip them in later lookups; a key only grows commoner, so what it learnt stays true
    even if the article it learnt it from is rolled back."""

    def __init__(self) -> None:
        self.hot_keys: set[int] = set()

    def assign(self, session: Session | Connection, quotes: Sequence[QuoteWords], article_text: str = "",
               published: date | None = None, before_reading_quotes: Callable[[], None] | None = None,
               ) -> list[int | None]:
        """The statement of each quote, in order (None for reported speech), with the
        statements' counts and dates brought up to date for an article of that date.
        ``before_reading_quotes()`` is called before stored quotes are read or moved (to
        merge statements), for a caller that holds back the quote rows of earlier articles."""
        connection = session.connection() if isinstance(session, Session) else session
        units = _units(quotes, article_text)
        placement = _Placement(self, connection, units, before_reading_quotes or _nothing)
        placement.run()
        placement.write(published)
        statement_of: list[int | None] = [None] * len(quotes)
        for unit, statement in placement.home.items():
            for position in unit.positions:
                statement_of[position] = statement.live().id
        return statement_of

    def _candidates(self, keys: frozenset[int], postings: dict[int, list[int]]) -> list[int]:
        """The stored statements with the most evidence of being the quote's, best first.

        Each shared key is evidence in inverse proportion to the number of statements that
        carry it: a copy shares keys that only its statement has, while a stock phrase ("the
        prime minister said") is under dozens of unrelated statements and, alone, is not
        worth comparing for."""
        evidence: dict[int, float] = {}
        for key in keys:
            found = postings.get(key, ())
            for sid in found:
                evidence[sid] = evidence.get(sid, 0.0) + 1.0 / len(found)
        ranked = sorted((item for item in evidence.items() if item[1] >= MIN_EVIDENCE),
                        key=lambda item: (-item[1], item[0]))
        return [sid for sid, _ in ranked[:CANDIDATES]]


def _nothing() -> None:
    pass


def _units(quotes: Sequence[QuoteWords], article_text: str) -> list[_Unit]:
    spans = [(i, q) for i, q in enumerate(quotes) if q.kind != INDIRECT and wording(q.text).words]
    spans.sort(key=lambda item: item[1].start)
    continues = continues_previous(article_text, [Span(q.start, q.end, q.text, q.speaker_id) for _, q in spans])
    groups: list[list[tuple[int, QuoteWords]]] = []
    for (i, quote), joins in zip(spans, continues):
        if joins and groups:
            groups[-1].append((i, quote))
        else:
            groups.append([(i, quote)])
    units = []
    for group in groups:
        text = " ".join(quote.text.strip() for _, quote in group)
        words = wording(text)
        speaker = group[0][1].speaker_id
        distinctive = is_distinctive(words)
        searchable = distinctive or (speaker is not None and len(words.words) >= THRESHOLDS.spoken_piece_words
                                     and words.content_words >= THRESHOLDS.spoken_piece_content_words)
        units.append(_Unit(
            positions=[i for i, _ in group], text=text, words=words, speaker_id=speaker, distinctive=distinctive,
            keys=lookup_keys(words) if searchable else frozenset(),
            phrase_key=speaker_key(words, speaker) if speaker is not None and not distinctive else None,
        ))
    return units


class _Placement:
    """Placing the units of one article: read once, decide in memory, write once."""

    def __init__(self, grouper: StatementGrouper, connection: Connection, units: list[_Unit],
                 before_reading_quotes: Callable[[], None]):
        self.grouper, self.connection, self.units = grouper, connection, units
        self.before_reading_quotes = before_reading_quotes
        self.home: dict[_Unit, _Statement] = {}
        self.new: list[_Statement] = []
        self._order = count(1 << 62)
        keys = {key for unit in units for key in unit.keys} | {u.phrase_key for u in units if u.phrase_key}
        self.postings: dict[int, list[int]] = {}
        keys_of: dict[int, set[int]] = {}
        for key, sid in rows.postings(connection, keys - grouper.hot_keys):
            self.postings.setdefault(key, []).append(sid)
            keys_of.setdefault(sid, set()).add(key)
        grouper.hot_keys.update(key for key, sids in self.postings.items() if len(sids) >= HOT_KEY_STATEMENTS)
        self.ranked = {unit: grouper._candidates(unit.keys, self.postings) for unit in units}
        wanted = {sid for ranked in self.ranked.values() for sid in ranked}
        wanted |= {sid for u in units if u.phrase_key for sid in self.postings.get(u.phrase_key, ())}
        self.stored = {s.id: _Statement(s.id, s.id, s.text, s.words, s.distinctive, keys=keys_of[s.id])
                       for s in rows.statements(connection, wanted)}
        self._asked: set[int] = set()

    def run(self) -> None:
        for unit in self.units:
            statement = self._place(unit)
            self.home[unit] = statement
            statement.placed.append(unit)
            statement.added_keys |= unit.keys
            if unit.phrase_key is not None:
                statement.added_keys.add(unit.phrase_key)
            if unit.speaker_id is not None:
                statement.added_speakers.add(unit.speaker_id)
            if len(unit.words.words) > statement.size:
                statement.text, statement.size, statement.grown = unit.text, len(unit.words.words), True
            if unit.distinctive and not statement.distinctive:
                statement.distinctive, statement.grown = True, True

    def _candidates(self, unit: _Unit) -> list[_Statement]:
        found = [self.stored[sid] for sid in self.ranked[unit] if sid in self.stored]
        found += [s for s in self.new if s.added_keys & unit.keys]
        live = {id(s): s for s in (c.live() for c in found)}.values()
        return [s for s in live if self._worth_comparing(unit, s)]

    @staticmethod
    def _worth_comparing(unit: _Unit, statement: _Statement) -> bool:
        """Whether the keys they share allow a run of words long enough for one to be a piece
        of the other (matching.Thresholds.piece_share): most candidates share one stock
        phrase, and this turns them away before their words are folded and compared."""
        shared = len(unit.keys & (statement.keys | statement.added_keys))
        shorter = min(len(unit.words.words), statement.size)
        return shorter * THRESHOLDS.piece_share <= most_shared_words(shared)

    def _said_by(self, statement: _Statement, speaker: int | None) -> bool:
        """Whether the statement has a quote by this speaker; asked of the database once per
        speaker and article, and only where a generic quote makes it matter."""
        if speaker is None:
            return False
        if speaker not in self._asked:
            self._asked.add(speaker)
            for sid in rows.marked(self.connection, speaker_mark(speaker), list(self.stored)):
                self.stored[sid].speakers.add(speaker)
        return speaker in statement.speakers or speaker in statement.added_speakers

    def _matches(self, unit: _Unit, candidate: _Statement) -> bool:
        # Whether they would be one statement in one speaker's mouth first: that is never
        # false where the answer for any two speakers is true, and most candidates fail it.
        if same_statement(unit.words, candidate.words, same_speaker=True) is None:
            return False
        if (unit.distinctive and is_distinctive(candidate.words)
                and same_statement(unit.words, candidate.words) is not None):
            return True
        return self._said_by(candidate, unit.speaker_id)

    def _place(self, unit: _Unit) -> _Statement:
        matches = [c for c in self._candidates(unit) if self._matches(unit, c)]
        if not unit.distinctive:
            return self._place_generic(unit, matches)
        if not matches:
            return self._create(unit)
        size = len(unit.words.words)
        contained = [c for c in matches if c.size <= size]
        containers = [c for c in matches if c.size > size]
        group = contained + containers[:1]
        # The one it shares most words with first: where the others cannot be merged with
        # it, that is the statement the quote is a copy of.
        best = max(group, key=lambda c: LCSseq.similarity(unit.words.words, c.words.words))
        # best's wordings are read once for all the statements it might take in (rarely any)
        mine = self._wordings(best) if len(group) > 1 else []
        group = [best] + [c for c in group if c is not best and self._can_merge(best, mine, c, unit)]
        target = min(group, key=lambda c: c.order)
        for other in group:
            if other is not target:
                self._merge(target, other)
        return target

    def _place_generic(self, unit: _Unit, matches: list[_Statement]) -> _Statement:
        if len(matches) == 1:
            return matches[0]
        if unit.phrase_key is not None:
            for sid in self.postings.get(unit.phrase_key, ()):
                if sid in self.stored:
                    return self.stored[sid].live()
            for statement in self.new:
                if unit.phrase_key in statement.added_keys:
                    return statement.live()
        return self._create(unit)

    def _can_merge(self, best: _Statement, mine: list[Wording], other: _Statement, unit: _Unit) -> bool:
        """Merging puts every quote of a statement into another, so no wording of either may
        conflict with the new quote or with the other's text, not only their longest: a
        piece shared by a quote and its look-alike may have been taken into the wrong one of
        the two, and a quote with a cut may agree with both."""
        theirs = self._wordings(other)
        if any(conflict(unit.words, words) or conflict(best.words, words) for words in theirs):
            return False
        return not any(conflict(other.words, words) for words in mine)

    def _wordings(self, statement: _Statement) -> list[Wording]:
        texts = {u.text for u in statement.placed} | {statement.text}
        if statement.id is not None:
            self.before_reading_quotes()
            texts.update(rows.wordings(self.connection, statement.id, MERGE_CHECK_WORDINGS))
        return [wording(text) for text in texts]

    def _create(self, unit: _Unit) -> _Statement:
        statement = _Statement(None, next(self._order), unit.text, len(unit.words.words), unit.distinctive)
        self.new.append(statement)
        return statement

    def _merge(self, target: _Statement, other: _Statement) -> None:
        if other.id is not None:
            self.before_reading_quotes()
            target.keys |= rows.merge(self.connection, target.id, other.id)
            target.merged = True
        target.speakers |= other.speakers
        target.added_keys |= other.added_keys
        target.added_speakers |= other.added_speakers
        target.placed += other.placed
        if other.size > target.size:
            target.text, target.size, target.grown = other.text, other.size, True
        if other.distinctive and not target.distinctive:
            target.distinctive, target.grown = True, True
        other.into = target

    def write(self, published: date | None) -> None:
        created = [s for s in self.new if s.into is None]
        ids = rows.insert_statements(self.connection, [
            rows.NewStatement(s.text, s.size, s.distinctive, _quotes(s)) for s in created
        ], published)
        for statement, sid in zip(created, ids):
            statement.id = sid
        touched = {id(s): s for s in (s.live() for s in self.home.values())}.values()
        for statement in touched:
            if statement.merged:
                self.before_reading_quotes()
                rows.recount(self.connection, statement.id)
        rows.grow(self.connection, [
            rows.GrownStatement(s.id, s.text, s.size, s.distinctive, _quotes(s))
            for s in touched if s.id in self.stored or s.merged
        ], published)
        rows.insert_keys(self.connection, [
            (key, s.id) for s in touched for key in self._keys_to_store(s)
        ])

    def _keys_to_store(self, statement: _Statement) -> set[int]:
        keys = statement.added_keys - statement.keys - self.grouper.hot_keys
        return keys | {speaker_mark(s) for s in statement.added_speakers - statement.speakers}


def _quotes(statement: _Statement) -> int:
    return sum(len(unit.positions) for unit in statement.placed)


def group_ungrouped(engine: Engine, grouper: StatementGrouper) -> int:
    """Give a statement to the quotes stored before statements existed (schema 0003), one
    article per transaction, oldest first; returns how many articles it grouped."""
    pending = select(QuoteRow.article_id).where(QuoteRow.statement_id.is_(None), QuoteRow.kind != INDIRECT)
    done, last = 0, 0
    while True:
        with Session(engine) as session, session.begin():
            # Past the last article done: a quote with no words at all ("…") keeps no statement.
            article_id = session.scalar(pending.where(QuoteRow.article_id > last)
                                        .order_by(QuoteRow.article_id).limit(1))
            if article_id is None:
                return done
            text, published = session.execute(select(ArticleRow.text, ArticleRow.published)
                                               .where(ArticleRow.id == article_id)).one()
            # Only its quotes with no statement: the others (beside a wordless one) are counted.
            stored = session.execute(select(QuoteRow.id, QuoteRow.text, QuoteRow.kind, QuoteRow.speaker_id,
                                            QuoteRow.start, QuoteRow.end)
                                     .where(QuoteRow.article_id == article_id, QuoteRow.statement_id.is_(None))
                                     .order_by(QuoteRow.start)).all()
            placed = grouper.assign(session, [QuoteWords(*row[1:]) for row in stored], text, published)
            for (quote_id, *_), sid in zip(stored, placed):
                session.execute(update(QuoteRow).where(QuoteRow.id == quote_id).values(statement_id=sid))
            last = article_id
            done += 1
