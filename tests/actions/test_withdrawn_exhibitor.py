"""An exhibitor pruned from the catalog: its visitors are told once, and it is gone from
search, name look-up and booking; listed again, it is back."""

from __future__ import annotations

from bot.delivery import Delivery
from core import catalog
from core.db import transaction
from core.imports import import_exhibitors
from tests.actions.test_meetings import BUYER, book_first_slot, said
from tests.conftest import DEMO, FIXED_NOW
from tests.support.outbox import RecordingSender


def without(company: str) -> bytes:
    lines = (DEMO / "exhibitors.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith(company + ",")).encode()


async def test_pruned_exhibitor_cancels_meetings_tells_visitors_and_leaves_search(app) -> None:
    await book_first_slot(app)
    await book_first_slot(app, company="EX00001", user=BUYER + 1)
    with transaction(app.sessions) as session:
        report = import_exhibitors(
            session, without("EX00001"), app.taxonomy, prune=True, now=FIXED_NOW
        )
    assert report.retired == ("EX00001",) and report.notified == 2

    sent = RecordingSender()
    delivered = await Delivery(app.router, sent).run_due()
    assert delivered.counts == {"sent": 2}
    assert sorted(to for to, _ in sent.sent) == [BUYER, BUYER + 1]
    notice = sent.sent[0][1]
    assert "no longer at the expo" in notice.text and "Nordic Medtech" in notice.text
    assert "Nordic Medtech" not in (await app.router.handle_text(said("/meetings"))).text

    with app.sessions() as session:
        assert "EX00001" not in {e.id for e in catalog.find_by_name(session, "Nordic Medtech")}
        assert "EX00001" not in {e.id for e in catalog.find_by_name(session, "北欧医疗科技")}
    picker = await app.router.handle_callback(said(app.router.codec.encode("bk", "EX00001")))
    assert "No free meeting slots" in picker.text

    with transaction(app.sessions) as session:
        back = import_exhibitors(
            session, (DEMO / "exhibitors.csv").read_bytes(), app.taxonomy, now=FIXED_NOW
        )
    assert back.restored == ("EX00001",)
    with app.sessions() as session:
        assert [e.id for e in catalog.find_by_name(session, "北欧医疗科技")] == ["EX00001"]
    assert (
        "Free meeting slots with"
        in (await app.router.handle_callback(said(app.router.codec.encode("bk", "EX00001")))).text
    )
