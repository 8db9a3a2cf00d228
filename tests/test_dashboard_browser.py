"""The dashboard in a real browser: a held message appears, a click decides what the chat service gets.

Debian's Chromium and its chromedriver (`make system-deps`), driven by Selenium; nothing is
downloaded. Set CHATVEIL_SCREENSHOT=docs/dashboard.png to refresh the screenshot in the docs.
"""

from __future__ import annotations

import os
import re
import shutil
import ssl
import threading

import httpx
import pytest

from tests.proxy_process import free_port, start_proxy
from tests.upstream import start_upstream

pytestmark = pytest.mark.slow

CARD = "4111 1111 1111 1111"
NAME = "Jake Morrison"
POLICY = """\
version: 1
name: ask-about-cards
hosts: [localhost]
entities:
  CREDIT_CARD: {action: ask}
  PERSON: {action: redact}
ask: {timeout_seconds: 60, on_timeout: redact}
"""
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-proxy-server", "--window-size=1280,1100", "--disable-dev-shm-usage",
)


@pytest.fixture(scope="module")
def upstream(tmp_path_factory):
    server = start_upstream(tmp_path_factory.mktemp("upstream"))
    yield server
    server.close()


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("proxy")
    (tmp / "ask.yaml").write_text(POLICY)
    running = start_proxy(tmp, "--policy", str(tmp / "ask.yaml"), "--set", f"chatveil_dashboard_port={free_port()}",
                          "--set", "chatveil_notify=false")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def dashboard_url(proxy) -> str:
    match = re.search(r"dashboard:\s+(http://127\.0\.0\.1:\d+/\?token=[\w-]+)", proxy.output())
    assert match, proxy.output()
    return match.group(1)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    assert chromium and driver_path, "install Debian's chromium and chromium-driver: make system-deps"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    yield driver
    driver.quit()


def wait_for(browser, condition, timeout=30):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout, poll_frequency=0.1).until(condition)


def css(selector):
    from selenium.webdriver.common.by import By

    return lambda driver: driver.find_elements(By.CSS_SELECTOR, selector) or False


def send_in_background(proxy, upstream, text: str) -> tuple[threading.Thread, dict]:
    result: dict = {}

    def send() -> None:
        context = ssl.create_default_context(cafile=proxy.ca_cert)
        with httpx.Client(proxy=proxy.url, verify=context, timeout=90) as client:
            result["response"] = client.post(f"https://localhost:{upstream.port}/v1/chat/completions", json={
                "model": "gpt-4o-mini", "messages": [{"role": "user", "content": text}]})

    thread = threading.Thread(target=send, daemon=True)
    thread.start()
    return thread, result


def open_dashboard(browser, dashboard_url) -> None:
    browser.get(dashboard_url)
    wait_for(browser, lambda d: d.find_element("id", "status").text == "live")


def held_message(browser):
    (card,) = wait_for(browser, css("#asks .ask"))
    return card


def test_send_redacted_on_the_dashboard_sends_the_redacted_message(browser, dashboard_url, proxy, upstream):
    open_dashboard(browser, dashboard_url)
    before = len(upstream.received)
    thread, result = send_in_background(proxy, upstream, f"Hi, I'm {NAME}. My card is {CARD}, book the table.")
    card = held_message(browser)
    assert "CREDIT_CARD **** **** **** 1111" in card.text
    assert "4111" not in browser.page_source.replace("**** **** **** 1111", "")
    assert len(upstream.received) == before  # held: nothing has left yet
    card.find_element("css selector", 'button[data-choice="redact"]').click()
    thread.join(60)
    assert result["response"].status_code == 200
    sent = upstream.last.json()["messages"][0]["content"]
    assert sent == "Hi, I'm <PERSON_1>. My card is <CREDIT_CARD_1>, book the table."
    feed = wait_for(browser, css('#feed li[data-action="redact"]'))
    assert "CREDIT_CARD **** **** **** 1111" in feed[0].text and "ask: sent redacted by the user" in feed[0].text
    wait_for(browser, lambda d: d.find_element("id", "asks").text == "Nothing is waiting.")


def test_block_on_the_dashboard_sends_nothing_and_answers_the_client_with_an_error(browser, dashboard_url, proxy, upstream):
    open_dashboard(browser, dashboard_url)
    before = len(upstream.received)
    thread, result = send_in_background(proxy, upstream, f"Please charge {CARD} for the order.")
    held_message(browser).find_element("css selector", 'button[data-choice="block"]').click()
    thread.join(60)
    assert result["response"].status_code == 403
    assert "CREDIT_CARD" in result["response"].json()["error"]["message"]
    assert len(upstream.received) == before
    wait_for(browser, css('#feed li[data-action="block"]'))


def test_send_as_is_on_the_dashboard_sends_the_card_unchanged(browser, dashboard_url, proxy, upstream):
    open_dashboard(browser, dashboard_url)
    thread, result = send_in_background(proxy, upstream, f"Card for the refund: {CARD}")
    held_message(browser).find_element("css selector", 'button[data-choice="send"]').click()
    thread.join(60)
    assert result["response"].status_code == 200
    assert upstream.last.json()["messages"][0]["content"] == f"Card for the refund: {CARD}"


def test_the_log_search_on_the_page_finds_the_card_by_value(browser, dashboard_url, proxy, upstream):
    open_dashboard(browser, dashboard_url)
    browser.find_element("id", "log-find").send_keys(CARD.replace(" ", "-"))
    browser.find_element("css selector", "#log-form button[type=submit]").click()
    wait_for(browser, lambda d: d.find_element("id", "log-summary").text.startswith("Yes: caught"))
    rows = browser.find_elements("css selector", "#log-table tbody tr")
    assert rows and all("CREDIT_CARD" in r.text for r in rows)
    assert CARD.replace(" ", "-") not in browser.current_url
    output = proxy.output()
    assert CARD not in output and NAME not in output
    raw_log = b"".join(p.read_bytes() for p in proxy.log_db.parent.glob("log.sqlite3*"))
    for value in (CARD, CARD.replace(" ", ""), NAME, "Morrison"):
        assert value.encode() not in raw_log


def test_a_message_held_while_the_page_shows_history_is_answered_there(browser, dashboard_url, proxy, upstream):
    open_dashboard(browser, dashboard_url)
    wait_for(browser, css("#chart-types rect"))  # stats of the earlier messages are drawn
    thread, result = send_in_background(proxy, upstream, f"I'm {NAME}; my card {CARD} expires soon.")
    card = held_message(browser)
    if os.environ.get("CHATVEIL_SCREENSHOT"):  # the picture in docs/review.md
        browser.save_screenshot(os.environ["CHATVEIL_SCREENSHOT"])
    card.find_element("css selector", 'button[data-choice="redact"]').click()
    thread.join(60)
    assert upstream.last.json()["messages"][0]["content"] == "I'm <PERSON_1>; my card <CREDIT_CARD_1> expires soon."
