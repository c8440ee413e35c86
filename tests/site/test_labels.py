"""What the site calls things (tverrfaglig.site.labels), in bokmål and in English; the CSS classes
and the sort order stay Norwegian in every language."""

from __future__ import annotations

import datetime as dt

from tverrfaglig import i18n
from tverrfaglig.site import labels


def test_type_labels_for_one_document_and_for_a_section() -> None:
    assert labels.type_label("procedure") == "Prosedyre"
    assert labels.type_label("procedure", count=2) == "Prosedyrer"
    assert labels.type_label("attachment", count=2) == "Vedlegg"
    assert labels.type_label("minutes") == "Referat"
    assert labels.type_label("inputs") == "inputs"
    assert labels.type_label("inputs", "") == ""
    i18n.activate("en")
    assert labels.type_label("attachment") == "Attachment"
    assert labels.type_label("attachment", count=2) == "Attachments"


def test_status_labels_are_translated_and_classes_are_not() -> None:
    assert labels.status_label("draft") == "utkast"
    assert labels.status_class("draft") == "utkast"
    assert labels.status_label("unknown") == "unknown"
    assert labels.status_label("unknown", "") == ""
    i18n.activate("en")
    assert labels.status_label("draft") == "draft"
    assert labels.status_class("draft") == "utkast"


def test_dates_and_terms_as_people_read_them() -> None:
    start, end = dt.date(2026, 8, 1), dt.date(2027, 7, 31)
    assert labels.long_date(start) == "1. august 2026"
    assert labels.long_date(None) == ""
    assert labels.term(start, end) == "1. august 2026 – 31. juli 2027"
    assert labels.term(start, None) == "fra 1. august 2026"
    assert labels.term(None, end) == "til 31. juli 2027"
    assert labels.term(None, None) == ""
    i18n.activate("en")
    assert labels.term(start, None) == "from 1 August 2026"


def test_names_sort_as_the_norwegian_alphabet() -> None:
    names = ["Årdal", "Zeta", "Østre", "Ærfugl", "alfa"]
    assert sorted(names, key=labels.norwegian_key) == ["alfa", "Zeta", "Ærfugl", "Østre", "Årdal"]
