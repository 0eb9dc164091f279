"""tests/ensure-tools.sh, which ``make test`` runs first, on a copy of the repository's files
with a PATH made for each case: real commands where the case has them, and stand-ins that
log their arguments for the ones that would change the machine (apt-get, sudo, npm)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

SCRIPT = ROOT / "tests" / "ensure-tools.sh"
LOGGING = '#!/bin/sh\necho "{name} $*" >> "{log}"\n{then}\n'


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The script and the npm files, laid out as in the repository."""
    root = tmp_path / "repo"
    (root / "tests").mkdir(parents=True)
    shutil.copy2(SCRIPT, root / "tests" / SCRIPT.name)
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, root / name)
    return root


def path_with(tmp_path: Path, real: list[str], logged: dict[str, str]) -> str:
    """A PATH of one folder: ``real`` commands linked from this machine, and ``logged``
    stand-ins that append their name and arguments to ``calls.log``, then run a command."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in ["bash", "dirname", "touch", *real]:
        found = shutil.which(name)
        if found is None:
            pytest.fail(f"{name} is not installed; run the tests with 'make test'")
        (folder / name).symlink_to(found)
    for name, then in logged.items():
        stand_in = folder / name
        stand_in.write_text(LOGGING.format(name=name, log=tmp_path / "calls.log", then=then))
        stand_in.chmod(0o755)
    return str(folder)


def run(repo: Path, path: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": path, "HOME": str(repo)}
    # The timeout only stops a hang: the script must never wait for input or a download here.
    return subprocess.run(["bash", str(repo / "tests" / SCRIPT.name)], env=env, cwd=repo,
                          capture_output=True, text=True, check=False, timeout=60)


def calls(tmp_path: Path) -> list[str]:
    log = tmp_path / "calls.log"
    return log.read_text().splitlines() if log.exists() else []


def test_without_chromium_and_apt_it_stops_with_one_line(tmp_path: Path, repo: Path) -> None:
    path = path_with(tmp_path, ["id", "node"], {"npm": "exit 0"})
    result = run(repo, path)
    assert result.returncode != 0
    lines = (result.stdout + result.stderr).splitlines()
    assert len(lines) == 1, lines
    assert "lacks chromium." in lines[0] and "apt-get install chromium)" in lines[0]
    assert "nodejs" not in lines[0]
    assert calls(tmp_path) == []


def test_a_user_without_sudo_is_told_and_apt_is_never_run(tmp_path: Path, repo: Path) -> None:
    path = path_with(tmp_path, [], {"id": "echo 1000", "apt-get": "exit 0",
                                    "sudo": "exit 1"})
    result = run(repo, path)
    assert result.returncode != 0
    lines = (result.stdout + result.stderr).splitlines()
    assert len(lines) == 1, lines
    assert "apt-get install chromium nodejs npm)" in lines[0]
    assert "nodejs (18 or newer)" in lines[0]
    assert [c for c in calls(tmp_path) if not c.startswith("id")] == ["sudo -n true"]


def test_with_sudo_it_installs_through_apt(tmp_path: Path, repo: Path) -> None:
    # The stand-in apt-get installs nothing, so the script must say so rather than go on.
    path = path_with(tmp_path, ["node"], {"id": "echo 1000", "sudo": "exit 0",
                                          "apt-get": "exit 0", "npm": "exit 0"})
    result = run(repo, path)
    assert result.returncode != 0
    assert calls(tmp_path)[-3:] == [
        "sudo -n true", "sudo -n apt-get update -q",
        "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "
        "--no-install-recommends chromium"]
    assert "chromium" in result.stderr.splitlines()[-1]
    assert "did not provide it" in result.stderr


def test_npm_ci_runs_again_only_when_the_lock_file_changes(tmp_path: Path, repo: Path) -> None:
    mkdir = shutil.which("mkdir")
    path = path_with(tmp_path, ["id", "node"], {
        "chromium": "exit 0", "npm": f"{mkdir} -p node_modules"})
    ci = "npm ci --ignore-scripts --no-audit --no-fund"
    for expected in ([ci], [ci]):
        result = run(repo, path)
        assert result.returncode == 0, result.stderr
        assert calls(tmp_path) == expected
    lock = repo / "package-lock.json"
    later = (repo / "node_modules" / ".installed").stat().st_mtime + 10
    os.utime(lock, (later, later))
    assert run(repo, path).returncode == 0
    assert calls(tmp_path) == [ci, ci]
