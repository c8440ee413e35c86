#!/usr/bin/env python3
"""The floor for ``tvf check``: the least any checker of this handbook must do, in one process.

Reads every ``*.md`` file under the folder (hidden folders skipped), parses its front matter
with libyaml's C loader, and resolves the IDs and the references between documents; prints
the number of documents and of references that do not resolve. ``bench_guard.py`` runs it as
a process of its own, side by side with ``tvf check``, so both include starting Python.

    python bench/floor.py DIR
"""

from __future__ import annotations

import os
import sys

import yaml

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # PyYAML without libyaml: the floor is then PyYAML's own loader
    from yaml import SafeLoader as Loader  # type: ignore[assignment]


def main(root: str) -> int:
    ids: dict[str, str] = {}
    references: list[str] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.endswith(".md") or name.startswith("."):
                continue
            path = os.path.join(folder, name)  # noqa: PTH118 — the floor uses the cheapest calls
            with open(path, "rb") as handle:  # noqa: PTH123
                text = handle.read().decode("utf-8")
            _, block, _body = text.split("---\n", 2)
            meta = yaml.load(block, Loader=Loader)  # the C *safe* loader
            if isinstance(meta, dict):
                if isinstance(meta.get("id"), str):
                    ids[meta["id"]] = path
                references.extend(r for r in meta.get("references") or () if isinstance(r, str))
    missing = sum(1 for ref in references if ref not in ids)
    print(f"{len(ids)} {missing}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
