"""Make untrusted plan text safe to show: control characters become visible escapes."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, bidi overrides and isolates,
# zero-width marks that can hide text, and lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
# For one line: also newlines, tabs and the Unicode line and paragraph separators.
_UNSAFE_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)

# For JSON text: what json.dumps leaves raw (it escapes C0 controls itself). Only string
# contents can hold these, so the layout's newlines and indentation stay as they are.
_UNSAFE_JSON = re.compile("[\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Text with control, bidi and invisible characters shown as `\\x1b`-style escapes."""
    return _UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """Like `visible`, and newlines and tabs too: for cells and single-line messages."""
    return _UNSAFE_LINE.sub(lambda m: " " if m.group() in "\n\t" else _escape(m), text)


def json_safe(text: str) -> str:
    """JSON text with unsafe characters as `\\uXXXX` escapes: the same data, nothing raw.

    No control, bidi or invisible character reaches a terminal, and lone surrogates (from
    file names that are not UTF-8) no longer make the output invalid UTF-8.
    """
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
