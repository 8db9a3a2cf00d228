"""Form fields, multipart text parts and query-string parameters."""

from __future__ import annotations

import json

from proxy.adapters import JSON_STRING, adapter_for
from proxy.adapters.form_fields import FormFieldsAdapter, QueryParametersAdapter


def test_form_values_are_judged_by_name_and_content():
    document = [["question", "where is it?"], ["csrf_token", "d41d8cd98f00b204e9800998ecf8427e"], ["lang", "en"],
                ["page", "2"], ["data", json.dumps({"text": "inner words"})]]
    fields = FormFieldsAdapter().fields(document)
    assert [(f.location, f.text) for f in fields] == [
        ((0, 1), "where is it?"), ((4, 1, JSON_STRING, "text"), "inner words")]


def test_query_reads_only_parameters_named_for_typed_text():
    document = [["q", "weather in town"], ["source", "hp words"], ["prompt", "hello"], ["utm_campaign", "spring sale"]]
    assert [f.text for f in QueryParametersAdapter().fields(document)] == ["weather in town", "hello"]


def test_adapter_for_picks_by_document_kind():
    assert adapter_for("form", "/x", []).name == "form-fields"
    assert adapter_for("multipart", "/x", []).name == "form-fields"
    assert adapter_for("query", "/x", []).name == "query-string"
    assert adapter_for("text", "/x", ["t"]).name == "plain-text"


def test_bodiless_post_with_typed_text_in_the_query_is_redacted():
    from tests.request_fixtures import CARD, assert_nothing_planted, configured_redactor, make_request, run_request

    flow = run_request(configured_redactor(), make_request("POST", f"/api/ask?q=my+card+is+{CARD.replace(' ', '+')}&v=2", b""))
    assert flow.metadata["chatveil"]["adapter"] == "query-string"
    assert "v=2" in flow.request.path
    assert_nothing_planted(flow.request.path.replace("+", " "))
