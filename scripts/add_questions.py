"""Add ways people ask to the answers' question banks, keeping every other line.

    python scripts/add_questions.py en FILE.yml [FILE.yml ...]   # the English `questions:`
    python scripts/add_questions.py es FILE.yml [FILE.yml ...]   # the `es:` block's `questions:`

Each FILE maps answer ids to lists of questions (``spread-bone: ["...", "..."]``). New
questions go at the end of the answer's bank; one the bank already has (ignoring case and
spacing) is skipped. Bank questions are not part of the text a reviewer signs, so adding
them leaves review status alone. Rebuild the store afterwards (``make build-store``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = ROOT / "data" / "knowledge" / "answers"


def _norm(text: str) -> str:
    return " ".join(str(text).lower().split())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _list_end(lines: list[str], key_line: int, stop: int) -> tuple[int, str]:
    """(where the list under ``key_line`` ends, its item indent)."""
    if lines[key_line].rstrip().endswith("]"):
        raise ValueError(f"line {key_line + 1}: write the bank as a block list, one '- ' per line")
    key_indent = _indent(lines[key_line])
    end, item = key_line + 1, " " * (key_indent + 2)
    while end < stop and (not lines[end].strip() or _indent(lines[end]) > key_indent):
        if lines[end].lstrip().startswith("- "):
            item = " " * _indent(lines[end])
        end += 1
    while end > key_line + 1 and not lines[end - 1].strip():
        end -= 1
    return end, item


def merge(path: Path, lang: str, new: dict[str, list[str]]) -> dict[str, int]:
    sys.path.insert(0, str(ROOT))
    from mbc.review import _answer_block, _key_spans

    text = path.read_text(encoding="utf-8")
    records = {str(r["id"]): r for r in (yaml.safe_load(text) or {}).get("answers") or []}
    lines = text.splitlines(keepends=True)
    added: dict[str, int] = {}
    for answer_id, rec in records.items():
        if answer_id not in new:
            continue
        holder = rec if lang == "en" else (rec.get(lang) or {})
        have = {_norm(q) for q in [holder.get("question", ""), *(holder.get("questions") or [])]}
        todo = []
        for q in new[answer_id]:
            if _norm(q) and _norm(q) not in have:
                have.add(_norm(q))
                todo.append(" ".join(str(q).split()))
        start, end, key_indent = _answer_block(lines, answer_id)
        spans = _key_spans(lines, start, end, key_indent)
        if lang == "en":
            key_line, stop = spans["questions"][0], spans["questions"][1]
        else:
            if lang not in spans:
                raise ValueError(f"{answer_id} has no {lang}: block (scripts/import_translations.py)")
            s, stop = spans[lang]
            inner = [i for i in range(s + 1, stop) if lines[i].strip().startswith("questions:")]
            if len(inner) != 1:
                raise ValueError(f"{answer_id}: no questions: in its {lang}: block")
            key_line = inner[0]
        at, item = _list_end(lines, key_line, stop)
        lines[at:at] = [f"{item}- {json.dumps(q, ensure_ascii=False)}\n" for q in todo]
        added[answer_id] = len(todo)
    out = "".join(lines)
    yaml.safe_load(out)  # still valid YAML
    path.write_text(out, encoding="utf-8")
    return added


def main(argv: list[str]) -> int:
    lang, files = argv[0], argv[1:]
    new: dict[str, list[str]] = {}
    for f in files:
        for k, v in (yaml.safe_load(Path(f).read_text(encoding="utf-8")) or {}).items():
            new.setdefault(str(k), []).extend(str(q) for q in v or ())
    added: dict[str, int] = {}
    for path in sorted(ANSWERS.glob("*.yml")):
        added.update(merge(path, lang, new))
    missing = sorted(set(new) - set(added))
    print(
        f"{sum(added.values())} {lang} questions added to {len(added)} answers"
        + (f"; unknown ids: {missing}" if missing else "")
    )
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
