"""Put translators' texts into the store, next to the English of each answer.

    python scripts/import_translations.py es FILE.yml [FILE.yml ...]

Each FILE has ``answers: {<id>: {question, short, detail, simple, caveat, keywords,
questions}}``. For every id, the answer's ``es:`` block in data/knowledge/answers/*.yml is
written (or replaced) right after the answer's other keys, as a draft (``status: draft``):
a new text is never shown as reviewed until someone signs it with
``python -m mbc review ID --lang es --by "Name, credential"``. Other lines are kept.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = ROOT / "data" / "knowledge" / "answers"
TEXT_KEYS = ("question", "short", "detail", "simple", "caveat")
WIDTH = 88


def _folded(key: str, text: str, indent: str) -> list[str]:
    body = textwrap.wrap(" ".join(str(text).split()), width=WIDTH - len(indent) - 2)
    return [f"{indent}{key}: >-\n"] + [f"{indent}  {line}\n" for line in body]


def block(lang: str, rec: dict, indent: str) -> list[str]:  # type: ignore[type-arg]
    inner = indent + "  "
    out = [f"{indent}{lang}:\n", f"{inner}question: {json.dumps(str(rec['question']).strip(), ensure_ascii=False)}\n"]
    for key in TEXT_KEYS[1:]:
        if rec.get(key):
            out += _folded(key, rec[key], inner)
    if rec.get("keywords"):
        out.append(f"{inner}keywords: {json.dumps([str(k) for k in rec['keywords']], ensure_ascii=False)}\n")
    out.append(f"{inner}questions:\n")
    out += [
        f"{inner}  - {json.dumps(' '.join(str(q).split()), ensure_ascii=False)}\n" for q in rec.get("questions") or ()
    ]
    out.append(f"{inner}status: draft\n")
    return out


def merge(path: Path, lang: str, texts: dict[str, dict]) -> list[str]:  # type: ignore[type-arg]
    sys.path.insert(0, str(ROOT))
    from mbc.review import _answer_block, _key_spans

    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    done = []
    ids = [str(r["id"]) for r in (yaml.safe_load("".join(lines)) or {}).get("answers") or []]
    for answer_id in ids:
        if answer_id not in texts:
            continue
        start, end, key_indent = _answer_block(lines, answer_id)
        spans = _key_spans(lines, start, end, key_indent)
        new = block(lang, texts[answer_id], " " * key_indent)
        if lang in spans:
            s, e = spans[lang]
            lines[s:e] = new
        else:
            lines[end:end] = new
        done.append(answer_id)
    path.write_text("".join(lines), encoding="utf-8")
    yaml.safe_load(path.read_text(encoding="utf-8"))  # still valid YAML
    return done


def main(argv: list[str]) -> int:
    lang, files = argv[0], argv[1:]
    texts: dict[str, dict] = {}  # type: ignore[type-arg]
    for f in files:
        texts.update((yaml.safe_load(Path(f).read_text(encoding="utf-8")) or {}).get("answers") or {})
    done: list[str] = []
    for path in sorted(ANSWERS.glob("*.yml")):
        done += merge(path, lang, texts)
    missing = sorted(set(texts) - set(done))
    print(f"{len(done)} answers given {lang}: texts" + (f"; unknown ids: {missing}" if missing else ""))
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
