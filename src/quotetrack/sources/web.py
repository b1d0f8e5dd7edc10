"""Articles and feeds named by an http(s) URL: fetched once, with a timeout on the whole
download and a User-Agent that says what is asking, then read like a saved file.

Proxies set in the environment (``https_proxy``, ``no_proxy``) are honoured."""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from importlib.metadata import PackageNotFoundError, version

from .errors import SourceError
from .raw import MAX_DOCUMENT_BYTES, Input, body_input, too_large


def _version() -> str:
    try:
        return version("quotetrack")
    except PackageNotFoundError:
        return "0"


USER_AGENT = f"quotetrack/{_version()} (+https://github.com/quotetrack/quotetrack)"
DEFAULT_TIMEOUT = 30.0
ACCEPT = ("text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
          "application/xml;q=0.9, */*;q=0.5")
_CHUNK = 64 * 1024


def is_url(name: str) -> bool:
    return name.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Response:
    url: str
    body: bytes
    content_type: str | None
    charset: str | None


def fetch(url: str, timeout: float = DEFAULT_TIMEOUT) -> Response:
    """The body of ``url``; ``SourceError`` for an HTTP error, a timeout, or no connection."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 -- http(s) only, see is_url
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > MAX_DOCUMENT_BYTES:
                raise too_large(url, int(declared))
            chunks: list[bytes] = []
            received = 0
            # read1 returns what arrived; read() would wait for a whole chunk, past the deadline.
            while chunk := response.read1(_CHUNK):
                received += len(chunk)
                if received > MAX_DOCUMENT_BYTES:
                    raise too_large(url, None)
                if time.monotonic() > deadline:
                    raise _timed_out(url, timeout)
                chunks.append(chunk)
            headers: Message = response.headers
            return Response(response.geturl(), b"".join(chunks), headers.get_content_type() if
                            headers.get("Content-Type") else None, headers.get_content_charset())
    except urllib.error.HTTPError as error:
        raise SourceError(url, f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise _timed_out(url, timeout) from None
        raise SourceError(url, f"cannot connect ({_reason(error.reason)})") from None
    except TimeoutError:
        raise _timed_out(url, timeout) from None
    except (http.client.HTTPException, ConnectionError) as error:
        raise SourceError(url, f"the connection failed ({error.__class__.__name__}: {error})") from None


def _timed_out(url: str, timeout: float) -> SourceError:
    return SourceError(url, f"timed out: no complete answer within {timeout:g} s (see --timeout)")


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason)


def open_url(url: str, timeout: float = DEFAULT_TIMEOUT) -> Input:
    response = fetch(url, timeout)
    return body_input(url, response.body, url=response.url, charset=response.charset,
                      content_type=response.content_type)

