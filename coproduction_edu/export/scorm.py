"""A unit as a SCORM 1.2 package that Moodle, Blackboard and Canvas import as it is.

The package holds ``imsmanifest.xml`` and ``index.html``, the unit's page as one
self-contained file (:mod:`.standalone`), so it works offline inside the platform. Tracking is
chosen at export:

- ``none`` (the default): the page never talks to the platform, so nothing is recorded;
- ``completion``: incomplete when opened, completed once every activity has had a first try;
- ``score``: completion, and the mean best try of the activities that can be marked, 0 to 100.

Only the status and the score are ever sent; nothing a student types leaves the browser.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .standalone import standalone_html, static_text, unit_page

TRACKING = ("none", "completion", "score")
FIXED_TIME = (2026, 1, 1, 0, 0, 0)  # the same unit exports to the same bytes
MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier={identifier} version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd
    http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd
    http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="book">
    <organization identifier="book">
      <title>{title}</title>
      <item identifier="unit" identifierref="page" isvisible="true">
        <title>{title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="page" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>
"""


class ExportError(Exception):
    """What stops an export, in one line for the person who ran it."""


def package_page(html_dir: Path, unit: str, tracking: str = "none") -> str:
    """The package's ``index.html``: the unit as one file, with the bridge if tracking."""
    if tracking not in TRACKING:
        raise ExportError(f"tracking must be one of {', '.join(TRACKING)}, not {tracking!r}")
    body = ""
    if tracking != "none":
        bridge = static_text("scorm-bridge.js")
        body = f'<script data-cpe-tracking="{tracking}">\n{bridge}</script>\n'
    return standalone_html(html_dir, unit, extra_body=body)


def manifest(unit: str, title: str) -> str:
    return MANIFEST.format(identifier=quoteattr(f"coproduction-edu-{unit}"), title=escape(title))


def write_package(html_dir: Path, unit: str, out: Path, tracking: str = "none") -> Path:
    """Write ``out/NN-slug.zip`` for ``unit`` from the built book; return its path."""
    page = package_page(html_dir, unit, tracking)
    title = _title(html_dir, unit)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{unit}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in (("imsmanifest.xml", manifest(unit, title)), ("index.html", page)):
            package.writestr(zipfile.ZipInfo(name, FIXED_TIME), text.encode("utf-8"),
                             compress_type=zipfile.ZIP_DEFLATED)
    return target


def _title(html_dir: Path, unit: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(unit_page(html_dir, unit).read_text(encoding="utf-8"), "html.parser")
    heading = soup.select_one("article.bd-article h1")
    return " ".join(heading.get_text(" ").replace("#", "").split()) if heading else unit
