"""Held-out conversations (data/dialogue_eval/): the share that succeed, per language and skill.

Each conversation runs through the real NLU model and router on a fresh copy of the demo data,
as one new person; it succeeds when every step's expectations hold (tests/support/dialogues.py).
Writes reports/dialogue-eval.json and prints a table. Usage: make dialogue-eval
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import socket
import sys
import tempfile
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.nlu_service import NluService  # noqa: E402
from core.settings import LOCALES  # noqa: E402
from tests.conftest import base_settings, make_container, seed_demo  # noqa: E402
from tests.support.dialogues import EXPO_START, run_story  # noqa: E402

STORIES = ROOT / "data" / "dialogue_eval"
REPORT = ROOT / "reports" / "dialogue-eval.json"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def evaluate(nlu_url: str, token: str, workdir: Path) -> dict[str, Any]:
    settings = base_settings(f"sqlite:///{workdir / 'eval.db'}", nlu_url=nlu_url, nlu_token=token)
    container = make_container(replace(settings, expo_start=EXPO_START))
    seed_demo(container)
    outcomes: list[dict[str, Any]] = []
    try:
        for locale in LOCALES:
            stories = yaml.safe_load((STORIES / f"{locale}.yml").read_text("utf-8"))
            for number, story in enumerate(stories):
                user = 90_000 + LOCALES.index(locale) * 1000 + number
                problems = await run_story(container, locale, user, story)
                outcomes.append(
                    {"locale": locale, "skill": story["skill"], "story": story["story"],
                     "ok": not problems, "problems": problems}
                )  # fmt: skip
    finally:
        await container.aclose()
    return summary(outcomes)


def summary(outcomes: list[dict[str, Any]]) -> dict[str, Any]:
    def rate(rows: list[dict[str, Any]]) -> dict[str, Any]:
        return {"ok": sum(r["ok"] for r in rows), "n": len(rows)}

    by_locale: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_skill: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in outcomes:
        by_locale[row["locale"]].append(row)
        by_skill[row["skill"]].append(row)
    return {
        "overall": rate(outcomes),
        "by_locale": {k: rate(v) for k, v in by_locale.items()},
        "by_skill": {k: rate(v) for k, v in by_skill.items()},
        "failures": [r for r in outcomes if not r["ok"]],
    }


def table(result: dict[str, Any]) -> str:
    def cell(found: dict[str, Any]) -> str:
        return f"{found['ok']}/{found['n']}"

    lines = ["language  " + "  ".join(f"{k}:{cell(v)}" for k, v in result["by_locale"].items())]
    lines.append("skill     " + "  ".join(f"{k}:{cell(v)}" for k, v in result["by_skill"].items()))
    lines.append(f"overall   {cell(result['overall'])}")
    lines += [
        f"  ✗ {f['locale']} {f['story']}: {f['problems'][0][:160]}" for f in result["failures"]
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "nlu.tar.gz")
    parser.add_argument("--nlu-url", help="a running NLU server to use instead of starting one")
    parser.add_argument("--nlu-token", default="test-nlu-token")
    args = parser.parse_args(argv)
    service = None
    url, token = args.nlu_url, args.nlu_token
    if not url:
        token = secrets.token_hex(24)
        service = NluService(f"http://127.0.0.1:{_free_port()}", token, args.model)
        service.start()
        if not service.wait_ready(600):
            print(f"the NLU server did not start; see {service.log_file}", file=sys.stderr)
            return 1
        url = service.url
    try:
        with tempfile.TemporaryDirectory() as workdir:
            result = asyncio.run(evaluate(url, token, Path(workdir)))
    finally:
        if service is not None:
            service.stop()
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(table(result))
    print(f"report: {REPORT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
