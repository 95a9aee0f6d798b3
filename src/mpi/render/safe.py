"""Make untrusted plan text safe to show: control characters become visible escapes."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, bidi overrides and isolates,
# zero-width marks that can hide text, and lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
_UNSAFE_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Text with control, bidi and invisible characters shown as `\\x1b`-style escapes."""
    return _UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """Like `visible`, and newlines and tabs too: for cells and single-line messages."""
    return _UNSAFE_LINE.sub(lambda m: " " if m.group() in "\n\t" else _escape(m), text)
