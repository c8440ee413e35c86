"""``tvf build``: the handbook as a static website.

:func:`build_site` checks the handbook, refuses to publish one with errors (unless forced), and
writes plain HTML pages that work from any folder of an intranet, or from ``file://``:

- ``index.html``: the handbook's title, municipality and purpose, a search field and the
  sections (procedures, attachments, measures, plans, networks);
- ``dokumenter/<ID>.html``: one page per handbook document, with its metadata, change log,
  "sist endret" from git, references both ways and every law citation linked to Lovdata;
- ``tiltak.html``: the measures catalogue (V01–V23) by target group (``applies_to``);
- ``nettverk/<slug>.html``: one page per network, and ``nettverk/<slug>/<file>.html`` for
  each of its agendas and minutes;
- ``sok.html`` and ``sok/``: the client-side search and its index, small scripts loaded on
  demand (which a browser runs from ``file://`` too, where it may not fetch JSON);
- ``static/``: one stylesheet and one small script; nothing is loaded from elsewhere.

The package, one concern a module:

- :mod:`.build`: :func:`build_site`, and the refusal to publish (:class:`BuildRefused`);
- :mod:`.model`: which documents get which pages, at which URLs, and the references between
  them;
- :mod:`.markdown`: Markdown bodies as HTML (raw HTML disabled), with IDs, law citations and
  links to the handbook's files rewritten;
- :mod:`.pages`: what each kind of page shows, rendered with the Jinja2 templates under
  ``templates/site/`` (autoescaped);
- :mod:`.search`: the search index, sharded by word, that ``static/sok.js`` loads on demand;
- :mod:`.labels`: what the site calls types, statuses and dates in the language in use;
- :mod:`.output`: writing the output folder, incrementally and atomically.
"""

from .build import BuildRefused, BuildResult, build_site

__all__ = ["BuildRefused", "BuildResult", "build_site"]
