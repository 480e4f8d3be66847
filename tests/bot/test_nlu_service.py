"""The managed Rasa server's command line: any token reaches Rasa as the token."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from bot.nlu_service import NluService
from core.settings import ROOT

RASA_PYTHON = ROOT / ".venv-nlu" / "bin" / "python"
# Rasa's own argument parser, given our command line; prints the options it read.
READ_ARGS = """
import json, sys
from rasa.__main__ import create_argument_parser
args = create_argument_parser().parse_args(sys.argv[1:])
print(json.dumps({"token": args.auth_token, "port": args.port, "model": args.model}))
"""


@pytest.mark.nlu
@pytest.mark.parametrize("token", ["-starts-with-a-dash", "--looks-like-an-option", "plain"])
def test_rasa_reads_any_token_as_the_token(token: str) -> None:
    if not RASA_PYTHON.exists():
        pytest.skip("no NLU environment (.venv-nlu)")
    service = NluService("http://127.0.0.1:5123", token, Path("models/nlu.tar.gz"))
    arguments = service.command()[1:]  # without the rasa executable
    result = subprocess.run(
        [str(RASA_PYTHON), "-c", READ_ARGS, *arguments],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    read = json.loads(result.stdout.strip().splitlines()[-1])
    assert read == {"token": token, "port": 5123, "model": "models/nlu.tar.gz"}
