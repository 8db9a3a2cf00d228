"""Where ChatVeil keeps its files: the user's data directory, or $CHATVEIL_HOME."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    configured = os.environ.get("CHATVEIL_HOME")
    path = Path(configured) if configured else Path(platformdirs.user_data_dir("chatveil", appauthor=False))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def private_file(path: Path) -> Path:
    """Create `path` readable by its owner only (0600) before anything is written into it."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
    return path
