"""The web widget in real headless Chromium (Debian's package) against the real servers."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.servers import ROOT, Assistant, response_text

SCREENSHOT = ROOT / "docs" / "screenshots" / "web-chat.png"
TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is installed by `make browser` (part of `make test`)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, assistant: Assistant) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(assistant.base_url + "/webhooks/web/")
    expect(page.locator(".bc-status")).to_be_hidden()
    yield page
    context.close()


def bot(page: Page):
    return page.locator(".bc-msg-bot")


def send(page: Page, text: str) -> None:
    page.get_by_label("Your message").fill(text)
    page.keyboard.press("Enter")


def test_send_a_message_and_receive_the_reply_with_its_source(page: Page) -> None:
    expect(page.locator(".bc-notice")).to_contain_text("not a diagnosis")
    send(page, "why does sitting all day hurt my back")
    expect(page.locator(".bc-msg-user").last).to_have_text("why does sitting all day hurt my back")
    expect(page.locator(".bc-source").first).to_contain_text('section "Chronic Poor Posture"')
    expect(page.get_by_role("log")).to_have_attribute("aria-live", "polite")


def test_screen_with_buttons_then_a_countdown_and_history_after_reload(page: Page) -> None:
    send(page, "show me the stretches")
    for question in (
        "utter_ask_screen_injury",
        "utter_ask_screen_leg_symptoms",
        "utter_ask_screen_weakness",
        "utter_ask_screen_cauda_equina",
        "utter_ask_screen_systemic",
    ):
        expect(bot(page).last).to_have_text(response_text(question))
        page.locator(".bc-replies").last.get_by_role("button", name="No").click()
    expect(page.get_by_text(response_text("utter_screening_clear"))).to_be_visible()
    page.get_by_role("button", name="Hip flexor stretch").last.click()
    page.get_by_role("button", name="Start").last.click()
    for _ in range(6):
        if page.locator(".bc-countdown").count():
            break
        page.locator(".bc-replies").last.get_by_role("button", name="Next").click()
        page.wait_for_timeout(300)
    countdown = page.locator(".bc-countdown").first
    expect(countdown.locator(".bc-countdown-time")).to_have_text("30")
    countdown.get_by_role("button", name="Start").click()
    expect(countdown.locator(".bc-countdown-time")).not_to_have_text("30", timeout=5_000)
    countdown.get_by_role("button", name="Pause").click()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    messages_before = page.locator(".bc-msg").count()
    page.reload()
    expect(page.locator(".bc-status")).to_be_hidden()
    expect(page.locator(".bc-msg")).to_have_count(messages_before)
    expect(page.get_by_text(response_text("utter_screening_clear"))).to_be_visible()


def test_messages_typed_offline_are_sent_when_back_online(page: Page) -> None:
    page.context.set_offline(True)
    expect(page.locator(".bc-status")).to_contain_text("Connection lost")
    send(page, "how common is back pain")
    expect(page.locator(".bc-msg-pending")).to_have_count(1)
    page.context.set_offline(False)
    expect(page.locator(".bc-status")).to_be_hidden()
    expect(page.locator(".bc-msg-pending")).to_have_count(0)
    expect(page.locator(".bc-source").last).to_contain_text("the introduction")


def test_keyboard_only_and_focus_stays_in_the_input(page: Page) -> None:
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Your message")).to_be_focused()
    page.keyboard.type("what can you do?")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Posture and sitting")).to_be_visible()
    expect(page.get_by_label("Your message")).to_be_focused()
    page.get_by_role("button", name="Posture and sitting").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Your message")).to_be_focused()
    expect(page.locator(".bc-source").last).to_contain_text("Chronic Poor Posture")


def test_layout_fits_a_360px_phone(page: Page) -> None:
    send(page, "what can you do?")
    expect(page.get_by_role("button", name="Posture and sitting")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_other_origins_are_refused(assistant: Assistant) -> None:
    import requests

    history = requests.get(
        assistant.base_url + "/webhooks/web/history",
        params={"session_id": "a" * 32},
        headers={"Origin": "https://evil.example"},
        timeout=10,
    )
    assert history.status_code == 403
    handshake = requests.get(
        assistant.base_url + "/socket.io/",
        params={"EIO": "4", "transport": "polling"},
        headers={"Origin": "https://evil.example"},
        timeout=10,
    )
    assert handshake.status_code >= 400
    own = requests.get(
        assistant.base_url + "/socket.io/",
        params={"EIO": "4", "transport": "polling"},
        headers={"Origin": assistant.base_url},
        timeout=10,
    )
    assert own.status_code == 200


def test_widget_files_are_served_by_the_assistant(assistant: Assistant) -> None:
    import requests

    for name in ("widget.js", "widget.css", "socket.io.min.js"):
        reply = requests.get(f"{assistant.base_url}/webhooks/web/static/{name}", timeout=10)
        assert reply.status_code == 200 and reply.content
    assert (
        requests.get(f"{assistant.base_url}/webhooks/web/static/..%2Fdomain.yml", timeout=10).status_code
        == 404
    )
    assert Path(ROOT / "web" / "package-lock.json").exists()
