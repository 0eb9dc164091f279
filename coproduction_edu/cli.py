"""The ``coproduction-edu`` command: ``check`` a book, scaffold a ``new-unit`` and ``export``
it for learning platforms."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
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


def _export(args: argparse.Namespace) -> int:
    from .check import unit_folders
    from .export.scorm import ExportError, write_package
    from .export.standalone import StandaloneError

    root = _book_root(args.root.resolve())
    units = [folder.name for folder in unit_folders(root)]
    if args.format == "gift":
        from .engine.content import exercises
        from .export.gift import gift_bank

        out = args.out or root / "_build" / "export" / "question-bank.gift"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(gift_bank((unit, exercises(unit)) for unit in units), encoding="utf-8")
        print(f"wrote {out}")
        return 0
    return _per_unit(args, "export scorm", "scorm", (ExportError, StandaloneError),
                     lambda root, html, unit, out: write_package(html, unit, out, args.tracking),
                     f", tracking: {args.tracking}")


def _per_unit(args: argparse.Namespace, command: str, folder: str,
              errors: tuple[type[Exception], ...],
              write: Callable[[Path, Path, str, Path], Path], detail: str = "") -> int:
    """Write one file per chosen unit from the built book, and say what was written."""
    root = _book_root(args.root.resolve())
    chosen = _units(root, args.unit, command)
    if chosen is None:
        return 2
    html_dir = args.html or root / "_build" / "html"
    out = args.out or root / "_build" / folder
    try:
        for unit in chosen:
            path = write(root, html_dir, unit, out)
            print(f"wrote {path} ({round(path.stat().st_size / 1024):,} KB{detail})")
    except errors as err:
        print(f"coproduction-edu {command}: {err}", file=sys.stderr)
        return 2
    return 0


def _units(root: Path, chosen: str | None, command: str) -> list[str] | None:
    """The units ``chosen`` names ('all' or none: every unit), or None after saying why not."""
    from .check import unit_folders

    units = [folder.name for folder in unit_folders(root)]
    picked = units if chosen in (None, "all") else [chosen]
    unknown = [u for u in picked if u not in units]
    if unknown or not picked:
        print(f"coproduction-edu {command}: no unit {unknown[0] if unknown else ''!s} in "
              f"{root}; the units are {', '.join(units) or 'none'}", file=sys.stderr)
        return None
    return picked


def _review_pack(args: argparse.Namespace) -> int:
    from .book_config import review_contact
    from .export.standalone import StandaloneError
    from .review.pack import ReviewPackError, write_review_pack

    return _per_unit(args, "review-pack", "review-packs", (ReviewPackError, StandaloneError),
                     lambda root, html, unit, out: write_review_pack(html, unit, out,
                                                                     review_contact(root)))


def _review_import(args: argparse.Namespace) -> int:
    from .review.importer import import_review
    from .review.record import ReviewFileError

    root = _book_root(args.root.resolve())
    try:
        result = import_review(root, args.file, args.out)
    except ReviewFileError as err:
        print(f"coproduction-edu review-import: {err}", file=sys.stderr)
        return 2
    who = f"{result.entry['name']} ({', '.join(result.entry['roles'])})"
    if not result.written:
        print(f"Already imported: {who} on {result.unit}. Nothing changed.")
        return 0
    for path in result.written:
        print(f"wrote {path}")
    print(f"{who} is credited on {result.unit}. Its status is unchanged: see the review path "
          "in book/contributing/index.md before changing it.")
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
    export = commands.add_parser(
        "export", help="write a SCORM 1.2 package per unit, or a GIFT question bank")
    export.add_argument("format", choices=["scorm", "gift"])
    export.add_argument("unit", nargs="?", metavar="NN-slug",
                        help="scorm: the unit, or 'all' (the default)")
    export.add_argument("--tracking", choices=["none", "completion", "score"], default="none",
                        help="scorm: what the package reports to the platform (default: none)")
    export.add_argument("--html", type=Path, help="scorm: the built book (default: _build/html)")
    export.add_argument("--out", type=Path, help="where to write (default: under _build)")
    export.add_argument("--root", type=Path, default=Path.cwd(), help="the book's folder")
    export.set_defaults(run=_export)
    pack = commands.add_parser(
        "review-pack", help="write a unit as one HTML file a reviewer comments on, offline")
    pack.add_argument("unit", nargs="?", metavar="NN-slug", help="the unit, or 'all' (default)")
    pack.add_argument("--html", type=Path, help="the built book (default: _build/html)")
    pack.add_argument("--out", type=Path, help="where to write (default: _build/review-packs)")
    pack.add_argument("--root", type=Path, default=Path.cwd(), help="the book's folder")
    pack.set_defaults(run=_review_pack)
    take = commands.add_parser(
        "review-import", help="credit a returned review as the reviewer chose, and summarise it")
    take.add_argument("file", type=Path, help="the .json file a review pack saved")
    take.add_argument("--out", type=Path, help="where review records go (default: reviews/)")
    take.add_argument("--root", type=Path, default=Path.cwd(), help="the book's folder")
    take.set_defaults(run=_review_import)
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
