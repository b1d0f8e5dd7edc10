"""Text encodings: UTF-8 when it is UTF-8, the declared charset when one is declared and
fits, otherwise charset-normalizer's best guess; and a clear failure when nothing fits,
rather than text full of replacement characters."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .errors import SourceError

# Byte-order marks, longest first: UTF-32 LE begins with the UTF-16 LE mark.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# How much charset-normalizer looks at; enough for a stable guess on news text.
_GUESS_BYTES = 64 * 1024


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _fits(data: bytes, encoding: str, complete: bool) -> bool:
    try:
        codecs.getincrementaldecoder(encoding)().decode(data, final=complete)
    except (LookupError, UnicodeDecodeError):
        return False
    return True


def unrecognised(source: str) -> SourceError:
    return SourceError(source, "text encoding not recognised (not UTF-8, and no other charset fits); "
                               "convert it to UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8")


def detect_encoding(data: bytes, source: str, declared: str | None = None, complete: bool = True) -> str:
    """The encoding to decode ``data`` with. ``complete`` is False when ``data`` is only the
    start of a stream, which may end in the middle of a character."""
    found = bom_encoding(data)
    if found:
        return found
    if declared and _fits(data, declared, complete):
        return declared
    if _fits(data, "utf-8", complete):
        return "utf-8"
    return _guess(data[:_GUESS_BYTES], source)


def _guess(data: bytes, source: str) -> str:
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise unrecognised(source)
    # Short Western European text fits windows-1250 and windows-1252 equally well, and
    # charset-normalizer then picks 1250, turning "à" into "ŕ". 1252 is by far the more
    # common on the web (W3Techs character-encoding survey), so it wins a tie.
    tied = {m.encoding for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)}
    return "cp1252" if "cp1252" in tied else best.encoding


def decode(data: bytes, source: str, declared: str | None = None) -> str:
    """The text of a whole document; ``SourceError`` when no encoding fits."""
    encoding = detect_encoding(data, source, declared)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        # The guess was made on the start of the document and fails further on.
        raise SourceError(source, f"not {encoding} text after all (byte {error.start}); "
                                  "convert it to UTF-8 first") from None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_in_markup(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first bytes, if any."""
    head = data[:4096]
    match = _META_CHARSET.search(head) or re.search(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", head)
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return _WEB_ALIASES.get(name, name)


# Pages that say latin-1 or ascii are read as windows-1252, as every browser does
# (WHATWG Encoding Standard, "Legacy single-byte encodings"): curly quotes in such pages
# are cp1252 bytes.
_WEB_ALIASES = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}
