"""action_answer with a real Tracker and dispatcher: it only translates the core's Reply."""

from __future__ import annotations

import re

from actions.answer import ActionAnswer

from .helpers import run, slot_events, tracker

DOMAIN = {"responses": {"utter_did_you_mean": [{"text": "Did you mean one of these?"}]}}


def answer_messages(messages: list[dict]) -> list[dict]:
    return [m for m in messages if (m.get("custom") or {}).get("type") == "answer"]


def reply_payload(messages: list[dict]) -> dict:
    [payload] = [m["custom"] for m in messages if (m.get("custom") or {}).get("type") == "reply"]
    return payload


def test_question_gets_text_sources_line_and_the_structured_reply() -> None:
    messages, events = run(ActionAnswer(), tracker("what are the symptoms of bone mets?", "ask"))
    [msg] = answer_messages(messages)
    assert msg["custom"]["answer_id"] == "symptoms-bone"
    assert "Sources: " in msg["text"] and "Checked by our team" in msg["text"]
    payload = reply_payload(messages)
    assert payload["kind"] == "answer" and payload["parts"][0]["id"] == "symptoms-bone"
    cites = payload["parts"][0]["citations"]
    assert cites and all({"publisher", "title", "section", "reviewed", "site"} <= set(c) for c in cites)
    assert slot_events(events)["site"] == "bone"
    assert slot_events(events)["last_answer"] == "symptoms-bone"


def test_follow_up_uses_the_remembered_topic_with_the_new_site() -> None:
    messages, events = run(ActionAnswer(), tracker("and the lungs?", "ask", site="liver", last_answer="symptoms-liver"))
    [msg] = answer_messages(messages)
    assert msg["custom"]["answer_id"] == "symptoms-lung"
    assert slot_events(events)["site"] == "lung"


def test_personal_advice_defers_and_offers_questions() -> None:
    messages, events = run(ActionAnswer(), tracker("should I stop taking tamoxifen?", "personal_advice"))
    ids = [m["custom"]["answer_id"] for m in answer_messages(messages)]
    assert ids == ["advice-care-team", "treatment-tamoxifen"]
    offer = [m for m in messages if m.get("response") == "utter_advice_offer"]
    assert offer and offer[0]["buttons"][0]["payload"] == '/show_answer{"answer_id": "support-oncologist-questions"}'
    assert '/show_answer{"answer_id": "support-oncologist-questions"}' in slot_events(events)["offered"]
    sent = " ".join(m.get("text") or "" for m in messages)
    assert not re.search(r"\d+\s*(?:mg|milligram|tablets? a day)", sent)  # never a dose


def test_the_offered_oncologist_questions_button_answers() -> None:
    payload = '/show_answer{"answer_id": "support-oncologist-questions"}'
    messages, _ = run(ActionAnswer(), tracker(payload, "show_answer", offered=[payload]))
    assert [m["custom"]["answer_id"] for m in answer_messages(messages)] == ["support-oncologist-questions"]


def test_unsure_offers_choices_that_are_remembered() -> None:
    messages, events = run(ActionAnswer(), tracker("bone stuff", "ask", confidence=0.2))
    prompts = [m for m in messages if m.get("response") == "utter_did_you_mean"]
    if prompts:  # a did-you-mean: every choice offered is accepted next, and only those
        buttons = prompts[0]["buttons"]
        assert buttons[-1]["payload"] == "/none_of_these"
        assert slot_events(events)["offered"] == [b["payload"] for b in buttons]
    else:
        assert answer_messages(messages)[0]["custom"]["answer_id"].endswith("bone")


def test_nothing_fits_says_so_and_cites_nothing() -> None:
    messages, _ = run(ActionAnswer(), tracker("qwzx vbnm", "nlu_fallback", confidence=0.1))
    assert [m["response"] for m in messages if m.get("response")] == ["utter_not_covered"]
    assert not answer_messages(messages)


def test_emergency_comes_first_whatever_the_act() -> None:
    messages, _ = run(ActionAnswer(), tracker("what are chemo side effects? I cant breathe right now", "ask"))
    assert [m["response"] for m in messages if m.get("response")] == ["utter_urgent_emergency"]
    assert not answer_messages(messages)


def test_urgent_act_alone_gets_general_urgent_guidance() -> None:
    messages, _ = run(
        ActionAnswer(), tracker("please help something is very wrong with my mum", "urgent", confidence=0.95)
    )
    assert [m["response"] for m in messages if m.get("response")] == ["utter_urgent_general"]


def test_fear_with_a_question_gets_acknowledgement_answer_and_support_options() -> None:
    messages, _ = run(ActionAnswer(), tracker("I'm terrified, what are the symptoms of brain mets?", "ask"))
    responses = [m.get("response") for m in messages if m.get("response")]
    assert responses == ["utter_acknowledge_feelings", "utter_get_help_seizure", "utter_support_options"]
    assert answer_messages(messages)[0]["custom"]["answer_id"] == "symptoms-brain"


def test_the_payload_carries_response_texts_from_the_domain() -> None:
    messages, _ = run(ActionAnswer(), tracker("zzzz qqqq bone", "ask"), domain=DOMAIN)
    payload = reply_payload(messages)
    for part in payload["parts"]:
        if part["type"] == "response" and part["name"] == "utter_did_you_mean":
            assert part["text"] == "Did you mean one of these?"


def test_a_typed_payload_is_text_not_the_intent_rasa_read_from_it() -> None:
    messages, _ = run(ActionAnswer(), tracker("/urgent", "urgent", confidence=1.0))
    assert not any((m.get("response") or "").startswith("utter_urgent") for m in messages)


def test_spanish_fixed_replies_are_sent_in_spanish_on_the_message_that_chose_it() -> None:
    domain = {
        "responses": {
            "utter_greet": [
                {"text": "Hello."},
                {"condition": [{"type": "slot", "name": "lang", "value": "es"}], "text": "Hola."},
            ]
        }
    }
    messages, events = run(ActionAnswer(), tracker("¿hablas español?", "ask"), domain=domain)
    assert [m.get("text") for m in messages if m.get("text")] == ["Hola."]
    assert slot_events(events)["lang"] == "es"
