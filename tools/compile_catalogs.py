"""Compile `commands/locales/<locale>.yaml` into `commands/locales/compiled.json`.

The catalogs are written and reviewed as YAML; the bot reads their compiled form. PyYAML's
constructor is Python even over libyaml's parser, so reading `en.yaml` and `es.yaml` cost
some 10 ms of every start (every command reads `meta.locale` of each base catalog to know the
locales it speaks); the JSON holding them all loads in under a millisecond.

    python -m tools.compile_catalogs            # after editing a catalog
    python -m tools.compile_catalogs --check    # exit 1 if compiled.json is stale

The tests run `--check`, so a catalog edit that is not compiled fails them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from knowledge.bounded_yaml import load_packaged_yaml
from tools import regenerate_json

LOCALES = Path(__file__).resolve().parent.parent / "commands" / "locales"
COMPILED = LOCALES / "compiled.json"


def expected(folder: Path = LOCALES) -> dict[str, Any]:
    """Every catalog file in `folder` by its name ("en", "es-ES"), as written."""
    return {
        path.name.removesuffix(".yaml"): load_packaged_yaml(path.read_text("utf-8"))
        for path in sorted(folder.glob("*.yaml"))
    }


def main(argv: list[str]) -> int:
    return regenerate_json(argv, __doc__.splitlines()[0], COMPILED, expected())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
