"""GET /api/lookup over HTTP against the real web service, and the pages it serves."""

from __future__ import annotations

import http.client
import json
import re
from pathlib import Path

import pytest
import requests

from tests.webservice import WebService

ROOT = Path(__file__).resolve().parents[2]


def lookup(web: WebService, **params) -> requests.Response:
    return requests.get(f"{web.url}/api/lookup", params=params, timeout=10)


def test_ranked_answers_match_the_store(web: WebService, kb) -> None:
    r = lookup(web, q="bone scan")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/json")
    body = r.json()
    ids = [x["id"] for x in body["results"]]
    assert ids[0] == "diagnosis-bone-scan"
    assert ids == [a.id for a, _ in kb.search("bone scan", limit=5)]  # same ranking as the store
    assert body["count"] == len(ids) <= 5
    assert [x["rank"] for x in body["results"]] == list(range(1, len(ids) + 1))
    scores = [x["score"] for x in body["results"]]
    assert scores == sorted(scores, reverse=True)


def test_result_fields_sources_and_plain_text(web: WebService, kb) -> None:
    from mbc.render import plain_text

    [top] = lookup(web, q="where does breast cancer spread", limit=1).json()["results"]
    answer = kb.answers[top["id"]]
    assert top["question"] == answer.question and top["short"] == answer.short
    assert top["detail"] == answer.detail and top["caveat"] == answer.caveat
    assert top["plain_text"] == plain_text(answer, kb.sources)
    assert top["sources_text"].startswith("Sources: ")
    assert top["sources"], "every curated answer cites a source"
    for src in top["sources"]:
        assert {"publisher", "title", "url", "reviewed", "reviewed_text", "trust", "sections"} <= src.keys()
        if src["reviewed"]:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", src["reviewed"])
            assert re.fullmatch(r"[A-Z][a-z]{2} \d{1,2}, \d{4}", src["reviewed_text"])
        else:
            assert src["reviewed_text"] == "no review date given"
    lbbc = [s for s in top["sources"] if s["id"] == "lbbc"]
    assert lbbc and lbbc[0]["reviewed"] == "2025-07-10"


def test_results_carry_the_answer_part_the_bot_sends(web: WebService, kb) -> None:
    """The page renders from the same structured answer as the widget: citations and the
    review status with its wording, not from English text."""
    from mbc.render import REVIEW_DRAFT, answer_payload

    [top] = lookup(web, q="what is a bone scan", limit=1).json()["results"]
    expected = json.loads(json.dumps(answer_payload(kb.answer_part(kb.answers[top["id"]]))))
    assert top["citations"] == expected["citations"] and top["review"] == expected["review"]
    assert top["review"]["status"] == "draft" and top["review"]["label"] == REVIEW_DRAFT
    assert REVIEW_DRAFT in top["plain_text"] and REVIEW_DRAFT in top["sources_text"]


def test_typos_and_brand_names_still_find_answers(web: WebService) -> None:
    ids = [x["id"] for x in lookup(web, q="what is Herceptin").json()["results"]]
    assert any("trastuzumab" in i for i in ids[:2])
    assert lookup(web, q="symtoms of liver mets").json()["results"][0]["id"].startswith("symptoms")


def test_limit(web: WebService) -> None:
    assert len(lookup(web, q="side effects", limit=2).json()["results"]) == 2
    assert len(lookup(web, q="side effects").json()["results"]) == 5  # default
    for bad in ("0", "21", "-1", "abc", "2.5"):
        r = lookup(web, q="treatment", limit=bad)
        assert r.status_code == 400, bad
        assert "limit" in r.json()["error"]


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({}, "q is required"),
        ({"q": ""}, "q is empty"),
        ({"q": "   \t "}, "q is empty"),
        ({"q": "x" * 201}, "at most 200"),
    ],
)
def test_query_validation(web: WebService, params: dict, reason: str) -> None:
    r = lookup(web, **params)
    assert r.status_code == 400
    assert reason in r.json()["error"]


def test_200_characters_is_allowed(web: WebService) -> None:
    q = ("bone scan " * 20)[:200]
    assert lookup(web, q=q).status_code == 200


def test_no_match_is_an_empty_list_with_the_helpline(web: WebService) -> None:
    body = lookup(web, q="zzzqx wvvvk").json()
    assert body["results"] == [] and body["count"] == 0
    assert "753-5222" in body["message"]


def test_markup_in_the_query_is_just_text(web: WebService) -> None:
    r = lookup(web, q="<script>alert(1)</script> bone scan")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/json")


def test_only_get(web: WebService) -> None:
    assert requests.post(f"{web.url}/api/lookup", data={"q": "bone"}, timeout=10).status_code == 405


def test_pages_and_widget_files(web: WebService) -> None:
    demo = requests.get(f"{web.url}/", timeout=10)
    assert demo.status_code == 200 and demo.headers["Content-Type"].startswith("text/html")
    scripts = re.findall(r"<script\b[^>]*>", demo.text)
    assert len(scripts) == 1, "the demo page embeds the widget with exactly one script tag"
    assert 'src="/widget/widget.js"' in scripts[0] and 'data-server="http://127.0.0.1:5999"' in scripts[0]
    for attr in ("data-title", "data-greeting", "data-accent"):
        assert attr in scripts[0]
    csp = demo.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "connect-src 'self' http://127.0.0.1:5999" in csp
    assert demo.headers["X-Content-Type-Options"] == "nosniff"
    lookup_page = requests.get(f"{web.url}/lookup", timeout=10)
    assert lookup_page.status_code == 200 and 'id="q"' in lookup_page.text
    for path, ctype in (
        ("/widget/widget.js", "javascript"),
        ("/widget/widget.css", "text/css"),
        ("/static/lookup.js", "javascript"),
        ("/static/lookup.css", "text/css"),
    ):
        r = requests.get(f"{web.url}{path}", timeout=10)
        assert r.status_code == 200 and ctype in r.headers["Content-Type"], path
    assert requests.get(f"{web.url}/nope", timeout=10).status_code == 404
    assert requests.get(f"{web.url}/widget/", timeout=10).status_code in (403, 404)  # no directory listing


def test_no_path_traversal(web: WebService) -> None:
    con = http.client.HTTPConnection("127.0.0.1", web.port, timeout=10)
    for path in ("/widget/../web/app.py", "/static/..%2f..%2fMakefile", "/widget/%2e%2e/Makefile"):
        con.request("GET", path)
        resp = con.getresponse()
        body = resp.read()
        assert resp.status in (403, 404), path
        assert b"import" not in body and b"PYTHON310" not in body
    con.close()


def code_of(path: Path) -> str:
    """The JavaScript without its comments (which name the sinks they avoid)."""
    text = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)
    return re.sub(r"^\s*//.*$", "", text, flags=re.M)


def test_front_end_never_inserts_html() -> None:
    """Nothing from the server may reach the page as markup: the JS has no HTML sinks."""
    sinks = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|srcdoc")
    for path in (ROOT / "widget" / "widget.js", ROOT / "web" / "static" / "lookup.js"):
        assert not sinks.search(code_of(path)), path


def test_nothing_in_local_storage() -> None:
    for path in (ROOT / "widget" / "widget.js", ROOT / "web" / "static" / "lookup.js"):
        assert "localStorage" not in code_of(path), path


def domain_text(name: str) -> str:
    import yaml

    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"][name][0]["text"]


@pytest.mark.parametrize(
    ("q", "responses"),
    [
        ("my wife can't breathe", ["utter_urgent_emergency"]),
        ("she's on chemo and has a fever of 39", ["utter_urgent_care_team"]),
        ("I want to end my life, what is bone mets", ["utter_urgent_crisis"]),
        ("can lung mets cause shortness of breath?", []),  # a general question: no red flag
        ("bone scan", []),
    ],
)
def test_a_red_flag_in_the_query_puts_the_urgent_guidance_first(web: WebService, q: str, responses: list[str]) -> None:
    body = lookup(web, q=q).json()
    assert [u["response"] for u in body["urgent"]] == responses
    for u in body["urgent"]:
        assert u["text"] == domain_text(u["response"])  # the bot's own words, from the domain
    assert list(body)[:2] == ["query", "urgent"]  # before the results
