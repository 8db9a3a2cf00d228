"""The processes a benchmark measures: a local TLS upstream, ChatVeil, plain mitmdump.

Each runs as its own process on 127.0.0.1 with a free port, so the proxy's CPU time and memory
are its own and the client's work does not share its interpreter.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 120) -> float:
    """Seconds until `port` accepts a TCP connection; raises if the process dies first."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return time.monotonic() - started
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"nothing listened on {port} within {timeout}s")


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def open_fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    port: int
    workdir: Path
    startup_s: float = 0.0
    ca_cert: Path | None = None

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


# The upstream: tests/upstream.py's TLS server in its own process, answering like a chat API and
# keeping nothing (a soak would otherwise hold every body it received).
_UPSTREAM_CODE = """
import socket, sys, time
from pathlib import Path
from tests.upstream import start_upstream

class _Discard(list):
    def append(self, item):
        pass

server = start_upstream(Path(sys.argv[1]))
server.received = _Discard()
# The handler writes headers and body separately: without TCP_NODELAY (inherited by accepted
# sockets on Linux) Nagle and delayed ACKs add 40 ms to every kept-alive round trip.
server._server.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
print(server.port, flush=True)
deadline = time.monotonic() + float(sys.argv[2])
while time.monotonic() < deadline:
    time.sleep(1)
"""


def start_upstream(workdir: Path, lifetime_s: float = 7200) -> Server:
    process = subprocess.Popen(
        [sys.executable, "-c", _UPSTREAM_CODE, str(workdir), str(lifetime_s)],
        cwd=REPO, stdout=subprocess.PIPE, text=True,
    )
    port = int(process.stdout.readline())
    return Server("upstream", process, port, workdir, ca_cert=workdir / "upstream-cert.pem")


def start_chatveil(workdir: Path, *extra: str) -> Server:
    port = free_port()
    confdir, home = workdir / "chatveil-confdir", workdir / "chatveil-home"
    confdir.mkdir(parents=True, exist_ok=True)
    home.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable, "-m", "proxy.cli", "run",
        "--listen-port", str(port),
        "--log-db", str(workdir / "chatveil-log.sqlite3"),
        "--inspect-host", "localhost",
        "--set", f"confdir={confdir}",
        "--set", "ssl_insecure=true",
        "--set", f"chatveil_dashboard_port={free_port()}",
        *extra,
    ]
    env = {**os.environ, "CHATVEIL_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    started = time.monotonic()
    out = open(workdir / "chatveil-output.txt", "wb")
    process = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    wait_for_port(port, process)
    return Server("chatveil", process, port, workdir, time.monotonic() - started, confdir / "mitmproxy-ca-cert.pem")


def start_mitmdump(workdir: Path) -> Server:
    """Plain mitmdump decrypting everything: the cost of the proxy without ChatVeil's addons."""
    port = free_port()
    confdir = workdir / "mitmdump-confdir"
    confdir.mkdir(parents=True, exist_ok=True)
    cmd = [str(VENV_BIN / "mitmdump"), "-q", "--listen-host", "127.0.0.1", "--listen-port", str(port),
           "--set", f"confdir={confdir}", "--set", "ssl_insecure=true"]
    started = time.monotonic()
    process = subprocess.Popen(cmd, cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port, process)
    return Server("mitmdump", process, port, workdir, time.monotonic() - started, confdir / "mitmproxy-ca-cert.pem")


def workdir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"chatveil-bench-{prefix}-"))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def print_table(title: str, header: list[str], rows: list[list]) -> None:
    cells = [header] + [[f"{c:.1f}" if isinstance(c, float) else str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print(f"\n{title}")
    print("| " + " | ".join(h.ljust(w) for h, w in zip(cells[0], widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells[1:]:
        print("| " + " | ".join(c.rjust(w) for c, w in zip(row, widths)) + " |")
