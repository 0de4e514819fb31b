"""Compile `knowledge/lexicon/<language>.yaml` into `knowledge/lexicon/compiled.json`.

The vocabulary files are where the words are written and reviewed; the bot reads their
compiled form. Reading the YAML (PyYAML builds ~12,000 Python objects), validating it with
pydantic and stemming every phrase takes some 40 ms, which every `seasonbot ask` would pay;
the compiled JSON loads in ~2 ms (benchmarks/README.md).

    python -m tools.compile_lexicon            # after editing a vocabulary file
    python -m tools.compile_lexicon --check    # exit 1 if compiled.json is stale

The tests run `--check`, so a vocabulary edit that is not compiled fails them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from knowledge.questions.lexicon_files import read_files
from knowledge.questions.vocabulary import build, compiled
from tools import regenerate_json

COMPILED = Path(__file__).resolve().parent.parent / "knowledge" / "lexicon" / "compiled.json"


def expected() -> dict[str, Any]:
    return compiled(build(read_files()))


def main(argv: list[str]) -> int:
    return regenerate_json(argv, __doc__.splitlines()[0], COMPILED, expected())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
