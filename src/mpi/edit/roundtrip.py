"""ruamel.yaml's round trip, set up to give back the plan files' bytes unchanged."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ruamel.yaml import YAML


def yaml_round_trip() -> YAML:
    """A ruamel.yaml instance that gives back the plan files' bytes unchanged."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    # Plan files never hold anchors or aliases; shared values are written out again.
    yaml.representer.ignore_aliases = lambda _data: True
    return yaml


def load_text(text: str) -> Any:
    """The round-trip tree (CommentedMap, CommentedSeq, scalars) of a plan file's text."""
    return yaml_round_trip().load(text)


def dump_text(tree: Any) -> str:
    out = io.StringIO()
    yaml_round_trip().dump(tree, out)
    return out.getvalue()
