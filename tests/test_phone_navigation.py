"""The built book on a phone (360 by 800 px, touch) in a real Chromium: the menu button and the
page-contents button open their drawers, a tap on a link in them goes where it says, Escape
closes them, the keyboard reaches the buttons, and no floating button covers the text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import serve

pytestmark = pytest.mark.book
PHONE = {"viewport": {"width": 360, "height": 800}, "has_touch": True, "is_mobile": True}
UNIT = "book/units/03-three-keys/index.html"  # a page with contents
MENU, CONTENTS = ".primary-toggle", ".secondary-toggle"
DRAWERS = {MENU: "#pst-primary-sidebar-modal", CONTENTS: "#pst-secondary-sidebar-modal"}


@pytest.fixture(scope="module")
def site(built_html: Path) -> Iterator[str]:
    with serve(built_html) as base:
        yield base


@pytest.fixture
def phone(browser, site: str) -> Iterator[Page]:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{site}/{UNIT}")
    yield page
    context.close()


def visible_button(page: Page, selector: str):
    """The one button of its kind that a reader can see (the theme may render hidden ones)."""
    button = page.locator(f"{selector}:visible")
    expect(button).to_have_count(1)
    return button


def test_menu_button_opens_the_site_navigation(phone: Page) -> None:
    title = phone.title()
    visible_button(phone, MENU).tap()
    drawer = phone.locator(DRAWERS[MENU])
    expect(drawer).to_be_visible()
    links = drawer.locator("nav a.reference.internal:visible")
    assert links.count() >= 5, "the navigation shows fewer than five pages"
    here = phone.url
    target = next(link for link in links.all()
                  if link.evaluate("a => a.href.split('#')[0]") != here.split("#")[0])
    href = target.evaluate("a => a.href")
    target.tap()
    phone.wait_for_url(href)
    assert phone.url == href
    assert phone.title() != title


def test_contents_button_opens_the_page_contents(phone: Page) -> None:
    visible_button(phone, CONTENTS).tap()
    drawer = phone.locator(DRAWERS[CONTENTS])
    expect(drawer).to_be_visible()
    links = drawer.locator("nav a:visible")
    assert links.count() >= 5, "the page contents show fewer than five sections"
    target = links.nth(links.count() // 2)
    anchor = target.get_attribute("href")
    assert anchor and anchor.startswith("#")
    target.tap()
    phone.wait_for_url(f"**/{UNIT}{anchor}")
    expect(drawer).to_be_hidden()
    # The section starts near the top of the screen, just below the bar of buttons.
    top = phone.evaluate("(id) => document.getElementById(id).getBoundingClientRect().top",
                         anchor[1:])
    assert 0 <= top < 200, f"{anchor} is {top:.0f} px down the screen, not at its top"
    assert phone.evaluate("window.scrollY") > 800
    # What the reader sees at the section's heading is the heading, not a drawer or a button.
    seen = phone.evaluate(
        """(id) => { const h = document.getElementById(id).querySelector('h1, h2, h3, h4');
        const box = h.getBoundingClientRect();
        return h.contains(document.elementFromPoint(box.left + 5, box.top + box.height / 2)); }""",
        anchor[1:])
    assert seen, f"something covers the heading of {anchor}"


@pytest.mark.parametrize("selector", [MENU, CONTENTS])
def test_keyboard_reaches_each_button_and_escape_closes_its_drawer(
        phone: Page, selector: str) -> None:
    visible_button(phone, selector)
    for _ in range(40):
        phone.keyboard.press("Tab")
        if phone.evaluate("(s) => document.activeElement.matches(s + ':not([hidden])') && "
                          "document.activeElement.checkVisibility()", selector):
            break
    else:
        pytest.fail(f"40 presses of Tab never reached the visible {selector} button")
    phone.keyboard.press("Enter")
    drawer = phone.locator(DRAWERS[selector])
    expect(drawer).to_be_visible()
    assert phone.evaluate("(d) => document.querySelector(d).contains(document.activeElement)",
                          DRAWERS[selector]), "focus did not move into the open drawer"
    phone.keyboard.press("Escape")
    expect(drawer).to_be_hidden()
    assert phone.evaluate("(s) => document.activeElement.matches(s)", selector), \
        "closing the drawer did not give focus back to its button"


def test_no_floating_button_covers_the_text(phone: Page) -> None:
    # The theme showed its "Back to top" button on the way back up a long page.
    for by in (2400, -600):
        phone.evaluate("(by) => window.scrollBy(0, by)", by)
        phone.wait_for_timeout(200)
    covered = phone.evaluate(
        """() => {
        const text = [...document.querySelectorAll(
            'article p, article li, article h1, article h2, article h3, article td')]
          .map((e) => e.getBoundingClientRect())
          .filter((r) => r.width && r.bottom > 0 && r.top < innerHeight);
        const meets = (a, b) => a.left < b.right && b.left < a.right
                                && a.top < b.bottom && b.top < a.bottom;
        return [...document.querySelectorAll('body *')]
          .filter((e) => getComputedStyle(e).position === 'fixed' && e.checkVisibility())
          .map((e) => [e, e.getBoundingClientRect()])
          .filter(([, box]) => box.bottom > 0 && box.top < innerHeight)
          .filter(([, box]) => text.some((r) => meets(r, box)))
          .map(([e]) => e)
          .map((e) => e.id || e.className || e.tagName);
        }""")
    assert covered == [], f"fixed elements over the text: {covered}"
