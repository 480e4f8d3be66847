"""The project's YAML data files read as PyYAML's safe loader reads them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from core.datafiles import read_yaml
from core.settings import ROOT


@pytest.mark.parametrize(
    "path", sorted((ROOT / "data" / "taxonomy").glob("*.yml")), ids=lambda p: p.name
)
def test_a_data_file_reads_as_the_safe_loader_reads_it(path: Path) -> None:
    assert read_yaml(path) == (yaml.safe_load(path.read_text("utf-8")) or {})


def test_a_missing_file_is_empty(tmp_path: Path) -> None:
    assert read_yaml(tmp_path / "none.yml") == {}


class _NoRepeatedKeys(yaml.SafeLoader):
    """The safe loader, refusing a key written twice in one mapping: YAML keeps the last
    one silently, and a category's second `ru:` list would drop its first."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise AssertionError(f"{key!r} repeated at line {key_node.start_mark.line + 1}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


@pytest.mark.parametrize(
    "path",
    sorted(
        p
        for folder in ("taxonomy", "dialogue", "names")
        for p in (ROOT / "data" / folder).glob("*.yml")
    ),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_no_data_file_writes_a_key_twice_in_one_mapping(path: Path) -> None:
    yaml.load(path.read_text("utf-8"), Loader=_NoRepeatedKeys)  # a safe loader
