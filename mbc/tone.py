"""Does a message express fear, grief, loneliness or overwhelm? Used to add a short
human acknowledgement and the support options to whatever information was asked for."""

from __future__ import annotations

import re

from mbc.safety import normalize

FEELINGS = re.compile(
    r"\b(?:scared|terrified|afraid|frightened|fear(?:ful)?|panick\w*|anxious|anxiety|worried sick|"
    r"heartbroken|devastated|grie(?:f|ving)|mourning|crying|cry|in tears|sobbing|"
    r"lonely|alone|isolated|overwhelmed|falling apart|can'?t cope|lost|hopeless|helpless|numb inside|"
    r"broken|shattered|angry|furious|why me|so sad|depressed|exhausted emotionally)\b|💔|😢|😭|😞|😔"
)


def expresses_feelings(text: str) -> bool:
    return bool(FEELINGS.search(normalize(text or "")))
