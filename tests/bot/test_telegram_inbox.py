"""Reply marks with SQLite: a file of their own, read back when the inbox is recovered."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.channels.telegram_inbox import Inbox, MarksFile
from core import inbox
from core.db import make_engine, migrate, session_factory, transaction

NOW = datetime(2026, 11, 24, 4, 0, tzinfo=UTC)


async def test_a_marked_reply_counts_as_sent_after_a_restart(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    engine = make_engine(url)
    migrate(engine)
    sessions = session_factory(engine)
    with transaction(sessions) as session:
        for update_id in (1, 2):
            inbox.record(session, "telegram", update_id, 5, {"update_id": update_id}, NOW)
            row = inbox.lock(session, "telegram", update_id)
            assert row is not None
            inbox.replied(session, row, {"text": "hi"})
    marks = MarksFile.beside(url)
    assert marks is not None
    kept = Inbox(sessions, lambda: NOW, marks_file=marks)
    await kept.sending(1)  # its request was made; 2's was not
    marks.close()

    # A new process: the marks are read back from their file.
    again = Inbox(sessions, lambda: NOW, marks_file=MarksFile.beside(url))
    states = {update_id: state for update_id, state, _ in await again.unfinished(None)}
    assert states == {1: inbox.SENDING, 2: inbox.REPLYING}
    assert (tmp_path / "app.reply-marks.db").exists()
    await again.finish(1)
    assert again.marks_file is not None and again.marks_file.marked() == set()
    engine.dispose()


def test_no_marks_file_for_a_database_in_memory() -> None:
    assert MarksFile.beside("sqlite://") is None
    assert MarksFile.beside("sqlite:///:memory:") is None
