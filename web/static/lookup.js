/*
 * Volunteer lookup page: search the curated store, read answers with sources and review
 * dates, copy a plain-text version for reading aloud or SMS. Keyboard first: focus starts
 * in the search box, Enter searches, arrow keys move through the results, Escape returns.
 * Everything from the server goes into the page with textContent, never as HTML.
 */
(function () {
  "use strict";

  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("status");
  var list = document.getElementById("results");
  var urgent = document.getElementById("urgent");
  var urgentTexts = document.getElementById("urgent-texts");
  var seq = 0;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else if (attrs[k] != null && attrs[k] !== false) node.setAttribute(k, String(attrs[k]));
    });
    (children || []).forEach(function (c) {
      if (c != null) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function smsSegments(text) {
    // GSM-7 texts split at 153 characters per part, anything else at 67.
    var gsm = /^[\x20-\x7E\n\r£¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉÄÖÑÜ§¿äöñüà]*$/.test(text);
    var single = gsm ? 160 : 70;
    var multi = gsm ? 153 : 67;
    return text.length <= single ? 1 : Math.ceil(text.length / multi);
  }

  function fallbackCopy(text, returnFocus) {
    var ta = el("textarea", { className: "offscreen", readonly: "", "aria-hidden": "true", tabindex: "-1" });
    ta.value = text;
    document.body.appendChild(ta);
    ta.select();
    ta.setSelectionRange(0, text.length);
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(ta);
    if (returnFocus) returnFocus.focus();
    return ok;
  }

  function copyText(text, button) {
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () {
          return true;
        },
        function () {
          return fallbackCopy(text, button);
        }
      );
    }
    return Promise.resolve(fallbackCopy(text, button));
  }

  function renderResult(r, index) {
    var qid = "r" + index + "-q";
    var item = el("li", { className: "result", tabindex: "-1", "aria-labelledby": qid, "data-id": r.id });
    item.appendChild(el("h2", { id: qid, text: r.question }));
    item.appendChild(el("p", { className: "meta", text: "Answer " + r.rank + " \u00b7 " + r.id }));
    item.appendChild(el("p", { className: "short", text: r.short }));
    if (r.detail) {
      var detail = el("div", { className: "detail" });
      r.detail.split(/\n{2,}/).forEach(function (para) {
        if (para.trim()) detail.appendChild(el("p", { text: para }));
      });
      item.appendChild(detail);
    }
    if (r.caveat) item.appendChild(el("p", { className: "caveat", text: "Please note: " + r.caveat }));

    // The widget's HTML citation formatter (widget.js, loaded first), with each source's sections.
    var sources = el("div", { className: "sources" }, [el("h3", { text: "Sources" })]);
    sources.appendChild(window.MBCChat.sourceList(r.citations || [], true));
    sources.appendChild(window.MBCChat.reviewNotes(r.review));
    item.appendChild(sources);

    var plain = r.plain_text || "";
    var segments = smsSegments(plain);
    var count = el("span", { className: "count", text: plain.length + " characters, " + segments + " text message" + (segments === 1 ? "" : "s") });
    var button = el("button", { type: "button", className: "copy", text: "Copy as plain text",
      "aria-label": "Copy as plain text: " + r.question });
    var pre = el("p", { className: "plain", text: plain });
    var details = el("details", {}, [el("summary", { text: "Plain text (read aloud or SMS)" }), pre]);
    button.addEventListener("click", function () {
      copyText(plain, button).then(function (ok) {
        if (ok) {
          status.textContent = "Copied the plain text of \u201c" + r.question + "\u201d.";
        } else {
          details.open = true;
          var range = document.createRange();
          range.selectNodeContents(pre);
          var sel = window.getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
          status.textContent = "Couldn\u2019t copy automatically: the plain text is selected, press Ctrl+C (or \u2318C).";
        }
      });
    });
    item.appendChild(el("div", { className: "actions" }, [button, count]));
    item.appendChild(details);
    return item;
  }

  function clear() {
    while (list.firstChild) list.removeChild(list.firstChild);
    while (urgentTexts.firstChild) urgentTexts.removeChild(urgentTexts.firstChild);
    urgent.hidden = true;
  }

  /** The bot's urgent guidance (domain text), shown before any answer when the query describes a red flag. */
  function showUrgent(items) {
    (Array.isArray(items) ? items : []).forEach(function (u) {
      if (u && typeof u.text === "string" && u.text.trim()) urgentTexts.appendChild(el("p", { text: u.text }));
    });
    urgent.hidden = !urgentTexts.firstChild;
  }

  function search(q) {
    var mine = ++seq;
    status.textContent = "Searching\u2026";
    list.setAttribute("aria-busy", "true");
    fetch("/api/lookup?limit=5&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (resp) {
        return resp.json().then(function (body) {
          return { ok: resp.ok, body: body };
        });
      })
      .then(function (res) {
        if (mine !== seq) return;
        clear();
        if (!res.ok) {
          status.textContent = (res.body && res.body.error) || "The search failed.";
          return;
        }
        showUrgent(res.body.urgent);
        var results = res.body.results || [];
        results.forEach(function (r, i) {
          list.appendChild(renderResult(r, i + 1));
        });
        status.textContent = results.length
          ? results.length + " answer" + (results.length === 1 ? "" : "s") + " for \u201c" + res.body.query + "\u201d. Down arrow to read them."
          : res.body.message || "No curated answer matches.";
      })
      .catch(function () {
        if (mine !== seq) return;
        status.textContent = "Couldn\u2019t reach the lookup service. Please try again; you can still give the helpline number (888) 753-5222.";
      })
      .then(function () {
        if (mine === seq) list.removeAttribute("aria-busy");
      });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = input.value.trim();
    if (!q) {
      status.textContent = "Type a few words to search for.";
      return;
    }
    if (window.history && history.replaceState) history.replaceState(null, "", "/lookup?q=" + encodeURIComponent(q));
    search(q);
  });

  function items() {
    return Array.prototype.slice.call(list.querySelectorAll(".result"));
  }

  function focusItem(item) {
    item.focus();
    item.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var all = items();
    var target = ev.target;
    if (target === input) {
      if (ev.key === "ArrowDown" && all.length) {
        ev.preventDefault();
        focusItem(all[0]);
      }
      return;
    }
    var current = target && target.closest ? target.closest(".result") : null;
    if (ev.key === "Escape") {
      ev.preventDefault();
      input.focus();
      input.select();
      return;
    }
    if (!current || target.tagName === "SUMMARY" && (ev.key === " " || ev.key === "Enter")) return;
    var i = all.indexOf(current);
    if (ev.key === "ArrowDown" && i < all.length - 1) {
      ev.preventDefault();
      focusItem(all[i + 1]);
    } else if (ev.key === "ArrowUp") {
      ev.preventDefault();
      if (i > 0) focusItem(all[i - 1]);
      else input.focus();
    } else if (ev.key === "Home") {
      ev.preventDefault();
      focusItem(all[0]);
    } else if (ev.key === "End") {
      ev.preventDefault();
      focusItem(all[all.length - 1]);
    }
  });

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial && initial.trim()) {
    input.value = initial.trim().slice(0, 200);
    search(input.value);
  }
  input.focus();
})();
