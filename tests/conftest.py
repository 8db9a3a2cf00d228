from __future__ import annotations

import pytest

from tests.proxy_process import start_proxy
from tests.upstream import start_upstream


@pytest.fixture
def upstream(tmp_path):
    server = start_upstream(tmp_path)
    yield server
    server.close()


@pytest.fixture
def chatveil_home(tmp_path, monkeypatch):
    """Keep every file ChatVeil writes (secret key, vault, default log) inside the test's tmp dir."""
    home = tmp_path / "chatveil-home"
    monkeypatch.setenv("CHATVEIL_HOME", str(home))
    return home


@pytest.fixture
def running_proxy(tmp_path):
    """`chatveil run` inspecting `localhost` (where `upstream` listens)."""
    proxy = start_proxy(tmp_path, "--inspect-host", "localhost")
    yield proxy
    proxy.stop()
