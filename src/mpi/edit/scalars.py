"""Scalars as the editor writes them: plain where that reads back as the same string,
quoted where it must be, escaped where the text holds what YAML cannot show raw."""

from __future__ import annotations

import json
import re

from mpi.loading.scalars import resolve

# Characters a plain or single-quoted scalar may not hold (YAML's non-printables, line
# breaks, the byte order mark); a text with any of them is written double-quoted, escaped.
_NEEDS_ESCAPE = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_PLAIN_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Plain texts that YAML 1.1 tools (PyYAML, many editors) read as something else: booleans,
# dates and times, sexagesimal numbers. mpi reads YAML 1.2, where they are strings; they are
# quoted anyway, so that every tool reads the text as text.
_YAML11 = re.compile(
    r"(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|~"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)"
)
FLOW_SPECIAL = frozenset(",[]{}")
_FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A day as a key's value in a file, and how the file quotes it (`date: '2026-11-26'`).
FILE_DAY = re.compile(
    r"""(?:^ *(?:- +)?|[{,] *)[a-z_]+: +(["']?)[0-9]{4}-[0-9]{2}-[0-9]{2}\1 *(?=[,}\r\n#]|$)""",
    re.MULTILINE,
)


def day_scalar(value: object, quote: str = "'") -> str:
    """A date as the editor writes it: a day (`2026-11-26`) quoted, since YAML 1.1 readers
    (PyYAML, js-yaml behind ajv-cli) read it as a date where the schema says text; a year
    (`2030`, a number to every reader) and a month (`2030-06`, text to every reader) plain.
    `quote`: the file's own quote for days (`Document.day`; "" in a file that writes its
    days unquoted)."""
    text = str(value)
    return f"{quote}{text}{quote}" if _FULL_DATE.fullmatch(text) else text


def scalar(text: str) -> str:
    """`text` as a YAML scalar that reads back as exactly this string (in block context; a
    flow collection quotes it further, see `Document._flow`).

    Plain when that is unambiguous, single-quoted when it only needs quoting, double-quoted
    with escapes when it holds line breaks, controls or invisible characters.
    """
    if _NEEDS_ESCAPE.search(text):
        return _double_quoted(text)
    if _plain(text):
        return text
    return "'" + text.replace("'", "''") + "'"


def _plain(text: str) -> bool:
    if not text or text != text.strip() or text[0] in _PLAIN_FIRST:
        return False
    if ": " in text or " #" in text or text.endswith(":") or _YAML11.fullmatch(text):
        return False
    return resolve(text, None) == text and isinstance(resolve(text, None), str)


def _double_quoted(text: str) -> str:
    """JSON's escapes are YAML's too; what JSON leaves raw is escaped as \\uXXXX here."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _NEEDS_ESCAPE.sub(lambda m: _escape(m.group()), quoted[1:-1]).join('""')


def _escape(char: str) -> str:
    code = ord(char)
    if code in (0x0A, 0x09):  # json.dumps already wrote these as \n and \t
        return char
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
