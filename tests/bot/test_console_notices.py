"""The console as a delivery channel: reminders show up in the terminal, with buttons."""

from __future__ import annotations

import io
from datetime import timedelta

from sqlalchemy import select

from bot.channels.console import Console
from bot.delivery import Delivery, plain
from bot.router import Incoming
from core.models import Meeting


async def test_a_due_reminder_is_printed_with_its_buttons(app, tmp_path) -> None:
    out = io.StringIO()
    console = Console(app.router, user_id=5, out=out, export_dir=tmp_path)
    picker = await app.router.handle_callback(
        Incoming("console", 5, app.router.codec.encode("bk", "EX00001"), "en")
    )
    await app.router.handle_callback(Incoming("console", 5, picker.buttons[0][0].data, "en"))
    with app.sessions() as session:
        start = session.scalars(select(Meeting.starts_at)).one()
    app.router.clock = lambda: start - timedelta(minutes=30)
    await Delivery(app.router, plain(console.send_notice)).run_due()
    shown = out.getvalue()
    assert shown.startswith("🔔 ⏰ Your meeting starts in 30 minutes:")
    assert "[1] 📅 Add to calendar" in shown
    await console.send("1")  # the reminder's button works like any other
    assert (tmp_path / "ciie-meeting-1.ics").exists()
