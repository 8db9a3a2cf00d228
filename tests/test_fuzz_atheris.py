"""Runs the atheris harness for a bounded number of inputs: body parsing and adapters never crash."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.proxy_process import REPO

pytestmark = pytest.mark.slow


def test_coverage_guided_fuzzing_of_body_parsing_and_adapters_finds_no_crash(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO / "tests" / "atheris_request_body.py"), "-runs=10000", "-max_len=1024", "-seed=8",
         f"-artifact_prefix={tmp_path}/"],
        cwd=REPO, capture_output=True, text=True, timeout=600, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Done 10000 runs" in result.stderr
