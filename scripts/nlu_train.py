"""Trains models/nlu.tar.gz unless its inputs are unchanged; keeps a cache per input hash.

Run with the NLU venv: .venv-nlu/bin/python scripts/nlu_train.py [--force]
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "nlu.tar.gz"
STAMP = ROOT / "models" / "nlu.hash"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "delta-expo"


def inputs() -> list[Path]:
    files = [ROOT / "config.yml", ROOT / "requirements-nlu.txt"]
    files += sorted((ROOT / "data" / "nlu").rglob("*.yml"))
    files += sorted((ROOT / "nlu").glob("*.py")) + sorted((ROOT / "nlu").glob("*.txt"))
    files += sorted((ROOT / "nlu" / "cues").glob("*.yml"))
    return files


def digest() -> str:
    sha = hashlib.sha256()
    for path in inputs():
        sha.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()[:16]


def train(out_dir: Path, quiet: bool = False) -> Path:
    # Rasa's own per-component cache (.rasa/cache) would reuse parts of earlier trainings: our
    # model cache in main() already covers unchanged inputs, and a full run keeps the time honest.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3", "RASA_MAX_CACHE_SIZE": "0"}
    rasa = Path(sys.executable).with_name("rasa")
    subprocess.run(
        [str(rasa), "train", "nlu", "--config", "config.yml", "--nlu", "data/nlu",
         "--out", str(out_dir), "--fixed-model-name", "nlu"],
        cwd=ROOT, env=env, check=True,
        stdout=subprocess.DEVNULL if quiet else None, stderr=subprocess.DEVNULL if quiet else None,
    )  # fmt: skip
    return out_dir / "nlu.tar.gz"


def main() -> int:
    wanted = digest()
    if "--force" not in sys.argv and MODEL.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        print(f"NLU model is up to date ({wanted})")
        return 0
    MODEL.parent.mkdir(parents=True, exist_ok=True)
    cached = CACHE / f"nlu-{wanted}.tar.gz"
    if cached.exists() and "--force" not in sys.argv:
        shutil.copyfile(cached, MODEL)
        print(f"NLU model restored from cache ({wanted})")
    else:
        started = time.monotonic()
        built = train(ROOT / "models" / "build")
        shutil.move(built, MODEL)
        shutil.rmtree(ROOT / "models" / "build", ignore_errors=True)
        print(f"NLU model trained in {time.monotonic() - started:.0f} s ({wanted})")
        CACHE.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(MODEL, cached)
    STAMP.write_text(wanted + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
