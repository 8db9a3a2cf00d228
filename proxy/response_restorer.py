"""The ResponseRestorer addon: the user reads their own words in the answer, the service never did.

When a message went out as "write to <PERSON_1> at <STREET_ADDRESS_1>", the answer comes back
with those placeholders (or the `fake` surrogates). For inspected hosts whose policy has
`restore_responses` on, this addon puts the originals back, from the conversation's in-memory
vault (`Redactor.conversations`), in:
- server-sent-event streams (`text/event-stream`): streamed, never buffered. mitmproxy would
  buffer the whole answer unless `stream` is set in `responseheaders`, so it is set there for every
  event stream from an inspected host, to a transform that restores across chunks and events
  (`event_stream_restorer.py`) when the conversation has anything to restore (a compressed
  stream is decompressed chunk by chunk and forwarded uncompressed);
- JSON, NDJSON and text responses (OpenAI, Anthropic, Gemini shapes and any other JSON: every
  string value), decoded from and re-encoded to their content-encoding;
- WebSocket messages from the server, in the same framing as the WebSocketRedactor reads.

Restoring is a convenience, not a protection: the originals only ever travel to the user's own
client. So unlike the Redactor, a failure here forwards the response as it came (the user sees
a placeholder) rather than breaking the answer, with a log line that names no value.
"""

from __future__ import annotations

import json
import logging
import zlib

from mitmproxy import http

from proxy.event_stream_restorer import EventStreamRestorer, restore_all_strings
from proxy.stream_restorer import TextRestorer

logger = logging.getLogger("chatveil")

METADATA_KEY = "chatveil"
_IDENTITY = ("", "identity")


def is_event_stream(response: http.Response) -> bool:
    return response.headers.get("content-type", "").split(";")[0].strip().lower() == "text/event-stream"


class StreamDecoder:
    """Undoes a content-encoding chunk by chunk, so a compressed event stream stays a stream."""

    ENCODINGS = ("gzip", "x-gzip", "deflate", "br", "zstd")

    def __init__(self, encoding: str):
        self.encoding = encoding
        self._decompress = None

    def __call__(self, data: bytes) -> bytes:
        if self._decompress is None:
            self._decompress = self._start(data)
        return self._decompress(data)

    def _start(self, first: bytes):
        if self.encoding in ("gzip", "x-gzip"):
            return zlib.decompressobj(wbits=31).decompress
        if self.encoding == "deflate":
            # "deflate" is zlib-wrapped by the standard and raw in practice: look at the header.
            wrapped = len(first) >= 2 and first[0] & 0x0F == 8 and ((first[0] << 8) | first[1]) % 31 == 0
            return zlib.decompressobj(wbits=15 if wrapped else -15).decompress
        if self.encoding == "br":
            import brotli

            return brotli.Decompressor().process
        import zstandard

        return zstandard.ZstdDecompressor().decompressobj().decompress


class RestoringStream:
    """The `flow.response.stream` callable: raw SSE chunks in, restored chunks out.

    mitmproxy calls it once per chunk received and once with b"" at the end of the response;
    each call returns at once with what can be forwarded, so tokens are not held up.
    """

    def __init__(self, restorer: TextRestorer, host: str, decoder: StreamDecoder | None = None):
        self.events = EventStreamRestorer(restorer)
        self.host = host
        self.decoder = decoder
        self.failed = False

    def __call__(self, data: bytes) -> bytes:
        decoded = b""
        try:
            decoded = self.decoder(data) if self.decoder and data else data
            if self.failed:
                return decoded
            return self.events.feed(decoded) if data else self.events.finish()
        except Exception as e:
            # Restoring is a convenience: forward the rest as it comes (decoded, since the
            # content-encoding header is gone) rather than break the answer.
            if not self.failed:
                logger.error("ChatVeil stopped restoring a stream from %s (%s); forwarding it as it comes", self.host, type(e).__name__)
            self.failed = True
            return self.events.unprocessed() + decoded


class ResponseRestorer:
    """Needs the Redactor: it reads its policy and the conversations' vaults."""

    def __init__(self, redactor) -> None:
        self.redactor = redactor

    def restorer_for(self, flow: http.HTTPFlow) -> TextRestorer | None:
        """What this flow's conversation can restore, or None if nothing (or not allowed)."""
        redactor, policy = self.redactor, self.redactor.policy
        if policy is None or not redactor.inspects(flow) or not policy.restores_responses(flow.request.pretty_host):
            return None
        verdict = flow.metadata.get(METADATA_KEY)
        key = verdict.get("conversation") if isinstance(verdict, dict) else None
        if flow.websocket is not None:
            key = f"ws-{flow.id}"  # the WebSocketRedactor's key: one connection, one conversation
        pseudonyms = redactor.conversations.find(key) if key else None
        if pseudonyms is None:
            return None
        restorer = TextRestorer(pseudonyms.restorations())
        return restorer or None

    def responseheaders(self, flow: http.HTTPFlow) -> None:
        if flow.error or not flow.live or flow.response is None or not is_event_stream(flow.response):
            return
        if not self.redactor.inspects(flow):
            return
        response, host = flow.response, flow.request.pretty_host
        restorer = self.restorer_for(flow)
        if restorer is None:
            response.stream = True  # nothing to restore, but a chat answer must never be buffered
            return
        encoding = response.headers.get("content-encoding", "").strip().lower()
        decoder = None
        if encoding not in _IDENTITY:
            if encoding not in StreamDecoder.ENCODINGS:
                # Unknown or stacked encodings ("gzip, br"): forwarded untouched rather than
                # risk corrupting the answer; the user sees placeholders.
                logger.warning("ChatVeil cannot restore a %s-encoded event stream from %s; forwarding it unchanged", encoding, host)
                response.stream = True
                return
            # Decoded chunk by chunk and forwarded uncompressed: re-compressing per chunk
            # would gain nothing on tokens a few bytes long.
            decoder = StreamDecoder(encoding)
            del response.headers["content-encoding"]
        if "content-length" in response.headers:
            # Restored text has another length; let the client read to the end instead.
            del response.headers["content-length"]
            # Chunked framing is HTTP/1's; an HTTP/2 client reads to the end of the stream.
            if flow.client_conn.alpn != b"h2":
                response.headers["transfer-encoding"] = "chunked"
        response.stream = RestoringStream(restorer, host, decoder)

    def response(self, flow: http.HTTPFlow) -> None:
        response = flow.response
        if flow.error or response is None or response.stream or not response.raw_content:
            return
        restorer = self.restorer_for(flow)
        if restorer is None:
            return
        try:
            self._restore_body(response, restorer)
        except Exception as e:  # the user sees placeholders; the answer itself still arrives
            logger.error("ChatVeil could not restore a response from %s (%s)", flow.request.pretty_host, type(e).__name__)

    @staticmethod
    def _restore_body(response: http.Response, restorer: TextRestorer) -> None:
        from proxy.request_body import dump_json, json_layout

        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        textual = content_type.startswith("text/") or "json" in content_type or content_type == ""
        if not textual:
            return
        text = response.get_text(strict=True)  # decodes content-encoding and charset
        if not text:
            return
        if is_event_stream(response):  # an event stream mitmproxy buffered after all
            events = EventStreamRestorer(restorer)
            restored = (events.feed(text.encode()) + events.finish()).decode()
        elif "ndjson" in content_type or "jsonl" in content_type:
            restored = "".join(_restore_json_text(line, restorer) for line in text.splitlines(keepends=True))
        elif "json" in content_type or text.lstrip()[:1] in ("{", "["):
            try:
                document = json.loads(text)
            except ValueError:
                restored = restorer.restore(text)
            else:
                if not restore_all_strings(document, restorer.restore):
                    return
                restored = dump_json(document, *json_layout(text, json.loads(text)))
        else:
            restored = restorer.restore(text)
        if restored != text:
            response.text = restored  # re-encodes charset and content-encoding, fixes content-length

    def websocket_message(self, flow: http.HTTPFlow) -> None:
        assert flow.websocket is not None
        message = flow.websocket.messages[-1]
        if message.from_client or message.dropped or not message.is_text:
            return
        restorer = self.restorer_for(flow)
        if restorer is None:
            return
        try:
            from proxy.websocket_redactor import parse_frame

            frame = parse_frame(message.text)
            if frame.kind == "json":
                if restore_all_strings(frame.document, restorer.restore):
                    message.text = frame.serialize()
            elif frame.kind == "text":
                restored = restorer.restore(message.text)
                if restored != message.text:
                    message.text = restored
        except Exception as e:
            logger.error("ChatVeil could not restore a WebSocket message from %s (%s)", flow.request.pretty_host, type(e).__name__)


def _restore_json_text(line: str, restorer: TextRestorer) -> str:
    from proxy.request_body import dump_json, json_layout

    body = line.rstrip("\r\n")
    try:
        document = json.loads(body)
    except ValueError:
        return restorer.restore(line)
    if not restore_all_strings(document, restorer.restore):
        return line
    return dump_json(document, *json_layout(body, json.loads(body))) + line[len(body) :]
