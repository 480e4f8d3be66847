"""What Chinese, Japanese, Korean and Russian buyers say after the goods or the country
they mean, and what any buyer writes onto a name: a country refused after a word for its
firms ("日本の会社以外"), goods refused after them ("红酒就不用了"), regions made of two
countries (日韩, 澳新) or of words the model tagged apart ("South American"), a hall tagged
with the goods after it, and a trade written onto a short name the catalog has for another
company ("Varuna Polymers")."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from actions import dialogue
from bot.app import Container
from core.taxonomy import country_name
from tests.actions.conftest import container_with, contexts_over, nlu
from tests.actions.test_dialogue import assert_not_found, shown_exhibitors

HEADER = "id,name_en,name_zh,aliases,country,area,hall,booth,products,description_en,languages\n"
CATALOG_W = HEADER + "".join(
    f"{row}\n"
    for row in (
        "W01,Kanagawa Optics K.K.,神奈川光学,,JP,medical,5.1,5.1A-01,Flexible video endoscopes,,ja",
        "W02,Endoskopie Tuttlingen GmbH,,,DE,medical,5.1,5.1A-02,Video endoscopes;Rigid endoscopes,,de",
        "W03,Seoul Scope Co. Ltd.,,,KR,medical,5.1,5.1A-03,Capsule endoscopes,,ko",
        "W04,Hangang Dental Co. Ltd.,,,KR,medical,5.2,5.2A-04,Titanium dental implants,,ko",
        "W05,Zürichsee Dental AG,,,CH,medical,5.2,5.2A-05,Zirconia dental implants,,de",
        "W06,Prairie Sonics Inc.,,,US,medical,5.2,5.2A-06,Portable ultrasound machines,,en",
        "W07,Eindhoven Echo B.V.,,,NL,medical,5.2,5.2A-07,Cart-based ultrasound systems,,nl",
        "W08,Riverina Halal Meats Pty Ltd,,,AU,food,1.1,1.1A-08,Halal beef carcasses,,en",
        "W09,Canterbury Halal Beef Ltd,,,NZ,food,1.1,1.1A-09,Halal beef striploin,,en",
        "W10,Pampa Halal Carnes S.A.,,,AR,food,1.1,1.1A-10,Halal beef cuts,,es",
        "W11,Bierbrauerei Lindenhof,,,DE,food,2.1,2.1A-11,Pilsner;Dunkel lager,,de",
        "W12,Château Vermeil,,,FR,food,2.1,2.1A-12,Bordeaux red wine,,fr",
        "W13,Hanbit Cosmetics Co. Ltd.,,,KR,consumer,4.1,4.1A-13,Hydrogel sheet masks,,ko",
        "W14,Sakurazaka Beauty K.K.,,,JP,consumer,4.1,4.1A-14,Rice-bran sheet masks,,ja",
        "W15,Maison Lumière SAS,,,FR,consumer,4.1,4.1A-15,Clay face masks,,fr",
        "W16,Murray Basin Nutrition Pty Ltd,,,AU,food,1.2,1.2A-16,Infant formula stage 1,,en",
        "W17,Waikato Infant Foods Ltd,,,NZ,food,1.2,1.2A-17,Goat milk infant formula,,en",
        "W18,Friesland Baby Voeding B.V.,,,NL,food,1.2,1.2A-18,Infant formula stage 2,,nl",
        "W19,Hawke's Bay Vineyards Ltd,,,NZ,food,2.1,2.1A-19,Sauvignon blanc,,en",
        "W20,Coonawarra Estate Wines Pty Ltd,,,AU,food,2.1,2.1A-20,Cabernet sauvignon,,en",
        "W21,Valle de Uco Bodegas S.A.,,,AR,food,2.1,2.1A-21,Malbec,,es",
        "W22,Napa Crest Cellars Inc.,,,US,food,2.1,2.1A-22,Zinfandel,,en",
        "W23,Reifen Kassel GmbH,,,DE,auto,8.1,8.1A-23,Truck tyres;Retreaded tyres,,de",
        "W24,Cerchi Leggeri S.p.A.,,,IT,auto,8.1,8.1A-24,Alloy wheels,,it",
        "W25,Busan Tire Co. Ltd.,,,KR,auto,8.2,8.2A-25,Passenger car tyres,,ko",
        "W26,Varuna Spices Pvt. Ltd.,,Varuna,IN,food,1.2,1.2A-26,Turmeric powder;Cumin seeds,,en",
        "W27,Lanhai Spice Trading Co. Ltd.,蓝海香料贸易有限公司,蓝海香料,CN,food,1.2,1.2A-27,Star anise;Sichuan pepper,,zh",
        "W28,Blue Ridge Orchards LLC,蓝岭果园公司,,US,food,1.1,1.1A-28,Fresh apples;Sweet cherries,,en",
        "W29,Blue Ridge Analytics Inc.,蓝岭分析公司,,US,services,8.2,8.2A-29,Data analytics software,,en",
        "W30,Nordlicht Fitness Oy,,,FI,consumer,7.1,7.1A-30,Commercial treadmills;Air rowing machines,,fi",
        "W31,Kettle & Iron Ltd,,,GB,consumer,7.1,7.1A-31,Kettlebells;Weight plates,,en",
        "W32,Lüneburg Machine Tools GmbH,,,DE,equipment,3.1,3.1A-32,CNC lathes,,de",
        "W33,Hanamizuki Honpo K.K.,花水木本舗,ハナミズキ,JP,consumer,4.1,4.1A-33,Camellia hair oil,,ja",
        "W34,Frantoio Castelvetri S.r.l.,,,IT,food,1.2,1.2A-34,Extra virgin olive oil,,it",
        "W35,Farmaceutici Castelvetri S.p.A.,,,IT,medical,5.1,5.1A-35,Generic antibiotics,,it",
        "W36,Føroya Laks P/F,,,FO,food,1.1,1.1A-36,Fresh Atlantic salmon,,fo",
        "W37,Bergen Sjømat AS,,,NO,food,1.1,1.1A-37,Fresh salmon fillets,,no",
        "W38,Patagonia Salmon S.A.,,,CL,food,1.1,1.1A-38,Frozen salmon portions,,es",
    )
)


@pytest.fixture
async def catalog_w(database_url: str) -> AsyncIterator[Container]:
    async with container_with(database_url, CATALOG_W) as container:
        yield container


@pytest.fixture
def w_ctx(catalog_w: Container) -> Iterator:
    with contexts_over(catalog_w, 707) as make:
        yield make


def assert_search_shows(ctx, text: str, entities: dict, wanted: set[str]) -> None:
    """A search the model read with these entities lists exactly these exhibitors."""
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", **entities))
    assert shown_exhibitors(ctx, reply) == wanted, reply.text


@pytest.mark.parametrize(
    ("locale", "text", "entities", "wanted"),
    [
        # A word for the country's firms between it and the words refusing it.
        ("ja", "内視鏡のメーカーを探しています。日本の会社以外でお願いします。", {"product": "内視鏡", "country": "日本"}, {"W02", "W03"}),
        ("ko", "치과 임플란트 업체 찾는데 한국 회사는 빼고 알려주세요.", {"product": "치과 임플란트", "country": "한국"}, {"W05"}),
        ("zh", "要清真认证的牛肉，澳洲的先不考虑，还有哪些供应商", {"product": "牛肉", "country": "澳洲"}, {"W09", "W10"}),
        # "not" and "anything but" before a country's adjective.
        ("en", "Who sells ultrasound machines? Preferably not American companies.", {"product": "ultrasound machines", "country": "American"}, {"W07"}),
        ("en", "Looking for halal beef, anything but Australian pls", {"product": "halal beef", "country": "Australian"}, {"W09", "W10"}),
        ("ru", "Нужна халяльная говядина. Австралийских поставщиков не надо.", {"product": "халяльная говядина", "country": "Австралийских"}, {"W09", "W10"}),
    ],
)  # fmt: skip
def test_a_country_refused_after_a_word_for_its_firms(
    w_ctx, locale: str, text: str, entities: dict, wanted: set[str]
) -> None:
    assert_search_shows(w_ctx(locale), text, entities, wanted)


@pytest.mark.parametrize(
    ("locale", "text", "entities"),
    [
        ("zh", "红酒就不用了，有卖啤酒的吗", {"product": ["红酒", "啤酒"]}),
        ("ja", "ワインではなく、ビールを扱っている出展者は？", {"product": ["ワイン", "ビール"]}),
        ("ko", "와인 말고 맥주 파는 곳 있어요?", {"product": "와인 말고 맥주"}),
        ("ja", "ビールを探しています。ワインは要りません。", {"product": ["ビール", "ワイン"]}),
        # Before them, with an article.
        ("fr", "Des bières ? Pas le vin.", {"product": ["bières", "vin"]}),
    ],
)
def test_goods_refused_after_they_are_named(w_ctx, locale: str, text: str, entities: dict) -> None:
    assert_search_shows(w_ctx(locale), text, entities, {"W11"})


@pytest.mark.parametrize(
    ("locale", "text", "entities", "wanted"),
    [
        # Two countries in one word: 日韩 is Japan and Korea, 澳新 Australia and New Zealand.
        ("zh", "日韩的面膜牌子有哪些来参展了呀", {}, {"W13", "W14"}),
        ("zh", "澳新的婴儿奶粉有来参展的吗", {"product": "婴儿奶粉"}, {"W16", "W17"}),
        # Korean "or" written onto the first country.
        ("ko", "호주나 뉴질랜드 와인 파는 곳 있나요?", {"product": "와인", "country": "뉴질랜드"}, {"W19", "W20"}),
        # The model tagged "South" as a company and "American" as a country.
        ("en", "Are there any South American wineries exhibiting? We import wine to Hangzhou", {"company": "South", "country": "American", "product": "wine"}, {"W21"}),
        # The Nordic countries include the Faroe Islands.
        ("ja", "北欧産のサーモンを仕入れたいです。", {"product": "サーモン", "country": "北欧"}, {"W36", "W37"}),
    ],
)  # fmt: skip
def test_regions_buyers_name_in_a_word_or_two(
    w_ctx, locale: str, text: str, entities: dict, wanted: set[str]
) -> None:
    assert_search_shows(w_ctx(locale), text, entities, wanted)


def test_the_goods_the_model_tagged_as_part_of_a_hall_are_looked_for_there(w_ctx) -> None:
    ctx = w_ctx("ru")
    text = "а кто в зале 8.1 шины делает?"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", hall=["8.1 шины", "делает"]))
    assert shown_exhibitors(ctx, reply) == {"W23"}, reply.text


def test_a_hall_tagged_with_its_own_words_stays_the_hall(w_ctx) -> None:
    ctx = w_ctx("ko")
    text = "8.1관에서 업체 좀 보여주세요"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", hall="8.1관에서"))
    assert shown_exhibitors(ctx, reply) == {"W23", "W24"}, reply.text


@pytest.mark.parametrize(
    ("locale", "text", "name"),
    [
        # The catalog's Varuna (Varuna Spices) sells spices, not plastics.
        ("en", "Do you have Varuna Polymers in the list? Need their booth no.", "Varuna Polymers"),
        # The catalog's 蓝海 (蓝海香料, Lanhai Spices) sells spices: 蓝海电子 is another firm.
        ("zh", "蓝海电子的展位在哪里？", "蓝海电子"),
    ],
)
def test_a_trade_written_onto_a_short_name_names_another_company(
    w_ctx, locale: str, text: str, name: str
) -> None:
    ctx = w_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, "exhibitor_info"))
    assert_not_found(ctx, reply, name)


def test_the_one_exhibitor_a_part_of_a_name_and_its_goods_fit_is_shown_where_asked(
    w_ctx,
) -> None:
    """蓝岭 names two exhibitors; the apples tell which, and the buyer asks for its hall."""
    ctx = w_ctx("zh")
    text = "你好，请问美国蓝岭那家卖苹果的在几号馆？"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", product="苹果", country="美国"))
    assert "1.1A-28" in reply.text and not shown_exhibitors(ctx, reply), reply.text


def test_goods_outside_the_area_a_word_named_are_still_found(w_ctx) -> None:
    """Fitness gear is among consumer goods, whatever "equipment" says."""
    ctx = w_ctx("en")
    text = "I run a chain of gyms, who sells equipment? treadmills, weights, rowers"
    reply = dialogue.respond(
        ctx, nlu(text, "search_exhibitors", area="equipment", product=["treadmills", "rowers"])
    )
    assert {"W30", "W31"} <= shown_exhibitors(ctx, reply), reply.text
    assert "W32" not in shown_exhibitors(ctx, reply)


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en", "We're opening a gym in Ningbo. Which exhibitors should we visit?"),
        ("ja", "ジムを経営しています。おすすめの出展者は？"),
        ("ru", "У нас сеть фитнес-клубов, какие экспоненты нам подойдут?"),
    ],
)
def test_goods_described_by_the_business_they_equip(w_ctx, locale: str, text: str) -> None:
    ctx = w_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors"))
    assert shown_exhibitors(ctx, reply) == {"W30", "W31"}, reply.text


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        # A rare word of a Latin name in hangul or Cyrillic, by its sound; the goods and
        # the trade refused tell which of the two Castelvetris.
        (
            "ko",
            "이탈리아 카스텔베트리 올리브유 만드는 회사 연락처 좀 알 수 있을까요? 제약회사 말고요.",
        ),
        ("ru", "Где стенд Кастельветри, которые делают оливковое масло?"),
    ],
)
def test_a_word_of_a_latin_name_written_by_its_sound(w_ctx, locale: str, text: str) -> None:
    ctx = w_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, "exhibitor_info"))
    assert "1.2A-34" in reply.text and not shown_exhibitors(ctx, reply), reply.text


def test_a_name_whose_kana_is_written_in_hiragana(w_ctx) -> None:
    ctx = w_ctx("ja")
    reply = dialogue.respond(ctx, nlu("はなみずき本舗さんのブースはどこですか？", "exhibitor_info"))
    assert "4.1A-33" in reply.text, reply.text


@pytest.mark.parametrize(
    ("locale", "text", "entities"),
    [
        # The country the goods go to, said after it, is no origin.
        ("ja", "ワインを中国で販売したいです。扱っている出展者は？", {"product": "ワイン", "country": "中国"}),
        ("ko", "중국에 수출할 와인 찾고 있어요", {"product": "와인", "date": "중국에"}),
    ],
)  # fmt: skip
def test_a_country_the_goods_go_to_said_after_it(
    w_ctx, locale: str, text: str, entities: dict
) -> None:
    ctx = w_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", **entities))
    assert shown_exhibitors(ctx, reply) == {"W12", "W19", "W20", "W21", "W22"}, reply.text
    title = reply.text.splitlines()[0]
    assert country_name("CN", locale) not in title, title  # no "found nothing from China"


@pytest.mark.parametrize(
    ("locale", "text", "entities", "booth"),
    [
        # A country before a part of a Chinese name is where the company is from.
        ("zh", "美国蓝岭卖苹果的那家，展位在哪？", {}, "1.1A-28"),
        # "那个" points at the firm; its goods follow its name.
        ("zh", "四川那个蓝海的花椒，展位在哪里啊？", {}, "1.2A-27"),
        # A part of a name, the words for its firm, then the goods that tell which firm.
        ("zh", "蓝岭家的苹果在哪个展位？", {}, "1.1A-28"),
        ("ja", "Castelvetriさんとこのオリーブオイル、ブースどこですか？", {}, "1.2A-34"),
        # The model tagged the name with the goods.
        ("ja", "Castelvetriのオリーブオイルのブース番号を教えてください", {"company": "Castelvetriのオリーブオイル"}, "1.2A-34"),
        # The goods refused tell which of the two companies of a name.
        ("ja", "Castelvetriさんのブースを探しています。医薬品の方ではなく。", {"company": "Castelvetri"}, "1.2A-34"),
        ("ja", "Castelvetriさんのブースを探しています。製薬ではなく、オリーブオイルの部門です。", {"company": "Castelvetri"}, "1.2A-34"),
    ],
)  # fmt: skip
def test_a_part_of_a_name_among_the_words_around_it(
    w_ctx, locale: str, text: str, entities: dict, booth: str
) -> None:
    ctx = w_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, "exhibitor_info", **entities))
    assert booth in reply.text and not shown_exhibitors(ctx, reply), reply.text


@pytest.mark.parametrize(
    "name",
    [
        # No Castelvetri sells cars; no Blue Ridge sells wine: other companies.
        "Castelvetri Motors",
        "Blue Ridge Wines",
    ],
)
def test_a_name_with_goods_none_of_its_firms_sells_is_another_company(w_ctx, name: str) -> None:
    ctx = w_ctx("en")
    reply = dialogue.respond(ctx, nlu(f"Where is {name}?", "exhibitor_info", company=name))
    assert_not_found(ctx, reply, name)


def test_words_before_a_korean_particle_are_no_name(w_ctx) -> None:
    """ "제품 중에": a Korean particle ends every word; what stands before it is no name
    written with its goods."""
    text = "독일 제품 중에 맥주 있나요?"
    assert_search_shows(w_ctx("ko"), text, {"product": "맥주", "country": "독일"}, {"W11"})
