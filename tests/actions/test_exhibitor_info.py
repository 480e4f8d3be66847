from actions import exhibitor_info
from tests.actions.conftest import nlu


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
