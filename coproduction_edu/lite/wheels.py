"""The wheels the site serves, worked out from Pyodide's lock file and fetched from PyPI.

The npm package ``pyodide`` has the runtime and a lock file naming some 350 packages, but
none of their wheels. Starting from what the kernel loads at start and what this package
needs, :func:`resolve` walks the lock file's dependencies and the wheels' own metadata, as
micropip will in the browser. A package in the lock file keeps its version there and its pure
wheel is downloaded from PyPI; one with only a compiled wheel in Pyodide (PyYAML) is built
pure from its sdist; any other package must be pinned in ``constraints.txt`` and goes to
the site's piplite index. :func:`pyodide_lock` then lists exactly the wheels present.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from collections import deque
from dataclasses import dataclass, field
from email.parser import Parser
from pathlib import Path
from typing import Any

from packaging.markers import Marker
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename
from packaging.version import Version

from . import LiteError

# Packages whose Pyodide build is compiled but whose sdist also builds a pure wheel, and how.
PURE_BUILDS: dict[str, dict[str, str]] = {"pyyaml": {"PYYAML_FORCE_LIBYAML": "0"}}
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]


@dataclass
class Wheel:
    """One wheel of the site: where it is, and what it needs in the browser."""

    path: Path
    name: str
    version: str
    requires: list[Requirement] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> Wheel:
        with zipfile.ZipFile(path) as archive:
            meta = next((n for n in archive.namelist()
                         if n.count("/") == 1 and n.endswith(".dist-info/METADATA")), None)
            if meta is None:
                raise LiteError(f"{path.name} is not a wheel: it has no METADATA")
            message = Parser().parsestr(archive.read(meta).decode("utf-8"))
        requires = []
        for line in message.get_all("Requires-Dist") or []:
            try:
                requires.append(Requirement(line))
            except InvalidRequirement as error:
                raise LiteError(f"{path.name}: bad Requires-Dist {line!r}: {error}") from None
        return cls(path, canonicalize_name(message["Name"]), message["Version"], requires)

    @property
    def pure(self) -> bool:
        return all(tag.abi == "none" and tag.platform == "any"
                   for tag in parse_wheel_filename(self.path.name)[3])


@dataclass
class Plan:
    """What the site serves: lock-file packages, and the rest for the piplite index."""

    lock: dict[str, dict[str, Any]] = field(default_factory=dict)  # name: lock entry
    index: dict[str, Wheel] = field(default_factory=dict)  # name: wheel, not in the lock
    needed_by: dict[str, str] = field(default_factory=dict)  # name: why, for messages


def browser_environment(lock: dict[str, Any]) -> dict[str, str]:
    """Marker values of Pyodide's Python, as micropip evaluates them in the browser."""
    python = lock["info"]["python"]
    return {"sys_platform": "emscripten", "platform_system": "Emscripten", "os_name": "posix",
            "platform_machine": "wasm32", "implementation_name": "cpython",
            "platform_python_implementation": "CPython", "platform_release": "",
            "platform_version": "", "python_full_version": python,
            "implementation_version": python,
            "python_version": ".".join(python.split(".")[:2])}


def applies(requirement: Requirement, environment: dict[str, str], extras: set[str]) -> bool:
    if requirement.marker is None:
        return True
    marker: Marker = requirement.marker
    return any(marker.evaluate({**environment, "extra": extra}) for extra in extras | {""})


def read_pins(constraints: Path) -> dict[str, str]:
    """``name==version`` lines of ``constraints.txt``, by canonical name."""
    pins = {}
    for line in constraints.read_text(encoding="utf-8").splitlines():
        name, sep, version = line.split("#")[0].strip().partition("==")
        if sep:
            pins[canonicalize_name(name)] = version.strip()
    return pins


def resolve(roots: list[str], lock: dict[str, Any], bundled: list[Wheel], site: list[Wheel],
            pins: dict[str, str], cache: Path) -> Plan:
    """Every package the site must serve for the kernel's ``roots`` and the ``site`` wheels.

    ``bundled`` are the wheels the kernel serves itself: their needs count, not they.
    """
    packages = {canonicalize_name(k): v for k, v in lock["packages"].items()}
    environment = browser_environment(lock)
    own = {wheel.name: wheel for wheel in [*bundled, *site]}
    plan = Plan()
    queue: deque[tuple[Requirement, str]] = deque((Requirement(r), "the kernel") for r in roots)
    queue.extend((Requirement(wheel.name), "the site") for wheel in site)
    seen: set[str] = set()
    while queue:
        requirement, via = queue.popleft()
        name = canonicalize_name(requirement.name)
        if name in seen:
            continue
        seen.add(name)
        chain = f"{via} → {name}" if via not in ("the kernel", "the site") else name
        plan.needed_by[name] = chain
        wheel = own.get(name)
        if wheel is None and name in packages:
            entry = packages[name]
            if not requirement.specifier.contains(entry["version"], prereleases=True):
                raise LiteError(f"{chain}: needs {requirement}, but Pyodide's lock file has "
                                f"{entry['version']}")
            plan.lock[name] = entry
            queue.extend((Requirement(dep), chain) for dep in entry["depends"])
            continue
        if wheel is None:
            if name not in pins:
                raise LiteError(f"{chain}: not in Pyodide's lock file and not pinned in "
                                f"constraints.txt; add a pin for {name} there")
            wheel = download([f"{name}=={pins[name]}"], lock, cache / "index")[0]
            if not wheel.pure:
                raise LiteError(f"{chain}: PyPI has no pure-Python wheel of {name}")
            plan.index[name] = wheel
        elif wheel in site:
            plan.index[name] = wheel
        queue.extend((dep, chain) for dep in wheel.requires
                     if applies(dep, environment, set(requirement.extras)))
    return plan


def download(requirements: list[str], lock: dict[str, Any], folder: Path) -> list[Wheel]:
    """Pure wheels of exact ``name==version`` requirements, from PyPI or the cache."""
    folder.mkdir(parents=True, exist_ok=True)
    found, missing = [], []
    for requirement in requirements:
        name, version = requirement.split("==")
        cached = _cached(folder, name, version)
        if cached:
            found.append(cached)
        else:
            missing.append(requirement)
    if missing:
        python = browser_environment(lock)["python_version"]
        _pip("download", "--no-deps", "--only-binary=:all:", "--implementation=py",
             "--abi=none", "--platform=any", f"--python-version={python}", "-d", str(folder),
             *missing, what=f"download {', '.join(missing)} from PyPI")
        for requirement in missing:
            name, version = requirement.split("==")
            cached = _cached(folder, name, version)
            if cached is None:
                raise LiteError(f"pip did not download a wheel for {requirement}")
            found.append(cached)
    return found


def _cached(folder: Path, name: str, version: str) -> Wheel | None:
    for path in folder.glob("*.whl"):
        wheel_name, wheel_version, _, _ = parse_wheel_filename(path.name)
        if wheel_name == canonicalize_name(name) and wheel_version == Version(version):
            return Wheel.read(path)
    return None


def build_pure(name: str, version: str, folder: Path) -> Wheel:
    """A pure-Python wheel of ``name==version`` built from its sdist (PyYAML without libyaml)."""
    folder.mkdir(parents=True, exist_ok=True)
    cached = _cached(folder, name, version)
    if cached and cached.pure:
        return cached
    _pip("wheel", "--no-deps", "--no-cache-dir", f"--no-binary={name}", "-w", str(folder),
         f"{name}=={version}", env=PURE_BUILDS[name], what=f"build {name} {version} from its sdist")
    built = _cached(folder, name, version)
    if built is None or not built.pure:
        raise LiteError(f"building {name} {version} from its sdist did not give a pure wheel")
    return built


def build_package(source: Path, folder: Path) -> Wheel:
    """This checkout as a wheel (``pip wheel --no-deps``), built from a clean copy."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.whl"):
        old.unlink()
    _pip("wheel", "--no-deps", "--no-cache-dir", "-w", str(folder), str(source),
         what="build the coproduction-edu wheel")
    wheels = list(folder.glob("*.whl"))
    if len(wheels) != 1:
        raise LiteError(f"pip wheel made {len(wheels)} wheels of coproduction-edu, not one")
    return Wheel.read(wheels[0])


def lock_wheels(plan: Plan, lock: dict[str, Any], cache: Path) -> list[Wheel]:
    """The wheel of every lock-file package in ``plan``: downloaded, or built pure."""
    pure, wheels = [], []
    for name, entry in sorted(plan.lock.items()):
        if entry["file_name"].endswith("-none-any.whl"):
            pure.append(f"{name}=={entry['version']}")
        elif name in PURE_BUILDS:
            wheels.append(build_pure(name, entry["version"], cache / "built"))
        else:
            chain = plan.needed_by[name]
            hint = (f"; if coproduction-edu does not need {chain.split(' → ')[1]} in the "
                    "browser, move it to an optional extra in pyproject.toml"
                    if chain.startswith("coproduction-edu → ") else "")
            raise LiteError(f"{chain}: Pyodide has only a compiled wheel of {name} "
                            f"({entry['file_name']}), which is not on PyPI, and no pure-Python "
                            f"build of it is known here{hint}")
    return sorted(wheels + download(pure, lock, cache / "lock"), key=lambda w: w.name)


def pyodide_lock(lock: dict[str, Any], plan: Plan, wheels: list[Wheel]) -> dict[str, Any]:
    """Pyodide's lock file cut down to ``wheels``, with their own file names and hashes."""
    by_name = {wheel.name: wheel for wheel in wheels}
    packages = {}
    for key, entry in lock["packages"].items():
        wheel = by_name.get(canonicalize_name(key))
        if wheel is None:
            continue
        entry = {**entry, "file_name": wheel.path.name, "sha256": sha256(wheel.path)}
        if wheel.name in PURE_BUILDS:  # no C extension: no ``_yaml``
            entry["imports"] = [i for i in entry["imports"] if not i.startswith("_")]
        packages[key] = entry
    missing = set(plan.lock) - {canonicalize_name(k) for k in packages}
    if missing:
        raise LiteError(f"no wheel for {', '.join(sorted(missing))}")
    return {**lock, "packages": packages}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_lock(pyodide: Path) -> dict[str, Any]:
    return json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))


def _pip(*args: str, what: str, env: dict[str, str] | None = None) -> None:
    result = subprocess.run([*PIP, *args], capture_output=True, text=True, check=False,
                            env={**os.environ, **(env or {})})
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-8:])
        raise LiteError(f"pip could not {what} (is PyPI reachable?):\n{tail}")
