/*
 * MBC chat widget: plain JavaScript, no framework, no build step.
 *
 * Embed with one script tag:
 *   <script src="https://YOUR-HOST/widget/widget.js" defer
 *           data-server="https://bot.example.org"          (the Rasa server, REST channel)
 *           data-title="Questions about metastatic breast cancer"
 *           data-greeting="Hi! Ask me a question about metastatic breast cancer."
 *           data-accent="#5b2a86"></script>
 *
 * Safety rules this file keeps:
 *  - nothing from the server (or from data- attributes) is ever inserted as HTML: every
 *    piece of text goes in with textContent / createTextNode, never innerHTML;
 *  - links only for http, https, mailto and tel URLs (source links: http and https only);
 *  - the sender id lives in sessionStorage (one conversation per browser tab); nothing
 *    is written to localStorage.
 */
(function () {
  "use strict";

  var HELPLINE = {
    name: "LBBC Breast Cancer Helpline",
    number: "(888) 753-5222",
    href: "tel:+18887535222",
  };
  var LINK_SCHEMES = ["http:", "https:", "mailto:", "tel:"];
  var WEB_SCHEMES = ["http:", "https:"];
  var STORE_PREFIX = "mbc-chat:";
  var MAX_ENTRIES = 200;
  var MAX_MESSAGE_CHARS = 2000;
  var REQUEST_TIMEOUT_MS = 30000;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  // ---- pure helpers (exposed on window.MBCChat for tests) --------------------------

  /** The URL as an absolute href if its scheme is allowed, else null (never throws). */
  function safeHref(raw, schemes) {
    if (typeof raw !== "string") return null;
    var s = raw.trim();
    if (!s || s.length > 2048) return null;
    var url;
    try {
      url = new URL(s); // absolute URLs only: no base, so "//x" and "/x" are rejected
    } catch (e) {
      return null;
    }
    if ((schemes || LINK_SCHEMES).indexOf(url.protocol) === -1) return null;
    if ((url.protocol === "http:" || url.protocol === "https:") && !url.hostname) return null;
    if (url.username || url.password) return null; // "https://lbbc.org@evil.example" tricks
    return url.href;
  }

  function str(value, max) {
    if (typeof value !== "string") return "";
    return max && value.length > max ? value.slice(0, max) : value;
  }

  /** "2025-07-10" -> "Jul 10, 2025" (no Date parsing, so no time-zone shifts). */
  function fmtDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(str(iso));
    if (!m) return "";
    var month = MONTHS[parseInt(m[2], 10) - 1];
    return month ? month + " " + parseInt(m[3], 10) + ", " + m[1] : "";
  }

  function sanitizeButtons(buttons) {
    if (!Array.isArray(buttons)) return [];
    var out = [];
    for (var i = 0; i < buttons.length && out.length < 10; i++) {
      var b = buttons[i] || {};
      var title = str(b.title, 200).trim();
      var payload = str(b.payload, MAX_MESSAGE_CHARS).trim();
      if (title && payload) out.push({ title: title, payload: payload });
    }
    return out;
  }

  function sanitizeCitations(citations) {
    if (!Array.isArray(citations)) return [];
    var seen = {};
    var out = [];
    for (var i = 0; i < citations.length && out.length < 20; i++) {
      var c = citations[i] || {};
      var key = str(c.source_id) || str(c.publisher) + "|" + str(c.title);
      if (seen[key]) continue;
      seen[key] = true;
      out.push({
        publisher: str(c.publisher, 200),
        publisher_short: str(c.publisher_short, 100),
        title: str(c.title, 300),
        site: str(c.site, 200),
        url: safeHref(c.url, WEB_SCHEMES), // source links: http(s) only, else the site as text
        reviewed: str(c.reviewed, 10),
        trust: str(c.trust, 10),
      });
    }
    return out;
  }

  /**
   * Turn one REST reply (a list of messages) into display entries. A text message whose
   * last paragraph is the "Sources: ..." line of the custom answer payload that follows
   * it loses that paragraph, and the payload's citations are shown as links instead.
   */
  function prepareReply(messages) {
    var out = [];
    if (!Array.isArray(messages)) return out;
    messages.forEach(function (m) {
      if (!m || typeof m !== "object") return;
      var custom = m.custom && typeof m.custom === "object" ? m.custom : null;
      if (typeof m.text === "string" && m.text.trim()) {
        out.push({ who: "bot", text: str(m.text, 20000), buttons: sanitizeButtons(m.buttons) });
      } else if (Array.isArray(m.buttons) && m.buttons.length) {
        out.push({ who: "bot", text: "", buttons: sanitizeButtons(m.buttons) });
      }
      if (custom && custom.type === "answer") {
        var citations = sanitizeCitations(custom.citations);
        var sourcesText = str(custom.sources_text, 5000).trim();
        if (!citations.length) return;
        var prev = out.length ? out[out.length - 1] : null;
        var entry = { who: "bot", text: "", buttons: [], citations: citations, sourcesText: sourcesText };
        if (prev && prev.who === "bot" && !prev.citations && sourcesText) {
          var body = prev.text.replace(/\s+$/, "");
          if (body === sourcesText) {
            // Rasa's REST channel sends each paragraph as its own message, so the
            // "Sources:" line usually arrives alone: show the links under the answer's
            // last paragraph instead.
            var before = out.length > 1 ? out[out.length - 2] : null;
            if (before && before.who === "bot" && before.text && !before.citations && !before.buttons.length) {
              out.pop();
              prev = before;
            } else {
              prev.text = "";
            }
          } else if (body.slice(-sourcesText.length - 2) === "\n\n" + sourcesText) {
            prev.text = body.slice(0, -sourcesText.length).replace(/\s+$/, "");
          } else {
            out.push(entry);
            return;
          }
          prev.citations = citations;
          prev.sourcesText = sourcesText;
          return;
        }
        out.push(entry);
      }
    });
    return out;
  }

  /** "... Checked by our team Nov 22, 2026." from a sources line, or "". */
  function checkedNote(sourcesText) {
    var m = /Checked by our team [A-Z][a-z]{2} \d{1,2}, \d{4}\./.exec(str(sourcesText));
    return m ? m[0] : "";
  }

  function newSenderId() {
    var bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    var hex = "";
    for (var i = 0; i < bytes.length; i++) hex += ("0" + bytes[i].toString(16)).slice(-2);
    return "web-" + hex;
  }

  // Exposed for tests and for pages that want to check a URL the same way.
  window.MBCChat = window.MBCChat || {};
  window.MBCChat.safeHref = safeHref;
  window.MBCChat.prepareReply = prepareReply;
  window.MBCChat.fmtDate = fmtDate;

  // ---- storage: sessionStorage only, with an in-memory fallback ------------------------

  var memory = {};
  var store = {
    get: function (key) {
      try {
        return window.sessionStorage.getItem(STORE_PREFIX + key);
      } catch (e) {
        return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
      }
    },
    set: function (key, value) {
      try {
        window.sessionStorage.setItem(STORE_PREFIX + key, value);
      } catch (e) {
        memory[key] = value;
      }
    },
    remove: function (key) {
      try {
        window.sessionStorage.removeItem(STORE_PREFIX + key);
      } catch (e) {
        delete memory[key];
      }
    },
  };

  // ---- DOM helpers: text only -----------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") node.textContent = attrs[k];
        else if (k === "className") node.className = attrs[k];
        else if (attrs[k] === true) node.setAttribute(k, "");
        else if (attrs[k] !== false && attrs[k] != null) node.setAttribute(k, String(attrs[k]));
      });
    }
    (children || []).forEach(function (c) {
      if (c == null) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function srOnly(text) {
    return el("span", { className: "sr-only", text: text });
  }

  function externalLink(href, text, className) {
    var a = el("a", { href: href, className: className || null, target: "_blank", rel: "noopener noreferrer" });
    a.appendChild(document.createTextNode(text));
    a.appendChild(srOnly(" (opens in a new tab)"));
    return a;
  }

  // http(s) URLs and North American phone numbers written like "(888) 753-5222".
  var LINKABLE = /(https?:\/\/[^\s<>"']+)|(\(\d{3}\) \d{3}-\d{4})/g;

  /** Append text to a node, turning safe URLs and phone numbers into links. */
  function appendLinkified(node, text) {
    var last = 0;
    var m;
    LINKABLE.lastIndex = 0;
    while ((m = LINKABLE.exec(text)) !== null) {
      var match = m[0];
      var href = null;
      if (m[1]) {
        match = match.replace(/[.,;:!?)\]]+$/, "");
        href = safeHref(match, WEB_SCHEMES);
      } else {
        href = safeHref("tel:+1" + match.replace(/\D/g, ""), ["tel:"]);
      }
      if (!href) continue;
      if (m.index > last) node.appendChild(document.createTextNode(text.slice(last, m.index)));
      node.appendChild(m[1] ? externalLink(href, match) : el("a", { href: href, text: match }));
      last = m.index + match.length;
      LINKABLE.lastIndex = last;
    }
    if (last < text.length) node.appendChild(document.createTextNode(text.slice(last)));
  }

  function paragraphs(text) {
    var frag = document.createDocumentFragment();
    str(text)
      .split(/\n{2,}/)
      .forEach(function (para) {
        if (!para.trim()) return;
        var p = el("p");
        para.split("\n").forEach(function (line, i) {
          if (i) p.appendChild(el("br"));
          appendLinkified(p, line);
        });
        frag.appendChild(p);
      });
    return frag;
  }

  function sourcesBlock(citations, sourcesText) {
    var box = el("div", { className: "sources" });
    box.appendChild(el("p", { className: "sources-label", text: "Sources:" }));
    var list = el("ul");
    citations.forEach(function (c) {
      var li = el("li");
      var name = (c.publisher_short || c.publisher || "Source") + (c.title ? ", \u201c" + c.title + "\u201d" : "");
      if (c.url) {
        li.appendChild(externalLink(c.url, name, "source-link"));
      } else {
        li.appendChild(el("span", { className: "source-name", text: name }));
        if (c.site) li.appendChild(document.createTextNode(" (" + c.site + ")"));
      }
      var when = fmtDate(c.reviewed);
      li.appendChild(document.createTextNode(when ? ", reviewed " + when : ", no review date given"));
      if (c.trust === "low") li.appendChild(document.createTextNode(" [unattributed, no references]"));
      list.appendChild(li);
    });
    box.appendChild(list);
    var checked = checkedNote(sourcesText);
    if (checked) box.appendChild(el("p", { className: "checked", text: checked }));
    return box;
  }

  // ---- the widget -----------------------------------------------------------------------

  function findScript() {
    if (document.currentScript) return document.currentScript;
    var scripts = document.querySelectorAll("script[src*='widget.js']");
    return scripts.length ? scripts[scripts.length - 1] : null;
  }

  function Widget(script) {
    var data = (script && script.dataset) || {};
    this.server = safeHref(str(data.server), WEB_SCHEMES);
    if (this.server) this.server = this.server.replace(/\/+$/, "");
    this.title = str(data.title, 120).trim() || "Questions about metastatic breast cancer";
    this.greeting =
      str(data.greeting, 1000).trim() ||
      "Hi! I can share general information about metastatic breast cancer, with sources. What would you like to know?";
    this.accent = str(data.accent, 60).trim();
    this.startOpen = data.open === "true";
    this.cssHref = script && script.src ? new URL("widget.css", script.src).href : "widget.css";
    this.busy = false;
    this.lastSent = null;
    this.entries = [];
    this.generation = 0; // bumped by "Start over": late replies to the old conversation are dropped
  }

  Widget.prototype.mount = function () {
    var host = el("div", { id: "mbc-chat-widget" });
    document.body.appendChild(host);
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    this.host = host;
    this.root = root;
    root.appendChild(el("link", { rel: "stylesheet", href: this.cssHref }));
    this.applyAccent();

    var panelId = "mbc-chat-panel";
    this.launcher = el("button", {
      type: "button",
      className: "launcher",
      "aria-expanded": "false",
      "aria-controls": panelId,
    }, [el("span", { className: "launcher-icon", "aria-hidden": "true", text: "?" }), el("span", { text: this.title })]);

    this.titleEl = el("h2", { id: "mbc-chat-title", className: "title", text: this.title });
    this.restartBtn = el("button", { type: "button", className: "restart", text: "Start over",
      "aria-label": "Start over: new conversation" });
    this.closeBtn = el("button", { type: "button", className: "close", "aria-label": "Close chat" },
      [el("span", { "aria-hidden": "true", text: "\u00d7" })]);
    var header = el("div", { className: "header" }, [
      this.titleEl, el("div", { className: "header-actions" }, [this.restartBtn, this.closeBtn]),
    ]);

    var helpline = el("a", {
      className: "helpline",
      href: HELPLINE.href,
      "aria-label": "Call the " + HELPLINE.name + " at " + HELPLINE.number,
    }, [el("span", { "aria-hidden": "true", className: "helpline-icon", text: "\u260e" }), " Call the helpline ",
      el("strong", { text: HELPLINE.number })]);
    var note = el("p", { className: "note" }, [
      "General information, not medical advice. In an emergency, call 911.",
    ]);
    var bar = el("div", { className: "bar" }, [note, helpline]);

    this.log = el("div", {
      className: "log",
      role: "log",
      "aria-live": "polite",
      "aria-relevant": "additions",
      "aria-label": "Conversation",
      tabindex: "0",
    });
    this.typing = el("div", { className: "typing", role: "status", hidden: true }, [
      el("span", { className: "dots", "aria-hidden": "true" }, [el("span"), el("span"), el("span")]),
      el("span", { className: "typing-text", text: "Looking that up\u2026" }),
    ]);

    this.input = el("input", {
      id: "mbc-chat-input",
      type: "text",
      className: "input",
      autocomplete: "off",
      maxlength: String(MAX_MESSAGE_CHARS),
      placeholder: "Type your question",
    });
    var label = el("label", { for: "mbc-chat-input", className: "sr-only", text: "Your question" });
    this.sendBtn = el("button", { type: "submit", className: "send", text: "Send", "aria-label": "Send question" });
    this.form = el("form", { className: "composer", novalidate: true }, [label, this.input, this.sendBtn]);

    this.panel = el("section", {
      id: panelId,
      className: "panel",
      role: "region",
      "aria-labelledby": "mbc-chat-title",
      hidden: true,
    }, [header, bar, this.log, this.typing, this.form]);

    root.appendChild(this.launcher);
    root.appendChild(this.panel);
    this.bind();
    this.restore();
    if (this.startOpen || store.get("open") === "1") this.open(false);
  };

  Widget.prototype.applyAccent = function () {
    if (!this.accent || !window.CSS || !CSS.supports("color", this.accent)) return;
    this.host.style.setProperty("--mbc-accent", this.accent);
    // Pick black or white text on the accent colour, whichever reads better.
    var probe = document.createElement("span");
    probe.style.color = this.accent;
    document.body.appendChild(probe);
    var rgb = getComputedStyle(probe).color.match(/[\d.]+/g) || [];
    document.body.removeChild(probe);
    if (rgb.length >= 3) {
      var lin = rgb.slice(0, 3).map(function (v) {
        var c = parseFloat(v) / 255;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
      });
      var lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
      this.host.style.setProperty("--mbc-on-accent", lum > 0.179 ? "#000000" : "#ffffff");
    }
  };

  Widget.prototype.bind = function () {
    var self = this;
    this.launcher.addEventListener("click", function () {
      if (self.panel.hidden) self.open(true);
      else self.close();
    });
    this.closeBtn.addEventListener("click", function () {
      self.close();
    });
    this.restartBtn.addEventListener("click", function () {
      self.startOver();
    });
    this.panel.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") {
        ev.preventDefault();
        self.close();
      }
    });
    this.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var text = self.input.value.trim();
      if (!text || self.busy) return;
      self.input.value = "";
      self.send(text, text);
    });
  };

  Widget.prototype.open = function (focus) {
    this.panel.hidden = false;
    this.launcher.setAttribute("aria-expanded", "true");
    this.host.classList.add("is-open");
    store.set("open", "1");
    if (!this.entries.length) this.addEntry({ who: "bot", text: this.greeting, greeting: true });
    this.scrollToEnd();
    if (focus) this.input.focus();
  };

  Widget.prototype.close = function () {
    this.panel.hidden = true;
    this.launcher.setAttribute("aria-expanded", "false");
    this.host.classList.remove("is-open");
    store.set("open", "0");
    this.launcher.focus();
  };

  Widget.prototype.senderId = function () {
    var id = store.get("sender");
    if (!id || !/^[A-Za-z0-9_.:@+-]{1,128}$/.test(id)) {
      id = newSenderId();
      store.set("sender", id);
    }
    return id;
  };

  Widget.prototype.startOver = function () {
    this.generation++;
    this.setBusy(false);
    store.set("sender", newSenderId());
    store.remove("log");
    this.entries = [];
    this.lastSent = null;
    while (this.log.firstChild) this.log.removeChild(this.log.firstChild);
    this.addEntry({ who: "bot", text: this.greeting, greeting: true });
    this.input.value = "";
    this.input.focus();
  };

  Widget.prototype.restore = function () {
    var saved = [];
    try {
      saved = JSON.parse(store.get("log") || "[]");
    } catch (e) {
      saved = [];
    }
    if (!Array.isArray(saved)) return;
    var self = this;
    saved.forEach(function (entry, i) {
      if (!entry || (entry.who !== "bot" && entry.who !== "user")) return;
      // Only the newest reply keeps its quick replies.
      var clean = {
        who: entry.who,
        text: str(entry.text, 20000),
        buttons: i === saved.length - 1 ? sanitizeButtons(entry.buttons) : [],
        citations: entry.citations ? sanitizeCitations(entry.citations) : null,
        sourcesText: str(entry.sourcesText, 5000),
        greeting: entry.greeting === true,
      };
      self.entries.push(clean);
      self.log.appendChild(self.renderEntry(clean));
    });
  };

  Widget.prototype.save = function () {
    var keep = this.entries.filter(function (e) {
      return !e.error;
    });
    store.set("log", JSON.stringify(keep.slice(-MAX_ENTRIES)));
  };

  Widget.prototype.addEntry = function (entry) {
    if (!entry.error) {
      this.entries.push(entry);
      this.save();
    }
    var node = this.renderEntry(entry);
    this.log.appendChild(node);
    this.scrollToEnd();
    return node;
  };

  Widget.prototype.renderEntry = function (entry) {
    var self = this;
    var who = entry.who === "user" ? "user" : "bot";
    var bubble = el("div", { className: "msg msg-" + who + (entry.error ? " msg-error" : "") });
    bubble.appendChild(srOnly(who === "user" ? "You said: " : "Assistant: "));
    if (entry.error) {
      bubble.setAttribute("role", "alert");
      bubble.appendChild(el("p", { text: "Sorry, I can\u2019t reach the answer service right now." }));
      var p = el("p", {}, ["Please try again in a moment, or call the " + HELPLINE.name + " at "]);
      p.appendChild(el("a", { href: HELPLINE.href, className: "error-helpline", text: HELPLINE.number }));
      p.appendChild(document.createTextNode(". In an emergency, call 911."));
      bubble.appendChild(p);
      if (entry.retry) {
        var retry = el("button", { type: "button", className: "retry", text: "Try again" });
        retry.addEventListener("click", function () {
          if (self.busy) return;
          if (bubble.parentNode) bubble.parentNode.removeChild(bubble);
          self.send(entry.retry.message, entry.retry.display, true);
        });
        bubble.appendChild(retry);
      }
      return bubble;
    }
    if (entry.text) bubble.appendChild(paragraphs(entry.text));
    if (entry.citations && entry.citations.length) bubble.appendChild(sourcesBlock(entry.citations, entry.sourcesText));
    if (entry.buttons && entry.buttons.length) {
      var group = el("div", { className: "quick-replies", role: "group", "aria-label": "Suggested replies" });
      entry.buttons.forEach(function (b) {
        var btn = el("button", { type: "button", className: "quick-reply", text: b.title });
        btn.addEventListener("click", function () {
          if (self.busy) return;
          self.send(b.payload, b.title);
        });
        group.appendChild(btn);
      });
      bubble.appendChild(group);
    }
    return bubble;
  };

  Widget.prototype.clearQuickReplies = function () {
    var groups = this.log.querySelectorAll(".quick-replies");
    for (var i = 0; i < groups.length; i++) groups[i].parentNode.removeChild(groups[i]);
    this.entries.forEach(function (e) {
      e.buttons = [];
    });
  };

  Widget.prototype.scrollToEnd = function () {
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var log = this.log;
    if (log.scrollTo) log.scrollTo({ top: log.scrollHeight, behavior: reduce ? "auto" : "smooth" });
    else log.scrollTop = log.scrollHeight;
  };

  Widget.prototype.setBusy = function (busy) {
    this.busy = busy;
    this.typing.hidden = !busy;
    this.sendBtn.setAttribute("aria-disabled", busy ? "true" : "false");
    this.log.setAttribute("aria-busy", busy ? "true" : "false");
    if (busy) this.scrollToEnd();
  };

  Widget.prototype.send = function (message, display, isRetry) {
    var self = this;
    if (this.busy) return;
    this.clearQuickReplies();
    if (!isRetry) this.addEntry({ who: "user", text: display });
    this.lastSent = { message: message, display: display };
    if (!this.server) {
      this.addEntry({ who: "bot", error: true, retry: null });
      return;
    }
    this.setBusy(true);
    var generation = this.generation;
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS) : null;
    fetch(this.server + "/webhooks/rest/webhook", {
      method: "POST",
      mode: "cors",
      credentials: "omit",
      referrerPolicy: "no-referrer",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: this.senderId(), message: message }),
      signal: controller ? controller.signal : undefined,
    })
      .then(function (resp) {
        if (!resp.ok) throw new Error("HTTP " + resp.status);
        return resp.json();
      })
      .then(function (messages) {
        if (generation !== self.generation) return;
        if (!Array.isArray(messages)) throw new Error("unexpected reply");
        self.host.classList.remove("is-offline");
        var entries = prepareReply(messages);
        if (!entries.length) {
          entries = [{ who: "bot", text: "Sorry, I don\u2019t have a reply for that. You can ask another question, or call the " + HELPLINE.name + " at " + HELPLINE.number + "." }];
        }
        self.setBusy(false);
        entries.forEach(function (e) {
          self.addEntry(e);
        });
      })
      .catch(function () {
        if (generation !== self.generation) return;
        self.setBusy(false);
        self.host.classList.add("is-offline");
        self.addEntry({ who: "bot", error: true, retry: { message: message, display: display } });
      })
      .then(function () {
        if (timer) clearTimeout(timer);
      });
  };

  function start() {
    if (document.getElementById("mbc-chat-widget")) return; // one widget per page
    var widget = new Widget(script);
    widget.mount();
    window.MBCChat.widget = widget;
  }

  var script = findScript();
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
