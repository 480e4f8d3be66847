"""Telegram faked at the transport layer: a BaseRequest that records calls and answers them."""

from __future__ import annotations

import itertools
import json
import time
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_USER = {"id": 777000, "is_bot": True, "first_name": "Delta Expo", "username": "delta_expo_bot"}


class RecordingRequest(BaseRequest):
    """Answers every Bot API method like Telegram would, and keeps (method, params)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._message_ids = itertools.count(1000)
        # Chats that blocked the bot (403), and chats that get one "429 retry after" each.
        self.blocked: set[int] = set()
        self.flood: dict[int, int] = {}

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        chat = params.get("chat_id")
        if chat in self.blocked:
            return 403, self._error(403, "Forbidden: bot was blocked by the user")
        if chat in self.flood:
            seconds = self.flood.pop(chat)
            return 429, self._error(429, "Too Many Requests", retry_after=seconds)
        self.calls.append((endpoint, params))
        return 200, json.dumps({"ok": True, "result": self._result(endpoint, params)}).encode()

    @staticmethod
    def _error(code: int, description: str, **parameters: Any) -> bytes:
        body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
        if parameters:
            body["parameters"] = parameters
        return json.dumps(body).encode()

    def _result(self, endpoint: str, params: dict[str, Any]) -> Any:
        if endpoint == "getMe":
            return BOT_USER
        if endpoint == "sendDocument":
            return {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": {"id": params.get("chat_id"), "type": "private"},
                "document": {"file_id": "doc", "file_unique_id": "doc"},
            }
        if endpoint in {"sendMessage", "editMessageText"}:
            message = {
                "message_id": params.get("message_id") or next(self._message_ids),
                "date": int(time.time()),
                "chat": {"id": params.get("chat_id"), "type": "private"},
                "from": BOT_USER,
                "text": params.get("text", ""),
            }
            if params.get("reply_markup"):
                markup = params["reply_markup"]
                message["reply_markup"] = json.loads(markup) if isinstance(markup, str) else markup
            return message
        return True

    def sent(self, *endpoints: str) -> list[dict[str, Any]]:
        wanted = set(endpoints) or {"sendMessage", "editMessageText"}
        return [params for endpoint, params in self.calls if endpoint in wanted]


_update_ids = itertools.count(1)


def user(user_id: int = 4242, language_code: str | None = "en") -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "Test", "language_code": language_code}


def _message_update(user_id: int, language_code: str | None, **content: Any) -> dict[str, Any]:
    return {
        "update_id": next(_update_ids),
        "message": {
            "message_id": next(_update_ids),
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private"},
            "from": user(user_id, language_code),
            **content,
        },
    }


def text_update(text: str, user_id: int = 4242, language_code: str | None = "en") -> dict[str, Any]:
    commands = (
        {"entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]}
        if text.startswith("/")
        else {}
    )
    return _message_update(user_id, language_code, text=text, **commands)


def sticker_update(user_id: int = 4242) -> dict[str, Any]:
    sticker = {"file_id": "x", "file_unique_id": "y", "width": 1, "height": 1,
               "is_animated": False, "is_video": False, "type": "regular"}  # fmt: skip
    return _message_update(user_id, "en", sticker=sticker)


def callback_update(
    data: str, message: dict[str, Any], user_id: int = 4242, language_code: str | None = "en"
) -> dict[str, Any]:
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": str(next(_update_ids)),
            "from": user(user_id, language_code),
            "chat_instance": "ci",
            "data": data,
            "message": {**message, "chat": {"id": user_id, "type": "private"}},
        },
    }


def buttons(params: dict[str, Any]) -> list[dict[str, Any]]:
    markup = params.get("reply_markup") or {}
    if isinstance(markup, str):
        markup = json.loads(markup)
    return [button for row in markup.get("inline_keyboard", []) for button in row]
