"""One switch for the build's shortcuts: ways of reaching Sphinx's own output with less work.

Each shortcut must give byte for byte the HTML that Sphinx and its extensions give without it;
``tests/test_build_shortcuts.py`` builds the book both ways and compares every page. Set
``coproduction_build_shortcuts: false`` under ``sphinx.config`` in ``_config.yml`` to build
the slow way, for example to find out whether a shortcut is to blame for something.

One shortcut lives here: fewer garbage collections. A build makes millions of objects that
live until it ends (every page's doctree, the templates, the bibliography), and Python's
collector kept walking all of them: about a fifth of a clean build of this book. For the
build, the objects made before it starts are frozen out of the collector's sight and the
collector waits for more new objects before it runs; the old settings come back when the
build finishes. Memory still comes back: cycles are still collected, only less often.
"""

from __future__ import annotations

import gc
from typing import Any

from sphinx.application import Sphinx

CONFIG = "coproduction_build_shortcuts"
# Collections of the youngest generation after this many new objects (Python's default: 700),
# and of the older ones after 20 collections of the one below (default: 10).
BUILD_GC_THRESHOLD = (100_000, 20, 20)


def shortcuts_on(config: Any) -> bool:
    """Whether this build takes the shortcuts."""
    return bool(config[CONFIG])


class FewerCollections:
    """Collects garbage less often from ``config-inited`` until ``build-finished``."""

    def __init__(self) -> None:
        self._saved: tuple[int, int, int] | None = None

    def start(self, app: Sphinx, config: Any) -> None:
        if shortcuts_on(config) and self._saved is None:
            self._saved = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(*BUILD_GC_THRESHOLD)

    def finish(self, app: Sphinx, exception: BaseException | None) -> None:
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            gc.unfreeze()
            self._saved = None


def setup_shortcuts(app: Sphinx) -> None:
    app.add_config_value(CONFIG, True, "html", types=[bool])
    collections = FewerCollections()
    app.connect("config-inited", collections.start)
    app.connect("build-finished", collections.finish, priority=1000)  # after all others
