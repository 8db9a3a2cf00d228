"""Scoring of `chatveil eval` on tiny hand-made examples, and one run of the command itself."""

from __future__ import annotations

import json
import socket

import pytest

from proxy.cli import main
from proxy.evaluation import (
    Corpus,
    CorpusError,
    CorpusMessage,
    EngineOutput,
    LabelledSpan,
    aggregate,
    evaluate,
    format_table,
    is_caught,
    load_corpus,
    merge_regions,
    occurs,
    percentile,
    report_json,
    score_message,
)

TEXT = "im Jane Doe, meet at 5pm, card 4111 1111 1111 1111"
NAME = LabelledSpan(3, 11, "PERSON")
CARD = LabelledSpan(31, 50, "CREDIT_CARD")
MESSAGE = CorpusMessage(id="t1", text=TEXT, spans=(NAME, CARD), keep=("5pm",))


def replaced(text: str, regions: list[tuple[int, int]]) -> EngineOutput:
    """The output an engine would give if it replaced exactly `regions` with <X>."""
    pieces, cursor = [], 0
    for a, b in merge_regions(regions):
        pieces += [text[cursor:a], "<X>"]
        cursor = b
    pieces.append(text[cursor:])
    return EngineOutput("".join(pieces), merge_regions(regions), 0.002)


def test_fully_replaced_values_are_caught_and_not_leaked():
    score = score_message(MESSAGE, replaced(TEXT, [(3, 11), (31, 50)]))
    assert [(v.caught, v.leaked) for v in score.values] == [(True, False), (True, False)]


def test_untouched_value_is_leaked_verbatim_and_not_caught():
    score = score_message(MESSAGE, replaced(TEXT, [(31, 50)]))
    assert (score.values[0].caught, score.values[0].leaked) == (False, True)


def test_partial_redaction_is_neither_caught_nor_leaked():
    # Only "Jane" replaced: "Doe" survives, so the name is not caught, yet not verbatim either.
    score = score_message(MESSAGE, replaced(TEXT, [(3, 7)]))
    assert (score.values[0].caught, score.values[0].leaked) == (False, False)


def test_card_replaced_in_two_pieces_around_a_separator_is_caught():
    text = "card 4111 1111\n1111 1111 thanks"
    card = LabelledSpan(5, 24, "CREDIT_CARD")
    assert is_caught(text, card, merge_regions([(5, 14), (15, 24)]))
    assert not is_caught(text, card, merge_regions([(5, 14)]))


def test_precision_counts_replaced_regions_that_overlap_a_label():
    # Name, card and the harmless "5pm" replaced: 2 of 3 regions are on labelled values.
    score = score_message(MESSAGE, replaced(TEXT, [(3, 11), (21, 24), (31, 50)]))
    assert (score.replaced_regions, score.replaced_on_labels) == (3, 2)


def test_overlapping_replacements_count_as_one_region():
    score = score_message(MESSAGE, replaced(TEXT, [(3, 7), (5, 11)]))
    assert score.replaced_regions == 1


def test_keep_string_replaced_is_not_kept():
    kept = score_message(MESSAGE, replaced(TEXT, [(3, 11)]))
    lost = score_message(MESSAGE, replaced(TEXT, [(21, 24)]))
    assert (kept.keep_kept, lost.keep_kept, lost.keep_total) == (1, 0, 1)


def test_digits_of_a_placeholder_do_not_count_as_a_kept_number():
    message = CorpusMessage(id="t5", text="table for 1 please", keep=("1",))
    output = EngineOutput("table for <CARDINAL_1> please", ((10, 11),), 0.001)
    assert score_message(message, output).keep_kept == 0


def test_occurs_matches_whole_tokens_only():
    assert occurs("call Al later", "Al")
    assert not occurs("Also later", "Al")
    assert not occurs("id 424242", "4242")
    assert occurs("€100!", "€100")


def test_aggregate_groups_types_and_computes_shares():
    scores = [
        score_message(MESSAGE, replaced(TEXT, [(3, 11)])),  # name caught, card leaked
        score_message(MESSAGE, replaced(TEXT, [(3, 11), (31, 50)])),  # both caught
    ]
    report = aggregate("x", scores)
    assert report.per_group["names"].caught_share == 1.0
    assert report.per_group["payment"].caught_share == 0.5
    assert report.per_group["payment"].leaked_share == 0.5
    assert report.per_group["addresses"].caught_share is None
    assert report.precision == 1.0
    assert report.keep_share == 1.0


def test_pii_free_message_counts_as_untouched_only_if_nothing_was_replaced():
    clean = CorpusMessage(id="t3", text="see you at 5pm", keep=("5pm",))
    untouched = score_message(clean, replaced(clean.text, []))
    touched = score_message(clean, replaced(clean.text, [(11, 14)]))
    report = aggregate("x", [untouched, touched, score_message(MESSAGE, replaced(TEXT, []))])
    assert (report.pii_free_messages, report.pii_free_untouched) == (2, 1)


def test_detected_types_are_tallied_by_whether_they_hit_a_label():
    output = EngineOutput("x", ((3, 11), (21, 24)), 0.001, ((3, 11, "PERSON"), (21, 24, "PERSON"), (21, 24, "DATE_TIME")))
    report = aggregate("x", [score_message(MESSAGE, output)])
    assert report.detected == {"PERSON": (2, 1), "DATE_TIME": (1, 0)}


def test_values_are_also_tallied_by_the_language_tag_of_their_message():
    german = CorpusMessage(id="t4", text="ich bin Jana", spans=(LabelledSpan(8, 12, "PERSON"),), tags=("de",))
    report = aggregate("x", [score_message(german, replaced(german.text, [])), score_message(MESSAGE, replaced(TEXT, []))])
    assert report.per_language == {"de": report.per_language["de"]}
    assert (report.per_language["de"].total, report.per_language["de"].leaked) == (1, 1)


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 95) == 95
    assert percentile([3.0], 95) == 3.0
    assert percentile([], 95) == 0.0


class ReplaceNames:
    """A stand-in engine that replaces "Jane Doe" and nothing else."""

    name = "stub"

    def run(self, text: str) -> EngineOutput:
        start = text.find("Jane Doe")
        return replaced(text, [(start, start + 8)] if start >= 0 else [])


def test_evaluate_scores_every_engine_on_every_message():
    corpus = Corpus(messages=(MESSAGE, CorpusMessage(id="t2", text="nothing here at 5pm", keep=("5pm",))))
    [report] = evaluate(corpus, [ReplaceNames()])
    assert report.messages == 2
    assert report.per_type["PERSON"].caught == 1
    assert report.per_type["CREDIT_CARD"].leaked == 1
    table = format_table([report])
    assert "names" in table and "CREDIT_CARD" in table
    assert report_json([report])["engines"]["stub"]["groups"]["payment"]["leaked_verbatim"] == 1.0


def test_load_corpus_reads_spans_and_the_meta_allow_list(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "hi Jo", "spans": [{"start": 3, "end": 5, "type": "PERSON"}]}) + "\n")
    (tmp_path / "c.meta.json").write_text(json.dumps({"allow_list": ["Luna"]}))
    corpus = load_corpus(path)
    assert corpus.messages[0].spans == (LabelledSpan(3, 5, "PERSON"),)
    assert corpus.allow_list == ("Luna",)


def test_load_corpus_rejects_a_span_outside_the_text(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"text": "hi", "spans": [{"start": 0, "end": 9, "type": "PERSON"}]}) + "\n")
    with pytest.raises(CorpusError, match=r"c.jsonl:1: span 0-9"):
        load_corpus(path)


@pytest.fixture
def ten_message_corpus(tmp_path):
    from proxy.evaluation import DEFAULT_CORPUS_PATH, meta_path

    lines = DEFAULT_CORPUS_PATH.read_text(encoding="utf-8").splitlines()
    # A slice with names, addresses and payment details in it, not just the first ten.
    picked = lines[:4] + lines[71:74] + lines[140:143]
    path = tmp_path / "slice.jsonl"
    path.write_text("\n".join(picked) + "\n", encoding="utf-8")
    (tmp_path / "slice.meta.json").write_text(meta_path(DEFAULT_CORPUS_PATH).read_text(encoding="utf-8"))
    return path


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the evaluation tried to open a network connection")

    # Name resolution comes first: tldextract's fetch of the Public Suffix List fails there.
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_eval_command_prints_both_engines_side_by_side(ten_message_corpus, no_network, capsys):
    assert main(["eval", "--corpus", str(ten_message_corpus)]) == 0
    out = capsys.readouterr().out
    assert "10 messages" in out
    header = next(line for line in out.splitlines() if "ChatVeil" in line)
    assert "vanilla Presidio" in header
    for label in ("names", "addresses", "payment", "precision", "must-keep kept", "latency median", "latency p95"):
        assert any(line.startswith(label) for line in out.splitlines()), label


def test_eval_command_json_has_the_same_figures_for_both_engines(ten_message_corpus, no_network, capsys):
    assert main(["eval", "--corpus", str(ten_message_corpus), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["messages"] == 10
    assert set(result["engines"]) == {"ChatVeil", "vanilla Presidio"}
    for figures in result["engines"].values():
        assert set(figures["groups"]) == {"names", "addresses", "payment"}
        assert {"precision", "must_keep_kept", "latency_ms"} <= set(figures)
        assert figures["latency_ms"]["median"] > 0


def test_eval_command_reports_a_missing_corpus_as_one_error_line(tmp_path, capsys):
    assert main(["eval", "--corpus", str(tmp_path / "missing.jsonl")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "missing.jsonl" in err and "Traceback" not in err


def test_vanilla_presidio_uses_only_presidio_recognizers_even_beside_chatveils(no_network):
    # ChatVeil's recognizers share class names with Presidio's (PhoneRecognizer); Presidio's
    # default registry looks classes up by name, so "vanilla" must not pick up ours.
    import proxy.detection.recognizers  # noqa: F401  (loads ChatVeil's recognizer classes)
    from proxy.evaluation import VanillaPresidioEngine

    engine = VanillaPresidioEngine()
    modules = {type(r).__module__.split(".")[0] for r in engine.analyzer.registry.recognizers}
    assert modules == {"presidio_analyzer"}
    out = engine.run("write to jane.doe@example.com")
    assert "jane.doe@example.com" not in out.redacted


def test_chatveil_engine_adds_the_corpus_persona_names_to_the_policy_allow_list():
    from proxy.evaluation import ChatVeilEngine
    from proxy.policy import load_policy

    policy = load_policy()
    engine = ChatVeilEngine(policy, ("Luna", "ChatGPT"))
    assert engine.pipeline.policy.allow_list == policy.allow_list + ("Luna",)
    assert policy.allow_list.count("ChatGPT") == 1
