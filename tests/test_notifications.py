"""Desktop notifications: the exact command each platform's backend runs, with a fake runner."""

from __future__ import annotations

import pytest
from mitmproxy.test import taddons, tflow

from proxy.notifications import (
    NoNotifier,
    NotifySend,
    Osascript,
    PowerShellToast,
    WarningNotifier,
    choose_notifier,
    describe,
)
from proxy.redactor import METADATA_KEY, LoggedFinding, RequestVerdict

CARD_HINT = "**** **** **** 1111"


class Recorder:
    def __init__(self):
        self.commands: list[list[str]] = []

    def __call__(self, argv):
        self.commands.append(list(argv))


def finding(action: str, entity_type="CREDIT_CARD", hint=CARD_HINT) -> LoggedFinding:
    return LoggedFinding(entity_type, action, 0.9, "Rec", "placeholder", hint, "ab" * 32)


def test_notify_send_command():
    runner = Recorder()
    NotifySend(runner).notify("ChatVeil blocked a message", 'It contained "CREDIT_CARD".', urgent=True)
    assert runner.commands == [["notify-send", "--app-name=ChatVeil", "--urgency=critical", "--",
                                "ChatVeil blocked a message", 'It contained "CREDIT_CARD".']]


def test_osascript_command_escapes_quotes_and_backslashes():
    runner = Recorder()
    Osascript(runner).notify('Title "x"', "a\\b", urgent=False)
    assert runner.commands == [["osascript", "-e", 'display notification "a\\\\b" with title "Title \\"x\\""']]


def test_powershell_toast_command_quotes_text_literally():
    runner = Recorder()
    PowerShellToast(runner).notify("ChatVeil", "it's $HOME", urgent=False)
    (argv,) = runner.commands
    assert argv[:4] == ["powershell", "-NoProfile", "-NonInteractive", "-Command"]
    assert "CreateTextNode('ChatVeil')" in argv[4]
    assert "CreateTextNode('it''s $HOME')" in argv[4]  # single quotes: PowerShell expands nothing
    assert "CreateToastNotifier('ChatVeil').Show(" in argv[4]


@pytest.mark.parametrize(
    ("platform", "tools", "expected", "program"),
    [
        ("linux", {"notify-send"}, NotifySend, "notify-send"),
        ("linux", set(), NoNotifier, None),
        ("darwin", {"osascript"}, Osascript, "osascript"),
        ("win32", {"powershell"}, PowerShellToast, "powershell"),
        ("win32", {"pwsh"}, PowerShellToast, "pwsh"),
        ("win32", set(), NoNotifier, None),
    ],
)
def test_the_platforms_notifier_is_chosen_and_skipped_where_absent(platform, tools, expected, program):
    runner = Recorder()
    notifier = choose_notifier(platform, which=lambda tool: f"/bin/{tool}" if tool in tools else None, runner=runner)
    assert type(notifier) is expected
    notifier.notify("t", "b")
    assert [c[0] for c in runner.commands] == ([program] if program else [])


def test_block_and_warn_are_described_with_masked_hints_only():
    block = RequestVerdict("claude.ai", "/api", "block", findings=(finding("block"),))
    assert describe(block) == ("ChatVeil blocked a message to claude.ai",
                               f"It contained CREDIT_CARD {CARD_HINT}. Nothing was sent.", True)
    warn = RequestVerdict("chatgpt.com", "/c", "warn", findings=(finding("warn", "PERSON", "J*** M*******"),))
    assert describe(warn) == ("ChatVeil: personal details sent to chatgpt.com",
                              "The message contained PERSON J*** M*******.", False)
    assert describe(RequestVerdict("chatgpt.com", "/c", "redact", findings=(finding("redact"),))) is None


def test_a_block_the_user_chose_on_the_dashboard_is_not_announced_again():
    chosen = RequestVerdict("claude.ai", "/api", "block", findings=(finding("block"),), note="ask: blocked by the user")
    timed_out = RequestVerdict("claude.ai", "/api", "block", findings=(finding("block"),),
                               note="ask: blocked after the timeout")
    assert describe(chosen) is None
    assert describe(timed_out)[0] == "ChatVeil blocked a message to claude.ai"


def flow_with(verdict: RequestVerdict):
    flow = tflow.tflow()
    flow.metadata[METADATA_KEY] = verdict.to_metadata()
    return flow


def test_addon_notifies_on_block_and_warn_but_not_on_redact():
    runner = Recorder()
    addon = WarningNotifier(NotifySend(runner))
    with taddons.context(addon) as tctx:
        tctx.configure(addon, chatveil_notify=True)
        addon.notifier = NotifySend(runner)  # configure chose the real platform's; keep the fake
        addon.request(flow_with(RequestVerdict("claude.ai", "/api", "block", findings=(finding("block"),))))
        addon.request(flow_with(RequestVerdict("claude.ai", "/api", "redact", findings=(finding("redact"),))))
        addon.request(flow_with(RequestVerdict("claude.ai", "/api", "warn", findings=(finding("warn"),))))
        addon.request(tflow.tflow())  # not inspected: no verdict
    assert [c[-2] for c in runner.commands] == ["ChatVeil blocked a message to claude.ai",
                                                "ChatVeil: personal details sent to claude.ai"]
    assert all("4111" not in " ".join(c) for c in runner.commands)


def test_notifications_can_be_turned_off():
    addon = WarningNotifier()
    with taddons.context(addon) as tctx:
        tctx.configure(addon, chatveil_notify=False)
        assert isinstance(addon.notifier, NoNotifier)


def test_a_held_message_is_announced_with_its_masked_hints():
    from proxy.ask_queue import AskedFinding, Question

    runner = Recorder()
    addon = WarningNotifier(NotifySend(runner))
    question = Question("q1", "claude.ai", "/api", (AskedFinding("CREDIT_CARD", CARD_HINT),), 0.0, 60.0, "redact")
    addon._on_ask("ask", question)
    addon._on_ask("withdrawn", question)
    assert runner.commands == [["notify-send", "--app-name=ChatVeil", "--urgency=critical", "--",
                                "ChatVeil is holding a message to claude.ai",
                                f"It contains CREDIT_CARD {CARD_HINT}. Choose on the ChatVeil dashboard."]]
