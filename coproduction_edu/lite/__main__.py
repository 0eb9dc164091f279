"""``python -m coproduction_edu.lite``: build the JupyterLite site into ``_build/html/lite``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import LiteError
from .build import build_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coproduction_edu.lite",
                                     description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="the checkout (default: this folder)")
    parser.add_argument("--output", type=Path, help="default: ROOT/_build/html/lite")
    parser.add_argument("--cache", type=Path, help="default: ROOT/_build/lite-cache")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        build_site(root, (args.output or root / "_build" / "html" / "lite").resolve(),
                   (args.cache or root / "_build" / "lite-cache").resolve())
    except LiteError as error:
        print(f"make lite: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
