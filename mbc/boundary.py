"""Rule-based checks for two conversational boundaries, used alongside the NLU intent:

* a personal medical decision ("should I stop my tamoxifen", "what dose", "how long do
  I have", "is my cough cancer") -> a warm deferral to the care team, never a decision;
* a question about another cancer with no mention of breast cancer -> out of scope.
"""

from __future__ import annotations

import re

from mbc.safety import normalize

_ME = r"(?:i|me|my|we|our|mine|she|he|her|his|him|they|their|mum|mom|mother|dad|father|wife|husband|partner|sister|daughter|son)"
_DRUG_ACTION = r"(?:stop|quit|skip|miss|pause|switch|change|swap|start|take|try|refuse|delay|cut back|come off|go off|drop|double|halve|split|cut|move)"
_MEDS = r"(?:tablets?|pills?|meds|medication|medicine|dose|treatment|chemo|infusion|injection|shots?|tamoxifen|letrozole|anastrozole|exemestane|herceptin|ibrance|kisqali|verzenio|\w+ib|\w+mab|\w+ine)"

PERSONAL_DECISION = re.compile(
    "|".join(
        [
            # should I / can I / is it ok to <do something with treatment>
            rf"\b(?:should|shall|can|could|may|must) (?:i|we|she|he|my \w+) (?:just |really |still |safely |even )?(?:need to |have to |be able to )?{_DRUG_ACTION}\b",
            r"\bshould (?:i|we|she|he|my \w+|mum|mom|dad|mother|father|wife|husband|partner|gran|nan) (?!ask\b|know\b|expect\b|bring\b|say\b|tell\b|read\b|call\b|look\b)(?:\w+ ){0,2}(?:get|have|do|go|put|keep|try|use|take|stop|start|switch|choose|join|let|be worried|worry|refuse|accept|wait|push|change)\b",
            r"\b(?:is it|would it be|it'?s) (?:ok|okay|safe|fine|alright|bad|wrong|dangerous|a good idea|smart|too late) (?:for (?:me|her|him|us|my \w+) )?(?:to|if (?:i|she|he|we)) ",
            r"\bis it (?:ok|okay|safe|fine|alright|bad|dangerous) (?:\w+ ){0,6}(?:while|when) (?:i'?m|i am|she'?s|he'?s|on) ",
            rf"\b(?:want|wanna|thinking of|thinking about|considering|planning to|going to) {_DRUG_ACTION} (?:my|her|his|the|taking)\b",
            rf"\bcan (?:i|we|she|he) (?:\w+ ){{0,3}}(?:my|her|his) (?:\w+ )?{_MEDS}\b",
            r"\b(?:do|does) (?:i|she|he|we) (?:still |really )?need (?:to )?(?:keep )?(?:taking|take|have|get|do|the|a|this|that|chemo|radiation|surgery)\b",
            r"\btoo late for (?:me|her|him|us)\b",
            r"\b(?:would|will|is) (?:that|it|this) (?:be )?(?:ok|okay|safe|fine|alright|bad|dangerous) (?:for (?:me|her|him|us)|to do|\?|$)",
            r"\b(?:ok|okay|safe|fine|alright) to (?:have|drink|take|eat|use|skip|stop|miss) (?:\w+ ){0,4}(?:on|with|while on|while taking) (?:my |her |his )?\w+",
            r"\bis it (?:bad|ok|okay|dangerous) that (?:i|she|he|we) ",
            r"\bwhich (?:one|option|drug|treatment) (?:would|should|do) (?:be |you )?(?:better|best|recommend|pick|choose)",
            r"\bis (?:that|this|it) (?:the )?cancer\b\??",
            r"\bis it back\b",
            r"\b(?:does|do) (?:that|this|it) mean (?:it'?s|she'?s|he'?s|i'?m|the cancer|it is) (?:growing|spreading|back|progressing|worse)",
            r"\b(?:would|will|could|does|do|can) (?:\w+ ){0,3}(?:interfere|interact|mix) with (?:my|her|his) ",
            r"\bis (?:that|it|this) safe for (?:me|her|him|us)\b",
            # doses
            r"\b(?:what|which|how much|right|correct|maximum|max|safe) (?:dose|dosage|mg|milligrams)\b",
            r"\bhow (?:much|many) (?:\w+ ){0,3}(?:should|do|can) (?:i|she|he|we) (?:take|have|use)\b",
            r"\b\d+ ?(?:mg|milligrams?|mcg)\b",
            r"\bhow (?:many|much) (?:mg|milligrams?|mcg|tablets|pills)\b",
            r"\bhow (?:much|many) (?:\w+ ){0,3}(?:a|per|each) day\b",
            r"\b(?:double|increase|decrease|lower|raise|up|reduce) (?:my|her|his) (?:dose|dosage)\b",
            r"\b(?:go back to|back on) (?:the )?full dose\b",
            # best for me / which should I choose
            rf"\b(?:best|right|better) (?:\w+ ){{0,2}}(?:treatment|option|choice|drug|plan|therapy|thing|one) (?:\w+ ){{0,2}}for {_ME}\b",
            r"\b(?:better|best|right) for (?:me|her|him|us|my \w+)\b",
            r"\bwhich (?:\w+ ){0,3}(?:should|would) (?:i|we|she|he) (?:choose|pick|take|go with|do|start)\b",
            # prognosis for a person
            rf"\bhow long (?:do|does|will|would|have|has|can) (?:\w+ ){{0,2}}{_ME}\b(?:[\w\s']{{0,20}})(?:have|live|left|survive|got)\b",
            rf"\bhow long (?:\w+ ){{0,3}}{_ME} (?:\w+ ){{0,2}}(?:have left|got left|live|survive|to live)\b",
            rf"\b(?:will|am|is|are) {_ME} (?:\w+ ){{0,2}}(?:going to )?(?:die|survive|make it|be cured|beat (?:this|it)|live|see|be here)\b",
            rf"\b{_ME} (?:\w+ ){{0,2}}(?:chances|odds|prognosis|life expectancy|survival)\b",
            r"\b(?:chances|odds|prognosis|life expectancy) (?:\w+ ){0,3}(?:for|of) (?:me|her|him|us|my \w+)\b",
            r"\b(?:am i|is she|is he|is my \w+|are we) (?:\w+ ){0,2}(?:progressing|dying|getting worse|in remission|ned|cured|terminal)\b",
            r"\b(?:told|given|gave) (?:\w+ ){0,3}(?:\d+|a few|few|six|three|two|twelve|a couple of) (?:months?|weeks?|years?)\b",
            # is my symptom cancer / what does my result mean
            rf"\bis {_ME} (?:\w+ ){{0,3}}(?:a sign|cancer|mets|metastasis|spread|serious|normal)\b",
            r"\bis (?:it|my|the|this|her|his) (?:\w+ ){0,4}(?:from the cancer|a sign|a new met|new mets?|cancer spreading|the cancer spreading|progression)\b",
            r"\bdoes (?:this|my|her|his|mum'?s|mom'?s|dad'?s) (?:\w+ ){0,4}mean\b",
            # "cough for 3 weeks, is it lung mets?", "could that be mets?" (not "is it mets if ...")
            r"\b(?:is (?:it|this|that)|are (?:they|these|those)|(?:could|might|would|can) (?:it|this|that|these|those|they) (?:all )?be)"
            r" (?:\w+ ){0,2}(?:mets|metastas[ie]s|secondaries|a secondary)\b(?! if\b| when\b)",
            rf"\b(?:do|does) {_ME} (?:have|has) (?:\w+ ){{0,2}}(?:mets|metastas\w+|cancer|mbc)\b",
            # mixing medicines / personal instructions
            rf"\bcan {_ME} (?:\w+ ){{0,2}}(?:take|have|use|drink|eat) (?:\w+ ){{0,4}}(?:with|while on|while taking|during|on) (?:my|her|his|the|chemo|treatment|\w+)\b",
            r"\binstead of (?:my|her|his|the) (?:chemo|treatment|medication|meds|drug|pills|oncologist)\b",
            r"\b(?:my|her|his) (?:onc|oncologist|doctor|team) (?:wants|says|suggested|recommended|told)\b.*\b(?:should|ok|okay|do it|right)\b",
            # "thinking of quitting X", "is it worth mum having chemo", "should i?" at the end
            r"\b(?:thinking of|thinking about|considering|planning on|want to try) (?:stopping|quitting|skipping|pausing|switching|changing|coming off|going off|dropping|refusing)\b",
            r"\bis it (?:even |really |still )?worth (?:\w+ ){0,2}(?:having|doing|getting|trying|taking|going)\b",
            r"\bshould (?:i|we|she|he)\s*\??\s*$",
            r"\b(?:do|d'?you|do u) (?:you |u )?think (?:i|we|she|he|my \w+) should\b",
            r"\bif you were (?:me|her|him|in my shoes|in her shoes)\b|\bwhat would you do\b",
            r"\bis (?:that|this|it) the right (?:call|decision|choice|thing to do)\b",
            r"\b(?:go|going|get|getting) (?:back )?(?:up )?to (?:the )?full dose\b",
            r"\bshould (?:i|we|she|he|mum|mom|dad|my \w+) (?:carry on|continue|keep going|push on)\b",
            r"\b(?:could|might|would|can) (?:it|this|that) be (?:the cancer(?: spreading)?|(?:the )?mets|metastas[ie]s|(?:the )?spread)\b",
            r"\bis (?:that|it|this) (?:\w+ ){0,2}from (?:the |her |his |my )?(?:cancer|mets|spread|secondaries)\b",
            r"\b(?:does|do) (?:that|this|it) mean (?:\w+ ){0,3}(?:treatment|chemo|drug|meds|medicine|tablets|it)? ?(?:has )?(?:failed|isn'?t working|is not working|stopped working|not working)\b",
            r"\b(?:does|do) (?:that|this|it) mean (?:it|my cancer|her cancer|his cancer|the cancer|it'?s|it has|she has|he has) ?(?:has |is |'?s )?(?:grown|progressed|come back|growing|back|worse)\b",
            r"\bi mean (?:me|for me|mine)\b",
            r"\bwhich (?:\w+ ){0,2}would you (?:go for|pick|choose|take|do|have|want)\b",
            r"\b(?:the )?best (?:chemo|treatment|drug|option|therapy|medicine) for (?:my|her|his|our) \w+",
        ]
    )
)

# "how can I lower my risk" is a general risk-reduction question, not a drug decision.
RISK_QUESTION = re.compile(
    r"\b(?:lower|reduce|cut|decrease) (?:my|her|his|their|the|our) (?:own )?(?:risk|chances?|odds)\b|\bstop it (?:from )?coming back\b"
)
GENERAL_FRAMING = re.compile(
    r"\b(?:in general|generally|usually|typically|most people|people with|someone with|patients|women with|for anyone)\b"
)

OTHER_CANCER = re.compile(
    r"\b(?:cervical|ovarian|prostate|colon|colorectal|rectal|bowel|pancreatic|thyroid|bladder|kidney|liver|"
    r"stomach|throat|mouth|oral|brain|bone|blood|skin|testicular|uterine|endometrial|esophageal|lung|head and neck)"
    r" cancers?\b|\b(?:leukemia|leukaemia|lymphoma|melanoma|myeloma|sarcoma|glioblastoma|mesothelioma)\b"
)
BREAST_CONTEXT = re.compile(
    r"\b(?:breast|mbc|tnbc|ilc|idc|her2|mets|metasta\w*|spread|stage (?:4|iv|four)|secondary|"
    r"tamoxifen|nolvadex|letrozole|femara|anastrozole|arimidex|aromatase|herceptin|trastuzumab|ibrance|palbociclib|"
    r"kisqali|ribociclib|tykerb|lapatinib|avastin|bevacizumab|perjeta|pertuzumab|er\+|hr\+|pr\+)(?!\w)"
)


# "my scan showed spots on my liver, does that mean it spread?" asks about a person's own
# result; "cancer in 3 lymph nodes, does that mean it has spread?" asks what node
# involvement means, which the lymph-node answer covers.
SPREAD_MEANING = re.compile(
    r"\b(?:does|do) (?:that|this|it) mean (?:it|my cancer|her cancer|his cancer|the cancer|it'?s|it has|she has|he has) ?(?:has |is |'?s )?(?:spread|spreading)\b"
)
NODES = re.compile(r"\b(?:lymph|nodes?|glands?)\b")


def is_personal_decision(text: str) -> bool:
    """A question that asks for a decision or prognosis about a particular person."""
    norm = normalize(text or "")
    if RISK_QUESTION.search(norm):
        return False
    spread_meaning = bool(SPREAD_MEANING.search(norm)) and not NODES.search(norm)
    if not norm.strip() or not (spread_meaning or PERSONAL_DECISION.search(norm)):
        return False
    return not (GENERAL_FRAMING.search(norm) and not re.search(r"\b(?:i|my|me)\b", norm))


# A primary cancer that is never a site breast cancer spreads to: named with no
# breast-specific word, the question is about that cancer, even with "spread" or "stage 4".
OTHER_PRIMARY = re.compile(
    r"\b(?:cervical|ovarian|prostate|colon|colorectal|rectal|bowel|pancreatic|thyroid|bladder|kidney|"
    r"stomach|throat|mouth|oral|testicular|uterine|endometrial|esophageal|oesophageal|head and neck)"
    r" cancers?\b|\b(?:leukemia|leukaemia|lymphoma|melanoma|myeloma|sarcoma|glioblastoma|mesothelioma)\b"
)
BREAST_SPECIFIC = re.compile(
    r"\b(?:breast|mbc|tnbc|ilc|idc|her2|tamoxifen|nolvadex|letrozole|femara|anastrozole|arimidex|aromatase|"
    r"herceptin|trastuzumab|ibrance|palbociclib|kisqali|ribociclib|tykerb|lapatinib|avastin|bevacizumab|perjeta|"
    r"pertuzumab|er\+|hr\+|pr\+|mastectomy|lumpectomy|mammogram)(?!\w)"
)


def is_other_cancer(text: str) -> bool:
    """About a cancer other than breast cancer, with nothing tying it to breast cancer.
    ("liver cancer" or "bone cancer" asked alone is a different disease from breast
    cancer that has spread there.)"""
    norm = normalize(text or "")
    if OTHER_PRIMARY.search(norm) and not BREAST_SPECIFIC.search(norm):
        return True
    return bool(OTHER_CANCER.search(norm)) and not BREAST_CONTEXT.search(norm)


# Words that tie a message to this bot's subject even when no vocabulary term matches.
ANCHOR = re.compile(
    r"\b(?:breast|cancer|cancers|tumou?rs?|onc\w*|mbc|mets|metasta\w*|chemo\w*|radiation|radiotherapy|"
    r"biopsy|scan|scans|mammogram|lumpectomy|mastectomy|stage|diagnos\w*|treatment|recurrence|lbbc|helpline)\b"
)
MIN_WORDS_FOR_SCOPE_CHECK = 5


def lacks_anchor(text: str, has_entities: bool) -> bool:
    """A self-contained medical question with nothing tying it to breast cancer
    ("what's good for muscular pain", "will Claritin affect breastfeeding supply")."""
    norm = normalize(text or "")
    if has_entities or len(norm.split()) < MIN_WORDS_FOR_SCOPE_CHECK:
        return False
    return not ANCHOR.search(norm)
