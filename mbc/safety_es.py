"""Red-flag detector for Spanish messages (issue 12): the same kinds and levels as
the English layer in ``mbc/safety.py``, read from Spanish.

It looks for urgent *situations*, not urgent *words*: "mi mamá no puede respirar"
is an emergency; "¿las metástasis en el pulmón causan falta de aire?" is a general
question, "tuve una convulsión hace dos años" a past event and "no tiene fiebre"
a negation, and none of those fire. Thoughts of suicide or self-harm, passive
wishes included ("quisiera dormirme y no despertar", "estarían mejor sin mí"),
count whatever the framing. Some situations need two signals together: back pain
+ weak or numb legs; fever or a temperature >= 38 °C / 100.4 °F + chemotherapy;
confusion + great thirst or vomiting; a bad headache + confusion, vomiting or a
change in vision.

Matching is done on a normalised text: lower case, accents and tildes removed
(``está`` -> ``esta``, ``mamá`` -> ``mama``, ``señal`` -> ``senal``), curly quotes
straightened and letters repeated three times or more shortened, so typos such
as "no puede respira", "convulcion", "kimio" or "mi mama esta" read the same.

Crisis line for the reply (checked in a public source, 988 Lifeline, not guessed).
https://988lifeline.org/get-help/what-to-expect (stored copy, read for issue 12):
  "First, you'll hear a message that gives you service selection options including
  Veterans (Press 1), Spanish-language (Press 2), or your local 988 Lifeline
  contact center."
  "When you send a text to 988, you will be given options to connect with a live
  counselor from the main 988 Lifeline or our Spanish-language (text AYUDA) ..."
  Banner on the same page: "¡Los servicios de texto y chat de 988 Lifeline ya están
  disponibles en Español!"
So in Spanish: call 988 and press 2, or text AYUDA to 988 (chat also in Spanish).
This module only detects; the Spanish wording of the reply lives with the replies.
"""

from __future__ import annotations

import re
import unicodedata

from mbc.safety import LEVELS, RedFlag, _rx

__all__ = ["LEVELS", "RedFlag", "detect_all_es", "detect_es", "normalize_es"]

# Words people use for "can't" / "it's hard to" in front of a verb.
CANT = (
    r"(?:(?:casi |ya |todavia |aun )?no ?(?:puede|puedo|podia|pude|pudo|pueda|logra|logro|consigue|consigo|"
    r"esta pudiendo|estoy pudiendo|alcanza a|alcanzo a)|(?:le|me|nos) (?:esta |estaba )?(?:cuesta|costando|costaba)"
    r"(?: mucho| muchisimo| trabajo| bastante)?|"
    r"(?:mucha |gran )?dificultad (?:para|al)|problemas? (?:para|al)|trabajo para|lucha (?:por|para)|lucho (?:por|para)|"
    r"sin poder|batalla (?:por|para))"
)
# respirar / respira / respirando / respiracion and common typos.
BREATH = r"re?s?p[iy]r\w*|respiar\w*|respr\w*|repsir\w*|resirar\w*"
DESIRE = (
    r"(?:quiero|quiere|quisiera|queria|me gustaria|le gustaria|deseo|desea|desearia|prefiero|preferiria|"
    r"tengo ganas de|tiene ganas de|me dan ganas de|le dan ganas de|ojala pudiera|solo pienso en|solo quiero|nada mas quiero)"
)
DEATH = (
    r"morir(?:me|se)\b(?! (?:en|sin|con|tranquil|rodead|cerca|junto|acompanad|cuando|de viej))|estar muert[ao]|"
    r"dejar de vivir|dejar de existir|no existir|desaparecer(?: para siempre| del mundo)?\s*$|no despertar|"
    r"ya no estar(?: aqui| en este mundo| viva| vivo)?\s*$|"
    r"no estar viv[ao]|irme de este mundo|descansar para siempre|dormir para siempre|dormirme para siempre|"
    r"que (?:todo )?se acabe(?: todo)?\s*$"
)
INTENT = (
    r"(?:quiero|quiere|quisiera|queria|pienso(?: en)?|piensa(?: en)?|pensando en|pense en|penso en|ganas de|voy a|va a|"
    r"intente|intento|trate de|he pensado en|deseos? de|necesito|pensamientos? de|ideas? de|la idea de)"
)
KIN = (
    r"mama|mami|mamita|madre|papa|papi|papito|padre|esposa|esposo|marido|mujer|senora|hermana|hermano|hija|hijo|"
    r"abuela|abuelita|abuelo|tia|tio|suegra|suegro|prima|primo|amiga|amigo|novia|novio|pareja|vecina|sobrina|"
    r"comadre|cunada|nuera"
)
# Noun forms used in general questions ("¿el oxígeno ayuda con la falta de aire?"): they count
# only in a clause about someone (personal words) or about now.
NOUN_FORM = re.compile(r"^(?:falta de|(?:mucha |gran )?dificultad|problemas?|trabajo) ")
# Breathless only on effort ("al subir escaleras"): tell the care team, not an emergency.
EXERTION = re.compile(
    r"\b(?:al|cuando|si) (?:sube|subo|subir|camina|camino|caminar|hace ejercicio|hago ejercicio|hacer ejercicio|hacer esfuerzo|se esfuerza|me esfuerzo)\b|con el esfuerzo"
)
CHEST_EXCLUDE = re.compile(
    r"mastectom|cicatriz|\boper[ao]\w*|bulto|implante|protesis|expansor|herida|pezon|cirugia|reconstruc"
)

SIGNALS: dict[str, re.Pattern[str]] = {
    "suicide": _rx(
        r"suicid\w*",
        r"\bmatar(?:me|se)\b",
        r"(?:me|se) (?:quiero|quiere|quisiera|voy a|va a|queria|iba a) matar\b",
        r"quitar(?:me|se) la vida",
        r"(?:me|se) (?:quiero|quiere|quisiera|queria|voy a|va a|iba a|pienso|piensa) quitar la vida",
        r"(?:acabar|terminar|poner fin|ponerle fin|terminar de una vez) (?:con )?(?:a )?(?:mi|su) (?:propia )?vida",
        r"(?:acabar|terminar) con todo(?: esto)?(?: de una vez)?\b(?! (?:el|la|los|las|lo|este|esta|eso|mi|su)\b)",
        r"(?:acabar|terminar) con (?:este|mi|su) sufrimiento",
        r"(?:me|se) (?:quiero|quiere|quisiera|queria) morir(?! (?:en|sin|con|tranquil|rodead|cerca|junto|acompanad|cuando|de viej))",
        r"(?:quiero|quiere|quisiera) morir(?:me|se)?(?! (?:en|sin|con|tranquil|rodead|cerca|junto|acompanad|cuando|de viej))\b",
        r"(?:ojala|desearia|deseo|prefiero|preferiria|mejor) (?:me )?(?:muriera|morirme|me muero|estar muert[ao]|estuviera muert[ao]|no haber nacido|no existir|desaparecer)",
        r"(?:quiero|quiere|quisiera) (?:estar muert[ao]|desaparecer|dejar de existir|irme ya)",
        r"(?:estaria|estaria yo|estariamos|estaria ella|estaria el) (?:mejor )?muert[ao]s?",
        r"mejor (?:estar|estaria) muert[ao]",
        rf"{INTENT} (?:matarme|suicidarme|quitarme la vida|morirme|no vivir|no seguir viviendo)",
        rf"{DESIRE} (?:{DEATH})",
        r"(?:ya )?no (?:quiero|quiere|quisiera|deseo|desea) (?:seguir )?(?:estar viv[ao]|seguir aqui|seguir en este mundo)",
        r"(?:ya )?no (?:quiero|quiere|quisiera) (?:estar|seguir) (?:aqui|aca)\b",
        r"(?:regalando|regalo|regalar) (?:todas |todos )?(?:sus|mis) (?:cosas|joyas|pertenencias)\b",
        r"(?:para|hasta) que (?:todo )?(?:termine|se acabe|acabe) de una vez",
        r"no me importaria (?:no despertar|morir(?:me)?|no estar)\b",
        r"lo tengo (?:todo )?(?:pensado|planeado|decidido) para (?:este|el) (?:finde|fin de semana|viernes|sabado|domingo|lunes)",
        r"cartas? (?:\w+ ){0,5}para cuando (?:ya )?no (?:este|estemos)\b",
        r"(?:lo unico que quiero|solo quiero|nada mas quiero) (?:es )?desaparecer",
        r"(?:ya )?no (?:quiero|quiere|quisiera|tengo ganas de|tiene ganas de|deseo|desea) (?:seguir )?(?:vivir\w*|viviendo)",
        rf"{DESIRE} morir\b(?! (?:en|sin|con|tranquil|rodead|cerca|junto|acompanad|cuando|de viej))",
        r"(?:me|se) (?:he estado|ha estado|estoy|esta|estaba|he|ha) (?:estado )?haciendo dano(?! (?:con|al|a la|en))",
        r"no (?:quiero|quiere) (?:despertar|volver a despertar|existir)\b",
        r"no (?:quiero|quiere) estar aqui(?: ya| mas)?\s*$",
        r"(?:quisiera|quiero|desearia|ojala|preferiria|prefiero|mejor) (?:ya )?no (?:estar|seguir) (?:aqui|viv[ao]|en este mundo)",
        r"(?:ojala|quisiera|desearia|deseo|quiero) (?:ya )?no (?:me |se )?(?:volver a )?(?:despierte|despertara|despertase)\b",
        r"mejor (?:me|se) (?:mato|mata|mataba|matara|muero|muere|moria|muera|muriera)\b",
        r"mejor si (?:yo )?(?:ya )?no (?:estuviera|existiera|estoy|existo|hubiera nacido)",
        r"(?:estarian|estariamos|estaria|vivirian) mejor (?:todos )?si (?:yo )?(?:ya )?no",
        r"(?:dormir(?:me|se)?|acostarme|quedarme dormid[ao]) y (?:ya )?no (?:volver a )?despertar",
        r"(?:durmiera|durmiese|me duermo|me dormia|me durmiera)(?: \w+){0,3} y (?:ya )?no (?:me |se )?(?:volver\w* a )?(?:despert\w*|levant\w*)",
        r"(?:para|pa) (?:que|q|k) (?:sigo|sigue|seguimos)(?:(?: viviendo| aqui| en este mundo)\b|(?=\s*(?:[.,?]|$)))",
        r"(?:quisiera|quiero|ojala|desearia|deseo|preferiria|prefiero) no (?:volver a )?despertar",
        r"no despertar (?:nunca|mas|jamas)",
        r"(?:estarian|estarias|estaria|estariamos|estan|estarán|vivirian) mejor sin (?:mi|ella|el)\b",
        r"mejor (?:estarian|estarias|estaria|estariamos|viviran|vivirian) sin (?:mi|ella|el)\b",
        r"soy (?:solo |nada mas )?una carga (?:para|pa) (?:todos|todo el mundo|mi familia|ellos|mis hijos|mi esposo|mi marido)",
        r"(?:la )?vida (?:ya )?no (?:vale|merece) la pena",
        r"no (?:vale|merece) la pena (?:vivir|seguir viviendo|seguir)(?! (?:con|el|la|los|las|tomando|haciendo|recibiendo|en))",
        r"no (?:quiero|quiere|puedo|puede) seguir(?: viviendo| asi| adelante| aqui| en este mundo)?\s*$",
        r"ya no (?:puedo|aguanto|soporto) mas\s*$",
        r"no (?:aguanto|soporto) (?:mas )?(?:vivir|esta vida|seguir viviendo)",
        r"(?:para que|de que sirve|que sentido tiene) (?:seguir|vivir|seguir viviendo|luchar)(?! (?:con|el|la|los|las|tomando|haciendo|recibiendo))",
        r"no (?:le )?(?:veo|ve|encuentro|encuentra) (?:el )?sentido (?:a|de) (?:nada|la vida|vivir|seguir)",
        r"(?:la|mi|su) vida (?:ya )?no tiene (?:ningun )?sentido",
        r"\bnada (?:ya )?no tiene sentido",
        r"no tiene sentido (?:vivir|seguir viviendo|seguir)\s*$",
        r"sin ganas de vivir",
        r"(?:me|se) (?:quiero|quiere|quisiera|voy a|va a) (?:ir|marchar) de este mundo",
        r"(?:seria|fuera|es) mejor (?:no estar|no existir|morir(?:me|se)?\b|estar muert[ao]|no haber nacido|desaparecer)",
        r"(?:me|se) (?:quiero|quiere|quisiera|va a|voy a) dejar morir",
        r"dejar(?:me|se) morir(?! en paz| tranquil)",
        r"(?:me|se) (?:esta|estoy|estaba) cortando(?! (?:el|la|las|los) (?:pelo|cabello|unas|fleco|flequillo))",
        r"volv\w* a cortar(?:me|se)(?! (?:el|la|las|los) (?:pelo|cabello|unas|fleco|flequillo))",
        r"(?:me|se) volv\w* a cortar\b(?! (?:el|la|las|los|un|una) )",
        r"(?:para que|de que sirve|que sentido tiene) seguir con todo (?:esto|esta)",
        r"ya nada tiene sentido",
        r"(?:cansad[ao]|cans[eo]|harta|harto|hart[eo]|aburrid[ao]) de (?:vivir|estar viva|estar vivo|la vida|seguir viviendo)",
        r"(?:quiero|quiere) que (?:todo )?(?:esto )?(?:se acabe|termine|acabe)(?: ya| de una vez| para siempre)?\s*$",
        r"(?:quiero|quiere|quisiera|ojala) que (?:ya )?(?:se acabe|termine|acabe) (?:todo|esto)(?: ya| de una vez| para siempre)?\s*$",
        rf"{INTENT} (?:hacer(?:me|se) dano|lastimar(?:me|se)|herir(?:me|se)|cortar(?:me|se))",
        r"(?:me|se) (?:quiero|quiere|quisiera|voy a|va a) (?:hacer dano|lastimar|herir|cortar)\b",
        r"(?:hacer(?:me|se)|me hago|me hice|me he hecho|se hace|se hizo) dano (?:a (?:mi|si) mism[ao]|a proposito|adrede)",
        r"(?:lastimar(?:me|se)|me lastimo|me lastime|se lastima) (?:a (?:mi|si) mism[ao]|a proposito|adrede)",
        r"autolesi\w*",
        r"cortar(?:me|se)(?! (?:el pelo|el cabello|las unas|el fleco|el flequillo|la melena))\b",
        r"(?:me|se) (?:corto|corte|esta cortando|estoy cortando) (?:los brazos|las venas|las munecas|la piel)",
        r"tomar(?:me|se) (?:todas? (?:las|mis|sus) |un punado de |muchas )(?:\w+ ){0,3}(?:de una vez|juntas|de golpe|a la vez|para (?:no despertar|morir|acabar))",
        r"tomar(?:me|se) (?:el frasco|la caja|el bote) (?:entero|entera|completo|completa)",
        rf"{INTENT} tomar(?:me|se) (?:todas? (?:las|mis|sus)|un punado|el frasco|la caja|el bote)",
        r"sobredosis",
        r"(?:juntando|acumulando|escondiendo|ahorrando) (?:\w+ )?(?:pastillas|pildoras|morfina|medicinas)",
        r"guard\w* (?:\w+ )?(?:pastillas|pildoras|morfina) para (?:cuando|el dia|tomarmelas|tomarlas todas|acabar|morir)",
        r"(?:pastillas|pildoras|morfina|medicinas|tabletas) (?:\w+ )?(?:juntadas|escondidas|ahorradas|acumuladas|apartadas)\b",
        r"(?:pastillas|pildoras|morfina|medicinas|tabletas) (?:\w+ )?guardadas (?:para|pa) (?:cuando|el final|el dia|mi|acabar|morir|tomarmelas)",
        r"guardando (?:\w+ ){0,2}(?:pastillas|pildoras|morfina|tabletas) (?:para|pa) (?:el final|cuando|el dia|mi|acabar|morir)",
        r"(?:quiero|quiere|quisiera|ojala) que (?:todo|esto|ya todo) (?:se acabe|termine|acabe|se termine)\b(?! (?:el|la|los|las|pronto|rapido|bien|para (?:poder|ir|volver)))",
        r"(?:ya )?(?:pense|penso|he pensado|ha pensado|estoy pensando|esta pensando|pienso|piensa|planee|planeo|estoy planeando|tengo pensado) (?:en )?(?:como|cuando|de que manera) (?:hacerlo|matarme|acabar|terminar|morirme|irme)\b",
        r"(?:hoy|esta noche) es la noche\b",
        r"ya no (?:voy a|vaya a|voy) (?:a )?estar (?:pa|para) (?:el|la|los|las) (?:siguiente|proxim)\w*",
        r"\bya lo decidi\b",
        r"(?:esta noche|hoy|manana) (?:termino|acabo|me voy|lo hago)\b",
        r"(?:ya )?me despedi de (?:mis hijos|todos|mi familia|mis nietos)",
        r"deje todo (?:arreglado|listo|en orden)",
        r"(?:pido|le pido|ruego|le ruego|rezo) (?:a )?(?:dios|diosito|la virgen|diosito lindo)? ?(?:\w+ ){0,4}(?:que|q) (?:me|la|lo) (?:lleve|recoja)",
        r"se va conmigo\b|me voy con (?:ella|el) cuando",
        r"buscando cuantas (?:\w+ ){0,2}(?:pastillas|pildoras|tabletas)",
        r"mejor (?:para (?:\w+ ){1,3})?si (?:yo )?(?:ya )?no (?:estuviera|existiera)",
        r"(?:guardando|juntando|ahorrando|he ido guardando) (?:\w+ ){0,4}(?:pastillas|morfina|pildoras)\b.*\b(?:por si acaso|bastantes|suficientes)",
        r"no (?:le )?(?:veo|ve|encuentro) (?:el )?sentido a (?:despertar\w*|levantar\w*|seguir|vivir)",
        r"(?:para|pa) (?:que|q|k) seguir\s*(?:[,.?]|$)",
        r"(?:tirar|aventar|lanzar|arrojar)(?:me|se) (?:de|desde|por) (?:un|una|el|la) (?:puente|edificio|ventana|balcon|techo|azotea)",
        r"(?:me|se) (?:quiero|quiere|voy a|va a|quisiera|queria) (?:tirar|aventar|lanzar|arrojar) (?:de|desde|por|al|a la|a las)\b",
        r"(?:tirar|aventar|lanzar)(?:me|se) (?:al|a las vias del|debajo de un) (?:tren|metro|vacio|rio|mar|carro|camion)",
        r"(?:ahorcar(?:me|se)|colgar(?:me|se)|pegar(?:me|se) un tiro|disparar(?:me|se)|envenenar(?:me|se))",
        r"(?:como|formas de|maneras de) (?:matarme|suicidarme|quitarme la vida)",
    ),
    "breathing": _rx(
        rf"{CANT}\s+(?:\w+\s+){{0,2}}(?:{BREATH})",
        rf"{CANT} (?:jalar|agarrar|tomar|meter|coger|recuperar) (?:el |nada de |bien el )?(?:aire|aliento)",
        r"(?:no|ya no|casi no) (?:esta )?(?:respira|respirando)\b",
        r"(?:dejo|deja|dejando) de respirar",
        r"(?:le|me|nos|te) (?:esta )?falta(?:ndo)? (?:el )?(?:aire|aliento|la respiracion)",
        r"falta de (?:aire|aliento)",
        r"(?:se|me) (?:queda|quedo|quedando|esta quedando|estoy quedando) sin (?:aire|aliento)",
        r"(?:estoy|esta|estamos|me quede|se quedo) sin (?:aire|aliento|respiracion)",
        r"no (?:le|me) (?:entra|llega|pasa) (?:el )?aire",
        r"(?:se|me) (?:le |me )?(?:esta |estoy )?ahog\w*",
        r"\bahogand\w*",
        r"(?:sensacion de |siento )ahogo",
        r"asfixi\w*",
        r"(?:labios?|boca|cara|trompa) (?:\w+ ){0,3}(?:morad\w*|azul\w*|amoratad\w*|gris\w*|moradit\w*)",
        r"(?:morad\w*|azul\w*|amoratad\w*) (?:\w+ ){0,2}(?:los )?labios",
        r"se (?:esta )?(?:poniendo|puso|pone) (?:toda |todo |muy )?(?:azul|morad[ao]|moradit[ao]|gris)(?=\s*$|\s+y\b)",
        r"(?:dolor|dolores) (?:muy )?(?:fuerte |intenso |agudo |horrible )?(?:en el|de|del) pecho",
        r"(?:me|le) (?:duele|duela|dolia|esta doliendo) (?:mucho |muchisimo )?el pecho",
        r"(?:opresion|presion|aprieta|apretado|apreton) (?:\w+ )?(?:en el |el |del )?pecho",
        r"pecho (?:apretado|oprimido)",
        r"dolor (?:toracico|en el torax)",
        r"(?:tose|toso|tosiendo|tosio|tosi|toser|tos con|escupe|escupiendo|escupio|vomita|vomitando|vomito|arroja) (?:\w+ )?sangre",
        r"(?:flemas?|esputo|gargajo) con sangre",
        r"sangre al toser",
        r"\bjade\w*",
        r"respir\w* (?:muy )?(?:rapido|agitad\w*|con (?:mucha |gran )?dificultad|mal|raro|feo|con ruido|entrecortad\w*|como pescado|a bocanadas)",
        r"respiracion (?:muy )?(?:rapida|agitada|dificil|entrecortada|rara|ruidosa)",
        r"(?:le|me) silba el pecho",
        r"boquea\w*",
    ),
    "seizure": _rx(
        r"\bco[nm][bv]u[lr][sc]\w*",
        r"\bepilep\w*",
        r"(?:le|me) (?:dio|da|dieron|esta dando|vino|volvio a dar) (?:un |otro )?ataque(?! (?:de (?:panico|ansiedad|tos|nervios|risa|hambre|celos|llanto)|al corazon|cardiaco))",
        r"(?:tiene|tuvo|esta teniendo|tengo|tuve) (?:un |otro )?ataque(?! (?:de (?:panico|ansiedad|tos|nervios|risa|hambre|celos|llanto)|al corazon|cardiaco))",
        r"no (?:me |nos |le |te )?(?:responde|reacciona|contesta)\b",
        r"(?:se puso a |empezo a |esta |se quedo )tembl\w* (?:todo|toda|todo el cuerpo|sin parar|sin control)\b",
        r"no (?:se )?despierta\b",
        r"no (?:la|lo|le) (?:puedo|podemos|logro|logramos|consigo) despertar",
        r"no (?:puedo|podemos|logro|logramos|consigo) despertarl[ao]",
        r"no (?:hay|encuentro|encontramos) (?:forma|manera|modo) de despertarl[ao]",
        r"se (?:me |nos )?(?:desmayo|desmaya|esta desmayando|desvanecio|desvanece)",
        r"\bdesmayad[ao]",
        r"(?:un|otro) desmayo",
        r"perdio (?:el conocimiento|la conciencia|el sentido)",
        r"\binconsciente",
        r"sin conocimiento",
        r"(?:se )?quedo sin sentido",
        r"ojos (?:\w+ )?(?:en blanco|para atras|volteados)",
        r"se le (?:voltearon|fueron|pusieron) los ojos",
        r"espuma (?:por|en) la boca",
        r"se (?:puso|quedo|pone) (?:toda |todo )?(?:rigid[ao]|ties[ao]|dur[ao])",
        r"(?:sacudidas|temblores|movimientos) (?:\w+ )?(?:incontrolables|en todo el cuerpo|de todo el cuerpo)",
        r"se (?:esta )?sacudiendo",
        r"se mordio la lengua",
    ),
    "headache": _rx(
        r"dolor (?:\w+ ){0,2}(?:de|en la) cabeza",
        r"(?:me|le) (?:duele|esta doliendo|explota|revienta|va a explotar) (?:\w+ )?la cabeza",
        r"jaqueca",
        r"migrana",
        r"cefalea",
    ),
    "severe": _rx(
        r"muy fuerte",
        r"fuertisimo",
        r"el peor",
        r"la peor",
        r"insoportable",
        r"terrible",
        r"horrible",
        r"de repente",
        r"derrepente",
        r"de golpe",
        r"de pronto",
        r"repentin\w*",
        r"subit\w*",
        r"tremendo",
        r"intens\w*",
        r"como nunca",
        r"explota",
        r"revienta",
    ),
    "neuro_sign": _rx(
        r"confundid\w*",
        r"confusion",
        r"desorientad\w*",
        r"vomit\w*",
        r"vomito",
        r"devuelve",
        r"vision",
        r"ve doble",
        r"veo doble",
        r"borros\w*",
        r"no (?:puede|puedo) ver",
        r"no ve\b",
        r"perdio la vista",
        r"arrastra las palabras",
        r"habla (?:raro|arrastrad\w*|enredad\w*|trabad\w*|mal)",
        r"cuello (?:rigido|tieso|duro)",
        r"rigidez (?:en el|del) cuello",
        r"no (?:puede|puedo) hablar",
        r"no se le entiende",
        r"(?:le|me) molesta la luz",
        r"de un lado",
    ),
    "stroke_like": _rx(
        r"(?:boca|cara) (?:\w+ )?(?:torcida|chueca|caida|paralizada|ladeada|de lado|desviada|colgada)",
        r"se le (?:torcio|chueco|cayo|paralizo|durmio) (?:\w+ ){0,3}(?:la boca|la cara|un lado)",
        r"se le paralizo (?:el brazo|la pierna|la mano)",
        r"no (?:puede|puedo) (?:mover|levantar|sentir|usar|apretar) (?:el|la|un|una|su|mi) (?:brazo|pierna|mano|lado)",
        r"(?:se le cae|se le caia|se le sale|se le salia|le cae|le sale) (?:la )?baba",
        r"(?:habla|hablar|hablando|dice|decir|diciendo) (?:puras )?(?:incoherencias|cosas sin sentido|cosas raras|disparates)",
        r"(?:brazo|pierna|mano|lado) (?:izquierd[ao]|derech[ao]) (?:\w+ ){0,2}(?:no (?:se )?(?:mueve|responde)|dormid\w*|sin fuerza|debil|paralizad\w*|adormecid\w*|muert[ao]|pesad[ao])",
        r"(?:un lado|la mitad) (?:del|de la|de su|de mi) (?:cuerpo|cara) (?:\w+ ){0,2}(?:debil|dormid\w*|paralizad\w*|sin fuerza|adormecid\w*|caid[ao])",
        r"(?:debil|dormid[ao]|paralizad[ao]|adormecid[ao]) (?:de|del) un lado",
        r"habla (?:raro|arrastrad\w*|enredad\w*|trabad\w*|incoherente\w*)",
        r"arrastra las palabras",
        r"no le salen las palabras",
        r"no se le entiende (?:nada|lo que dice|cuando habla)",
        r"(?:de repente|derrepente|de golpe|de pronto) (?:esta |se puso |se ve )?(?:muy )?confundid\w*",
        r"(?:de repente|derrepente|de golpe|de pronto) no (?:puede |puedo )?(?:ve|ver|veo|habla|hablar|hablo)\b",
        r"no (?:puede|puedo|podia|pudo) hablar(?: bien)?\b",
        r"perdio la (?:vista|vision) (?:de|en) un ojo",
        r"(?:le|me) (?:dio|esta dando|da) (?:un |una )?(?:derrame|embolia|infarto cerebral|acv)(?! pleural| pericardico)",
        r"(?:derrame|infarto) cerebral",
        r"\bacv\b",
        r"accidente cerebrovascular",
    ),
    "stated_emergency": _rx(
        r"\bemergencia\b",
        r"\b911\b",
        r"ambulancia",
        r"\bauxilio\b",
        r"\bsocorro\b",
        r"\bsos\b",
        r"(?:llame|llamamos|llamen|llama|vamos|voy|vamos camino|la llevo|lo llevo|la llevamos|lo llevamos|la traje|estamos|en camino|camino) "
        r"(?:a |al |a la |en |en la |para )?(?:emergencias|urgencias|la sala de emergencias|la ambulancia|una ambulancia|911)",
        r"^(?:es |esto es )?(?:muy )?(?:urgente|una urgencia)\s*$",
        r"(?:me estoy|se esta|creo que se esta|creo que me estoy) muriendo(?! de (?:cancer|la enfermedad|metastasis|esto|eso|a poco|poco a poco|hambre|frio|calor|sueno|risa|miedo|verguenza|nervios))",
        r"creo que se (?:nos )?muere\b",
        r"se nos (?:va|esta yendo|muere)\s*$",
        r"(?:le|me) (?:esta dando|dio) (?:un )?(?:infarto|ataque al corazon|ataque cardiaco)",
    ),
    "back": _rx(
        r"\bespalda\b",
        r"\bcolumna\b",
        r"\blumbar\w*",
        r"\bcintura\b",
        r"\bvertebra\w*",
        r"\bcoxis\b",
        r"\bespinal\b",
        r"\bmedula\b",
    ),
    "legs_weak": _rx(
        r"(?:piernas?|pies?|rodillas?) (?:\w+ ){0,3}(?:debil\w*|dormid\w*|adormecid\w*|entumid\w*|sin fuerza|flojas?|pesad\w*|hormigue\w*|como de trapo|como gelatina|torpes?|no (?:le |me )?(?:responden|sostienen|funcionan|aguantan|obedecen))",
        r"(?:debilidad|hormigueo|adormecimiento|entumecimiento|falta de fuerza|sin fuerza|no (?:siente|siento)|cosquilleo|calambres?) (?:\w+ ){0,3}(?:piernas?|pies)",
        r"se (?:le|me) (?:durmieron|duermen|entumieron|entumen|adormecieron|adormecen|aflojan|aflojaron|doblan|doblaron|van) (?:las )?(?:piernas|pies|rodillas)",
        r"no (?:puede|puedo|pudo|pude|logra|logro) (?:caminar|andar|pararse|pararme|ponerse de pie|ponerme de pie|levantarse|levantarme|mantenerse de pie|sostenerse)",
        r"no (?:me|se) (?:puedo|puede|pudo|pude) (?:parar|levantar|poner de pie|mantener de pie|sostener)\b",
        r"se (?:cae|cayo|esta cayendo) (?:al caminar|cuando camina|a cada rato|mucho)",
        r"(?:de|desde) la cintura (?:para|hacia) abajo",
    ),
    "legs_strong": _rx(
        r"no (?:puede|puedo|pudo|pude|logra|logro|consigue|consigo) (?:caminar|andar|pararse|pararme|ponerse de pie|ponerme de pie|mantenerse de pie|sostenerse|mover (?:bien )?(?:las|sus|mis) piernas|sentir (?:las|sus|mis) piernas)",
        r"no (?:siente|siento) (?:las|sus|mis) piernas",
        r"no (?:me|se) (?:puedo|puede|pudo|pude) (?:parar|poner de pie|mantener de pie|sostener)\b",
        r"(?:piernas|pies) no (?:le |me )?(?:responden|sostienen|funcionan|obedecen)",
        r"se (?:le|me) (?:doblan|doblaron|van) (?:las )?(?:piernas|rodillas)",
        r"(?:ya no|dejo de) (?:camina|caminar|anda|andar)\b",
        r"(?:dormid[ao]|adormecid[ao]|entumid[ao]|no siente nada|no siento nada|sin sensibilidad) (?:de|desde) la cintura (?:para|hacia) abajo",
    ),
    "bladder_bowel": _rx(
        r"no (?:puede|puedo|pudo|pude) (?:aguantar|retener|contener|sostener) (?:la orina|el pipi|el pis|el popo|las heces|la caca)",
        r"no (?:puede|puedo|pudo|pude) (?:orinar|hacer pipi|hacer pis|controlar (?:la orina|la vejiga|el intestino|los esfinteres|el pipi|el popo|sus necesidades|mis necesidades|el bano))",
        r"no (?:controla|controlo|retiene|retengo|aguanta|aguanto) (?:\w+ )?(?:la orina|la vejiga|el intestino|los intestinos|los esfinteres|el pipi|el popo|las heces|la caca|sus necesidades|mis necesidades|el bano)",
        r"no (?:controla|controlo) (?:el |los )?esfinter\w*",
        r"(?:perdio|perdi|perdida del|perdida de|sin) (?:el )?control (?:de|del|sobre) (?:la |el |los |las |su |mi )?(?:orina|vejiga|intestino|esfinteres|pipi|popo|heces|necesidades|bano)",
        r"incontinencia",
        r"se (?:hace|hizo|orina|orino|esta haciendo) (?:pipi|pis|popo|del bano|encima|en la cama|en los pantalones)",
        r"se (?:le|me) (?:sale|salio|escapa|escapo) (?:la orina|el pipi|el popo|las heces|todo)",
        r"no (?:llega|llego|alcanza|alcanzo) al bano",
        r"(?:adormecid\w*|dormid\w*|entumid\w*|no siente) (?:\w+ ){0,2}(?:entrepierna|las nalgas|la zona genital|los genitales|el trasero|entre las piernas)",
    ),
    "fever": _rx(
        r"\bfiebr\w*",
        r"\bfibre\b",
        r"\bfievre\b",
        r"\bfiebe\b",
        r"\bfebril\w*",
        r"calentura\w*",
        r"afiebrad\w*",
        r"escalofri\w*",
        r"escalosfrio\w*",
        r"\btirit\w*",
        r"temperatura (?:\w+ ){0,2}(?:alta|altisima|subiendo|subio|elevada)",
        r"(?:le|me) (?:subio|sube|esta subiendo) la temperatura",
        r"(?:con|tiene|tengo) temperatura\b",
        r"destemplad\w*",
        r"(?:ardiendo|hirviendo|volando) (?:en|de) fiebre",
        r"(?:esta|estoy|la siento|lo siento|se siente|me siento) (?:muy )?(?:caliente|hirviendo|ardiendo)",
        r"temblando de frio",
        r"sudores? y escalofrios",
        r"temblando|tiritona|tiritando",
    ),
    "chemo": _rx(
        r"\bqu?i?m[io]\w*",
        r"\bkimio\w*",
        r"\bquime\w*",
        r"\bkimo\b",
        r"\bquimo\b",
        r"\bqimio\w*",
        r"infusion",
        r"\bciclo\b",
        r"\bchemo\b",
        r"(?:mi|su|el|en) tratamiento\b",
        r"neutropeni\w*",
        r"defensas (?:\w+ )?bajas",
        r"(?:globulos blancos|leucocitos|neutrofilos) (?:\w+ )?(?:bajos|bajitos|bajaron)",
        r"taxol|paclitaxel|docetaxel|taxotere|capecitabin\w*|xeloda|carboplatin\w*|ciclofosfamida|adriamicina|doxorrubicina|"
        r"epirrubicina|enhertu|trodelvy|eribulin\w*|halaven|gemcitabin\w*|vinorelbin\w*|navelbine|abraxane|\bac\b|la roja",
        r"ibrance|palbociclib|kisqali|ribociclib|verzenio|abemaciclib",
    ),
    "confusion": _rx(
        r"confundid\w*",
        r"confusion",
        r"desorientad\w*",
        r"no sabe (?:donde|en que|que dia|quien)",
        r"no (?:me |nos |la |lo )?reconoce",
        r"(?:dice|habla|diciendo|hablando) (?:puras )?(?:cosas sin sentido|incoherencias|tonterias|disparates)",
        r"incoherente",
        r"delir\w*",
        r"alucin\w*",
        r"\b(?:como|esta|anda) ida\b",
        r"no esta en si",
        r"(?:muy|super|demasiado) (?:somnolienta|somnoliento|adormilad\w*|dormilona)",
        r"no (?:se )?(?:ubica|acuerda de nada)",
        r"olvidando todo",
    ),
    "bleeding": _rx(
        r"sangr\w* (?:\w+ ){0,3}(?:sin parar|y no (?:se )?(?:para|detiene|deja)|mucho|muchisimo|a chorros|demasiado)",
        r"(?:no (?:le |me )?(?:para|deja|deja de|detiene) (?:de )?sangrar)",
        r"(?:hemorragia|sangrado (?:fuerte|abundante|que no para|muy fuerte))",
        r"(?:empap\w*|empapad\w*) (?:\w+ ){0,4}(?:toallas?|gasas?|vendas?|panuelos?|toallitas|de sangre)",
        r"(?:charco|mucha|muchisima|bastante) (?:de )?sangre",
        r"sangrado (?:\w+ ){0,2}(?:muy )?(?:abundante|fuerte)",
        r"empap\w* (?:\w+ ){0,3}(?:compresas?|toallas? (?:femenin|higienic)\w*)",
        r"vomit\w* (?:\w+ )?sangre|sangre (?:oscura|negra) (?:en el vomito|al vomitar)|(?:como )?(?:cafe molido|posos de cafe)",
    ),
    "line_site": _rx(
        r"\b(?:port|puerto|portacath|cateter|cateter central|picc|via central|reservorio)\b",
    ),
    "infected": _rx(
        r"roj[oa]|enrojecid\w*|colorad[oa]",
        r"hinchad\w*|inflamad\w*",
        r"\bpus\b|supura\w*|le sale (?:liquido|agua|pus)|secrecion|amarill\w*",
        r"infectad\w*|infeccion",
        r"caliente",
    ),
    "thirst_vomit": _rx(
        r"\bsed\b",
        r"sediento|sedienta",
        r"(?:tomando|toma|tomar|bebe|beber|bebiendo|pide|pidiendo) (?:\w+ ){0,2}(?:mucha |muchisima )?agua",
        r"vomit\w*",
        r"vomito",
        r"devuelve",
        r"\bguacarea\w*",
        r"estrenid\w*",
        r"(?:orina|orinando|hace pipi|haciendo pipi) (?:muchisimo|mucho|a cada rato|todo el tiempo)",
        r"boca (?:muy )?seca",
    ),
}

PERSONAL = re.compile(
    r"\b(?:yo|me|mi|mis|conmigo|tengo|estoy|siento|puedo|ella|ellas|nosotros|nosotras|nos|le|les)\b|"
    rf"(?:^|\b(?:mi|mis|su|sus|tu|tus|nuestra|nuestro|a mi)\s+)(?:{KIN})\b"
)
GENERAL_START = re.compile(
    r"^\s*(?:que|cual|cuales|como|por que|porque|cuando|donde|cuanto|cuantos|cuanta|puede|pueden|podria|podrian|"
    r"se puede|se pueden|hay|existe|existen|suele|suelen|debo|deberia|hay que|tengo que|explica\w*|define|dime|sintomas|"
    r"signos|senales|alguien|y si|si)\b"
)
GENERAL_HINT = re.compile(
    r"\b(?:en general|normalmente|por lo general|comun(?:es)?|tipic[ao]s?|normal(?:es)?|sintomas? de|signos? de|senales? de|"
    r"causa|causan|causar|provoca|provocan|provocar|produce|producen|producir|da|dan|dar|efectos? secundarios?|"
    r"riesgo de|se considera|significa|quiere decir|que hago si|que hacer si|que pasa si|que hago cuando|que hacer cuando|"
    r"es grave|peligros[ao]s?|es mala senal|es sintoma|es signo|una persona|un paciente|una paciente|los pacientes|"
    r"puede ser|pueden ser|podria ser|se debe|es por|puede deberse|hace que|hacen que|uno|"
    r"las pacientes|la gente|las personas|las mujeres|una mujer|alguien|si alguien)\b"
)
# A personal question with a general frame still counts when it reports something now.
REPORT = re.compile(
    r"\b(?:tengo|tiene|tuvo|estoy|esta con|esta muy|esta (?:\w+ )?(?:ahogando|convulsionando)|le (?:dio|subio|esta dando)|"
    r"me (?:dio|subio|esta dando)|no (?:puede|puedo) (?:respirar|caminar|pararse)|tenga|este con|(?:le|me) haya dado)\b|"
    r"(?<!si )\b(?:me|le) (?:da|dan)\b"
)
# "¿qué pasa si tengo fiebre el día de mi quimio?" plans ahead; "¿qué hago si tiene 39?" may not.
HYPOTHETICAL = re.compile(
    r"\b(?:que pasa|que pasaria|y|por|en caso de|hacer|hago|hacemos|haria) si\b|\ben caso de que\b|\bpor si acaso\b"
)
PAST = re.compile(
    r"\b(?:el ano pasado|el mes pasado|la semana pasada|el verano pasado|el invierno pasado|"
    r"hace (?:\d+|un|una|unos|unas|dos|tres|cuatro|cinco|seis|siete|ocho|varios|varias|muchos|muchas) (?:anos?|mes|meses)|hace (?:\d+|unas|dos|tres|cuatro|cinco|seis|varias|muchas) semanas|"
    r"en (?:19|20)\d\d|antes (?:del|de la|de su|de mi) (?:diagnostico|quimio\w*|tratamiento|cirugia)|alguna vez|"
    r"historial|antecedentes|en el pasado|cuando (?:era|estaba|tenia|empece|empezo|me diagnosticaron|la diagnosticaron)|"
    r"ya (?:se (?:le|me) )?(?:paso|quito|fue|bajo)|ya esta bien|ya estoy bien|se (?:le|me) (?:quito|paso|bajo)|"
    r"ya no (?:tiene|tengo)|solia|de nina|de joven|ya se recupero|ya me recupere|hace tiempo|hace mucho|"
    r"en (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre))\b"
)
NOW = re.compile(
    r"\b(?:ahora|ahorita|ahora mismo|en este momento|esta noche|hoy|esta manana|esta tarde|de repente|derrepente|"
    r"de pronto|de golpe|de la nada|desde (?:hace|anoche|ayer|esta)|todavia|sigue|no para|cada vez peor|ayudenme|ayudame|auxilio|"
    r"necesito ayuda|ayuda por favor|ayuda urgente|urgente|rapido|otra vez|de nuevo|ya lleva)\b|^\s*ayuda\b|\bayuda\s*$"
)
ONSET = re.compile(
    r"\b(?:(?:le|me) (?:empezo|comenzo)|(?:empezo|comenzo|empece|comence) (?:hace|de repente|ahorita|hoy|esta|anoche)|"
    r"hace (?:\d+|un|una|unos|unas|pocos|media|dos|tres|cinco|diez|veinte) (?:minutos?|mins?|horas?|hrs?|rato|ratito)|"
    r"hace un rato|ahorita|ahora mismo|en este momento|esta noche|cada vez peor|empeorando|no para|no se (?:le|me) quita|"
    r"desde (?:anoche|esta manana|ayer|hace))\b"
)
NEGATION_BEFORE = re.compile(r"\b(?:no|ni|nunca|sin|jamas|tampoco|niega|ningun|ninguna|nada de)\b[\w\s']{0,14}$")
# "no para de convulsionar", "no deja de vomitar", "no se si es fiebre": not a negation of the symptom.
NOT_A_NEGATION = re.compile(
    r"\bno (?:para|paro|deja|dejo|dejaba|paraba) de\s*$|\bno (?:veo|ve|encuentro|entiendo|se)\s*$|\bno se (?:si|que|por que|como)\b[\w\s']*$|\bno (?:se )?(?:le |me )?(?:quita|baja)\b[\w\s']*$"
)
# Clauses: split at sentence ends (not decimal points), semicolons, commas and "pero".
CLAUSE = re.compile(r"(?<!\d)[.!?;]+|[.!?;]+(?!\d)|,|\n+|\bpero\b|\baunque\b")
# "no responde al tratamiento", "el doctor no contesta": not someone unresponsive.
NOT_UNRESPONSIVE = re.compile(
    r"no (?:me |nos |le |te )?(?:responde|reacciona|contesta)\w* (?:bien )?(?:a |al |a la |a los |a las |bien|como|igual|el telefono|mis mensajes|los mensajes|los correos|las llamadas)|"
    r"(?:tumor\w*|cancer|metastasis|enfermedad|tratamiento|quimio\w*|terapia|medicamento|medicina|doctor\w*|oncolog\w*|medic[ao]|"
    r"enfermer[ao]|clinica|hospital|consultorio|telefono|seguro|aseguradora|hormono\w*|pastillas?)(?: \w+){0,3} no (?:me |nos |le |te )?(?:responde|reacciona|contesta)"
)
TEMP = re.compile(
    r"(?<![\d.,])(\d{2,3}(?:[.,]\d{1,2})?)(?![\d])\s*(?:°|º|grados|c\b|f\b|celsius|centigrados|fahrenheit)?"
)
TEMP_WORDS = re.compile(
    r"temp|fiebre|calentura|°|º|grados|celsius|centigrados|fahrenheit|\d\s*[cf]\b|termometro|marca|marco|marcando|"
    r"\d y (?:medio|pico)|\d punto \d"
)
TEMP_IN_WORDS = re.compile(
    r"\b(?:treinta y (?:ocho|nueve)|cuarenta|ciento (?:uno|dos|tres|cuatro))\b(?: y medio| punto \w+)?(?: grados| de (?:fiebre|temperatura|calentura))"
)
_TEMP_REPORTED = re.compile(
    r"\b(?:tiene|tengo|tenia|marca|marcaba|marco|esta con|estoy con|anda con|ando con|le dio|me dio|subio a|llego a)\b"
)
_TEMP_HAS = re.compile(
    r"\b(?:tiene|tengo|marca|marcaba|anda en|esta en|ando en|estoy en) (?:3[89]|4[0-2])(?:[.,]\d)?\b(?!\s*(?:anos|años|kg|kilos|libras|mg|semanas|dias|meses|horas|pastillas|ciclos|sesiones)\b)"
)
_BARE_DECIMAL = re.compile(
    r"(?<![\d.,])(?:3[89][.,]\d|4[0-2][.,]\d)(?![\d])(?!\s*(?:mg|ml|kg|kilos|%|anos|años|cm|mm|de presion)\b)"
)
_BARE_TEMP = re.compile(r"(?<![\d.,])(3[89](?:[.,]\d)?|4[0-2](?:[.,]\d)?|10[0-6](?:[.,]\d)?)(?![\d])")
_NOT_TEMP = re.compile(
    r"\b(?:anos?|edad|mg|ml|meses|mes|kg|kilos|libras|por ciento|%|minutos?|horas?|dias?|semanas?|ciclos?|sesiones|pastillas|"
    r"dosis|cm|mm|centimetros|pesos|dolares)\b"
)
KIND_ORDER = (
    "suicide",
    "breathing",
    "seizure",
    "stated_emergency",
    "bleeding",
    "neuro",
    "spinal_cord",
    "fever_chemo",
    "line_infection",
    "calcium",
)


def normalize_es(text: str) -> str:
    """Lower case, no accents or tildes, straight quotes, long letter runs shortened."""
    text = (text or "").lower().replace("\u2019", "'").replace("\u2018", "'")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("¿", " ").replace("¡", " ")
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    text = re.sub(r"([a-z])\1{2,}", r"\1", text)  # "ayudaaaa" -> "ayuda", "noooo" -> "no"
    # "cancer de mama" names the disease, not a mother: keep it from reading as "mama" (mum).
    text = re.sub(
        r"\b(cancer|carcinoma|tumor(?:es)?|metastasis|ca|cirugia|mastectomia) de (?:la )?mamas?\b", r"\1 de seno", text
    )
    text = re.sub(r"\b(?:la|las|una|ambas|en la|en las) mamas?\b", "el seno", text)
    return re.sub(r"[ \t]+", " ", text)


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in CLAUSE.split(text) if c and c.strip()] or [text]


# Clauses where a signal means something else: "no puede hablar" because of mouth sores.
EXCLUDE = {
    "stroke_like": re.compile(r"\bboca\b|llaga|garganta|ronc|\bvoz\b|mucositis|\btos\b|dientes|dentadura|flema"),
}


def _hot(clause: str, name: str) -> str | None:
    """The first non-negated match of signal ``name`` in a clause."""
    for m in SIGNALS[name].finditer(clause):
        if name in EXCLUDE and m.group(0).startswith("no ") and EXCLUDE[name].search(clause):
            continue
        before = clause[: m.start()]
        word = m.group(0)
        if (
            name == "seizure"
            and word.startswith("no ")
            and re.search(r"respon|reacc|contest", word)
            and NOT_UNRESPONSIVE.search(clause)
        ):
            continue
        if name == "breathing" and "pecho" in word and CHEST_EXCLUDE.search(clause):
            continue
        if (
            NEGATION_BEFORE.search(before)
            and not NOT_A_NEGATION.search(before)
            and not re.match(r"(?:no|ya no|casi no|sin poder|ni )", word)
        ):
            continue
        return word
    return None


def _situational(clause: str, onset: bool = False) -> bool:
    """True when the clause is about someone now, not a general or past question.
    ``onset``: the message elsewhere says the symptom is happening now."""
    personal = bool(PERSONAL.search(clause))
    start, hint = bool(GENERAL_START.search(clause)), bool(GENERAL_HINT.search(clause))
    if not personal and (start or hint):
        return onset
    if PAST.search(clause) and not NOW.search(clause):
        return False
    if personal and (start or hint) and not NOW.search(clause):
        # "¿la quimio le puede dar fiebre a mi mamá?" asks about a side effect; "¿qué hago?
        # mi mamá tiene fiebre" or "¿es normal que tenga 39 si está en quimio?" reports one.
        if HYPOTHETICAL.search(clause):
            return onset
        return bool(REPORT.search(clause)) or onset
    return True


def _signal_anywhere(clauses: list[str], name: str, situational: bool = True, onset: bool = False) -> str | None:
    for c in clauses:
        hit = _hot(c, name)
        if not hit:
            continue
        if name == "breathing" and not (NOW.search(c) or onset):
            if NOUN_FORM.match(hit) and not PERSONAL.search(c):
                continue
            if EXERTION.search(c):
                continue
        if not situational or _situational(c, onset):
            return hit
    return None


_RAISED_DECIMAL = re.compile(r"(?<![\d.,])(?:3[7-9][.,]\d|4[0-2][.,]\d|10[0-6][.,]\d)(?![\d])")
_SHIVERING = re.compile(r"\b(?:temblores?|temblando|tiemblo|tiembla|tirit\w*)\b")


def _fever_number(text: str) -> bool:
    if TEMP_IN_WORDS.search(text):
        return True
    for m in TEMP.finditer(text):
        try:
            value = float(m.group(1).replace(",", "."))
        except ValueError:
            continue
        if 38.0 <= value <= 43.0 or 100.4 <= value <= 108.0:
            window = text[max(0, m.start() - 30) : m.end() + 14]
            if TEMP_WORDS.search(window) and not _NOT_TEMP.search(text[m.end() : m.end() + 10]):
                return True
    return False


def _temp_in_chemo_talk(text: str) -> bool:
    """A bare temperature in a short message while the talk is about chemo
    ("¿y si tiene 38?", "ya tiene 38.4")."""
    if len(text.split()) > 12 or _NOT_TEMP.search(text):
        return False
    for m in _BARE_TEMP.finditer(text):
        value = float(m.group(1).replace(",", "."))
        if 38.0 <= value <= 43.0 or 100.4 <= value <= 106.9:
            return True
    return False


def detect_all_es(text: str, chemo_context: bool = False) -> list[RedFlag]:
    """Every red flag in a Spanish message (empty list = none). ``chemo_context``: the
    conversation is about chemotherapy, so a fever or a temperature alone counts."""
    norm = normalize_es(text)
    if not norm.strip():
        return []
    onset = bool(ONSET.search(norm))
    clauses = _clauses(norm)

    def situation(name: str) -> str | None:
        return _signal_anywhere(clauses, name, onset=onset)

    def anywhere(name: str) -> str | None:
        return _signal_anywhere(clauses, name, situational=False)

    flags: list[RedFlag] = []

    def add(kind: str, evidence: str) -> None:
        if kind not in {f.kind for f in flags}:
            flags.append(RedFlag(kind, LEVELS[kind], evidence))

    hit = anywhere("suicide")
    if hit and not (
        re.search(r"(?:tasas?|riesgo|estadisticas?|prevencion|cifras?|numero|linea|casos) (?:de |del )?suicidio", norm)
        and not PERSONAL.search(norm)
    ):
        add("suicide", hit)
    if hit := situation("breathing"):
        add("breathing", hit)
    if hit := situation("seizure"):
        add("seizure", hit)
    if not flags and (hit := situation("stated_emergency")):
        add("stated_emergency", hit)

    head = situation("headache")
    thunderclap = bool(
        head
        and anywhere("severe")
        and re.search(r"de repente|derrepente|de golpe|de pronto|el peor|la peor|como nunca|explota|revienta", norm)
    )
    if head and (anywhere("neuro_sign") or anywhere("confusion") or thunderclap):
        add("neuro", head)
    elif hit := situation("stroke_like"):
        add("neuro", hit)

    back, legs, bladder = anywhere("back"), situation("legs_weak"), situation("bladder_bowel")
    legs_severe = situation("legs_strong")
    numb = re.search(r"adormec|dormid|entumi|hormigue|no siente", norm)
    both = re.search(
        r"(?:orina|vejiga|pipi|pis)\b.*\b(?:intestino|heces|popo|caca|bano)|(?:intestino|heces|popo|caca)\b.*\b(?:orina|vejiga|pipi)",
        norm,
    )
    if (back and legs) or legs_severe or (bladder and (back or legs or numb or both or NOW.search(norm))):
        add("spinal_cord", " + ".join(x for x in (back, legs or legs_severe, bladder) if x))

    fever = situation("fever") or (_fever_number(norm) and "temperatura")
    on_chemo = bool(anywhere("chemo")) or chemo_context
    if fever and on_chemo and any(_situational(c, onset) for c in clauses if _hot(c, "fever") or _fever_number(c)):
        add("fever_chemo", str(fever))
    elif on_chemo and (
        any(_situational(c, onset) for c in clauses if _fever_number(c))
        or _temp_in_chemo_talk(norm)
        # "tiene 39 de temperatura y le pusieron la quimio la semana pasada", "ahora 38,1"
        or (_fever_number(norm) and _TEMP_REPORTED.search(norm))
        or _BARE_DECIMAL.search(norm)
        or _TEMP_HAS.search(norm)
        # "tengo 37,9 y temblores": shivering with a raised temperature counts as chills
        or (_RAISED_DECIMAL.search(norm) and _SHIVERING.search(norm))
    ):
        add("fever_chemo", "temperatura")
    elif (hit := situation("fever")) and _fever_number(norm):
        # escalofríos o temblores con fiebre medida, con o sin tratamiento nombrado
        add("fever_chemo", f"{hit} + temperatura")
    line = situation("line_site")
    if line and (sign := anywhere("infected")):  # el catéter o el port rojo, hinchado, con pus
        add("line_infection", f"{line} + {sign}")
    if hit := situation("bleeding"):
        add("bleeding", hit)

    confused = situation("confusion")
    if confused and (thirst := anywhere("thirst_vomit")):
        add("calcium", f"{confused} + {thirst}")
    elif confused and re.search(
        r"de repente|derrepente|de golpe|de pronto|repentin\w*|desde (?:hoy|anoche|esta manana)", norm
    ):
        add("neuro", f"{confused} (de repente)")
    return sorted(flags, key=lambda f: KIND_ORDER.index(f.kind))


def detect_es(text: str, chemo_context: bool = False) -> RedFlag | None:
    """The most pressing red flag in a Spanish message, if any (crisis > emergency > care team)."""
    flags = detect_all_es(text, chemo_context)
    order = {"crisis": 0, "emergency": 1, "care_team": 2}
    return min(flags, key=lambda f: order[f.level]) if flags else None
