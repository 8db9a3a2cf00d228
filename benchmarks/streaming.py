"""Time to first token and total stream time: direct, plain mitmdump, and ChatVeil restoring.

One local TLS upstream (its own process) answers `stream: true` chat requests by streaming the
user's message back token by token (3 characters per OpenAI SSE chunk) with a fixed delay
before each token, so every answer takes the same time to produce. Unique messages (name, card,
address, e-mail: ChatVeil redacts them on the way out and restores its placeholders in the
streamed answer) are sent one at a time, round-robin over the routes:
- directly;
- through plain `mitmdump`, as it comes (which buffers each response until it is complete);
- through `mitmdump --set stream_large_bodies=1` (which forwards every body as it arrives);
- through `chatveil run` inspecting the upstream.

It reports the median and p90 of time to first token (request sent → first non-empty delta)
and total time (→ end of stream), and checks that what the client read through ChatVeil is the
message it sent (restored) while the upstream saw placeholders.

    python -m benchmarks.streaming [--streams 20] [--token-delay-ms 10]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import ssl
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from benchmarks.local_servers import (
    REPO, VENV_BIN, Server, free_port, percentile, print_table, start_chatveil, wait_for_port, workdir,
)
from benchmarks.workload import typical_message

_UPSTREAM_CODE = """
import functools, socket, sys, time
from pathlib import Path
from tests.sse_upstream import openai_stream_echo
from tests.upstream import start_upstream

server = start_upstream(Path(sys.argv[1]))
server.responder = functools.partial(openai_stream_echo, delay=float(sys.argv[2]))
server._server.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
print(server.port, flush=True)
deadline = time.monotonic() + float(sys.argv[3])
while time.monotonic() < deadline:
    time.sleep(1)
"""


def start_streaming_upstream(directory: Path, token_delay_s: float, lifetime_s: float = 3600) -> Server:
    process = subprocess.Popen(
        [sys.executable, "-c", _UPSTREAM_CODE, str(directory), str(token_delay_s), str(lifetime_s)],
        cwd=REPO, stdout=subprocess.PIPE, text=True,
    )
    port = int(process.stdout.readline())
    return Server("upstream", process, port, directory, ca_cert=directory / "upstream-cert.pem")


def start_plain_mitmdump(directory: Path, name: str, *options: str) -> Server:
    port = free_port()
    confdir = directory / f"{name}-confdir"
    confdir.mkdir(parents=True, exist_ok=True)
    cmd = [str(VENV_BIN / "mitmdump"), "-q", "--listen-host", "127.0.0.1", "--listen-port", str(port),
           "--set", f"confdir={confdir}", "--set", "ssl_insecure=true", *options]
    started = time.monotonic()
    process = subprocess.Popen(cmd, cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port, process)
    return Server(name, process, port, directory, time.monotonic() - started, confdir / "mitmproxy-ca-cert.pem")


def one_stream(client: httpx.Client, url: str, text: str) -> tuple[float, float, str]:
    """(ms to first token, ms to end of stream, the text the client read)."""
    body = {"model": "echo-1", "stream": True, "messages": [{"role": "user", "content": text}]}
    pieces: list[str] = []
    first = None
    started = time.perf_counter()
    with client.stream("POST", url, json=body) as response:
        if response.status_code != 200:
            raise RuntimeError(f"unexpected {response.status_code}")
        for line in response.iter_lines():
            if not line.startswith("data: {"):
                continue
            content = json.loads(line[6:])["choices"][0]["delta"].get("content")
            if content:
                if first is None:
                    first = time.perf_counter()
                pieces.append(content)
    ended = time.perf_counter()
    return (first - started) * 1000, (ended - started) * 1000, "".join(pieces)


def _client(server: Server | None, upstream: Server) -> httpx.Client:
    settings = (
        {"verify": ssl.create_default_context(cafile=upstream.ca_cert)}
        if server is None
        else {"proxy": server.proxy_url, "verify": ssl.create_default_context(cafile=server.ca_cert)}
    )
    return httpx.Client(timeout=120, **settings)


def measure(servers: dict[str, Server | None], upstream: Server, streams: int) -> dict[str, dict]:
    """Round-robin over the routes, one stream each per round, so that load drifting on a shared
    machine falls on every route alike."""
    url = f"https://localhost:{upstream.port}/v1/chat/completions"
    clients = {label: _client(server, upstream) for label, server in servers.items()}
    samples: dict[str, dict[str, list]] = {label: {"ttft": [], "total": [], "mismatch": []} for label in servers}
    try:
        for i in range(-1, streams):  # one warm-up round opens the connections, not counted
            for offset, (label, client) in enumerate(clients.items()):
                text = typical_message(offset * 1000 + i + 1)  # unique: no findings-cache hits
                ttft, total, read = one_stream(client, url, text)
                if i >= 0:
                    samples[label]["ttft"].append(ttft)
                    samples[label]["total"].append(total)
                    samples[label]["mismatch"].append(read != text)
    finally:
        for client in clients.values():
            client.close()
    return {
        label: {
            "ttft_median_ms": statistics.median(s["ttft"]),
            "ttft_p90_ms": percentile(s["ttft"], 90),
            "total_median_ms": statistics.median(s["total"]),
            "total_p90_ms": percentile(s["total"], 90),
            "streams": streams,
            "not_read_as_sent": sum(s["mismatch"]),
        }
        for label, s in samples.items()
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--streams", type=int, default=20, help="measured streams per route")
    parser.add_argument("--token-delay-ms", type=float, default=10.0, help="upstream delay before each token")
    args = parser.parse_args(argv)

    directory = workdir("streaming")
    tokens = len(typical_message(0)) // 3 + 1
    upstream = start_streaming_upstream(directory, args.token_delay_ms / 1000)
    servers: dict[str, Server | None] = {"direct": None}
    try:
        servers["mitmdump"] = start_plain_mitmdump(directory, "mitmdump")
        servers["mitmdump stream_large_bodies=1"] = start_plain_mitmdump(
            directory, "mitmdump-streaming", "--set", "stream_large_bodies=1"
        )
        servers["chatveil"] = start_chatveil(directory)
        results = measure(servers, upstream, args.streams)
    finally:
        for server in servers.values():
            if server is not None:
                server.stop()
        upstream.stop()

    # Restored text equal to the message proves nothing if nothing was redacted: count what was.
    with sqlite3.connect(directory / "chatveil-log.sqlite3") as db:
        redacted = db.execute("SELECT COUNT(*) FROM findings WHERE action = 'redact'").fetchone()[0]
    results["chatveil"]["values_redacted"] = redacted
    print(f"{args.streams} streams per route, ~{tokens} tokens each, {args.token_delay_ms:g} ms before each token "
          f"(upstream needs ≥ {tokens * args.token_delay_ms / 1000:.2f} s per stream)")
    print_table(
        "Streamed chat answers (ms)",
        ["route", "first token median", "first token p90", "total median", "total p90", "read ≠ sent"],
        [[label, r["ttft_median_ms"], r["ttft_p90_ms"], r["total_median_ms"], r["total_p90_ms"], r["not_read_as_sent"]]
         for label, r in results.items()],
    )
    print(f"ChatVeil redacted {redacted} values on the way out (warm-up included) and restored them in the streams.")
    return results


if __name__ == "__main__":
    main()
