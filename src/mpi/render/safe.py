"""Make untrusted plan text safe to show: one sanitiser for every output, .ics included.

Control characters, bidi overrides and isolates, and characters that are invisible or hide
text (zero-width space, word joiner, soft hyphen, Hangul fillers, Unicode tags, ...) become
visible escapes such as `\\u202e`. What German and emoji need stays: the zero-width
non-joiner, and the zero-width joiner inside an emoji sequence.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Invisible or text-hiding characters besides the controls (see the module docstring).
_HIDDEN = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b\u200d-\u200f"
    "\u202a-\u202e\u2060-\u206f\u2800\u3164\ufdd0-\ufdef\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\ufffe\uffff"  # noncharacters: no XML file (a Word document) may hold the last two
    "\U0001d173-\U0001d17a\U000e0000-\U000e007f\U000e0100-\U000e01ef"
)
# C0 controls except tab and newline, DEL and C1 controls, lone surrogates, and _HIDDEN.
_UNSAFE = f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_HIDDEN}]"
# For one line: also newlines, tabs and the Unicode line and paragraph separators.
_UNSAFE_LINE = f"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{_HIDDEN}]"
# For JSON text: what json.dumps leaves raw (it escapes C0 controls itself). Only string
# contents can hold these, so the layout's newlines and indentation stay as they are.
_UNSAFE_JSON = f"[\x7f-\x9f\u2028\u2029\ud800-\udfff{_HIDDEN}]"
# (The patterns are compiled on first use, by re's own cache: importing this is free.)


def _kept(match: re.Match[str]) -> bool:
    """A zero-width joiner between two pictographs (👩‍💻) is part of the emoji, and so is the
    emoji presentation selector after one (❤️): they stay."""
    char, at = match.group(), match.start()
    if char == "\ufe0f":
        return at > 0 and _pictograph(match.string[at - 1])
    return char == "\u200d" and _joins_emoji(match.string, at)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if _kept(match):
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _joins_emoji(text: str, index: int) -> bool:
    """A zero-width joiner between two pictographs (👩‍💻) is part of the emoji."""
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return _pictograph(before) and _pictograph(after)


def _pictograph(char: str) -> bool:
    return bool(char) and (unicodedata.category(char) == "So" or char in "\ufe0f\u2642\u2640")


def visible(text: str) -> str:
    """Text with control, bidi and invisible characters shown as `\\x1b`-style escapes."""
    unsafe = _unsafe()
    return unsafe.sub(_escape, text) if unsafe.search(text) else text


@cache
def _unsafe() -> re.Pattern[str]:
    """The pattern of `visible`, compiled once (the site calls it two million times for
    10,000 measures: re's own cache lookup was a third of the cost)."""
    return re.compile(_UNSAFE)


def one_line(text: str) -> str:
    """Like `visible`, and newlines and tabs too: for cells and single-line messages."""
    return re.sub(_UNSAFE_LINE, lambda m: " " if m.group() in "\n\t" else _escape(m), text)


def json_safe(text: str) -> str:
    """JSON text with unsafe characters as `\\uXXXX` escapes: the same data, nothing raw.

    No control, bidi or invisible character reaches a terminal, and lone surrogates (from
    file names that are not UTF-8) no longer make the output invalid UTF-8.
    """

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return char if _kept(match) else "".join(f"\\u{unit:04x}" for unit in _utf16(char))

    return re.sub(_UNSAFE_JSON, escape, text)


def _utf16(char: str) -> list[int]:
    """The UTF-16 code units of a character, as JSON's \\u escapes spell it."""
    code = ord(char)
    if code <= 0xFFFF:
        return [code]
    code -= 0x10000
    return [0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)]
