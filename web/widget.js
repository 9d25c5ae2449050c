/* BackCoach chat widget: one script tag, served by the assistant itself.
 *
 *   <script src="https://ASSISTANT/webhooks/web/static/widget.js" data-backcoach-target="#chat"></script>
 *
 * Optional config object, set before the tag: window.BackCoachConfig = {target: "#chat", title: "..."}.
 * The widget talks to Rasa's socket.io channel (Engine.IO 4) on the origin the script came from.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var scriptUrl = new URL(script.src, window.location.href);
  var base = scriptUrl.href.replace(/static\/widget\.js(\?.*)?$/, "");
  var config = Object.assign(
    { target: script.getAttribute("data-backcoach-target") || null, title: "BackCoach" },
    window.BackCoachConfig || {}
  );
  var storageKey = "backcoach:" + scriptUrl.origin;
  var TYPING_GRACE_MS = 1200;
  // The server confirms a message on arrival; without that by now, the message is shown as unsent.
  var ACK_TIMEOUT_MS = 8000;
  // Like rasa-webchat's initPayload: a new conversation starts with the assistant's greeting.
  var GREETING_PAYLOAD = "/greet";
  var NOTICE =
    "Education from one article, not a diagnosis. In an emergency call 999 (UK), 911 (US) or 112 (EU).";
  // Emergency, urgent-care and crisis lines that the safety replies and the notice name.
  var PHONE_NUMBER = /\b(?:116 123|999|911|112|111|988|85258)\b/;
  var TEXT_ONLY_NUMBERS = { "85258": true }; // Shout takes text messages, not calls
  var LINK = /https?:\/\/[^\s)]+/;

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (key) { element.setAttribute(key, attributes[key]); });
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function el(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }

  function button(text) {
    var element = el("button", null, text);
    element.type = "button";
    return element;
  }

  /* A control that is done with. It is announced as disabled at once but keeps the focus it has
   * (a disabled button drops it), and becomes truly disabled when focus moves on. */
  function retire(control) {
    control.setAttribute("aria-disabled", "true");
    if (document.activeElement === control) {
      control.addEventListener("blur", function () { control.disabled = true; }, { once: true });
    } else {
      control.disabled = true;
    }
  }

  function isRetired(control) {
    return control.getAttribute("aria-disabled") === "true";
  }

  function readState() {
    try { return JSON.parse(window.localStorage.getItem(storageKey)) || {}; } catch (e) { return {}; }
  }

  function writeState(state) {
    try { window.localStorage.setItem(storageKey, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  function randomId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  /* Text with links (and, where asked, phone numbers) made clickable, built from text nodes only
   * (never innerHTML). */
  function appendLinkified(parent, text, withPhoneNumbers) {
    var pattern = new RegExp(LINK.source + (withPhoneNumbers ? "|" + PHONE_NUMBER.source : ""), "g");
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var link = el("a", null, match[0]);
      if (LINK.test(match[0])) {
        link.href = match[0];
        link.target = "_blank";
        link.rel = "noopener noreferrer";
      } else {
        var digits = match[0].replace(/\s/g, "");
        link.href = (TEXT_ONLY_NUMBERS[digits] ? "sms:" : "tel:") + digits;
      }
      parent.appendChild(link);
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /* A short tone and a vibration when a hold's time is up. Browsers play sound only once the page
   * has had a user gesture, so the audio is prepared when the timer is started. */
  var audio = null;

  function prepareSound() {
    var AudioContextClass = window.AudioContext || window.webkitAudioContext;
    if (!audio && AudioContextClass) {
      try { audio = new AudioContextClass(); } catch (e) { audio = null; }
    }
    if (audio && audio.state === "suspended") audio.resume();
  }

  function signalTimeUp() {
    if (navigator.vibrate) navigator.vibrate(200);
    if (!audio) return;
    var tone = audio.createOscillator();
    var volume = audio.createGain();
    tone.frequency.value = 880;
    volume.gain.value = 0.2;
    tone.connect(volume);
    volume.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.2);
  }

  function Widget(root) {
    this.state = readState();
    if (!this.state.sessionId) this.state.sessionId = randomId();
    this.state.outbox = this.state.outbox || [];
    writeState(this.state);
    this.connected = false;
    this.typingTimer = null;
    this.ackTimers = {};
    this.historyLength = null;
    // Controls of the assistant's latest messages; retired when used or superseded.
    this.liveControls = [];
    this.build(root);
  }

  Widget.prototype.build = function (root) {
    var self = this;
    this.root = el("section", "bc-widget");
    this.root.setAttribute("aria-label", config.title + " chat");
    var notice = el("p", "bc-notice");
    appendLinkified(notice, NOTICE, true);
    this.root.appendChild(notice);
    this.status = el("div", "bc-status", "Connecting…");
    this.status.setAttribute("role", "status");
    this.root.appendChild(this.status);
    this.log = el("div", "bc-log");
    this.log.setAttribute("role", "log");
    this.log.setAttribute("aria-live", "polite");
    this.log.setAttribute("aria-relevant", "additions");
    this.log.setAttribute("aria-label", "Conversation");
    this.log.tabIndex = 0;
    this.root.appendChild(this.log);
    this.typing = el("div", "bc-typing", config.title + " is typing…");
    this.typing.hidden = true;
    this.root.appendChild(this.typing);
    var form = el("form", "bc-form");
    var label = el("label", "bc-visually-hidden", "Your message");
    label.htmlFor = "bc-input-" + this.state.sessionId.slice(0, 8);
    this.input = el("input");
    this.input.id = label.htmlFor;
    this.input.type = "text";
    this.input.autocomplete = "off";
    this.input.maxLength = 1000;
    this.input.placeholder = "Ask about low back pain…";
    var send = el("button", null, "Send");
    send.type = "submit";
    form.appendChild(label);
    form.appendChild(this.input);
    form.appendChild(send);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = self.input.value.trim();
      if (!text) return;
      self.input.value = "";
      self.send(text, text);
      self.input.focus();
    });
    this.root.appendChild(form);
    root.appendChild(this.root);
  };

  Widget.prototype.scroll = function () { this.log.scrollTop = this.log.scrollHeight; };

  Widget.prototype.setStatus = function (text) {
    this.status.hidden = !text;
    this.status.textContent = text || "";
  };

  /* The assistant's live controls are used up by anything the user says (a press marks its button
   * as chosen), by a newer message with buttons, and by escalation. */
  Widget.prototype.retireControls = function (chosenTitle) {
    this.liveControls.forEach(function (retireMessage) { retireMessage(chosenTitle); });
    this.liveControls = [];
  };

  Widget.prototype.addUser = function (text, messageId) {
    this.retireControls(text);
    var bubble = el("div", "bc-msg bc-msg-user");
    bubble.appendChild(el("span", "bc-msg-text", text));
    if (messageId) bubble.setAttribute("data-message-id", messageId);
    this.log.appendChild(bubble);
    this.scroll();
    return bubble;
  };

  Widget.prototype.bubbleFor = function (messageId) {
    return this.log.querySelector('[data-message-id="' + CSS.escape(String(messageId)) + '"]');
  };

  /* "sending" and "sent" look alike; "waiting" (for the connection) and "unsent" say so. */
  Widget.prototype.setDelivery = function (messageId, delivery) {
    var self = this;
    var bubble = this.bubbleFor(messageId);
    if (!bubble) return;
    var old = bubble.querySelector(".bc-delivery");
    if (old) old.remove();
    bubble.classList.toggle("bc-msg-pending", delivery === "waiting");
    bubble.classList.toggle("bc-msg-unsent", delivery === "unsent");
    if (delivery === "waiting") bubble.appendChild(el("span", "bc-delivery", "waiting for connection"));
    if (delivery === "unsent") {
      var note = el("span", "bc-delivery", "Not sent. ");
      var retry = button("Retry");
      retry.addEventListener("click", function () {
        var item = self.state.outbox.filter(function (queued) { return queued.id === messageId; })[0];
        // The bubble's controls are about to go: the log keeps the focus, not the input (phones).
        self.log.focus();
        if (!item) return;
        self.setDelivery(messageId, self.connected ? "sending" : "waiting");
        if (self.connected) self.emit(item);
      });
      note.appendChild(retry);
      bubble.appendChild(note);
    }
  };

  Widget.prototype.addBot = function (message, restored) {
    var self = this;
    var replies = message.quick_replies || [];
    // Escalation ends whatever was going on above it (a stretch's buttons and timer included).
    if (message.safety || replies.length) this.retireControls(null);
    if (message.text) {
      var bubble = el("div", "bc-msg bc-msg-bot" + (message.safety ? " bc-msg-safety" : ""));
      if (message.safety) bubble.appendChild(el("strong", "bc-safety-label", "Important"));
      message.text.split("\n").forEach(function (line, index) {
        if (/^\(From the article/.test(line)) {
          bubble.appendChild(el("span", "bc-source", line.replace(/^\(|\)$/g, "")));
        } else {
          if (index > 0) bubble.appendChild(document.createTextNode("\n"));
          appendLinkified(bubble, line, Boolean(message.safety));
        }
      });
      this.log.appendChild(bubble);
    }
    var custom = message.custom || {};
    var countdown = custom.type === "stretch_hold" ? this.addCountdown(custom, restored) : null;
    var buttons = [];
    if (replies.length) {
      var group = el("div", "bc-replies");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Suggested replies");
      buttons = replies.map(function (reply) {
        var control = button(reply.title);
        control.addEventListener("click", function () {
          if (!isRetired(control)) self.send(reply.payload, reply.title);
        });
        group.appendChild(control);
        return control;
      });
      this.log.appendChild(group);
    }
    if (buttons.length || countdown) {
      this.liveControls.push(function (chosenTitle) {
        var chosen = buttons.filter(function (control) { return control.textContent === chosenTitle; })[0];
        if (chosen) {
          chosen.classList.add("bc-chosen");
          chosen.setAttribute("aria-pressed", "true");
        }
        buttons.forEach(retire);
        if (countdown) countdown.finish();
      });
    }
    this.scroll();
  };

  /* The hold's timer: Start/Pause only, since the hold's message carries its one Done button. */
  Widget.prototype.addCountdown = function (hold, restored) {
    var self = this;
    var remaining = hold.hold_seconds;
    var timer = null;
    var box = el("div", "bc-countdown");
    box.setAttribute("role", "timer");
    box.setAttribute("aria-label", "Hold timer, " + (hold.side_label || "side " + hold.side));
    var time = el("span", "bc-countdown-time", String(remaining));
    time.setAttribute("aria-live", "off");
    var unit = el("span", null, "seconds (hold " + hold.hold_seconds + "–" + hold.max_hold_seconds + ")");
    var toggle = button("Start");
    function finish() {
      window.clearInterval(timer);
      timer = null;
      retire(toggle);
    }
    toggle.addEventListener("click", function () {
      if (isRetired(toggle)) return;
      if (timer) {
        window.clearInterval(timer);
        timer = null;
        toggle.textContent = "Start";
        return;
      }
      prepareSound();
      toggle.textContent = "Pause";
      timer = window.setInterval(function () {
        remaining -= 1;
        time.textContent = String(Math.max(remaining, 0));
        if (remaining <= 0) {
          finish();
          unit.textContent = "seconds: time is up";
          signalTimeUp();
          self.announce("Hold time is up. Press Done when you are ready.");
        }
      }, 1000);
    });
    [time, unit, toggle].forEach(function (child) { box.appendChild(child); });
    this.log.appendChild(box);
    // After a reload nobody knows how much of the hold has passed.
    if (restored) finish();
    return { finish: finish };
  };

  Widget.prototype.announce = function (text) {
    var note = el("div", "bc-visually-hidden", text);
    note.setAttribute("role", "alert");
    this.root.appendChild(note);
    window.setTimeout(function () { note.remove(); }, 5000);
  };

  Widget.prototype.showTyping = function (on) {
    window.clearTimeout(this.typingTimer);
    this.typing.hidden = !on;
  };

  /* Every message waits in the outbox (kept across a reload) until the server confirms it. */
  Widget.prototype.send = function (payload, shown, hidden) {
    var item = { id: randomId(), payload: payload, shown: shown, hidden: Boolean(hidden) };
    this.state.outbox.push(item);
    writeState(this.state);
    if (!hidden) {
      this.addUser(shown, item.id);
      this.setDelivery(item.id, this.connected ? "sending" : "waiting");
    }
    if (this.connected) this.emit(item);
  };

  Widget.prototype.emit = function (item) {
    var self = this;
    var data = { message: item.payload, session_id: this.state.sessionId, message_id: item.id };
    if (item.hidden) data.hidden = true;
    else if (item.shown !== item.payload) data.shown = item.shown;
    this.socket.emit("user_uttered", data);
    window.clearTimeout(this.ackTimers[item.id]);
    this.ackTimers[item.id] = window.setTimeout(function () {
      delete self.ackTimers[item.id];
      self.setDelivery(item.id, "unsent");
    }, ACK_TIMEOUT_MS);
  };

  Widget.prototype.received = function (messageId, repeat) {
    window.clearTimeout(this.ackTimers[messageId]);
    delete this.ackTimers[messageId];
    this.state.outbox = this.state.outbox.filter(function (item) { return item.id !== messageId; });
    writeState(this.state);
    this.setDelivery(messageId, "sent");
    // A repeat was answered when it first arrived.
    if (!repeat) this.showTyping(true);
  };

  Widget.prototype.flushOutbox = function () {
    var self = this;
    this.state.outbox.forEach(function (item) {
      self.setDelivery(item.id, "sending");
      self.emit(item);
    });
  };

  Widget.prototype.loadHistory = function () {
    var self = this;
    return fetch(base + "history?session_id=" + encodeURIComponent(this.state.sessionId))
      .then(function (r) { return r.ok ? r.json() : { messages: [] }; })
      .then(function (data) {
        var messages = data.messages || [];
        var arrived = {};
        messages.forEach(function (message) {
          if (message.sender === "user") {
            self.addUser(message.text, message.message_id);
            arrived[message.message_id] = true;
          } else {
            self.addBot(message, true);
          }
        });
        self.historyLength = messages.length;
        // A message whose confirmation was lost in the reload is in the history already.
        self.state.outbox = self.state.outbox.filter(function (item) { return !arrived[item.id]; });
        writeState(self.state);
        self.state.outbox.forEach(function (item) {
          if (item.hidden) return;
          self.addUser(item.shown, item.id);
          self.setDelivery(item.id, "waiting");
        });
      })
      .catch(function () { /* history is a convenience; the chat works without it */ });
  };

  Widget.prototype.greetOnce = function () {
    if (this.state.greeted || this.historyLength !== 0) return;
    this.state.greeted = true;
    this.send(GREETING_PAYLOAD, "", true);
  };

  Widget.prototype.connect = function () {
    var self = this;
    this.socket = window.io(scriptUrl.origin, { path: "/socket.io", reconnectionDelayMax: 5000 });
    this.socket.on("connect", function () {
      self.socket.emit("session_request", { session_id: self.state.sessionId });
    });
    this.socket.on("session_confirm", function (sessionId) {
      if (typeof sessionId === "string" && sessionId !== self.state.sessionId) {
        self.state.sessionId = sessionId;
        writeState(self.state);
      }
      self.connected = true;
      self.setStatus("");
      self.flushOutbox();
      self.greetOnce();
    });
    this.socket.on("user_received", function (receipt) {
      if (receipt && typeof receipt.message_id === "string") self.received(receipt.message_id, receipt.repeat === true);
    });
    // The same conversation typed into in another tab.
    this.socket.on("user_echo", function (echo) {
      if (echo && typeof echo.text === "string" && !self.bubbleFor(echo.message_id)) {
        self.addUser(echo.text, echo.message_id);
      }
    });
    this.socket.on("bot_uttered", function (message) {
      self.addBot(message || {}, false);
      window.clearTimeout(self.typingTimer);
      self.typingTimer = window.setTimeout(function () { self.typing.hidden = true; }, TYPING_GRACE_MS);
    });
    this.socket.on("disconnect", function () {
      self.connected = false;
      self.showTyping(false);
      self.state.outbox.forEach(function (item) {
        window.clearTimeout(self.ackTimers[item.id]);
        delete self.ackTimers[item.id];
        self.setDelivery(item.id, "waiting");
      });
      self.setStatus("Connection lost. Reconnecting… Messages you send now will go when it is back.");
    });
    this.socket.on("connect_error", function () {
      self.connected = false;
      self.setStatus("Can't reach " + config.title + ". Retrying…");
    });
    window.addEventListener("offline", function () { self.socket.disconnect(); });
    window.addEventListener("online", function () { self.socket.connect(); });
  };

  function start() {
    var target = config.target ? document.querySelector(config.target) : null;
    if (!target) {
      target = document.createElement("div");
      document.body.appendChild(target);
    }
    var widget = new Widget(target);
    window.BackCoachWidget = widget;
    widget.loadHistory().then(function () { widget.connect(); });
  }

  Promise.all([
    load("link", { rel: "stylesheet", href: base + "static/widget.css" }),
    window.io ? Promise.resolve() : load("script", { src: base + "static/socket.io.min.js" }),
  ]).then(function () {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  });
})();