"""The dashboard's live feed: each open page gets its own queue of server-sent events."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncGenerator

KEEPALIVE_SECONDS = 15.0
_CLOSE = object()


class EventHub:
    def __init__(self, queue_size: int = 256) -> None:
        self.queue_size = queue_size
        self._subscribers: set[asyncio.Queue] = set()

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    def publish(self, kind: str, data: dict) -> None:
        chunk = f"event: {kind}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n".encode()
        for queue in list(self._subscribers):
            try:
                queue.put_nowait(chunk)
            except asyncio.QueueFull:
                pass  # a page that stopped reading misses events; it reloads lists on reconnect

    def close(self) -> None:
        for queue in list(self._subscribers):
            if queue.full():
                queue.get_nowait()  # the end of the stream matters more than one missed event
            queue.put_nowait(_CLOSE)

    async def stream(self) -> AsyncGenerator[bytes, None]:
        queue: asyncio.Queue = asyncio.Queue(self.queue_size)
        self._subscribers.add(queue)
        try:
            # `retry` tells EventSource how soon to reconnect; the comment opens the stream at once.
            yield b"retry: 2000\n: connected\n\n"
            while True:
                try:
                    chunk = await asyncio.wait_for(queue.get(), KEEPALIVE_SECONDS)
                except TimeoutError:
                    chunk = b": keepalive\n\n"  # also how a closed page is noticed
                if chunk is _CLOSE:
                    return
                yield chunk
        finally:
            self._subscribers.discard(queue)
