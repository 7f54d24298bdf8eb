"""Benchmark of the enjeux suggester (issue 14): load time, time per suggestion, accuracy.

    python bench/bench_suggest.py [--runs N]

Targets: ≤ 50 ms per suggestion once loaded (median and 95th percentile, on the evaluation descriptions and
on a long pasted text); loading happens in the background in the window, its time is reported here.
Accuracy: the share of evaluation cases whose top-ranked enjeu is right (tests/suggest/suggest_eval.py),
for the shipped suggester, the same scorer with other ways of normalising French words, without lexicon,
and the crude TF-IDF baseline. Figures, not timed tests.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from benchlib import ROOT, median_and_p95

if str(ROOT / "tests" / "suggest") not in sys.path:  # the evaluation set, shared with tests/suggest
    sys.path.insert(0, str(ROOT / "tests" / "suggest"))

from suggest_eval import blois_cases, evaluate, evaluation_sets, holdout_cases, suggester_ranker, tfidf_ranker

from forms.programmes import default_catalogue
from rules.suggest import Suggester
from rules.suggest.text import simplemma_lemmatiser

TARGET_MS = 50.0
COLD_LOAD = (
    "import time; t = time.perf_counter(); "
    "from forms.programmes import default_catalogue; from rules.suggest import suggester_for; "
    "s = suggester_for(default_catalogue(), 'blois-2023'); "
    "print((time.perf_counter() - t) * 1000)"
)


def plain_lemmatiser(word: str) -> str:
    """No dictionary: lower case, and a final plural s or x dropped."""
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def snowball_lemmatiser():
    try:
        import snowballstemmer  # not a dependency: measured only where installed
    except ImportError:
        return None
    stemmer = snowballstemmer.stemmer("french")
    return stemmer.stemWord


def timings(suggester: Suggester, texts: list[str], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        for text in texts:
            start = time.perf_counter_ns()
            suggester.suggest(text)
            samples.append((time.perf_counter_ns() - start) / 1e6)
    return median_and_p95(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    cold = float(subprocess.run([sys.executable, "-c", COLD_LOAD], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout)
    catalogue = default_catalogue()
    simplemma_lemmatiser()
    start = time.perf_counter()
    suggester = Suggester(catalogue, "blois-2023")
    warm_build = (time.perf_counter() - start) * 1000
    print(f"Chargement à froid (import, dictionnaire simplemma, lexique, connaissances) : {cold:.0f} ms")
    print(f"Construction des connaissances d'un appel (lemmatiseur déjà chargé) : {warm_build:.0f} ms")

    texts = [c.text for c in [*blois_cases(), *holdout_cases()]]
    everything = "\n\n".join(texts)
    long_text = everything[: len(everything) * 1500 // len(everything.split())]  # ~1 500 words: a long description
    huge_text = everything * 3  # a whole booklet pasted by mistake: reported, not a target
    median, p95 = timings(suggester, texts, args.runs)
    long_median, long_p95 = timings(suggester, [long_text], args.runs)
    huge_median, _ = timings(suggester, [huge_text], 3)
    print(f"Par suggestion ({len(texts)} descriptions) : médiane {median:.1f} ms, 95e centile {p95:.1f} ms "
          f"(cible ≤ {TARGET_MS:.0f} ms)")
    print(f"Description longue ({len(long_text.split())} mots) : médiane {long_median:.1f} ms, "
          f"95e centile {long_p95:.1f} ms (cible ≤ {TARGET_MS:.0f} ms)")
    print(f"Texte démesuré ({len(huge_text.split())} mots) : médiane {huge_median:.1f} ms")

    sets = evaluation_sets(catalogue)
    rankers = {"simplemma + lexique (livré)": suggester_ranker(catalogue)}
    snowball = snowball_lemmatiser()
    if snowball is not None:
        rankers["Snowball + lexique"] = suggester_ranker(catalogue, lemmatise=snowball)
    rankers["sans lemmes + lexique"] = suggester_ranker(catalogue, lemmatise=plain_lemmatiser)
    rankers["simplemma sans lexique"] = suggester_ranker(catalogue, use_lexicon=False)
    rankers["TF-IDF brut (référence)"] = tfidf_ranker(catalogue)
    print()
    print("Premier enjeu juste (cas justes / cas) :")
    print(f"{'':30}" + "".join(f"{name:>28}" for name in sets))
    for name, ranker in rankers.items():
        cells = []
        for cases in sets.values():
            r = evaluate(cases, ranker)
            cells.append(f"{r.hits}/{r.total} ({r.accuracy:.0%})")
        print(f"{name:30}" + "".join(f"{c:>28}" for c in cells))
    ok = p95 <= TARGET_MS and long_p95 <= TARGET_MS
    print()
    print("Cible de temps tenue." if ok else "Cible de temps NON tenue.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
