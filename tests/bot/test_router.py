"""Router behaviour that needs no NLU: commands, bad input, buttons, database errors.

The NLU URL in these tests points at a port where nothing listens, so free text takes the
"language service unavailable" path for real.
"""

from __future__ import annotations

from sqlalchemy import select, text

from actions.base import Button, NluResult
from bot.router import Incoming
from core.models import User


def msg(text: str, user: int = 10, lang: str | None = "en") -> Incoming:
    return Incoming("console", user, text, lang)


def labels(reply) -> list[str]:
    return [b.label for row in reply.buttons for b in row]


def button(reply, label_part: str) -> Button:
    return next(b for row in reply.buttons for b in row if label_part in b.label)


async def test_start_greets_with_the_menu(app) -> None:
    reply = await app.router.handle_text(msg("/start"))
    assert "Delta Expo Assistant" in reply.text
    assert "🔎 Find exhibitors" in labels(reply)


async def test_empty_and_whitespace_messages(app) -> None:
    for text_ in ("", "   \n\t"):
        reply = await app.router.handle_text(msg(text_))
        assert "empty" in reply.text and reply.buttons


async def test_huge_message_is_refused_politely(app) -> None:
    reply = await app.router.handle_text(msg("x" * 5000))
    assert "too long" in reply.text and "1,000" in reply.text


async def test_unknown_command_is_escaped_and_explained(app) -> None:
    reply = await app.router.handle_text(msg("/<b>hack</b>"))
    assert "&lt;b&gt;hack" in reply.text and "<b>hack" not in reply.text
    assert "/help" in reply.text


async def test_command_addressed_to_the_bot_by_name(app) -> None:
    reply = await app.router.handle_text(msg("/help@delta_expo_bot"))
    assert "I can:" in reply.text


async def test_nlu_down_gives_a_clear_message_and_the_menu_still_works(app) -> None:
    reply = await app.router.handle_text(msg("find wine exhibitors"))
    assert "can’t understand free text right now" in reply.text
    lingang = button(reply, "Lingang")
    topics = await app.router.handle_callback(msg(lingang.data))
    tax = button(topics, "Tax")
    answer = await app.router.handle_callback(msg(tax.data))
    assert "15%" in answer.text and "Source:" in answer.text and "https://" in answer.text


async def test_nlu_down_message_is_localized(app) -> None:
    reply = await app.router.handle_text(msg("找葡萄酒展商", lang=None))
    english = await app.router.handle_text(msg("find wine exhibitors"))
    assert reply.text != english.text


async def test_forged_and_stale_buttons_get_a_clear_message(app) -> None:
    for data in ("ex|E00001|forged", "totally bogus", "sr|0|||||AAAAAAAA", "bs|EX00001|abc|✓✓✓✓"):
        reply = await app.router.handle_callback(msg(data))
        assert "expired" in reply.text and reply.buttons


async def test_signed_button_for_a_removed_exhibitor(app) -> None:
    data = app.router.codec.encode("ex", "NO-SUCH-ID")
    reply = await app.router.handle_callback(msg(data))
    assert "no longer in the catalog" in reply.text


async def test_signed_button_with_wrong_arguments_is_stale(app) -> None:
    data = app.router.codec.encode("sr", "not-a-page")
    reply = await app.router.handle_callback(msg(data))
    assert "expired" in reply.text


async def test_language_menu_switches_and_remembers(app) -> None:
    menu = await app.router.handle_text(msg("/language", user=11))
    german = button(menu, "Deutsch")
    switched = await app.router.handle_callback(msg(german.data, user=11))
    assert switched.edit and "Deutsch" in switched.text
    again = await app.router.handle_text(msg("/help", user=11))
    assert (
        "Befehle" in again.text or again.text != (await app.router.handle_text(msg("/help"))).text
    )


async def test_delete_me_erases_the_user(app) -> None:
    await app.router.handle_text(msg("/language", user=12))
    ask = await app.router.handle_text(msg("/delete_me", user=12))
    yes = ask.buttons[0][0]
    done = await app.router.handle_callback(msg(yes.data, user=12))
    assert "erased" in done.text
    with app.sessions() as session:
        assert session.scalar(select(User).where(User.external_id == 12)) is None


async def test_privacy_explains_what_is_kept(app) -> None:
    reply = await app.router.handle_text(msg("/privacy"))
    assert "/delete_me" in reply.text


async def test_database_error_gives_a_clear_message_and_changes_nothing(app) -> None:
    with app.engine.begin() as connection:  # the schema breaks under the running app
        connection.execute(text("ALTER TABLE users RENAME TO users_broken"))
    reply = await app.router.handle_text(msg("/start"))
    assert "nothing was changed" in reply.text
    with app.engine.begin() as connection:
        connection.execute(text("ALTER TABLE users_broken RENAME TO users"))
    assert "Delta Expo Assistant" in (await app.router.handle_text(msg("/start"))).text


async def test_non_text_message(app) -> None:
    reply = await app.router.handle_non_text(msg(""))
    assert "only read text" in reply.text


async def test_buttons_follow_the_language_of_the_conversation(app) -> None:
    chinese = await app.router.handle_text(msg("找葡萄酒展商", user=14, lang="en"))
    lingang = button(chinese, "临港")
    topics = await app.router.handle_callback(msg(lingang.data, user=14, lang="en"))
    assert "临港" in topics.text
    german = await app.router.handle_text(
        msg("Wo finde ich Aussteller für Wein?", user=14, lang="en")
    )
    assert german.text != chinese.text
    menu = await app.router.handle_callback(msg(button(german, "Lingang").data, user=14, lang="en"))
    assert "Welches Thema" in menu.text


class UnsureParser:
    """The NLU service's side of the contract when the model is not confident."""

    async def parse(self, text: str) -> NluResult:
        return NluResult(text=text, intent="nlu_fallback", confidence=0.3)


async def test_an_unsure_parse_of_a_bare_product_still_searches(app) -> None:
    app.router.nlu = UnsureParser()
    product = await app.router.handle_text(msg("agricultural machinery", user=15))
    assert "exhibitors for" in product.text
    other = await app.router.handle_text(msg("blue sky thinking", user=15))
    assert "did not understand" in other.text
