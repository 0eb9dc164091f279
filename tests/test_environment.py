"""The pinned environment leaves out what would slow every build without being used."""

from __future__ import annotations

import subprocess
import sys

# `jupyter-book build` imports jsonschema to check _config.yml, so every build pays for what
# jsonschema imports; from 4.25 that includes rfc3987-syntax, which compiles its parsers then.
NEVER_USED = ("rfc3987_syntax", "lark")


def test_a_build_does_not_import_parsers_it_never_uses() -> None:
    code = ("import sys, jupyter_book.config, coproduction_edu.validation; "
            f"print(','.join(m for m in {NEVER_USED!r} if m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert found == "", (f"a build now imports {found}: keep jsonschema below 4.25 "
                         "(pyproject.toml, constraints.txt)")
