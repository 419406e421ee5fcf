"""Measure the Kazakh stemmer's conflation on the gold data in ../shared/data/kazakh/.

Every distinct form goes through the stemmer as a subprocess, one form per line, by default
``python -m baspa.kazakh stem``: the same code ``baspa kk stem`` runs. ``--cmd`` runs another
command that reads forms on stdin and writes one stem per line.

Figures, for each gold file, with forms in Cyrillic only and with every form given in both
scripts (its 2021 Latin spelling added as a form of the same lemma, which must get the stem of
its Cyrillic twin):

- recall: the share of same-lemma form pairs that get one stem;
- precision: the share of same-stem pairs that are truly one lemma;
- OI, Paice's over-stemming index: wrongly merged pairs / pairs of different lemmas;
- words/s: distinct forms per second through one stemmer process, startup excluded (the best
  of three runs on no input is subtracted), measured on every distinct form of both files in
  both scripts (no form repeats, so the stemmer's cache never helps), best of three runs.

Pairs are counted from group sizes (n * (n - 1) / 2), never enumerated. Forms and lemmas are
compared in lower case (the stemmer ignores case; search lower-cases too); a form listed under
two lemmas counts for its most frequent one.
"""

from __future__ import annotations

import argparse
import csv
import os
import shlex
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "kazakh"
FILES = {"nouns (UniMorph)": "unimorph_nouns_dev.tsv", "running text (UD KTB)": "ud_ktb_dev.tsv"}
GOALS = {"nouns (UniMorph)": (0.92, 0.98), "running text (UD KTB)": (0.80, 0.93)}


@dataclass
class Figures:
    forms: int
    recall: float
    precision: float
    overstemming: float


def load(path: Path) -> dict[str, str]:
    """Distinct lower-cased form -> its most frequent lower-cased lemma."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            counts[row["form"].lower()][row["lemma"].lower()] += int(row["count"] or 1)
    return {form: lemmas.most_common(1)[0][0] for form, lemmas in counts.items()}


def pairs(n: int) -> int:
    return n * (n - 1) // 2


def conflation(items: list[tuple[str, str]]) -> Figures:
    """``items``: (lemma, stem) for each form."""
    by_lemma = Counter(lemma for lemma, _ in items)
    by_stem = Counter(stem for _, stem in items)
    by_both = Counter(items)
    same_lemma = sum(pairs(n) for n in by_lemma.values())
    same_stem = sum(pairs(n) for n in by_stem.values())
    both = sum(pairs(n) for n in by_both.values())
    different_lemma = pairs(len(items)) - same_lemma
    return Figures(
        forms=len(items),
        recall=both / same_lemma if same_lemma else 1.0,
        precision=both / same_stem if same_stem else 1.0,
        overstemming=(same_stem - both) / different_lemma if different_lemma else 0.0,
    )


def run(cmd: list[str], words: list[str]) -> tuple[list[str], float]:
    data = ("\n".join(words) + "\n").encode("utf-8") if words else b""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    started = time.perf_counter()
    done = subprocess.run(cmd, input=data, capture_output=True, check=True, env=env)
    elapsed = time.perf_counter() - started
    out = done.stdout.decode("utf-8").split("\n")[: len(words)]
    if len(out) != len(words):
        raise SystemExit(f"stemmer gave {len(out)} lines for {len(words)} forms")
    return out, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cmd", help="stemmer command (default: python -m baspa.kazakh stem)")
    parser.add_argument("--data", type=Path, default=DATA, help="folder with the gold TSV files")
    parser.add_argument("--errors", type=int, default=0, help="show N worst groups per file")
    args = parser.parse_args(argv)
    cmd = shlex.split(args.cmd) if args.cmd else [sys.executable, "-m", "baspa.kazakh", "stem"]

    sys.path.insert(0, str(ROOT))
    from baspa.kazakh import to_latin  # only to make the Latin twins

    startup = min(run(cmd, [])[1] for _ in range(3))
    print(f"command: {shlex.join(cmd)}")
    print("| data | scripts | forms | recall | precision | OI | goal |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    every_form: set[str] = set()
    all_met = True
    for label, name in FILES.items():
        gold = load(args.data / name)
        cyr = sorted(gold)
        mixed = sorted(set(cyr) | {to_latin(form) for form in cyr})
        lemma_of = {**gold, **{to_latin(form): gold[form] for form in cyr}}
        for scripts, forms in (("Cyrillic", cyr), ("both", mixed)):
            every_form.update(forms)
            stems, _ = run(cmd, forms)
            figures = conflation([(lemma_of[f], s) for f, s in zip(forms, stems, strict=True)])
            goal_recall, goal_precision = GOALS[label]
            met = figures.recall >= goal_recall and figures.precision >= goal_precision
            if scripts == "both":
                stem_by_form = dict(zip(forms, stems, strict=True))
                twins_ok = all(stem_by_form[f] == stem_by_form[to_latin(f)] for f in cyr)
                met = met and twins_ok
            all_met &= met
            print(
                f"| {label} | {scripts} | {figures.forms} | {figures.recall:.3f} | "
                f"{figures.precision:.3f} | {figures.overstemming:.5f} | "
                f"{'met' if met else 'NOT met'} (R ≥ {goal_recall}, P ≥ {goal_precision}) |"
            )
            if args.errors and scripts == "Cyrillic":
                show_errors(gold, dict(zip(forms, stems, strict=True)), args.errors)
    words = sorted(every_form)
    elapsed = min(run(cmd, words)[1] for _ in range(3))
    rate = len(words) / max(elapsed - startup, 1e-9)
    speed_met = rate >= 100_000
    all_met &= speed_met
    print(
        f"\nspeed: {len(words)} distinct forms in {elapsed - startup:.3f} s after "
        f"{startup * 1000:.0f} ms startup: {rate:,.0f} words/s "
        f"({'met' if speed_met else 'NOT met'}, goal ≥ 100,000)"
    )
    print("all goals met" if all_met else "some goals NOT met")
    return 0 if all_met else 1


def show_errors(gold: dict[str, str], stem_of: dict[str, str], limit: int) -> None:
    by_lemma: dict[str, list[str]] = defaultdict(list)
    by_stem: dict[str, set[str]] = defaultdict(set)
    for form, lemma in gold.items():
        by_lemma[lemma].append(form)
        by_stem[stem_of[form]].add(lemma)
    split = sorted(by_lemma.items(), key=lambda kv: -len({stem_of[f] for f in kv[1]}))
    print("  split lemmas:")
    for lemma, forms in split[:limit]:
        stems = Counter(stem_of[f] for f in forms)
        if len(stems) > 1:
            print(f"    {lemma}: {dict(stems)} {sorted(forms)[:12]}")
    merged = sorted(by_stem.items(), key=lambda kv: -len(kv[1]))
    print("  merged stems:")
    for stem, lemmas in merged[:limit]:
        if len(lemmas) > 1:
            print(f"    {stem}: {sorted(lemmas)[:10]}")


if __name__ == "__main__":
    raise SystemExit(main())
