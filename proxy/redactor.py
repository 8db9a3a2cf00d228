"""The Redactor addon: reads each outgoing chat message to an inspected host and rewrites it.

It finds the human text in the body (adapters), runs the pipeline on it off the event loop,
applies the policy (redact / warn / block) and leaves a `RequestVerdict` summary in
`flow.metadata["chatveil"]` for the addons after it (the log reads what was decided; it does
not detect again). It never puts a raw value into metadata: flows can be saved to disk.

mitmproxy lets a request through when an addon raises (fail open). A privacy proxy must do the
opposite, so every failure while inspecting a request to an inspected host answers the client
with an error and forwards nothing.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from mitmproxy import ctx, exceptions, http

from proxy.adapters import ChatAdapter, TextField, adapter_for, fields_of, set_at
from proxy.detection.engine import TextTooLong
from proxy.findings import TextOutcome, overall_action
from proxy.masking import KeyedHasher, mask
from proxy.pipeline import Pipeline
from proxy.policy import Policy, PolicyError, load_policy
from proxy.pseudonyms import ConversationStore
from proxy.request_body import BodyTooLarge, ParsedBody, UninspectableBody, parse_query, parse_request_body, write_back

logger = logging.getLogger("chatveil")

METADATA_KEY = "chatveil"
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


@dataclass(frozen=True)
class LoggedFinding:
    """A finding as it may be stored or shown: masked hint and keyed hash, never the value."""

    entity_type: str
    action: str
    score: float
    recognizer: str
    style: str
    hint: str
    value_hash: str


@dataclass(frozen=True)
class RequestVerdict:
    host: str
    path: str
    action: str  # pass | warn | redact | ask | block | error | not-inspected
    adapter: str = ""
    conversation: str = ""
    findings: tuple[LoggedFinding, ...] = field(default=())
    note: str = ""

    @property
    def types(self) -> list[str]:
        return sorted({f.entity_type for f in self.findings})

    # Stored in flow.metadata as plain data: mitmproxy serialises metadata when flows are saved
    # (`-w`), and its serialiser refuses objects it does not know.
    def to_metadata(self) -> dict:
        data = dataclasses.asdict(self)
        data["findings"] = [dataclasses.asdict(f) for f in self.findings]
        return data

    @classmethod
    def from_flow(cls, flow: http.HTTPFlow) -> RequestVerdict | None:
        data = flow.metadata.get(METADATA_KEY)
        if not isinstance(data, dict):
            return None
        data = dict(data)
        data["findings"] = tuple(LoggedFinding(**f) for f in data.get("findings", ()))
        return cls(**data)


def _mtime(path: str | None) -> float:
    try:
        return os.stat(path).st_mtime if path else 0.0
    except OSError:
        return -1.0


def error_response(status: int, kind: str, message: str, findings: Sequence[LoggedFinding] = ()) -> http.Response:
    """A JSON error both the OpenAI and Anthropic SDKs surface: they read `error.message`."""
    body = {
        "type": "error",
        "error": {
            "type": kind,
            "code": kind,
            "message": message,
            "findings": [{"type": f.entity_type, "hint": f.hint} for f in findings],
        },
    }
    return http.Response.make(
        status, json.dumps(body).encode(), {"content-type": "application/json", "x-chatveil": kind}
    )


def refuse(flow: http.HTTPFlow, status: int, kind: str, reason: str, note: str) -> None:
    """Answer the client with `reason` and forward nothing; the log records an error verdict."""
    flow.metadata[METADATA_KEY] = RequestVerdict(
        flow.request.pretty_host, flow.request.path.split("?")[0], "error", note=note
    ).to_metadata()
    flow.response = error_response(status, kind, f"{reason}, so it was not sent.")


class Redactor:
    def __init__(self) -> None:
        self.policy: Policy | None = None
        self.pipeline: Pipeline | None = None
        self.conversations = ConversationStore()
        self.hasher: KeyedHasher | None = None
        # One worker: Presidio and spaCy are not known to be thread-safe, and a queue of one
        # keeps a slow message from stalling the event loop that carries unrelated traffic.
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chatveil-analysis")
        self._our_allow_hosts: list[str] = []
        # Apps whose server assigns the conversation id (ChatGPT web) send none on the first
        # turn: host → key of its latest id-less conversation, and id key → that key.
        self._awaiting_id: dict[str, tuple[float, str]] = {}
        self._conversation_aliases: dict[str, str] = {}
        self._loaded_from: tuple = ()

    def load(self, loader) -> None:
        loader.add_option(
            "chatveil_policy",
            str,
            "",
            "ChatVeil policy file (YAML): which hosts are inspected and what happens to each kind "
            "of personal data found in their chat messages. Empty: the bundled default policy.",
        )
        loader.add_option(
            "chatveil_inspect_hosts",
            Sequence[str],
            [],
            "Extra hosts to inspect, in addition to those the policy lists (subdomains included).",
        )
        loader.add_option(
            "chatveil_warm_up",
            bool,
            True,
            "Run one analysis at start so the first chat message does not pay for loading the model.",
        )

    def configure(self, updated: set[str]) -> None:
        if not {"chatveil_policy", "chatveil_inspect_hosts"} & updated and self.policy is not None:
            return
        path = ctx.options.chatveil_policy or None
        source = (path, tuple(ctx.options.chatveil_inspect_hosts), _mtime(path))
        if self.policy is not None and source == self._loaded_from:
            return  # mitmproxy's rollback after a bad policy re-applies the good one: keep it
        try:
            policy = load_policy(path).with_hosts(list(ctx.options.chatveil_inspect_hosts))
            pipeline = Pipeline(policy)
            if ctx.options.chatveil_warm_up:
                pipeline.warm_up()
            hasher = KeyedHasher.from_file()
        except (PolicyError, RuntimeError, OSError) as e:
            raise exceptions.OptionsError(f"Cannot load policy {path or 'default'}: {e}") from None
        self.policy, self.pipeline, self.hasher = policy, pipeline, hasher
        self.conversations.language = policy.language  # `fake` surrogates in the policy's language
        self._loaded_from = source
        self._decrypt_only_inspected_hosts(policy)

    def _decrypt_only_inspected_hosts(self, policy: Policy) -> None:
        # Only connections to inspected hosts are decrypted; everything else is tunnelled with
        # the origin's own certificate. Patterns the user added themselves are kept.
        ours = policy.allow_hosts_patterns()
        # mitmproxy answers its onboarding host (http://mitm.it, where people fetch the CA)
        # itself; if it were not let in, the request would be tunnelled out to the real host.
        if getattr(ctx.options, "onboarding", False):  # absent where the onboarding addon is
            ours.append(rf"^{re.escape(ctx.options.onboarding_host)}:\d+$")
        theirs = [p for p in ctx.options.allow_hosts if p not in self._our_allow_hosts]
        self._our_allow_hosts = ours
        if ctx.options.ignore_hosts and not theirs:
            return  # the user chose ignore_hosts; mitmproxy forbids combining the two
        if list(ctx.options.allow_hosts) != theirs + ours:
            ctx.options.update(allow_hosts=theirs + ours)

    def inspects(self, flow: http.HTTPFlow) -> bool:
        return self.policy is not None and (
            self.policy.inspects(flow.request.pretty_host) or self.policy.inspects(flow.request.host)
        )

    def requestheaders(self, flow: http.HTTPFlow) -> None:
        if flow.response or flow.error or not flow.live:
            return
        if self.inspects(flow):
            # `stream_large_bodies` would forward a large body chunk by chunk, unread.
            flow.request.stream = False

    async def request(self, flow: http.HTTPFlow) -> None:
        if flow.response or flow.error or not flow.live or not self.inspects(flow):
            return
        if flow.request.method not in _BODY_METHODS and "?" not in flow.request.path:
            return
        try:
            await self._inspect(flow)
        except TextTooLong as e:
            refuse(flow, 413, "chatveil_too_long", f"This message is too long for ChatVeil to inspect ({e})", "text too long")
        except Exception as e:  # fail closed: nothing we could not read goes out
            logger.error(
                "ChatVeil blocked a request to %s%s: inspection failed (%s)",
                flow.request.pretty_host,
                flow.request.path.split("?")[0],
                type(e).__name__,
            )
            refuse(
                flow, 503, "chatveil_inspection_failed",
                f"ChatVeil could not inspect this message ({type(e).__name__})", type(e).__name__,
            )

    async def _inspect(self, flow: http.HTTPFlow) -> None:
        assert self.policy is not None and self.pipeline is not None
        policy, pipeline = self.policy, self.pipeline
        host, path = flow.request.pretty_host, flow.request.path.split("?")[0]
        try:
            # GET chat and search requests carry the typed text in the query string.
            body = parse_request_body(flow.request) if flow.request.method in _BODY_METHODS else parse_query(flow.request)
            if body.kind == "empty" and "?" in flow.request.path:
                body = parse_query(flow.request)  # a bodiless POST that sends its text like a GET
        except UninspectableBody as e:
            status = 413 if isinstance(e, BodyTooLarge) else 415
            refuse(flow, status, "chatveil_uninspectable", f"ChatVeil could not read this message ({e})", str(e))
            return
        if body.kind in ("empty", "binary"):
            flow.metadata[METADATA_KEY] = RequestVerdict(host, path, "not-inspected", note=body.kind).to_metadata()
            return

        adapter, fields = self._fields(host, path, body)
        if body.kind == "query" and not fields:
            return  # a GET without typed text: nothing to decide or log
        conversation = self._conversation_key(host, adapter, adapter.conversation_hint(body.document, path), fields)
        pseudonyms = self.conversations.get(conversation)
        loop = asyncio.get_running_loop()
        outcomes: list[TextOutcome] = await loop.run_in_executor(
            self.executor, lambda: [pipeline.process(f.text, pseudonyms) for f in fields]
        )
        logged = tuple(self._logged(o) for o in outcomes)
        findings = tuple(f for group in logged for f in group)
        action = overall_action([d for o in outcomes for d in o.decisions])
        verdict = RequestVerdict(host, path, action, adapter.name, conversation, findings)
        flow.metadata[METADATA_KEY] = verdict.to_metadata()

        if action == "ask":
            # Held until the user answers on the dashboard, or `ask.on_timeout` applies.
            from proxy.ask_choice import hold_for_answer

            asks = getattr(ctx.master.addons.get("dashboard"), "asks", None)
            verdict, outcomes = await hold_for_answer(asks, verdict, outcomes, pseudonyms, policy.ask)
            action, findings = verdict.action, verdict.findings
            flow.metadata[METADATA_KEY] = verdict.to_metadata()

        if action == "block":
            flow.response = error_response(
                403,
                "chatveil_blocked",
                "ChatVeil blocked this message because it contains "
                + ", ".join(verdict.types)
                + ". Remove those details and send it again.",
                [f for f in findings if f.action == "block"],
            )
            logger.warning("ChatVeil blocked a message to %s%s: %s", host, path, ", ".join(verdict.types))
            return
        changed = [(f, o) for f, o in zip(fields, outcomes) if o.redacted != o.original]
        if changed:
            self._write_back(flow, body, changed)
        if action in ("redact", "warn"):
            logger.log(
                logging.WARNING if action == "warn" else logging.INFO,
                "ChatVeil %s %s in a message to %s%s",
                "warns about" if action == "warn" else "redacted",
                ", ".join(f"{f.entity_type} {f.hint}" for f in findings if f.action != "allow"),
                host,
                path,
            )

    def _fields(self, host: str, path: str, body: ParsedBody) -> tuple[ChatAdapter, list[TextField]]:
        assert self.policy is not None
        rule = self.policy.host_rule(host)
        adapter = adapter_for(body.kind, path, body.document, rule.fields if rule else ())
        return adapter, fields_of(adapter, body.kind, body.document)

    def _conversation_key(self, host: str, adapter: ChatAdapter, hint: str | None, fields: list[TextField]) -> str:
        # Clients resend the whole history, so its first message identifies the conversation
        # when the format carries no id of its own.
        seed = hint or next((f.text for f in fields if f.role == "user"), fields[0].text if fields else "")
        key = hashlib.blake2b(f"{host}\n{seed}".encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
        if not adapter.ids_assigned_by_server:
            return key
        now = time.monotonic()
        if hint is None:
            self._awaiting_id[host] = (now, key)
            return key
        if key not in self._conversation_aliases:
            # The first id-bearing turn continues the host's latest id-less first turn.
            started, first_key = self._awaiting_id.pop(host, (0.0, ""))
            self._conversation_aliases[key] = first_key if first_key and now - started < 3600 else key
            while len(self._conversation_aliases) > 10_000:  # bounded like ConversationStore
                del self._conversation_aliases[next(iter(self._conversation_aliases))]
        return self._conversation_aliases[key]

    def _logged(self, outcome: TextOutcome) -> tuple[LoggedFinding, ...]:
        assert self.hasher is not None
        out = []
        for d in outcome.decisions:
            value = d.finding.value_in(outcome.original)
            out.append(
                LoggedFinding(
                    d.finding.entity_type,
                    d.action,
                    d.finding.score,
                    d.finding.recognizer,
                    d.style,
                    mask(value, d.finding.entity_type),
                    self.hasher.digest(value, d.finding.entity_type),
                )
            )
        return tuple(out)

    @staticmethod
    def _write_back(flow: http.HTTPFlow, body: ParsedBody, changed: list[tuple[TextField, TextOutcome]]) -> None:
        for field_, outcome in changed:
            set_at(body.document, field_.location, outcome.redacted)
        # Re-encodes in the body's own charset and content-encoding; fixes content-length.
        write_back(flow.request, body)

    def done(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
