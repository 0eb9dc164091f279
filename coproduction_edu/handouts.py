"""Handouts: for each unit, a student PDF and an educator PDF, printed from the built book by
headless Chromium with the book's own print styles.

- The student handout has the unit's title, header (learning outcomes and the rest), every
  section whose heading names a case, the activities as worksheets, the discussion prompts,
  the key points and the unit's references. No answers.
- The educator handout has the same with every activity's *Answers and reasons* printed, then
  the unit's facilitator page.

Run ``make handouts`` (it builds the book first) or ``python -m coproduction_edu.handouts
[--html _build/html] [--out _build/handouts] [NN-slug ...]``. Needs Chromium and Playwright.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .browser import CHROMIUM_ARGS, find_chromium, print_pdf, serve

KINDS = ("student", "educator")
# Run in the loaded unit page: keep the handout's parts, in order; for educators, open the
# answers and add the facilitator page's content (passed in as HTML, parsed inert).
SHAPE = """([kind, notes]) => {
  const top = document.querySelector("article.bd-article > section");
  const sections = [...top.children].filter((el) => el.tagName === "SECTION");
  const heading = (s) => (s.querySelector(":scope > h2") || {}).textContent || "";
  const isCase = (s) => /\\bcase\\b/i.test(heading(s));
  const closing = ["discussion", "key-points", "references"];
  const activities = sections.filter((s) => !isCase(s) && !closing.includes(s.id))
    .flatMap((s) => [...s.querySelectorAll(".cpe")]);
  // The activities' shared styles sit in the page once, maybe in a section that goes.
  top.querySelectorAll("style").forEach((style) => document.head.append(style));
  sections.forEach((s) => s.remove());
  document.querySelectorAll("#jb-print-toc").forEach((toc) => toc.remove());
  sections.filter(isCase).forEach((s) => top.append(s));
  if (activities.length) {
    const part = document.createElement("section");
    part.id = "handout-activities";
    part.append(Object.assign(document.createElement("h2"), { textContent: "Activities" }));
    activities.forEach((a) => part.append(a));
    top.append(part);
  }
  closing.forEach((id) => sections.filter((s) => s.id === id).forEach((s) => top.append(s)));
  const about = document.createElement("p");
  about.className = "cpe-handout-about";
  about.textContent = kind === "educator"
    ? "Educator handout: the unit's outcomes, case and activities with their answers and "
      + "reasons, then the facilitator notes. Keep it away from students before the session."
    : "Student handout: the unit's outcomes, case, activities to work through, discussion "
      + "and key points. The whole unit, with its teaching text, is in the book.";
  top.querySelector("h1").after(about);
  if (kind === "educator") {
    document.documentElement.classList.add("cpe-print-answers");
    document.querySelectorAll("details.cpe-answers").forEach((d) => { d.open = true; });
    const page = new DOMParser().parseFromString(notes, "text/html");
    const guide = page.querySelector("article.bd-article > section");
    if (guide) {
      guide.classList.add("cpe-handout-notes");
      // The theme prints only the page's own first heading; the notes' one becomes a part.
      const title = guide.querySelector("h1");
      if (title) title.replaceWith(Object.assign(document.createElement("h2"),
                                                 { innerHTML: title.innerHTML }));
      guide.querySelectorAll("[id]").forEach((el) => { el.id = "notes-" + el.id; });
      top.after(document.adoptNode(guide));
    }
  }
}"""
FOOTER = ('<div style="font-size:8pt;width:100%;text-align:center;color:#333">'
          '<span class="title"></span> · page <span class="pageNumber"></span> of '
          '<span class="totalPages"></span></div>')


class HandoutError(Exception):
    """What stops the handouts being made, in one line for the person who ran it."""


def units_built(html_dir: Path) -> list[str]:
    """The units with a built page, in order."""
    return sorted(p.parent.name for p in (html_dir / "book" / "units").glob("*/index.html"))


def make_handouts(html_dir: Path, out: Path, units: list[str] | None = None,
                  browser: Any = None) -> list[Path]:
    """Print both handouts of each unit in ``units`` (default: all) into ``out``, with
    ``browser`` (a Playwright Chromium) or one of its own."""
    names = units or units_built(html_dir)
    missing = [n for n in names if not (html_dir / f"book/units/{n}/index.html").is_file()]
    if missing or not names:
        raise HandoutError(f"no built page for {', '.join(missing) or 'any unit'} in "
                           f"{html_dir}; build the book first (make book)")
    if browser is not None:
        return _print_all(browser, html_dir, out, names)
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    if chromium is None:
        raise HandoutError("make handouts needs Chromium (on Debian: apt-get install chromium)")
    with sync_playwright() as playwright:
        own = playwright.chromium.launch(executable_path=chromium, headless=True,
                                         args=CHROMIUM_ARGS)
        try:
            return _print_all(own, html_dir, out, names)
        finally:
            own.close()


def _print_all(browser: Any, html_dir: Path, out: Path, names: list[str]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(html_dir) as base:
        context = browser.new_context()
        page = context.new_page()
        for name in names:
            notes_file = html_dir / f"book/units/{name}/facilitator.html"
            notes = notes_file.read_text(encoding="utf-8") if notes_file.is_file() else ""
            for kind in KINDS:
                pdf = print_pdf(page, f"{base}/book/units/{name}/index.html",
                                prepare=lambda p, k=kind, n=notes: p.evaluate(SHAPE, [k, n]),
                                footer=FOOTER)
                target = out / f"{name}-{kind}.pdf"
                target.write_bytes(pdf)
                written.append(target)
        context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print each unit's student and educator "
                                                 "handouts to PDF from the built book.")
    parser.add_argument("units", nargs="*", metavar="NN-slug", help="default: every unit")
    parser.add_argument("--html", type=Path, default=Path("_build/html"),
                        help="the built book (default: _build/html)")
    parser.add_argument("--out", type=Path, default=Path("_build/handouts"),
                        help="where to write the PDFs (default: _build/handouts)")
    args = parser.parse_args(argv)
    try:
        written = make_handouts(args.html, args.out, args.units or None)
    except HandoutError as error:
        print(f"handouts: {error}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
