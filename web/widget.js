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
  var NOTICE =
    "Education from one article, not a diagnosis. In an emergency call 999 (UK), 911 (US) or 112 (EU).";

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

  function readState() {
    try { return JSON.parse(window.localStorage.getItem(storageKey)) || {}; } catch (e) { return {}; }
  }

  function writeState(state) {
    try { window.localStorage.setItem(storageKey, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  function newSessionId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  /* Text with links made clickable, built from text nodes only (never innerHTML). */
  function appendLinkified(parent, text) {
    var pattern = /https?:\/\/[^\s)]+/g;
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var link = el("a", null, match[0]);
      link.href = match[0];
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      parent.appendChild(link);
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function Widget(root) {
    this.state = readState();
    if (!this.state.sessionId) this.state.sessionId = newSessionId();
    this.state.outbox = this.state.outbox || [];
    writeState(this.state);
    this.connected = false;
    this.typingTimer = null;
    this.build(root);
  }

  Widget.prototype.build = function (root) {
    var self = this;
    this.root = el("section", "bc-widget");
    this.root.setAttribute("aria-label", config.title + " chat");
    this.root.appendChild(el("p", "bc-notice", NOTICE));
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

  Widget.prototype.addUser = function (text, pending) {
    var bubble = el("div", "bc-msg bc-msg-user" + (pending ? " bc-msg-pending" : ""), text);
    if (pending) bubble.setAttribute("data-pending", "true");
    this.log.appendChild(bubble);
    this.scroll();
    return bubble;
  };

  Widget.prototype.addBot = function (message, live) {
    var self = this;
    if (message.text) {
      var bubble = el("div", "bc-msg bc-msg-bot");
      message.text.split("\n").forEach(function (line, index) {
        if (/^\(From the article/.test(line)) {
          bubble.appendChild(el("span", "bc-source", line.replace(/^\(|\)$/g, "")));
        } else {
          if (index > 0) bubble.appendChild(document.createTextNode("\n"));
          appendLinkified(bubble, line);
        }
      });
      this.log.appendChild(bubble);
    }
    var replies = message.quick_replies || message.buttons || [];
    if (replies.length) {
      var group = el("div", "bc-replies");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Suggested replies");
      replies.forEach(function (reply) {
        var button = el("button", null, reply.title);
        button.type = "button";
        button.disabled = !live;
        button.addEventListener("click", function () {
          Array.prototype.forEach.call(group.querySelectorAll("button"), function (b) { b.disabled = true; });
          self.send(reply.payload, reply.title);
          self.input.focus();
        });
        group.appendChild(button);
      });
      this.log.appendChild(group);
    }
    var custom = message.custom || {};
    if (custom.type === "stretch_hold") this.addCountdown(custom);
    this.scroll();
  };

  Widget.prototype.addCountdown = function (hold) {
    var self = this;
    var remaining = hold.hold_seconds;
    var timer = null;
    var box = el("div", "bc-countdown");
    box.setAttribute("role", "timer");
    box.setAttribute("aria-label", "Hold timer, " + (hold.side_label || "side " + hold.side));
    var time = el("span", "bc-countdown-time", String(remaining));
    time.setAttribute("aria-live", "off");
    var unit = el("span", null, "seconds (hold " + hold.hold_seconds + "–" + hold.max_hold_seconds + ")");
    var start = el("button", null, "Start");
    var pause = el("button", null, "Pause");
    var done = el("button", null, "Done");
    [start, pause, done].forEach(function (b) { b.type = "button"; });
    pause.disabled = true;
    function stop() { window.clearInterval(timer); timer = null; start.disabled = false; pause.disabled = true; }
    start.addEventListener("click", function () {
      if (timer || remaining <= 0) return;
      start.disabled = true;
      pause.disabled = false;
      timer = window.setInterval(function () {
        remaining -= 1;
        time.textContent = String(Math.max(remaining, 0));
        if (remaining <= 0) {
          stop();
          start.disabled = true;
          unit.textContent = "seconds: time is up";
          self.announce("Hold time is up. Press Done when you are ready.");
        }
      }, 1000);
    });
    pause.addEventListener("click", stop);
    done.addEventListener("click", function () {
      stop();
      [start, pause, done].forEach(function (b) { b.disabled = true; });
      self.send("/next_step", "Done");
      self.input.focus();
    });
    [time, unit, start, pause, done].forEach(function (child) { box.appendChild(child); });
    this.log.appendChild(box);
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

  Widget.prototype.send = function (payload, shown) {
    if (this.connected) {
      this.addUser(shown, false);
      this.emit(payload);
    } else {
      // Kept (also across a reload) and sent once the connection is back.
      this.state.outbox.push({ payload: payload, shown: shown });
      writeState(this.state);
      this.addUser(shown + " (waiting for connection)", true);
    }
  };

  Widget.prototype.emit = function (payload) {
    this.socket.emit("user_uttered", { message: payload, session_id: this.state.sessionId });
    this.showTyping(true);
  };

  Widget.prototype.flushOutbox = function () {
    var self = this;
    var queued = this.state.outbox.splice(0);
    writeState(this.state);
    Array.prototype.forEach.call(this.log.querySelectorAll("[data-pending]"), function (bubble) {
      bubble.classList.remove("bc-msg-pending");
      bubble.removeAttribute("data-pending");
      bubble.textContent = bubble.textContent.replace(/ \(waiting for connection\)$/, "");
    });
    queued.forEach(function (item) { self.emit(item.payload); });
  };

  Widget.prototype.loadHistory = function () {
    var self = this;
    return fetch(base + "history?session_id=" + encodeURIComponent(this.state.sessionId))
      .then(function (r) { return r.ok ? r.json() : { messages: [] }; })
      .then(function (data) {
        var messages = data.messages || [];
        messages.forEach(function (message, index) {
          if (message.sender === "user") self.addUser(message.text, false);
          else self.addBot(message, index === messages.length - 1);
        });
        self.state.outbox.forEach(function (item) { self.addUser(item.shown + " (waiting for connection)", true); });
      })
      .catch(function () { /* history is a convenience; the chat works without it */ });
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
    });
    this.socket.on("bot_uttered", function (message) {
      self.addBot(message || {}, true);
      window.clearTimeout(self.typingTimer);
      self.typingTimer = window.setTimeout(function () { self.typing.hidden = true; }, TYPING_GRACE_MS);
    });
    this.socket.on("disconnect", function () {
      self.connected = false;
      self.showTyping(false);
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
