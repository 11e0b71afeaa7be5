"""Which language a message is in, and which language to answer in (issue 12).

* ``detect(text)`` -> ``"en"`` | ``"es"`` | ``"other"`` | ``"unknown"``. ``"unknown"`` is for
  text that carries no language: "ok", "38", emoji, a drug name, "her2", "no" (both).
* ``choose(text, preference)`` -> ``(reply_language, new_preference)``: explicit requests
  ("¿hablas español?", "ESPAÑOL", "in english please") set the preference; a clear English or
  Spanish message is answered in its own language; an unclear one follows the preference
  (English when there is none); another language gives ``"other"`` (the core sends a short
  bilingual reply and never an English answer chosen from words it did not understand).

How ``detect`` decides, in order (docs/spanish.md has the measurements):

1. letters of a non-Latin script (Chinese, Arabic, Cyrillic, Korean…) -> ``"other"``;
2. words that carry no language are set aside (numbers, units, drug names, "ok", "her2"…);
3. a small lexicon of function words and everyday words counts Spanish, English and
   Portuguese/French/Italian markers (``¿``, ``¡`` and ``ñ`` count for Spanish);
4. for three words or more, the offline detector py3langid (its own model file, no
   download) restricted to a few Latin-script languages, combined with the lexicon.

Nothing is loaded at import; the py3langid model (~30 MB in memory) loads on the first
message that needs it and stays loaded.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

EN: Final = "en"
ES: Final = "es"
OTHER: Final = "other"
UNKNOWN: Final = "unknown"
SERVED: Final = (EN, ES)
DEFAULT: Final = EN

# py3langid is restricted to these (ISO 639-1). Non-Latin scripts never reach it (step 1).
# Catalan and Galician are here so they are not taken for Spanish; Portuguese, French and
# Italian are the usual near neighbours; the rest are Latin-script languages common among
# US patients (Tagalog, Vietnamese, Haitian Creole, Polish, German).
CANDIDATES: Final = ("en", "es", "pt", "fr", "it", "ca", "gl", "de", "tl", "vi", "ht", "pl", "nl")
MIN_PROB: Final = 0.60  # py3langid's normalised probability needed to trust it alone
SURE_PROB: Final = 0.90  # ... and to let it overrule a small lexical lead
MIN_WORDS_FOR_MODEL: Final = 3

# --- lexicons ------------------------------------------------------------------------------
# Lower case, accents kept; words shared by English and Spanish ("no", "me", "son", "a",
# "real", "mama", "cancer", "de") are in neither list.
_ES_WORDS: Final = frozenset(
    """
    que qué quien quién quienes cual cuál cuales cuáles como cómo donde dónde adonde adónde
    cuando cuándo cuanto cuánto cuanta cuántos cuantos cuántas porque porqué
    el la los las lo le les un una unos unas del al mi mis tu tus su sus mí
    es está esta estoy estás estas están este esto eso ese esa hay ser soy eres
    tengo tiene tienen tienes tenemos puedo puede pueden puedes podemos necesito necesita
    quiero quiere quieres sé sabe saben significa quiere decir dice hace hacen hacer
    y pero también tambien muy más mas menos ya aún todavía siempre nunca nada algo todo
    con sin por para sobre entre desde hasta según hacia contra después despues antes
    yo ella él ellos ellas usted ustedes nosotros nos se te
    hola gracias adiós adios buenos buenas días dias tardes noches favor porfa ayuda ayúdame
    sí vale claro bueno perdón disculpe oiga
    mamá papá mamá esposa esposo hija hijo hijos hermana hermano abuela tía suegra
    cáncer seno senos pecho quimio quimioterapia radioterapia tratamiento tratamientos
    efectos secundarios síntomas sintomas señales dolor duele duelen huesos hueso pulmón pulmones
    hígado higado cerebro piel metástasis etapa estadio médico medico doctora oncólogo oncologo
    miedo triste cansancio cansada cansado respirar falta aire fiebre vivir morir
    español castellano inglés ingles hablar hablas habla
    cura curar extiende extendió llegó significa enfermera apoyo grupo estudios
    borrar datos olvidar sencillo explícame explicame dime hábleme hableme
    """.split()
)
_EN_WORDS: Final = frozenset(
    """
    the what whats what's which who whom whose where when why how is are was were be been
    am i i'm im you you're your my mine we our they their them he she his her it its it's
    this that these those there here of to in on at for with from about into after before
    and or but if then than so too also very more most less not don't dont can't cant
    do does did doing have has had having can could would should will shall may might must
    get got getting go going know tell say said explain mean means meaning
    hello hi hey thanks thank thx bye goodbye please pls yes yeah yep nope sorry okay
    help mom mum dad wife husband daughter sister brother aunt grandma friend
    breast cancer spread spreads symptoms signs side effects treatment treated scan test
    pain bone bones lung lungs liver brain skin stage life live living cure curable
    chemo radiation therapy doctor nurse scared afraid tired breathe breath breathing
    english spanish speak talk please forget simply simpler
    """.split()
)
# Portuguese, French and Italian markers (not Spanish words).
_OTHER_WORDS: Final = (
    frozenset(
        """
    não você vocês é são minha meu meus minhas tem têm com um uma uns umas obrigado obrigada
    onde isso isto ele ela eles muito também ou mas mãe pai filha câncer cancro olá oi
    est le les je j'ai j ai mon ma mes ton ta où des du et qu qu'est ce c'est ça très pour avec
    une merci bonjour salut oui non cancer sein mère père quels quelles quel quelle effets
    il di che è sono della dello delle grazie ciao dove cosa perché non tumore seno madre
    ist ich und nicht der die das wie wo brustkrebs danke hallo
    """.split()
    )
    - _ES_WORDS
    - _EN_WORDS
)

# Words and tokens that carry no language of their own.
_NEUTRAL: Final = frozenset(
    """
    ok okk k kk mbc her er pr hr brca ct mri pet tac rm ned mg ml cc ng
    ibrance palbociclib kisqali ribociclib verzenio abemaciclib tamoxifen tamoxifeno nolvadex
    letrozole letrozol femara anastrozole anastrozol arimidex exemestane exemestano aromasin
    fulvestrant fulvestrant faslodex capecitabine capecitabina xeloda enhertu trodelvy herceptin
    trastuzumab pertuzumab perjeta tukysa tucatinib lapatinib tykerb kadcyla piqray alpelisib
    lynparza olaparib talzenna xgeva denosumab zometa zoledronic docetaxel paclitaxel taxol
    taxotere abraxane eribulin halaven orserdu elacestrant keytruda pembrolizumab
    lol jaja jajaja haha hahaha xd hmm mmm ah oh eh uh um
    """.split()
)
_SPANISH_CHARS: Final = frozenset("ñ¿¡")
_OTHER_CHARS: Final = frozenset("ãõçâêôàèùœëïîûì")  # Portuguese, French, Italian, Catalan

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


@dataclass(frozen=True)
class Detection:
    """What ``detect`` found, with the evidence (for tests and the docs' measurements)."""

    lang: str  # en | es | other | unknown
    strong: bool  # enough evidence to set the conversation's preference
    words: int  # words that carry language
    model: str | None = None  # py3langid's answer, if it was asked
    prob: float = 0.0


# --- the offline detector (lazy) -----------------------------------------------------------

_lock = threading.Lock()
_identifier: Any = None


def _model() -> Any:
    """py3langid restricted to CANDIDATES, loaded once, on first use."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                ident = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
                ident.set_languages(list(CANDIDATES))
                _identifier = ident
    return _identifier


def _classify(text: str) -> tuple[str, float]:
    lang, prob = _model().classify(text)
    return str(lang), float(prob)


# --- detection -----------------------------------------------------------------------------


def _is_latin(ch: str) -> bool:
    return "LATIN" in unicodedata.name(ch, "")


def _non_latin_letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha() and not _is_latin(ch))


def analyse(text: str) -> Detection:
    """``detect`` with its evidence."""
    text = unicodedata.normalize("NFC", text or "").strip()
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return Detection(UNKNOWN, False, 0)
    foreign = _non_latin_letters(text)
    if foreign >= 2 or foreign * 2 >= len(letters):
        return Detection(OTHER, True, foreign)
    lowered = text.lower()
    words = [w.replace("’", "'") for w in _WORD.findall(lowered)]
    words = [
        w for w in words if w not in _NEUTRAL and not any(ch.isdigit() for ch in w) and (len(w) > 1 or w in "yoeiaqéà")
    ]
    if not words:
        return Detection(UNKNOWN, False, 0)
    es = sum(w in _ES_WORDS for w in words) + 2 * sum(ch in _SPANISH_CHARS for ch in lowered)
    en = sum(w in _EN_WORDS for w in words)
    other = sum(w in _OTHER_WORDS for w in words) + sum(ch in _OTHER_CHARS for ch in lowered)
    es += sum(w == "q" for w in words)  # SMS Spanish: "q es"
    lexical = _lexical(es, en, other)

    if len(words) < MIN_WORDS_FOR_MODEL:
        # Too short for a statistical model: the lexicon decides, or nobody does.
        strong = lexical in SERVED and max(es, en) >= 2
        return Detection(lexical, strong, len(words))

    model, prob = _classify(" ".join(words))
    mapped = model if model in SERVED else OTHER
    if lexical == UNKNOWN:
        lang = mapped if prob >= MIN_PROB else UNKNOWN
    elif lexical == mapped:
        lang = lexical
    elif lexical in SERVED and mapped in SERVED:
        # English against Spanish: the clearer side wins, else unknown.
        lead = (es - en) if lexical == ES else (en - es)
        lang = lexical if lead >= 2 or prob < MIN_PROB else (mapped if prob >= SURE_PROB and lead < 1 else UNKNOWN)
    elif lexical in SERVED:  # the model says another language (often Portuguese/Catalan for Spanish)
        served = es if lexical == ES else en
        if prob >= SURE_PROB and other >= 1 and served - other <= 1:
            lang = OTHER  # "o que é quimioterapia": a Portuguese word and a sure model
        elif served > other:
            lang = lexical
        else:
            lang = OTHER if prob >= MIN_PROB and other > served else UNKNOWN
    else:  # the lexicon says another language
        lang = OTHER if (mapped == OTHER or prob < MIN_PROB) else UNKNOWN
    return Detection(lang, lang in SERVED or lang == OTHER, len(words), model, prob)


def _lexical(es: int, en: int, other: int) -> str:
    best = max(es, en, other)
    if best == 0:
        return UNKNOWN
    winners = [name for name, n in ((ES, es), (EN, en), (OTHER, other)) if n == best]
    return winners[0] if len(winners) == 1 else UNKNOWN


def detect(text: str) -> str:
    """``"en"``, ``"es"``, ``"other"`` or ``"unknown"`` (too short or ambiguous)."""
    return analyse(text).lang


# --- explicit switches ---------------------------------------------------------------------

_ES_NAMES: Final = frozenset({"espanol", "castellano", "spanish", "espaniol", "espanish"})
_EN_NAMES: Final = frozenset({"english", "ingles", "engles", "inglish"})
# Words that may surround a language name in a request to switch ("¿me puedes hablar en
# español, por favor?", "can we talk in english please"). Any other word means the message
# is about something else ("my mom only speaks spanish, where is a support group?").
_REQUEST: Final = frozenset(
    """
    en in a al el la por favor porfa porfavor please pls plz plis hablas habla hablan hablar
    hablame hableme puedes puede pueden podemos podria podrias me nos quiero queremos prefiero
    preferimos responde respondeme responder contesta contestame contestar escribe escribeme
    escribir cambia cambiar cambiemos idioma lenguaje si sí yes ok bueno solo mejor tu usted
    do you speak talk can we could i want prefer reply answer write change switch to language
    the chat only let's lets us hay alguien que hable hay there someone who anyone is
    y and or o no not
    """.split()
)


def _fold(text: str) -> str:
    """Lower case, accents and punctuation removed: "¿Hablas ESPAÑOL?" -> "hablas espanol"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("ñ", "n"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.findall(r"[a-z0-9']+", plain))


def requested(text: str) -> str | None:
    """The language a message asks for ("es" or "en"), or None if it is not such a request."""
    words = _fold(text).split()
    if not words or len(words) > 8:
        return None
    es = any(w in _ES_NAMES for w in words)
    en = any(w in _EN_NAMES for w in words)
    if es == en:  # neither, or both ("english or spanish?")
        return None
    if any(w not in _REQUEST and w not in _ES_NAMES and w not in _EN_NAMES for w in words):
        return None
    return ES if es else EN


def choose(text: str, preference: str | None) -> tuple[str, str | None]:
    """``(language to reply in, new preference)`` for one message.

    * an explicit request sets the preference: ``("es", "es")`` / ``("en", "en")``;
    * a clear Spanish or English message is answered in its language, and its language
      becomes the preference (a following "ok" or "38" stays in it);
    * a message whose language is unclear follows the preference (English if none);
    * a message in another language gives ``("other", preference)``.
    """
    pref = preference if preference in SERVED else None
    asked = requested(text)
    if asked:
        return asked, asked
    found = analyse(text)
    if found.lang == OTHER:
        return OTHER, pref
    if found.lang in SERVED:
        if found.strong or pref is None:
            return found.lang, found.lang
        return found.lang, pref  # "hola" / "thanks": answered in kind, preference kept
    return pref or DEFAULT, pref


# --- fixed replies -------------------------------------------------------------------------


def _is_spanish_variant(variant: Mapping[str, Any]) -> bool:
    return any(
        c.get("type") == "slot" and c.get("name") == "lang" and str(c.get("value")).casefold() == ES
        for c in variant.get("condition") or ()
    )


def response_text(responses: Mapping[str, Sequence[Mapping[str, Any]]], name: str, lang: str) -> str:
    """The text of domain response ``name`` in ``lang``, as Rasa would pick it with ``lang``
    set: the Spanish variant (``condition: [{type: slot, name: lang, value: es}]``) for
    ``"es"``, else the first variant without a condition ("" if there is none).

    For code that renders responses itself (actions/send.py): Rasa fills a response a custom
    action names from the slots *before* that action's own ``SlotSet`` events, so the reply to
    "¿hablas español?" would otherwise still come out in English.
    """
    variants = list(responses.get(name) or ())
    if lang == ES:
        for variant in variants:
            if _is_spanish_variant(variant):
                return str(variant.get("text") or "")
    for variant in variants:
        if not variant.get("condition"):
            return str(variant.get("text") or "")
    return ""
