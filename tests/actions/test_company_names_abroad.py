"""Company names as buyers abroad write them: a Chinese name in pinyin, a name with what
the company does translated or different from the catalog's, and a booth asked of a
company described rather than named."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace

import pytest

from actions import dialogue
from bot.app import Container
from tests.actions.conftest import container_with, contexts_over, nlu
from tests.actions.test_dialogue import shown_exhibitors

HEADER = "id,name_en,name_zh,aliases,country,area,hall,booth,products,description_en,languages\n"
CATALOG_P = HEADER + "".join(
    f"{row}\n"
    for row in (
        "P01,Tai Hing Kopi Pte. Ltd.,泰兴咖啡私人有限公司,,SG,food,2.2,2.2B-05,南洋白咖啡 3合1;速溶黑咖啡,,zh;en",
        "P02,Sin Hock Electrical Sdn. Bhd.,新福电器有限公司,,MY,consumer,4.2,4.2B-01,空气炸锅;电饭煲,,zh;en",
        "P03,Nordhør Audiology A/S,诺德听力公司,,DK,medical,7.1,7.1A-04,Hearing aids;Audiometers,,da;en",
        "P04,Arctic Omega AS,,,NO,medical,7.1,7.1A-05,Omega-3 fiskeolje kapsler;Krillolje,,no;en",
        "P05,Lumi Renkaat Oy,,Lumi,FI,auto,8.1,8.1A-03,Nastarenkaat (studded winter tyres),,fi;en",
        "P06,Otonami Acoustics K.K.,,,JP,consumer,4.1,4.1A-09,完全ワイヤレスイヤホン;Turntables,,ja",
        "P07,Hokkaido Marine Products Co.,北海道海产,北海道マリンプロダクツ,JP,food,2.1,2.1B-02,冷凍ホタテ貝柱;いくら醤油漬,,ja",
        "P08,Norrland Oats AB,,,SE,food,1.1,1.1A-08,Oat flakes;Oat drink base,,sv;en",
        "P09,Zeeland Kassenbouw B.V.,,,NL,equipment,6.1,6.1A-02,Venlo glasshouses;Climate screens,,nl;en",
        "P10,Ostend Diamond Trading BVBA,,,BE,consumer,3.1,3.1B-03,Polished diamonds 0.3-5 ct;Lab-grown diamonds,,nl;en",
        "P11,Canterbury Plains Dairy Ltd,,,NZ,food,1.2,1.2A-01,Whole milk powder 25 kg bags;Skim milk powder,,en",
        "P12,Volga Agro Holding OOO,,,RU,food,1.2,1.2A-02,Refined sunflower oil;Sunflower meal,,ru;en",
        "P13,Hanbit EV Solutions Co. Ltd.,韩光电动车解决方案,한빛EV솔루션;Hanbit EV,KR,auto,8.1,8.1A-13,EV wallbox chargers;Battery packs,,ko;en",
        "P14,Hanbit Motors Co. Ltd.,韩光汽车,한빛모터스,KR,auto,8.1,8.1A-14,Electric city buses;Light trucks,,ko;en",
        "P15,Hanbit Foods Co. Ltd.,韩光食品,한빛푸드,KR,food,1.2,1.2A-15,Kimchi;Gochujang,,ko;en",
    )
)


@pytest.fixture
async def catalog_p(database_url: str) -> AsyncIterator[Container]:
    async with container_with(database_url, CATALOG_P) as container:
        yield container


@pytest.fixture
def p_ctx(catalog_p: Container) -> Iterator:
    with contexts_over(catalog_p, 704) as make:
        yield make


@pytest.mark.parametrize(
    ("text", "company", "booth"),
    [
        ("¿Dónde está Taixing Kafei?", "Taixing Kafei", "2.2B-05"),
        ("Xinfu, contacto por favor", "Xinfu", "4.2B-01"),
    ],
)
def test_a_chinese_name_written_in_pinyin_is_its_company(
    p_ctx, text: str, company: str, booth: str
) -> None:
    ctx = p_ctx("es")
    reply = dialogue.respond(ctx, nlu(text, "exhibitor_info", company=company))
    assert booth in reply.text, reply.text


def test_a_name_going_on_with_another_trade_is_another_company(p_ctx) -> None:
    """诺德 of 诺德听力 (hearing aids) in 诺德制药, a drug maker the catalog does not have."""
    ctx = p_ctx("zh")
    reply = dialogue.respond(ctx, nlu("诺德制药的展台在哪里", "exhibitor_info", company="诺德"))
    assert "7.1A-04" not in reply.text
    assert "诺德制药" in reply.text, reply.text


def test_a_place_tagged_of_a_name_going_on_with_a_trade_is_another_company(p_ctx) -> None:
    """北海道 of 北海道マリンプロダクツ (seafood) in 北海道乳業, a dairy the catalog lacks."""
    ctx = p_ctx("ja")
    reply = dialogue.respond(ctx, nlu("北海道乳業のブースは？", "exhibitor_info", company="北海道"))
    assert "2.1B-02" not in reply.text
    assert "北海道乳業" in reply.text, reply.text


def test_the_one_exhibitor_fitting_a_company_described_gets_its_booth(p_ctx) -> None:
    ctx = p_ctx("es")
    text = "el stand de la empresa finlandesa de neumáticos de invierno"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", product="neumáticos de invierno"))
    assert "8.1A-03" in reply.text and not shown_exhibitors(ctx, reply), reply.text


def test_where_to_find_a_product_one_exhibitor_sells_is_still_a_list(p_ctx) -> None:
    ctx = p_ctx("ko")
    text = "무선 이어폰 파는 데 어디예요"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", product="이어폰"))
    assert shown_exhibitors(ctx, reply) == {"P06"}, reply.text


CATALOG_Q = HEADER + "".join(
    f"{row}\n"
    for row in (
        "Q01,Lácteos Valle de Etla S.A. de C.V.,,Lácteos Etla,MX,food,2.1,2.1A-01,Queso Oaxaca;Crema,,es",
        "Q02,Confezionatrici Emiliane S.p.A.,,,IT,equipment,4.1,4.1A-02,Confezionatrici flow-pack;Etichettatrici,,it",
        "Q03,Nordhavn Logistics A/S,,,DK,services,3.1,3.1A-01,Reefer container shipping;Cold chain logistics,,da",
        "Q04,Binh Minh Cashew JSC,,,VN,food,2.1,2.1A-04,Cashew kernels W240 W320,,vi",
    )
)


@pytest.fixture
async def catalog_q(database_url: str) -> AsyncIterator[Container]:
    async with container_with(database_url, CATALOG_Q) as container:
        yield container


@pytest.fixture
def q_ctx(catalog_q: Container) -> Iterator:
    with contexts_over(catalog_q, 705) as make:
        yield make


def test_a_company_described_by_its_trade_alone_is_no_name(q_ctx) -> None:
    """ "Молочный комбинат" (a dairy plant, the buyer) is no Lácteos of the catalog."""
    ctx = q_ctx("ru")
    text = (
        "Молочный комбинат рассматривает поставщиков упаковочного оборудования: "
        "этикетировщики. Просим направить контакты."
    )
    reply = dialogue.respond(ctx, nlu(text, "lingang_faq", company="Молочный"))
    # The one supplier found, with its contact, as asked.
    assert "4.1A-02" in reply.text and "Lácteos" not in reply.text, reply.text


def test_codes_and_sizes_tagged_as_a_company_are_none(q_ctx) -> None:
    ctx = q_ctx("ru")
    reply = dialogue.respond(
        ctx, nlu("кешью W240 W320 оптом", "exhibitor_info", company="W240 W320")
    )
    assert "«W240 W320»" not in reply.text, reply.text  # no "no exhibitor called W240 W320"


def test_where_goods_go_is_no_country_of_origin(q_ctx) -> None:
    ctx = q_ctx("en")
    text = "logistics partners for shipping goods into China"
    reply = dialogue.respond(
        ctx, nlu(text, "search_exhibitors", product="logistics", country="China")
    )
    assert shown_exhibitors(ctx, reply) == {"Q03"}, reply.text


def test_products_tagged_as_a_list_position_are_searched(p_ctx) -> None:
    """ "무선 이어폰" tagged as an ordinal, in a question of where they are sold."""
    ctx = p_ctx("ko")
    text = "무선 이어폰 같은 거 파는 데 어디예요"
    reply = dialogue.respond(ctx, nlu(text, "exhibitor_info", ordinal="무선 이어폰"))
    assert shown_exhibitors(ctx, reply) == {"P06"}, reply.text


def test_a_country_tagged_as_a_company_leaves_the_name_sounded_beside_it(p_ctx) -> None:
    """オランダ (the Netherlands), tagged as a company, only sounds like Norrland: the
    company is the greenhouse maker written in katakana after it."""
    ctx = p_ctx("ja")
    text = "オランダの温室メーカー、ゼーラント・カッセンボウとの打ち合わせを予約したいです"
    dialogue.respond(ctx, nlu(text, "book_meeting", company="オランダ"))
    assert ctx.state.form is not None and ctx.state.form.exhibitor == "P09", ctx.state.form


def test_a_name_in_hangul_is_not_what_its_syllables_spell_inside_it(p_ctx) -> None:
    """다이아몬드 (diamond) holds 아몬드 (almond): a diamond trader asked for by its name in
    hangul is no almond seller's name."""
    ctx = p_ctx("ko")
    text = "오스텐드 다이아몬드 트레이딩 홈페이지 주소 알려주세요"
    reply = dialogue.respond(ctx, nlu(text, "exhibitor_info"))
    assert "3.1B-03" in reply.text, reply.text


@pytest.mark.parametrize(
    ("text", "entities", "booth"),
    [
        (
            "leche entera en polvo de Nueva Zelanda, sacos de 25 kg",
            {"product": "leche", "country": "Nueva Zelanda"},
            "1.2A-01",
        ),
        (
            "aceite de girasol refinado de Rusia o Kazajistán",
            {"product": "aceite", "company": "Rusia o Kazajistán"},
            "1.2A-02",
        ),
    ],
)
def test_countries_are_no_company_s_name(p_ctx, text: str, entities: dict, booth: str) -> None:
    """A country's name of two words, or two countries, where goods come from: the one
    exhibitor selling them there is shown."""
    ctx = p_ctx("es")
    reply = dialogue.respond(ctx, nlu(text, "exhibitor_info", **entities))
    assert booth in reply.text, reply.text


@pytest.mark.parametrize(
    ("text", "tagged"),
    [
        ("ハンビットEVソリューションズの場所を教えてください。", {"company": "ハンビットEV"}),
        ("ハンビットEVソリューションズはどこ？", {"product": "EV"}),
    ],
)
def test_a_name_in_katakana_before_where_words_is_that_company(
    p_ctx, text: str, tagged: dict[str, str]
) -> None:
    """A Latin catalog name the buyer wrote in katakana, before "where" rather than
    "booth", read as out of scope (unsure) with a part of it tagged."""
    ctx = p_ctx("ja")
    said = replace(nlu(text, "out_of_scope", **tagged), confidence=0.6)
    reply = dialogue.respond(ctx, said)
    assert "8.1A-13" in reply.text and not shown_exhibitors(ctx, reply), reply.text
