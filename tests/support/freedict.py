"""Small dictionaries in FreeDict's dictd format (an index of base-64 offsets and a gzipped
text), written for tests, and the lexicon file built from them by scripts/build_lexicon.py."""

from __future__ import annotations

import gzip
import importlib.util
import sys
from pathlib import Path

from core.settings import ROOT

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _b64(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 64)
        digits = _B64[rest] + digits
        if not number:
            return digits


def write_dictionary(folder: Path, name: str, entries: list[str]) -> None:
    """freedict-<name>.index and .dict.dz holding `entries`, each a headword line and its
    translation lines, as FreeDict writes them."""
    text = b""
    index = [f"00-database-info\t{_b64(0)}\t{_b64(0)}"]
    for entry in entries:
        data = (entry.strip("\n") + "\n").encode("utf-8")
        head = entry.strip("\n").split("\n", 1)[0].split(" /", 1)[0].split(" <", 1)[0]
        index.append(f"{head}\t{_b64(len(text))}\t{_b64(len(data))}")
        text += data
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"freedict-{name}.index").write_text("\n".join(index) + "\n", "utf-8")
    (folder / f"freedict-{name}.dict.dz").write_bytes(gzip.compress(text))


def build_lexicon(source: Path, out: Path) -> Path:
    spec = importlib.util.spec_from_file_location(
        "build_lexicon", ROOT / "scripts/build_lexicon.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_lexicon", module)
    spec.loader.exec_module(module)
    assert module.main(["--source", str(source), "--out", str(out)]) == 0
    return out


# German words of goods no taxonomy term has, as the German-English dictionary gives them.
GERMAN = [
    "Dunstabzugshaube /dˈʊnstaptsuːkshaʊbə/ <fem, n, sg>\ncooker hood, extractor hood, kitchen exhaust hood",
    "Marille /maˈrɪlə/ <fem, n, sg>\n [Ös.] apricot",
    "Wetter /ˈvɛtɐ/ <neut, n, sg>\nweather, mine air",
    "Edelstahl /ˈeːdl̩ʃtaːl/ <masc, n, sg>\nstainless steel",
    "Haube /ˈhaʊbə/ <fem, n, sg>\nhood, bonnet",
    "trocknen /ˈtrɔknən/ <v>\nto dry",
]
FRENCH = ["hotte /ɔt/ <n, fem>\n1. hood\n2. basket"]
