/* The book's own behaviour on top of the theme's, for the sidebar drawers of a narrow screen
 * (modal <dialog> elements that the theme's menu and page-contents buttons open; the theme
 * moves the sidebar's contents into the drawer, and back when it closes).
 *
 * - A link to a section of the same page scrolled the page under the open drawer, and to the
 *   wrong place, as the page was measured with the contents still in the drawer. Now the
 *   drawer closes, the contents go back, and then the page goes to the section.
 * - The theme takes focus off the button before it opens a drawer (to hide the button's
 *   tooltip), so closing a drawer opened from the keyboard left focus nowhere: it now goes
 *   back to the button. */
(() => {
  const TOGGLES = ".primary-toggle, .secondary-toggle";
  const DRAWERS = "#pst-primary-sidebar-modal, #pst-secondary-sidebar-modal";
  let opener = null;

  document.addEventListener("click", (event) => {
    const toggle = event.target.closest?.(TOGGLES);
    if (toggle) {
      opener = event.detail === 0 ? toggle : null;  // 0: not a pointer, but a key
      return;
    }
    const link = event.target.closest?.("dialog[open] a[href]");
    const drawer = link?.closest(DRAWERS);
    if (!drawer) {
      return;
    }
    const to = new URL(link.href, document.baseURI);
    if (to.hash && to.origin + to.pathname === location.origin + location.pathname) {
      event.preventDefault();
      opener = null;
      drawer.addEventListener("close", () => location.assign(to.href), { once: true });
      drawer.close();
    }
  }, true);

  // "close" does not bubble, but a listener on the document in the capture phase still hears it.
  document.addEventListener("close", (event) => {
    if (opener && event.target.matches?.(DRAWERS)) {
      opener.focus();
      opener = null;
    }
  }, true);
})();
