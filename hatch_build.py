"""Build hook: compile the gettext catalogs (``.po`` → ``.mo``) into the package.

The ``.po`` files under ``src/tverrfaglig/locale/`` are the source; the compiled ``.mo`` files
are not kept in git. Every wheel build compiles them with Babel, and so does an editable
install (``make install``), so ``tvf --lang en`` works from a checkout as from a wheel. A
catalog with a syntax error or a translation that breaks its placeholders fails the build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("src") / "tverrfaglig" / "locale"


def compile_catalogs(root: Path) -> list[Path]:
    """Compile every ``LOCALE/<lang>/LC_MESSAGES/<domain>.po`` next to itself; the ``.mo`` paths."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted((root / LOCALE).glob("*/LC_MESSAGES/*.po")):
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=po_path.parts[-3], domain=po_path.stem)
        problems = [
            f"{po_path}:{message.lineno}: {error}"
            for message, errors in catalog.check()
            for error in errors
        ]
        if problems:
            raise SystemExit("Ugyldig oversettelseskatalog:\n" + "\n".join(problems))
        mo_path = po_path.with_suffix(".mo")
        temporary = mo_path.with_name(mo_path.name + ".tmp")
        with temporary.open("wb") as handle:
            write_mo(handle, catalog)
        temporary.replace(mo_path)
        written.append(mo_path)
    return written


class CatalogBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compiles the catalogs before the wheel (or editable wheel) is assembled."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        compiled = compile_catalogs(root)
        build_data["artifacts"].extend(str(path.relative_to(root)) for path in compiled)


if __name__ == "__main__":  # `python hatch_build.py`: what `make catalogs` runs
    for path in compile_catalogs(Path(__file__).parent):
        print(path)
