"""Field paths: the policy's per-host `fields` ("messages[].content", "payload.text") and what
`chatveil learn` proposes.

A path names keys with dots, any list item with `[]`, a given item with `[2]`, any key with `*`,
and a step into a JSON string with `#`. Keys that contain a dot or bracket are quoted:
`["f.req"]#[1]#[0][0]`. In form and query documents the first step is the field's name.
"""

from __future__ import annotations

import json
import re
from typing import Any

from proxy.adapters.base import JSON_STRING, ChatAdapter, Location, TextField, parse_embedded

_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_$@:-]+$")
_TOKEN = re.compile(r'\["((?:[^"\\]|\\.)*)"\]|\[(\d*)\]|#|\.?([^.\[\]#]+)')


def render_path(location: Location, pairs: bool = False, generic_indexes: bool = True) -> str:
    """`("messages", 0, "content")` → `messages[].content`. With `pairs`, the document is a
    name/value list and `(3, 1, ...)` is rendered as the field's name (see `field_path`)."""
    out = []
    for step in location:
        if step is JSON_STRING:
            out.append("#")
        elif isinstance(step, int):
            out.append("[]" if generic_indexes else f"[{step}]")
        else:
            key = str(step)
            if _PLAIN_KEY.match(key) and key != "*":
                out.append(("." if out and out[-1] != "#" else "") + key)
            else:
                out.append(f"[{json.dumps(key)}]")
    return "".join(out)


def field_path(document: Any, location: Location, kind: str) -> str:
    """The path of a location, with name/value documents' `(i, 1)` turned into the name."""
    if kind in ("form", "multipart", "query") and len(location) >= 2:
        name = document[location[0]][0]
        return render_path((name,) + tuple(location[2:]))
    return render_path(location)


def _tokens(path: str) -> list[tuple[str, Any]]:
    tokens: list[tuple[str, Any]] = []
    position = 0
    while position < len(path):
        m = _TOKEN.match(path, position)
        if not m or m.end() == position:
            raise ValueError(f"cannot read field path {path!r} at {path[position:]!r}")
        position = m.end()
        if m.group(1) is not None:
            tokens.append(("key", json.loads(f'"{m.group(1)}"')))
        elif m.group(0).startswith("["):
            tokens.append(("index", int(m.group(2)) if m.group(2) else None))
        elif m.group(0) == "#":
            tokens.append(("json", None))
        else:
            tokens.append(("key", m.group(3)))
    return tokens


class FieldPath:
    """One compiled path; `matches(steps)` for the steps of a location."""

    def __init__(self, path: str):
        self.path = path
        self.tokens = _tokens(path.strip())

    def matches(self, steps: tuple) -> bool:
        if len(steps) != len(self.tokens):
            return False
        for (kind, want), step in zip(self.tokens, steps):
            if kind == "json":
                if step is not JSON_STRING:
                    return False
            elif kind == "index":
                if not isinstance(step, int) or (want is not None and want != step):
                    return False
            elif step is JSON_STRING or isinstance(step, int) or (want != "*" and want != step):
                return False
        return True


class FieldPathAdapter(ChatAdapter):
    """The texts at the policy's field paths for this host, and nothing else."""

    name = "policy-fields"
    kinds = frozenset({"json", "form", "multipart", "query", "text"})

    def __init__(self, paths: tuple[str, ...]):
        self.paths = tuple(FieldPath(p) for p in paths)

    def matches(self, path: str, document: Any) -> bool:
        return True

    def fields(self, document: Any, kind: str = "json") -> list[TextField]:
        found: list[TextField] = []
        if kind == "text":
            return [TextField((0,), document[0])] if document[0].strip() else []
        if kind in ("form", "multipart", "query"):
            for i, (name, value) in enumerate(document):
                self._walk(value, (i, 1), (name,), found)
        else:
            self._walk(document, (), (), found)
        return found

    def _walk(self, node: Any, location: Location, steps: tuple, found: list[TextField]) -> None:
        if len(steps) > 64:
            raise ValueError("JSON nested too deeply to inspect")
        if isinstance(node, dict):
            for k, v in node.items():
                self._walk(v, location + (k,), steps + (k,), found)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                self._walk(v, location + (i,), steps + (i,), found)
        elif isinstance(node, str):
            if any(p.matches(steps) for p in self.paths):
                found.append(TextField(location, node))
            elif any(t[0] == "json" for p in self.paths for t in p.tokens):
                inner = parse_embedded(node)
                if inner is not None:
                    self._walk(inner, location + (JSON_STRING,), steps + (JSON_STRING,), found)
