"""Tune the matcher's thresholds on the development set(s) and print the trade-off curve:
right answers against cited-wrong answers. ``python -m bench.tune tests/data/real_dev.yml``.
Never run it on the blind set."""

from __future__ import annotations

import dataclasses
import itertools
import sys
from pathlib import Path

import yaml

from mbc.lean import block_tensorflow


def main(argv: list[str]) -> int:
    block_tensorflow()
    from mbc.evaluate import evaluate
    from mbc.kb import get_kb
    from mbc.matcher import Thresholds

    if any("blind" in a for a in argv):
        print("refusing to tune on a blind set")
        return 2
    kb = get_kb()
    cases = [c for f in argv for c in yaml.safe_load(Path(f).read_text())["cases"]]
    base = kb.matcher.t
    rows = []
    for answer, margin, suggest in itertools.product((0.5, 0.55, 0.6, 0.65, 0.7), (0.03, 0.05, 0.07, 0.09), (0.35,)):
        kb.matcher.t = dataclasses.replace(base, answer=answer, margin=margin, suggest=suggest)
        r = evaluate(cases, kb)
        rows.append(
            (
                r.rate("answer"),
                r.cited_wrong / r.n,
                r.rate("not_covered"),
                r.rate("out_of_scope"),
                answer,
                margin,
                suggest,
            )
        )
    kb.matcher.t = base
    print("right  cited-wrong  honest  oos   | answer margin suggest")
    for row in sorted(rows, key=lambda x: (x[1], -x[0])):
        print(
            f"{row[0]:.3f}  {row[1]:.3f}        {row[2]:.3f}   {row[3]:.3f} | {row[4]:.2f}   {row[5]:.2f}   {row[6]:.2f}"
        )
    _ = Thresholds
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
