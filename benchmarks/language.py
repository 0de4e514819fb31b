"""What each way of knowing the general language costs the /ask reader, measured.

Run: `python -m benchmarks.language [--rounds N] [--quick]`. Each candidate runs in a fresh process
(`python -c ...`), round-robin with the others, so that a busy machine slows them alike; the
report gives the median time the candidate takes in its process, its imports included, and
the process's peak memory (max RSS). Ours is timed after our package is imported, which every
answer does anyway. Candidates whose library is not installed are reported as such
(simplemma and wordfreq are dev dependencies; pyspellchecker is not).

This is how `knowledge/questions/language.py` was chosen (see benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

from benchmarks import add_quick

FORMS = {"metio": "meter", "anotaron": "anotar", "usan": "usar", "held": "hold", "meten": "meter"}

CANDIDATES: dict[str, str] = {
    "baseline: python -c pass": "pass",
    "simplemma, English and Spanish (first use)": """
import simplemma
forms = {f: simplemma.lemmatize(f, lang=("es", "en")) for f in FORMS}
""",
    "wordfreq, import and both 'small' lists": """
import wordfreq
for language in ("en", "es"):
    wordfreq.get_frequency_dict(language, wordlist="small")
""",
    "pyspellchecker, both dictionaries": """
from spellchecker import SpellChecker
SpellChecker(language="en"); SpellChecker(language="es")
""",
    "snowballstemmer, both stemmers": """
import snowballstemmer
en, es = snowballstemmer.stemmer("english"), snowballstemmer.stemmer("spanish")
forms = {f: es.stemWord(f) for f in FORMS}
""",
    "ours: stems, shipped forms and word lists (language.py)": """
frequencies("en"); frequencies("es"); lemma = forms()
related = {f: lemma.get(f, f) for f in FORMS}
keys = [stem_keys(f) for f in FORMS]
""",
}
SETUP = {
    # Our package is imported by every answer anyway: only the language data is timed.
    "ours: stems, shipped forms and word lists (language.py)": (
        "from knowledge.questions.language import forms, frequencies, stem_keys"
    ),
}
PROBE = """
import json, resource, time
FORMS = {forms!r}
{setup}
start = time.perf_counter()
try:
{code}
    ok = True
except ImportError:
    ok = False
print(json.dumps({{"ok": ok, "ms": 1000 * (time.perf_counter() - start),
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def run_once(name: str, code: str) -> dict[str, float]:
    body = "\n".join("    " + line for line in code.strip().splitlines())
    script = PROBE.format(forms=FORMS, code=body, setup=SETUP.get(name, ""))
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    found: dict[str, float] = json.loads(out)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    add_quick(parser)
    args = parser.parse_args()
    rounds = 1 if args.quick else args.rounds
    times: dict[str, list[float]] = {name: [] for name in CANDIDATES}
    last: dict[str, dict[str, float]] = {}
    for _ in range(rounds):
        for name, code in CANDIDATES.items():
            found = run_once(name, code)
            times[name].append(found["ms"])
            last[name] = found
    print(f"{rounds} rounds, medians of the time each takes in its process (imports included)")
    for name in CANDIDATES:
        if not last[name]["ok"]:
            print(f"{name:58} not installed")
            continue
        median = statistics.median(times[name])
        print(f"{name:58} {median:7.1f} ms  {last[name]['rss_mb']:6.0f} MB peak")


if __name__ == "__main__":
    main()
