"""Command line: run the assistant (web chat, Telegram, console) and import data."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import httpx
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from bot import logs
from bot.app import Container, build
from bot.delivery import Delivery, plain
from bot.nlu_service import NluService
from core import names
from core.db import transaction
from core.i18n import Translator, translator
from core.imports import ImportReport, import_events, import_exhibitors, import_schedules
from core.settings import LOCALES, Settings

log = logging.getLogger("bot")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser(
        "run", help="the web chat, and the Telegram bot as well when TELEGRAM_TOKEN is set"
    )
    web = commands.add_parser("web", help="serve the web chat")
    for command in (run, web):
        command.add_argument("--host", help="address to listen on (default WEB_HOST)")
        command.add_argument("--port", type=int, help="port to listen on (default WEB_PORT)")
    web.add_argument(
        "--workers", type=int, default=1, help="processes serving the web chat (default 1)"
    )
    console = commands.add_parser("console", help="chat in this terminal")
    console.add_argument("--user", type=int, default=1, help="console user id (default 1)")
    console.add_argument("--lang", choices=LOCALES, help="reply language")
    commands.add_parser("telegram", help="run the Telegram bot")
    commands.add_parser("healthcheck", help="exit 0 when the database and NLU answer")
    for name in ("import-catalog", "import-events", "import-slots"):
        command = commands.add_parser(
            name, help=f"{name.split('-')[1]} from .xlsx or CSV, all or nothing"
        )
        command.add_argument("file", type=Path)
        if name != "import-slots":
            command.add_argument(
                "--demo",
                action="store_true",
                help="the file is demo data: replies say the companies or events are invented",
            )
        if name == "import-catalog":
            command.add_argument(
                "--prune",
                action="store_true",
                help="retire exhibitors the file no longer lists, cancelling their meetings",
            )
            command.add_argument(
                "--recategorise",
                action="store_true",
                help="look up every row's product categories again (after a taxonomy change)",
            )
    args = parser.parse_args(argv)

    settings = Settings.from_env()
    default_level = logging.INFO if args.verbose else logging.WARNING
    logs.configure(default_level, settings.telegram_token, settings.nlu_token)
    container = build(settings)
    try:
        if args.command == "healthcheck":
            return healthcheck(container)
        if args.command in {"import-catalog", "import-events", "import-slots"}:
            return import_file(
                container,
                args.command,
                args.file,
                prune=getattr(args, "prune", False),
                recategorise=getattr(args, "recategorise", False),
                demo=getattr(args, "demo", False),
            )
        if args.command == "telegram":
            if not settings.telegram_token:
                parser.error("TELEGRAM_TOKEN is not set")
            return with_nlu(container, lambda: run_telegram(container))
        if args.command in {"run", "web"}:
            host = args.host or settings.web_host
            port = settings.web_port if args.port is None else args.port
            with_telegram = args.command == "run" and bool(settings.telegram_token)
            workers = getattr(args, "workers", 1)
            return with_nlu(
                container, lambda: run_web(container, host, port, with_telegram, workers)
            )
        user = getattr(args, "user", 1)
        lang = getattr(args, "lang", None)
        return with_nlu(container, lambda: asyncio.run(run_console(container, user, lang)))
    finally:
        container.engine.dispose()


def import_file(
    container: Container,
    command: str,
    path: Path,
    *,
    prune: bool = False,
    recategorise: bool = False,
    demo: bool = False,
) -> int:
    t = translator(container.settings.default_locale)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        print(t.gettext("Cannot read {path}: {reason}").format(path=path, reason=exc.strerror))
        return 2
    with transaction(container.sessions) as session:
        if command == "import-slots":
            report = import_schedules(session, raw, container.settings.slot_minutes)
        elif command == "import-catalog":
            report = import_exhibitors(
                session,
                raw,
                container.taxonomy,
                prune=prune,
                recategorise=recategorise,
                demo=demo,
            )
        else:
            report = import_events(session, raw, container.taxonomy, demo=demo)
        if not report.ok:
            session.rollback()
    if not report.ok:
        print(t.gettext("{path} was not imported; nothing was changed:").format(path=path))
        for error in report.errors:
            print("  " + error.render(t))
        return 1
    print(
        t.gettext(
            "Imported {path}: {created} new, {updated} updated, {unchanged} unchanged."
        ).format(
            path=path, created=report.created, updated=report.updated, unchanged=report.unchanged
        )
    )
    print_catalog_changes(t, report)
    if report.alerts:
        print(
            t.ngettext(
                "{count} alert queued for subscribers.",
                "{count} alerts queued for subscribers.",
                report.alerts,
            ).format(count=report.alerts)
        )
    return 0


def print_catalog_changes(t: Translator, report: ImportReport) -> None:
    """Who is back, who the file no longer lists, and what pruning did about them."""
    if report.restored:
        print(
            t.ngettext(
                "{count} retired exhibitor is listed again and back in the catalog: {ids}",
                "{count} retired exhibitors are listed again and back in the catalog: {ids}",
                len(report.restored),
            ).format(count=len(report.restored), ids=", ".join(report.restored))
        )
    if report.retired:
        print(
            t.ngettext(
                "{count} exhibitor no longer in the file was retired: {ids}",
                "{count} exhibitors no longer in the file were retired: {ids}",
                len(report.retired),
            ).format(count=len(report.retired), ids=", ".join(report.retired))
        )
        print(
            t.ngettext(
                "{count} visitor was told their meetings with them are cancelled.",
                "{count} visitors were told their meetings with them are cancelled.",
                report.notified,
            ).format(count=report.notified)
        )
    elif report.missing:
        print(
            t.ngettext(
                "{count} exhibitor in the catalog is no longer in the file: {ids}",
                "{count} exhibitors in the catalog are no longer in the file: {ids}",
                len(report.missing),
            ).format(count=len(report.missing), ids=", ".join(report.missing))
        )
        print(t.gettext("They stay bookable. To retire them, import the file again with --prune."))


def healthcheck(container: Container) -> int:
    try:
        with container.engine.connect() as connection:
            connection.execute(text("select 1"))
    except SQLAlchemyError as exc:
        print(f"unhealthy: {type(exc).__name__}", file=sys.stderr)
        return 1
    # One NLU server answering is enough: the client fails over to it.
    errors = []
    for url in container.settings.nlu_servers:
        try:
            # "/" is the one Rasa endpoint that needs no token.
            httpx.get(url + "/", timeout=5).raise_for_status()
            return 0
        except httpx.HTTPError as exc:
            errors.append(type(exc).__name__)
    print(f"unhealthy: no NLU server answers ({', '.join(errors)})", file=sys.stderr)
    return 1


def with_nlu(container: Container, body: Callable[[], object]) -> int:
    settings = container.settings
    # The company-name index is built while the language service starts, not on the first
    # question about a company.
    threading.Thread(target=warm_names, args=(container,), daemon=True).start()
    services = []
    if settings.nlu_manage:
        # One server per URL listed (all on loopback), each loading the model itself.
        services = [
            NluService(url, settings.nlu_token, settings.nlu_model) for url in settings.nlu_servers
        ]
        t = translator(settings.default_locale)
        print(t.gettext("Starting the language service (about a minute)…"), file=sys.stderr)
        for service in services:
            service.start()
        ready = [service.wait_ready() for service in services]  # each, not only the first
        if not any(ready):
            print(
                t.gettext("The language service did not start; only the menu will work."),
                file=sys.stderr,
            )
    try:
        body()
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        for service in services:
            service.stop()


def warm_names(container: Container) -> None:
    with container.sessions() as session:
        names.refresh(session)


def run_telegram(container: Container) -> None:
    from bot.channels import telegram

    application = telegram.build_application(container)
    telegram.run(application, container)


def run_web(
    container: Container, host: str, port: int, with_telegram: bool, workers: int = 1
) -> None:
    """The web chat; with Telegram as well, the bot runs in this thread and the web chat
    beside it (the Telegram side recovers the outbox at start, for both)."""
    from bot.channels import web

    t = translator(container.settings.default_locale)
    shown = "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host  # noqa: S104
    url = f"http://{shown}:{port}/" if ":" not in shown else f"http://[{shown}]:{port}/"
    print(t.gettext("Web chat: {url}").format(url=url), file=sys.stderr)
    if not with_telegram:
        web.serve(container.router, host, port, workers)
        return
    background = web.Background(container.router, host, port).start()
    if not background.wait_started():
        print(t.gettext("The web chat could not start on {url}.").format(url=url), file=sys.stderr)
    try:
        run_telegram(container)
    finally:
        background.stop()


async def run_console(container: Container, user: int, lang: str | None) -> None:
    from bot.channels.console import Console

    console = Console(container.router, user_id=user, lang=lang)
    delivery = Delivery(container.router, plain(console.send_notice))
    delivery.recover()
    deliveries = asyncio.create_task(
        deliver_forever(delivery, container.settings.delivery_interval)
    )
    try:
        await console.run()
    finally:
        deliveries.cancel()
        await container.nlu.aclose()


async def deliver_forever(delivery: Delivery, interval: float) -> None:
    """The console's stand-in for the Telegram JobQueue job: reminders and notices."""
    while True:
        await delivery.run_due()
        await asyncio.sleep(interval)


if __name__ == "__main__":
    sys.exit(main())
