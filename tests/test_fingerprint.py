"""The approval fingerprint (tverrfaglig.fingerprint), recomputed from its definition in
docs/revisions.md."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

from tverrfaglig.document import parse_document
from tverrfaglig.fingerprint import canonical_front_matter, fingerprint

from helpers import meta

GOLDEN = Path(__file__).parent / "golden" / "stamp"


def test_fingerprint_is_recomputable_from_the_documented_definition() -> None:
    text = (
        "---\nid: IV.7-2\ntitle: Samarbeid – «når» vi er bekymret\ntype: procedure\n"
        'status: approved\nversion: "1.1"\nowner: Enhet for oppvekst\n'
        "approved_by: Forebyggende forum\nvalid_from: 2026-11-25\nreview_by: 2028-11-25\n"
        "references: [IV.7-3]\nnext_review_meeting: 2027-05-01\n"
        "fingerprint: sha256:" + "0" * 64 + "\n---\r\n# Tittel\r\n\r\nTekst.\r\n\r\n"
    )
    doc, _ = parse_document("a.md", text.encode())
    assert doc is not None and doc.meta is not None
    # docs/revisions.md, step by step, without tvf's code:
    head = json.dumps(
        {
            "id": "IV.7-2",
            "next_review_meeting": "2027-05-01",
            "owner": "Enhet for oppvekst",
            "references": ["IV.7-3"],
            "title": "Samarbeid – «når» vi er bekymret",
            "type": "procedure",
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    body = b"# Tittel\n\nTekst."
    expected = "sha256:" + hashlib.sha256(head + b"\n" + body).hexdigest()
    assert fingerprint(doc.meta, doc.body) == expected
    # docs/revisions.md prints this example with its canonical JSON and its fingerprint.
    docs = (Path(__file__).parents[1] / "docs" / "revisions.md").read_text(encoding="utf-8")
    assert expected in docs
    assert head.decode() in docs


def test_the_recipe_in_the_docs_recomputes_every_golden_fingerprint() -> None:
    docs = (Path(__file__).parents[1] / "docs" / "revisions.md").read_text(encoding="utf-8")
    [recipe] = re.findall(r"```python\n(.*?)```", docs, re.S)
    namespace: dict[str, object] = {"__name__": "recipe"}
    exec(compile(recipe, "docs/revisions.md", "exec"), namespace)
    recompute = namespace["fingerprint"]
    assert callable(recompute)
    goldens = sorted(GOLDEN.glob("*.out.md"))
    assert len(goldens) >= 8
    for golden in goldens:
        text = golden.read_bytes().decode("utf-8")
        stored = re.search(r"^fingerprint: (sha256:[0-9a-f]{64})", text, re.M)
        assert stored is not None
        assert recompute(text) == stored.group(1), golden.name


def test_fingerprint_ignores_stamping_keys_line_endings_key_order_and_trailing_space() -> None:
    base = meta("IV.7-2")
    print_ = fingerprint(base, "Tekst.\nMer.\n")
    stamped = {
        **base,
        "version": "9.9",
        "status": "draft",
        "approved_by": "X",
        "valid_from": dt.date(2030, 1, 1),
        "review_by": dt.date(2031, 1, 1),
        "changes": [{"version": "9.9"}],
        "fingerprint": "sha256:" + "1" * 64,
    }
    assert fingerprint(stamped, "Tekst.\r\nMer.\r\n\r\n  ") == print_
    assert fingerprint(dict(reversed(list(base.items()))), "Tekst.\nMer.") == print_
    assert fingerprint({**base, "title": "Ny"}, "Tekst.\nMer.\n") != print_
    assert fingerprint({**base, "owner_note": "ny nøkkel"}, "Tekst.\nMer.\n") != print_
    assert fingerprint(base, "Tekst.\nMer!\n") != print_
    assert fingerprint(base, "Tekst. \nMer.\n") != print_  # inside the body, spaces count


def test_canonical_front_matter_turns_dates_into_iso_text() -> None:
    data = {"a": dt.date(2026, 1, 2), "b": {"c": [dt.date(2026, 3, 4)]}, "version": "1.0"}
    assert canonical_front_matter(data) == b'{"a":"2026-01-02","b":{"c":["2026-03-04"]}}'


# --- Mutation testing (make mutants): the details a wrong fingerprint would hide in ------------


def test_a_lone_carriage_return_is_a_line_feed() -> None:
    from tverrfaglig.fingerprint import canonical_body

    assert canonical_body("a\rb\r") == b"a\nb"
    assert canonical_body("a\r\nb") == b"a\nb"


def test_only_spaces_tabs_and_line_feeds_are_trailing_whitespace() -> None:
    from tverrfaglig.fingerprint import canonical_body

    assert canonical_body("Tekst X") == b"Tekst X"
    assert canonical_body("Tekst\u00a0") == "Tekst\u00a0".encode()  # a no-break space stays
    assert canonical_body("Tekst\x0b\f") == b"Tekst\x0b\x0c"
    assert canonical_body("Tekst \t\n \n") == b"Tekst"


def test_a_value_json_cannot_hold_is_written_as_yaml_writes_it() -> None:
    """YAML's .nan and .inf are text in the canonical JSON, never a bare NaN (which is not JSON)."""
    assert (
        canonical_front_matter({"a": float("nan"), "b": float("-inf")})
        == b'{"a":".nan","b":"-.inf"}'
    )
