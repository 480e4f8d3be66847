"""What a request says besides the goods it looks for: examples of them, goods it refuses,
properties offered as either, what the goods are for, nouns for firms in general, and
words the model tagged as a company that are a place's, a list's or an everyday word."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from actions import dialogue
from bot.app import Container
from tests.actions.conftest import container_with, contexts_over, nlu
from tests.actions.test_dialogue import shown_exhibitors

HEADER = "id,name_en,name_zh,aliases,country,area,hall,booth,products,description_en,languages\n"
CATALOG_X = HEADER + "".join(
    f"{row}\n"
    for row in (
        "X01,Käserei Grabenhof AG,,,CH,food,1.2,1.2A-01,Emmentaler AOP 12 Monate;Raclette,,de",
        "X02,Fromagerie des Hautes-Combes SAS,,,FR,food,1.2,1.2A-02,Comté AOP 18 mois;Morbier,,fr",
        "X03,Caseificio Valle Verde,,,IT,food,1.2,1.2A-03,Parmigiano Reggiano DOP,,it",
        "X04,Maison Veuve Delorme,,,FR,food,2.1,2.1A-04,Champagne Brut;Champagne Rosé,,fr",
        "X05,Cantina Colline Trevigiane,,,IT,food,2.1,2.1A-05,Prosecco DOC Extra Dry,,it",
        "X06,Weingut Rheinterrasse,,,DE,food,2.1,2.1A-06,Riesling trocken;Pinot Noir,,de",
        "X07,Distillerie du Val,,,FR,food,2.1,2.1A-07,Cognac VSOP;Calvados,,fr",
        "X08,Brauerei Hirschgarten,,,DE,food,2.1,2.1A-08,Helles Lager;Weißbier,,de",
        "X09,Atlantic Lobster Co.,,,CA,food,1.1,1.1A-09,Live lobster;Lobster tails,,en",
        "X10,Camaronera del Pacífico S.A.,,,EC,food,1.1,1.1A-10,Frozen Vannamei shrimp HLSO,,es",
        "X11,Mekong Seafood JSC,,,VN,food,1.1,1.1A-11,Frozen Black Tiger shrimp,,vi;en",
        "X12,Maas Cold Chain Logistics B.V.,,,NL,services,8.2,8.2A-12,Cold chain logistics;Cold storage -25 °C,,nl;en",
        "X13,Seoul Glow Cosmetics Co. Ltd.,,,KR,consumer,4.1,4.1A-13,Skin care serum;Sheet masks,,ko;en",
        "X14,Bodega Altos de Uco S.A.,,,AR,food,2.1,2.1A-14,Malbec red wine,,es",
        "X15,Viña Cordillera Alta S.A.,,,CL,food,2.1,2.1A-15,Carménère red wine,,es",
        "X16,Laboratoires Génériques de l'Ouest,,,FR,medical,5.1,5.1A-16,Médicaments génériques,,fr",
        "X17,Alpenholz Möbel GmbH,,,AT,consumer,4.2,4.2A-17,Massivholzmöbel,,de",
        "X18,Tiroler Speck KG,,,AT,food,1.2,1.2A-18,Tiroler Speck g.g.A.,,de",
        "X19,Yamabuki Seicha Co. Ltd.,,,JP,food,2.2,2.2A-19,Uji matcha;Sencha,,ja;en",
        "X20,Aceites Sierra Sur S.L.,,,ES,food,1.2,1.2A-20,Aceite de oliva virgen extra,,es",
        "X21,Almazara Ecológica del Sur,,,ES,food,1.2,1.2A-21,Aceite de oliva virgen extra ecológico,,es",
        "X22,Olivenhain Bern AG,,,CH,food,1.2,1.2A-22,Olivenöl aus Kreta,,de",
        "X23,Pampas Halal Beef S.A.,,,AR,food,1.1,1.1A-23,Frozen halal beef cuts,,es",
        "X24,Kamchatka Ocean Harvest LLC,,,RU,food,1.1,1.1A-24,Frozen king crab,,ru",
        "X25,Helvetia Medtech AG,,,CH,medical,5.1,5.1A-25,Infusion pumps,,de",
        "X26,Dentalwerk Zürich AG,,,CH,medical,5.1,5.1A-26,Titanium dental implants,,de",
        "X27,Cabinet Dentaire Mobilier SA,,,FR,consumer,4.2,4.2A-27,Mobilier de cabinet médical,,fr",
        "X28,Kaffeetechnik Donau GmbH,,,AT,equipment,3.1,3.1A-28,Kaffeevollautomaten für die Gastronomie,,de",
        "X29,Macchine Espresso Milano S.r.l.,,,IT,equipment,3.1,3.1A-29,Siebträgermaschinen;Espresso machines,,it",
        "X30,Tostadores del Café S.A.,,,CO,food,2.2,2.2A-30,Café tostado en grano,,es",
        "X31,Frenos Andinos S.A.,,,MX,auto,6.1,6.1A-31,Balatas para frenos de disco,,es",
        "X32,Autopartes del Bajío,,,MX,auto,6.1,6.1A-32,Amortiguadores;Bujías,,es",
        "X33,München Brauhaus GmbH,,,DE,food,2.1,2.1A-33,Helles Bier;Weißbier,,de;en",
        "X34,Manuka Gold Honey Ltd,,,NZ,food,1.2,1.2A-34,Manuka honey UMF 15+,,en",
        "X35,Bienenhof Wiesental,,,DE,food,1.2,1.2A-35,Blütenhonig;Waldhonig,,de",
        "X36,Soja Paraná S.A.,,,BR,food,1.1,1.1A-36,Non-GMO soybeans,,pt;en",
        "X37,Bremsen Hamburg GmbH,,,DE,auto,6.1,6.1A-37,Bremsscheiben;Disques de frein,,de",
        "X38,Bursa Fren A.Ş.,,,TR,auto,6.1,6.1A-38,Plaquettes de frein;Brake pads,,tr",
        "X39,Savonnerie du Vieux Port,,,FR,consumer,4.1,4.1A-39,Savon de Marseille;Savons artisanaux,,fr",
        "X40,Karité Abidjan SARL,,,CI,consumer,4.1,4.1A-40,Savon au karité;Beurre de karité,,fr",
        "X41,Fours Lambert SAS,,,FR,equipment,3.1,3.1A-41,Fours à sole;Pétrins,,fr",
        "X42,Boulangerie Industrielle du Nord,,,FR,food,1.1,1.1A-42,Pain de mie;Baguettes précuites,,fr",
    )
)


@pytest.fixture
async def catalog_x(database_url: str) -> AsyncIterator[Container]:
    async with container_with(database_url, CATALOG_X) as container:
        yield container


@pytest.fixture
def x_ctx(catalog_x: Container) -> Iterator:
    with contexts_over(catalog_x, 706) as make:
        yield make


@pytest.mark.parametrize(
    ("locale", "text", "intent", "entities", "wanted"),
    [
        # Examples in brackets: the goods before them are looked for, of any kind.
        (
            "de",
            "Hartkäse aus der Schweiz oder Frankreich (Emmentaler, Comté o. ä.)",
            "nlu_fallback",
            {"country": ["Schweiz", "Frankreich"], "company": ["Emmentaler", "Comté o"]},
            {"X01", "X02"},
        ),
        # Examples after a dash, ending with "or the like".
        (
            "de",
            "Wir suchen Schaumwein für Silvester – Champagner, Sekt, Prosecco oder Ähnliches",
            "exhibitor_info",
            {"company": ["Silvester", "Champagner", "Sekt", "Prosecco"]},
            {"X04", "X05"},
        ),
        # "TK" is frozen; kinds listed after the goods are examples of them.
        (
            "de",
            "Garnelen TK, Vannamei oder Black Tiger, ca. 2 Container pro Monat – wer kann liefern?",
            "book_meeting",
            {"company": ["Garnelen TK", "Vannamei", "Black Tiger"], "time": "2 Container"},
            {"X10", "X11"},
        ),
        # "which brands": sellers are asked for, "K-Beauty" is a word about the goods.
        (
            "de",
            "K-Beauty Hautpflege aus Korea für unseren Onlineshop – welche Marken sind da?",
            "exhibitor_info",
            {"company": "K-Beauty", "product": ["Hautpflege", "Onlineshop"], "country": "Korea"},
            {"X13"},
        ),
        # "Welche Dienstleister sind … vertreten?" names no company.
        (
            "de",
            "Hallo, wir sind ein Fleischverarbeiter aus Westfalen und wollen Tiefkühlware nach"
            " China exportieren. Dafür suchen wir einen Logistikpartner, der Kühlkette kann"
            " (Seefracht, Reefer-Container, Kühllagerung). Welche Dienstleister sind auf der"
            " Messe vertreten?",
            "book_meeting",
            {
                "product": "Logistikpartner",
                "company": [
                    "Seefracht",
                    "Reefer-Container",
                    "Kühllagerung",
                    "Welche Dienstleister",
                ],
            },
            {"X12"},
        ),
        # Part of a region's name tagged as a company.
        (
            "fr",
            "Il y a des vins rouges d'Amérique du Sud sur le salon ? Chili, Argentine...",
            "list_events",
            {"product": "vins", "company": ["Sud", "Argentine"], "country": "Chili"},
            {"X14", "X15"},
        ),
        # Read as stopping alerts, with no alert to stop: goods are looked for.
        (
            "fr",
            "Centrale d'achat en Guinée : nous recherchons des fabricants de médicaments"
            " génériques.",
            "unsubscribe_alerts",
            {"company": "Guinée", "product": "médicaments génériques"},
            {"X16"},
        ),
        # Everyday words beside a country name no goods: the country's exhibitors.
        (
            "de",
            "Welche österreichischen Firmen stellen heuer aus?",
            "search_exhibitors",
            {"country": "österreichischen"},
            {"X17", "X18"},
        ),
    ],
)
def test_words_beside_the_goods_neither_narrow_them_nor_name_a_company(
    x_ctx, locale: str, text: str, intent: str, entities: dict, wanted: set[str]
) -> None:
    ctx = x_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, intent, **entities))
    assert wanted <= shown_exhibitors(ctx, reply), reply.text


def test_goods_a_request_refuses_are_not_looked_for(x_ctx) -> None:
    ctx = x_ctx("de")
    text = "Spirituosen bitte – keinen Wein und kein Bier. Was gibt's da alles?"
    reply = dialogue.respond(
        ctx, nlu(text, "search_exhibitors", product=["Spirituosen", "Wein", "Bier"])
    )
    shown = shown_exhibitors(ctx, reply)
    assert "X07" in shown and not {"X06", "X08"} & shown, reply.text


def test_goods_refused_inside_a_phrase_are_cut_off_it(x_ctx) -> None:
    """Only the phrase is cut: a brewery that also brews lager is still a brewery."""
    ctx = x_ctx("fr")
    text = "de la bière mais pas de lager svp"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", product="bière mais pas de lager"))
    assert "X08" in shown_exhibitors(ctx, reply)
    assert "lager" not in reply.text.split("\n")[0], reply.text


@pytest.mark.parametrize(
    ("text", "product", "wanted"),
    [
        # A property offered as either, or said to be welcome, filters nothing.
        ("Hummer, lebend oder TK – welche Aussteller haben das?", "Hummer", {"X09"}),
        (
            "Wir suchen spanisches Olivenöl, gerne auch in Bio-Qualität. Welche Aussteller?",
            "Olivenöl",
            {"X20", "X21"},
        ),
        # Goods joined by "or" are both looked for.
        (
            "Kaffeevollautomaten bzw. Siebträgermaschinen – wer stellt aus?",
            "Siebträgermaschinen",
            {"X28", "X29"},
        ),
    ],
)
def test_what_a_request_offers_as_either_or_as_welcome_is_all_shown(
    x_ctx, text: str, product: str, wanted: set[str]
) -> None:
    ctx = x_ctx("de")
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", product=product))
    assert wanted <= shown_exhibitors(ctx, reply), reply.text


def test_a_property_of_what_the_goods_are_for_filters_nothing(x_ctx) -> None:
    ctx = x_ctx("fr")
    text = "un prestataire logistique chaîne du froid pour nos produits surgelés"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", product="produits surgelés"))
    assert "X12" in shown_exhibitors(ctx, reply), reply.text


def test_a_company_after_chez_is_the_one_asked_where(x_ctx) -> None:
    """ "… où" ends the message: no Estonian OÜ makes the whole message a company's name."""
    ctx = x_ctx("fr")
    text = "On m'a dit de goûter le matcha de chez Yamabuki, ils sont où ?"
    reply = dialogue.respond(ctx, nlu(text, "out_of_scope", product=["matcha", "Yamabuki"]))
    assert "2.2A-19" in reply.text, reply.text


def test_a_country_where_the_goods_will_be_used_is_no_origin(x_ctx) -> None:
    ctx = x_ctx("fr")
    text = "Huile d'olive vierge extra pour nos huitante restaurants en Suisse romande"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", product="Huile d'olive"))
    assert {"X20", "X21"} <= shown_exhibitors(ctx, reply), reply.text
    assert "Suisse" not in reply.text.split("\n")[0]


def test_containers_counted_are_an_amount_not_a_time(x_ctx) -> None:
    """ "5 x 40'-Container" tagged as times, "Monat" as a company: the goods are sought."""
    ctx = x_ctx("de")
    text = (
        "Wir suchen gefrorenes Rindfleisch mit Halal-Zertifikat, ca. 5 x 40'-Container im"
        " Monat. Welche Anbieter sind auf der Messe?"
    )
    entities = {"product": ["Rindfleisch", "Container"], "time": ["5", "40"], "company": "Monat"}
    reply = dialogue.respond(ctx, nlu(text, "book_meeting", **entities))
    assert "X23" in shown_exhibitors(ctx, reply), reply.text


@pytest.mark.parametrize(
    ("locale", "text", "intent"),
    [
        ("de", "Wie kann ich Kamchatka Ocean Harvest kontaktieren?", "book_meeting"),
        ("fr", "Pourriez-vous me donner le courriel de Kamchatka Ocean Harvest ? Merci!", "thank"),
    ],
)
def test_how_to_reach_a_catalog_company_is_its_card(
    x_ctx, locale: str, text: str, intent: str
) -> None:
    ctx = x_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, intent, company="Kamchatka Ocean Harvest"))
    assert "1.1A-24" in reply.text, reply.text


def test_an_areas_adjective_after_an_area_word_is_the_area(x_ctx) -> None:
    ctx = x_ctx("fr")
    text = "Quels exposants suisses dans le secteur médical ?"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", country=["suisses", "médical"]))
    assert shown_exhibitors(ctx, reply) == {"X25", "X26"}, reply.text


def test_the_sentence_asking_for_sellers_holds_what_is_looked_for(x_ctx) -> None:
    """The first sentence says who the buyer is; the one asking for makers, what they want."""
    ctx = x_ctx("fr")
    text = (
        "Nous équipons un réseau de septante cabinets dentaires en Wallonie. Quels fabricants"
        " d'implants dentaires exposent cette année ?"
    )
    entities = {"product": ["cabinets dentaires", "implants dentaires"]}
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", **entities))
    assert shown_exhibitors(ctx, reply) == {"X26"}, reply.text


def test_what_follows_a_use_with_and_is_a_use_too(x_ctx) -> None:
    ctx = x_ctx("de")
    text = "Kaffeemaschinen für unsere Hotels und Cafés"
    entities = {"product": ["Kaffeemaschinen", "Hotels", "Cafés"]}
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", **entities))
    shown = shown_exhibitors(ctx, reply)
    assert {"X28", "X29"} <= shown and "X30" not in shown, reply.text


@pytest.mark.parametrize(
    ("locale", "text", "intent", "brand"),
    [
        ("de", "wo ist bosch", "exhibitor_info", "bosch"),
        ("fr", "stand michelin ?", "search_exhibitors", "michelin"),
        ("fr", "michelin est là cette année ? stand ?", "out_of_scope", "michelin"),
        ("de", "michelin reifen stand?", "search_exhibitors", "michelin"),
        (
            "fr",
            "je voudrais rencontrer quelqu'un de chez maersk pour du fret",
            "book_meeting",
            "maersk",
        ),
    ],
)
def test_a_brand_written_in_lower_case_is_a_company_the_catalog_lacks(
    x_ctx, locale: str, text: str, intent: str, brand: str
) -> None:
    """Brands every language writes now and then ("bosch" Zipf 4.0 in German) are no
    everyday words of the buyer's language ("Eingang", "sortie")."""
    ctx = x_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, intent))
    assert brand in reply.text.split("\n")[0] and not shown_exhibitors(ctx, reply), reply.text


def test_a_frequent_word_by_a_where_cue_is_no_brand(x_ctx) -> None:
    ctx = x_ctx("de")
    reply = dialogue.respond(ctx, nlu("wo ist der eingang", "exhibitor_info"))
    assert "eingang" not in reply.text.casefold(), reply.text


def test_what_follows_the_sentence_that_asks_is_asked_too(x_ctx) -> None:
    """ "… pa carro? balatas, discos, lo que sea": the examples after the question."""
    ctx = x_ctx("es")
    text = "qué expositores manejan refacciones de frenos pa carro? balatas, discos, lo que sea"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", product="frenos"))
    shown = shown_exhibitors(ctx, reply)
    assert "X31" in shown and "X32" not in shown, reply.text


def test_a_korean_product_ending_with_a_legal_forms_syllable_is_searched(x_ctx) -> None:
    """주 ends 맥주 (beer) and abbreviates 주식회사: beside the word before, it is no legal form."""
    ctx = x_ctx("ko")
    reply = dialogue.respond(
        ctx, nlu("독일 맥주", "search_exhibitors", country="독일", product="맥주")
    )
    assert "X33" in shown_exhibitors(ctx, reply), reply.text


@pytest.mark.parametrize(
    ("locale", "text", "countries"),
    [
        (
            "fr",
            "huile d'olive extra vierge, 5 000 litres par mois, mais pas d'Espagne ni d'Italie",
            ["Espagne", "Italie"],
        ),
        ("de", "Olivenöl, aber nicht aus Spanien oder Italien", ["Spanien", "Italien"]),
    ],
)
def test_countries_listed_after_a_refused_one_are_refused_too(
    x_ctx, locale: str, text: str, countries: list[str]
) -> None:
    ctx = x_ctx(locale)
    product = "huile d'olive extra vierge" if locale == "fr" else "Olivenöl"
    reply = dialogue.respond(
        ctx, nlu(text, "search_exhibitors", product=product, country=countries)
    )
    shown = shown_exhibitors(ctx, reply)
    assert "X22" in shown and not {"X20", "X21"} & shown, reply.text


def test_a_catalog_name_refused_as_goods_is_no_company_asked_about(x_ctx) -> None:
    """ "keinen Manuka" refuses a honey; it does not ask for Manuka Gold Honey's booth."""
    ctx = x_ctx("de")
    text = "Honig, aber bitte keinen Manuka"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", product="Honig", country="Manuka"))
    assert "X35" in shown_exhibitors(ctx, reply), reply.text


def test_a_code_joined_to_a_word_and_a_tonnage_name_no_company_and_no_hall(x_ctx) -> None:
    """ "GVO-frei" says what the soybeans are; "30.000 t" is how many, no hall 30.0."""
    ctx = x_ctx("de")
    text = "Sojabohnen GVO-frei, ca. 30.000 t pro Jahr"
    reply = dialogue.respond(ctx, nlu(text, "book_meeting", company="Sojabohnen", hall="30.000"))
    assert "X36" in shown_exhibitors(ctx, reply), reply.text


@pytest.mark.parametrize(
    ("text", "intent", "entities", "wanted"),
    [
        # The complement of the second is the first's too: brake pads and brake discs.
        (
            "plaquettes et disques de frein, fournisseurs ?",
            "refine",
            {"product": ["frein", "fournisseurs"]},
            {"X37", "X38"},
        ),
        # Either property: soaps either way.
        (
            "je cherche des savons naturels ou artisanaux",
            "search_exhibitors",
            {"product": "savons naturels"},
            {"X39", "X40"},
        ),
    ],
)
def test_words_a_coordination_leaves_unsaid_are_read(
    x_ctx, text: str, intent: str, entities: dict, wanted: set[str]
) -> None:
    ctx = x_ctx("fr")
    reply = dialogue.respond(ctx, nlu(text, intent, **entities))
    assert wanted <= shown_exhibitors(ctx, reply), reply.text


def test_the_business_a_buyer_sets_up_is_no_goods_sought(x_ctx) -> None:
    ctx = x_ctx("fr")
    text = (
        "Je monte une boulangerie industrielle à Casablanca, je cherche des fours et des pétrins."
    )
    reply = dialogue.respond(
        ctx, nlu(text, "search_exhibitors", product=["boulangerie industrielle", "fours"])
    )
    shown = shown_exhibitors(ctx, reply)
    assert "X41" in shown and "X42" not in shown, reply.text
