"""The conversational boundaries of mbc/boundary.py and mbc/tone.py, for Spanish.

* a personal medical decision ("¿debo dejar el tamoxifeno?", "¿qué dosis?", "¿cuánto le
  queda a mi mamá?", "¿es cáncer lo que tengo?") -> the warm deferral, never a decision;
* another cancer with no word tying it to breast cancer -> out of scope;
* a message with nothing tying it to breast cancer or health -> out of scope;
* feelings ("tengo mucho miedo") -> the feelings answer and the support options.

Text is folded first (mbc.spanish.fold: lower case, no accents), so the rules are written
without accents and match "qué" and "que" alike.
"""

from __future__ import annotations

import re
from typing import Final

from mbc.spanish import fold

_WHO: Final = r"(?:yo|me|mi|mis|ella|el|ellas|le|la|lo|mama|mami|madre|papa|esposa|esposo|hermana|hija|tia|abuela|suegra|pareja|nosotros|nos)"
_ACTION: Final = (
    r"(?:dejar|dejarl[oa]s?|deje|dejo|suspender|suspenderl[oa]s?|suspendo|parar|pararl[oa]s?|paro|saltar|saltarme|saltarle|empezar|empiezo|"
    r"(?:cambiar|cambio|cambiarle|cambiarme) (?:de |el |la |mi |su )*(?:tratamiento|medicina|medicamento|quimio\w*|dosis|pastillas?|oncolog\w*|doctor\w*|terapia)|"
    r"tomar|tomo|tome|rechazar|rechazo|aplazar|posponer|retrasar|doblar|duplicar|partir|bajar|subir)"
)

PERSONAL_DECISION: Final = re.compile(
    "|".join(
        [
            rf"(?<!como )(?<!por que )\b(?:debo|deberia|debe|deberiamos|tengo que|tiene que|puedo|puede|podemos|conviene|es bueno|esta bien|es malo|seria bueno) (?:ya |mejor |de |que )?{_ACTION}\b",
            rf"\b(?:quiero|quisiera|estoy pensando en|pienso|estoy por|voy a|va a) {_ACTION} (?:el|la|los|las|mi|mis|su|sus|de tomar|con)\b",
            r"\b(?:que|cual|cuanta) (?:es la )?(?:dosis|dosificacion)\b|\bcuantos? (?:mg|miligramos|pastillas|tabletas)\b",
            r"\b\d+ ?(?:mg|miligramos?|mcg)\b",
            r"\b(?:subir|bajar|doblar|duplicar|aumentar|reducir) (?:la|mi|su) dosis\b",
            rf"\b(?:cual|que) (?:tratamiento|opcion|medicamento|medicina|quimio|terapia) (?:es|seria|sera) (?:el |la )?(?:mejor|mas conveniente) (?:para )?{_WHO}?",
            r"\b(?:mejor|lo mejor|lo mas conveniente) para (?:mi|ella|el|nosotros|mi \w+)\b",
            r"\bque (?:me|le|nos) recomienda[ns]?\b|\bque haria usted\b|\b(?:cual|que) (?:escogerias|escogeria|elegirias|elegiria|harias|haria) (?:tu|usted)\b",
            r"\b(?:cuanto|cuantos|que) (?:tiempo |meses |anos |años |semanas )?(?:de vida )?(?:le|me|nos|les) (?:queda|quedan)\b",
            r"\b(?:esta bien|es malo|es seguro|hace dano|le hace algo|le hacen algo|afecta[n]?) (?:\w+ ){0,3}(?:con|al|a la|el|la) (?:\w+ )?(?:quimio\w*|tratamiento|tamoxifeno|letrozol|anastrozol|ibrance|kisqali|herceptin|medicina|pastillas?)\b",
            r"\b(?:con|y) (?:el|la|mi|su) (?:tamoxifeno|letrozol|anastrozol|ibrance|kisqali|herceptin|quimio|tratamiento|pastilla) (?:esta bien|es malo|es seguro)\b",
            r"\b(?:le hace[n]? algo|interfiere[n]?|afecta[n]?) (?:a|al|a la|con el|con la) (?:tamoxifeno|letrozol|anastrozol|ibrance|kisqali|herceptin|quimio\w*|tratamiento)\b",
            r"\b(?:me|le|nos) (?:puedo|puede|podemos) (?:vacunar|operar|embarazar|tatuar|tenir)\b.*\b(?:quimio\w*|tratamiento|tamoxifeno|letrozol|ibrance|radio\w*)\b",
            r"\b(?:me|le) (?:tomo|toma|doy|damos) (?:el )?doble\b|\btomar (?:el )?doble\b",
            r"\bvale la pena (?:que |q )?(?:le|me|nos) (?:den|de|pongan|hagan|sigan|operen|quiten|saquen)\b",
            r"\b(?:es|sera) cancer\s*\??\s*$|\bsera (?:que|q) (?:el cancer )?(?:ya )?(?:se me|se le|me|le|se)? ?(?:rego|paso|extendio|regreso|volvio|fue|llego)\b",
            # a symptom, then "¿es que ya llegó al pulmón?" / "¿ya regresó?": is MY cancer there
            r"\bes (?:que|q) (?:el cancer )?ya (?:se me |se le |me |le |se )?(?:llego|paso|rego|fue|extendio|regreso|volvio)\b",
            r"\bya (?:me |le |se me |se le )?(?:regreso|volvio|avanzo)\s*\?",
            r"\bquiere decir que (?:ya )?(?:esta|se esta|ya esta)? ?(?:creciendo|avanzando|extendiendo|regando|avanzo|crecio|se extendio|volvio|regreso)\b",
            r"\bes lo correcto\b|\bhago bien en\b|\b(?:estoy|estamos|esta) haciendo (?:lo )?(?:bien|correcto)\b",
            r"\b(?:lo|la|los|las) (?:dejo|deja|dejamos|suspendo|paro) de tomar\b",
            r"\b(?:me|le) (?:tomo|toma|doy) (?:las )?(?:dos|2|otra)\b",
            r"\bprefiero (?:seguir|quedarme|no (?:hacer|tomar|seguir)|dejar|cambiar)\b",
            r"\b(?:para|en) (?:mi|su) caso\b",
            r"\b(?:es|sera) (?:malo|grave|bueno|normal) para (?:mi|ella|el|mi \w+)\b",
            r"\b(?:me|le|nos) (?:recomiendas|recomienda|aconsejas|aconseja|sugieres|sugiere) (?:que|q)\b",
            r"\b(?:que|q) (?:harias|haria|hacias|hicieras|hiciera) (?:vos |tu |usted )?(?:en mi lugar|si fueras yo|si fuera usted|vos|tu|usted)\b",
            r"\ben mi lugar\b|\bsi (?:fueras|fuera) (?:yo|tu|usted)\b",
            r"\b(?:puedo|puede) (?:tomarme|tomarle|usar|usarme) (?:el |la |los |las )?\w+ de (?:mi|su) (?:hermana|mama|madre|amiga|vecina|tia|prima|esposo|esposa)\b",
            r"\b(?:es seguro|esta bien|es peligroso) (?:que|q) (?:me|le|nos) (?:ponga[ns]?|vacune[ns]?|hagan?|operen|den)\b",
            r"\b(?:curcuma|cbd|marihuana|cannabis|jengibre|suplementos?|vitaminas?|te verde|hierbas?|alcohol|vino|cerveza|toronja) (?:\w+ ){0,2}(?:con|durante|mientras) (?:el |la |mi |su )?(?:quimio\w*|tratamiento|tamoxifeno|letrozol|anastrozol|ibrance|kisqali|herceptin|pastillas?|radio\w*)\b",
            r"\bo sigo con\b|\bme meto al\b|\bme cambio a\b",
            r"\bmejor (?:lo |la |los |las )?(?:dejo|deja|dejamos|suspendo|paro) (?:de tomar)?\b",
            r"\bcuanto (?:tiempo )?(?:va a|voy a|vamos a|puede|puedo) (?:vivir|durar|aguantar)\b",
            r"\b(?:se va a|me voy a|va a|voy a) (?:morir|curar|salvar)\b",
            r"\b(?:sus|mis) (?:probabilidades|posibilidades|chances)\b|\b(?:pronostico|esperanza de vida) (?:de|para) (?:mi|ella|el|mi \w+)\b",
            r"\b(?:le|me) (?:dieron|dio|dijeron) (?:\w+ ){0,2}(?:\d+|unos|pocos|seis|tres|dos|doce) (?:meses|semanas|anos|años)\b",
            r"\b(?:es|sera|será) (?:cancer|el cancer|metastasis|una metastasis) (?:lo que|esto|eso)\b",
            r"\b(?:esto|eso|este dolor|esta tos|este bulto|mi dolor|su dolor) (?:\w+ ){0,3}(?:es|sera|será|significa) (?:que )?(?:cancer|el cancer|metastasis|que volvio|que avanzo|que se extendio)\b",
            r"\b(?:tengo|tiene) (?:\w+ ){0,2}metastasis\s*\?",
            r"\b(?:mis|sus) (?:resultados|estudios|analisis|marcadores) (?:\w+ ){0,4}(?:significa|quieren decir|estan mal|son malos)\b",
            r"\bpuedo (?:tomar|comer|beber|usar) (?:\w+ ){0,4}(?:con|mientras|durante) (?:el|la|mi|su) (?:\w+)\b",
            r"\ben vez de (?:la|el|mi|su) (?:quimio|tratamiento|medicamento|pastillas)\b",
            r"\b(?:me|le) (?:bajo|subo|reduzco|aumento|cambio|bajamos|subimos) (?:la|mi|su) dosis\b|\bpor (?:mi|su) cuenta\b",
            r"\b(?:que|q|cual) (?:me|le|nos) conviene\b|\b(?:me paso|pasarme|me cambio|cambiarme) a (?:la )?(?:quimio\w*|hormonal|inmuno\w*|otro)\b",
            r"\b(?:quiere decir|significa) (?:que |q )?(?:el tratamiento |la quimio\w* |la hormonal |\w+ )?ya no (?:me|le|nos) (?:funciona|sirve|esta funcionando|esta sirviendo|hace efecto)\b",
            r"\b(?:la|lo|me la|me lo|se la|se lo) (?:salto|saltamos|salteo|cancelo|pospongo|dejo|dejamos|suspendo|paro|quito)(?: y ya)?\s*\?",
            r"\bno (?:quiero|quiere|queremos) ir a (?:la|mi|su) (?:quimio\w*|sesion|radio\w*|cita)\b",
            r"\bdeberia (?:aceptar|entrar|firmar|decir que si|decir que no)\b|\bme quedo con lo (?:que|q)\b",
            r"\bvale la pena (?:que |q )?(?:siga|sigamos|sigan|continue|continuemos|entre|entremos)\b|\bla dejamos tranquila\b|\blo dejamos tranquilo\b",
            r"\bcuant[oa]s? (?:anos|años|meses|semanas|tiempo) (?:mas )?(?:voy a|va a|vamos a|me quedan?|le quedan?|nos quedan?) ?(?:vivir|durar|estar)?\b",
            r"\b(?:para|pa|en) (?:mi|su) caso\b",
            r"\b(?:me meto|le entro|entro|acepto|lo hago|la hago|me lo hago|me la hago|firmo) o no\b",
        ]
    )
)
GENERAL_FRAMING: Final = re.compile(
    r"\b(?:en general|normalmente|por lo general|la mayoria|las personas con|los pacientes|las mujeres con)\b"
)
_PERSONAL: Final = re.compile(r"\b(?:yo|mi|mis|me|mama|esposa|hermana)\b")

OTHER_PRIMARY: Final = re.compile(
    r"\bcancer (?:de|del|en el|en la) (?:prostata|colon|recto|cuello uterino|cervix|cervical|utero|ovario|ovarios|"
    r"pancreas|tiroides|vejiga|rinon|estomago|garganta|boca|testiculo|testiculos|esofago|endometrio)\b"
    r"|\bcancer (?:cervicouterino|colorrectal|pancreatico|de pulmon primario)\b"
    r"|\b(?:leucemia|linfoma|melanoma|mieloma|sarcoma|glioblastoma|mesotelioma)\b"
)
BREAST_SPECIFIC: Final = re.compile(
    r"\b(?:mama|mamas|seno|senos|pecho|mamario|mamaria|her2|tamoxifeno|tamoxifen|"
    r"letrozol|anastrozol|herceptin|trastuzumab|ibrance|kisqali|mastectomia|mamografia)\b"
)
# "cáncer de pulmón" alone is another disease; with a word about breast cancer or its spread
# ("se le pasó al pulmón, ¿ahora es cáncer de pulmón?") it is about MBC.
OTHER_CANCER: Final = re.compile(
    r"\bcancer (?:de|del|en el|en la|en los) (?:pulmon|pulmones|higado|hueso|huesos|cerebro|piel|sangre|garganta)\b"
)
BREAST_CONTEXT: Final = re.compile(
    r"\b(?:mama|mamas|seno|senos|pecho|mbc|her2|metastasi\w*|se (?:le )?(?:extendio|rego|paso|propago|disemino)|"
    r"etapa (?:4|iv|cuatro)|estadio (?:4|iv|cuatro)|tamoxifeno|letrozol|anastrozol|herceptin|trastuzumab|ibrance|kisqali)\b"
)
ANCHOR: Final = re.compile(
    r"\b(?:cancer|mama|seno|senos|pecho|tumor\w*|oncolog\w*|metastasi\w*|quimio\w*|radio\w*|biopsia|tomografia|"
    r"estudio\w*|etapa|estadio|diagnostic\w*|tratamiento\w*|medic\w*|doctor\w*|sintoma\w*|dolor\w*|duele\w*|"
    r"enferm\w*|salud|hospital|pastilla\w*|ayuda|apoyo|grupo\w*|cura|vivir|vida|morir|miedo|triste|cansad\w*|"
    r"hueso\w*|pulmon\w*|higado|cerebro|piel|ganglio\w*|sangre|efecto\w*|lbbc|mbc)\b"
)
MIN_WORDS_FOR_SCOPE_CHECK: Final = 4

FEELINGS: Final = re.compile(
    r"\b(?:tengo (?:mucho )?miedo|me da miedo|estoy (?:muy )?(?:asustad[ao]|triste|deprimid[ao]|angustiad[ao]|"
    r"desesperad[ao]|sol[ao]|agotad[ao]|perdid[ao]|enojad[ao]|destrozad[ao]|abrumad[ao])|me siento (?:sol[ao]|mal|"
    r"triste|perdid[ao]|culpable|abrumad[ao])|no puedo mas|no se que hacer|no se como (?:seguir|ayudar|decirle)|"
    r"ansiedad|angustia|lloro|llorando|por que a mi|me duele el alma|estoy en shock)\b|💔|😢|😭|😞|😔"
)


# "¿cómo puedo bajar mi riesgo?" and "¿qué hago para que no me regrese?" are general
# risk-reduction questions; "¿puedo tomar un descanso del tratamiento?" asks about breaks.
RISK_QUESTION: Final = re.compile(
    r"\b(?:bajar|reducir|disminuir) (?:mi|su|el|nuestro) riesgo\b|\bque (?:no )?(?:me|le) (?:regrese|vuelva|de otra vez)\b|"
    r"\bevitar que (?:se|me|le) (?:extienda|riegue|regrese|vuelva)\b|\btomar un descanso\b"
)


def is_personal_decision(text: str) -> bool:
    norm = fold(text or "")
    if RISK_QUESTION.search(norm):
        return False
    if not norm.strip() or not PERSONAL_DECISION.search(norm):
        return False
    return not (GENERAL_FRAMING.search(norm) and not _PERSONAL.search(norm))


def is_other_cancer(text: str) -> bool:
    norm = fold(text or "")
    if OTHER_PRIMARY.search(norm) and not BREAST_SPECIFIC.search(norm):
        return True
    return bool(OTHER_CANCER.search(norm)) and not BREAST_CONTEXT.search(norm)


def lacks_anchor(text: str, has_entities: bool) -> bool:
    norm = fold(text or "")
    if has_entities or len(norm.split()) < MIN_WORDS_FOR_SCOPE_CHECK:
        return False
    return not ANCHOR.search(norm)


def expresses_feelings(text: str) -> bool:
    return bool(FEELINGS.search(fold(text or "")))
