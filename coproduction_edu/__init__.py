"""coproduction_edu: the exercise engine and Sphinx extension of the co-production curriculum."""

from .reference import nmc_platforms

__version__ = "0.1.0"
__all__ = ["__version__", "nmc_platforms"]
