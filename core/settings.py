"""Settings read from the environment: the only place secrets come from."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ("zh", "en", "ja", "ko", "de", "fr", "es", "ru")
DISPLAY_TZ = "Asia/Shanghai"


def _ids(raw: str) -> frozenset[int]:
    return frozenset(int(part) for part in raw.replace(";", ",").split(",") if part.strip())


def _urls(raw: str) -> tuple[str, ...]:
    """Comma- or space-separated base URLs, without trailing slashes."""
    return tuple(part.rstrip("/") for part in raw.replace(",", " ").split())


def _flag(raw: str) -> bool:
    return raw.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    database_url: str = f"sqlite:///{ROOT / 'var' / 'assistant.db'}"
    nlu_url: str = "http://127.0.0.1:5005"
    # Without NLU_TOKEN the app starts its own Rasa server with a fresh random token (hex: it
    # goes on a command line, where a leading "-" would read as an option).
    nlu_token: str = field(default_factory=lambda: secrets.token_hex(24), repr=False)
    nlu_manage: bool = True
    nlu_timeout: float = 3.0
    nlu_threshold: float = 0.45
    nlu_model: Path = ROOT / "models" / "nlu.tar.gz"
    # Several NLU servers used together (NLU_URLS); empty means the one at nlu_url.
    nlu_urls: tuple[str, ...] = ()
    # Seconds between health checks of idle or failed NLU servers and re-resolving their names.
    nlu_check_interval: float = 10.0
    telegram_token: str = field(default="", repr=False)
    # Where the Bot API is: Telegram's, or a self-hosted telegram-bot-api server.
    telegram_api_url: str = "https://api.telegram.org/bot"
    # Updates handled at once (different chats; one chat's messages stay in order).
    telegram_concurrency: int = 64
    webhook_url: str = ""
    webhook_secret: str = field(default="", repr=False)
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    admin_ids: frozenset[int] = frozenset()
    default_locale: str = "en"
    # Signs inline-button payloads; a random one makes old buttons "expired" after a restart.
    callback_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)
    data_dir: Path = ROOT / "data"
    # Bilingual dictionaries into English (core.lexicon), built by `make setup`.
    lexicon_path: Path = ROOT / "var" / "lexicon.sqlite"
    max_message_chars: int = 1000
    # Matchmaking: the expo runs Nov 5-10; without EXPO_START the next edition is meant.
    expo_start: date | None = None
    expo_days: int = 6
    slot_start: time = time(9, 0)
    slot_end: time = time(17, 0)
    slot_minutes: int = 30
    reminder_minutes: int = 30
    # How often the delivery job looks for due reminders, alerts and broadcasts (seconds).
    delivery_interval: float = 10.0
    # Telegram allows about 30 messages a second; one less keeps timing jitter from ever
    # making a second of 31. Bulk messages (reminders, alerts, broadcasts) use at most
    # `bulk_share` of it, leaving the rest for replies to people.
    messages_per_second: float = 29.0
    bulk_share: float = 0.95
    # Seconds an app process holds the outbox messages it claimed without renewing its hold;
    # a process that died is taken over this long after its last renewal.
    outbox_lease: float = 30.0
    export_dir: Path = ROOT / "var" / "exports"
    # A conversation idle for longer starts afresh ("the second one" no longer means anything).
    dialogue_idle_minutes: int = 30
    # The web chat: where it listens (behind a TLS-terminating reverse proxy in production).
    web_host: str = "127.0.0.1"
    web_port: int = 8080
    # Origins allowed besides the page's own (a proxy that rewrites the Host header).
    web_origins: tuple[str, ...] = ()
    # Messages and button presses a minute: per visitor, and per IP address (many phones
    # share one address behind a carrier's or an office's NAT).
    web_rate_per_minute: int = 30
    web_ip_rate_per_minute: int = 600
    web_max_body_bytes: int = 8192
    # Reverse proxies whose X-Forwarded-For/-Proto are believed (the visitor's address and
    # https); uvicorn's FORWARDED_ALLOW_IPS: addresses, networks, or "*".
    web_proxies: str = "127.0.0.1"

    @property
    def nlu_servers(self) -> tuple[str, ...]:
        return self.nlu_urls or (self.nlu_url,)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        base = cls()
        locale = env.get("DEFAULT_LOCALE", base.default_locale)
        if locale not in LOCALES:
            raise ValueError(f"DEFAULT_LOCALE must be one of {', '.join(LOCALES)}")
        nlu_urls = _urls(env.get("NLU_URLS", ""))
        return cls(
            database_url=env.get("DATABASE_URL", base.database_url),
            nlu_url=nlu_urls[0] if nlu_urls else env.get("NLU_URL", base.nlu_url).rstrip("/"),
            nlu_urls=nlu_urls,
            nlu_check_interval=float(env.get("NLU_CHECK_INTERVAL") or base.nlu_check_interval),
            nlu_token=env.get("NLU_TOKEN") or base.nlu_token,
            nlu_manage=_flag(env.get("NLU_MANAGE", "1")),
            nlu_timeout=float(env.get("NLU_TIMEOUT", base.nlu_timeout)),
            nlu_threshold=float(env.get("NLU_THRESHOLD", base.nlu_threshold)),
            nlu_model=Path(env.get("NLU_MODEL", str(base.nlu_model))),
            telegram_token=env.get("TELEGRAM_TOKEN", ""),
            telegram_api_url=env.get("TELEGRAM_API_URL") or base.telegram_api_url,
            telegram_concurrency=int(env.get("TELEGRAM_CONCURRENCY") or base.telegram_concurrency),
            webhook_url=env.get("TELEGRAM_WEBHOOK_URL", ""),
            webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET", ""),
            webhook_listen=env.get("TELEGRAM_WEBHOOK_LISTEN", base.webhook_listen),
            webhook_port=int(env.get("TELEGRAM_WEBHOOK_PORT", base.webhook_port)),
            admin_ids=_ids(env.get("ADMIN_IDS", "")),
            default_locale=locale,
            callback_secret=env.get("CALLBACK_SECRET") or base.callback_secret,
            data_dir=Path(env.get("DATA_DIR", str(base.data_dir))),
            lexicon_path=Path(env.get("LEXICON_PATH", str(base.lexicon_path))),
            expo_start=date.fromisoformat(env["EXPO_START"]) if env.get("EXPO_START") else None,
            expo_days=int(env.get("EXPO_DAYS") or base.expo_days),
            slot_start=time.fromisoformat(env.get("SLOT_START") or "09:00"),
            slot_end=time.fromisoformat(env.get("SLOT_END") or "17:00"),
            slot_minutes=int(env.get("SLOT_MINUTES") or base.slot_minutes),
            reminder_minutes=int(env.get("REMINDER_MINUTES") or base.reminder_minutes),
            delivery_interval=float(env.get("DELIVERY_INTERVAL") or base.delivery_interval),
            messages_per_second=float(env.get("MESSAGES_PER_SECOND") or base.messages_per_second),
            bulk_share=float(env.get("BULK_SHARE") or base.bulk_share),
            outbox_lease=float(env.get("OUTBOX_LEASE") or base.outbox_lease),
            export_dir=Path(env.get("EXPORT_DIR") or str(base.export_dir)),
            dialogue_idle_minutes=int(
                env.get("DIALOGUE_IDLE_MINUTES") or base.dialogue_idle_minutes
            ),
            web_host=env.get("WEB_HOST") or base.web_host,
            web_port=int(env.get("WEB_PORT") or base.web_port),
            web_origins=tuple(
                o.strip().rstrip("/") for o in env.get("WEB_ORIGINS", "").split(",") if o.strip()
            ),
            web_rate_per_minute=int(env.get("WEB_RATE_PER_MINUTE") or base.web_rate_per_minute),
            web_ip_rate_per_minute=int(
                env.get("WEB_IP_RATE_PER_MINUTE") or base.web_ip_rate_per_minute
            ),
            web_proxies=env.get("FORWARDED_ALLOW_IPS") or base.web_proxies,
        )
