"""A channel sender for the delivery job that records what it would send."""

from __future__ import annotations

from actions.base import Reply
from bot.delivery import SENT, WITHDRAWN, Flight, SendResult


class RecordingSender:
    """Sends at once, like the console: the flight starts, then the message "goes out"."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, Reply]] = []

    async def __call__(self, external_id: int, reply: Reply, flight: Flight) -> SendResult:
        if not await flight.start():
            return SendResult(WITHDRAWN)
        self.sent.append((external_id, reply))
        return SENT
