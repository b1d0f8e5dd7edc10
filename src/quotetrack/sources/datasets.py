"""News datasets as JSON Lines or CSV: one article per line (JSONL) or row (CSV), read as
a stream so a file of any size needs little memory.

Which field holds what is given with ``DatasetFields`` (``--text-field`` and friends,
dotted for nested JSON: ``article.body``); without it the common names below are tried.
Each article is found again as ``<file>#line=<n>``, the line its record starts on.
A bad record is one failure; the rest of the file is still read."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from ..article import Article
from .charset import detect_encoding
from .errors import SourceError
from .raw import HEAD_BYTES, MAX_DOCUMENT_BYTES, Input, megabytes
from .text import paragraphs, parse_date

# Field names tried in order when none is given, from the shapes news datasets come in:
# news-please (maintext, date_publish, source_domain, authors), CC-News on the Hugging Face
# hub (text, title, date, url, domain), NewsAPI (content, publishedAt, source.name), and
# the plain names people use in their own dumps.
DEFAULT_NAMES = {
    "text": ("text", "maintext", "content", "body", "article", "full_text", "story"),
    "title": ("title", "headline"),
    "date": ("date", "published", "date_publish", "publishedAt", "published_at", "publish_date", "pubdate"),
    "url": ("url", "link"),
    "outlet": ("outlet", "source_domain", "domain", "source", "site_name", "publisher"),
    "author": ("author", "authors", "byline"),
}
# Epoch numbers above this are milliseconds, not seconds (1e11 s is the year 5138).
_EPOCH_MILLISECONDS = 10**11


@dataclass(frozen=True)
class DatasetFields:
    """Field (JSONL) or column (CSV) names chosen by the user; None means try the defaults."""

    text: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None

    def chosen(self, role: str) -> str | None:
        return getattr(self, role, None)


def _lookup(record: Mapping, name: str) -> Any:
    if name in record:
        return record[name]
    value: Any = record
    for part in name.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _as_text(value: Any, joiner: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        parts = [_as_text(item, joiner) for item in value]
        return joiner.join(p for p in parts if p) or None
    if isinstance(value, Mapping):
        # NewsAPI and others nest the outlet: {"source": {"id": "bbc", "name": "BBC News"}}
        return _as_text(value.get("name") or value.get("title"), joiner)
    if isinstance(value, bool):
        return None
    return str(value)


def _as_date(value: Any, field: str, locator: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > _EPOCH_MILLISECONDS else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).date()
        except (OverflowError, OSError, ValueError):
            raise SourceError(locator, f"{field} {value!r} is not a date") from None
    found = parse_date(str(value))
    if found is None:
        raise SourceError(locator, f"{field} {str(value)[:40]!r} is not a date (use ISO 8601, e.g. 2025-07-04)")
    return found


def _record_article(get: Callable[[str], Any], names: dict[str, str | None], locator: str) -> Article:
    text_name = names["text"]
    raw_text = get(text_name) if text_name else None
    text = paragraphs(_as_text(raw_text, "\n\n") or "")
    if not text:
        if text_name is None:
            raise SourceError(locator, f"no text field (tried {', '.join(DEFAULT_NAMES['text'])}); "
                                       "name it with --text-field")
        raise SourceError(locator, f"no text in field {text_name!r}")

    def field(role: str) -> Any:
        return get(names[role]) if names[role] else None

    return Article(
        source=locator,
        text=text,
        title=_as_text(field("title"), " "),
        published=_as_date(field("date"), names["date"] or "date", locator),
        outlet=_as_text(field("outlet"), ", "),
        url=_as_text(field("url"), " "),
        author=_as_text(field("author"), ", "),
    )


def _stream_encoding(source: Input) -> str:
    encoding = detect_encoding(source.head, source.name, complete=len(source.head) < HEAD_BYTES)
    if encoding in ("utf-16", "utf-32"):
        raise SourceError(source.name, f"{encoding.upper()} datasets are not supported; convert the file to "
                                       f"UTF-8 (iconv -f {encoding.upper()} -t UTF-8)")
    return "utf-8-sig" if encoding == "utf-8" else encoding


def _lines(source: Input) -> Iterator[tuple[int, bytes | None]]:
    """Numbered raw lines; None for a line too long to be one record, which is skipped
    without being held in memory."""
    number = 0
    while True:
        line = source.stream.readline(MAX_DOCUMENT_BYTES + 1)
        if not line or (source.failure is not None and not line.endswith(b"\n")):
            # The end, or the start of a line that broken gzip data cut off (reported
            # for the whole file once the reader is done).
            return
        number += 1
        if len(line) <= MAX_DOCUMENT_BYTES:
            yield number, line
            continue
        while line and not line.endswith(b"\n"):
            line = source.stream.readline(MAX_DOCUMENT_BYTES)
        yield number, None


def _too_long() -> str:
    return f"a line longer than {megabytes(MAX_DOCUMENT_BYTES)}"


# --- JSON Lines ---------------------------------------------------------------------------

def read_jsonl(source: Input, fields: DatasetFields) -> Iterator[Article | SourceError]:
    encoding = _stream_encoding(source)
    read_any = False
    # A first record that is not JSON is judged by the second: if that is not JSON either,
    # the file is not JSON Lines at all (pretty-printed JSON, say) and fails as a whole.
    first_failure: tuple[bytes, json.JSONDecodeError, SourceError] | None = None
    for number, raw in _lines(source):
        locator = source.locator(f"line={number}")
        if raw is None:
            yield SourceError(locator, _too_long())
            continue
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode(encoding))
        except UnicodeDecodeError as error:
            yield SourceError(locator, f"not {encoding} text (byte {error.start}); the file mixes encodings")
            continue
        except json.JSONDecodeError as error:
            failure = SourceError(locator, f"not valid JSON ({error.msg} at column {error.colno})")
            if read_any:
                yield failure
            elif first_failure is None and not raw.lstrip().startswith(b"["):
                first_failure = (raw, error, failure)
            else:
                first_raw, first_error, _ = first_failure or (raw, error, failure)
                raise _not_json_lines(source.name, first_raw, first_error) from None
            continue
        if not read_any and first_failure is not None:
            yield first_failure[2]
        read_any = True
        if not isinstance(record, dict):
            yield SourceError(locator, f"a JSON {type(record).__name__}, not an object")
            continue
        names = {role: fields.chosen(role) or _first_present(record, role) for role in DEFAULT_NAMES}
        try:
            yield _record_article(lambda name, r=record: _lookup(r, name), names, locator)
        except SourceError as error:
            yield error
    if not read_any and first_failure is not None:
        yield first_failure[2]


def _first_present(record: Mapping, role: str) -> str | None:
    for name in DEFAULT_NAMES[role]:
        if record.get(name) not in (None, "", []):
            return name
    return None


def _not_json_lines(name: str, first: bytes, error: json.JSONDecodeError) -> SourceError:
    if first.lstrip(b"\xef\xbb\xbf \t").startswith(b"["):
        return SourceError(name, "a JSON array, not JSON Lines (one object per line); "
                                 f"convert it with: jq -c '.[]' {name} > articles.jsonl")
    return SourceError(name, f"not JSON Lines: the first record is not JSON ({error.msg} at column {error.colno})")


# --- CSV ----------------------------------------------------------------------------------

# Delimiters a header line is checked for, most common first.
_DELIMITERS = (",", ";", "\t", "|")


def read_csv(source: Input, fields: DatasetFields) -> Iterator[Article | SourceError]:
    # Article texts are long; csv's default 128 KB field limit would reject real ones.
    csv.field_size_limit(MAX_DOCUMENT_BYTES)
    encoding = _stream_encoding(source)
    decoded = _decoded_lines(source, encoding)
    first = next(decoded, None)
    if first is None:
        raise SourceError(source.name, "empty file")
    delimiter = max(_DELIMITERS, key=first.count)
    reader = csv.reader(_prepend(first, decoded), delimiter=delimiter)
    header = [cell.strip() for cell in next(reader)]
    names = _columns(header, fields, source.name)
    start = reader.line_num + 1
    while True:
        locator = source.locator(f"line={start}")
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise SourceError(locator, f"malformed CSV ({error}); stopped reading the file here") from None
        start = reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        record = dict(zip(header, row, strict=False))  # a short row lacks its last cells
        if names["text"] not in record:
            yield SourceError(locator, f"the row has {len(row)} of the {len(header)} columns and no "
                                       f"{names['text']!r}")
            continue
        try:
            yield _record_article(lambda name, r=record: r.get(name), names, locator)
        except SourceError as error:
            yield error


def _decoded_lines(source: Input, encoding: str) -> Iterator[str]:
    for number, raw in _lines(source):
        if raw is None:
            # A quoted CSV field may span lines, so nothing after a skipped line can be trusted.
            raise SourceError(source.locator(f"line={number}"), f"{_too_long()}; stopped reading the file here")
        try:
            yield raw.decode(encoding)
        except UnicodeDecodeError as error:
            raise SourceError(source.locator(f"line={number}"), f"not {encoding} text (byte {error.start}); "
                                                              "stopped reading the file here") from None


def _prepend(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _columns(header: list[str], fields: DatasetFields, name: str) -> dict[str, str | None]:
    """Which column plays which role; ``SourceError`` when there is no text column or a
    named column does not exist."""
    present = set(header)
    names: dict[str, str | None] = {}
    for role, defaults in DEFAULT_NAMES.items():
        chosen = fields.chosen(role)
        if chosen is not None and chosen not in present:
            raise SourceError(name, f"no column {chosen!r} (given with --{role}-field); "
                                    f"the columns are: {', '.join(header)}")
        names[role] = chosen or next((d for d in defaults if d in present), None)
    if names["text"] is None:
        raise SourceError(name, f"no text column (tried {', '.join(DEFAULT_NAMES['text'])}); "
                                f"the columns are: {', '.join(header)}; name one with --text-field")
    return names
