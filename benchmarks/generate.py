"""Write a synthetic plan of any size in the shipped schema, for benchmarks.

Every synthetic measure is a copy of one of the shipped plan's real measures (same German
text, sub-items, sources, milestones including recurring ones, indicators and updates) and
stays in the Handlungsfeld it came from, so its goals and section stay valid. The shipped
measures are cycled in a seeded random order; ids are renumbered HF<n>.1..k per field and
indicator ids get the measure number as a suffix (`flaechenreserve-18`) to stay unique.

    python benchmarks/generate.py --measures 1000 --out benchmarks/out/plan-1000
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import sys
from pathlib import Path
from typing import Any

import yaml

SHIPPED = Path(__file__).resolve().parents[1] / "plan"
PLAN_FILE = "plan.yaml"
ADOPTED_FILE = "adopted.yaml"  # the shipped plan's adopted plan: a synthetic plan is a draft
BOOL = "tag:yaml.org,2002:bool"
TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(yaml.SafeLoader):
    """Close enough to YAML 1.2 core for plan files: dates stay text, only true/false are bool."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (BOOL, TIMESTAMP)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc]
    """Writes the shipped files' style: folded long texts, short lists in flow style."""


def _represent_str(dumper: Any, value: str) -> Any:
    style = ">" if len(value) > 80 or "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: Any, value: list[Any]) -> Any:
    short = all(isinstance(v, str | int | float) and len(str(v)) <= 40 for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=short)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)


def load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_Loader)  # _Loader is a SafeLoader
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: not a mapping")
    return data


def renumber(measure: dict[str, Any], field_id: str, number: int) -> dict[str, Any]:
    """A copy of `measure` as measure `number` of `field_id`, with unique indicator ids."""
    out = copy.deepcopy(measure)
    out["id"] = f"{field_id}.{number}"
    for indicator in out.get("indicators", []):
        indicator["id"] = f"{indicator['id']}-{number}"
    return out


def build(fields: list[dict[str, Any]], measures: int, seed: int) -> list[dict[str, Any]]:
    """The field documents holding `measures` copies of the given fields' measures."""
    pool = [(index, m) for index, field in enumerate(fields) for m in field["measures"]]
    if not pool:
        raise SystemExit("the source plan has no measures")
    rng = random.Random(seed)
    out: list[list[dict[str, Any]]] = [[] for _ in fields]
    while sum(map(len, out)) < measures:
        order = pool[:]
        rng.shuffle(order)
        for index, measure in order[: measures - sum(map(len, out))]:
            out[index].append(renumber(measure, fields[index]["id"], len(out[index]) + 1))
    return [{**field, "measures": new} for field, new in zip(fields, out, strict=True)]


def generate(measures: int, out: Path, source: Path = SHIPPED, seed: int = 0) -> int:
    """Write plan.yaml and the Handlungsfeld files to `out`; return the total bytes."""
    field_paths = sorted(
        p for p in source.glob("*.yaml") if p.name not in (PLAN_FILE, ADOPTED_FILE)
    )
    out.mkdir(parents=True, exist_ok=True)
    names = {PLAN_FILE, *(p.name for p in field_paths)}
    strangers = [p.name for p in out.glob("*.y*ml") if p.name not in names]
    if strangers:
        raise SystemExit(f"{out} holds other YAML files ({', '.join(strangers)}); use another")
    plan = (source / PLAN_FILE).read_text(encoding="utf-8")
    plan = re.sub(r"(?m)^adopted_plan:.*\n", "", plan)  # a draft: no adopted plan to compare
    (out / PLAN_FILE).write_text(plan, encoding="utf-8")
    total = (out / PLAN_FILE).stat().st_size
    documents = build([load(p) for p in field_paths], measures, seed)
    for path, document in zip(field_paths, documents, strict=True):
        header = (
            f"# Synthetic Handlungsfeld {document['id']}: {len(document['measures'])} measures\n"
            f"# copied from the shipped plan by benchmarks/generate.py (seed {seed}).\n"
        )
        body = yaml.dump(
            document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88, indent=2
        )
        data = (header + body).encode("utf-8")
        (out / path.name).write_bytes(data)
        total += len(data)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=1000, help="number of measures")
    parser.add_argument("--out", type=Path, required=True, help="directory to write")
    parser.add_argument("--seed", type=int, default=0, help="seed of the measure order")
    parser.add_argument("--plan", type=Path, default=SHIPPED, help="plan to copy from")
    args = parser.parse_args(argv)
    if args.measures < 1:
        parser.error("--measures must be at least 1")
    size = generate(args.measures, args.out, args.plan, args.seed)
    print(f"{args.out}: {args.measures:,} measures, {size:,} bytes ({size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
