"""Citation parser tests written from mutants that survived ``make mutants`` (docs/testing.md).

Formal citations («lov 17. juli 1998 nr. 61», «forskrift 16. desember 2011 nr. 1256») name a
law or regulation by its Lovdata ID (contract 4.1, «regulations»; the ID form of section 4).
"""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from tverrfaglig.laws.parser import find_citations
from tverrfaglig.laws.registry import LawRegistry

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("body", "law_id", "sections"),
    [
        (
            "Samarbeidet følger av lov 17. juli 1998 nr. 61 om grunnskolen og den "
            "vidaregåande opplæringa § 15-8.",
            "LOV-1998-07-17-61",
            ("15-8",),
        ),
        ("Plikten står i LOV 17. JULI 1998 NR. 61 § 15-8.", "LOV-1998-07-17-61", ("15-8",)),
        ("Se lov 2. jul. 1999 nr. 64 § 33 om opplysningsplikt.", "LOV-1999-07-02-64", ("33",)),
        ("Se lov 1999-07-02 nr. 64 § 33.", "LOV-1999-07-02-64", ("33",)),
        (
            "Koordinatoren oppnevnes etter forskrift 16. desember 2011 nr. 1256 om "
            "habilitering og rehabilitering, individuell plan og koordinator § 16.",
            "FOR-2011-12-16-1256",
            ("16",),
        ),
        ("Se Forskrift 16. desember 2011 nr. 1256 § 16.", "FOR-2011-12-16-1256", ("16",)),
    ],
)
def test_a_formal_citation_names_the_law_by_its_lovdata_id(
    registry: LawRegistry, body: str, law_id: str, sections: tuple[str, ...]
) -> None:
    [citation] = find_citations(body, 1, registry, TODAY)
    assert citation.law is not None and citation.law.id == law_id
    assert citation.law_text == law_id
    assert citation.sections == sections
    assert not citation.unresolved


def test_a_formal_citation_of_a_law_not_in_the_registry_keeps_its_id(
    registry: LawRegistry,
) -> None:
    [citation] = find_citations("Se lov 2. januar 1999 nr. 64 § 33.", 1, registry, TODAY)
    assert citation.law is None
    assert citation.law_text == "LOV-1999-01-02-64"
    assert citation.sections == ("33",) and not citation.unresolved


def test_a_month_that_does_not_exist_is_no_formal_citation(registry: LawRegistry) -> None:
    [citation] = find_citations("Se lov 2. jux 1999 nr. 64 § 33.", 1, registry, TODAY)
    assert citation.law is None and citation.law_text == ""
    assert citation.unresolved  # TVF208: a section sign with no law tvf can tell


def test_the_mutation_fixture_forgets_everything_the_registry_builds_lazily() -> None:
    """tests/laws/conftest.py makes each mutant's process build the registry's patterns again
    (docs/testing.md); a cache it did not know of would hide the mutants that build it."""
    spec = importlib.util.spec_from_file_location(
        "laws_conftest", Path(__file__).with_name("conftest.py")
    )
    assert spec is not None and spec.loader is not None
    laws_conftest = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(laws_conftest)
    fresh = LawRegistry(list(LawRegistry.default()))
    lazy = {name for name, value in vars(fresh).items() if value is None}
    for name, member in vars(LawRegistry).items():
        if isinstance(member, property):
            getattr(fresh, name)
    fresh.resolve("barnehageloven", TODAY)
    built = {name for name in lazy if getattr(fresh, name) is not None}
    assert built  # the patterns and the scan info
    laws_conftest._forget_parser_results(fresh)
    assert {name for name in built if getattr(fresh, name) is not None} == set()
    assert fresh._resolved == {}
    assert find_citations("Se barnehageloven § 2 b.", 1, fresh, TODAY)[0].sections == ("2b",)
