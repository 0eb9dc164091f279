"""The ``coproduction-edu`` command: ``check`` a book and scaffold a ``new-unit``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .check import check_repository, content_folder
from .engine.base import plural
from .problems import report
from .scaffold import ScaffoldError, new_unit
from .toc import TOC_FILE


def _book_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds ``_toc.yml``."""
    for folder in (start, *start.parents):
        if (folder / TOC_FILE).is_file():
            return folder
    return start


FILES = {"one": "{count} exercise file", "other": "{count} exercise files"}


def _check(args: argparse.Namespace) -> int:
    root = _book_root(args.root.resolve())
    if args.record:
        from .engine.content import record_checked

        folder = content_folder(root)
        names = record_checked(folder)
        print(f"Recorded {plural(FILES, len(names))} as checked in {folder / 'checked.json'}.")
    problems = check_repository(root)
    if problems:
        print(report(problems))
        found = plural({"one": "{count} problem", "other": "{count} problems"}, len(problems))
        print(f"{found} found in {root}", file=sys.stderr)
        return 1
    print(f"All units, notebooks and toc entries in {root} are valid.")
    return 0


def _new_unit(args: argparse.Namespace) -> int:
    root = _book_root(args.root.resolve())
    try:
        written = new_unit(root, args.unit_id, args.title, args.author)
    except ScaffoldError as err:
        print(f"coproduction-edu new-unit: {err}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path.relative_to(root)}")
    print("Next: write the unit, then run 'coproduction-edu check' and 'make book'.")
    return 0


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="coproduction-edu",
        description="Check and extend the co-production curriculum book.")
    commands = main_parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate units, notebooks and the toc")
    check.add_argument("--root", type=Path, default=Path.cwd(),
                       help="the book's folder (default: the nearest with _toc.yml)")
    check.add_argument("--record", action="store_true",
                       help="first record each valid exercise file in checked.json, so that "
                            "notebooks load it without the schema validator")
    check.set_defaults(run=_check)
    unit = commands.add_parser("new-unit", help="scaffold a unit, its notebook and toc entries")
    unit.add_argument("unit_id", metavar="NN-slug", help="e.g. 08-safe-shared-space")
    unit.add_argument("--title", required=True, help="the unit's title")
    unit.add_argument("--author", help="who is writing it (default: git config user.name)")
    unit.add_argument("--root", type=Path, default=Path.cwd(), help="the book's folder")
    unit.set_defaults(run=_new_unit)
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; errors are reported in words, never as a traceback."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except ImportError as err:  # installed without what this command needs (see its message)
        print(f"coproduction-edu {args.command}: {err}", file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError) as err:
        print(f"coproduction-edu {args.command}: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
