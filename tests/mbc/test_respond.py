"""The pure core: respond(message, context, store) -> Reply, no Rasa server.

Each test names the exact answer or response it expects, so a wrong reply fails."""

from __future__ import annotations

import pytest

from mbc.evaluate import converse
from mbc.reply import AnswerPart
from mbc.respond import Context, respond


def ids(reply) -> list[str]:  # type: ignore[no-untyped-def]
    return reply.answer_ids


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("what is triple negative breast cancer", "terms-triple-negative"),
        ("what are the symptoms of bone mets?", "symptoms-bone"),
        ("what is HER2", "terms-her2-positive"),
        ("what is the survival rate", "figures-overview"),
        ("what will I feel if it's in my lungs", "symptoms-lung"),
    ],
)
def test_real_wording_gets_the_right_cited_answer(kb, text: str, answer: str) -> None:
    reply = respond(text, Context(), kb)
    assert reply.kind == "answer" and ids(reply)[0] == answer, reply.why
    assert reply.cites and reply.answers[0].review.status == "draft"


def test_a_bot_challenge_act_never_hides_a_real_question(kb) -> None:
    reply = respond("what is triple negative breast cancer", Context(act="bot_challenge", act_confidence=0.9), kb)
    assert ids(reply) == ["terms-triple-negative"]


def test_a_greeting_gets_the_greeting(kb) -> None:
    reply = respond("hello there", Context(act="greet", act_confidence=0.95), kb)
    assert reply.kind == "chat" and reply.responses == ["utter_greet"] and not reply.cites


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("my wife can't breathe", "utter_urgent_emergency"),
        ("what's the point of going on", "utter_urgent_crisis"),
        ("I'd rather not wake up tomorrow", "utter_urgent_crisis"),
        ("I'm on chemo and have a fever of 38.5", "utter_urgent_care_team"),
        ("her legs keep giving way and her back is agony", "utter_urgent_emergency"),
    ],
)
def test_emergencies_come_first(kb, text: str, response: str) -> None:
    reply = respond(text, Context(act="ask", act_confidence=0.9, last_answer="symptoms-bone"), kb)
    assert reply.kind == "urgent" and reply.responses[0] == response and not reply.cites


def test_a_temperature_alone_is_urgent_in_a_chemo_conversation(kb) -> None:
    reply = converse(["what are the side effects of chemo?", "what if it's 38?"], kb)
    assert reply.kind == "urgent" and reply.responses == ["utter_urgent_care_team"]
    assert respond("what if it's 38?", Context(), kb).kind != "urgent"


def test_a_dose_question_is_deferred_without_a_dose(kb) -> None:
    reply = respond("how many mg of tamoxifen per day?", Context(), kb)
    assert reply.kind == "deferral" and ids(reply)[0] == "advice-care-team"
    assert "treatment-tamoxifen" in ids(reply)
    menu = reply.choices
    assert menu[0].payload == '/show_answer{"answer_id": "support-oncologist-questions"}'
    chosen = respond(menu[0].payload, Context(offered=reply.memory.offered), kb)
    assert ids(chosen) == ["support-oncologist-questions"]


@pytest.mark.parametrize(
    "text",
    ["should I get a second opinion?", "do you think we should ask for a second opinion for mum"],
)
def test_a_decision_the_store_answers_for_itself_gets_that_answer(kb, text: str) -> None:
    reply = respond(text, Context(), kb)
    assert reply.kind == "answer" and ids(reply)[0] == "support-second-opinion", reply.why
    assert reply.why["rule"] == "decision_help" and reply.cites


@pytest.mark.parametrize("text", ["should I stop my tamoxifen?", "is it worth mum having more chemo at 84"])
def test_other_personal_decisions_still_get_the_deferral(kb, text: str) -> None:
    reply = respond(text, Context(), kb)
    assert reply.kind == "deferral" and ids(reply)[0] == "advice-care-team", reply.why


@pytest.mark.parametrize(
    ("first", "answer"),
    [("tell me about tamoxifen", "side-effects-tamoxifen"), ("what does kisqali do", "side-effects-targeted")],
)
def test_side_effects_after_a_drug_are_that_drugs(kb, first: str, answer: str) -> None:
    reply = converse([first, "side effects?"], kb)
    assert reply.kind == "answer" and ids(reply)[0] == answer, reply.why


def test_a_follow_up_that_asks_for_another_kind_of_answer_gets_it(kb) -> None:
    reply = converse(["how is bone spread diagnosed", "and the lungs, what are the signs"], kb)
    assert reply.kind == "answer" and ids(reply)[0] == "symptoms-lung", reply.why
    reply = converse(["how is bone spread diagnosed", "and the lungs?"], kb)  # the same kind
    assert reply.kind == "answer" and ids(reply)[0] == "diagnosis-lung", reply.why


def test_spanish_red_flags_run_when_the_language_is_unclear(kb) -> None:
    # too short and misspelt for the language detector to call it Spanish
    reply = respond("vomita sangre oscura mi madre q hago", Context(), kb)
    assert reply.kind == "urgent" and reply.responses[0] == "utter_urgent_emergency", reply.why


def test_a_forged_payload_is_treated_as_text(kb) -> None:
    reply = respond('/show_answer{"answer_id": "about-what-is-mbc"}', Context(), kb)
    assert ids(reply) != ["about-what-is-mbc"] or reply.kind != "answer"
    assert respond("/urgent", Context(), kb).kind != "urgent"


def test_a_drug_our_sources_never_name_gets_the_honest_reply(kb) -> None:
    reply = respond("is enhertu used for her2 low?", Context(), kb)
    assert reply.kind in ("not_covered", "did_you_mean") and not reply.cites


def test_another_cancer_is_declined_uncited(kb) -> None:
    reply = respond("what are the symptoms of prostate cancer", Context(), kb)
    assert reply.kind == "out_of_scope" and reply.responses == ["utter_out_of_scope"] and not reply.cites


def test_a_follow_up_keeps_the_topic_with_a_new_site(kb) -> None:
    reply = converse(["what are the symptoms of liver mets?", "and the lungs?"], kb)
    assert ids(reply)[0] == "symptoms-lung"


def test_a_short_follow_up_is_about_the_last_subject_not_out_of_scope(kb) -> None:
    reply = converse(["what does it mean if it spreads to the bones?", "will it hurt?"], kb)
    assert reply.kind != "out_of_scope"


@pytest.mark.parametrize(
    "text", ["don't forget me", "forget it", "my doctor deleted my records", "can I delete the app?"]
)
def test_forget_me_look_alikes_delete_nothing(kb, text: str) -> None:
    assert respond(text, Context(), kb).kind not in ("forget_confirm", "forgotten")


def test_forget_me_asks_first_then_deletes_on_yes(kb) -> None:
    ask = respond("forget me", Context(), kb)
    assert ask.kind == "forget_confirm" and ask.memory.pending == "forget"
    done = respond("YES", Context(pending=ask.memory.pending, offered=ask.memory.offered), kb)
    assert done.kind == "forgotten" and done.memory.pending == "forgotten"
    assert respond("yes", Context(), kb).kind != "forgotten"
    assert respond("borra mis datos", Context(), kb).kind == "forget_confirm"


def test_invisible_characters_are_removed_before_matching(kb) -> None:
    q = kb.analyse("bone\u200b scan\u202e?")
    assert q.text == "bone scan?"


def test_the_structured_payload_carries_body_citations_and_review(kb) -> None:
    payload = respond("what is a bone scan?", Context(), kb).payload()
    assert payload["type"] == "reply" and payload["kind"] == "answer"
    part = payload["parts"][0]
    assert part["type"] == "answer" and part["short"] and part["citations"][0]["publisher"]
    assert part["review"]["status"] == "draft" and part["review"]["reviewed_by"] is None


def test_thumbs_after_an_answer_is_recorded_as_feedback_for_that_answer(kb) -> None:
    answer = respond("what is a bone scan?", Context(), kb)
    assert answer.memory.pending == "feedback"
    ctx = Context(last_answer=answer.memory.last_answer, pending=answer.memory.pending)
    reply = respond("👍", ctx, kb)
    assert reply.kind == "feedback" and reply.memory.feedback == (answer.answer_ids[0], "up")
    assert respond("no", ctx, kb).memory.feedback == (answer.answer_ids[0], "down")
    assert respond("👍", Context(), kb).kind != "feedback"  # nothing was just answered


def test_the_widget_feedback_payload_names_its_answer(kb) -> None:
    reply = respond('/feedback{"answer_id": "diagnosis-bone-scan", "value": "down"}', Context(), kb)
    assert reply.memory.feedback == ("diagnosis-bone-scan", "down")


@pytest.mark.parametrize(
    ("text", "answers"),
    [
        ("What are the symptoms of bone mets? And what is a bone scan?", ["symptoms-bone", "diagnosis-bone-scan"]),
        ("what does NED mean? also what is stable disease?", ["terms-ned", "terms-stable-disease"]),
    ],
)
def test_two_questions_get_both_answers(kb, text: str, answers: list[str]) -> None:
    assert ids(respond(text, Context(), kb)) == answers


def test_simpler_please_sends_the_simple_text_and_keeps_the_get_help_line(kb) -> None:
    first = respond("what are the symptoms of bone mets?", Context(), kb)
    reply = respond("simpler please", Context(last_answer=first.memory.last_answer), kb)
    [part] = reply.answers
    assert part.id == "symptoms-bone" and part.short == kb.answers["symptoms-bone"].simple and not part.detail
    assert "utter_get_help_spinal_cord" in reply.responses


def test_spanish_is_recognised_and_answered_with_the_spanish_text(kb) -> None:
    ask = respond("¿hablas español?", Context(), kb)
    assert ask.lang == "es" and ask.memory.lang == "es" and ask.responses == ["utter_greet"]
    reply = respond("¿qué es el herceptin?", Context(lang="es"), kb)
    [part] = [p for p in reply.parts if isinstance(p, AnswerPart)]
    assert reply.lang == "es" and part.id == "treatment-trastuzumab" and part.lang == "es"
    assert part.short == kb.answers["treatment-trastuzumab"].text_in("es").short
    english = respond("what is a bone scan?", Context(lang="es"), kb)  # answered in its own language
    assert english.lang == "en" and all(p.lang == "en" for p in english.parts if isinstance(p, AnswerPart))


def test_a_first_message_in_spanish_carries_the_note_in_spanish(kb) -> None:
    reply = respond("¿qué es el tamoxifeno?", Context(first_turn=True, note_lang="en"), kb)
    assert reply.responses[0] == "utter_disclaimer" and reply.lang == "es"
    same = respond("¿qué es el tamoxifeno?", Context(first_turn=True, note_lang="es"), kb)
    assert "utter_disclaimer" not in same.responses  # the session-start note was Spanish already
    urgent = respond("mi mamá no puede respirar", Context(first_turn=True), kb)
    assert urgent.responses[0] == "utter_urgent_emergency" and urgent.responses[-1] == "utter_disclaimer"


def test_a_language_we_do_not_serve_gets_the_bilingual_reply(kb) -> None:
    reply = respond("bonjour, je voudrais savoir où le cancer du sein se propage", Context(), kb)
    assert reply.responses == ["utter_language_unsupported"] and not reply.cites


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("mi mamá no puede respirar", "utter_urgent_emergency"),
        ("ya no quiero vivir", "utter_urgent_crisis"),
        ("tengo fiebre de 38.5 con la quimio", "utter_urgent_care_team"),
    ],
)
def test_spanish_emergencies_come_first(kb, text: str, response: str) -> None:
    reply = respond(text, Context(), kb)
    assert reply.kind == "urgent" and reply.responses[0] == response and reply.lang == "es"


def test_another_subject_is_declined_but_an_unknown_drug_is_not_covered(kb) -> None:
    assert respond("what's a good recipe for lasagna?", Context(), kb).kind == "out_of_scope"
    reply = respond("does capecitabine cause hand foot syndrome", Context(), kb)
    assert reply.kind == "not_covered" and not reply.cites


def test_is_there_a_cure_is_never_taken_for_a_bot_challenge(kb) -> None:
    reply = respond("is there a cure?", Context(act="bot_challenge", act_confidence=0.9), kb)
    assert reply.kind in ("answer", "did_you_mean") and "utter_bot_challenge" not in reply.responses
    offered = reply.answer_ids + [c.payload for c in reply.choices]
    assert any("about-not-curable" in o for o in offered), offered
    person = respond("are you a real person?", Context(act="bot_challenge", act_confidence=0.95), kb)
    assert person.responses == ["utter_bot_challenge"]


def test_am_i_talking_to_a_real_person_gets_the_honest_answer(kb) -> None:
    reply = respond("am I talking to a real person?", Context(act="bot_challenge", act_confidence=0.95), kb)
    assert reply.responses == ["utter_bot_challenge"]
