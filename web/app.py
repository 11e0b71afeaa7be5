"""aiohttp application: demo page, lookup page, widget files and GET /api/lookup.

``/api/lookup`` answers ``{"query", "urgent", "count", "results", ...}``: ``urgent`` lists the
bot's urgent guidance (domain text) when the query describes a red flag, most urgent
first, and the lookup page shows it above the results."""

from __future__ import annotations

import html
import time
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from aiohttp import web, web_response

from mbc import safety
from mbc.kb import KnowledgeBase, get_kb
from mbc.model import Answer
from mbc.render import NO_REVIEW_DATE, answer_payload, answer_text, citation_label, fmt_date, iso_date, plain_text
from mbc.respond import URGENT_ORDER, URGENT_RESPONSES

ROOT = Path(__file__).resolve().parent.parent
PAGES = Path(__file__).resolve().parent / "pages"
STATIC = Path(__file__).resolve().parent / "static"
WIDGET = ROOT / "widget"

MAX_QUERY_CHARS = 200
DEFAULT_LIMIT = 5
MAX_LIMIT = 20
NO_MATCH = "No curated answer matches. Offer the LBBC Breast Cancer Helpline: (888) 753-5222."
DOMAIN_FILE = ROOT / "domain.yml"

KB_KEY = web.AppKey("kb", KnowledgeBase)
URGENT_KEY = web.AppKey("urgent", dict[str, str])
CARDS_KEY = web.AppKey("cards", dict[str, dict[str, Any]])
PAGES_KEY = web.AppKey("pages", dict[str, str])


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"bot URL must be an absolute http(s) URL, got {url!r}")
    return f"{parts.scheme}://{parts.netloc}"


def answer_card(kb: KnowledgeBase, answer: Answer) -> dict[str, Any]:
    """Everything the lookup page shows for one answer (built once per answer), from the
    same structured answer part the bot sends: ``citations`` and ``review`` (with its
    ``label``) as in the reply payload, the plain-text sources line and read-aloud copy
    from the plain-text formatter, and ``sources`` (one entry per source, its sections)."""
    part = kb.answer_part(answer)
    data = answer_payload(part)
    sources: list[dict[str, Any]] = []
    by_id: dict[str, dict[str, Any]] = {}
    for c in part.citations:
        entry = by_id.get(c.source_id)
        if entry is None:
            day = iso_date(c.reviewed)
            entry = by_id[c.source_id] = {
                "id": c.source_id,
                "publisher": c.publisher,
                "publisher_short": c.publisher_short,
                "title": c.title,
                "site": c.site,
                "url": c.url,
                "reviewed": c.reviewed,
                "reviewed_text": fmt_date(day) or NO_REVIEW_DATE,
                "trust": c.trust,
                "label": citation_label(c),
                "sections": [],
            }
            sources.append(entry)
        if c.section and c.section not in entry["sections"]:
            entry["sections"].append(c.section)
    return {
        "id": part.id,
        "question": part.question,
        "topic": answer.topic,
        "short": part.short,
        "detail": part.detail,
        "caveat": part.caveat,
        "citations": data["citations"],
        "review": data["review"],
        "sources": sources,
        "sources_text": answer_text(part)[1],
        "plain_text": plain_text(part),
    }


def urgent_texts(domain_file: Path = DOMAIN_FILE) -> dict[str, str]:
    """The bot's urgent guidance, by level, as the domain words it (the same responses
    the core sends for a red flag: mbc.respond.URGENT_RESPONSES)."""
    responses = (yaml.safe_load(domain_file.read_text(encoding="utf-8")) or {}).get("responses") or {}
    out = {}
    for level, name in URGENT_RESPONSES.items():
        variants = responses.get(name) or [{}]
        out[level] = str(variants[0].get("text") or "")
    return out


def urgent_guidance(kb: KnowledgeBase, q: str, texts: dict[str, str]) -> list[dict[str, str]]:
    """When the query describes a red flag (mbc.safety, as on every bot message), the
    urgent guidance to give first, most urgent first."""
    levels = {f.level for f in safety.detect_all(kb.analyse(q).lower)}
    return [
        {"level": lv, "response": URGENT_RESPONSES[lv], "text": texts[lv]}
        for lv in URGENT_ORDER
        if lv in levels and texts.get(lv)
    ]


def bad_request(reason: str) -> web.Response:
    return web.json_response({"error": reason}, status=400)


async def api_lookup(request: web.Request) -> web.Response:
    raw = request.query.get("q")
    if raw is None:
        return bad_request("q is required: a few words to search for, e.g. ?q=bone+scan")
    q = " ".join(unicodedata.normalize("NFC", raw).split())
    if not q:
        return bad_request("q is empty: type a few words to search for")
    if len(q) > MAX_QUERY_CHARS:
        return bad_request(f"q is too long: {len(q)} characters (at most {MAX_QUERY_CHARS})")
    raw_limit = request.query.get("limit", str(DEFAULT_LIMIT))
    try:
        limit = int(raw_limit)
    except ValueError:
        return bad_request(f"limit must be a whole number from 1 to {MAX_LIMIT}")
    if not 1 <= limit <= MAX_LIMIT:
        return bad_request(f"limit must be a whole number from 1 to {MAX_LIMIT}")
    kb = request.app[KB_KEY]
    cards = request.app[CARDS_KEY]
    t0 = time.perf_counter()
    ranked = kb.search(q, limit=limit)  # a few ms: run inline, the index is read-only
    results = [{**cards[a.id], "rank": i, "score": round(score, 3)} for i, (a, score) in enumerate(ranked, 1)]
    urgent = urgent_guidance(kb, q, request.app[URGENT_KEY])
    body: dict[str, Any] = {
        "query": q,
        "urgent": urgent,
        "limit": limit,
        "count": len(results),
        "results": results,
        "took_ms": round((time.perf_counter() - t0) * 1000, 2),
    }
    if not results:
        body["message"] = NO_MATCH
    return web.json_response(body, headers={"Cache-Control": "no-store"})


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok", "answers": len(request.app[KB_KEY].answers)})


def page(name: str):
    async def handler(request: web.Request) -> web.Response:
        return web.Response(
            text=request.app[PAGES_KEY][name], content_type="text/html", headers={"Cache-Control": "no-cache"}
        )

    return handler


async def redirect_demo(request: web.Request) -> web.Response:
    raise web.HTTPFound("/")


# The Server header names no software or version. aiohttp adds "Python/3.10 aiohttp/3.9.5"
# to every response that has none, including the 400 it sends itself for a request it
# cannot parse (no app hook runs for those), hence the module default too.
SERVER_HEADER = "mbc"
web_response.SERVER_SOFTWARE = SERVER_HEADER


async def plain_server_header(_: web.Request, resp: web.StreamResponse) -> None:
    resp.headers["Server"] = SERVER_HEADER


def security_headers(connect_src: str):
    csp_page = (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self' {connect_src}; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
    )

    @web.middleware
    async def middleware(request: web.Request, handler):
        resp = await handler(request)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "no-referrer")
        if resp.content_type == "text/html":
            resp.headers.setdefault("Content-Security-Policy", csp_page)
        return resp

    return middleware


def create_app(kb: KnowledgeBase | None = None, bot_url: str = "http://127.0.0.1:5005") -> web.Application:
    bot_url = bot_url.rstrip("/")
    bot_origin = origin_of(bot_url)
    kb = kb or get_kb()
    kb.search("bone scan", limit=1)  # warm the pipeline so the first request is as fast as the rest
    app = web.Application(middlewares=[security_headers(bot_origin)], client_max_size=64 * 1024)
    app.on_response_prepare.append(plain_server_header)  # type: ignore[arg-type]  # aiohttp's Signal stub
    app[KB_KEY] = kb
    app[URGENT_KEY] = urgent_texts()
    app[CARDS_KEY] = {aid: answer_card(kb, a) for aid, a in kb.answers.items()}
    app[PAGES_KEY] = {
        "demo": (PAGES / "demo.html")
        .read_text(encoding="utf-8")
        .replace("{{BOT_URL}}", html.escape(bot_url, quote=True)),
        "lookup": (PAGES / "lookup.html").read_text(encoding="utf-8"),
    }
    # The same page as a Spanish-language site would embed it: data-lang="es".
    app[PAGES_KEY]["demo_es"] = app[PAGES_KEY]["demo"].replace(
        '<script src="/widget/widget.js" defer', '<script src="/widget/widget.js" defer data-lang="es"', 1
    )
    app.router.add_get("/", page("demo"))
    app.router.add_get("/es", page("demo_es"))
    app.router.add_get("/demo", redirect_demo)
    app.router.add_get("/lookup", page("lookup"))
    app.router.add_get("/api/lookup", api_lookup)
    app.router.add_get("/healthz", healthz)
    app.router.add_static("/widget/", WIDGET, show_index=False, follow_symlinks=False)
    app.router.add_static("/static/", STATIC, show_index=False, follow_symlinks=False)
    return app
