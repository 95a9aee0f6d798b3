"""The plan's vocabulary: status names, natural id order, search folding, suggestions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Any, Literal, get_args

from mpi.i18n import NC_, _, pgettext

MeasureStatus = Literal["planned", "in_progress", "ongoing", "done", "at_risk", "dropped"]
MilestoneStatus = Literal["open", "done", "missed"]
# bis; ab (a start the partners commit to); ab (not before: another's earliest date);
# voraussichtlich; a date the document reports from before the plan
MilestoneKind = Literal["by", "start", "from", "expected", "history"]
Basis = Literal["stated", "derived", "inferred", "decided"]
MEASURE_STATUSES: tuple[str, ...] = get_args(MeasureStatus)
MILESTONE_STATUSES: tuple[str, ...] = get_args(MilestoneStatus)
MILESTONE_KINDS: tuple[str, ...] = get_args(MilestoneKind)
# How a date reads, in the document's words in both languages ("bis 2030", "ab 2031",
# "voraussichtlich 2026" are what the plan says, as "Handlungsfeld" stays a term in English).
# "ab" is the word for a start the partners commit to (start) and for another body's earliest
# date (from); a date from before the plan (history) is the date alone.
KIND_WORDS = {
    "by": "bis",
    "start": "ab",
    "from": "ab",
    "expected": "voraussichtlich",
    "history": "",
}
BASES: tuple[str, ...] = get_args(Basis)


# The words people type for each status, German and English, besides the value itself
# (case, umlauts, spaces, hyphens and underscores do not matter). The plan files and JSON keep
# the canonical English value.
# The names people read (pgettext contexts): one English word can be two German ones, a
# measure is "abgeschlossen" where a milestone is "erledigt".
NAMES = (
    NC_("measure status", "planned"),
    NC_("measure status", "in_progress"),
    NC_("measure status", "ongoing"),
    NC_("measure status", "done"),
    NC_("measure status", "at_risk"),
    NC_("measure status", "dropped"),
    NC_("milestone state", "open"),
    NC_("milestone state", "done"),
    NC_("milestone state", "missed"),
    NC_("milestone state", "overdue"),  # an open one past its "bis" date
    NC_("milestone state", "delayed"),  # an open one past its "voraussichtlich" date
    NC_("milestone state", "context"),  # from before the plan, or another body's date
)
MEASURE_STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "planned": ("geplant", "in Planung", "vorgesehen", "noch nicht begonnen"),
    "in_progress": ("in Umsetzung", "in Bearbeitung", "in Arbeit", "begonnen", "in progress"),
    "ongoing": ("laufend", "fortlaufend", "dauerhaft", "Daueraufgabe", "kontinuierlich"),
    "done": ("abgeschlossen", "erledigt", "fertig", "umgesetzt", "erfüllt"),
    "at_risk": ("gefährdet", "kritisch", "at risk", "in Gefahr"),
    "dropped": ("entfallen", "gestrichen", "aufgegeben", "eingestellt", "verworfen"),
}
MILESTONE_STATE_WORDS: dict[str, tuple[str, ...]] = {
    "open": ("offen", "ausstehend", "wieder offen", "noch offen"),
    "done": ("erledigt", "erfüllt", "abgeschlossen", "fertig", "gehalten", "stattgefunden"),
    "missed": ("verfehlt", "versäumt", "verpasst", "ausgefallen", "nicht erfüllt"),
}


# German words for the other fixed values of the file format, for hints where a file has one.
FILE_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "kind": {
        "by": ("bis", "spätestens"),
        "start": ("ab", "beginnend"),
        "from": ("frühestens", "nicht vor"),
        "expected": ("voraussichtlich", "vsl."),
        "history": ("vor dem Plan", "Vorgeschichte"),
    },
    "every": {"yearly": ("jährlich",), "half-yearly": ("halbjährlich",)},
    "direction": {"at_least": ("mindestens",), "at_most": ("höchstens",)},
    "basis": {
        "stated": ("wörtlich", "belegt"),
        "derived": ("abgeleitet",),
        "inferred": ("Lesart der Redaktion", "gefolgert", "erschlossen"),
        "decided": ("beschlossen",),
    },
}


def file_value(key: str, typed: object, in_milestone: bool) -> str | None:
    """The value a file means by a person's word (`status: laufend` means ongoing), or None."""
    if not isinstance(typed, str):
        return None
    if key == "status":
        words = MILESTONE_STATE_WORDS if in_milestone else MEASURE_STATUS_WORDS
    elif key in FILE_WORDS:
        words = FILE_WORDS[key]
    else:
        return None
    wanted = _key(typed)
    meant = {v for v, ws in words.items() for w in (v, *ws) if _key(w) == wanted}
    return meant.pop() if len(meant) == 1 else None


def _key(word: str) -> str:
    """A word as compared: case, umlauts, spaces, hyphens and underscores ignored."""
    return fold(re.sub(r"[\s_-]+", "", word))[0]


def word_hint(typed: str, candidates: Iterable[str]) -> str:
    """ "; did you mean 'X'?" for the candidate closest to a typo (erldigt, jsn, jährich),
    compared as `_key` does; or nothing."""
    import difflib

    by_key = {_key(c): c for c in candidates}
    close = difflib.get_close_matches(_key(typed), list(by_key), n=1, cutoff=0.6)
    return _("; did you mean {ident}?").format(ident=repr(by_key[close[0]])) if close else ""


# What people say of deadlines, typed where a measure status is asked for (list --status
# überfällig): `mpi due` answers it.
DEADLINE_WORDS = ("überfällig", "overdue", "verspätet", "verzögert", "delayed", "im Verzug", "late")


def resolve_word(what: str, typed: str, words: dict[str, tuple[str, ...]]) -> str:
    """The canonical value a person's word means: the value itself, one of its words, or
    an unambiguous start of one (at least three letters). Else InvalidValue naming the
    choices in the active language. `what` is "measure status" or "milestone state"."""
    from mpi.domain.errors import InvalidValue

    wanted = _key(typed)
    aliases = {_key(v): v for v in words} | {_key(w): v for v, ws in words.items() for w in ws}
    if wanted in aliases:
        return aliases[wanted]
    starting = {v for k, v in aliases.items() if len(wanted) >= 3 and k.startswith(wanted)}
    if len(starting) == 1:
        return starting.pop()
    shown = ", ".join(pgettext(what, v) for v in words)
    if starting:
        names = [pgettext(what, v) for v in sorted(starting)]
        meant = _("{choices} or {last}").format(choices=", ".join(names[:-1]), last=names[-1])
        message = _("{word} is ambiguous: {meant}?").format(word=repr(typed), meant=meant)
    elif what == "measure status":
        message = _("unknown status {word} (one of {choices})")
    else:
        message = _("unknown milestone state {word} (one of {choices})")
    message = message.format(word=repr(typed), choices=shown)
    import difflib

    close = difflib.get_close_matches(wanted, list(aliases), n=1, cutoff=0.75)
    if close and not starting:  # a typo: erldigt
        meant = pgettext(what, aliases[close[0]])
        message += _("; did you mean {ident}?").format(ident=repr(meant))
    raise InvalidValue("status" if what == "measure status" else "state", message)


def deadline_word(typed: str) -> bool:
    """Whether a person typed a state of deadlines (überfällig, delayed) where a measure's
    status is meant."""
    return _key(typed) in {_key(w) for w in DEADLINE_WORDS}


def measure_status(typed: str) -> str:
    """A measure status from what a person typed (German or English), or an error that
    lists the statuses."""
    return resolve_word("measure status", typed, MEASURE_STATUS_WORDS)


def milestone_state(typed: str) -> str:
    """A milestone state (open, done, missed) from what a person typed."""
    return resolve_word("milestone state", typed, MILESTONE_STATE_WORDS)


def natural_key(ident: str) -> tuple[object, ...]:
    """Sort key that puts HF1.2 before HF1.10 (numbers compare as numbers)."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", ident))


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i"})


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> tuple[str, str]:
    """Two search forms of a text: umlauts spelled out (ae) and umlauts stripped (a).

    Unicode case folding, and the dotless ı folded to i, so `IŞIKLAR` finds "Işıklar".
    """
    lower = unicodedata.normalize("NFC", text).casefold()
    return _strip_accents(lower.translate(_UMLAUTS)), _strip_accents(lower.replace("ı", "i"))


def matches(query: str, text: str) -> bool:
    """Whether `text` holds every word of `query`, in any order and in any German form:
    "grüner Wasserstoff" finds "grünem Wasserstoff", "Flächen" finds "Industriefläche". A word
    is stemmed (Snowball's German stemmer) and its stem looked for anywhere, inside compounds
    too; a word with digits or signs (HF1.15, 5G-Anwendungen) is looked for as written. Case,
    umlauts (flachen, flaechen, Flächen) and accents do not matter."""
    terms = search_terms(query)
    if not terms:  # signs only: as written
        return _stem_form(query.strip()) in _stem_form(text)
    searched = _stem_form(text)
    return all(term in searched for term in terms)


_STEM_LETTERS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "ı": "i"})
_SPELLED_UMLAUT = re.compile(r"(?<!q)ue|ae|oe")  # as the stemmer reads them (not qu-e)


def _stem_form(text: str) -> str:
    """Text spelled as the German stemmer spells its stems: case folded, umlauts (also
    spelled out: ae) and accents plain, ß as ss; a stem is then a part of its word's form."""
    lower = unicodedata.normalize("NFC", text).casefold().translate(_STEM_LETTERS)
    return _strip_accents(_SPELLED_UMLAUT.sub(lambda m: m[0][0], lower))


def search_terms(query: str) -> tuple[str, ...]:
    """What a search looks for: the stem of each word of `query` (German, whatever the
    reader's language: the plan is German), a word with digits or signs as written."""
    chunks = [w.strip(".,;:!?\"'„“”‚‘’»«()[]") for w in unicodedata.normalize("NFC", query).split()]
    words = [w.casefold() for w in chunks if w.isalpha()]
    stems = dict(zip(words, _german_stemmer().stemWords(words), strict=True)) if words else {}
    return tuple(_stem_form(stems[w.casefold()] if w.isalpha() else w) for w in chunks if w)


@cache
def _german_stemmer() -> Any:
    import snowballstemmer  # only a search needs it

    return snowballstemmer.stemmer("german")


def suggest(ident: str, known: Iterable[str]) -> str:
    """ "; did you mean X?" for the closest known id (case ignored), or nothing."""
    import difflib

    by_folded = {k.casefold(): k for k in known}
    wanted = ident.casefold()
    starting = sorted(k for k in by_folded if wanted and k.startswith(wanted))
    close = starting or difflib.get_close_matches(wanted, list(by_folded), n=1, cutoff=0.6)
    return _("; did you mean {ident}?").format(ident=by_folded[close[0]]) if close else ""


def clip(text: str, width: int = 60) -> str:
    """Text cut to `width` characters with an ellipsis: for quoting user input in messages."""
    return text if len(text) <= width else text[: width - 1] + "…"


def number(value: float) -> str:
    """A value as the plan files and JSON write it: 19 rather than 19.0, 19.5 in full (never
    rounded). People read it in their language through `mpi.i18n.formats.number`."""
    from mpi.i18n.formats import plain_number

    return plain_number(value)


# Words broken across lines (`Industrie-\nflächen`, `Siel-systeme`) and soft hyphens: the
# same word however the document's layout hyphenated it. A hyphen before a conjunction is
# German's shared word part ("Gewerbe- und Industrieflächen") and stays.
_LINE_BREAK_HYPHEN = re.compile(r"(?<=\w)-\s+(?!(?:und|oder|bzw|sowie|bis)\b)(?=[a-zäöüß])")
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
ELISION = re.compile(r"\s*(?:\[…\]|\[\.\.\.\]|…)\s*")  # words left out of a quote


def plain_words(text: str) -> str:
    """Text compared for quotes: whitespace collapsed, hyphenation and soft hyphens ignored."""
    text = " ".join(unicodedata.normalize("NFC", text).replace("\u00ad", "").split())
    return _INNER_HYPHEN.sub("", _LINE_BREAK_HYPHEN.sub("", text))


def inner(text: object) -> str:
    """Text set inside German quotes: its own quotes become single ones, „… ‚…‘ …“, not
    „… „…““ (`Meilenstein „Abschluss des Projekts ‚Cyber Security Portfolio Hamburg‘“`)."""
    return str(text).replace("„", "‚").replace("“", "‘")


def names(title: str, text: str) -> bool:
    """Whether `text` names `title` in quotes, as mpi writes it now (`inner`) or wrote it before."""
    return f"„{inner(title)}“" in text or f"„{title}“" in text


def quoted_in(quote: str, text: str) -> bool:
    """Whether `text` holds `quote` word for word; `…` in the quote stands for words left out
    (its parts must occur in order). Whitespace and hyphenation do not matter."""
    parts = [p for p in ELISION.split(quote) if p.strip()]
    if not parts:
        return False
    if _in_order(parts, text):  # word for word as written: no need to normalise the text
        return True
    return _in_order([plain_words(p) for p in parts], plain_words(text))


def _in_order(parts: list[str], text: str) -> bool:
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


_THOUSANDS = {"de": ".", "en": ","}


def read_as_thousands(text: str, language: str) -> bool:
    """Whether `text` has one separator, read as the language's thousands separator (German
    2.125 is 2125, English 2,125 too): worth saying, as a reader may have meant a decimal."""
    found = re.fullmatch(r"-?[1-9][0-9]{0,2}([.,])[0-9]{3}", text.strip())
    return found is not None and found[1] == _THOUSANDS.get(language, ",")


def typed_number(text: str, language: str) -> str | None:
    """A number as people type it, in Python's notation, or None if it is not one.

    19,5 and 19.5 are both 19.5; 10.000 (German) and 10,000 (English) are ten thousand, as
    are 1.234,5 and 1,234.5 where both separators appear; a single separator followed by
    exactly three digits reads in the language's way (German 10.000 = 10000, 10,000 = 10).
    """
    if text.count(",") + text.count(".") == 0:
        return text
    # groups of three after one kind of separator, then perhaps the other kind and decimals
    grouped = re.fullmatch(r"-?[1-9][0-9]{0,2}([.,])[0-9]{3}(?:\1[0-9]{3})*(?:([.,])[0-9]+)?", text)
    if grouped and grouped[1] != grouped[2]:
        thousands = grouped[1]
        if grouped[2] is None and text.count(thousands) == 1:
            thousands = _THOUSANDS.get(language, ",")  # 10.000 or 10,000: as the language reads it
            if thousands != grouped[1]:
                return text.replace(",", ".")
        decimal = "," if thousands == "." else "."
        return text.replace(thousands, "").replace(decimal, ".")
    if text.count(",") + text.count(".") == 1:
        return text.replace(",", ".")
    return None


def target_text(value: float, direction: str) -> str:
    """`≥ 100`, `≤ 50`: a target's value with its direction, in any language."""
    return ("≥ " if direction == "at_least" else "≤ ") + number(value)
