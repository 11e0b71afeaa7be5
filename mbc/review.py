"""Clinician sign-off: who reviewed an answer, when, and whether the text is still the one
they signed.

    python -m mbc review ANSWER_ID --by "Jane Doe, MD" [--on 2026-05-01] [--lang en]

records in the answer's YAML file (and nowhere else in it):

    status: reviewed
    reviewed_by: "Jane Doe, MD"
    reviewed_on: 2026-05-01
    signed_hash: "…"        # of short + detail + caveat + simple + citations

An answer counts as reviewed only while its text still has that hash: change a word, a
citation or the simple version and it is shown as a draft ("not yet reviewed by a
clinician") until someone signs it again. The bot never claims a review that did not
happen.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from mbc.model import Answer

STATUSES = ("draft", "reviewed")
LANGUAGES = ("en", "es")  # English, and the Spanish texts (``es:`` in each answer)
HASH_CHARS = 16  # 64 bits of sha256: enough to notice any change to the signed text
REVIEW_KEYS = ("status", "reviewed_by", "reviewed_on", "signed_hash")  # what `mbc review` writes
RE_REVIEW_DAYS = 365  # a signed answer is due for review again after 12 months

# Credentials and titles that are not a name. A reviewer must be "Name, CREDENTIAL".
CREDENTIALS = frozenset(
    c.lower()
    for c in (
        "MD",
        "DO",
        "MBBS",
        "MBChB",
        "MB",
        "BS",
        "BCh",
        "PhD",
        "RN",
        "BSN",
        "MSN",
        "DNP",
        "NP",
        "APRN",
        "ANP",
        "FNP",
        "AOCNP",
        "AOCN",
        "OCN",
        "CBCN",
        "PA",
        "PA-C",
        "PharmD",
        "BCOP",
        "RPh",
        "MPH",
        "MS",
        "MSc",
        "MA",
        "FACP",
        "FACS",
        "FASCO",
        "FRCP",
        "FRCPC",
        "FRCS",
        "MRCP",
        "LCSW",
        "MSW",
        "CNS",
        "CNM",
        "RD",
        "LPN",
        "DrPH",
        "ScD",
        "FAAN",
        "Jr",
        "Sr",
        "II",
        "III",
    )
)
TITLES = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "miss", "doctor"})
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’.\-]*$")


def _norm(token: str) -> str:
    return token.strip(".,;").lower()


def _is_credential(token: str) -> bool:
    t = token.strip(".,;")
    return t.lower() in CREDENTIALS or t.replace(".", "").lower() in CREDENTIALS


def reviewer_problem(name: str, need_credential: bool = True) -> str | None:
    """Why ``name`` is not a usable reviewer ("Jane Doe, MD"), or None if it is.
    A person needs a name, not only a credential ("MD") or a title ("Dr")."""
    text = " ".join(str(name or "").split())
    if not text:
        return "no reviewer named"
    head, _, rest = text.partition(",")
    tokens = head.split()
    names = [t for t in tokens if not _is_credential(t) and _norm(t) not in TITLES and _NAME_TOKEN.match(t)]
    if not any(len(t.strip(".")) >= 2 for t in names):
        return f"reviewer {text!r} has no name (a credential or title alone is not a person)"
    if need_credential:
        creds = [t for t in tokens if _is_credential(t)] + [t for t in re.split(r"[\s,]+", rest) if t]
        if not creds:
            return f'reviewer {text!r} has no credential: write it as "Name, MD" (or RN, NP, PhD …)'
    return None


def signed_text(answer: Answer, lang: str = "en") -> str:
    """The canonical text a reviewer signs: every word people read, and what it cites.
    For a translation: its own texts and question, the same citations."""
    t = answer.text_in(lang) if lang != "en" else None
    text = t or answer
    data = {
        "short": text.short,
        "detail": text.detail,
        "caveat": text.caveat,
        "simple": text.simple,
        "citations": [[c.source, c.section] for c in answer.citations],
    }
    if t is not None:
        data["lang"] = lang
        data["question"] = t.question
    return json.dumps(
        data,
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )


def signed_hash(answer: Answer, lang: str = "en") -> str:
    return hashlib.sha256(signed_text(answer, lang).encode("utf-8")).hexdigest()[:HASH_CHARS]


def _review_record(answer: Answer, lang: str) -> tuple[str, str, dt.date | None, str] | None:
    """(status, reviewed_by, reviewed_on, signed_hash) of the answer's text in ``lang``."""
    if lang == "en":
        return answer.status, answer.reviewed_by, answer.reviewed_on, answer.signed_hash
    t = answer.text_in(lang)
    return (t.status, t.reviewed_by, t.reviewed_on, t.signed_hash) if t else None


def is_signed(answer: Answer, lang: str = "en") -> bool:
    """True only while a named clinician's sign-off covers the text as it is now."""
    rec = _review_record(answer, lang)
    if rec is None:
        return False
    status, by, on, stored = rec
    return (
        status == "reviewed"
        and reviewer_problem(by) is None
        and on is not None
        and bool(stored)
        and stored == signed_hash(answer, lang)
    )


def text_changed_since_signed(answer: Answer, lang: str = "en") -> bool:
    rec = _review_record(answer, lang)
    if rec is None:
        return False
    status, _, _, stored = rec
    return status == "reviewed" and bool(stored) and stored != signed_hash(answer, lang)


@dataclass(frozen=True)
class Due:
    answer_id: str
    reason: str  # never_signed | text_changed | expired
    since: dt.date | None  # the last sign-off, if any


def due_for_review(answers: list[Answer], today: dt.date | None = None, lang: str = "en") -> list[Due]:
    """Answers a clinician should (re)read: never signed, changed since signed, or signed
    more than 12 months ago (in ``lang``: answers with a text in that language)."""
    today = today or dt.date.today()
    out = []
    for a in answers:
        rec = _review_record(a, lang)
        if rec is None:
            continue
        on = rec[2]
        if text_changed_since_signed(a, lang):
            out.append(Due(a.id, "text_changed", on))
        elif not is_signed(a, lang):
            out.append(Due(a.id, "never_signed", None))
        elif on and (today - on).days > RE_REVIEW_DAYS:
            out.append(Due(a.id, "expired", on))
    return out


class ReviewError(ValueError):
    pass


# ---------------------------------------------------------------------------------------
# Recording a sign-off in the YAML file, keeping its layout (comments, order, folding).

_KEY = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_][\w-]*):(?:\s|$)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _answer_block(lines: list[str], answer_id: str) -> tuple[int, int, int]:
    """(first line, end line (exclusive), key indent) of the answer ``answer_id``."""
    item = re.compile(r"^(?P<indent> *)- +id: *(?P<q>[\"']?)" + re.escape(answer_id) + r"(?P=q) *(?:#.*)?$")
    starts = [i for i, line in enumerate(lines) if item.match(line.rstrip("\n"))]
    if len(starts) != 1:
        raise ReviewError(f"found {len(starts)} '- id: {answer_id}' lines; edit this file by hand")
    start = starts[0]
    m = item.match(lines[start].rstrip("\n"))
    assert m is not None
    dash = len(m.group("indent"))
    key_indent = lines[start].index("id:")
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if line.strip() and not line.lstrip().startswith("#") and _indent(line) <= dash:
            break
        end += 1
    while end > start + 1 and not lines[end - 1].strip():  # trailing blank lines belong between items
        end -= 1
    return start, end, key_indent


def _key_spans(lines: list[str], start: int, end: int, key_indent: int) -> dict[str, tuple[int, int]]:
    """Each top-level key of the answer: (first line, end line exclusive), with its value's
    continuation lines; blank and comment lines just before the next key are left out."""
    keys: list[tuple[str, int]] = [("id", start)]
    for i in range(start + 1, end):
        m = _KEY.match(lines[i])
        if m and len(m.group("indent")) == key_indent:
            keys.append((m.group("key"), i))
    spans: dict[str, tuple[int, int]] = {}
    for n, (key, i) in enumerate(keys):
        stop = keys[n + 1][1] if n + 1 < len(keys) else end
        while stop > i + 1 and (not lines[stop - 1].strip() or lines[stop - 1].lstrip().startswith("#")):
            stop -= 1
        spans[key] = (i, stop)
    return spans


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def set_review_keys(text: str, answer_id: str, values: dict[str, str], lang: str = "en") -> str:
    """``text`` (a YAML answers file) with the review keys of one answer (or of its
    ``lang:`` block) set to ``values`` (already YAML scalars); every other line is kept."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start, end, key_indent = _answer_block(lines, answer_id)
    spans = _key_spans(lines, start, end, key_indent)
    if lang != "en":
        if lang not in spans:
            raise ReviewError(f"answer {answer_id!r} has no {lang}: block to sign")
        block_start, end = spans[lang]
        key_indent = next(
            (_indent(lines[i]) for i in range(block_start + 1, end) if _KEY.match(lines[i])), key_indent + 2
        )
        spans = {k: v for k, v in _key_spans(lines, block_start, end, key_indent).items() if k != "id"}
    old = sorted((spans[k] for k in REVIEW_KEYS if k in spans), reverse=True)
    if old:
        at = min(s for s, _ in old)
    elif "reviewed" in spans:
        at = spans["reviewed"][1]
    else:
        at = end
    new = [f"{' ' * key_indent}{k}: {values[k]}\n" for k in REVIEW_KEYS if k in values]
    for s, e in old:  # bottom-up, so earlier positions stay valid
        del lines[s:e]
        if s < at:
            at -= e - s
    lines[at:at] = new
    return "".join(lines)


def _records(text: str) -> dict[str, dict]:  # type: ignore[type-arg]
    data = yaml.safe_load(text) or {}
    return {str(r.get("id")): r for r in data.get("answers") or []}


def sign(
    answer_id: str,
    by: str,
    knowledge_dir: Path,
    on: dt.date | None = None,
    lang: str = "en",
) -> tuple[Path, Answer]:
    """Record a clinician's sign-off of ``answer_id`` in its YAML file; returns (file, the
    answer as now loaded). Raises ReviewError (and changes nothing) if it cannot."""
    from mbc.loader import load_corpus

    if lang not in LANGUAGES:
        raise ReviewError(f"no answers in language {lang!r}: the store is written in {', '.join(LANGUAGES)} only")
    problem = reviewer_problem(by)
    if problem:
        raise ReviewError(problem)
    on = on or dt.date.today()
    if on > dt.date.today():
        raise ReviewError(f"the sign-off date {on.isoformat()} is in the future")
    corpus = load_corpus(knowledge_dir)
    found = [a for a in corpus.answers if a.id == answer_id]
    if not found:
        close = difflib.get_close_matches(answer_id, [a.id for a in corpus.answers], n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise ReviewError(f"no answer with id {answer_id!r}{hint}")
    if len(found) > 1:
        raise ReviewError(f"answer id {answer_id!r} is used {len(found)} times; fix that first")
    answer = found[0]
    if lang != "en" and answer.text_in(lang) is None:
        raise ReviewError(f"answer {answer_id!r} has no {lang} text to sign")
    path = knowledge_dir / "answers" / answer.file
    before = path.read_text(encoding="utf-8")
    values = {
        "status": "reviewed",
        "reviewed_by": _quoted(" ".join(by.split())),
        "reviewed_on": on.isoformat(),
        "signed_hash": _quoted(signed_hash(answer, lang)),
    }
    after = set_review_keys(before, answer_id, values, lang)
    _check_only_review_keys_changed(before, after, answer_id, lang)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(after, encoding="utf-8")
    os.replace(tmp, path)
    now = [a for a in load_corpus(knowledge_dir).answers if a.id == answer_id]
    if len(now) != 1 or not is_signed(now[0], lang):
        path.write_text(before, encoding="utf-8")
        raise ReviewError(f"the sign-off of {answer_id!r} did not read back as signed; {path.name} is unchanged")
    return path, now[0]


def _check_only_review_keys_changed(before: str, after: str, answer_id: str, lang: str = "en") -> None:
    old, new = _records(before), _records(after)
    if lang != "en":  # compare the records with the translation's review keys set aside
        for recs in (old, new):
            rec = recs.get(answer_id)
            if rec and isinstance(rec.get(lang), dict):
                rec[lang] = {k: v for k, v in rec[lang].items() if k not in REVIEW_KEYS}
    if old.keys() != new.keys():
        raise ReviewError("editing the file would change its answers; nothing written")
    for aid, rec in old.items():
        other = new[aid]
        if aid != answer_id:
            if rec != other:
                raise ReviewError(f"editing the file would change answer {aid!r}; nothing written")
            continue
        strip = {k: v for k, v in rec.items() if k not in REVIEW_KEYS}
        if strip != {k: v for k, v in other.items() if k not in REVIEW_KEYS}:
            raise ReviewError(f"editing the file would change more than the review of {aid!r}; nothing written")
