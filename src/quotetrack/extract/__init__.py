"""From an ``Article`` to its quotes: span detection, attribution, in-article resolution.

Pure functions over values: no database, no network, no global state beyond cached
word lists. ``extract`` never raises on any text.
"""

from __future__ import annotations

from dataclasses import replace

from ..article import INDIRECT, Article, Extraction, Quote
from ..speakers.resolve import resolve_in_article
from .annotate import Annotation, RuleAnnotator
from .attribution import Attribution, attribute_quotes
from .claims import find_claims
from .entities import named_mentions, with_entity_label
from .quotes import QuoteSpan, find_quote_spans
from .scare import is_scare_quote

__all__ = ["extract", "find_quote_spans", "QuoteSpan"]


def extract(article: Article, annotation: Annotation | None = None, claims: bool = True) -> Extraction:
    """All quotes (and, with ``claims``, reported-speech claims) of one article.

    ``annotation`` is the article's linguistic annotation from an engine (see ``engines``);
    the rules build one when it is None.
    """
    text = article.text
    annotation = annotation or RuleAnnotator(text)
    spans = find_quote_spans(text)
    quoted = [(s.open_at, s.close_at + 1) for s in spans]
    names = annotation.names()
    named = named_mentions(text, names, quoted)
    attributions = attribute_quotes(text, spans, annotation, named)
    kept = [(s, a) for s, a in zip(spans, attributions) if not is_scare_quote(text, s, a)]
    found: list[tuple[int, int, str, Attribution]] = [(s.start, s.end, a.kind, a) for s, a in kept]
    if claims:
        found.extend((c.start, c.end, INDIRECT, c.attribution) for c in find_claims(text, annotation, quoted))
        found.sort(key=lambda item: item[0])
    entities = [n for n in names if n.label]
    if entities:
        found = [(start, end, kind, replace(a, mention=with_entity_label(a.mention, entities)))
                 for start, end, kind, a in found]
    speakers = resolve_in_article(text, [a.mention for *_, a in found], named)
    quotes = tuple(
        Quote(
            text=text[start:end],
            start=start,
            end=end,
            kind=kind,
            speaker=speaker,
            speaker_as_written=attribution.mention.written if attribution.mention else None,
            cue=attribution.cue,
            rule=attribution.rule,
            confidence=attribution.confidence if speaker is not None else 0.0,
        )
        for (start, end, kind, attribution), speaker in zip(found, speakers)
    )
    return Extraction(article, quotes)
