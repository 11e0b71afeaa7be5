"""The one decision: ``respond(message, context, store) -> Reply``. Pure Python, no Rasa.

In order, first match wins:
1. emergencies (mbc.safety), on every message and in every state;
2. a choice the bot just offered (only offered payloads are accepted; anything else
   typed that looks like a payload is treated as text);
3. "forget me" (a precise request, then a YES to confirm);
4. "say it more simply" right after an answer;
5. a personal medical decision: a warm deferral, then the general facts if they help;
6. matching by meaning (mbc.matcher): answer, "did you mean", or not covered; a
   dialogue act (greeting, thanks, …) or a clear other subject (another cancer, another
   disease) wins only when the message is not a question the store can answer.
The subject is MBC by default: a short question with no topic word is about the
conversation's last subject ("will it hurt?" after bone spread).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from mbc import boundary, boundary_es, language, safety, tone
from mbc.dialogue import asks_simpler, feedback_value, is_confirmation, is_forget_request, show_answer_payload
from mbc.matcher import SPECIFIC, Candidate, Decision
from mbc.query import Query, clean
from mbc.reply import Choice, Choices, Memory, Part, Reply, ResponseRef
from mbc.safety_es import detect_all_es

if TYPE_CHECKING:
    from mbc.kb import KnowledgeBase

URGENT_RESPONSES = {
    "crisis": "utter_urgent_crisis",
    "emergency": "utter_urgent_emergency",
    "care_team": "utter_urgent_care_team",
}
URGENT_ORDER = ("crisis", "emergency", "care_team")
DEFERRAL_ANSWER = "advice-care-team"
FEELINGS_ANSWER = "support-feelings"
FOLLOW_UP_WORDS = 8  # a question this short with no subject of its own is a follow-up
FOLLOW_UP_STARTS = (
    "and ",
    "what about",
    "how about",
    "wat about",
    "also ",
    "same for",
    "and?",
    # Spanish (folded text)
    "y ",
    "y si",
    "que tal",
    "tambien",
    "lo mismo",
)
SPANISH_ACTS = frozenset(
    {"greet", "goodbye", "thanks", "affirm", "deny", "bot_challenge", "ask_capabilities", "express_emotion"}
)
MAX_CHOICES = 3
MAX_ANSWERS = 2


@dataclass(frozen=True)
class Context:
    """What the conversation knows before this message (all optional)."""

    act: str | None = None  # the NLU dialogue act
    act_confidence: float = 0.0
    last_answer: str | None = None
    subjects: dict[str, str] = field(default_factory=dict)  # site/therapy/drug/test
    offered: tuple[str, ...] = ()  # payloads offered in the bot's last reply
    pending: str | None = None  # "forget" while waiting for a YES
    lang: str | None = None  # the conversation's language preference ("en" | "es")
    chosen_lang: str | None = None  # a language the client chose (the widget's toggle / data-lang)
    first_turn: bool = False  # the first message of a conversation (session)
    note_lang: str = "en"  # the language the session-start note (disclaimer) was sent in


def respond(message: str, context: Context, store: KnowledgeBase) -> Reply:
    text = clean(message)
    if not text:
        return Reply("chat", (ResponseRef("utter_anything_else"),))
    # A language the person chose in the client counts like asking for it ("español").
    held = context.chosen_lang if context.chosen_lang in language.SERVED else context.lang
    lang, preference = language.choose(text, held)
    # Analysed once, in the language it is answered in (mbc.spanish for Spanish).
    q = store.analyse(text, language.ES if lang == language.ES else language.EN)
    if q.lang == language.ES and context.act not in SPANISH_ACTS:
        # The act classifier is trained mostly on English: on Spanish text only its chat acts
        # (greetings, thanks, "¿eres un robot?") are trusted. Urgent, advice and scope are
        # decided by the Spanish rules (18 false alarms on the Spanish dev set otherwise).
        context = replace(context, act=None, act_confidence=0.0)
    if q.payload and q.payload.raw not in context.offered:
        # Typed text that looks like a payload ("/urgent") is text: the act Rasa read from it
        # is not the person's; only choices the bot offered count as choices.
        context = replace(context, act=None, act_confidence=0.0)
    reply = _respond(q, replace(context, lang=preference), store, lang)
    reply = _with_note(reply, context, lang if lang in language.SERVED else (preference or language.DEFAULT))
    return replace(
        reply,
        lang=lang if lang in language.SERVED else (preference or language.DEFAULT),
        memory=replace(reply.memory, lang=preference),
    )


def _with_note(reply: Reply, context: Context, lang: str) -> Reply:
    """The first reply of a conversation in another language than the session-start note
    (a first message in Spanish) carries the note again in its own language: not medical
    advice, how long messages are kept, how to delete them. After urgent guidance, never
    before it."""
    if not context.first_turn or lang == context.note_lang or reply.kind == "forgotten":
        return reply
    note = ResponseRef("utter_disclaimer")
    parts = (*reply.parts, note) if reply.kind == "urgent" else (note, *reply.parts)
    return replace(reply, parts=parts)


def _respond(q: Query, context: Context, store: KnowledgeBase, lang: str) -> Reply:
    # Spanish red flags also run on a message whose language is unclear ("vomita sangre
    # oscura mi madre q hago" reads as another language): only clear English skips them.
    urgent = _urgent(q, context, store, spanish=lang != language.EN or context.lang == language.ES)
    if urgent:
        return urgent
    if language.requested(q.text):
        return Reply("chat", (ResponseRef("utter_greet"),), _memory(context), {"rule": "language"})
    if lang == language.OTHER:
        return Reply(
            "not_covered", (ResponseRef("utter_language_unsupported"),), _memory(context), {"rule": "language"}
        )
    if q.payload and q.payload.raw in context.offered:
        return _offered(q, context, store)
    feedback = _feedback(q, context, store)
    if feedback:
        return feedback
    if context.pending == "forget" and (is_confirmation(q.lower, store.dialogue)):
        return Reply("forgotten", (ResponseRef("utter_forgotten"),), Memory(pending="forgotten"))
    if is_forget_request(q.lower, store.dialogue):
        return Reply(
            "forget_confirm",
            (ResponseRef("utter_forget_confirm"), store.dialogue.menu("forget_confirm", q.lang)),
            _memory(context, offered=store.dialogue.menu("forget_confirm", q.lang), pending="forget"),
        )
    if context.last_answer and asks_simpler(q.lower, store.dialogue):
        simpler = _simpler(context.last_answer, context, store, q.lang)
        if simpler:
            return simpler
    if _personal_decision(q):
        helped = _decision_help(q, context, store)
        return helped or _deferral(q, context, store)
    if _other_cancer(q):
        return Reply("out_of_scope", (ResponseRef("utter_out_of_scope"),), _memory(context), {"rule": "other_cancer"})
    social = store.dialogue.social.get(context.act or "")
    if social and q.qtype == "statement" and not q.subjects and _act(context, context.act or "", 0.8, store):
        return _social(social, context, store, {"act": context.act})
    return _match(q, context, store)


def _feedback(q: Query, context: Context, store: KnowledgeBase) -> Reply | None:
    """👍 / 👎 (or yes / no) right after an answer, or the widget's feedback payload."""
    answer_id, value = None, None
    if q.payload and q.payload.intent == "feedback" and q.payload.answer_id in store.answers:
        answer_id, value = q.payload.answer_id, q.payload.value
    elif context.pending == "feedback" and context.last_answer:
        answer_id, value = context.last_answer, feedback_value(q.lower, store.dialogue)
    if not answer_id or value not in ("up", "down"):
        return None
    memory = Memory(
        last_answer=context.last_answer,
        subjects=dict(context.subjects),
        offered=context.offered,
        feedback=(answer_id, value),
    )
    return Reply("feedback", (ResponseRef("utter_feedback_thanks"),), memory, {"rule": "feedback"})


# The boundaries in the message's language (mbc/boundary.py, mbc/boundary_es.py).
def _personal_decision(q: Query) -> bool:
    return boundary_es.is_personal_decision(q.text) if q.lang == "es" else boundary.is_personal_decision(q.lower)


def _other_cancer(q: Query) -> bool:
    return boundary_es.is_other_cancer(q.text) if q.lang == "es" else boundary.is_other_cancer(q.lower)


def _lacks_anchor(q: Query) -> bool:
    if q.lang == "es":
        return boundary_es.lacks_anchor(q.text, bool(q.subjects))
    return boundary.lacks_anchor(q.lower, bool(q.subjects))


def _feelings(q: Query) -> bool:
    return boundary_es.expresses_feelings(q.text) if q.lang == "es" else tone.expresses_feelings(q.lower)


def _act(context: Context, name: str, minimum: float | None, store: KnowledgeBase) -> bool:
    floor = store.dialogue.confidence(name) if minimum is None else minimum
    return context.act == name and context.act_confidence >= floor


def _urgent(q: Query, context: Context, store: KnowledgeBase, spanish: bool = False) -> Reply | None:
    chemo = context.subjects.get("therapy") == "chemotherapy"
    # A message read as Spanish gets the Spanish rules only: the English ones add no recall on
    # the Spanish sets and false alarms ("tuve una convulsión en 2020…" hit "convuls").
    flags = safety.detect_all(q.lower, chemo_context=chemo) if q.lang == "en" else []
    if spanish:
        flags += detect_all_es(q.text, chemo_context=chemo)
    levels = {f.level for f in flags}
    names = [URGENT_RESPONSES[lv] for lv in URGENT_ORDER if lv in levels]
    if not names and _act(context, "urgent", None, store):
        names = ["utter_urgent_general"]
    if not names:
        return None
    why = {"flags": sorted(f.kind for f in flags) or ["nlu_urgent"]}
    return Reply("urgent", tuple(ResponseRef(n) for n in names), _memory(context), why)


def _offered(q: Query, context: Context, store: KnowledgeBase) -> Reply:
    assert q.payload is not None
    intent, answer_id = q.payload.intent, q.payload.answer_id
    if intent == "show_answer" and answer_id and answer_id in store.answers:
        return _answers(store, context, [answer_id], why={"rule": "chosen"}, lang=_lang(q, context))
    if intent == "forget_confirm" and context.pending == "forget":
        return Reply("forgotten", (ResponseRef("utter_forgotten"),), Memory(pending="forgotten"))
    if intent == "deny":
        return Reply("chat", (ResponseRef("utter_anything_else"),), _memory(context))
    return _social(store.dialogue.social.get(intent, "utter_helpline"), context, store, {"rule": "chosen"})


def _lang(q: Query, context: Context) -> str:
    """The language to answer in: the message's, or for a tapped choice the conversation's."""
    if q.lang == "es" or (q.payload and context.lang == "es"):
        return "es"
    return "en"


def _social(response: str, context: Context, store: KnowledgeBase, why: dict) -> Reply:  # type: ignore[type-arg]
    """A dialogue act's response; the capabilities list comes with its menu."""
    if response == "utter_capabilities":
        menu = store.dialogue.menu("capabilities", context.lang or "en")
        return Reply("chat", (ResponseRef(response), menu), _memory(context, offered=menu), why)
    return Reply("chat", (ResponseRef(response),), _memory(context), why)


def _simpler(answer_id: str, context: Context, store: KnowledgeBase, lang: str = "en") -> Reply | None:
    answer = store.answers.get(answer_id)
    text = (answer.text_in(lang) if lang != "en" else answer) if answer else None
    if not answer or not text or not text.simple:
        return None
    parts: list[Part] = [store.answer_part(answer, simple=True, lang=lang)]
    parts += [ResponseRef(name) for name in answer.get_help]  # the "get help now" line stays
    return Reply(
        "answer", tuple(parts), _memory(context, last_answer=answer.id, pending="feedback"), {"rule": "simpler"}
    )


def _decision_help(q: Query, context: Context, store: KnowledgeBase) -> Reply | None:
    """A personal question the store answers for exactly that decision ("should I get a
    second opinion?"): that answer (``decision_help`` in its YAML), confidently matched;
    else None and the warm deferral."""
    if not any(a.decision_help for a in store.answers.values()):
        return None
    reply = _match(q, context, store)
    ids = reply.answer_ids
    if reply.kind != "answer" or not ids or not store.answers[ids[0]].decision_help:
        return None
    return replace(reply, why={**reply.why, "rule": "decision_help"})


def _deferral(q: Query, context: Context, store: KnowledgeBase) -> Reply:
    """A warm deferral, the general facts about what the message names, and an offer."""
    parts: list[Part] = [
        store.answer_part(store.answers[DEFERRAL_ANSWER], lang=_text_lang(store, DEFERRAL_ANSWER, q.lang))
    ]
    facts = _general_facts(q, store)
    if facts:
        parts.append(store.answer_part(facts, lang=_text_lang(store, facts.id, q.lang)))
    parts.append(ResponseRef("utter_advice_offer"))
    menu = store.dialogue.menu("advice_offer", q.lang)
    parts.append(menu)
    last = facts.id if facts else context.last_answer
    subjects = {t: sorted(v)[0] for t, v in q.subjects.items() if t in SPECIFIC}
    return Reply(
        "deferral",
        tuple(parts),
        _memory(context, last_answer=last, subjects=subjects, offered=menu),
        {"rule": "personal_decision"},
    )


def _general_facts(q: Query, store: KnowledgeBase):  # type: ignore[no-untyped-def]
    """The answer about the drug/therapy/site the message names, if one fits well."""
    if not any(q.entities.get(t) for t in SPECIFIC):
        return None
    ranked = store.matcher_for(q.lang).rank(q)
    for c in ranked[:5]:
        if c.entity > 0 and c.answer.id != DEFERRAL_ANSWER and c.answer.entities:
            return c.answer
    return None


def _follow_up(q: Query, context: Context) -> tuple[dict[str, frozenset[str]], str, str | None]:
    """Entities in play, words to add, and a topic to keep, for a short follow-up."""
    own = {t: v for t, v in q.entities.items() if t in SPECIFIC and v}
    low = q.lower.strip()
    if own:
        if context.last_answer and q.words <= 5 and (low.startswith(FOLLOW_UP_STARTS) or len(q.lemmas) <= len(own) + 1):
            return dict(q.entities), "", "keep"
        return dict(q.entities), "", None
    if q.words > FOLLOW_UP_WORDS or not context.subjects:
        return dict(q.entities), "", None
    carried = {t: frozenset({v}) for t, v in context.subjects.items() if t in SPECIFIC and v}
    words = " ".join(v.replace("_", " ") for v in context.subjects.values() if v)
    return {**q.entities, **carried}, words, None


def _other_questions(
    q: Query, store: KnowledgeBase, entities: dict[str, frozenset[str]], already: list[str]
) -> list[str]:
    """Answers to each question of a message that asks more than one ("where does it
    spread and how do they find out?"), each confident on its own."""
    if len(q.questions) < 2:
        return []
    out: list[str] = []
    for sentence in q.questions[:3]:
        sub = store.analyse(sentence, q.lang)
        own = {t: v for t, v in sub.entities.items() if v}
        in_play = {**entities, **own}  # "how is it treated?": "it" is the message's subject
        words = "" if own else " ".join(sorted(v.replace("_", " ") for t in SPECIFIC for v in entities.get(t, ())))
        matcher = store.matcher_for(q.lang)
        decision = matcher.decide(matcher.rank(sub, in_play, words), store.unknown_terms(sub))
        if decision.outcome == "answer" and decision.picks[0].answer.id not in already + out:
            out.append(decision.picks[0].answer.id)
    return out


def _with_drug_classes(entities: dict[str, frozenset[str]], store: KnowledgeBase) -> dict[str, frozenset[str]]:
    """A drug brings its therapy classes (relations.yml): "side effects of Ibrance" is also
    about targeted therapy."""
    classes = {c for d in entities.get("drug", ()) for c in store.drug_class.get(d, ())}
    narrow = classes | set(entities.get("therapy", ()))
    classes |= {p for t in narrow for p in store.therapy_class.get(t, ())}  # aromatase inhibitor: hormone therapy
    if not classes:
        return entities
    return {**entities, "therapy": frozenset(entities.get("therapy", frozenset()) | classes)}


def _asks_other_kind(q: Query, topic: str, cued: frozenset[str], store: KnowledgeBase) -> bool:
    """ "and the liver? what symptoms" after a diagnosis answer: the follow-up asks for another
    kind of answer (its words cue another topic that has an answer about its own subject)."""
    if not cued or topic in cued:
        return False
    own = {(t, v) for t, vals in q.entities.items() if t in SPECIFIC for v in vals}
    return any(a.topic in cued and a.entity_pairs() & own for a in store.answers.values())


def _match(q: Query, context: Context, store: KnowledgeBase) -> Reply:
    entities, expansion, keep = _follow_up(q, context)
    entities = _with_drug_classes(entities, store)
    last = store.answers.get(context.last_answer or "")
    matcher = store.matcher_for(q.lang)
    topic = last.topic if (keep and last and not _asks_other_kind(q, last.topic, matcher.cued(q), store)) else None
    ranked = matcher.rank(q, entities, expansion, topic)
    lang = q.lang
    if topic:  # "and the lungs?": the same kind of answer, about the new subject
        same = [c for c in ranked if c.answer.topic == topic and c.entity > matcher.w.topic_follow_up]
        if same:
            return _answers(
                store, context, [same[0].answer.id], why={"rule": "follow_up"}, subjects=entities, lang=lang
            )
    unknown = store.unknown_terms(q)
    decision = matcher.decide(ranked, unknown)
    feelings = _feelings(q) or _act(context, "express_emotion", None, store)
    why = _why(decision, unknown)
    both = _other_questions(q, store, entities, [])
    if decision.outcome == "answer" and len(both) < 2:
        ids = [c.answer.id for c in decision.picks]
        ids += [i for i in both if i not in ids][: MAX_ANSWERS - len(ids)]
        return _answers(store, context, ids, feelings=feelings, why=why, subjects=entities, lang=lang)
    if len(both) >= 2:  # two questions, each answered confidently on its own, in their order
        return _answers(
            store, context, both[:MAX_ANSWERS], feelings=feelings, why={**why, "rule": "two_questions"}, lang=lang
        )
    # Not a question we can answer: a dialogue act or a clear other subject may explain it.
    if _act(context, "personal_advice", None, store):
        return _deferral(q, context, store)
    social = store.dialogue.social.get(context.act or "")
    # A question the store nearly matches ("is there a cure?") is never taken for chat.
    near = decision.outcome == "suggest" and q.qtype != "statement" and decision.top >= matcher.t.near
    if social and not near and _act(context, context.act or "", None, store):
        return _social(social, context, store, {**why, "act": context.act})
    if _other_cancer(q) or (q.words > 6 and _act(context, "out_of_scope", None, store)):
        return Reply("out_of_scope", (ResponseRef("utter_out_of_scope"),), _memory(context), why)
    if not context.subjects and _lacks_anchor(q):
        # Nothing ties it to breast cancer. With a word that is not ordinary English (a drug
        # our sources never name) it may still be about MBC: the honest "not covered";
        # otherwise it is another subject ("a good recipe for lasagna"): the kind decline.
        if unknown:
            return Reply(
                "not_covered", (ResponseRef("utter_not_covered"),), _memory(context), {**why, "rule": "no_anchor"}
            )
        return Reply(
            "out_of_scope", (ResponseRef("utter_out_of_scope"),), _memory(context), {**why, "rule": "no_anchor"}
        )
    if feelings and (not q.lemmas or decision.top < matcher.t.suggest or q.qtype == "statement"):
        return _answers(store, context, [FEELINGS_ANSWER], feelings=True, why={**why, "rule": "feelings"}, lang=lang)
    if decision.outcome == "suggest":
        return _suggest(decision.picks, context, store, why, lang)
    return Reply("not_covered", (ResponseRef("utter_not_covered"),), _memory(context), why)


def _suggest(
    picks: tuple[Candidate, ...], context: Context, store: KnowledgeBase, why: dict, lang: str = "en"
) -> Reply:  # type: ignore[type-arg]
    options = tuple(Choice(_question_in(c.answer, lang), show_answer_payload(c.answer.id)) for c in picks[:MAX_CHOICES])
    options += (Choice(store.dialogue.none_title(lang), "/none_of_these"),)
    menu = Choices(options)
    return Reply("did_you_mean", (ResponseRef("utter_did_you_mean"), menu), _memory(context, offered=menu), why)


def _answers(
    store: KnowledgeBase,
    context: Context,
    ids: list[str],
    feelings: bool = False,
    why: dict | None = None,
    subjects: dict[str, frozenset[str]] | None = None,  # type: ignore[type-arg]
    lang: str = "en",
) -> Reply:
    answers = [store.answers[i] for i in ids]
    parts: list[Part] = [ResponseRef("utter_acknowledge_feelings")] if feelings else []
    for a in answers:
        parts.append(store.answer_part(a, lang=_text_lang(store, a.id, lang)))
        parts += [ResponseRef(name) for name in a.get_help]  # "get help now if …" lines
    if feelings:
        parts.append(ResponseRef("utter_support_options"))
    first = answers[0]
    remembered = {t: v[0] for t, v in first.entities.items() if t in SPECIFIC and v}
    for t, vals in (subjects or {}).items():
        if t in SPECIFIC and vals and t not in remembered:
            remembered[t] = sorted(vals)[0]
    kind = "deferral" if first.id == DEFERRAL_ANSWER else "answer"
    memory = _memory(context, last_answer=first.id, subjects=remembered, pending="feedback")
    return Reply(kind, tuple(parts), memory, why or {})


def _question_in(answer, lang: str) -> str:  # type: ignore[no-untyped-def]
    t = answer.text_in(lang) if lang != "en" else None
    return t.question if t else answer.question


def _text_lang(store: KnowledgeBase, answer_id: str, lang: str) -> str:
    """``lang`` when the answer has a text in it, else English (never a silent mix)."""
    answer = store.answers.get(answer_id)
    return lang if lang != "en" and answer is not None and answer.text_in(lang) else "en"


def _why(decision: Decision, unknown: list[str]) -> dict:  # type: ignore[type-arg]
    top = [(c.answer.id, round(c.score, 3)) for c in decision.ranked[:3]]
    return {"outcome": decision.outcome, "top": top, "unknown_terms": len(unknown)}


MAX_OFFERED = 24  # choices offered in this conversation stay valid (an older button may be tapped)


def _offered_so_far(context: Context, offered: Choices | None) -> tuple[str, ...]:
    new = tuple(c.payload for c in offered.options) if offered else ()
    return tuple(dict.fromkeys(new + context.offered))[:MAX_OFFERED]


def _memory(
    context: Context,
    last_answer: str | None = None,
    subjects: dict[str, str] | None = None,
    offered: Choices | None = None,
    pending: str | None = None,
) -> Memory:
    merged = dict(context.subjects)
    if subjects:
        merged.update(subjects)
    return Memory(
        last_answer=last_answer or context.last_answer,
        subjects=merged,
        offered=_offered_so_far(context, offered),
        pending=pending,
        lang=context.lang,
    )
