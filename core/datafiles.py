"""Reading the project's YAML data files (taxonomy, countries)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def read_yaml(path: Path) -> dict[str, Any]:
    """A file's top-level mapping; {} for a missing file."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        # libyaml's parser where PyYAML has it: the taxonomy parses eight times faster, into
        # the same data as the pure-Python safe loader.
        if yaml.__with_libyaml__:
            loaded = yaml.load(handle, Loader=yaml.CSafeLoader) or {}
        else:
            loaded = yaml.safe_load(handle) or {}
    if not isinstance(loaded, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return loaded
