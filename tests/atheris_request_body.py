"""Coverage-guided fuzzing (atheris) of body parsing, the adapters and write-back, as a script.

    python tests/atheris_request_body.py -runs=20000 -max_len=2048

Any exception other than `UninspectableBody` is a crash atheris reports (and the process exits
non-zero); `tests/test_fuzz_atheris.py` runs it for a bounded number of inputs.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from proxy.adapters import adapter_for, fields_of, set_at
    from proxy.request_body import UninspectableBody, parse_content, serialize_body

CONTENT_TYPES = (
    "", "application/json", "application/json; charset=utf-16", "text/plain; charset=latin-1",
    "application/x-www-form-urlencoded", "multipart/form-data; boundary=b", "text/plain", "image/png",
)
PATHS = ("/v1/chat/completions", "/v1/messages", "/v1/responses", "/api/chat", "/backend-api/conversation",
         "/v1beta/models/gemini:generateContent", "/api/send")


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    content_type = CONTENT_TYPES[fdp.ConsumeIntInRange(0, len(CONTENT_TYPES) - 1)]
    path = PATHS[fdp.ConsumeIntInRange(0, len(PATHS) - 1)]
    body = fdp.ConsumeBytes(fdp.remaining_bytes())
    try:
        parsed = parse_content(body, content_type)
    except UninspectableBody:
        return
    if parsed.kind in ("binary", "empty"):
        return
    adapter = adapter_for(parsed.kind, path, parsed.document)
    for field in fields_of(adapter, parsed.kind, parsed.document):
        set_at(parsed.document, field.location, "<PERSON_1>")
    serialize_body(parsed)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
