"""The project's YAML data files read as PyYAML's safe loader reads them."""

from __future__ import annotations

from pathlib import Path

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
