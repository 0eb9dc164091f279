"""One unit as one self-contained HTML file, made from its page in the built book.

The page's article is kept whole: the header, the teaching text, the figures (inlined as data
URIs), the activities with their runtime, and the unit's own references. Links within the page
still work; links to other pages of the book become their text, since the file stands alone;
links to http(s) and mailto addresses stay. Nothing in the file asks for anything from a
server, so it works offline, from an email attachment or inside a learning platform's package.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from bs4 import BeautifulSoup, SoupStrainer, Tag

STYLESHEETS = ("coproduction.css", "standalone.css")
EXTERNAL = re.compile(r"^(https?:|mailto:)", re.I)
HTML_LANG = re.compile(r"<html\b[^>]*?\blang=\"([^\"]*)\"", re.I)
MEDIA_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
               ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp"}


class StandaloneError(Exception):
    """The built page is missing or is not a unit page, in one line."""


def unit_page(html_dir: Path, unit: str) -> Path:
    page = html_dir / "book" / "units" / unit / "index.html"
    if not page.is_file():
        raise StandaloneError(f"no built page for {unit} in {html_dir}; build the book first "
                              "(make book)")
    return page


def standalone_html(html_dir: Path, unit: str, extra_head: str = "", extra_body: str = "",
                    before_main: str = "",
                    transform: Callable[[Tag], None] | None = None) -> str:
    """The unit's page as one file.

    ``extra_head``, ``before_main`` and ``extra_body`` are trusted markup the caller adds (a
    script of its own, say); ``transform`` may change the article before it is written out.
    """
    page = unit_page(html_dir, unit)
    text = page.read_text(encoding="utf-8")
    # Only the title and the article become a tree: the rest of the page is left unparsed.
    soup = BeautifulSoup(text, "html.parser", parse_only=SoupStrainer(["title", "article"]))
    article = soup.find("article", class_="bd-article")
    if article is None:
        raise StandaloneError(f"{page} has no article; is it a page of this book?")
    for junk in article.find_all(class_=["headerlink", "cpe-lite-link"]):
        junk.decompose()
    for image in article.find_all("img", src=True):
        image["src"] = _data_uri(page.parent, image["src"])
    for link in article.find_all("a", href=True):
        href = link["href"]
        if href.startswith("#") or EXTERNAL.match(href):
            if EXTERNAL.match(href):
                link["rel"] = "noopener noreferrer"
            continue
        link.unwrap()
    for table in article.find_all("table"):  # a wide table scrolls, by keyboard too
        caption = table.find("caption")
        name = " ".join(caption.get_text(" ").split()) if caption else "Table"
        table.wrap(soup.new_tag("div", attrs={"class": "cpe-table-scroll", "tabindex": "0",
                                              "role": "region", "aria-label": name}))
    if transform is not None:
        transform(article)
    title = soup.title.get_text() if soup.title else unit
    styles = "\n".join(static_text(name) for name in STYLESHEETS)
    found_lang = HTML_LANG.search(text)
    lang = found_lang.group(1) if found_lang else "en"
    return (f'<!doctype html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>\n{styles}\n</style>\n{extra_head}"
            f'</head>\n<body>\n{before_main}<main class="cpe-standalone">\n'
            f"{article.decode_contents()}\n"
            f"</main>\n{extra_body}</body>\n</html>\n")


def static_text(name: str) -> str:
    """A file of the package's ``static`` folder, as text."""
    return resources.files("coproduction_edu").joinpath("static", name).read_text(
        encoding="utf-8")


def _data_uri(folder: Path, src: str) -> str:
    """An image the page links to, inside the file; a source outside the book is dropped."""
    if EXTERNAL.match(src) or src.startswith("data:"):
        return src if src.startswith("data:") else ""
    path = (folder / src.split("?")[0]).resolve()
    media = MEDIA_TYPES.get(path.suffix.lower())
    if media is None or not path.is_file():
        return ""
    return f"data:{media};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
