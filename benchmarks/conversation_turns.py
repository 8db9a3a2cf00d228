"""Per-turn cost of a 50-turn conversation, with and without the findings cache.

Chat clients resend the whole history every turn, so without a cache turn n analyses n user
messages and n-1 answers again, and its cost grows with n. With findings cached by content hash
a turn should cost only its new text, and so stay flat. This drives the real Redactor addon
in-process (body parsing, the OpenAI chat adapter, the pipeline, placeholders, the write-back)
with OpenAI-style requests carrying the full history, and times each turn's `request` hook.

    python -m benchmarks.conversation_turns [--turns 50] [--repeat 3]

Each turn is timed `--repeat` times on fresh Redactor state and the median kept (the machine is
shared). The cache-less run gives the pipeline a cache of size 0. "nothing new" sends each turn
again once every text in it is cached: what a turn costs besides analysis (parsing, decisions,
placeholders, masked log hints, write-back).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time

from mitmproxy.test import taddons, tflow, tutils

HOST = "chat.example.com"
PEOPLE = ["Jake Morrison", "Olivia Bennett", "Maria Lopez", "Tom Hargreaves", "Priya Natarajan"]
CARDS = ["4111 1111 1111 1111", "5555 5555 5555 4444", "4012 8888 8888 1881"]


def user_message(turn: int) -> str:
    person, card = PEOPLE[turn % len(PEOPLE)], CARDS[turn % len(CARDS)]
    return (f"Turn {turn}: please draft a short note to {person} about the invoice, and say I paid "
            f"with the card {card}. Mention the delivery on day {turn % 28 + 1} and keep it friendly.")


def assistant_message(turn: int) -> str:
    return (f"Here is a draft for turn {turn}: Thank you for your patience with the invoice. The "
            "payment has gone through and the delivery is on its way. Let me know if you would like "
            "a more formal tone or a shorter version.")


def conversation_request(turns: int) -> bytes:
    messages = [{"role": "system", "content": "You are a helpful assistant who writes short notes."}]
    for n in range(1, turns + 1):
        messages.append({"role": "user", "content": user_message(n)})
        if n < turns:
            messages.append({"role": "assistant", "content": assistant_message(n)})
    return json.dumps({"model": "gpt-4o-mini", "messages": messages}).encode()


def new_redactor(cached: bool):
    from proxy.pipeline import FindingsCache
    from proxy.redactor import Redactor

    redactor = Redactor()
    with taddons.context(redactor) as tctx:
        tctx.configure(redactor, chatveil_inspect_hosts=[HOST], chatveil_warm_up=True)
    if not cached:
        redactor.pipeline.cache = FindingsCache(size=0)
    return redactor


def run_turn(redactor, turns: int) -> float:
    request = tutils.treq(method=b"POST", host=HOST, port=443, scheme=b"https", path=b"/v1/chat/completions",
                          authority=HOST.encode(), content=conversation_request(turns))
    request.headers["content-type"] = "application/json"
    request.headers["host"] = HOST
    flow = tflow.tflow(req=request)
    flow.request.host = HOST
    started = time.perf_counter()
    asyncio.run(redactor.request(flow))
    elapsed = time.perf_counter() - started
    assert flow.response is None and flow.metadata["chatveil"]["action"] == "redact"
    return elapsed * 1000


def measure(turns: int, repeat: int, cached: bool) -> tuple[list[float], tuple[int, int], list[float]]:
    runs = []
    redactor = new_redactor(cached)
    for _ in range(repeat):
        from proxy.pipeline import FindingsCache
        from proxy.pseudonyms import ConversationStore

        # Fresh conversation state and cache each repetition: every run is a whole conversation.
        redactor.pipeline.cache = FindingsCache() if cached else FindingsCache(size=0)
        redactor.conversations = ConversationStore()
        runs.append([run_turn(redactor, n) for n in range(1, turns + 1)])
    cache = redactor.pipeline.cache
    stats = (cache.hits, cache.misses)
    if cached:
        # The same turn again, every text already analysed: what a turn costs besides analysis.
        resent = [statistics.median(run_turn(redactor, n) for _ in range(repeat)) for n in range(1, turns + 1)]
        return [statistics.median(r[i] for r in runs) for i in range(turns)], stats, resent
    return [statistics.median(r[i] for r in runs) for i in range(turns)], stats, []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with_cache, (hits, misses), resent = measure(args.turns, args.repeat, cached=True)
    without_cache, _, _ = measure(args.turns, args.repeat, cached=False)
    shown = sorted({1, *range(10, args.turns + 1, 10), args.turns})
    print(f"{args.turns}-turn OpenAI-style conversation, full history resent each turn; median of {args.repeat} runs")
    print(f"{'turn':>5} {'texts':>6} {'with cache ms':>14} {'without cache ms':>17} {'nothing new ms':>15}")
    for n in shown:
        print(f"{n:>5} {2 * n:>6} {with_cache[n - 1]:>14.1f} {without_cache[n - 1]:>17.1f} {resent[n - 1]:>15.1f}")
    first, last = with_cache[: max(1, args.turns // 5)], with_cache[-max(1, args.turns // 5):]
    print(f"with cache: mean of the first {len(first)} turns {statistics.mean(first):.1f} ms, "
          f"of the last {len(last)} turns {statistics.mean(last):.1f} ms")
    print(f"whole conversation: {sum(with_cache):.0f} ms with cache, {sum(without_cache):.0f} ms without")
    print(f"cache in the last run: {hits} hits, {misses} misses "
          f"(texts analysed: {misses}; texts in all requests: {hits + misses})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
