/*
 * IOP FAQ chat widget. Plain JavaScript, no framework; talks to the bot over socket.io.
 *
 * Embed with one tag (all attributes optional):
 *   <script src="https://BOT_HOST/webhooks/webchat/webchat.js"
 *           data-server-url="https://BOT_HOST" data-title="Questions about IOP"
 *           data-primary-color="#2f5d62" data-open="false"></script>
 * or set window.IOPChat = {serverUrl, title, primaryColor, open} before the tag.
 *
 * Safety: every message is inserted as text (textContent / text nodes); links are built as <a>
 * elements only for http(s) URLs and for fixed crisis numbers (tel:/sms:). No innerHTML.
 */
(function () {
  "use strict";
  if (window.__iopChatLoaded) return;
  window.__iopChatLoaded = true;

  var script = document.currentScript;
  var data = (script && script.dataset) || {};
  var user = window.IOPChat || {};
  var scriptOrigin = script && script.src ? new URL(script.src, location.href).origin : location.origin;

  var cfg = {
    serverUrl: (user.serverUrl || data.serverUrl || scriptOrigin).replace(/\/+$/, ""),
    title: user.title || data.title || "Questions about IOP for burnout",
    primaryColor: user.primaryColor || data.primaryColor || "#2f5d62",
    textColor: user.textColor || data.textColor || "#ffffff",
    open: String(user.open !== undefined ? user.open : (data.open || "false")) === "true"
  };
  var BASE = cfg.serverUrl + "/webhooks/webchat";
  var STORE_KEY = "iopchat.session." + cfg.serverUrl;
  var REPLY_TIMEOUT_MS = 45000;

  // ---- crisis resources: fixed numbers, fixed links -------------------------------------------
  var CRISIS_ACTIONS = [
    {label: "Call 988", sub: "Suicide & Crisis Lifeline (US)", href: "tel:988"},
    {label: "Text 988", sub: "Suicide & Crisis Lifeline (US)", href: "sms:988"},
    {label: "Text HOME to 741741", sub: "Crisis Text Line", href: "sms:741741?&body=HOME"},
    {label: "Call 911", sub: "Immediate danger", href: "tel:911", urgent: true},
    {label: "Samaritans 116 123", sub: "UK and Ireland", href: "tel:116123"},
    {label: "Lifeline 13 11 14", sub: "Australia", href: "tel:131114"},
    {label: "988lifeline.org", sub: "Chat online (US)", href: "https://988lifeline.org"},
    {label: "findahelpline.com", sub: "Other countries", href: "https://findahelpline.com"}
  ];
  // Phrases in bot text turned into links (longest first so "116 123" wins over parts of it).
  var INLINE_LINKS = [
    {re: /988lifeline\.org/, href: "https://988lifeline.org"},
    {re: /findahelpline\.com/, href: "https://findahelpline.com"},
    {re: /\b741741\b/, href: "sms:741741?&body=HOME"},
    {re: /\b116 123\b/, href: "tel:116123"},
    {re: /\b13 11 14\b/, href: "tel:131114"},
    {re: /\b911\b/, href: "tel:911"},
    {re: /\b988\b(?!lifeline)/, href: "tel:988"}
  ];
  var URL_RE = /https?:\/\/[^\s<>"'`]+/;
  var TRAILING = /[.,;:!?)\]}\u2019\u201d"]+$/;

  // ---- DOM helpers ------------------------------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function safeHref(href) {
    try {
      var u = new URL(href);
      return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
    } catch (e) { return null; }
  }

  function externalLink(href, label, className) {
    var a = el("a", {href: href, target: "_blank", rel: "noopener noreferrer", className: className || ""});
    a.textContent = label;
    return a;
  }

  function sourceLabel(url, sources) {
    for (var i = 0; i < sources.length; i++) {
      if (sources[i] && sources[i].url === url && sources[i].title) return String(sources[i].title);
    }
    try { return new URL(url).hostname; } catch (e) { return url; }
  }

  // Append `text` to `parent` as text nodes, with crisis numbers/sites as links.
  function appendInline(parent, text) {
    while (text) {
      var best = null;
      INLINE_LINKS.forEach(function (rule) {
        var m = rule.re.exec(text);
        if (m && (!best || m.index < best.index)) best = {index: m.index, len: m[0].length, rule: rule, s: m[0]};
      });
      if (!best) { parent.appendChild(document.createTextNode(text)); return; }
      if (best.index > 0) parent.appendChild(document.createTextNode(text.slice(0, best.index)));
      var a = best.rule.href.indexOf("http") === 0
        ? externalLink(best.rule.href, best.s, "iopc-inline-link")
        : el("a", {href: best.rule.href, className: "iopc-inline-link iopc-tel", text: best.s});
      parent.appendChild(a);
      text = text.slice(best.index + best.len);
    }
  }

  // Text with http(s) URLs as links (labelled with the source title when it is a source).
  function richText(text, sources) {
    var frag = document.createDocumentFragment();
    var rest = String(text || "");
    while (rest) {
      var m = URL_RE.exec(rest);
      if (!m) { appendInline(frag, rest); break; }
      var url = m[0].replace(TRAILING, "");
      if (m.index > 0) appendInline(frag, rest.slice(0, m.index));
      var href = safeHref(url);
      if (href) frag.appendChild(externalLink(href, sourceLabel(url, sources), "iopc-source"));
      else frag.appendChild(document.createTextNode(url));
      rest = rest.slice(m.index + url.length);
    }
    return frag;
  }

  // ---- UI -----------------------------------------------------------------------------------------
  var root = el("div", {className: "iopc-root", "data-iopc": ""});
  root.style.setProperty("--iopc-primary", CSS.supports("color", cfg.primaryColor) ? cfg.primaryColor : "#2f5d62");
  root.style.setProperty("--iopc-on-primary", CSS.supports("color", cfg.textColor) ? cfg.textColor : "#ffffff");

  var launcher = el("button", {type: "button", className: "iopc-launcher", "aria-controls": "iopc-panel",
    "aria-expanded": "false", text: "Chat: " + "questions about IOP"});
  var title = el("h2", {className: "iopc-title", id: "iopc-title", text: cfg.title});
  var closeBtn = el("button", {type: "button", className: "iopc-close", "aria-label": "Close chat", text: "\u00d7"});
  var crisisBar = el("p", {className: "iopc-crisisbar"});
  crisisBar.appendChild(document.createTextNode("In crisis? "));
  crisisBar.appendChild(el("a", {href: "tel:988", text: "Call 988"}));
  crisisBar.appendChild(document.createTextNode(" or "));
  crisisBar.appendChild(el("a", {href: "sms:988", text: "text 988"}));
  crisisBar.appendChild(document.createTextNode(" (US), or your local emergency number."));
  var log = el("div", {className: "iopc-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
    "aria-label": "Conversation", tabindex: "0"});
  var typing = el("div", {className: "iopc-typing", role: "status", hidden: ""}, [
    el("span", {className: "iopc-dot", "aria-hidden": "true"}), el("span", {className: "iopc-dot", "aria-hidden": "true"}),
    el("span", {className: "iopc-dot", "aria-hidden": "true"}), el("span", {className: "iopc-sr", text: "The assistant is typing"})
  ]);
  var statusLine = el("p", {className: "iopc-status", role: "status", "aria-live": "polite"});
  var input = el("input", {type: "text", id: "iopc-input", className: "iopc-input", autocomplete: "off",
    maxlength: "2000", placeholder: "Type your question"});
  var inputLabel = el("label", {"for": "iopc-input", className: "iopc-sr", text: "Your message"});
  var sendBtn = el("button", {type: "submit", className: "iopc-send", text: "Send"});
  var form = el("form", {className: "iopc-form"}, [inputLabel, input, sendBtn]);
  var note = el("p", {className: "iopc-note",
    text: "Automated assistant, not a therapist. Answers come from one article."});
  var panel = el("section", {className: "iopc-panel", id: "iopc-panel", "aria-labelledby": "iopc-title", hidden: ""}, [
    el("header", {className: "iopc-header"}, [title, closeBtn]), crisisBar, log, typing, statusLine, form, note
  ]);
  root.appendChild(panel);
  root.appendChild(launcher);

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function addUser(text) {
    var b = el("div", {className: "iopc-msg iopc-user"});
    b.appendChild(el("span", {className: "iopc-sr", text: "You: "}));
    b.appendChild(document.createTextNode(String(text)));
    log.appendChild(b);
    scrollDown();
  }

  function crisisCard(severity) {
    var card = el("div", {className: "iopc-crisis" + (severity === "urgent" ? " iopc-urgent" : "")});
    card.appendChild(el("p", {className: "iopc-crisis-head",
      text: severity === "urgent" ? "Get help now" : "Talk to a person now, any time"}));
    var list = el("ul", {className: "iopc-crisis-list"});
    var actions = CRISIS_ACTIONS.slice();
    if (severity === "urgent") actions.sort(function (a, b) { return (b.urgent ? 1 : 0) - (a.urgent ? 1 : 0); });
    actions.forEach(function (act) {
      var a = act.href.indexOf("http") === 0
        ? externalLink(act.href, "", "iopc-crisis-link")
        : el("a", {href: act.href, className: "iopc-crisis-link"});
      a.textContent = "";
      a.appendChild(el("strong", {text: act.label}));
      a.appendChild(el("span", {text: act.sub}));
      list.appendChild(el("li", null, [a]));
    });
    card.appendChild(list);
    return card;
  }

  function addBot(msg) {
    var custom = (msg && msg.custom) || {};
    var sources = Array.isArray(custom.sources) ? custom.sources : [];
    var text = msg && msg.text ? String(msg.text) : "";
    var buttons = Array.isArray(msg && msg.buttons) ? msg.buttons : [];
    if (!text && !buttons.length) return;
    var b = el("div", {className: "iopc-msg iopc-bot"});
    b.appendChild(el("span", {className: "iopc-sr", text: "Assistant: "}));
    if (custom.answer_id === "crisis_resources") {
      b.className += " iopc-bot-crisis";
      if (custom.severity !== "safe") b.appendChild(crisisCard(custom.severity));
    }
    var body = el("div", {className: "iopc-text"});
    body.appendChild(richText(text, sources));
    b.appendChild(body);
    if (buttons.length) {
      var group = el("div", {className: "iopc-buttons", role: "group", "aria-label": "Suggested replies"});
      buttons.forEach(function (btn) {
        if (!btn || !btn.title || !btn.payload) return;
        var q = el("button", {type: "button", className: "iopc-quick", text: String(btn.title)});
        q.addEventListener("click", function () { send(String(btn.payload), String(btn.title)); });
        group.appendChild(q);
      });
      b.appendChild(group);
    }
    log.appendChild(b);
    scrollDown();
  }

  // ---- connection ----------------------------------------------------------------------------------
  var socket = null, sessionId = null, historyLoaded = false, replyTimer = null, greeted = false;

  function stored() { try { return localStorage.getItem(STORE_KEY); } catch (e) { return null; } }
  function store(id) { try { localStorage.setItem(STORE_KEY, id); } catch (e) { /* private mode */ } }

  function setTyping(on) {
    typing.hidden = !on;
    clearTimeout(replyTimer);
    if (on) {
      statusLine.textContent = "";
      replyTimer = setTimeout(function () {
        typing.hidden = true;
        statusLine.textContent = "No reply yet. Please try again. If you need help now, call or text 988 (US).";
      }, REPLY_TIMEOUT_MS);
    }
    if (on) scrollDown();
  }

  function send(message, shown) {
    if (!socket || !sessionId) { statusLine.textContent = "Connecting... please try again in a moment."; return; }
    if (shown !== null) addUser(shown === undefined ? message : shown);
    socket.emit("user_uttered", {message: message, session_id: sessionId});
    setTyping(true);
  }

  function loadHistory(id) {
    return fetch(BASE + "/history?session_id=" + encodeURIComponent(id), {credentials: "omit"})
      .then(function (r) { return r.ok ? r.json() : {messages: []}; })
      .catch(function () { return {messages: []}; })
      .then(function (res) {
        var items = (res && res.messages) || [];
        items.forEach(function (m) { if (m.type === "user") addUser(m.text); else addBot(m); });
        return items.length;
      });
  }

  function maybeGreet() {
    if (greeted || panel.hidden || !historyLoaded || log.childElementCount) return;
    greeted = true;
    send("/greet", null);
  }

  function connect() {
    if (socket) return;
    if (!window.io) { loadSocketIo(connect); return; }
    socket = window.io(cfg.serverUrl, {path: "/socket.io", transports: ["websocket", "polling"]});
    socket.on("connect", function () {
      statusLine.textContent = "";
      socket.emit("session_request", {session_id: sessionId || stored()});
    });
    socket.on("session_confirm", function (id) {
      var fresh = id !== sessionId;
      sessionId = id;
      store(id);
      root.setAttribute("data-session", id);
      if (fresh && !historyLoaded) {
        loadHistory(id).then(function () { historyLoaded = true; root.setAttribute("data-ready", "true"); maybeGreet(); });
      }
    });
    socket.on("bot_uttered", function (msg) { setTyping(false); addBot(msg); });
    socket.on("connect_error", function () { statusLine.textContent = "Can't reach the assistant. Retrying..."; });
    socket.on("disconnect", function () { statusLine.textContent = "Connection lost. Reconnecting..."; });
  }

  function loadSocketIo(done) {
    var s = document.createElement("script");
    s.src = BASE + "/vendor/socket.io.min.js";
    s.onload = done;
    s.onerror = function () { statusLine.textContent = "Could not load the chat."; };
    document.head.appendChild(s);
  }

  function openPanel(focus) {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    root.classList.add("iopc-open");
    connect();
    maybeGreet();
    if (focus) input.focus();
  }
  function closePanel() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    root.classList.remove("iopc-open");
    launcher.focus();
  }

  launcher.addEventListener("click", function () { if (panel.hidden) openPanel(true); else closePanel(); });
  closeBtn.addEventListener("click", closePanel);
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") closePanel(); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
  });

  function mount() {
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = BASE + "/webchat.css";
    document.head.appendChild(css);
    document.body.appendChild(root);
    connect();
    if (cfg.open) openPanel(false);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
