"""http(s) URLs, against a server on 127.0.0.1 started by the tests."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler

import pytest
from source_samples import FERRY, HARBOUR, LIBRARY, QuietServer, html_page, rss_feed

from quotetrack.sources import Article, ReadOptions, SourceError, read_input
from quotetrack.sources.web import USER_AGENT

PAGES = {
    "/harbour": ("text/html; charset=utf-8", html_page(HARBOUR).encode()),
    "/ferry-1252": ("text/html; charset=windows-1252",
                    html_page(FERRY, charset="windows-1252").encode("cp1252")),
    "/feed": ("application/rss+xml", rss_feed([{"title": s.title, "guid": s.slug, "description": s.text}
                                               for s in (FERRY, LIBRARY)]).encode()),
    "/story.txt": ("text/plain; charset=utf-8", f"title: {LIBRARY.title}\n\n{LIBRARY.text}\n".encode()),
}


class Handler(BaseHTTPRequestHandler):
    user_agents: list[str] = []

    def do_GET(self):  # noqa: N802 -- the name http.server calls
        Handler.user_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/trickle":
            # Headers at once, then a byte at a time: each read is quick, the whole is not.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.05)
            return
        if self.path not in PAGES:
            self.send_error(404, "Not Found")
            return
        content_type, body = PAGES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    # A proxy set for the machine must not stand between the tests and 127.0.0.1.
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


def test_a_page_by_url_with_its_url_kept_and_an_honest_user_agent(server):
    (article,) = read_input(f"{server}/harbour")
    assert isinstance(article, Article)
    assert (article.text, article.title) == (HARBOUR.text, HARBOUR.title)
    assert article.source == article.url == f"{server}/harbour"
    assert Handler.user_agents[-1] == USER_AGENT
    assert USER_AGENT.startswith("quotetrack/")


def test_the_charset_in_the_http_header_is_used(server):
    (article,) = read_input(f"{server}/ferry-1252")
    assert "“We have enough bread and milk" in article.text


def test_a_feed_and_a_text_file_by_url(server):
    ferry, library = read_input(f"{server}/feed")
    assert ferry.source == f"{server}/feed#entry=ferry"
    assert library.text == LIBRARY.text
    (story,) = read_input(f"{server}/story.txt")
    assert (story.title, story.text) == (LIBRARY.title, LIBRARY.text)


def test_404_is_one_clear_failure(server):
    (failure,) = read_input(f"{server}/missing")
    assert isinstance(failure, SourceError)
    assert (failure.source, failure.reason) == (f"{server}/missing", "HTTP 404 Not Found")


@pytest.mark.parametrize("path", ["/slow", "/trickle"])
def test_a_server_too_slow_answering_times_out(server, path):
    started = time.monotonic()
    (failure,) = read_input(f"{server}{path}", ReadOptions(timeout=0.5))
    assert time.monotonic() - started < 2
    assert isinstance(failure, SourceError)
    assert failure.reason.startswith("timed out: no complete answer within 0.5 s")


def test_nothing_listening_is_one_clear_failure():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (failure,) = read_input(f"http://127.0.0.1:{port}/x", ReadOptions(timeout=2))
    assert failure.reason.startswith("cannot connect (")


def test_urls_through_ingest_the_run_goes_on_past_failures(cli, server):
    result = cli("ingest", f"{server}/harbour", f"{server}/missing", f"{server}/slow", f"{server}/feed",
                 "--timeout", "0.5", "--json")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert (summary["articles_new"], summary["articles_failed"]) == (3, 2)
    errors = result.stderr.strip().splitlines()
    assert errors == [f"error: {server}/missing: HTTP 404 Not Found",
                      f"error: {server}/slow: timed out: no complete answer within 0.5 s (see --timeout)"]
    shown = cli("show", f"{server}/harbour")
    assert HARBOUR.title in shown.stdout
