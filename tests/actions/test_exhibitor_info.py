from collections.abc import Callable, Iterator
from itertools import chain

import pytest

from actions import dialogue, exhibitor_info
from actions.base import Context, Entity, NluResult, Reply
from core import users
from core.db import transaction
from core.i18n import translator
from tests.actions.conftest import nlu
from tests.conftest import FIXED_NOW, base_settings, make_container
from tests.core.test_names import CATALOG, add_catalog


def test_card_shows_booth_products_languages_and_contact(make_ctx) -> None:
    ctx = make_ctx("en")
    reply = exhibitor_info.exhibitor_info(
        ctx, nlu("where is the booth of Nordic Medtech", "exhibitor_info", company="Nordic Medtech")
    )
    assert "<b>Nordic Medtech" in reply.text
    assert "booth <b>" in reply.text and "Products:" in reply.text and "Contact:" in reply.text
    assert "Sweden" in reply.text


def test_card_in_chinese_uses_the_chinese_name(make_ctx) -> None:
    ctx = make_ctx("zh")
    reply = exhibitor_info.exhibitor_info(
        ctx, nlu("阿尔卑斯乳业在哪里", "exhibitor_info", company="阿尔卑斯乳业")
    )
    assert "<b>阿尔卑斯乳业" in reply.text and "瑞士" in reply.text


def test_unknown_company(make_ctx) -> None:
    reply = exhibitor_info.exhibitor_info(
        make_ctx("en"), nlu("booth of Acme <Zzz>", "exhibitor_info", company="Acme <Zzz>")
    )
    assert "couldn’t find" in reply.text and "&lt;Zzz&gt;" in reply.text


def test_no_company_named(make_ctx) -> None:
    reply = exhibitor_info.exhibitor_info(
        make_ctx("en"), nlu("where is the booth", "exhibitor_info")
    )
    assert "Which company" in reply.text


def test_a_misspelt_name_still_finds_the_exhibitor(make_ctx) -> None:
    reply = exhibitor_info.exhibitor_info(
        make_ctx("en"), nlu("where is Nordik Medtec", "exhibitor_info", company="Nordik Medtec")
    )
    assert "Nordic Medtech" in reply.text


# --- company look-up on a catalog of real-style names, SQLite and PostgreSQL --------------
@pytest.fixture
def catalog_ctx(database_url: str) -> Iterator[Callable[[str], Context]]:
    container = make_container(base_settings(database_url))
    try:
        with transaction(container.sessions) as session:
            add_catalog(session)
            user = users.get_or_create(session, "console", 501)

            def make(locale: str = "en") -> Context:
                return Context(
                    session=session,
                    user=user,
                    t=translator(locale),
                    taxonomy=container.taxonomy,
                    knowledge=container.knowledge,
                    codec=container.router.codec,
                    now=FIXED_NOW,
                    settings=container.settings,
                )

            yield make
    finally:
        container.engine.dispose()


def booth(exhibitor_id: str) -> str:
    return f"1.1A-{[row[0] for row in CATALOG].index(exhibitor_id):02d}"


def button_targets(ctx: Context, reply: Reply) -> list[tuple[str, ...]]:
    return [
        (verb, *args) for b in chain(*reply.buttons) for verb, args in [ctx.codec.decode(b.data)]
    ]


REPORTED = [  # (message, the company the NLU tagged, the exhibitor meant)
    ("西门子医疗在哪个展位", "西门子医疗", "SHS"),
    ("恒天然的展台", "恒天然", "FON"),
    ("フォンテラのブースはどこ", "フォンテラ", "FON"),
    ("花王在哪", "花王", "KAO"),
    ("資生堂のブース", "資生堂", "SHI"),
    ("아모레퍼시픽 부스", "아모레퍼시픽", "AMO"),
    ("Wo ist Dr. Oetker?", "Dr. Oetker", "OET"),
    ("Где стенд Лукойл?", "Лукойл", "LUK"),
    ("Где КАМАЗ?", "КАМАЗ", "KAM"),
    ("where is Michellin", "Michellin", "MIC"),
    ("where is Fonterra's booth", "Fonterra's", "FON"),
    ("booth of Evergreen Gourmet Ltd", "Evergreen Gourmet Ltd", "EV1"),
    ("booth of Evergreen Gourmet Foods", "Evergreen Gourmet Foods", "EV2"),
    ("booth of Alpen Orchards KG", "Alpen Orchards KG", "AL1"),
    ("booth of Bright Dairy Co.", "Bright Dairy Co.", "BR1"),
]


def test_the_card_of_the_company_named(catalog_ctx) -> None:
    ctx = catalog_ctx("en")
    for text, company, expected in REPORTED:
        reply = exhibitor_info.exhibitor_info(ctx, nlu(text, "exhibitor_info", company=company))
        assert f"<b>{booth(expected)}</b>" in reply.text, (text, reply.text)


def test_an_unknown_company_gets_close_names_as_buttons(catalog_ctx) -> None:
    ctx = catalog_ctx("en")
    reply = exhibitor_info.match_company(ctx, "Nordic Medical <AB>", exhibitor_info.VERB)
    assert isinstance(reply, Reply)
    assert "I couldn’t find an exhibitor called “Nordic Medical &lt;AB&gt;”." in reply.text
    targets = button_targets(ctx, reply)
    assert 1 <= len(targets) <= 3 and targets[0] == ("ex", "NOR")
    assert "Nordic Medtech AB" in reply.buttons[0][0].label


def test_suggestions_keep_the_callers_verb_and_arguments(catalog_ctx) -> None:
    ctx = catalog_ctx("de")
    reply = exhibitor_info.match_company(ctx, "Sibir Techlab", "bk", "t1000")
    assert isinstance(reply, Reply)
    assert ("bk", "SIB", "t1000") in button_targets(ctx, reply)
    assert "Sibir Techlab" in reply.text and "couldn’t" not in reply.text  # in German


def test_an_unknown_company_with_nothing_close(catalog_ctx) -> None:
    reply = exhibitor_info.match_company(catalog_ctx("en"), "Acme Industries", "ex")
    assert isinstance(reply, Reply)
    assert "couldn’t find" in reply.text and "Check the spelling" in reply.text
    assert reply.buttons == ()


def test_several_equally_good_matches_ask_which(catalog_ctx) -> None:
    ctx = catalog_ctx("zh")
    reply = exhibitor_info.match_company(ctx, "Evergreen", "ex")
    assert isinstance(reply, Reply)
    assert {args for _, *rest in button_targets(ctx, reply) for args in rest} == {"EV1", "EV2"}
    assert "常青美食" in reply.buttons[0][0].label or "常青美食" in reply.buttons[1][0].label


# --- the catalog's names in a whole message, beside the model's reading -----------------
def respond(ctx: Context, text: str, intent: str, **entities: str) -> Reply:
    return dialogue.respond(ctx, nlu(text, intent, **entities))


def test_the_catalogs_longer_reading_of_a_tagged_name_wins(catalog_ctx) -> None:
    # The model tagged "Andes Medical", which two exhibitors are; the message says which.
    reply = respond(
        catalog_ctx("en"), "where is Andes Medical Ltd?", "exhibitor_info", company="Andes Medical"
    )
    assert f"<b>{booth('AN2')}</b>" in reply.text


def test_a_catalog_name_read_as_products_is_still_looked_up(catalog_ctx) -> None:
    ctx = catalog_ctx("en")
    reply = respond(ctx, "where can I find Fonterra", "search_exhibitors", product="Fonterra")
    assert f"<b>{booth('FON')}</b>" in reply.text
    reply = respond(catalog_ctx("zh"), "光明乳业的展位在哪", "search_exhibitors", product="乳业")
    assert f"<b>{booth('BR2')}</b>" in reply.text


def test_a_search_that_names_no_company_stays_a_search(catalog_ctx) -> None:
    ctx = catalog_ctx("en")
    found = dialogue.link_companies(ctx, nlu("i want bright dairy products", "search_exhibitors"))
    assert found.values("company") == []  # lower case, everyday words: not the company's name


def test_an_unknown_company_asked_for_out_of_scope_is_not_found(catalog_ctx) -> None:
    text = "Wo ist der Stand von Rheinland Optik?"
    reply = respond(catalog_ctx("de"), text, "out_of_scope", company="Rheinland Optik")
    assert "Rheinland Optik" in reply.text and "1.1A-" not in reply.text
    reply = respond(catalog_ctx("es"), "¿Dónde está el stand de Bodegas Torres?", "out_of_scope")
    assert f"<b>{booth('TOR')}</b>" in reply.text


def test_a_catalog_name_tagged_as_a_date_is_the_company(catalog_ctx) -> None:
    text = "book a meeting with Sibir Technologies on November 6 at 10"
    wrong = NluResult(
        text=text,
        intent="book_meeting",
        confidence=0.9,
        entities=(Entity("date", "Sibir Technologies on November 6", 20, 52),),
    )
    linked = dialogue.link_companies(catalog_ctx("en"), wrong)
    assert [(e.type, e.value) for e in linked.entities] == [("company", "Sibir Technologies")]


NOT_FOUND = "I couldn’t find an exhibitor called “{name}”."
WHICH = "Which company? Tell me its name, e.g. “booth of Nordic Medtech”."


def says(locale: str, message: str, reply: Reply, **values: str) -> bool:
    head = translator(locale).gettext(message).split("{")[0]
    return reply.text.startswith(head.format(**values))


@pytest.mark.parametrize(
    ("locale", "text", "intent", "name"),
    [
        ("ko", "한강푸드 부스는 어디예요?", "exhibitor_info", "한강푸드"),
        ("zh", "请问星辰海洋食品有限公司在哪个展位？", "exhibitor_info", "星辰海洋食品有限公司"),
        (
            "ja",
            "富士山マリン株式会社のブースはどこですか",
            "exhibitor_info",
            "富士山マリン株式会社",
        ),
        ("en", "Where is the booth of Westbrook Analytics?", "out_of_scope", "Westbrook Analytics"),
        ("de", "Wo ist der Stand von Rheinhessen Feinmechanik?", "nlu_fallback", "Rheinhessen"),
        ("ru", "Где стенд компании Северный Ветер?", "exhibitor_info", "Северный Ветер"),
        # Asked for its contact details rather than its booth.
        ("ko", "청림메디칼 연락처 알려주세요", "exhibitor_info", "청림메디칼"),
        ("en", "contact details of Westbrook Analytics", "exhibitor_info", "Westbrook Analytics"),
    ],
)
def test_a_company_the_model_did_not_tag_is_not_found_by_name(
    catalog_ctx, locale: str, text: str, intent: str, name: str
) -> None:
    reply = respond(catalog_ctx(locale), text, intent)
    assert says(locale, NOT_FOUND, reply) and name in reply.text, reply.text


def test_a_question_naming_no_company_asks_which(catalog_ctx) -> None:
    for locale, text in (
        ("en", "Where is the booth?"),
        ("zh", "你们的展位在哪"),
        ("ko", "부스 어디예요?"),
    ):
        reply = respond(catalog_ctx(locale), text, "exhibitor_info")
        assert says(locale, WHICH, reply), (text, reply.text)


def test_an_untagged_name_with_a_typo_still_finds_the_company(catalog_ctx) -> None:
    reply = respond(catalog_ctx("en"), "Where is the booth of Shisedo?", "exhibitor_info")
    assert f"<b>{booth('SHI')}</b>" in reply.text


def test_a_part_of_a_name_that_is_a_product_stays_a_search(catalog_ctx) -> None:
    # "Medtech" is the part of Nordic Medtech AB no other exhibitor has, and a product term.
    ctx = catalog_ctx("de")
    linked = dialogue.link_companies(
        ctx, nlu("Ich suche Medtech aus Schweden", "search_exhibitors")
    )
    assert linked.values("company") == []
    linked = dialogue.link_companies(ctx, nlu("Wo ist Nordic Medtech?", "exhibitor_info"))
    assert linked.values("company") == ["Nordic Medtech"]
