"""The web widget in real headless Chromium (Debian's package) against the real servers."""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import socketio
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Locator,
    Page,
    WebSocketRoute,
    expect,
    sync_playwright,
)

from launchers.local_services import free_port
from launchers.servers import Server
from tests.servers import ROOT, Assistant, response_text
from tests.web.channel_app import ECHO_PREFIX

# An ignored folder: a test run never changes a tracked file (docs/screenshots/ is updated on purpose).
SCREENSHOT = ROOT / "test-artifacts" / "web-chat.png"
AXE_SOURCE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
TIMEOUT_MS = 15_000
ACK_TIMEOUT_MS = 8_000  # web/widget.js
EMERGENCY_SIGN = "wait, I just wet myself and didn't feel it"
# Records the time-up signal instead of playing it: headless Chromium has no speaker or motor.
SIGNAL_RECORDER = """
window.timeUpSignals = [];
navigator.vibrate = function () { window.timeUpSignals.push("vibration"); return true; };
window.AudioContext = class extends window.AudioContext {
  createOscillator() { window.timeUpSignals.push("tone"); return super.createOscillator(); }
};
"""


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
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(SIGNAL_RECORDER)
    yield context
    context.close()


def open_chat(context: BrowserContext, url: str) -> Page:
    """The page, connected, with the greeting of a new conversation (or the history) shown.

    Whatever the page's Content-Security-Policy refuses is recorded in ``page.csp_refusals``.
    """
    page = context.new_page()
    refusals: list[str] = []
    page.on("console", lambda m: refusals.append(m.text) if "Content Security Policy" in m.text else None)
    page.csp_refusals = refusals  # type: ignore[attr-defined]
    page.goto(url)
    expect(page.locator(".bc-status")).to_be_hidden()
    return page


@pytest.fixture
def chat_url(assistant: Assistant) -> str:
    return assistant.base_url + "/webhooks/web/"


@pytest.fixture
def page(context: BrowserContext, chat_url: str) -> Iterator[Page]:
    page = open_chat(context, chat_url)
    expect(bot(page).first).to_have_text(response_text("utter_greet"))
    yield page
    assert page.csp_refusals == []  # type: ignore[attr-defined]


def bot(page: Page) -> Locator:
    return page.locator(".bc-msg-bot")


def send(page: Page, text: str) -> None:
    page.get_by_label("Your message").fill(text)
    page.keyboard.press("Enter")


def live_button(page: Page, name: str) -> Locator:
    return page.locator(
        ".bc-replies button:not([aria-disabled])", has_text=re.compile(f"^{re.escape(name)}$")
    )


def pass_the_screen(page: Page) -> None:
    send(page, "show me the stretches")
    for question in (
        "utter_ask_screen_injury",
        "utter_ask_screen_leg_symptoms",
        "utter_ask_screen_weakness",
        "utter_ask_screen_cauda_equina",
        "utter_ask_screen_systemic",
    ):
        expect(bot(page).last).to_have_text(response_text(question))
        live_button(page, "No").click()
    expect(page.get_by_text(response_text("utter_screening_clear"))).to_be_visible()


def reach_the_first_hold(page: Page) -> Locator:
    """A hip flexor stretch up to its first hold; returns the hold's countdown."""
    pass_the_screen(page)
    live_button(page, "Hip flexor stretch").click()
    live_button(page, "Start").click()
    hold = page.locator(".bc-countdown")
    for _ in range(8):
        expect(hold.or_(live_button(page, "Next")).first).to_be_visible()
        if hold.count():
            break
        live_button(page, "Next").click()
    countdown = page.locator(".bc-countdown").first
    expect(countdown.locator(".bc-countdown-time")).to_have_text("30")
    return countdown


def colours(page: Page, element: Locator, background_of: str = "element") -> dict[str, Any]:
    """The element's text and outline colours, the background behind it and its opacity."""
    return element.evaluate(
        """(element, backgroundOf) => {
          let opacity = 1, background = null;
          for (let node = element; node; node = node.parentElement) {
            opacity *= parseFloat(getComputedStyle(node).opacity);
          }
          let node = backgroundOf === "parent" ? element.parentElement : element;
          for (; node && !background; node = node.parentElement) {
            const colour = getComputedStyle(node).backgroundColor;
            if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") background = colour;
          }
          const style = getComputedStyle(element);
          return {text: style.color, outline: style.outlineColor, outlineStyle: style.outlineStyle,
                  background: background || "rgb(255, 255, 255)", opacity};
        }""",
        background_of,
    )


def _rgb(css: str) -> tuple[float, float, float]:
    red, green, blue = (float(part) for part in re.findall(r"[\d.]+", css)[:3])
    return red, green, blue


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground: str, background: str, opacity: float = 1.0) -> float:
    """WCAG contrast ratio; an element's opacity blends both colours with the white page under it."""

    def seen(css: str) -> tuple[float, float, float]:
        red, green, blue = _rgb(css)
        return (
            opacity * red + (1 - opacity) * 255,
            opacity * green + (1 - opacity) * 255,
            opacity * blue + (1 - opacity) * 255,
        )

    lighter, darker = sorted((_luminance(seen(foreground)), _luminance(seen(background))), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the whole page (evaluated, since the page's CSP refuses inline scripts)."""
    page.evaluate(AXE_SOURCE.read_text())
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations.map(
             v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(" "))}))"""
    )


# --- A first screen that helps


def test_a_new_conversation_opens_with_the_greeting_and_its_notice_once(
    context: BrowserContext, chat_url: str
) -> None:
    page = open_chat(context, chat_url)
    greeting = page.locator(".bc-msg-bot", has_text=response_text("utter_greet"))
    expect(greeting).to_have_count(1)
    expect(page.locator(".bc-msg-user")).to_have_count(0)
    expect(page.locator(".bc-replies").first.get_by_role("button").first).to_be_enabled()
    page.reload()
    expect(page.locator(".bc-status")).to_be_hidden()
    page.wait_for_timeout(1_000)
    expect(greeting).to_have_count(1)
    expect(page.locator(".bc-msg-user")).to_have_count(0)


def test_send_a_message_and_receive_the_reply_with_its_source(page: Page) -> None:
    expect(page.locator(".bc-notice")).to_contain_text("not a diagnosis")
    send(page, "why does sitting all day hurt my back")
    expect(page.locator(".bc-msg-user").last).to_have_text("why does sitting all day hurt my back")
    expect(page.locator(".bc-source").first).to_contain_text('section "Chronic Poor Posture"')
    expect(page.get_by_role("log")).to_have_attribute("aria-live", "polite")


# --- Quick replies retired once used or superseded; holds


def test_used_and_superseded_quick_replies_are_retired_and_focus_stays_on_the_pressed_one(page: Page) -> None:
    greeting_buttons = page.locator(".bc-replies").nth(0).get_by_role("button")
    send(page, "what can you do?")
    topics = page.locator(".bc-replies").nth(1)
    expect(topics.get_by_role("button", name="Posture and sitting")).to_be_visible()
    for index in range(greeting_buttons.count()):
        expect(greeting_buttons.nth(index)).to_be_disabled()  # superseded by the newer question
    pressed = topics.get_by_role("button", name="Posture and sitting")
    pressed.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".bc-source").last).to_contain_text("Chronic Poor Posture")
    expect(pressed).to_be_focused()  # not the input: a phone would raise its keyboard on every tap
    expect(pressed).to_have_attribute("aria-pressed", "true")
    for index in range(topics.get_by_role("button").count()):
        expect(topics.get_by_role("button").nth(index)).to_be_disabled()
    replies_before = bot(page).count()
    pressed.click(force=True)
    page.wait_for_timeout(1_500)
    expect(bot(page)).to_have_count(replies_before)


def test_an_answered_screening_question_cannot_be_answered_again(page: Page) -> None:
    send(page, "show me the stretches")
    expect(bot(page).last).to_have_text(response_text("utter_ask_screen_injury"))
    first_no = page.locator(".bc-replies").nth(1).get_by_role("button", name="No")
    first_no.click()
    expect(bot(page).last).to_have_text(response_text("utter_ask_screen_leg_symptoms"))
    expect(first_no).to_be_disabled()
    first_no.click(force=True)
    page.wait_for_timeout(1_500)
    expect(page.locator(".bc-msg-user")).to_have_count(2)
    expect(bot(page).last).to_have_text(response_text("utter_ask_screen_leg_symptoms"))


def test_a_hold_has_one_done_and_its_timer_signals_then_goes_inert(page: Page) -> None:
    countdown = reach_the_first_hold(page)
    expect(page.get_by_role("button", name="Done")).to_have_count(1)
    expect(page.locator(".bc-typing")).to_be_hidden()  # before the fake clock would hold it up
    page.clock.install()
    countdown.get_by_role("button", name="Start").click()
    page.clock.run_for(5_000)
    expect(countdown.locator(".bc-countdown-time")).to_have_text("25")
    countdown.get_by_role("button", name="Pause").click()
    page.clock.run_for(5_000)
    expect(countdown.locator(".bc-countdown-time")).to_have_text("25")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    countdown.get_by_role("button", name="Start").click()
    page.clock.run_for(26_000)
    expect(countdown).to_contain_text("time is up")
    assert page.evaluate("window.timeUpSignals") == ["vibration", "tone"]
    expect(countdown.get_by_role("button")).to_be_disabled()

    live_button(page, "Done").click()
    expect(page.locator(".bc-countdown")).to_have_count(2)
    second = page.locator(".bc-countdown").last
    expect(second.get_by_role("button", name="Start")).to_be_enabled()
    second.get_by_role("button", name="Start").click()
    live_button(page, "Done").click()
    expect(page.get_by_text(re.compile("done on both sides"))).to_be_visible()
    expect(second.get_by_role("button")).to_be_disabled()  # the timer of a finished hold
    page.clock.run_for(60_000)
    assert page.evaluate("window.timeUpSignals") == ["vibration", "tone"]


def test_history_after_a_reload_shows_button_titles_and_inert_timers(page: Page) -> None:
    reach_the_first_hold(page)
    shown = page.locator(".bc-msg-user").all_inner_texts()
    assert shown[:6] == ["show me the stretches", "No", "No", "No", "No", "No"]
    assert "Hip flexor stretch" in shown
    messages_before = page.locator(".bc-msg").count()

    page.reload()
    expect(page.locator(".bc-status")).to_be_hidden()
    expect(page.locator(".bc-msg")).to_have_count(messages_before)
    assert page.locator(".bc-msg-user").all_inner_texts() == shown
    assert not [text for text in shown if text.startswith("/")]
    expect(page.locator(".bc-countdown").get_by_role("button")).to_be_disabled()
    # The conversation goes on from the restored, still live, buttons of the hold.
    expect(live_button(page, "Done")).to_have_count(1)
    live_button(page, "Done").click()
    expect(page.locator(".bc-countdown")).to_have_count(2)
    expect(page.locator(".bc-countdown").last.get_by_role("button", name="Start")).to_be_enabled()


# --- Escalation looks like escalation


def test_an_emergency_sign_mid_stretch_is_shown_as_escalation_and_retires_the_stretch(page: Page) -> None:
    countdown = reach_the_first_hold(page)
    normal = colours(page, bot(page).first)
    send(page, EMERGENCY_SIGN)
    safety = page.locator(".bc-msg-safety")
    expect(safety).to_contain_text(response_text("utter_emergency"))
    expect(safety.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")
    expect(safety.get_by_role("link", name="911")).to_have_attribute("href", "tel:911")
    looks = colours(page, safety)
    assert looks["background"] != normal["background"]
    assert contrast(looks["text"], looks["background"]) >= 7
    expect(countdown.get_by_role("button")).to_be_disabled()
    hold_buttons = page.locator(".bc-replies").last.get_by_role("button")
    expect(hold_buttons).to_have_text(["Done", "Stop"])
    for index in range(2):
        expect(hold_buttons.nth(index)).to_be_disabled()
    expect(page.locator(".bc-replies button:not([aria-disabled])")).to_have_count(0)


def test_crisis_support_is_shown_as_escalation_with_numbers_to_call(page: Page) -> None:
    send(page, "i want to kill myself, this back pain is endless")
    safety = page.locator(".bc-msg-safety")
    expect(safety).to_contain_text(response_text("utter_crisis"))
    links = {"999": "tel:999", "116 123": "tel:116123", "988": "tel:988", "85258": "sms:85258"}
    for number, href in links.items():
        expect(safety.get_by_role("link", name=number)).to_have_attribute("href", href)


# --- Delivery you can trust


class SilentLoss:
    """Drops socket.io frames of one event in one direction, as a network that loses them silently."""

    def __init__(self, page: Page) -> None:
        self.dropping: str | None = None
        page.route_web_socket(re.compile(r"/socket\.io/"), self._route)

    def _route(self, client: WebSocketRoute) -> None:
        server = client.connect_to_server()
        client.on_message(lambda frame: None if self._drops(frame) else server.send(frame))
        server.on_message(lambda frame: None if self._drops(frame) else client.send(frame))

    def _drops(self, frame: str | bytes) -> bool:
        return self.dropping is not None and isinstance(frame, str) and f'"{self.dropping}"' in frame


def websocket_chat(context: BrowserContext, chat_url: str) -> tuple[Page, SilentLoss]:
    """The chat with its socket behind a :class:`SilentLoss`, on the websocket transport."""
    page = context.new_page()
    loss = SilentLoss(page)
    page.goto(chat_url)
    expect(bot(page).first).to_have_text(response_text("utter_greet"))
    page.wait_for_function("() => window.BackCoachWidget.socket.io.engine.transport.name === 'websocket'")
    return page, loss


def test_a_message_lost_on_the_way_is_marked_unsent_and_can_be_retried(
    context: BrowserContext, chat_url: str
) -> None:
    page, loss = websocket_chat(context, chat_url)
    loss.dropping = "user_uttered"
    send(page, "how common is back pain")
    bubble = page.locator(".bc-msg-user").last
    expect(bubble).to_contain_text("Not sent", timeout=ACK_TIMEOUT_MS + 5_000)
    expect(page.locator(".bc-typing")).to_be_hidden()
    loss.dropping = None
    bubble.get_by_role("button", name="Retry").click()
    expect(page.locator(".bc-source").last).to_contain_text("the introduction")
    expect(bubble).to_have_text("how common is back pain")
    expect(page.locator(".bc-msg-unsent")).to_have_count(0)


def test_a_retry_of_a_message_that_did_arrive_is_answered_once(
    context: BrowserContext, chat_url: str
) -> None:
    page, loss = websocket_chat(context, chat_url)
    loss.dropping = "user_received"  # the message arrives; only its confirmation is lost
    send(page, "how common is back pain")
    expect(page.locator(".bc-source")).to_have_count(1)
    bubble = page.locator(".bc-msg-user").last
    expect(bubble).to_contain_text("Not sent", timeout=ACK_TIMEOUT_MS + 5_000)
    loss.dropping = None
    bubble.get_by_role("button", name="Retry").click()
    expect(page.locator(".bc-msg-unsent")).to_have_count(0)
    page.wait_for_timeout(2_000)
    expect(page.locator(".bc-source")).to_have_count(1)
    expect(page.locator(".bc-typing")).to_be_hidden()


def test_a_message_that_arrived_unconfirmed_is_shown_once_after_a_reload(
    context: BrowserContext, chat_url: str
) -> None:
    page, loss = websocket_chat(context, chat_url)
    loss.dropping = "user_received"
    send(page, "how common is back pain")
    expect(page.locator(".bc-source")).to_have_count(1)
    loss.dropping = None
    page.reload()
    expect(page.locator(".bc-status")).to_be_hidden()
    expect(page.locator(".bc-msg-user")).to_have_text(["how common is back pain"])
    page.wait_for_timeout(1_500)
    expect(page.locator(".bc-msg-pending, .bc-msg-unsent")).to_have_count(0)
    expect(page.locator(".bc-source")).to_have_count(1)


def test_two_tabs_of_one_conversation_show_every_message_once(context: BrowserContext, chat_url: str) -> None:
    first = open_chat(context, chat_url)
    expect(bot(first)).to_have_count(1)
    second = open_chat(context, chat_url)
    expect(bot(second)).to_have_count(1)
    send(first, "how common is back pain")
    expect(second.locator(".bc-msg-user")).to_have_text(["how common is back pain"])
    send(second, "what can you do?")
    for tab in (first, second):
        expect(tab.locator(".bc-msg-user")).to_have_text(["how common is back pain", "what can you do?"])
        expect(tab.locator(".bc-msg-bot", has_text=response_text("utter_help"))).to_have_count(1)
    first.wait_for_timeout(2_000)
    for tab in (first, second):
        expect(tab.locator(".bc-msg-bot", has_text=response_text("utter_greet"))).to_have_count(1)
        expect(tab.locator(".bc-source")).to_have_count(1)
        expect(tab.locator(".bc-msg-bot", has_text=response_text("utter_help"))).to_have_count(1)


def test_messages_typed_offline_are_sent_when_back_online(page: Page) -> None:
    page.context.set_offline(True)
    expect(page.locator(".bc-status")).to_contain_text("Connection lost")
    send(page, "how common is back pain")
    expect(page.locator(".bc-msg-pending")).to_have_count(1)
    page.context.set_offline(False)
    expect(page.locator(".bc-status")).to_be_hidden()
    expect(page.locator(".bc-msg-pending")).to_have_count(0)
    expect(page.locator(".bc-source").last).to_contain_text("the introduction")


# --- Keyboard, contrast, layout


def test_keyboard_only(page: Page) -> None:
    page.locator("body").focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id.startsWith('bc-input')"):
            break
    expect(page.get_by_label("Your message")).to_be_focused()
    page.keyboard.type("what can you do?")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Your message")).to_be_focused()
    expect(page.get_by_role("button", name="Posture and sitting")).to_be_visible()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".bc-msg-user").last).to_have_text(page.locator(".bc-chosen").inner_text())


def test_the_focus_ring_has_3_to_1_contrast(page: Page) -> None:
    page.get_by_label("Your message").focus()
    page.keyboard.press("Shift+Tab")  # the last of the greeting's buttons, reached by keyboard
    focused = page.locator(".bc-replies button:focus-visible")
    expect(focused).to_have_count(1)
    ring = colours(page, focused, background_of="parent")
    assert ring["outlineStyle"] != "none"
    assert contrast(ring["outline"], ring["background"]) >= 3


def test_a_message_waiting_for_the_connection_keeps_4_5_to_1_contrast(page: Page) -> None:
    page.context.set_offline(True)
    expect(page.locator(".bc-status")).to_contain_text("Connection lost")
    send(page, "how common is back pain")
    for part in (".bc-msg-pending .bc-msg-text", ".bc-msg-pending .bc-delivery"):
        looks = colours(page, page.locator(part))
        assert contrast(looks["text"], looks["background"], looks["opacity"]) >= 4.5, part


def test_layout_fits_a_360px_phone(page: Page) -> None:
    send(page, "what can you do?")
    expect(page.get_by_role("button", name="Posture and sitting")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


# --- axe-core: empty, mid-conversation, escalation and offline


def test_no_axe_violations_in_the_empty_state(page: Page) -> None:
    assert axe_violations(page) == []


def test_no_axe_violations_mid_conversation(page: Page) -> None:
    send(page, "what can you do?")
    page.get_by_role("button", name="Posture and sitting").click()
    expect(page.locator(".bc-source").last).to_contain_text("Chronic Poor Posture")
    send(page, "show me the stretches")
    expect(bot(page).last).to_have_text(response_text("utter_ask_screen_injury"))
    assert axe_violations(page) == []


def test_no_axe_violations_in_escalation(page: Page) -> None:
    send(page, EMERGENCY_SIGN)
    expect(page.locator(".bc-msg-safety")).to_be_visible()
    send(page, "i want to kill myself, this back pain is endless")
    expect(page.locator(".bc-msg-safety")).to_have_count(2)
    assert axe_violations(page) == []


def test_no_axe_violations_offline(page: Page) -> None:
    page.context.set_offline(True)
    expect(page.locator(".bc-status")).to_contain_text("Connection lost")
    send(page, "how common is back pain")
    expect(page.locator(".bc-msg-pending")).to_have_count(1)
    assert axe_violations(page) == []


# --- What the server sends with the page


def test_the_page_carries_security_headers(assistant: Assistant) -> None:
    page = requests.get(assistant.base_url + "/webhooks/web/", timeout=10)
    policy = dict(
        directive.strip().split(" ", 1) for directive in page.headers["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'" and "unsafe-inline" not in page.headers["Content-Security-Policy"]
    assert policy["frame-ancestors"] == "'self'"
    assert policy["default-src"] == "'none'"
    for path in ("", "static/widget.js", "static/widget.css"):
        reply = requests.get(f"{assistant.base_url}/webhooks/web/{path}", timeout=10)
        assert reply.headers["X-Content-Type-Options"] == "nosniff", path


def test_other_origins_are_refused(assistant: Assistant) -> None:
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
    for name in ("widget.js", "widget.css", "page.css", "socket.io.min.js"):
        reply = requests.get(f"{assistant.base_url}/webhooks/web/static/{name}", timeout=10)
        assert reply.status_code == 200 and reply.content
    assert (
        requests.get(f"{assistant.base_url}/webhooks/web/static/..%2Fdomain.yml", timeout=10).status_code
        == 404
    )
    assert Path(ROOT / "web" / "package-lock.json").exists()


CLINIC = "https://clinic.example"


@pytest.fixture(scope="module")
def channel_alone(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web channel alone (an echo, no model) with ``WEB_ALLOWED_ORIGINS`` set to a clinic's site."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "WEB_ALLOWED_ORIGINS": CLINIC, "RASA_TELEMETRY_ENABLED": "false"}
    log = tmp_path_factory.mktemp("channel") / "channel.log"
    server = Server(
        "web channel", [sys.executable, "-m", "tests.web.channel_app", str(port)], env, log, [base_url]
    )
    server.start()
    try:
        server.wait_until_ready()
        yield base_url
    finally:
        server.stop()


def test_allowed_origins_add_to_the_page_s_own(context: BrowserContext, channel_alone: str) -> None:
    base_url = channel_alone
    page = open_chat(context, base_url + "/webhooks/web/")
    send(page, "hello")
    expect(bot(page).last).to_have_text(ECHO_PREFIX + "hello")
    assert page.csp_refusals == []  # type: ignore[attr-defined]
    for origin, allowed in ((base_url, True), (CLINIC, True), ("https://evil.example", False)):
        handshake = requests.get(
            base_url + "/socket.io/",
            params={"EIO": "4", "transport": "polling"},
            headers={"Origin": origin},
            timeout=10,
        )
        assert (handshake.status_code == 200) is allowed, origin
    policy = requests.get(base_url + "/webhooks/web/", timeout=10).headers["Content-Security-Policy"]
    assert f"frame-ancestors 'self' {CLINIC}" in policy


def test_each_message_is_confirmed_and_a_repeated_one_answered_once(channel_alone: str) -> None:
    events: list[tuple[str, Any]] = []
    client = socketio.Client(reconnection=False)
    for name in ("user_received", "bot_uttered"):
        client.on(name, lambda data, name=name: events.append((name, data)))
    client.connect(channel_alone, transports=["polling"], headers={"Origin": channel_alone}, wait_timeout=10)
    try:
        client.emit("session_request", {"session_id": "b" * 32})
        message = {"session_id": "b" * 32, "message": "hello", "message_id": "c" * 32}
        client.emit("user_uttered", message)
        client.emit("user_uttered", message)  # a retry after a lost confirmation
        client.emit("user_uttered", {"session_id": "b" * 32, "message": "no id"})  # other clients' messages
        deadline = time.monotonic() + 10
        while len(events) < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
    finally:
        client.eio.disconnect(abort=True)
    assert [data for name, data in events if name == "user_received"] == [
        {"message_id": "c" * 32, "repeat": False},
        {"message_id": "c" * 32, "repeat": True},
    ]
    answers = sorted(data["text"] for name, data in events if name == "bot_uttered")
    assert answers == [ECHO_PREFIX + "hello", ECHO_PREFIX + "no id"]
