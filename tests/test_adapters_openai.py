"""OpenAI shapes: chat completions, the Responses API and legacy completions."""

from __future__ import annotations

from proxy.adapters import JSON_STRING, select_adapter
from proxy.adapters.openai_chat import OpenAIChatAdapter
from proxy.adapters.openai_completions import OpenAICompletionsAdapter
from proxy.adapters.openai_responses import OpenAIResponsesAdapter
from tests.request_fixtures import fixture


def located(fields):
    return [(f.location, f.role) for f in fields]


def test_chat_reads_string_and_part_content_names_tool_results_and_tool_arguments():
    document = fixture("openai_chat")["json"]
    assert select_adapter("/v1/chat/completions", document).name == "openai-chat"
    assert located(OpenAIChatAdapter().fields(document)) == [
        (("messages", 0, "content"), "system"),
        (("messages", 1, "content", 0, "text"), "user"),
        (("messages", 1, "name"), "user"),
        (("messages", 2, "tool_calls", 0, "function", "arguments", JSON_STRING, "email"), "assistant"),
        (("messages", 2, "tool_calls", 0, "function", "arguments", JSON_STRING, "note"), "assistant"),
        (("messages", 3, "content"), "tool"),
        (("messages", 4, "content"), "user"),
    ]


def test_chat_accepts_input_text_parts():
    document = {"model": "m", "messages": [{"role": "user", "content": [{"type": "input_text", "text": "hi"}]}]}
    assert [f.text for f in OpenAIChatAdapter().fields(document)] == ["hi"]


def test_chat_is_selected_by_body_shape_on_any_path():
    document = {"model": "llama", "messages": [{"role": "user", "content": "hi"}]}
    assert select_adapter("/openai/deployments/x/chat/completions", document).name == "openai-chat"
    assert select_adapter("/proxy/v9/generate", document).name == "openai-chat"


def test_responses_reads_instructions_input_parts_function_calls_and_outputs():
    document = fixture("openai_responses")["json"]
    assert select_adapter("/v1/responses", document).name == "openai-responses"
    assert located(OpenAIResponsesAdapter().fields(document)) == [
        (("instructions",), "system"),
        (("input", 0, "content", 0, "text"), "user"),
        (("input", 1, "content", 0, "text"), "assistant"),
        (("input", 2, "arguments", JSON_STRING, "email"), "assistant"),
        (("input", 3, "output"), "tool"),
        (("input", 4, "content"), "user"),
    ]


def test_responses_input_as_a_string():
    assert located(OpenAIResponsesAdapter().fields({"model": "m", "input": "hello"})) == [(("input",), "user")]


def test_responses_conversation_object_is_the_hint_and_previous_response_id_is_not():
    adapter = OpenAIResponsesAdapter()
    assert adapter.conversation_hint({"input": "x", "conversation": {"id": "conv_123"}}) == "conv_123"
    assert adapter.conversation_hint({"input": "x", "conversation": "conv_9"}) == "conv_9"
    assert adapter.conversation_hint({"input": "x", "previous_response_id": "resp_1"}) is None


def test_legacy_completion_prompt_string_list_and_suffix():
    adapter = OpenAICompletionsAdapter()
    assert select_adapter("/v1/completions", {"prompt": "x"}).name == "openai-completions"
    assert located(adapter.fields({"prompt": ["a", "b"], "suffix": "c"})) == [
        (("prompt", 0), "user"), (("prompt", 1), "user"), (("suffix",), "user")]


def test_legacy_completion_token_prompts_are_left_alone():
    assert OpenAICompletionsAdapter().fields({"prompt": [[1, 2, 3]]}) == []


def test_tool_arguments_that_are_not_json_are_not_guessed():
    document = {"model": "m", "messages": [{"role": "assistant", "tool_calls": [{"function": {"arguments": "{broken"}}]}]}
    assert OpenAIChatAdapter().fields(document) == []
