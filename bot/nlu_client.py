"""The app's side of the NLU contract: POST /model/parse on the stock Rasa server."""

from __future__ import annotations

import logging
from typing import Any

import httpx

from actions.base import Entity, NluResult

log = logging.getLogger(__name__)


class NluUnavailable(RuntimeError):
    """The NLU service did not answer in time or answered with an error."""


def to_result(text: str, payload: dict[str, Any]) -> NluResult:
    intent = payload.get("intent") or {}
    name = str(intent.get("name") or "nlu_fallback")
    topic, topic_confidence = None, 0.0
    selector = (payload.get("response_selector") or {}).get(name.split("/")[0]) or {}
    response = selector.get("response") or {}
    key = response.get("intent_response_key") or ""
    if "/" in key:
        topic, topic_confidence = key.split("/", 1)[1], float(response.get("confidence") or 0.0)
    elif "/" in name:  # a model trained without the selector still names the sub-intent
        name, topic = name.split("/", 1)
        topic_confidence = float(intent.get("confidence") or 0.0)
    entities = tuple(
        Entity(
            type=str(e["entity"]),
            value=str(e.get("value") or text[e.get("start", 0) : e.get("end", 0)]),
            start=int(e.get("start", 0)),
            end=int(e.get("end", 0)),
        )
        for e in payload.get("entities") or []
        if e.get("entity")
    )
    return NluResult(
        text=text,
        intent=name.split("/")[0],
        confidence=float(intent.get("confidence") or 0.0),
        entities=entities,
        topic=topic,
        topic_confidence=topic_confidence,
    )


class NluClient:
    def __init__(self, base_url: str, token: str, timeout: float) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=timeout)
        self._token = token

    async def parse(self, text: str) -> NluResult:
        try:
            response = await self._client.post(
                "/model/parse", params={"token": self._token}, json={"text": text}
            )
            response.raise_for_status()
            payload = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            log.warning("NLU service unavailable: %s", type(exc).__name__)
            raise NluUnavailable(str(type(exc).__name__)) from exc
        return to_result(text, payload)

    async def ready(self) -> bool:
        try:
            response = await self._client.get("/status", params={"token": self._token})
        except httpx.HTTPError:
            return False
        return response.status_code == 200 and bool(response.json().get("model_file"))

    async def aclose(self) -> None:
        await self._client.aclose()
