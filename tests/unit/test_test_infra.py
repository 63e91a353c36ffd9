"""The test tooling itself: ``-m "not neo4j"`` selects the embedded suite alone, ``.ci/run`` installs
Chromium and the CJK font each when it is missing, and a missing Chromium fails the browser tests under
``CI=true``. Each runs the real thing (pytest, ``.ci/run``) in a subprocess."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _collected(*args: str) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--collect-only", "-q", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return [line for line in proc.stdout.splitlines() if "::" in line]


def _params(test_id: str) -> list[str]:
    found = re.search(r"\[(.*)\]$", test_id)
    return found.group(1).split("-") if found else []


def test_not_neo4j_selects_the_embedded_suite_alone() -> None:
    everything = _collected()
    embedded = set(_collected("-m", "not neo4j"))
    on_neo4j = [t for t in everything if "neo4j" in _params(t)]
    assert on_neo4j, "no Neo4j variant collected at all: the engine parameters changed?"
    assert [t for t in embedded if "neo4j" in _params(t)] == []
    twins = {t.replace("[neo4j", "[ladybug").replace("-neo4j", "-ladybug") for t in on_neo4j}
    missing = sorted(t for t in twins if t in everything and t not in embedded)
    assert missing == [], f"embedded variants left out by -m 'not neo4j': {missing[:5]}"


def _stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/bash\n{body}\n")
    path.chmod(0o755)


# (chromium on PATH, how a CJK font is found: fc-list / dpkg / none) -> the packages .ci/run installs
CASES = {
    "both-present": (True, "fc-list", []),
    "font-missing": (True, None, ["fonts-wqy-zenhei"]),
    "chromium-missing": (False, "fc-list", ["chromium"]),
    "both-missing": (False, None, ["chromium", "fonts-wqy-zenhei"]),
    "font-package-without-fontconfig": (True, "dpkg", []),
}


@pytest.mark.parametrize("case", CASES)
def test_ci_run_installs_chromium_and_the_cjk_font_each_when_missing(case: str, tmp_path: Path) -> None:
    chromium, font, expected = CASES[case]
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    bin_dir.mkdir()
    for tool in ("bash", "dirname"):  # all .ci/run needs besides the stubs; no real chromium, apt-get, make
        real = shutil.which(tool)
        assert real is not None
        (bin_dir / tool).symlink_to(real)
    record = f'echo "${{0##*/}} $*" >> {log}'
    _stub(bin_dir, "apt-get", record)
    _stub(bin_dir, "make", record)
    if chromium:
        _stub(bin_dir, "chromium", "exit 0")
    if font == "fc-list":
        _stub(bin_dir, "fc-list", 'echo "WenQuanYi Zen Hei,文泉驛正黑,文泉驿正黑"')
    elif font is None:
        _stub(bin_dir, "fc-list", "exit 0")  # fontconfig present, no Chinese font
    else:
        _stub(bin_dir, "dpkg-query", "printf 'install ok installed'")
    proc = subprocess.run(
        [str(ROOT / ".ci" / "run")],
        env={"PATH": str(bin_dir), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    calls = log.read_text().splitlines()
    assert calls[-1] == "make test"
    apt = calls[:-1]
    if expected:
        assert apt == ["apt-get update -qq", "apt-get install -y -qq " + " ".join(expected)]
    else:
        assert apt == []


def _run_browser_fixture(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    """A test that only asks for the ``browser`` fixture, run where no Chromium is on PATH."""
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_needs_browser.py").write_text("def test_needs_browser(browser):\n    pass\n")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(PATH=str(tmp_path), PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]))
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "tests.browser.conftest", "-rs"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_chromium_browser_tests_fail_under_ci_and_skip_otherwise(tmp_path: Path) -> None:
    under_ci = _run_browser_fixture(tmp_path, "true")
    assert under_ci.returncode == 1, under_ci.stdout
    assert "CI needs Debian chromium" in under_ci.stdout
    locally = _run_browser_fixture(tmp_path, None)
    assert locally.returncode == 0, locally.stdout
    assert "1 skipped" in locally.stdout and "chromium is not installed" in locally.stdout
