"""Rule-based red-flag detector: runs on every message before anything else.

It looks for urgent *situations*, not urgent *words*: a symptom signal counts
when it is about someone now ("I can't breathe", "mum is fitting", "cant breath")
and not when the sentence is a general question with no one in it ("can lung
mets cause shortness of breath?"), a past event ("I had a seizure in 2019"), or
negated ("no fever"). Thoughts of suicide or self-harm count whatever the framing.
Some situations need two signals together (back pain + weak legs; fever + chemo;
confusion + extreme thirst or vomiting; a severe headache + confusion, vomiting or
vision change).

The NLU ``urgent`` dialogue act is a second, independent trigger (mbc/respond.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# level: what guidance to give. emergency -> call 911 now; crisis -> 988 (and 911 if
# in danger); care_team -> call the oncology team's urgent line now (911 if very unwell).
LEVELS = {
    "breathing": "emergency",
    "seizure": "emergency",
    "neuro": "emergency",
    "spinal_cord": "emergency",
    "calcium": "emergency",
    "stated_emergency": "emergency",
    "fever_chemo": "care_team",
    "line_infection": "care_team",
    "bleeding": "emergency",
    "suicide": "crisis",
}


@dataclass(frozen=True)
class RedFlag:
    kind: str
    level: str
    evidence: str


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


CANT = r"(?:can'?t|cnt|cn'?t|carn'?t|kant|cannot|can not|couldn'?t|could not|unable to|struggl\w* (?:to|for)|hard to|trouble|difficult\w*|fight\w* for|gasp\w*|not able to)"
BREATH = r"breath\w*|brea?th|breeth\w*|breathe|breahting"

SIGNALS: dict[str, re.Pattern[str]] = {
    "suicide": _rx(
        r"suicid\w*",
        r"kill(?:ing)? (?:my|her|him|them)sel(?:f|ves)",
        r"\bkms\b",
        r"end(?:ing)? (?:it all|my life|her life|his life|things|my own life|it now|it tonight|everything)",
        r"(?:thinking (?:about|of)|want to|wanna|going to|gonna|plan(?:ning)? to|ready to|might) end(?:ing)? it\b",
        r"end(?:ing)? my suffering",
        r"make it (?:all )?stop (?:for good|forever)",
        r"(?:want|wants|wanted|wanna|wish|ready) (?:to |i could |i was |i were )?(?:die|be dead|disappear)",
        r"(?:don'?t|do not|doesn'?t|does not|no longer) want to (?:live|be alive|be here|wake up|go on|exist|carry on)",
        r"better off (?:dead|without me|without her|without him)",
        r"(?:no|any|what'?s the) (?:point|reason) (?:in |of |to )?(?:living|going on|carrying on|to live|being alive|in life|being here)",
        r"(?:hurt|harm|cut|cutting|hurting|harming) (?:my|her|him)sel(?:f|ves)",
        r"self[- ]?harm",
        r"tak\w* (?:all|a bunch of|a load of|loads of|a handful of) (?:of )?(?:my|her|his|the) (?:pills|tablets|meds|medication|painkillers|morphine)"
        r"(?! (?:at the same time of day|every day|each day|with (?:food|breakfast|dinner)|in the morning|at night))",
        r"\boverdos\w*",
        r"tak\w* (?:all|a bunch of|a handful of|loads of) (?:of )?(?:my|her|his|the) (?:oxy\w*|fentanyl|tramadol|codeine|opioids|sleeping pills|sleeping tablets)",
        r"(?:sav|stockpil|hoard|collect)\w* (?:up )?(?:my |her |his |all )?(?:\w+ )?(?:pills|tablets|meds|painkillers)",
        r"(?:pills|tablets|meds|painkillers|morphine) (?:\w+ )?(?:saved|stockpiled|hoarded|stashed|put (?:aside|away)|collected)(?: up)?",
        r"(?:want|wish|need|just want) (?:it|this|everything|it all|all this|all of this|things) (?:all )?to (?:end|be over)",
        r"(?:want|wish|need|just want) (?:it|this|everything) all to stop(?= *(?:[.,!?]|$|now\b|forever\b|for good\b))",
        r"all i want (?:now )?is for (?:it|this|everything|it all) (?:all )?to (?:end|be over)",
        r"(?:thinking|thought|think|planning|planned|worked out|working out) (?:about |of )?how (?:i|to|she|he) (?:would |could |might |will |'?d )?(?:do it|end it|go|kill|die|take)",
        r"tonight(?:'s| is) the night",
        r"(?:pray|praying|hope|hoping|wish) (?:that )?(?:i|she|he) (?:\w+ ){0,2}(?:don'?t|do not|won'?t|will not|doesn'?t|never) wake(?: up)?",
        r"(?:sav|stockpil|hoard|collect|stash)\w* (?:up )?(?:my |her |his |all )?(?:\w+ )?(?:oxy\w*|morphine|fentanyl|tramadol|codeine|opioids|sleeping (?:pills|tablets))",
        r"(?:hope|hopes|hoping|pray|praying|wish) (?:\w+ ){0,6}(?:it'?s everywhere|its everywhere|it'?s spread everywhere)",
        r"so (?:this|it) can (?:all )?just be over",
        r"(?:won'?t|wont|will not) be (?:around|here) for the next",
        r"\bproperly done\b",
        r"(?:steer|drive|driv|crash|swerv)\w* (?:\w+ ){0,2}into (?:a|the) (?:tree|wall|truck|lorry|bridge|river|oncoming)",
        r"disappear\w* for good",
        r"(?:notice|care|miss me) if i (?:just )?(?:disappeared|was gone|wasn'?t here|died)",
        r"(?:he'?ll|she'?ll|he will|she will|i'?ll|i will) go when (?:i|she|he) go(?:es)?",
        r"look\w* up how many (?:of )?(?:my |her |his )?(?:\w+ )?(?:tablets|pills|meds|painkillers)",
        r"\b(?:started|start|been|keep|am|i'?m|was) cutting\b",
        r"cutting (?:again|myself)",
        r"(?:pills|tablets|meds) (?:\w+ ){0,4}all at once",
        r"never wake up",
        r"not (?:be|being) (?:here|around) anymore",
        r"go to sleep (?:and|n) not wake",
        r"(?:rather|prefer to|like to) (?:just )?not (?:wake up|be here|be alive|exist|go on|be around)",
        r"(?:fall asleep|go to sleep|sleep) (?:and|n) never wake",
        r"wish (?:i|she|he) (?:could )?(?:just )?(?:wasn'?t|weren'?t|was not|were not) (?:here|alive|around)",
        r"(?:what|whats|what'?s) (?:is )?the point (?:of|in) (?:anything|it all|going on|carrying on|trying|living|fighting)",
        r"(?:tired|sick) of (?:living|being alive|life)",
        r"(?:there'?s|theres|is) no point (?:anymore|any more|in anything|to anything|in any of it)",
        r"wish (?:i|she|he) (?:was|were|was just|were just) dead",
        r"better off (?:if|when|once) (?:i|she|he) (?:wasn'?t|weren'?t|was not|were not|am not|'?m not|is not|isn'?t) (?:here|around|alive)",
        r"\bpoint (?:\w+ ){0,3}(?:in|of|to) (?:\w+ ){0,2}(?:living|going on|carrying on|carry on|go on|being alive|being here|keep going)\b(?! (?:with|on|the|my|her|his|this) )",
        r"wish (?:i|she|he) (?:\w+ ){0,2}(?:wouldn'?t|would not|didn'?t|did not|won'?t|could just not) wake(?: up)?",
        r"(?:i'?m|i am) (?:just )?a burden (?:to|on) (?:everyone|them|my family)",
        r"(?:want|wants) (?:it|this|everything) (?:all )?to be over\b",
        r"don'?t see the point (?:of|in) (?:going on|living|carrying on|anything|fighting)",
        r"(?:life|living) (?:isn'?t|is not|not) worth",
        r"(?:can'?t|cannot|don'?t think i can) (?:go on|do this anymore|take it anymore|keep (?:going|doing this|living|fighting))",
        r"(?:ready|want|going) to (?:give up on life|end it)",
        r"(?:how to|ways to) (?:kill|end) (?:myself|my life|it all)",
        r"pray\w* (?:\w+ ){0,4}(?:won'?t|wont|don'?t|dont|never|not to|not) wake",
        r"(?:wouldn'?t|wouldnt|would not|won'?t) mind if (?:i|she|he) (?:just )?(?:didn'?t|didnt|did not|don'?t|never|wouldn'?t) wake",
        r"(?:wouldn'?t|wouldnt|would not) mind (?:not waking|dying|being dead|not being here)",
        r"giv\w* (?:all |most of |away )?(?:my|her|his) (?:\w+ ){0,2}(?:things|stuff|belongings|jewell?e?ry|possessions)(?: away)?\b(?!.*\b(?:charity|shop|clear out|declutter))",
        r"given (?:\w+ ){0,3}away to\b",
        r"(?:this|next) (?:weekend|week|friday|saturday|sunday|monday|night) is it\b",
        r"(?:decided|made up my mind)\b.{0,40}\bis (?:it|the day|the night|when)\b",
        r"(?:got|getting|has|had|taken|took) (?:the |a |his |her |my )?(?:shot)?gun (?:out|down)",
        r"(?:take care of|deal with|end) it (?:him|her|my)self before the cancer",
    ),
    "breathing": _rx(
        rf"{CANT}\s+(?:\w+\s+){{0,2}}(?:{BREATH})",
        r"(?:short|shortness) (?:of|o) (?:breath|breathe)",
        r"\bsob\b",
        r"breathless",
        r"(?:not|stopped|isn'?t|is not) breathing",
        r"gasping",
        r"(?:lips|face|fingers|skin) (?:are |is |look |looks |turning |turned |going |gone |have gone )?(?:blue|grey|gray|purple)",
        r"chest (?:pain|pains|hurts|hurting|is tight|tightness|feels tight|pressure|is crushing)",
        r"pain in (?:my|her|his|the) chest",
        r"crushing (?:pain|chest)",
        r"choking",
        rf"{CANT} get (?:any )?(?:air|a breath|enough air|my breath)",
        r"cough\w* (?:up )?blood",
        r"(?:vomit\w*|throw\w* up|spit\w* up) blood",
        r"out of breath",
        r"(?:pain|stab\w*|hurts?|sharp) (?:\w+ ){0,4}(?:when|every time|each time|whenever) (?:i|she|he) (?:breathe|breath|take a breath|take a deep breath)",
        r"wheez\w*",
        r"breathing (?:is |very )?(?:fast|rapid|weird|noisy|bad|hard|difficult|worse)",
    ),
    "seizure": _rx(
        r"s(?:ei|ie|e)z(?:ure|ures|ing|ed|in)",
        r"\bfitting\b",
        r"having (?:a |another )?fit",
        r"had (?:a )?fit\b",
        r"convuls\w*",
        r"jerking",
        r"shaking (?:all over|uncontrollably|and (?:not|won'?t|isn'?t) respond\w*)",
        r"(?:not|isn'?t|won'?t|wont) (?:respond\w*|wake up|waking)",
        r"unresponsive",
        r"unconscious",
        r"passed out",
        r"can'?t (?:wake|rouse) (?:her|him|them|my \w+|mum|mom|dad)",
        r"won'?t wake(?: up)?",
        r"collapsed",
        r"blacked out",
        r"eyes (?:rolled|rolling)",
    ),
    "headache": _rx(
        r"head ?ache\w*",
        r"head (?:pain|hurts|is pounding|is killing|is splitting|is exploding)",
        r"migraine",
        r"pain in (?:my|her|his) head",
        r"\bha\b",
    ),
    "stated_emergency": _rx(
        r"\bemergency\b",
        r"\b911\b",
        r"\b999\b",
        r"ambulance",
        r"\bsos\b",
        r"dying right now",
        r"think (?:she|he|i)'?s? (?:is |am )?dying",
    ),
    "severe": _rx(
        r"worst",
        r"severe",
        r"terrible",
        r"really bad",
        r"so bad",
        r"splitting",
        r"sudden\w*",
        r"excruciating",
        r"blinding",
        r"unbearable",
        r"awful",
        r"horrendous",
        r"agony",
        r"intense",
        r"thunderclap",
        r"out of nowhere",
        r"exploding",
    ),
    "neuro_sign": _rx(
        r"confus\w*",
        r"disorient\w*",
        r"vomit\w*",
        r"throw\w* up",
        r"being sick",
        r"puk\w*",
        r"vision",
        r"see(?:ing)? double",
        r"double vision",
        r"blurr\w*",
        r"can'?t see",
        r"lost (?:my |her |his )?sight",
        r"blind",
        r"slurr\w*",
        r"droop\w*",
        r"light hurts",
        r"stiff neck",
        r"neck (?:is )?stiff",
        r"jumbled",
        r"garbled",
        r"(?:weak|numb)\w* on one side",
        r"one side (?:of (?:my|her|his) (?:face|body) )?(?:is )?(?:weak|numb|drooping)",
        r"can'?t (?:speak|talk|get (?:my|her|his) words out)",
        r"not making sense",
        r"talking nonsense",
    ),
    "stroke_like": _rx(
        r"slurr\w* (?:speech|words|her words|his words|talking)",
        r"(?:speech|words) (?:is |are |went |has gone |have gone |got |sounds? )?(?:all )?slurr\w*",
        r"face (?:is )?droop\w*",
        r"droop\w* (?:face|mouth|on one side)",
        r"(?:arm|leg|side|face) (?:has )?(?:gone )?(?:weak|numb|limp|dead)\w* on one side",
        r"one side (?:of (?:my|her|his) (?:face|body) )?(?:has )?(?:gone |is |went |looks |look |seems )?(?:weak|numb|limp|droop\w*)",
        r"sudden\w* (?:very )?confus\w*",
        r"can'?t (?:speak|talk|get (?:my|her|his) words out)",
        r"(?:left|right) (?:arm|leg|side|hand)\b[\w\s']{0,30}(?:weak|numb|limp|heavy|dead)",
        r"can'?t (?:lift|move|feel) (?:my|her|his) (?:left|right) ",
        r"(?:words|speech) (?:are |is )?(?:coming out )?(?:all )?(?:jumbled|garbled|slurred|wrong)",
        r"mouth (?:looks |is )?droop\w*",
        r"(?:suddenly )?lost (?:the )?(?:vision|sight) in",
        r"sudden\w* (?:can'?t see|blind)",
        r"(?:right|left) side (?:is |has gone |went )?(?:weak|numb|limp|floppy)",
    ),
    "back": _rx(
        r"back (?:pain|hurts|hurting|ache|is killing|is agony|is sore|is really sore)",
        r"backache",
        r"pain in (?:my|her|his|the) (?:back|spine|lower back)",
        r"spine (?:pain|hurts)",
        r"\bback\b",
        r"spinal",
        r"\bspine\b",
        r"band (?:of pain )?(?:round|around) (?:my|her|his) (?:ribs|chest|middle|waist|body)",
    ),
    "legs_weak": _rx(
        r"(?:legs?|feet|foot) (?:\w+ ){0,3}(?:weak\w*|numb\w*|tingl\w*|clumsy|giv\w* (?:way|out)|gave (?:way|out)|buckl\w*|like jelly|won'?t (?:hold|work|move)|not working|heavy|dead)",
        r"(?:weak\w*|numb\w*|tingl\w*|no feeling|pins and needles) (?:\w+ ){0,5}(?:legs?|feet|foot|toes|waist)",
        r"(?:can'?t|cant|cannot) (?:walk|stand|stand up|get up|move (?:\w+ )?legs|feel (?:\w+ )?(?:legs|feet))",
        r"(?:unable|not able) to (?:walk|stand)",
        r"stopped walking",
        r"numb (?:from|below) (?:the|my|her|his) (?:waist|hips|belly button)",
        r"fall\w* over",
        r"(?:feet|legs) (?:\w+ ){0,2}(?:feel|feels|felt) (?:like (?:they|it) (?:belong|belongs|belonged) to someone else|dead|wooden|like jelly)",
    ),
    "legs_strong": _rx(
        r"(?:can'?t|cant|cannot|unable to|not able to) (?:walk|stand|stand up|get up|(?:move|lift) (?:\w+ )?legs?|feel (?:\w+ )?(?:legs|feet))",
        r"(?:can|could) (?:barely|hardly|only just) (?:walk|stand|(?:move|lift|feel) (?:\w+ )?legs?)",
        r"legs? (?:\w+ ){0,2}(?:gave|giv\w*|giving) (?:way|out)",
        r"legs? (?:won'?t|wont) (?:hold|work|move)",
        r"buckl\w*",
        r"like jelly",
        r"keeps? falling",
        r"stopped walking",
        r"numb (?:from|below) (?:the|my|her|his) (?:waist|hips|belly button)",
    ),
    "bladder_bowel": _rx(
        r"(?:can'?t|cannot|couldn'?t|unable to) (?:pee|wee|urinate|control (?:my|her|his) (?:bladder|bowels?|pee))",
        r"(?:lost|losing|loss of|no) control (?:of|over) (?:my |her |his |the )?(?:bladder|bowels?|pee|poo)",
        r"incontinen\w*",
        r"wet (?:my|her|him)self",
        r"(?:wett?ing|wets) (?:my|her|him)self",
        r"soiled",
        r"(?:peed|pooed|pooped|wet) (?:my|her|his)self",
        r"numb\w* (?:between|in) (?:my |her |his )?(?:legs|groin|bottom|bum|saddle)",
        r"saddle numbness",
        r"can'?t (?:tell|feel) when (?:i|she|he) (?:need|needs) to (?:pee|wee|go)",
    ),
    "fever": _rx(
        r"fever\w*",
        r"feverish",
        r"\bchills\b",
        r"shiver\w*",
        r"rigors?",
        r"shaking chills",
        r"burning up",
        r"high (?:temp|temperature)",
        r"temp(?:erature)? (?:is |of |at |was )?(?:high|up|spiking|spiked)",
        r"hot and (?:shivery|cold|shaking)",
        r"sweats and chills",
        r"spiking",
        r"temprature",
        r"tempreture",
        r"fevr",
        r"chils",
        r"running a (?:temp|temperature|fever|high temp)",
        r"(?:has|have|got|with) a (?:temp|temperature)\b",
        r"the shakes",
        r"hot to (?:the )?touch",
        r"burning hot",
        r"shaking and (?:hot|cold)",
        r"teeth (?:are |were |keep )?chatter\w*",
        r"drenched in sweat",
        r"sweat\w* (?:\w+ ){0,2}(?:then|and) (?:freezing|shivering|cold)",
    ),
    "chemo": _rx(
        r"chemo\w*",
        r"chemotherapy",
        r"infusion",
        r"\bcycle\b",
        r"(?:my|her|his) (?:treatment|round)\b",
        r"\bkemo\b",
        r"neutropeni\w*",
        r"low (?:white|blood) count",
        r"white (?:blood )?cells? (?:are |is )?low",
        r"taxol|paclitaxel|docetaxel|taxotere|capecitabine|xeloda|carboplatin|cyclophosphamide|\bac\b|adriamycin|enhertu|trodelvy|eribulin|halaven",
        r"ibrance|palbociclib|kisqali|ribociclib|verzenio|abemaciclib",
        r"\b(?:round|cycle) \d\b",
    ),
    "bleeding": _rx(
        r"cough\w* (?:up )?(?:\w+ ){1,6}blood",
        r"(?:bleed\w*|blood) (?:\w+ ){0,6}(?:won'?t|wont|will not|doesn'?t|does not|can'?t|isn'?t) stop\w*",
        r"(?:bleed\w*) (?:really |very |so )?(?:heavily|a lot|loads|badly|everywhere|non ?stop|without stopping)",
        r"(?:heavy|heavily|a lot of|lots of|loads of|so much|pouring) (?:\w+ ){0,1}(?:bleeding|blood)",
        r"soak\w* (?:\w+ ){0,4}(?:towels?|pads?|dressings?|bandages?|tissues?|through)",
        r"nose ?bleed\w* (?:\w+ ){0,4}(?:won'?t|wont|hasn'?t|not) stop\w*",
        r"coffee grounds?",
        r"(?:throw\w* up|vomit\w*|being sick|sick up) (?:\w+ ){0,5}blood",
    ),
    "line_site": _rx(
        r"\b(?:picc|port|portacath|port-a-cath|(?:central|hickman|iv|picc) line|line site|catheter|cannula)\b",
    ),
    "infected": _rx(
        r"\bred\b",
        r"swollen|swelling",
        r"\bpus\b",
        r"leak\w*|ooz\w*|weep\w*|discharge",
        r"infect\w*",
        r"hot to (?:the )?touch|red hot|red and hot",
        r"yellow (?:stuff|gunk|liquid)|green (?:stuff|gunk)",
    ),
    "confusion": _rx(
        r"confus\w*",
        r"disorient\w*",
        r"not making sense",
        r"talking nonsense",
        r"doesn'?t know where",
        r"out of it",
        r"muddled",
        r"delirious",
        r"not herself|not himself|not with it",
        r"(?:doesn'?t|don'?t|didn'?t) know (?:what day|where (?:she|he|i) (?:is|am)|who i am|me)",
        r"no idea (?:who (?:any of )?(?:us|we|i|anyone)|where (?:she|he) is)",
        r"(?:saying|says|said|talking) (?:\w+ ){0,2}(?:that )?(?:make|makes|made) no sense",
        r"(?:doesn'?t|dont|don'?t|didn'?t|can'?t|cant) (?:know|recogni[sz]e) (?:who (?:any of )?(?:us|we|i|anyone)|any of us|anyone|us|her own|his own)",
        r"forgetting everything",
        r"mixed up",
        r"(?:very|really|so) drowsy",
    ),
    "thirst_vomit": _rx(
        r"thirst\w*",
        r"drinking (?:loads|so much|lots|constantly|all the time|gallons)",
        r"parched",
        r"vomit\w*",
        r"throw\w* up",
        r"being sick",
        r"puk\w*",
        r"peeing (?:a lot|loads|constantly|all the time)",
        r"urinating (?:a lot|constantly|all the time)",
        r"constipat\w*",
        r"can'?t stop drinking",
        r"keeps? (?:asking for|drinking) (?:water|drinks)",
        r"wee\w* (?:a lot|loads|constantly|all the time)",
        r"peeing (?:loads|so much)",
    ),
}

PERSONAL = re.compile(
    r"\b(?:i|i'?m|im|i'?ve|ive|i'?d|me|my|myself|we|we're|our|us|she|she'?s|shes|he|he'?s|hes|her|his|him|they|they'?re|their|them|"
    r"mum|mom|mommy|mummy|mother|ma|dad|daddy|father|wife|husband|hubby|partner|gf|bf|girlfriend|boyfriend|sister|sis|brother|son|daughter|"
    r"friend|nan|nana|gran|granny|grandma|grandmother|grandpa|aunt|auntie|uncle|cousin|niece|nephew|neighbour|neighbor|ma|mi)\b"
)
GENERAL_START = re.compile(
    r"^\s*(?:what|whats|what'?s|which|can|could|does|do|is|are|how|why|will|would|should|when|where|tell me|explain|define|list|signs|symptoms|any)\b"
)
GENERAL_HINT = re.compile(
    r"\b(?:in general|generally|usually|common|typical|normal|symptoms? of|signs? of|cause|causes|risk of|side effects?)\b"
)
HYPOTHETICAL = re.compile(
    r"\b(?:what (?:should|do|can|would|shall) (?:i|we) do|what to do|what happens|what would happen) if\b|"
    r"\b(?:just )?in case\b|\bto be prepared\b|\bbe ready if\b"
)
PAST = re.compile(
    r"\b(?:last (?:year|month|spring|summer|fall|autumn|winter|time)|(?:years?|months?|weeks?) ago|in (?:19|20)\d\d|back in|"
    r"used to|before (?:my|her|his) diagnosis|history of|previously|in the past|once had|had one before|when i was|when she was|when he was|"
    r"has gone away|went away|is gone|gone now|cleared up|fine now|better now|ok now|okay now|resolved|settled)\b"
)
NOW = re.compile(
    r"\b(?:now|right now|rn|tonight|today|this (?:morning|evening|afternoon)|just|sudden|suddenly|keeps?|won'?t stop|since|currently|at the moment|atm|still|help|hurry|asap)\b"
)
NEGATION_BEFORE = re.compile(
    r"\b(?:no|not|never|without|denies|isn'?t|wasn'?t|hasn'?t|haven'?t|doesn'?t|don'?t|didn'?t)\b[\w\s']{0,14}$"
)
# Clauses: split at sentence ends (not decimal points), semicolons, commas and "but".
CLAUSE = re.compile(r"(?<!\d)[.!?;]+|[.!?;]+(?!\d)|,|\n+|\bbut\b")
# Onset anywhere in the message makes a symptom current even if asked as a question
# ("is chest pain a side effect of X? it started 20 minutes ago").
ONSET = re.compile(
    r"\b(?:started|began|came on|kicked in|(?:\d+|few|couple of) (?:minutes?|mins?|hours?|hrs?) ago|right now|\brn\b|tonight|"
    r"getting worse|won'?t stop|since (?:last night|this morning|yesterday|an hour|lunch|earlier))\b"
)
TEMP = re.compile(r"(?<![\d.])(\d{2,3}(?:[.,]\d)?)\s*(?:°|º|deg\w*|c\b|f\b|celsius|fahrenheit)?")


def normalize(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    text = re.sub(r"(\w)\1{2,}", r"\1\1", text)  # "pleeeease" -> "pleease"
    return re.sub(r"[ \t]+", " ", text)


def _sentences(text: str) -> list[str]:
    return [c for c in CLAUSE.split(text) if c and c.strip()] or [text]


def _hot(sentence: str, name: str) -> str | None:
    """The first non-negated match of signal ``name`` in a sentence."""
    for m in SIGNALS[name].finditer(sentence):
        before = sentence[: m.start()]
        if NEGATION_BEFORE.search(before) and not re.match(r"(?:not|no|can|couldn|isn|won|don)", m.group(0)):
            continue
        return m.group(0)
    return None


def _situational(sentence: str, onset: bool = False) -> bool:
    """True when the clause is about someone now, not a general or past question.
    ``onset``: the message elsewhere says the symptom is happening now."""
    personal = bool(PERSONAL.search(sentence))
    if not personal and (GENERAL_START.search(sentence) or GENERAL_HINT.search(sentence)):
        return onset
    if HYPOTHETICAL.search(sentence) and not NOW.search(sentence):
        return onset  # "what should I do if she has a seizure?": preparing, not reporting
    if PAST.search(sentence) and not NOW.search(sentence):
        return False
    if personal and GENERAL_START.search(sentence) and GENERAL_HINT.search(sentence) and not NOW.search(sentence):
        # "can my chemo cause fever?" is a question about a side effect, not a report.
        return bool(
            re.search(
                r"\b(?:i|i'?ve|i'?m|she|he|she'?s|he'?s)\b\s+(?:\w+\s+){0,2}(?:ha[sd]|have|got|is|am|feel|can'?t)",
                sentence,
            )
        )
    return True


def _fever_number(text: str) -> bool:
    for m in TEMP.finditer(text):
        try:
            value = float(m.group(1).replace(",", "."))
        except ValueError:
            continue
        if 38.0 <= value <= 43.0 or 100.4 <= value <= 108.0:
            window = text[max(0, m.start() - 30) : m.end() + 10]
            if re.search(r"temp|fever|°|º|deg|celsius|fahrenheit|\d\s*[cf]\b|thermometer|reading|running", window):
                return True
    return False


def _signal_anywhere(sentences: list[str], name: str, situational: bool = True, onset: bool = False) -> str | None:
    for s in sentences:
        hit = _hot(s, name)
        if hit and (not situational or _situational(s, onset)):
            return hit
    return None


_BARE_TEMP = re.compile(r"(?<![\d.])(3[89](?:[.,]\d)?|4[0-2](?:[.,]\d)?|10[0-6](?:[.,]\d)?)(?![\d])")
_BARE_DECIMAL = re.compile(r"(?<![\d.,])(?:3[89][.,]\d|4[0-2][.,]\d|10[0-6][.,]\d)(?![\d])")
_UNIT_AFTER = re.compile(r"\s*(?:mg|ml|mcg|kg|lbs?|%|percent|pounds|years?|yrs?|yo|cm|mm)\b")


def _bare_fever(text: str) -> bool:
    """A decimal temperature with no unit ("now 38.1"), in a message that names chemo."""
    return any(not _UNIT_AFTER.match(text[m.end() :]) for m in _BARE_DECIMAL.finditer(text))


_NOT_TEMP = re.compile(r"\b(?:years?|yrs?|yo|old|age|aged|mg|ml|months?|kg|lbs?|pounds|percent|%|minutes?|hours?)\b")


def _temp_in_chemo_talk(text: str) -> bool:
    """A bare temperature in a short message while the conversation is about chemo
    ("what if it's 38?", "she's 38.4 now")."""
    if len(text.split()) > 12 or _NOT_TEMP.search(text):
        return False
    for m in _BARE_TEMP.finditer(text):
        value = float(m.group(1).replace(",", "."))
        if 38.0 <= value <= 43.0 or 100.4 <= value <= 106.9:
            return True
    return False


def detect_all(text: str, chemo_context: bool = False) -> list[RedFlag]:
    """Every red flag in a message (empty list = none). ``chemo_context``: the
    conversation is about chemotherapy, so a fever or a temperature alone counts."""
    norm = normalize(text or "")
    if not norm.strip():
        return []
    onset = bool(ONSET.search(norm))
    sents = _sentences(norm)

    def situation(name: str) -> str | None:
        return _signal_anywhere(sents, name, onset=onset)

    flags: list[RedFlag] = []

    def add(kind: str, evidence: str) -> None:
        flags.append(RedFlag(kind, LEVELS[kind], evidence))

    hit = _signal_anywhere(sents, "suicide", situational=False)
    if hit and not (re.search(r"suicide (?:rate|risk|statistic|prevention)", norm) and not PERSONAL.search(norm)):
        add("suicide", hit)
    if hit := situation("breathing"):
        add("breathing", hit)
    if hit := situation("seizure"):
        add("seizure", hit)
    if not flags and (hit := situation("stated_emergency")):
        add("stated_emergency", hit)
    head = situation("headache")
    thunderclap = bool(
        head and _hot(norm, "severe") and re.search(r"sudden|out of nowhere|worst|thunderclap|exploding", norm)
    )
    if head and (_hot(norm, "neuro_sign") or _hot(norm, "confusion") or thunderclap):
        add("neuro", head)
    elif hit := situation("stroke_like"):
        add("neuro", hit)
    back, legs, bladder = _hot(norm, "back"), situation("legs_weak"), situation("bladder_bowel")
    legs_severe = situation("legs_strong")
    if (
        (back and legs)
        or legs_severe
        or (bladder and (back or legs or "numb" in norm))
        or (bladder and "saddle" in (bladder or ""))
    ):
        add("spinal_cord", " + ".join(x for x in (back, legs, bladder) if x))
    fever = situation("fever") or (_fever_number(norm) and "temperature")
    if (
        fever
        and (_hot(norm, "chemo") or chemo_context)
        and any(_situational(s, onset) for s in sents if _hot(s, "fever") or _fever_number(s))
    ):
        add("fever_chemo", str(fever))
    elif (chemo_context or _hot(norm, "chemo")) and (_fever_number(norm) or _temp_in_chemo_talk(norm)):
        add("fever_chemo", "temperature")
    elif (hit := situation("fever")) and _fever_number(norm):
        # chills or shivering with a measured fever, treatment named or not
        add("fever_chemo", f"{hit} + temperature")
    line = situation("line_site")
    if line and (sign := _hot(norm, "infected")):  # a red, swollen or oozing line site
        add("line_infection", f"{line} + {sign}")
    elif streak := re.search(r"red (?:line|streak)s? (?:\w+ ){0,2}up", norm):
        add("line_infection", streak.group(0))  # a red line spreading up from a cut: infection
    chemo_named = bool(_hot(norm, "chemo")) or chemo_context
    if chemo_named and not any(f.level == "care_team" for f in flags) and _bare_fever(norm):
        add("fever_chemo", "temperature")  # "37.9 an hour ago, now 38.1 … neutropenic"
    if hit := situation("bleeding"):
        add("bleeding", hit)
    confused = situation("confusion")
    if confused and _hot(norm, "thirst_vomit"):
        add("calcium", f"{confused} + {_hot(norm, 'thirst_vomit')}")
    elif confused and re.search(
        r"\bsudden\w*|out of nowhere|all of a sudden|overnight|this morning|today|"
        r"(?:was|were) (?:totally |completely |perfectly )?(?:fine|normal|ok|okay|herself|himself) (?:\w+ ){0,2}"
        r"(?:yesterday|this morning|last night|earlier|breakfast|lunch|dinner|tea|this afternoon|ago)",
        norm,
    ):
        add("neuro", f"sudden {confused}")
    return flags


def detect(text: str) -> RedFlag | None:
    """The most pressing red flag in a message, if any (crisis > emergency > care team)."""
    flags = detect_all(text)
    order = {"crisis": 0, "emergency": 1, "care_team": 2}
    return min(flags, key=lambda f: order[f.level]) if flags else None
