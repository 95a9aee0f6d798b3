"""YAML 1.2 core schema resolution of plain scalars: the same types on every read path.

No `yes` -> True, no sexagesimal numbers, no implicit dates (`2023-12-31` stays text); an
explicit core tag (`!!str`, `!!int`, ...) forces its type.
"""

from __future__ import annotations

import math
import re
from typing import Any

from mpi.domain.words import clip
from mpi.i18n import _

CORE = "tag:yaml.org,2002:"
_NULL = re.compile(r"~|null|Null|NULL|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")

MAX_DIGITS = 100

# A plain scalar can only be null, bool or a number if it starts with one of these.
_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")


def resolve(value: str, tag: str | None) -> Any:
    """YAML 1.2 core schema; an explicit core tag forces its type."""
    if tag is None and value and value[0] not in _MAYBE_NOT_TEXT:
        return value  # most plan values are German text: skip the pattern tests
    name = tag[len(CORE) :] if tag else None
    if name == "str":
        return value
    if name in (None, "null") and _NULL.fullmatch(value):
        return None
    if name in (None, "bool"):
        if _TRUE.fullmatch(value):
            return True
        if _FALSE.fullmatch(value):
            return False
    if name in (None, "int", "float"):
        if _INT.fullmatch(value) or _OCT.fullmatch(value) or _HEX.fullmatch(value):
            # int() of thousands of digits is slow, and str() of one raises ValueError later
            digits = len(value.lstrip("+-").removeprefix("0o").removeprefix("0x"))
            if digits > MAX_DIGITS:
                raise ValueError(
                    _("a number with {digits} digits is too large (limit {limit})").format(
                        digits=digits, limit=MAX_DIGITS
                    )
                )
        if _INT.fullmatch(value):
            number = int(value)
            return float(number) if name == "float" else number
        if _OCT.fullmatch(value):
            return int(value[2:], 8)
        if _HEX.fullmatch(value):
            return int(value[2:], 16)
    if name in (None, "float"):
        if _FLOAT.fullmatch(value) and value not in ("+", "-", "."):
            return float(value)
        if _INF.fullmatch(value):
            return -math.inf if value.startswith("-") else math.inf
        if _NAN.fullmatch(value):
            return math.nan
    if name is None:
        return value
    kinds = {"int": _("integer"), "float": _("number"), "bool": _("boolean"), "null": _("null")}
    raise ValueError(
        _("{value} is not a valid {kind}").format(
            value=repr(clip(value)), kind=kinds.get(str(name), str(name))
        )
    )
