"""Soak: many requests of mixed wire formats through ChatVeil, watching its memory and file descriptors.

20 concurrent clients send `--requests` (default 20,000) unique chat messages in turn as OpenAI,
Anthropic, Gemini, generic JSON, form and plain-text requests to an inspected local TLS upstream.
Every `--sample-every` seconds it reads the proxy's resident memory and open file descriptors
from /proc; at the end it reports whether memory levelled off (growth over the second half of
the run, per 1,000 requests), how the descriptor count moved, and every response that was not
a 200 (none is asked for: all messages are ones the default policy redacts).

    python -m benchmarks.soak [--requests 20000] [--clients 20]

Loopback only; the run is bounded by the request count (and a one-hour ceiling); it stops its
processes when done.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import ssl
import time

import httpx

from benchmarks.local_servers import (
    open_fds, percentile, print_table, rss_mib, start_chatveil, start_upstream, workdir,
)
from benchmarks.workload import FORMATS, chat_request, message_of_size, short_message, typical_message

CEILING_S = 3600


def message(i: int) -> str:
    # Mostly typical messages, some short, a few pasted 2 KB ones: all with personal details.
    kind = i % 10
    if kind < 3:
        return short_message(i)
    if kind < 9:
        return typical_message(i)
    return message_of_size(i, 2048)


async def soak(proxy, upstream, total: int, clients: int, sample_every: float):
    verify = ssl.create_default_context(cafile=proxy.ca_cert)
    base = f"https://localhost:{upstream.port}"
    counter = iter(range(total))
    done = 0
    statuses: collections.Counter[int] = collections.Counter()
    failures: collections.Counter[str] = collections.Counter()
    latencies: list[float] = []
    samples: list[tuple[float, int, float, int]] = []
    started = time.monotonic()

    async def client_loop() -> None:
        nonlocal done
        async with httpx.AsyncClient(proxy=proxy.proxy_url, verify=verify, timeout=300) as client:
            for i in counter:
                if time.monotonic() - started > CEILING_S:
                    return
                request = chat_request(FORMATS[i % len(FORMATS)], message(i), i)
                t0 = time.perf_counter()
                try:
                    response = await client.post(base + request.path, content=request.body,
                                                 headers={"content-type": request.content_type})
                    statuses[response.status_code] += 1
                    if response.status_code != 200:
                        failures[f"{request.format} {response.status_code} {response.headers.get('x-chatveil', '')}"] += 1
                except httpx.HTTPError as e:
                    failures[f"{request.format} {type(e).__name__}"] += 1
                latencies.append((time.perf_counter() - t0) * 1000)
                done += 1

    async def sampler() -> None:
        while True:
            samples.append((time.monotonic() - started, done, rss_mib(proxy.process.pid), open_fds(proxy.process.pid)))
            await asyncio.sleep(sample_every)

    sampling = asyncio.create_task(sampler())
    await asyncio.gather(*(client_loop() for _ in range(clients)))
    sampling.cancel()
    await asyncio.sleep(1.0)  # let the proxy close the clients' connections
    samples.append((time.monotonic() - started, done, rss_mib(proxy.process.pid), open_fds(proxy.process.pid)))
    return samples, statuses, failures, latencies, time.monotonic() - started


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--sample-every", type=float, default=5.0, help="seconds between /proc samples")
    args = parser.parse_args(argv)
    base = workdir("soak")
    (base / "upstream").mkdir()
    load_before = os.getloadavg()
    upstream = start_upstream(base / "upstream")
    try:
        proxy = start_chatveil(base)
        try:
            rss_start, fds_start = rss_mib(proxy.process.pid), open_fds(proxy.process.pid)
            samples, statuses, failures, latencies, wall = asyncio.run(
                soak(proxy, upstream, args.requests, args.clients, args.sample_every))
        finally:
            proxy.stop()
    finally:
        upstream.stop()
    completed = samples[-1][1]
    half = [s for s in samples if s[1] >= completed / 2]
    growth_per_1000 = ((half[-1][2] - half[0][2]) / max(1, half[-1][1] - half[0][1]) * 1000) if len(half) > 1 else float("nan")
    results = {
        "requests": completed,
        "clients": args.clients,
        "wall_s": wall,
        "rate": completed / wall,
        "rss_start": rss_start,
        "rss_end": samples[-1][2],
        "rss_max": max(s[2] for s in samples),
        "rss_half": half[0][2] if half else float("nan"),
        "growth_per_1000_second_half": growth_per_1000,
        "fds_start": fds_start,
        "fds_end": samples[-1][3],
        "fds_max": max(s[3] for s in samples),
        "statuses": dict(statuses),
        "failures": dict(failures),
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
        "load": (load_before, os.getloadavg()),
    }
    step = max(1, len(samples) // 12)
    shown = samples[::step] + ([samples[-1]] if (len(samples) - 1) % step else [])
    print_table("Soak samples", ["seconds", "requests done", "RSS MiB", "open fds"],
                [[f"{t:.0f}", n, rss, fds] for t, n, rss, fds in shown])
    print_table("Soak summary", ["figure", "value"], [
        ["requests completed", completed],
        ["concurrent clients", args.clients],
        ["wall time (s)", f"{wall:.0f}"],
        ["messages/s", f"{results['rate']:.1f}"],
        ["latency p50 / p99 (ms)", f"{results['p50']:.0f} / {results['p99']:.0f}"],
        ["RSS at start / half-way / end / max (MiB)",
         f"{rss_start:.0f} / {results['rss_half']:.0f} / {results['rss_end']:.0f} / {results['rss_max']:.0f}"],
        ["RSS growth over the second half (MiB per 1,000 requests)", f"{growth_per_1000:.2f}"],
        ["open fds at start / end / max", f"{fds_start} / {results['fds_end']} / {results['fds_max']}"],
        ["responses by status", ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items()))],
        ["responses not asked for", ", ".join(f"{k}: {v}" for k, v in failures.items()) or "none"],
        ["load average before / after", f"{load_before[0]:.1f} / {results['load'][1][0]:.1f}"],
    ])
    return results


if __name__ == "__main__":
    main()
