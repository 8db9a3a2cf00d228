"""Added latency and throughput of ChatVeil, against plain mitmdump and a direct connection.

Three ways to reach the same local TLS upstream (a chat-API stand-in in its own process):
directly, through plain `mitmdump` (decrypting everything, no addons), and through `chatveil
run` inspecting it. For short (~50 characters), typical (~400) and 8 KB user messages it sends
unique OpenAI-style requests one at a time over a kept-alive connection and reports the median
and p99 round trip; then messages per second and latency with 1, 4 and 20 concurrent clients
(each sending its next message as soon as the previous one is answered), and with 20 clients
that pause 1-3 s between messages as people do; ChatVeil's startup time to the first accepted
connection (with a new confdir, and again with the CA already made); and its resident memory at
start and after the runs. After each request through ChatVeil it times the pipeline alone, in
this process, on another new message of the same size, for the target "median added latency
over mitmdump ≤ analysis time + 2 ms".

    python -m benchmarks.proxy_latency [--requests 200] [--concurrent-requests 300]

Loopback only; every loop is bounded; it stops its processes when done.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import ssl
import statistics
import time

import httpx

from benchmarks.local_servers import (
    Server, percentile, print_table, rss_mib, start_chatveil, start_mitmdump, start_upstream, workdir,
)
from benchmarks.workload import chat_request, message_of_size, short_message, typical_message

SIZES = {
    "short": short_message,
    "typical": typical_message,
    "8 KB": lambda i: message_of_size(i, 8192),
}


def _client_settings(server: Server | None, upstream: Server) -> dict:
    if server is None:
        return {"verify": ssl.create_default_context(cafile=upstream.ca_cert)}
    return {"proxy": server.proxy_url, "verify": ssl.create_default_context(cafile=server.ca_cert)}


def sequential_latencies(server: Server | None, upstream: Server, make_text, n: int, offset: int,
                         analyse=None, analysis: list[float] | None = None) -> list[float]:
    """Round trips of `n` new messages, one at a time. With `analyse`, each request is followed
    by timing the pipeline alone on another new message of the same size, in this process: the
    two then see the same load from the rest of the machine."""
    url = f"https://localhost:{upstream.port}/v1/chat/completions"
    latencies = []
    with httpx.Client(timeout=120, **_client_settings(server, upstream)) as client:
        for i in range(-3, n):  # three warm-up requests open the connection and are not counted
            request = chat_request("openai", make_text(offset + i + 3), i)
            started = time.perf_counter()
            response = client.post(url, content=request.body, headers={"content-type": request.content_type})
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"unexpected {response.status_code}: {response.text[:200]}")
            if i >= 0:
                latencies.append(elapsed)
                if analyse is not None:
                    text = make_text(offset + 50000 + i)
                    started = time.perf_counter()
                    analyse(text)
                    analysis.append((time.perf_counter() - started) * 1000)
    return latencies


async def _concurrent(server: Server | None, upstream: Server, clients: int, total: int, offset: int):
    url = f"https://localhost:{upstream.port}/v1/chat/completions"
    latencies: list[float] = []
    errors = 0
    counter = iter(range(total))
    pool = [httpx.AsyncClient(timeout=300, **_client_settings(server, upstream)) for _ in range(clients)]

    async def send(client: httpx.AsyncClient, text: str) -> httpx.Response:
        request = chat_request("openai", text)
        return await client.post(url, content=request.body, headers={"content-type": request.content_type})

    async def run(client: httpx.AsyncClient) -> None:
        nonlocal errors
        for i in counter:
            started = time.perf_counter()
            response = await send(client, typical_message(offset + i))
            latencies.append((time.perf_counter() - started) * 1000)
            errors += response.status_code != 200

    try:
        # Every client opens its connection first; only the messages after that are timed.
        await asyncio.gather(*(send(c, short_message(offset + 90000 + k)) for k, c in enumerate(pool)))
        started = time.perf_counter()
        await asyncio.gather(*(run(c) for c in pool))
        wall = time.perf_counter() - started
    finally:
        await asyncio.gather(*(c.aclose() for c in pool))
    return latencies, errors, wall


def concurrent_run(server: Server | None, upstream: Server, clients: int, total: int, offset: int):
    return asyncio.run(_concurrent(server, upstream, clients, total, offset))


def local_pipeline():
    """ChatVeil's pipeline in this process, as the proxy builds it: for timing analysis alone."""
    from proxy.pipeline import Pipeline
    from proxy.policy import load_policy
    from proxy.pseudonyms import ConversationPseudonyms

    pipeline = Pipeline(load_policy(None).with_hosts(["localhost"]))
    pipeline.warm_up()
    return lambda text: pipeline.process(text, ConversationPseudonyms())


async def _paced(server: Server, upstream: Server, clients: int, per_client: int, interval: float, offset: int):
    """Each client sends a message, waits `interval` seconds (±50%, seeded), sends the next: people
    chatting at the same time rather than a queue of machines."""
    import random

    url = f"https://localhost:{upstream.port}/v1/chat/completions"
    latencies: list[float] = []
    errors = 0
    rng = random.Random(8)
    pool = [httpx.AsyncClient(timeout=300, **_client_settings(server, upstream)) for _ in range(clients)]

    async def run(k: int, client: httpx.AsyncClient) -> None:
        nonlocal errors
        await asyncio.sleep(rng.uniform(0, interval))
        for j in range(per_client):
            request = chat_request("openai", typical_message(offset + k * 1000 + j))
            started = time.perf_counter()
            response = await client.post(url, content=request.body, headers={"content-type": request.content_type})
            latencies.append((time.perf_counter() - started) * 1000)
            errors += response.status_code != 200
            await asyncio.sleep(interval * rng.uniform(0.5, 1.5))

    try:
        await asyncio.gather(*(run(k, c) for k, c in enumerate(pool)))
    finally:
        await asyncio.gather(*(c.aclose() for c in pool))
    return latencies, errors


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="sequential requests per size (8 KB: half)")
    parser.add_argument("--concurrent-requests", type=int, default=300, help="requests per concurrency level")
    parser.add_argument("--paced-messages", type=int, default=10, help="messages per client in the paced run")
    parser.add_argument("--paced-interval", type=float, default=2.0, help="seconds between a client's messages")
    args = parser.parse_args(argv)
    results: dict = {"latency": {}, "throughput": {}, "startup_s": {}, "rss_mib": {}, "analysis_ms": {},
                     "load": [os.getloadavg()[0]]}
    analyse = local_pipeline()
    base = workdir("latency")
    (base / "upstream").mkdir()
    upstream = start_upstream(base / "upstream")
    try:
        # Startup: a new confdir (the CA is generated), then again with the CA in place.
        cold = start_chatveil(base)
        results["startup_s"]["chatveil, new confdir"] = cold.startup_s
        cold.stop()
        chatveil = start_chatveil(base)
        results["startup_s"]["chatveil, existing CA"] = chatveil.startup_s
        results["rss_mib"]["chatveil at start"] = rss_mib(chatveil.process.pid)
        mitmdump = start_mitmdump(base)
        results["startup_s"]["mitmdump, new confdir"] = mitmdump.startup_s
        results["rss_mib"]["mitmdump at start"] = rss_mib(mitmdump.process.pid)
        try:
            paths = {"direct": None, "mitmdump": mitmdump, "chatveil": chatveil}
            for size, make_text in SIZES.items():
                n = args.requests if size != "8 KB" else max(10, args.requests // 2)
                for k, (label, server) in enumerate(paths.items()):
                    analysis: list[float] = []
                    values = sequential_latencies(server, upstream, make_text, n, offset=(k + 1) * 100000,
                                                  analyse=analyse if label == "chatveil" else None, analysis=analysis)
                    results["latency"][(size, label)] = (statistics.median(values), percentile(values, 99), n)
                    if analysis:
                        results["analysis_ms"][size] = statistics.median(analysis)
            for clients in (1, 4, 20):
                for k, (label, server) in enumerate(paths.items()):
                    values, errors, wall = concurrent_run(server, upstream, clients, args.concurrent_requests,
                                                          offset=(k + 4) * 100000 + clients * 10000)
                    results["throughput"][(clients, label)] = (
                        len(values) / wall, statistics.median(values), percentile(values, 99), errors)
            for label, server in (("mitmdump", mitmdump), ("chatveil", chatveil)):
                values, errors = asyncio.run(_paced(server, upstream, 20, args.paced_messages, args.paced_interval,
                                                    offset=800000 + (label == "chatveil") * 50000))
                results["paced"] = results.get("paced", {})
                results["paced"][label] = (len(values), statistics.median(values), percentile(values, 99), errors)
            results["rss_mib"]["chatveil after the runs"] = rss_mib(chatveil.process.pid)
            results["rss_mib"]["mitmdump after the runs"] = rss_mib(mitmdump.process.pid)
        finally:
            mitmdump.stop()
            chatveil.stop()
    finally:
        upstream.stop()
    results["load"].append(os.getloadavg()[0])
    report(results)
    return results


def report(results: dict) -> None:
    rows = []
    for size in SIZES:
        d, m, c = (results["latency"][(size, label)] for label in ("direct", "mitmdump", "chatveil"))
        added = c[0] - m[0]
        analysis = results["analysis_ms"][size]
        rows.append([size, c[2], d[0], d[1], m[0], m[1], c[0], c[1], added, analysis,
                     "yes" if added <= analysis + 2 else "no"])
    print_table(
        "Sequential round trip per chat request (ms)",
        ["message", "n", "direct p50", "direct p99", "mitmdump p50", "mitmdump p99", "chatveil p50",
         "chatveil p99", "added p50 vs mitmdump", "analysis p50", "added ≤ analysis + 2 ms"],
        rows,
    )
    rows = []
    for clients in (1, 4, 20):
        for label in ("direct", "mitmdump", "chatveil"):
            rate, p50, p99, errors = results["throughput"][(clients, label)]
            rows.append([clients, label, rate, p50, p99, errors])
    print_table("Concurrent clients, typical (~400 character) messages",
                ["clients", "path", "messages/s", "p50 ms", "p99 ms", "errors"], rows)
    if "paced" in results:
        print_table(
            "20 clients chatting at once (each sends a typical message, then waits ~--paced-interval s)",
            ["path", "messages", "p50 ms", "p99 ms", "errors"],
            [[label, n, p50, p99, errors] for label, (n, p50, p99, errors) in results["paced"].items()],
        )
    print_table("Startup to first accepted connection", ["process", "seconds"],
                [[k, f"{v:.2f}"] for k, v in results["startup_s"].items()])
    print_table("Resident memory", ["process", "MiB"], [[k, v] for k, v in results["rss_mib"].items()])
    print(f"\n1-minute load average before / after: {results['load'][0]:.1f} / {results['load'][1]:.1f} (2 cores)")


if __name__ == "__main__":
    main()
