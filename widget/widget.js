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
 *  - the conversation id is issued by the bot (POST /webhooks/rest/conversation) and
 *    lives in sessionStorage (one conversation per browser tab); nothing is written to
 *    localStorage.
 *
 * Replies are rendered from the bot's structured payload ({"type": "reply", "parts": [...]}:
 * responses with their text, answers with citations and review status, choices), never by
 * reading English back out of a text. Messages marked "reply_part" repeat those parts for
 * plain clients and are skipped; any other message (the session-start note) is shown as is.
 * The HTML citation formatter here is also used by the volunteers' lookup page (loaded
 * there with data-mount="false").
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
  var SENDER_RE = /^[A-Za-z0-9_.:@+-]{1,128}$/;
  var REQUEST_TIMEOUT_MS = 30000;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre"];

  // The widget's own words, in English and Spanish (issue 12). The bot's words (answers,
  // review status, responses) come from the reply payload in the reply's language.
  var TEXT = {
    en: {
      title: "Questions about metastatic breast cancer",
      greeting: "Hi! I can share general information about metastatic breast cancer, with sources. What would you like to know?",
      toggle: "Español", toggleLabel: "Cambiar a español", toggleLang: "es",
      restart: "Start over", restartLabel: "Start over: new conversation", close: "Close chat",
      helpline: " Call the helpline ", helplineLabel: "Call the LBBC Breast Cancer Helpline at ",
      note: "General information, not medical advice. In an emergency, call 911.",
      log: "Conversation", typing: "Looking that up\u2026", placeholder: "Type your question",
      inputLabel: "Your question", send: "Send", sendLabel: "Send question",
      sources: "Sources:", reviewed: ", reviewed ", noDate: ", no review date given", inEnglish: "",
      lowTrust: " [unattributed, no references]", site: " (publisher's site)", note2: "Please note: ",
      simpler: "Say it more simply", suggested: "Suggested replies",
      helpful: "Was this helpful?", helpfulLabel: "Was this answer helpful?", yes: "Yes", no: "No",
      yesLabel: "Yes, this was helpful", noLabel: "No, this was not helpful",
      thanksUp: "Thank you: you said this was helpful.", thanksDown: "Thank you: you said this was not helpful.",
      noReply: "Sorry, I don\u2019t have a reply for that. You can ask another question, or call the LBBC Breast Cancer Helpline at ",
    },
    es: {
      title: "Preguntas sobre el cáncer de mama metastásico",
      greeting: "¡Hola! Le puedo dar información general sobre el cáncer de mama metastásico, con sus fuentes. ¿Qué le gustaría saber?",
      toggle: "English", toggleLabel: "Switch to English", toggleLang: "en",
      restart: "Empezar de nuevo", restartLabel: "Empezar de nuevo: nueva conversación", close: "Cerrar el chat",
      helpline: " Llame a la línea de ayuda ", helplineLabel: "Llame a la línea de ayuda de LBBC (Breast Cancer Helpline) al ",
      note: "Información general, no es un consejo médico. En una emergencia, llame al 911.",
      log: "Conversación", typing: "Buscando\u2026", placeholder: "Escriba su pregunta",
      inputLabel: "Su pregunta", send: "Enviar", sendLabel: "Enviar la pregunta",
      sources: "Fuentes:", reviewed: ", revisada el ", noDate: ", sin fecha de revisión", inEnglish: " (en inglés)",
      lowTrust: " [sin autor ni referencias]", site: " (sitio de quien lo publica)", note2: "Tenga en cuenta: ",
      simpler: "Dígalo más sencillo", suggested: "Respuestas sugeridas",
      helpful: "¿Le sirvió?", helpfulLabel: "¿Le sirvió esta respuesta?", yes: "Sí", no: "No",
      yesLabel: "Sí, me sirvió", noLabel: "No, no me sirvió",
      thanksUp: "Gracias: nos dijo que le sirvió.", thanksDown: "Gracias: nos dijo que no le sirvió.",
      noReply: "Lo siento, no tengo una respuesta para eso. Puede hacer otra pregunta o llamar a la línea de ayuda de LBBC al ",
    },
  };
  var uiLang = "en"; // the widget's language: data-lang="es", or the toggle (kept per tab)

  function langOf(value) {
    return value === "es" ? "es" : "en";
  }

  /** The widget's word ``key`` in ``lang`` (default: the widget's language). */
  function t(key, lang) {
    var table = TEXT[lang || uiLang] || TEXT.en;
    return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : TEXT.en[key];
  }

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

  /** "2025-07-10" -> "Jul 10, 2025" ("10 de julio de 2025" in Spanish; no Date parsing,
   * so no time-zone shifts). */
  function fmtDate(iso, lang) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(str(iso));
    if (!m) return "";
    if (lang === "es") {
      var mes = MONTHS_ES[parseInt(m[2], 10) - 1];
      return mes ? parseInt(m[3], 10) + " de " + mes + " de " + m[1] : "";
    }
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
    var seen = Object.create(null);
    var out = [];
    for (var i = 0; i < citations.length && out.length < 20; i++) {
      var c = citations[i] || {};
      var key = str(c.source_id) || str(c.publisher) + "|" + str(c.title);
      var sections = (Array.isArray(c.sections) ? c.sections : [c.section]).map(function (x) {
        return str(x, 200).trim();
      }).filter(Boolean);
      if (seen[key]) {
        sections.forEach(function (x) {
          if (seen[key].sections.indexOf(x) === -1) seen[key].sections.push(x);
        });
        continue;
      }
      out.push({
        source_id: str(c.source_id, 100),
        publisher: str(c.publisher, 200),
        publisher_short: str(c.publisher_short, 100),
        title: str(c.title, 300),
        site: str(c.site, 200),
        url: safeHref(c.url, WEB_SCHEMES), // source links: http(s) only, else the site as text
        reviewed: str(c.reviewed, 10),
        trust: str(c.trust, 10),
        language: langOf(str(c.language, 5) || "en"),
        sections: sections.slice(0, 20),
      });
      seen[key] = out[out.length - 1];
    }
    return out;
  }

  function sanitizeReview(review) {
    var r = review && typeof review === "object" ? review : {};
    return { label: str(r.label, 300).trim(), checked: str(r.checked, 200).trim() };
  }

  /** An answer entry saved in sessionStorage (already in display form), checked again. */
  function restoreAnswer(a) {
    return { id: str(a.id, 200), body: str(a.body, 50000), citations: sanitizeCitations(a.citations),
      review: sanitizeReview(a.review), lang: langOf(a.lang) };
  }

  function sanitizeAnswer(part) {
    var lang = langOf(part.lang);
    return {
      id: str(part.id, 200),
      lang: lang,
      body: [str(part.short, 20000), str(part.detail, 20000), part.caveat ? t("note2", lang) + str(part.caveat, 5000) : ""]
        .filter(function (t) { return t.trim(); })
        .join("\n\n"),
      citations: sanitizeCitations(part.citations),
      review: sanitizeReview(part.review),
    };
  }

  /** Display entries for the parts of one structured reply payload. */
  function replyEntries(payload) {
    var out = [];
    var lastAnswer = null;
    payload.parts.forEach(function (part) {
      if (!part || typeof part !== "object") return;
      if (part.type === "response") {
        var text = str(part.text, 20000);
        if (text.trim()) out.push({ who: "bot", text: text, buttons: [] });
      } else if (part.type === "answer") {
        lastAnswer = { who: "bot", text: "", buttons: [], answer: sanitizeAnswer(part) };
        out.push(lastAnswer);
      } else if (part.type === "choices") {
        var options = sanitizeButtons(part.options);
        var prev = out.length ? out[out.length - 1] : null;
        if (prev && !prev.answer && !prev.buttons.length) prev.buttons = options;
        else if (options.length) out.push({ who: "bot", text: "", buttons: options });
      }
    });
    var simpler = str(payload.simpler, 200).trim();
    if (lastAnswer && simpler) lastAnswer.buttons = [{ title: t("simpler", langOf(payload.lang)), payload: simpler }];
    return out;
  }

  /**
   * Turn one REST reply (a list of messages) into display entries: the structured reply
   * payload part by part, the messages that repeat its parts skipped, any other message
   * (text and buttons) as it is.
   */
  function prepareReply(messages) {
    var out = [];
    if (!Array.isArray(messages)) return out;
    messages.forEach(function (m) {
      if (!m || typeof m !== "object" || m.reply_part === true) return;
      var custom = m.custom && typeof m.custom === "object" ? m.custom : null;
      if (custom && custom.type === "reply" && Array.isArray(custom.parts)) {
        out = out.concat(replyEntries(custom));
        return;
      }
      if (custom && custom.type === "answer") return; // the older payload: the reply covers it
      var buttons = sanitizeButtons(m.buttons);
      if (typeof m.text === "string" && m.text.trim()) out.push({ who: "bot", text: str(m.text, 20000), buttons: buttons });
      else if (buttons.length) out.push({ who: "bot", text: "", buttons: buttons });
    });
    return out;
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
  window.MBCChat.sanitizeCitations = sanitizeCitations;

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

  /**
   * The HTML citation formatter: one list item per source, "LBBC, “Metastatic breast
   * cancer”, reviewed Jul 10, 2025" and a link to the publisher's home page, labelled as
   * that ("lbbc.org (publisher's site)"): the texts carry no page addresses.
   */
  function sourceItem(c, withSections, lang) {
    var li = el("li");
    var name = (c.publisher_short || c.publisher || "Source") + (c.title ? ", \u201c" + c.title + "\u201d" : "");
    li.appendChild(el("span", { className: "source-name", text: name }));
    if (lang === "es" && c.language !== "es") {
      li.appendChild(el("span", { className: "source-language", lang: "es", text: t("inEnglish", "es") }));
    }
    var when = fmtDate(c.reviewed, lang);
    li.appendChild(document.createTextNode(when ? t("reviewed", lang) + when : t("noDate", lang)));
    if (c.trust === "low") li.appendChild(document.createTextNode(t("lowTrust", lang)));
    if (withSections && c.sections && c.sections.length) {
      li.appendChild(document.createTextNode(" (" + c.sections.join("; ") + ")"));
    }
    var site = c.site || (c.url ? new URL(c.url).hostname.replace(/^www\./, "") : "");
    if (c.url) {
      li.appendChild(document.createTextNode(" \u2014 "));
      li.appendChild(externalLink(c.url, site + t("site", lang), "source-link"));
    } else if (site) {
      li.appendChild(document.createTextNode(" (" + site + ")"));
    }
    return li;
  }

  function sourceList(citations, withSections, lang) {
    var list = el("ul");
    sanitizeCitations(citations).forEach(function (c) {
      list.appendChild(sourceItem(c, withSections, langOf(lang)));
    });
    return list;
  }

  /** The review status and check date, as the bot words them (payload review.label / checked). */
  function reviewNotes(review) {
    var frag = document.createDocumentFragment();
    var r = sanitizeReview(review);
    if (r.label) frag.appendChild(el("p", { className: "review", text: r.label + "." }));
    if (r.checked) frag.appendChild(el("p", { className: "checked", text: r.checked + "." }));
    return frag;
  }

  function sourcesBlock(answer) {
    var box = el("div", { className: "sources" });
    if (answer.citations.length) {
      box.appendChild(el("p", { className: "sources-label", text: t("sources", answer.lang) }));
      box.appendChild(sourceList(answer.citations, false, answer.lang));
    }
    box.appendChild(reviewNotes(answer.review));
    return box;
  }

  window.MBCChat.sourceList = sourceList;
  window.MBCChat.reviewNotes = reviewNotes;

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
    // data-lang="es" starts the widget in Spanish; the toggle's choice (kept per tab) wins.
    var saved = store.get("lang");
    this.lang = saved === "es" || saved === "en" ? saved : langOf(str(data.lang, 5).trim().toLowerCase());
    uiLang = this.lang;
    this.titles = { en: str(data.title, 120).trim(), es: str(data.titleEs, 120).trim() };
    this.greetings = { en: str(data.greeting, 1000).trim(), es: str(data.greetingEs, 1000).trim() };
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
    }, [el("span", { className: "launcher-icon", "aria-hidden": "true", text: "?" }), el("span", { className: "launcher-text" })]);

    this.titleEl = el("h2", { id: "mbc-chat-title", className: "title" });
    this.langBtn = el("button", { type: "button", className: "lang-toggle" });
    this.restartBtn = el("button", { type: "button", className: "restart" });
    this.closeBtn = el("button", { type: "button", className: "close" },
      [el("span", { "aria-hidden": "true", text: "\u00d7" })]);
    var header = el("div", { className: "header" }, [
      this.titleEl, el("div", { className: "header-actions" }, [this.langBtn, this.restartBtn, this.closeBtn]),
    ]);

    this.helplineText = el("span", { className: "helpline-text" });
    this.helpline = el("a", { className: "helpline", href: HELPLINE.href },
      [el("span", { "aria-hidden": "true", className: "helpline-icon", text: "\u260e" }), this.helplineText,
        el("strong", { text: HELPLINE.number })]);
    this.note = el("p", { className: "note" });
    var bar = el("div", { className: "bar" }, [this.note, this.helpline]);

    this.log = el("div", {
      className: "log",
      role: "log",
      "aria-live": "polite",
      "aria-relevant": "additions",
      tabindex: "0",
    });
    this.typing = el("div", { className: "typing", role: "status", hidden: true }, [
      el("span", { className: "dots", "aria-hidden": "true" }, [el("span"), el("span"), el("span")]),
      el("span", { className: "typing-text" }),
    ]);

    this.input = el("input", {
      id: "mbc-chat-input",
      type: "text",
      className: "input",
      autocomplete: "off",
      maxlength: String(MAX_MESSAGE_CHARS),
    });
    this.inputLabel = el("label", { for: "mbc-chat-input", className: "sr-only" });
    this.sendBtn = el("button", { type: "submit", className: "send" });
    this.form = el("form", { className: "composer", novalidate: true }, [this.inputLabel, this.input, this.sendBtn]);

    this.panel = el("section", {
      id: panelId,
      className: "panel",
      role: "region",
      "aria-labelledby": "mbc-chat-title",
      hidden: true,
    }, [header, bar, this.log, this.typing, this.form]);

    root.appendChild(this.launcher);
    root.appendChild(this.panel);
    this.relabel();
    this.bind();
    this.restore();
    if (this.startOpen || store.get("open") === "1") this.open(false);
  };

  Widget.prototype.title = function () {
    return this.titles[this.lang] || t("title");
  };

  Widget.prototype.greeting = function () {
    return this.greetings[this.lang] || t("greeting");
  };

  /** Every word of the widget's own, in its current language. */
  Widget.prototype.relabel = function () {
    uiLang = this.lang;
    this.panel.setAttribute("lang", this.lang);
    this.launcher.setAttribute("lang", this.lang);
    this.launcher.querySelector(".launcher-text").textContent = this.title();
    this.titleEl.textContent = this.title();
    this.langBtn.textContent = t("toggle");
    this.langBtn.setAttribute("lang", t("toggleLang"));
    this.langBtn.setAttribute("aria-label", t("toggleLabel"));
    this.restartBtn.textContent = t("restart");
    this.restartBtn.setAttribute("aria-label", t("restartLabel"));
    this.closeBtn.setAttribute("aria-label", t("close"));
    this.helplineText.textContent = t("helpline");
    this.helpline.setAttribute("aria-label", t("helplineLabel") + HELPLINE.number);
    this.note.textContent = t("note");
    this.log.setAttribute("aria-label", t("log"));
    this.typing.querySelector(".typing-text").textContent = t("typing");
    this.input.setAttribute("placeholder", t("placeholder"));
    this.inputLabel.textContent = t("inputLabel");
    this.sendBtn.textContent = t("send");
    this.sendBtn.setAttribute("aria-label", t("sendLabel"));
  };

  /** The language toggle: the widget's words switch at once, the bot answers in the new
   * language from the next message on (each message says which language was chosen), and
   * a greeting in that language says so. */
  Widget.prototype.setLang = function (lang) {
    lang = langOf(lang);
    if (lang === this.lang) return;
    this.lang = lang;
    store.set("lang", lang);
    this.relabel();
    this.addEntry({ who: "bot", text: this.greeting(), buttons: [] });
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
    this.langBtn.addEventListener("click", function () {
      self.setLang(self.lang === "es" ? "en" : "es");
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
    if (!this.entries.length) this.addEntry({ who: "bot", text: this.greeting(), greeting: true });
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

  /**
   * The conversation id, issued by the bot (POST /webhooks/rest/conversation: 128 random
   * bits from the server) the first time this tab needs one, then kept in sessionStorage.
   * A server without that route (404) gets a random id made here instead; a server that
   * cannot be reached is an error, shown like any failed send.
   */
  Widget.prototype.conversationId = function (signal) {
    var saved = store.get("sender");
    if (saved && SENDER_RE.test(saved)) return Promise.resolve(saved);
    return fetch(this.server + "/webhooks/rest/conversation", {
      method: "POST",
      mode: "cors",
      credentials: "omit",
      referrerPolicy: "no-referrer",
      headers: { "Content-Type": "application/json" },
      body: "{}",
      signal: signal,
    }).then(function (resp) {
      if (resp.status === 404) return newSenderId();
      if (!resp.ok) throw new Error("HTTP " + resp.status);
      return resp.json().then(function (body) {
        var id = body && typeof body.sender === "string" ? body.sender : "";
        if (!SENDER_RE.test(id)) throw new Error("no conversation id");
        return id;
      });
    }).then(function (id) {
      store.set("sender", id);
      return id;
    });
  };

  Widget.prototype.startOver = function () {
    this.generation++;
    this.setBusy(false);
    store.remove("sender"); // the next message gets a new id from the server
    store.remove("log");
    this.entries = [];
    this.lastSent = null;
    while (this.log.firstChild) this.log.removeChild(this.log.firstChild);
    this.addEntry({ who: "bot", text: this.greeting(), greeting: true });
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
        answer: entry.answer && typeof entry.answer === "object" ? restoreAnswer(entry.answer) : null,
        feedback: entry.feedback === "up" || entry.feedback === "down" ? entry.feedback : null,
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
    if (entry.answer) {
      bubble.appendChild(paragraphs(entry.answer.body));
      bubble.appendChild(sourcesBlock(entry.answer));
      if (entry.answer.id) bubble.appendChild(this.feedbackBar(entry));
    }
    if (entry.buttons && entry.buttons.length) {
      var group = el("div", { className: "quick-replies", role: "group", "aria-label": t("suggested") });
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

  /** "Was this helpful? 👍 👎" under an answer: sends the feedback payload for that answer. */
  Widget.prototype.feedbackBar = function (entry) {
    var self = this;
    var lang = entry.answer && entry.answer.lang ? entry.answer.lang : this.lang;
    var bar = el("div", { className: "feedback", role: "group", "aria-label": t("helpfulLabel", lang) });
    if (entry.feedback) {
      bar.appendChild(el("p", { className: "feedback-done",
        text: entry.feedback === "up" ? t("thanksUp", lang) : t("thanksDown", lang) }));
      return bar;
    }
    bar.appendChild(el("span", { className: "feedback-question", text: t("helpful", lang) }));
    [["up", "\ud83d\udc4d", t("yes", lang), t("yesLabel", lang)], ["down", "\ud83d\udc4e", t("no", lang), t("noLabel", lang)]].forEach(function (v) {
      var btn = el("button", { type: "button", className: "feedback-" + v[0], "aria-label": v[3] },
        [el("span", { "aria-hidden": "true", text: v[1] + " " + v[2] })]);
      btn.addEventListener("click", function () {
        if (self.busy) return;
        entry.feedback = v[0];
        self.save();
        if (bar.parentNode) bar.parentNode.replaceChild(self.feedbackBar(entry), bar);
        self.send("/feedback{\"answer_id\": " + JSON.stringify(entry.answer.id) + ", \"value\": \"" + v[0] + "\"}", v[1]);
      });
      bar.appendChild(btn);
    });
    return bar;
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
    var signal = controller ? controller.signal : undefined;
    this.conversationId(signal)
      .then(function (sender) {
        if (generation !== self.generation) throw new Error("started over");
        return fetch(self.server + "/webhooks/rest/webhook", {
          method: "POST",
          mode: "cors",
          credentials: "omit",
          referrerPolicy: "no-referrer",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ sender: sender, message: message, metadata: { lang: self.lang } }),
          signal: signal,
        });
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
          entries = [{ who: "bot", text: t("noReply") + HELPLINE.number + "." }];
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
  if (script && script.dataset && script.dataset.mount === "false") return; // helpers only (the lookup page)
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
