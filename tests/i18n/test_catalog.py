"""The German catalog: complete, placeholders intact, in step with the code and compiled.

The .po file is the source translators edit; the .mo file is built from it (hatch_build.py).
"""

from __future__ import annotations

import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from helpers import REPO
from mpi.i18n import LOCALE_DIR

PO = LOCALE_DIR / "de" / "LC_MESSAGES" / "mpi.po"
MO = PO.with_suffix(".mo")
POT = LOCALE_DIR / "mpi.pot"
KEYWORDS = {  # as docs/translating.md extracts them
    "_": None,
    "N_": None,
    "NC_": ((1, "c"), 2),
    "pgettext": ((1, "c"), 2),
    "ngettext": (1, 2),
}


def catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def messages(path: Path) -> list[Message]:
    return [m for m in catalog(path) if m.id]


def fields(text: str) -> set[str] | None:
    """The named placeholders of a brace-format message ({count}, {date}; {{ }} are text),
    or None for a text that is no format string (libyaml's "expected ',' or '}'")."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def forms(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def test_every_message_has_a_german_translation() -> None:
    missing = [m.id for m in messages(PO) if not all(forms(m.string))]
    assert not missing, f"untranslated: {missing}"


def test_no_translation_is_fuzzy() -> None:
    fuzzy = [m.id for m in messages(PO) if m.fuzzy]
    assert not fuzzy, f"fuzzy (check and clear the flag): {fuzzy}"


def test_every_placeholder_survives_translation() -> None:
    for m in messages(PO):
        wanted = fields(forms(m.id)[-1])  # a plural's forms: the plural has them all
        for translated in forms(m.string):
            assert fields(translated) == wanted, f"{m.id!r} → {translated!r}"


def test_the_german_plural_rule_is_declared() -> None:
    assert catalog(PO).plural_expr == "(n != 1)"


def extracted() -> set[tuple[str | None, str | tuple[str, ...]]]:
    """The messages the code holds now, extracted as docs/translating.md says."""
    found = set()
    method_map = [("mpi/**.py", "python"), ("mpi/render/templates/**.j2", "jinja2")]
    for _, _, message, _, context in extract_from_dir(
        str(REPO / "src"), method_map, keywords=KEYWORDS
    ):
        found.add((context, message))
    return found


@pytest.fixture(scope="module")
def in_code() -> set[tuple[str | None, str | tuple[str, ...]]]:
    return extracted()


def key(m: Message) -> tuple[str | None, str | tuple[str, ...]]:
    return (m.context, tuple(m.id) if isinstance(m.id, list | tuple) else m.id)


def text(m: Message) -> str | tuple[str, ...]:
    return tuple(m.string) if isinstance(m.string, list | tuple) else m.string


def test_the_template_holds_exactly_the_messages_of_the_code(in_code) -> None:
    in_pot = {key(m) for m in messages(POT)}
    assert in_code - in_pot == set(), "new messages: run the extract step of docs/translating.md"
    assert in_pot - in_code == set(), "stale messages: run the extract step of docs/translating.md"


def test_the_german_catalog_holds_exactly_the_template(in_code) -> None:
    in_po = {key(m) for m in messages(PO)}
    assert in_po == {key(m) for m in messages(POT)}, "run the update step of docs/translating.md"


def test_the_compiled_catalog_is_built_from_the_po_file() -> None:
    """The .mo gettext reads says what the .po says (pip install -e . compiles it)."""
    assert MO.is_file(), "no compiled catalog: pip install -e . (hatch_build.py compiles it)"
    with MO.open("rb") as handle:
        compiled = read_mo(handle)
    wanted = {key(m): text(m) for m in messages(PO)}
    got = {key(m): text(m) for m in compiled if m.id}
    assert got == wanted, "the .mo is older than the .po: pip install -e . compiles it again"


def test_brace_messages_are_flagged_for_translators() -> None:
    """Tools such as poedit check python-brace-format placeholders when the flag is set."""
    for m in messages(PO):
        if any(re.search(r"\{[a-z_]+\}", i) for i in forms(m.id)):
            assert "python-brace-format" in m.flags, m.id


def test_the_catalog_is_utf8_and_reads_with_gettext() -> None:
    import gettext

    with MO.open("rb") as handle:
        translation = gettext.GNUTranslations(io.BytesIO(handle.read()))
    assert translation.gettext("Milestones") == "Meilensteine"
    assert translation.pgettext("measure status", "done") == "abgeschlossen"
    assert translation.pgettext("milestone state", "done") == "erledigt"
    assert translation.ngettext("{count} file", "{count} files", 1) == "{count} Datei"


def test_no_message_hides_in_an_f_string() -> None:
    """pybabel cannot see `_("…")` inside an f-string (Python 3.11 reads it as one token):
    such a message would never reach the catalog and would show in English."""
    import tokenize

    hidden = []
    for path in sorted((REPO / "src" / "mpi").rglob("*.py")):
        with path.open("rb") as handle:
            for token in tokenize.tokenize(handle.readline):
                prefix = re.match(r"[A-Za-z]*", token.string)
                is_f = token.type == tokenize.STRING and prefix and "f" in prefix[0].lower()
                if is_f and re.search(r"\b(_|N_|ngettext|pgettext)\(", token.string):
                    hidden.append(f"{path.name}:{token.start[0]}")
    assert not hidden, hidden


@pytest.mark.parametrize("content", [None, b"not a catalog"])
def test_a_missing_or_damaged_catalog_leaves_the_english_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes | None
) -> None:
    from mpi import i18n

    if content is not None:
        (tmp_path / "de" / "LC_MESSAGES").mkdir(parents=True)
        (tmp_path / "de" / "LC_MESSAGES" / "mpi.mo").write_bytes(content)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n._catalog.cache_clear()
    try:
        assert i18n._catalog("de").gettext("error") == "error"
    finally:
        i18n._catalog.cache_clear()
