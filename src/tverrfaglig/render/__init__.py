"""The presentation layer: everything that turns results into text for people or programs.

One module per area, each with the renderers of what its commands print: :mod:`.report` (the
check report as text, JSON and GitHub annotations), :mod:`.machine` (SARIF and JUnit),
:mod:`.handbook` (``tvf list``/``show``), :mod:`.laws`, :mod:`.outdated`, :mod:`.audit`,
:mod:`.meetings`, :mod:`.revisions`, :mod:`.build` and :mod:`.scaffold`; :mod:`.console` holds
the consoles and how a refusal looks, :mod:`.text` the helpers they share (JSON text, Markdown
escaping). Renderers only format; they decide nothing. What they print goes through the one
personal-data guard (:func:`tverrfaglig.pii.guard`) where the text comes from documents and
leaves tvf as a report.
"""
