"""Files that ship with tvf: the default templates and the default law registry.

In a wheel, the top-level ``templates/`` folder is installed as ``tverrfaglig/templates``
(hatchling ``force-include``). In an editable install from a checkout the package is imported
from ``src/``, so the templates are read from the checkout's ``templates/`` instead.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from .errors import TvfError
from .i18n import _


def packaged_templates() -> Path:
    """The folder of the bundled Jinja2 templates."""
    packaged = importlib.resources.files("tverrfaglig") / "templates"
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "templates"
    if checkout.is_dir():
        return checkout
    raise TvfError(
        _("Fant ikke malene som følger med tvf; installasjonen er ufullstendig."),
        hint=_("Installer tvf på nytt (pip install --force-reinstall tverrfaglig)."),
    )
