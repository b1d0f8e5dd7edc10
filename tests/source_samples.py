"""Inputs for the reader tests, written for them: short news stories with quotes, and
builders that wrap them as web pages, feeds, datasets and web archives."""

from __future__ import annotations

import io
from dataclasses import dataclass
from html import escape
from http.server import ThreadingHTTPServer

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    date: str
    author: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


HARBOUR = Story(
    "harbour", "Harbour plan approved after a long night", "2025-03-14", "Mara Quinlan", (
        "Councillors in Port Elwyn voted nine to four in favour of the harbour redevelopment shortly before "
        "two in the morning, ending a debate that had run for more than seven hours.",
        "“This is the most important decision this council has taken in a generation,” said the council "
        "leader, Brenna Tolland. “We owe it to the fishing families to get it right.”",
        "Opponents said the plan would price local people out of the seafront. “Nobody asked the people who "
        "actually live here,” said Owen Hargreave, who runs a chandlery on the quay.",
        "The scheme now goes to the regional planning board, which is expected to rule before the summer.",
    ))

FERRY = Story(
    "ferry", "Island ferry cancelled for a third day", "2025-03-16", "Tomas Reyes", (
        "Residents of Inishcarra were cut off for a third day on Sunday after storms forced the cancellation "
        "of every crossing to the mainland.",
        "“We have enough bread and milk for the week, but the medicines are the worry,” said Aoife Brannigan, "
        "who chairs the island's community council.",
        "The operator said crossings would resume once the swell dropped below three metres. “Safety comes "
        "first, and the sea is simply too rough,” a spokesman for Westward Ferries said.",
    ))

LIBRARY = Story(
    "library", "Library to open on Sundays after petition", "2025-04-02", "Priya Nandakumar", (
        "The central library in Dunmore will open on Sunday afternoons from May after a petition gathered "
        "more than four thousand signatures in a month.",
        "“Students told us again and again that they had nowhere quiet to work at weekends,” said the head "
        "librarian, Colm Furey. “We listened.”",
        "The extra hours will be paid for by the town's culture fund, the council confirmed.",
    ))

STORIES = (HARBOUR, FERRY, LIBRARY)


# Names for the many small stories; combined, they give each story its own speaker.
GIVEN_NAMES = ("Nadia", "Ruairi", "Helga", "Tomasz", "Ines", "Kwame", "Solveig", "Dario", "Mei", "Oskar",
               "Leila", "Fergus", "Anouk", "Bram", "Carys", "Dmitri", "Elif", "Gideon", "Hanne", "Idris")
FAMILY_NAMES = ("Okafor", "Lindqvist", "Moreau", "Brennan", "Castellano", "Haddad", "Kowalczyk", "Nakamura",
                "Osei", "Pereira", "Quigley", "Rasmussen", "Sorensen", "Tamura", "Underwood", "Vasquez",
                "Whitlock", "Yilmaz", "Zielinski", "Abernethy")


def numbered_story(number: int) -> Story:
    """One of many distinct small stories, each with two quotes from a named treasurer."""
    name = f"{GIVEN_NAMES[number % 20]} {FAMILY_NAMES[number // 20 % 20]}"
    return Story(
        f"briefing-{number}", f"Budget briefing number {number}", "2025-05-01", "Desk", (
            f"Officials in district {number} presented the annual budget to the council on Monday.",
            f"“We have balanced the books for district {number} again,” said {name}, the district treasurer. "
            f"“Nobody will see a rise in fees this year.”",
        ))


# --- web pages ---------------------------------------------------------------------------

def html_page(story: Story, site: str = "The Coastal Herald", charset: str = "utf-8") -> str:
    """A news page the way sites serve them: menus, an advert, a captioned photo, related
    links and a footer around the story."""
    first, *rest = [f"<p>{escape(p, quote=False)}</p>" for p in story.paragraphs]
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="{charset}">
<title>{escape(story.title)} | {escape(site)}</title>
<meta property="og:site_name" content="{escape(site)}">
<meta property="og:title" content="{escape(story.title)}">
<meta name="author" content="{escape(story.author)}">
<meta property="article:published_time" content="{story.date}T08:15:00Z">
</head>
<body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<div class="advert">Subscribe today for one euro a week and never miss a story!</div>
<main><article>
<h1>{escape(story.title)}</h1>
<p class="byline">By {escape(story.author)}</p>
{first}
<figure><img src="/photo.jpg" alt="">
<figcaption>Gulls over the breakwater at dusk. Photograph: Agency</figcaption></figure>
{chr(10).join(rest)}
</article></main>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Lifeboat volunteers honoured at county awards</a></li>
<li><a href="/b">New timetable for the coastal bus route</a></li></ul></aside>
<footer>© {escape(site)}. All rights reserved. Cookie settings. Contact us.</footer>
</body>
</html>
"""


# --- feeds --------------------------------------------------------------------------------

def rss_feed(entries: list[dict], title: str = "Coastal Herald: News") -> str:
    """RSS 2.0. Each entry dict may hold title, link, guid, date (RFC 2822), author,
    description and content (full HTML, in content:encoded)."""
    items = []
    for entry in entries:
        parts = [f"<title>{escape(entry['title'])}</title>"] if "title" in entry else []
        for key, tag in (("link", "link"), ("guid", "guid"), ("date", "pubDate"), ("author", "dc:creator")):
            if key in entry:
                parts.append(f"<{tag}>{escape(entry[key])}</{tag}>")
        if "description" in entry:
            parts.append(f"<description>{escape(entry['description'])}</description>")
        if "content" in entry:
            parts.append(f"<content:encoded><![CDATA[{entry['content']}]]></content:encoded>")
        items.append("<item>" + "".join(parts) + "</item>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>{escape(title)}</title><link>https://herald.example/</link>"
            "<description>News from the coast</description>\n" + "\n".join(items) + "\n</channel></rss>\n")


def atom_feed(entries: list[dict], title: str = "Island Times") -> str:
    """Atom 1.0. Each entry dict holds id, title, link, updated (ISO), author and
    content (HTML) or summary (text)."""
    items = []
    for entry in entries:
        parts = [f"<id>{escape(entry['id'])}</id>", f"<title>{escape(entry['title'])}</title>",
                 f'<link rel="alternate" href="{escape(entry["link"])}"/>', f"<updated>{entry['updated']}</updated>"]
        if "author" in entry:
            parts.append(f"<author><name>{escape(entry['author'])}</name></author>")
        if "content" in entry:
            parts.append(f'<content type="html">{escape(entry["content"])}</content>')
        if "summary" in entry:
            parts.append(f'<summary type="text">{escape(entry["summary"])}</summary>')
        items.append("<entry>" + "".join(parts) + "</entry>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(title)}</title><id>urn:example:island-times</id><updated>2025-03-16T10:00:00Z</updated>\n"
            + "\n".join(items) + "\n</feed>\n")


def story_html(story: Story) -> str:
    return "".join(f"<p>{escape(p, quote=False)}</p>" for p in story.paragraphs)


# --- web archives -------------------------------------------------------------------------

@dataclass(frozen=True)
class Record:
    """One WARC record to write: a response with a body, or a request."""

    url: str
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    kind: str = "response"
    date: str = "2025-03-20T06:00:00Z"


def warc_bytes(records: list[Record], compress: bool = True) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for record in records:
        if record.kind == "request":
            headers = StatusAndHeaders(f"GET {record.url} HTTP/1.1", [("Host", "herald.example")],
                                       is_http_request=True)
            warc_record = writer.create_warc_record(record.url, "request", http_headers=headers,
                                                    warc_headers_dict={"WARC-Date": record.date})
        else:
            headers = StatusAndHeaders(record.status, [("Content-Type", record.content_type)], protocol="HTTP/1.1")
            warc_record = writer.create_warc_record(record.url, "response", payload=io.BytesIO(record.body),
                                                    http_headers=headers,
                                                    warc_headers_dict={"WARC-Date": record.date})
        writer.write_record(warc_record)
    return buffer.getvalue()


class QuietServer(ThreadingHTTPServer):
    """A loopback HTTP server for the URL tests that keeps its threads and errors to itself
    (a client that gave up on a slow answer is what the timeout tests want)."""

    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address):
        pass
