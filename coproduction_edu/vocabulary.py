"""Labels for the codes used in unit front matter (NMC platforms, keys, VBP elements...)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def vocabulary() -> dict[str, Any]:
    """The parsed ``coproduction_edu/data/vocabulary.yaml``."""
    text = resources.files("coproduction_edu").joinpath("data/vocabulary.yaml").read_text()
    return yaml.safe_load(text)


def label(group: str, code: Any) -> str:
    """The human label for ``code`` in ``group``; the code itself if it has none."""
    return str(vocabulary()[group].get(code, code))


def nmc_label(code: int | str) -> str:
    """E.g. ``Platform 4: Providing and evaluating care`` or ``Annexe A: ...``."""
    kind = "Annexe" if isinstance(code, str) else "Platform"
    return f"{kind} {code}: {label('nmc', code)}"
