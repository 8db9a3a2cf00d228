"""Start the real `chatveil run` as a subprocess on a free port, with its own confdir and log."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class RunningProxy:
    process: subprocess.Popen
    port: int
    confdir: Path
    log_db: Path
    home: Path
    output_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ca_cert(self) -> Path:
        return self.confdir / "mitmproxy-ca-cert.pem"

    def output(self) -> str:
        return self.output_path.read_text(errors="replace")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def start_proxy(tmp: Path, *extra_args: str, env: dict | None = None, timeout: float = 60) -> RunningProxy:
    port = free_port()
    confdir, home = tmp / "confdir", tmp / "home"
    confdir.mkdir(exist_ok=True)
    home.mkdir(exist_ok=True)
    log_db = tmp / "log.sqlite3"
    output_path = tmp / "proxy-output.txt"
    cmd = [
        sys.executable, "-m", "proxy.cli", "run",
        "--listen-port", str(port),
        "--log-db", str(log_db),
        "--set", f"confdir={confdir}",
        "--set", "ssl_insecure=true",  # the local upstreams have self-signed certificates
        *extra_args,
    ]
    process_env = {**os.environ, "CHATVEIL_HOME": str(home), "PYTHONUNBUFFERED": "1", **(env or {})}
    out = open(output_path, "wb")
    process = subprocess.Popen(cmd, cwd=REPO, stdout=out, stderr=subprocess.STDOUT, env=process_env)
    proxy = RunningProxy(process, port, confdir, log_db, home, output_path)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"chatveil run exited with {process.returncode}:\n{proxy.output()}")
        if "ChatVeil is listening" in proxy.output():
            return proxy
        time.sleep(0.1)
    proxy.stop()
    raise RuntimeError(f"chatveil run did not start in {timeout}s:\n{proxy.output()}")
