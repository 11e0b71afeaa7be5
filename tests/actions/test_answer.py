"""action_answer with a real Tracker and dispatcher: answers, citations, context."""

from __future__ import annotations

import re

from actions.answer import ActionAnswer

from .helpers import run, slot_events, tracker


def answer_messages(messages: list[dict]) -> list[dict]:
    return [m for m in messages if (m.get("custom") or {}).get("type") == "answer"]


def test_question_gets_answer_text_sources_line_and_citation_payload() -> None:
    messages, events = run(ActionAnswer(), tracker("what are the symptoms of bone mets?", "ask_symptoms"))
    [msg] = answer_messages(messages)
    assert msg["custom"]["answer_id"]
    assert "Sources: " in msg["text"] and "Checked by our team" in msg["text"]
    cites = msg["custom"]["citations"]
    assert cites and all({"publisher", "title", "section", "reviewed", "site"} <= set(c) for c in cites)
    assert slot_events(events)["site"] == "bone"
    assert slot_events(events)["last_intent"] == "ask_symptoms"


def test_follow_up_uses_the_previous_question_with_the_new_site() -> None:
    messages, events = run(
        ActionAnswer(), tracker("and the lungs?", "inform", site="liver", last_intent="ask_symptoms")
    )
    [msg] = answer_messages(messages)
    assert msg["custom"]["answer_id"].startswith("symptoms")
    assert slot_events(events)["site"] == "lung"


def test_follow_up_without_a_subject_reuses_the_remembered_one() -> None:
    messages, _ = run(ActionAnswer(), tracker("how is that diagnosed?", "ask_diagnosis", site="bone"))
    assert answer_messages(messages)


def test_drug_context_carries_to_side_effects() -> None:
    _, events = run(ActionAnswer(), tracker("what is tamoxifen", "ask_definition"))
    assert slot_events(events)["drug"] == "tamoxifen"
    messages, _ = run(ActionAnswer(), tracker("what are its side effects?", "ask_side_effects", drug="tamoxifen"))
    [msg] = answer_messages(messages)
    assert "side" in msg["custom"]["answer_id"]


def test_personal_advice_defers_and_offers_questions() -> None:
    messages, _ = run(ActionAnswer(), tracker("should I stop taking tamoxifen?", "personal_advice"))
    ids = [m["custom"]["answer_id"] for m in answer_messages(messages)]
    assert ids[0] == "advice-care-team"
    assert any("tamoxifen" in i for i in ids[1:]), ids  # the general facts that apply
    assert messages[-1]["response"] == "utter_advice_offer"
    sent = " ".join(m.get("text") or "" for m in messages)
    assert not re.search(r"\d+\s*(?:mg|milligram|tablets? a day)", sent)  # never a dose


def test_unsure_nlu_searches_the_store_and_offers_choices() -> None:
    messages, _ = run(ActionAnswer(), tracker("bone scan", "nlu_fallback", confidence=0.2))
    [msg] = messages
    assert msg["response"] == "utter_did_you_mean"
    assert 1 < len(msg["buttons"]) <= 4
    assert msg["buttons"][-1]["payload"] == "/none_of_these"
    assert all("answer_id" in b["payload"] for b in msg["buttons"][:-1])


def test_nothing_fits_says_so_and_cites_nothing() -> None:
    messages, events = run(ActionAnswer(), tracker("qwzx vbnm", "nlu_fallback", confidence=0.1))
    assert [m["response"] for m in messages] == ["utter_dont_know"]
    assert events == []


def test_suggestion_click_shows_that_answer() -> None:
    entities = [{"entity": "answer_id", "value": "about-what-is-mbc"}]
    messages, _ = run(ActionAnswer(), tracker('/show_answer{"answer_id": "about-what-is-mbc"}', "show_answer", entities=entities))
    assert [m["custom"]["answer_id"] for m in answer_messages(messages)] == ["about-what-is-mbc"]


def test_unknown_answer_id_is_handled() -> None:
    entities = [{"entity": "answer_id", "value": "no-such-answer"}]
    messages, _ = run(ActionAnswer(), tracker("/show_answer", "show_answer", entities=entities))
    assert [m["response"] for m in messages] == ["utter_dont_know"]


def test_emergency_comes_first_even_when_nlu_said_faq() -> None:
    messages, events = run(ActionAnswer(), tracker("what are chemo side effects? I cant breathe right now", "ask_side_effects"))
    assert [m["response"] for m in messages] == ["utter_urgent_emergency"]
    assert not answer_messages(messages) and events == []


def test_fear_with_a_question_gets_acknowledgement_answer_and_support_options() -> None:
    messages, _ = run(ActionAnswer(), tracker("I'm terrified, what are the symptoms of brain mets?", "ask_symptoms"))
    assert messages[0]["response"] == "utter_acknowledge_feelings"
    assert answer_messages(messages)
    assert messages[-1]["response"] == "utter_support_options"


def test_plain_question_gets_no_emotional_wrapping() -> None:
    messages, _ = run(ActionAnswer(), tracker("what are the symptoms of brain mets?", "ask_symptoms"))
    assert all(m.get("response") not in ("utter_acknowledge_feelings", "utter_support_options") for m in messages)


def test_button_payloads_get_the_general_answer() -> None:
    """The "what can you do" buttons send payloads like /ask_treatment: never mistake
    them for unknown words."""
    for intent, general in [("ask_treatment", "treatment-overview"), ("ask_diagnosis", "diagnosis-overview"),
                            ("ask_spread", "spread-overview"), ("ask_support", "support-overview")]:
        messages, _ = run(ActionAnswer(), tracker(f"/{intent}", intent, confidence=1.0))
        assert [m["custom"]["answer_id"] for m in answer_messages(messages)] == [general]
