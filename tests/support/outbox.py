"""A channel sender for the delivery job that records what it would send."""

from __future__ import annotations

from actions.base import Reply
from bot.delivery import SENT, SendResult


class RecordingSender:
    def __init__(self) -> None:
        self.sent: list[tuple[int, Reply]] = []

    async def __call__(self, external_id: int, reply: Reply) -> SendResult:
        self.sent.append((external_id, reply))
        return SENT
