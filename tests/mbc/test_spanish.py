"""Spanish in the core (issue 12): analysis (mbc/spanish.py), the boundaries
(mbc/boundary_es.py), and whole replies from respond() over the built store: the Spanish
text, its own review status, the English sources marked as English."""

from __future__ import annotations

import pytest

from mbc import boundary_es, spanish
from mbc.index import spanish_terms
from mbc.render import answer_text
from mbc.reply import AnswerPart
from mbc.respond import Context, respond


@pytest.fixture(scope="module")
def terms() -> spanish.Terms:
    return spanish_terms()


def test_fold_drops_accents_but_keeps_enie() -> None:
    assert spanish.fold("¿Qué es la METÁSTASIS en el hígado? Año") == "¿que es la metastasis en el higado? año"


@pytest.mark.parametrize(
    ("text", "etype", "value"),
    [
        ("se le pasó a los huesos", "site", "bone"),
        ("metastasis en el higado", "site", "liver"),
        ("efectos de la quimio", "therapy", "chemotherapy"),
        ("le dieron tamoxifeno", "drug", "tamoxifen"),
        ("el Ibrance da cansancio?", "drug", "palbociclib"),  # brand names live once, in terms.yml
        ("me van a hacer una gammagrafía ósea", "test", "bone_scan"),
        ("es her2 positivo", "subtype", "her2_positive"),
    ],
)
def test_spanish_words_and_shared_names_become_canonical_entities(
    terms: spanish.Terms, text: str, etype: str, value: str
) -> None:
    assert value in terms.find(text).get(etype, frozenset())


def test_a_story_first_message_yields_its_question(terms: spanish.Terms) -> None:
    q = spanish.analyse(
        "Mi mamá terminó la quimio hace dos años. Ahora le salió algo en el hígado. ¿Eso qué significa?", terms
    )
    assert q.lang == "es" and q.questions[-1].startswith("¿Eso qué significa")
    assert spanish.question_type("¿cómo se trata?") == "how" and spanish.question_type("gracias") == "statement"


@pytest.mark.parametrize(
    "text",
    [
        "¿debo dejar el tamoxifeno?",
        "quiero dejar la quimio",
        "¿cuánto tiempo le queda a mi mamá?",
        "cuantos mg de letrozol tomo",
        "¿qué tratamiento es mejor para mí?",
        "me duele la cadera desde hace un mes, sera que ya se me paso al hueso?",
        "tiene mareos desde el lunes, será q el cáncer le llegó a la cabeza?",
        "me falta el aire al subir escaleras, es que ya llegó al pulmón?",
        "me encontré otro bultito en el cuello. ¿ya volvió?",
        "el marcador tumoral salió más alto, ¿quiere decir que creció?",
        "no quiero más quimio, ¿estoy haciendo lo correcto?",
        "me da mucha náusea la capecitabina, ¿la dejo de tomar?",
        "¿puedo suspenderlo una semana por el viaje?",
        "se me pasó la dosis de anoche, ¿me tomo las dos juntas?",
        "la onco dice cambiar pero prefiero quedarme con la que tengo",
        "¿vale la pena que me quiten los ovarios?",
        "¿jengibre durante la quimio se puede?",
        "¿cuál de las dos pastillas es mejor para mi caso?",
        "el marcador me salió en 120, ¿eso es grave para mí?",
        "¿me recomienda que siga con la radio o que pare?",
        "¿usted qué haría en mi lugar?",
        "¿puedo usar las pastillas de mi tía mientras me dan la receta?",
        "¿es seguro que me pongan la vacuna del covid en plena quimio?",
        "le bajo la dosis del kisqali yo misma? tengo las defensas bajas",
        "que le conviene a mi mama, la hormonal o pasarse a quimio",
        "el marcador subió, significa que la quimio ya no le funciona?",
        "tengo la quimio el jueves y no tengo fuerzas, me la salto?",
        "los bochornos del letrozol son horribles, lo dejo y ya?",
        "le ofrecieron un estudio clinico, deberia aceptar?",
        "mi papa tiene 90, vale la pena que siga con la quimio?",
        "cuantos meses le quedan a mi suegra",
        "q opcion es mejor pa su caso",
        "me dicen de un ensayo, entro o no?",
    ],
)
def test_personal_decisions_are_recognised(text: str) -> None:
    assert boundary_es.is_personal_decision(text)


@pytest.mark.parametrize(
    "text",
    [
        "¿qué es el tamoxifeno?",
        "¿cuáles son los efectos secundarios de la quimio?",
        "en general, ¿cuánto tiempo viven las personas con cáncer de mama metastásico?",
        "¿cómo saben si el cáncer llegó al hueso?",
        "¿qué síntomas da cuando se pasa al pulmón?",
        "¿qué pasa si el cáncer regresa?",
        "¿qué quiere decir metástasis?",
        "en el caso de metástasis en el hueso, ¿qué tratamiento dan?",
        "a mi esposa ya no le funciona el herceptin, que suelen probar despues?",
        "¿qué es un ensayo clínico y cómo se entra?",
        "¿cuánto dura cada sesión de quimio?",
    ],
)
def test_general_questions_are_not_personal_decisions(text: str) -> None:
    assert not boundary_es.is_personal_decision(text)


def test_other_cancers_and_other_subjects() -> None:
    assert boundary_es.is_other_cancer("¿el cáncer de próstata se hereda?")
    assert not boundary_es.is_other_cancer("el cáncer de mama se le pasó al pulmón, ¿es cáncer de pulmón?")
    assert boundary_es.lacks_anchor("dame una receta de tamales para la cena", False)
    assert not boundary_es.lacks_anchor("¿eso duele?", False)  # short: a follow-up about MBC
    assert boundary_es.expresses_feelings("tengo mucho miedo por mi mamá")


# --- whole replies over the built store ----------------------------------------------------


def spanish_answer(reply) -> AnswerPart:  # type: ignore[no-untyped-def]
    parts = [p for p in reply.parts if isinstance(p, AnswerPart)]
    assert parts, (reply.kind, reply.why)
    return parts[0]


@pytest.mark.parametrize(
    ("text", "answer_id"),
    [
        ("¿qué es el herceptin?", "treatment-trastuzumab"),
        ("a donde se extiende el cancer de mama", "spread-overview"),
        ("q es la gammagrafia osea", "diagnosis-bone-scan"),
        ("mi mamá tiene metástasis en los huesos, ¿qué síntomas puede tener?", "symptoms-bone"),
    ],
)
def test_a_spanish_question_gets_the_spanish_text_with_english_sources_marked(kb, text: str, answer_id: str) -> None:
    reply = respond(text, Context(), kb)
    part = spanish_answer(reply)
    assert reply.kind == "answer" and reply.lang == "es" and part.id == answer_id and part.lang == "es"
    english = kb.answers[answer_id]
    assert part.short == english.text_in("es").short and part.short != english.short
    body, sources = answer_text(part)
    assert sources.startswith("Fuentes: ") and "(en inglés)" in sources
    assert "todavía no lo revisó un profesional de la salud" in sources  # the Spanish text is a draft


def test_a_follow_up_keeps_spanish_and_the_subject(kb) -> None:
    first = respond("¿qué síntomas da la metástasis en los huesos?", Context(), kb)
    m = first.memory
    ctx = Context(last_answer=m.last_answer, subjects=m.subjects, offered=m.offered, pending=m.pending, lang=m.lang)
    reply = respond("¿y en el hígado?", ctx, kb)
    assert reply.lang == "es" and spanish_answer(reply).id == "symptoms-liver"


def test_unknown_drug_gets_the_honest_reply_in_spanish(kb) -> None:
    reply = respond("¿para qué sirve la capecitabina?", Context(), kb)
    assert reply.lang == "es" and not reply.cites and reply.kind in ("not_covered", "did_you_mean")


def test_spanish_deferral_and_menu(kb) -> None:
    reply = respond("¿debo dejar el tamoxifeno por los dolores?", Context(), kb)
    assert reply.kind == "deferral" and reply.lang == "es"
    assert spanish_answer(reply).lang == "es"
    titles = [c.title for p in reply.parts if getattr(p, "type", "") == "choices" for c in p.options]
    assert "Hablar con una persona" in titles


def test_simpler_in_spanish(kb) -> None:
    first = respond("¿qué es el tamoxifeno?", Context(), kb)
    m = first.memory
    ctx = Context(last_answer=m.last_answer, subjects=m.subjects, pending=m.pending, lang=m.lang)
    reply = respond("más sencillo, por favor", ctx, kb)
    part = spanish_answer(reply)
    assert part.lang == "es" and part.short == kb.answers[m.last_answer].text_in("es").simple


def test_the_act_classifier_is_not_trusted_for_urgency_on_spanish_text(kb) -> None:
    """It is trained mostly on English: on Spanish text only its chat acts count (the Spanish
    dev set over REST had 18 false alarms from its "urgent" act)."""
    ordinary = respond("¿qué es el tamoxifeno?", Context(act="urgent", act_confidence=0.97), kb)
    assert ordinary.kind == "answer" and ordinary.lang == "es"
    assert respond("mi mamá no puede respirar", Context(act="greet", act_confidence=0.9), kb).kind == "urgent"
    assert respond("gracias", Context(act="thanks", act_confidence=0.9), kb).responses == ["utter_thanks"]


def test_the_bot_reads_lemmas_from_the_index_as_the_table_gives_them(kb, terms: spanish.Terms) -> None:
    """The running bot looks Spanish lemmas up in the built index (SQLite), not in spaCy's
    table held in memory (~150 MB): both give the same lemmas, accents typed or not."""
    text = "q sintomas da la metastasis en los huesos? se le extendio y le duelen las caderas"
    assert kb.analyse(text, "es").lemmas == spanish.analyse(text, terms).lemmas
    assert kb.index.lemma_es("síntomas") == "síntoma" and spanish.lemma("sintomas", kb.index.lemma_es) == "sintoma"


def test_words_that_carry_meaning_here_are_not_stop_words(kb) -> None:  # type: ignore[no-untyped-def]
    q = kb.analyse("¿cómo se trata el cáncer de mama etapa 4?", "es")
    assert "tratar" in q.lemmas or "trata" in q.lemmas
    assert "treatment" in kb.matcher_for("es").cued(q)
    assert "about" in kb.matcher_for("es").cued(kb.analyse("¿es lo mismo que metástasis?", "es"))
