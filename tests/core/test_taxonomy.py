"""Every entity value the NLU is trained on normalises to a catalog id in the app."""

from __future__ import annotations

import os
import shutil
import time

import pytest
import yaml

from core.settings import ROOT
from core.taxonomy import country_name, load_taxonomy


def _fillers(slot: str) -> dict[str, list[str]]:
    """The values the NLU training data fills {slot} with, per language (data/nlu_source/fillers/)."""
    values: dict[str, list[str]] = yaml.safe_load(
        (ROOT / f"data/nlu_source/fillers/{slot}.yml").read_text("utf-8")
    )["values"]
    return values


COUNTRY, COUNTRY_ADJ, CITY, PRODUCT = (
    _fillers(slot) for slot in ("country", "country_adj", "city", "product")
)
TAXONOMY = load_taxonomy(ROOT / "data")


@pytest.mark.parametrize("lang", sorted(COUNTRY))
def test_trained_countries_have_codes(lang: str) -> None:
    values = COUNTRY[lang] + COUNTRY_ADJ[lang]
    assert [v for v in values if not TAXONOMY.country_code(v)] == []


@pytest.mark.parametrize("lang", sorted(CITY))
def test_trained_cities_have_ids(lang: str) -> None:
    assert [v for v in CITY[lang] if not TAXONOMY.city_id(v)] == []


@pytest.mark.parametrize("lang", sorted(PRODUCT))
def test_trained_products_have_categories(lang: str) -> None:
    assert [v for v in PRODUCT[lang] if not TAXONOMY.product_categories(v)] == []


# --- products: whole words, head nouns, hierarchy ---------------------------------------
@pytest.mark.parametrize(
    ("phrase", "not_category"),
    [
        ("ginseng", "spirits"),  # "gin"
        ("медицинского оборудования", "honey"),  # "мед"
        ("espresso", "auto_parts"),
        ("aides auditives", "auto_parts"),
        ("probiotics", "industrial_robots"),  # one letter from "robotics" but another word
        ("sweet potatoes", "chocolate"),  # "sweets"
        ("coffee machines", "coffee"),
        ("coffee machines", "agricultural_machinery"),
        ("coffee machines", "artificial_intelligence"),
        ("Kaffeevollautomaten", "industrial_robots"),  # "…automat" is no robot
        ("medical devices", "pharmaceuticals"),  # "medical" and "médicaments" share a stem
        # What is made of or for a product, or sold without it, is not the product.
        ("jouets en bois", "timber"),
        ("machines à papier tissue", "paper"),
        ("théières marocaines", "tea"),
        ("diffuseurs d'huiles essentielles", "essential_oils"),
        ("bonbons sans sucre au xylitol", "sugar"),
        ("vinaigre de vin rouge", "wine"),
        ("pneus de vélo tubeless", "auto_parts"),
        # A butter, a "cheese" or a "champagne" of another kind.
        ("beurre de cacao", "butter_yogurt"),
        ("beurre de karité brut", "butter_yogurt"),
        ("beurre d'érable", "butter_yogurt"),
        ("fromage de tête", "cheese"),
        ("cognac Fine Champagne XO", "sparkling_wine"),
        ("sucre glace", "ice_cream"),
        ("marrons glacés", "ice_cream"),
        ("poires Conférence", "cider"),  # pears, spelt as the term, are no "poiré"
        ("mélasse", "apples_pears"),  # molasses, no Italian "mele"
        ("huile moteur 5W-30", "auto_parts"),  # what a car runs on is no part of it
        # A word of another language, or a compound split elsewhere, hides no German head.
        ("salsa picante caliente", "poultry"),  # no "Ente"
        ("Espresso-Vollautomat", "vegetables"),  # no "Tomate"
    ],
)
def test_no_prefix_or_fuzzy_category_hits(phrase: str, not_category: str) -> None:
    assert not_category not in TAXONOMY.product_categories(phrase)


@pytest.mark.parametrize(
    ("word", "another"),
    [
        ("Müller", True),  # a name much commoner than "Mull" (gauze), its stem
        ("Äpfel", False),  # a plural as common as its singular
        ("Weine", False),
        ("Käse", False),  # spelt as the term
    ],
)
def test_a_word_much_commoner_than_the_term_it_stems_to_is_another_word(
    word: str, another: bool
) -> None:
    assert TAXONOMY.only_stemmed_as_a_term(word) is another


@pytest.mark.parametrize(
    ("phrase", "category"),
    [
        ("Tasmanian ice wine", "ice_wine"),
        ("Icewine", "ice_wine"),
        ("vin de glace", "ice_wine"),
        ("Rechargeable hearing aids", "hearing_aids"),  # English: the head is last
        ("Aides auditives rechargeables", "hearing_aids"),  # French: first
        ("Мёд алтайский", "honey"),
        ("Knieimplantate", "implants"),  # a German compound's last word
        ("1.5T MRI systems", "medical_imaging"),  # "systems" says nothing
        ("进口红酒", "wine"),  # a CJK term at the end of a run
        ("Espresso coffee machines", "coffee_machines"),
        ("London dry gin", "spirits"),
        ("cheeese", "cheese"),  # a typo in a long word
        ("fèves de cacao fermentées", "cocoa"),
        ("sucre d'érable granulé", "sugar"),
        ("açúcar cristal", "sugar"),
        ("Comté AOP affiné 18 mois", "cheese"),  # what a label says of its ageing
        ("crèmes glacées artisanales", "ice_cream"),
        ("tilapia floating feed", "fish_feed"),
        ("nourriture pour poissons d'ornement", "fish_feed"),
        ("infant formula stages 1-3", "infant_formula"),
        ("Kalamata olives", "olives"),
        ("bois d'œuvre résineux", "timber"),
        ("sack kraft paper", "paper"),
        ("Yixing clay teapots", "teaware"),
        ("mele Fuji", "apples_pears"),
        # A label opening with several French words only is read head first.
        ("faisceaux électriques automobiles", "auto_parts"),
        ("huile moteur 5W-30", "lubricants"),
        # Québec French.
        ("breuvages aux fruits", "beverages"),
        ("chars électriques", "electric_vehicles"),
        # A label in a noun-first language only: the first term is the head.
        ("ecógrafos portátiles", "ultrasound"),
        # A one-letter code that ends a term is part of it.
        ("equipos de rayos X", "x_ray"),
    ],
)
def test_head_nouns_name_categories(phrase: str, category: str) -> None:
    assert category in TAXONOMY.with_ancestors(TAXONOMY.product_categories(phrase))


def test_one_slip_in_a_korean_words_letters() -> None:
    assert TAXONOMY.respelled("혈압게") == "혈압계"  # ㅔ for ㅖ
    assert "hearing_aids" in TAXONOMY.typo_tolerant("보청가")
    assert TAXONOMY.respelled("김치") is None  # two syllables: too short to guess
    assert TAXONOMY.respelled("혈압계") == "혈압계"


def test_one_slip_in_a_katakana_word() -> None:
    assert TAXONOMY.respelled("アボガド") == "アボカド"  # ガ for カ
    assert "chocolate" in TAXONOMY.typo_tolerant("チョコレト")  # a kana left out
    assert TAXONOMY.respelled("ワイン") is None  # three kana
    assert TAXONOMY.typo_tolerant("ビーム") == set()  # three kana: too short to guess


def test_a_korean_product_before_its_head_narrows_it() -> None:
    assert TAXONOMY.modifier("홍삼 화장품", ["cosmetics"]) == "홍삼"
    assert TAXONOMY.modifier("냉동 새우", ["shrimp"]) == ""  # an adjective names no product


def test_typos_only_in_long_words_with_the_same_first_letter() -> None:
    assert TAXONOMY.typo_tolerant("chees") == set()  # five letters: too short to guess
    assert "cheese" in TAXONOMY.typo_tolerant("chese")  # but for a doubled letter
    assert "industrial_robots" not in TAXONOMY.typo_tolerant("probiotics")
    assert "chocolate" in TAXONOMY.typo_tolerant("chocolat")


def test_hierarchy_parents_include_their_children() -> None:
    under = TAXONOMY.with_subcategories(["medical_devices"])
    assert {"medical_imaging", "hearing_aids", "implants", "dental", "diagnostics"} <= under
    assert "pharmaceuticals" not in under
    assert TAXONOMY.with_subcategories(["wine"]) == {
        "wine",
        "ice_wine",
        "red_wine",
        "white_wine",
        "sparkling_wine",
    }
    assert TAXONOMY.with_ancestors(["ice_wine"]) == {
        "ice_wine",
        "wine",
        "alcoholic_drinks",
        "beverages",
    }
    # A kind may sit under several: dental implants are dental equipment and implants.
    assert TAXONOMY.with_ancestors(["dental_implants"]) >= {"dental", "implants", "medical_devices"}
    assert "dental_implants" in TAXONOMY.with_subcategories(["implants"])
    assert "dental_implants" in TAXONOMY.with_subcategories(["dental"])
    for category in TAXONOMY.categories.values():
        assert set(category.parents) <= set(TAXONOMY.categories)


def test_a_parent_loop_is_refused(tmp_path) -> None:
    folder = tmp_path / "taxonomy"
    folder.mkdir()
    (folder / "products.yml").write_text(
        "categories:\n  a: {area: food, parent: b}\n  b: {area: food, parent: a}\n"
    )
    with pytest.raises(ValueError, match="loop"):
        load_taxonomy(tmp_path)


def test_the_taxonomy_is_read_once_per_version_of_its_files(tmp_path) -> None:
    """Every container shares one reading; an edited file is read again."""
    folder = tmp_path / "taxonomy"
    shutil.copytree(ROOT / "data" / "taxonomy", folder)
    first = load_taxonomy(tmp_path)
    assert load_taxonomy(tmp_path) is first
    products = folder / "products.yml"
    products.write_text(products.read_text("utf-8") + "\n", "utf-8")
    os.utime(products, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert load_taxonomy(tmp_path) is not first


@pytest.mark.parametrize(
    ("message", "phrases"),
    [
        ("有卖冻干榴莲的展商吗", ["冻干榴莲"]),
        ("我想找有机食品企业", ["有机食品"]),  # 有机 keeps its 有
        ("의료기기 업체 찾아줘", ["의료기기"]),
        ("보청기를 파는 회사", ["보청기"]),
        ("아보카도", ["아보카도"]),  # 도 is the word's own, no particle
        ("김치도 있나요", ["김치"]),
        # Polite endings on a particle, and the ways of saying "I'd like to see / import".
        ("화장품이요", ["화장품"]),
        ("연어는요?", ["연어"]),
        ("혈압계 어디서 볼 수 있나요?", ["혈압계"]),
        ("맥주를 수입하고 싶은데요", ["맥주"]),
        # Verbs of making and coming from, and Québec's "y a-tu quelqu'un".
        ("Est-ce qu'il y a des exposants qui font du fromage de chèvre ?", ["fromage de chèvre"]),
        (
            "Quels exposants de l'agroalimentaire viennent du Sénégal ?",
            ["agroalimentaire", "sénégal"],
        ),
        ("y a-tu quelqu'un qui fait des freins pour les chars ?", ["freins pour les chars"]),
        ("who sells ice wine", ["ice wine"]),
        ("find coffee machines from Italy", ["coffee machines", "italy"]),
        ("wine and cheese exhibitors", ["wine", "cheese"]),
        ("y a-t-il des exposants de vin de glace ?", ["vin de glace"]),
        ("¿Quién vende aceite de oliva?", ["aceite de oliva"]),
        ("Wer verkauft Eiswein?", ["eiswein"]),
        ("найди поставщиков мёда", ["мёда"]),
        ("化粧品の出展者を探しています", ["化粧品"]),
        ("find exhibitors", []),
        # A framing word that starts a term typed without accents; a product that starts
        # with a framing character (수); Korean business phrasing and chat shortcuts.
        ("je cherche du the vert", ["the vert"]),
        ("수산물 수입하려고 하는데 어디 있어요?", ["수산물"]),
        ("수산물이요", ["수산물"]),
        ("기저귀 공급사 소개 부탁드립니다", ["기저귀"]),
        ("스카치위스키취급업체", ["스카치위스키"]),
        ("qqn vend des crevettes congelees svp", ["crevettes congelees"]),
        # A framing word that ends a term ("компании" of insurers) stays in it.
        ("нужны страховые компании", ["страховые компании"]),
        ("who sells wine", ["wine"]),
        # Japanese grammar between framing words is no product; a particle opening a
        # product's word is not its own.
        ("6.2ホールにはどんな出展者がいますか", []),
        ("紅茶を輸出している会社は", ["紅茶"]),
        ("スーパー向けにゴーダチーズを仕入れたい", ["スーパー", "ゴーダチーズ"]),
        ("はちみつ", ["はちみつ"]),
        # Amounts: packs before their size, numbers in words, how often, "approx.", bulk.
        ("café vert arabica, sacs de 60/70 kg", ["café vert arabica"]),
        ("Rohkaffee Arabica, Säcke à 60–70 kg", ["rohkaffee arabica"]),
        ("gants nitrile, septante mille boîtes par mois", ["gants nitrile"]),
        ("Olivenöl, 20 Tonnen pro Monat", ["olivenöl"]),
        ("two containers of frozen shrimp per month", ["frozen shrimp"]),
        ("Milchpulver in 25-kg-Säcken, ca. 20 Tonnen", ["milchpulver"]),
        ("sirop d'érable en vrac, des barils de 200 L", ["sirop d érable"]),
        # Korean: "or" after a product, coming to see, "all of them"; Japanese や between
        # products, a product's goods.
        ("소파나 식탁 같은 가구 보려고요", ["소파", "식탁", "가구"]),
        ("기저귀랑 유모차 보러 왔는데요", ["기저귀", "유모차"]),
        ("태국 업체들 어디 있어요? 다 알려주세요", ["태국"]),
        ("ウールやカシミヤの製品", ["ウール", "カシミヤの製品"]),
        # "Who can help with", "here".
        ("Кто может помочь с таможенным оформлением?", ["таможенным оформлением"]),
        ("qui vend du fromage ici ?", ["fromage"]),
        # A pack word that is the product stays one.
        ("sacs à main en cuir", ["sacs à main en cuir"]),
    ],
)
def test_product_phrases_of_a_request(message: str, phrases: list[str]) -> None:
    assert TAXONOMY.product_phrases(message) == phrases


def test_product_phrases_leave_out_other_entities() -> None:
    # Chinese "的" after the country opens no product.
    assert TAXONOMY.product_phrases("有没有 New Zealand 的蜂蜜", ["New Zealand"]) == ["蜂蜜"]
    assert TAXONOMY.product_phrases("find coffee machines from Italy", ["Italy"]) == [
        "coffee machines"
    ]


# --- kinds, labels as exhibitors write them, and words that only look alike -------------
def test_a_kind_within_a_category_is_not_the_category() -> None:
    """ "camembert" is a cheese, not every cheese: the search looks for the kind first."""
    assert TAXONOMY.match_product("camembert").kind_of == {"cheese"}
    assert not TAXONOMY.match_product("camembert").whole
    assert TAXONOMY.match_product("fromages").whole == {"cheese"}
    assert TAXONOMY.product_categories("Camembert de Normandie AOP") == {"cheese"}


@pytest.mark.parametrize(
    ("label", "category"),
    [
        ("Fresh Atlantic salmon (superior grade)", "salmon"),  # a parenthesis after the head
        ("Manuka Honey UMF 10+ / 15+ / 20+", "honey"),  # grades and codes after it
        ("선크림 SPF50+ PA++++", "sunscreen"),
        ("Icewine 375 ml", "ice_wine"),  # a size
        ("Single Malt Scotch Whisky 12 & 18 yo", "whisky"),
        ("Tequila 100% agave reposado", "rum_tequila"),  # a number starts the qualifiers
        ("Parmigiano Reggiano DOP 24 mesi", "cheese"),
        ("Musang King durian – frozen whole fruit", "durian"),  # two parts of one label
        ("Eiswein Riesling", "ice_wine"),  # a kind named before the head makes it narrower
        ("Kühllogistik für Pharma", "cold_chain"),  # the head comes before "für"
        ("Prosciutto di Parma DOP", "cured_meats"),  # and before "di"
        ("バニラアイスクリーム", "ice_cream"),  # the longest term at the end, not "クリーム"
        ("風力発電機", "wind_energy"),  # 機 (machine) says nothing
        ("Jasminreis", "rice"),  # a compound's short last word, split into words
        ("Weizenbier", "beer"),
        ("Bergkäse", "cheese"),
        ("Rindfleisch tiefgekühlt", "beef"),  # a German label's adjective after its noun
        ("Solarmodule polykristallin", "solar_energy"),
        ("Schlagbohrmaschinen", "power_tools"),  # a kind's word ending a compound
        ("металлочерепица", "roofing"),
        ("шуруповерты", "power_tools"),
        ("секаторы", "garden_tools"),
        ("водорастворимые удобрения NPK", "fertilizers"),
        ("скороварки", "cookware"),
        ("компрессионный трикотаж", "orthopaedic_supports"),
        ("сварочные аппараты", "welding_equipment"),
        ("прогрессивные линзы", "ophthalmic"),
        ("железнодорожные перевозки", "freight"),
        ("аппараты для диализа", "patient_care_equipment"),  # a generic head's complement
        ("Geräte für Dialyse", "patient_care_equipment"),
        ("곱창김", "laver"),  # Korean trade names of laver
        ("焼き海苔 (全形)", "laver"),
        ("头水紫菜", "laver"),
        ("건미역", "wakame"),
        ("海带结", "kelp"),
        ("포기 배추김치", "kimchi"),
        ("나주 신고배", "apples_pears"),
        ("cà phê hòa tan 3 trong 1", "coffee"),  # Vietnamese puts the noun first
        ("cà phê Robusta rang nguyên hạt", "coffee"),  # "hạt" (beans) is no English hat
        ("tôm thẻ chân trắng", "shrimp"),
        ("gạo ST25", "rice"),
        ("新潟県産コシヒカリ", "rice"),
        ("Yirgacheffe green coffee beans Grade 1", "coffee"),  # a grade after the head
        ("reefer container logistics", "cold_chain"),
        ("Sechskantmuttern DIN 934", "fasteners"),
        ("Schließzylinder", "locks_door_hardware"),
        ("Kombidämpfer 10 x GN 1/1", "commercial_kitchen_equipment"),
        ("vis d'ostéosynthèse en titane", "orthopaedic_implants"),
        ("poêles à bois", "stoves_fireplaces"),
        ("Haverdrink", "plant_based_foods"),
        ("Mieszanka warzywna mrożona", "vegetables"),  # Polish
        ("Bleuets sauvages surgelés IQF", "berries_cherries"),  # Québec's blueberries
        ("Roomboter", "butter_yogurt"),  # Dutch
        ("Fren balataları", "auto_parts"),  # Turkish brake pads
        ("Prosecco DOC Extra Dry", "sparkling_wine"),  # a style after the appellation
        # Everyday and regional German: things for babies, Austrian quark, Swiss biscuits.
        ("Babysachen", "baby_products"),
        ("Sachen für die Küche", "kitchenware"),
        ("Topfen", "cheese"),
        ("Guetzli", "biscuits"),
        ("Schoki", "chocolate"),
        ("Tiefkühl-Pommes", "potatoes"),
        # Words that share a link word's stem link nothing: "forest" is no "for".
        ("organic forest honey", "honey"),
        ("Black Forest ham", "cured_meats"),
        ("Babymilchpulver fur Drogerien", "infant_formula"),  # "für" typed without umlaut
        ("Autositzbezüge", "auto_parts"),  # car seat covers
        ("Verpackungsanlagen", "packaging_machinery"),  # packaging lines, not materials
    ],
)
def test_labels_as_exhibitors_write_them(label: str, category: str) -> None:
    assert category in TAXONOMY.product_categories(label, typos=False)


@pytest.mark.parametrize(
    ("label", "not_category"),
    [
        ("24 mesi", "furniture"),  # a duration: "mesi" is no "mesas" (tables)
        ("Bourbon vanilla beans grade A", "whisky"),  # "A" is a grade, not a link word
        ("Helles", "ice_cream"),  # German beer; its stem meets Spanish "helado" only
        ("ディーゼルエンジン", "gin"),  # ジン inside エンジン (engine)
        ("メカニカルシール", "crab"),  # カニ inside メカニカル (mechanical)
        ("Rechargeable hearing instruments", "ev_charging"),
        ("Tuna in olive oil", "olive_oil"),
        ("Wine glasses", "wine"),
        ("Reisetaschen", "rice"),  # a travel bag: "Reis" starts it, the bag is its head
        ("Morbier", "beer"),  # French cheese: no German compound of "Mor" and "Bier"
        ("Williams-Birnenbrand", "apples_pears"),  # a spirit, not the fruit
        ("스탠드형 김치냉장고", "kimchi"),  # a refrigerator for kimchi
        ("스탠드형 김치냉장고", "laver"),  # 김 (laver) only as a word of its own
        ("보청기 배터리", "apples_pears"),  # 배 (pear) is no battery's first syllable
        ("배 프로펠러 및 샤프트", "apples_pears"),  # a ship's (배) propeller
        ("cà phê Robusta rang nguyên hạt", "fashion"),
        ("화산송이 클레이 마스크", "gloves_masks"),  # a clay face mask, no medical one
        ("세차 샴푸", "shampoo"),  # car-wash shampoo
        ("Boter", "footwear"),  # Dutch butter is no Turkish boot
        ("Topfen", "kitchenware"),  # Austrian quark is no pot (Topf)
        ("pommes de Normandie", "potatoes"),  # French apples; German "Pommes" are fries
        ("poêle à frire", "stoves_fireplaces"),  # a frying pan
        ("Blumenstrauß", "meat"),  # a bouquet, not an ostrich
        ("pain relief patches", "bread"),  # French "pain" is no English word's
    ],
)
def test_labels_that_only_contain_another_products_word(label: str, not_category: str) -> None:
    assert not_category not in TAXONOMY.product_categories(label, typos=False)


def test_words_of_one_language_match_their_forms() -> None:
    assert TAXONOMY.match_product("helado").whole == {"ice_cream"}
    assert TAXONOMY.match_product("Weine").whole == {"wine"}
    assert TAXONOMY.match_product("мёда").whole == {"honey"}
    assert TAXONOMY.match_product("Hörgeräte").whole == {"hearing_aids"}


def test_common_items_are_categories_in_every_language() -> None:
    """Items buyers ask for in their own language find the exhibitors who write them in
    another: each is a category with its words in all eight languages."""
    for words, category in [
        (("oysters", "生蚝", "牡蠣", "굴", "Austern", "huîtres", "ostras", "устрицы"), "oysters"),
        (
            ("pacemakers", "心脏起搏器", "ペースメーカー", "marcapasos", "кардиостимуляторы"),
            "pacemakers_stents",
        ),
        (
            ("air purifiers", "空气净化器", "空気清浄機", "공기청정기", "Luftreiniger"),
            "air_purifiers",
        ),
        (
            ("combine harvesters", "联合收割机", "コンバイン", "콤바인", "Mähdrescher"),
            "combine_harvesters",
        ),
    ]:
        assert all(TAXONOMY.match_product(word).whole == {category} for word in words), words


def test_every_category_has_names_and_words_in_eight_languages() -> None:
    languages = {"zh", "en", "ja", "ko", "de", "fr", "es", "ru"}
    for category in TAXONOMY.categories.values():
        assert set(category.names) == languages, category.id


@pytest.mark.parametrize(
    ("message", "exclude", "phrases"),
    [
        ("哪里有日本清酒", ["日本"], ["清酒"]),  # 有 left alone frames too
        # German "aus": a country's origin, or what a product is made of.
        ("Bier aus Tschechien", ["Tschechien"], ["bier"]),
        ("Spielzeug aus Holz", [], ["spielzeug aus holz"]),
        ("I'm looking for ultrasound scanners", [], ["ultrasound scanners"]),
        ("아이스와인 파는 곳", [], ["아이스와인"]),
        ("꿀 있어?", [], ["꿀"]),
        ("где купить краба", [], ["краба"]),
        ("找做手术机器人的企业", [], ["手术机器人"]),
        ("イタリアのコーヒーマシン", ["イタリア", "イタリアの"], ["コーヒーマシン"]),
    ],
)
def test_framing_words_in_eight_languages(message: str, exclude: list[str], phrases: list[str]):
    assert TAXONOMY.product_phrases(message, exclude) == phrases


@pytest.mark.parametrize(
    ("label", "categories"),
    [
        ("Spätburgunder Rotwein trocken", {"red_wine"}),  # a style word ends the label
        ("Rioja tinto reserva", {"red_wine"}),
        ("cava brut nature", {"sparkling_wine"}),
        ("Quinoa orgánica", {"grain"}),
        ("Carmenère", {"red_wine"}),
        ("Eiswein Riesling", {"ice_wine", "white_wine"}),  # a kind beside the head joins it
        ("Zahnimplantate aus Titan", {"dental_implants"}),  # "aus" goes on to the material
        ("bière sans alcool", {"beer"}),
        ("écran solaire SPF 50", {"sunscreen"}),
        ("crème de nuit", {"creams_lotions"}),  # a night cream, not crémant
        # The head before its complement names the product: white wine, not just wine.
        ("vin blanc de Bourgogne", {"white_wine"}),
        ("vino tinto de Rioja", {"red_wine"}),
    ],
)
def test_labels_with_style_words_links_and_grapes(label: str, categories: set[str]) -> None:
    assert TAXONOMY.product_categories(label, typos=False) == categories


@pytest.mark.parametrize(
    ("words", "category"),
    [
        (("Rotweine", "vins rouges", "vinos tintos", "red wine", "红葡萄酒"), "red_wine"),
        (("Weißwein", "vin blanc", "vino blanco", "white wines"), "white_wine"),
        (("Sekt", "vins mousseux", "espumosos", "sparkling wine"), "sparkling_wine"),
        (("Winterreifen", "pneus hiver", "neumáticos de invierno", "winter tyres"), "winter_tyres"),
    ],
)
def test_kinds_asked_for_in_every_language_are_categories(words: tuple[str, ...], category: str):
    assert all(TAXONOMY.match_product(word, head_first=True).whole == {category} for word in words)


def test_one_kind_in_several_languages_words() -> None:
    assert set(TAXONOMY.same_kind("Fräsmaschinen")) >= {"fresadoras", "fraiseuses"}
    assert "Fräsmaschinen" not in TAXONOMY.same_kind("Fräsmaschinen")
    assert TAXONOMY.match_product("fromage de brebis").kind_of == {"cheese"}
    assert "queso de oveja" in TAXONOMY.same_kind("fromage de brebis")
    assert TAXONOMY.same_kind("cheese") == ()  # a category's own term is no kind


def test_french_on_is_a_request_word() -> None:
    # "on" unquoted in YAML is the boolean true, not the French pronoun.
    assert "on" in TAXONOMY.request_words
    assert TAXONOMY.product_phrases("où est-ce qu'on peut acheter du miel") == ["miel"]


@pytest.mark.parametrize(
    ("message", "phrases"),
    [
        # The verbs buyers frame a request with, in each language.
        ("Wer liefert landwirtschaftliche Maschinen?", ["landwirtschaftliche maschinen"]),
        ("Wer bietet Kürbiskernöl an?", ["kürbiskernöl"]),
        ("Qui fabrique des sacs à main ?", ["sacs à main"]),
        ("¿Quién fabrica muebles de jardín?", ["muebles de jardín"]),
        ("Кто поставляет оливковое масло?", ["оливковое масло"]),
        # An article after a link word belongs to the phrase.
        ("crèmes pour le visage", ["crèmes pour le visage"]),
        ("Zubehör für die Küche", ["zubehör für die küche"]),
    ],
)
def test_framing_verbs_and_articles(message: str, phrases: list[str]) -> None:
    assert TAXONOMY.product_phrases(message) == phrases


def test_a_longer_term_first_is_the_head_in_a_noun_first_request() -> None:
    """ "pièces détachées automobiles" are parts; "automobiles" says which."""
    match = TAXONOMY.match_product("pièces détachées automobiles", head_first=True)
    assert match.categories == {"auto_parts"}


@pytest.mark.parametrize(
    ("label", "categories"),
    [
        ("tiefgekühlte Garnelen", {"shrimp", "frozen_food"}),
        ("Rindfleisch tiefgekühlt", {"beef", "frozen_food"}),  # after the noun too
        ("crevettes surgelées", {"shrimp", "frozen_food"}),
        ("verduras congeladas", {"vegetables", "frozen_food"}),
        ("冷冻虾仁", {"shrimp", "frozen_food"}),
        ("냉동 새우", {"shrimp", "frozen_food"}),
        ("замороженные креветки", {"shrimp", "frozen_food"}),
        ("Tiefkühlkost", {"frozen_food"}),
        # A mark adds its category only to what is of its area: freezers are no food.
        ("冷冻设备", {"refrigeration_equipment"}),  # freezing equipment: no frozen food
        ("Frozen storage warehousing", {"warehousing"}),
    ],
)
def test_a_mark_in_a_label_adds_its_category(label: str, categories: set[str]) -> None:
    assert TAXONOMY.product_categories(label, typos=False) == categories


@pytest.mark.parametrize(
    ("label", "category", "not_category"),
    [
        ("Sheabutter", "skincare", "butter_yogurt"),  # cosmetic butters are no dairy
        ("beurre de karité", "skincare", "butter_yogurt"),
        ("シアバター", "skincare", "butter_yogurt"),
        ("Leberkäse", "sausages", "cheese"),  # a meat loaf
        ("rehabilitation robots", "rehabilitation", "industrial_robots"),
        ("康复机器人", "rehabilitation", "industrial_robots"),
        ("sacs de couchage", "camping_gear", "leather_goods"),
        ("Mobile patient lifts (200kg)", "elderly_care", "elevators"),
        ("Dental chews for dogs (S/M/L)", "pet_products", "dental"),
        ("Bully sticks 6 in and 12 in", "pet_products", "bread"),
        ("Vertical form-fill-seal machines", "packaging_machinery", "packaging_materials"),
        ("Commercial treadmills (AC motor 4.0HP)", "fitness_equipment", "electrical_equipment"),
        ("Indoor cycling bikes", "fitness_equipment", "bicycle_parts"),
        ("キャンプ用品", "camping_gear", "kitchenware"),
        ("パン生地", "bread", "textiles"),  # dough, not fabric
    ],
)
def test_words_filed_by_what_they_are(label: str, category: str, not_category: str) -> None:
    found = TAXONOMY.product_categories(label, typos=False)
    assert category in found
    assert not_category not in found


def test_a_kind_in_two_places() -> None:
    """Running shoes are footwear and sporting goods; electric vans vans and EVs."""
    assert TAXONOMY.match_product("Laufschuhe").kind_of == {"footwear", "sporting_goods"}
    assert TAXONOMY.match_product("electric vans").kind_of == {"vans", "electric_vehicles"}
    assert "beverages" in TAXONOMY.with_ancestors(["wine", "coffee", "mineral_water"])


def test_a_tablet_maker_is_no_furniture_maker() -> None:
    """German stems "tablets" like "tables", English "rugged" like "rugs"."""
    assert "furniture" not in TAXONOMY.product_categories("Android tablets", typos=False)
    assert "furniture" not in TAXONOMY.product_categories("rugged phones", typos=False)


@pytest.mark.parametrize(
    ("label", "categories"),
    [
        # What the parentheses say, when the label outside them names nothing.
        ("choritos (mejillones chilenos)", {"mussels"}),
        ("Fresh Atlantic salmon (superior grade)", {"salmon"}),
        # Korean written with or without a space.
        ("시트 마스크", {"face_masks_serums"}),
        # What a product is without is no product.
        ("gummies sugar-free", {"candy"}),
    ],
)
def test_labels_read_around_their_additions(label: str, categories: set[str]) -> None:
    assert TAXONOMY.product_categories(label, typos=False) == categories


def test_russian_framing_words_frame_in_any_case() -> None:
    phrases = TAXONOMY.product_phrases("Прошу подобрать экспортёров оливкового масла")
    assert phrases == ["оливкового масла"]
    assert TAXONOMY.product_phrases("Нужны контакты участников: сухое молоко") == ["сухое молоко"]


def test_alternative_countries_are_named_with_or() -> None:
    assert country_name("DE+IT", "es") == "Alemania o Italia"
    assert country_name("DE+IT", "en") == "Germany or Italy"


@pytest.mark.parametrize(
    ("phrase", "category"),
    [
        ("оливкавое масло", "olive_oil"),  # one slip in a word of a two-word term
        ("экспедирвоание грузов", "freight"),
        ("chocolat", "chocolate"),
        ("Kafee", "coffee"),  # a letter typed once for twice, in five letters
        ("huille d'olive", "olive_oil"),  # twice for once, in a term with an apostrophe
        ("Nudlen", "pasta_noodles"),  # two neighbours swapped
    ],
)
def test_a_slip_in_a_term(phrase: str, category: str) -> None:
    assert category in TAXONOMY.typo_tolerant(phrase)


def test_no_slip_in_short_words() -> None:
    assert not TAXONOMY.typo_tolerant("rad wine")
    assert not TAXONOMY.typo_tolerant("Kafe")  # four letters: too short, doubled or not
    assert not TAXONOMY.typo_tolerant("Nudle")  # five letters: only a doubled letter


def test_a_whole_term_with_a_slip_beats_one_of_its_words_as_written() -> None:
    # "auditifs" alone stems to "audit" (consulting); the label is "appareils auditifs".
    assert TAXONOMY.product_categories("apareils auditifs") == {"hearing_aids"}
    assert TAXONOMY.product_categories("apareils auditifs", typos=False) == {"consulting"}


@pytest.mark.parametrize(
    ("text", "framing"),
    [("фабрики", True), ("who sells", True), ("фабрики Китая", False), ("Sakura", False)],
)
def test_words_that_only_frame_a_request(text: str, framing: bool) -> None:
    assert TAXONOMY.only_framing(text) is framing


def test_a_single_letter_is_no_product_phrase() -> None:
    assert TAXONOMY.product_phrases("погрузчики вилочные, г/п 3 т") == [
        "погрузчики вилочные",
        "гп",
    ]


@pytest.mark.parametrize(
    ("label", "category"),
    [
        ("rail freight via Khorgos", "freight"),  # the product before an English link word
        ("canned tuna in olive oil", "tuna"),
        ("погрузчики вилочные дизель", "forklifts"),  # a price list's order, noun first
        ("мороженая говядина", "beef"),  # frozen beef, no ice cream
        ("пельмени", "frozen_ready_meals"),
        ("одноразовые шприцы", "syringes_needles"),
        ("ИОЛ", "intraocular_lenses"),
        ("레이저 커팅 장비", "machine_tools"),  # a generic head alone after the product
        ("調理器具", "cookware"),
        ("농업 장비", "agricultural_machinery"),
        ("汽車LED大燈總成", "auto_parts"),  # traditional characters, an assembly (总成)
        ("스마트워치", "wearables"),
        ("Gaming mice", "computer_peripherals"),
        ("VR/AR headsets", "vr_ar"),
        ("prothèses auditives", "hearing_aids"),
        ("EV充電器", "ev_charging"),
        ("logistique sous température dirigée", "cold_chain"),
        # What a label says after the product: the variety, the pack, a participle.
        ("extra virgin olive oil Koroneiki 1 L tin", "olive_oil"),
        ("Kalamata olives PDO jar 370 g", "olives"),
        ("Räucherlachs geschnitten 200 g", "salmon"),
        ("Nordseekrabben gepult", "shrimp"),
        ("høreapparater RIC", "hearing_aids"),  # RIC, a fitting, is no rice
        ("English Breakfast tea bags 100 ct", "black_tea"),
        ("Saperavi dry red 2021", "red_wine"),
        ("Amarone della Valpolicella DOCG", "red_wine"),
        ("Méthode Cap Classique Brut", "sparkling_wine"),
        ("caves à vin de service 24 bouteilles", "wine_cabinets"),  # no cava
        ("即食燕窝 ready-to-drink 6 × 70 ml", "birds_nest"),
        ("azeite Trás-os-Montes DOP 500 ml", "olive_oil"),
        ("Rosé de saignée", "wine"),
        ("CT", "mri_ct"),
        ("Dog food can 400 g (OEM/ODM)", "pet_products"),  # a can before the size
        ("Katzennassfutter Schale 100 g", "pet_products"),
        ("Hundetrockenfutter getreidefrei 12 kg", "pet_products"),
        ("Milchschokolade Tafeln 100 g", "chocolate"),
        ("Cast-iron brake drums", "auto_parts"),  # no musical instrument
        ("Rotary milking parlours", "agricultural_machinery"),
        ("リチウムイオン蓄電システム 10 kWh", "energy_storage"),
    ],
)
def test_categories_of_labels(label: str, category: str) -> None:
    assert category in TAXONOMY.product_categories(label)


@pytest.mark.parametrize(
    ("label", "not_category"),
    [
        ("høreapparater RIC", "rice"),
        ("multivitamin gummies 60 ct", "mri_ct"),  # 60 count, no CT scanner
        ("CAD/CAM-Fräseinheiten für Dentallabore", "shrimp"),  # CAM is no camarón
        ("caves à vin de service 24 bouteilles", "sparkling_wine"),
        ("Rosé de saignée", "flowers"),
        ("wine bottles", "wine"),  # a glass maker's label, no wine
        ("Sidamo Grade 2 in 60 kg jute bags", "leather_goods"),  # the coffee's pack
        ("savon de Marseille 72% huile d'olive cube 600 g", "olive_oil"),  # a soap
    ],
)
def test_what_a_label_is_not(label: str, not_category: str) -> None:
    assert not_category not in TAXONOMY.product_categories(label)


def test_a_freight_forwarder_is_no_forestry_machine() -> None:
    assert TAXONOMY.categories_described("German air freight forwarder.") == {"freight"}


def test_wheelchairs_are_rehabilitation_aids() -> None:
    assert "rehabilitation" in TAXONOMY.with_ancestors({"mobility_aids"})


def test_a_profile_naming_machines_for_a_product_sells_no_product() -> None:
    assert "coffee" not in TAXONOMY.categories_described("Coffee roasting machinery.")
    assert TAXONOMY.categories_described("Apple grower and juice processor") >= {"fruit_juice"}


def test_a_narrower_category_took_its_words_from_the_broader_one() -> None:
    assert TAXONOMY.product_categories("syringes") == {"syringes_needles"}
    assert "medical_consumables" in TAXONOMY.with_ancestors({"syringes_needles"})


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("ウイスキーと日本酒", ["ウイスキー", "日本酒"]),  # "and" inside a run of kana and kanji
        ("牛肉和羊肉", ["牛肉", "羊肉"]),
        ("아보카도랑 블루베리", ["아보카도", "블루베리"]),  # "and" at the end of a Korean word
        ("とうもろこし", ["とうもろこし"]),  # と that starts a word is no "and"
        ("医疗器械类的展商都有哪些", ["医疗器械"]),  # 类: "of the kind"
        ("солнечные панели от 500 Вт", ["солнечные панели"]),
        ("燕窝或者红参", ["燕窝", "红参"]),  # "or" between two products
        ("ワインまたはビール", ["ワイン", "ビール"]),
        ("コーヒー豆か紅茶", ["コーヒー豆", "紅茶"]),
        # Neither a term as written: a product's word, and one with its particle.
        ("生ハムとチーズを仕入れたい", ["生ハム", "チーズ"]),
    ],
)
def test_product_phrases_of_lists_and_sizes(text: str, phrases: list[str]) -> None:
    assert TAXONOMY.product_phrases(text) == phrases


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("日本酒", []),  # sake
        ("ウイスキーと日本酒", []),
        ("韩国化妆品和日本清酒", ["KR", "JP"]),  # sake from Japan
        ("Turkish delight", []),
        ("Turkish carpets", ["TR"]),
    ],
)
def test_a_countrys_name_that_starts_a_products_is_the_products(text: str, codes) -> None:
    assert TAXONOMY.countries_in_text(text) == codes


def test_a_citys_name_is_a_whole_word_inside_a_phrase() -> None:
    """Иу (Yiwu) is no part of "премиум"; 市 may follow a Chinese city's name."""
    assert TAXONOMY.city_id("премиум") is None
    assert TAXONOMY.city_id("苏州市") == "suzhou"
    assert TAXONOMY.city_id("events in Hangzhou") == "hangzhou"


def test_traditional_characters_are_read_as_simplified() -> None:
    assert TAXONOMY.product_categories("汽車大燈") == TAXONOMY.product_categories("汽车大灯")
    assert "auto_parts" in TAXONOMY.product_categories("霧燈")


def test_a_growers_roses_are_no_rose_wine() -> None:
    """ "Rosas" (Spanish roses) and "rosado" (rosé) share a Spanish stem."""
    assert TAXONOMY.product_categories("Rosas frescas de corte") == {"flowers"}
    assert TAXONOMY.product_categories("vino rosado") == {"wine"}


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("des appareils pour les personnes qui entendent mal", {"hearing_aids"}),
        ("un appareil qui nettoie le sol tout seul", {"vacuum_cleaners"}),
        ("ご飯を炊く家電", {"rice_cookers"}),
        ("Maschinen, die Blech biegen", {"machine_tools"}),
        ("能帮老人走路的机器", {"mobility_aids"}),
        ("appareil pour mesurer le sucre dans le sang", {"diabetes_care"}),
        ("ein Gerät, um zu Hause den Blutdruck zu messen", {"blood_pressure_monitors"}),
        ("de quoi équiper la cuisine d'un hôtel", {"commercial_kitchen_equipment"}),
        # A mall's floors are cleaned by machines as well as vacuums.
        (
            "etwas, um Böden in Einkaufszentren zu reinigen",
            {"vacuum_cleaners", "cleaning_machines"},
        ),
        ("je cherche du vin", set()),
        ("Reis aus Thailand", set()),  # rice, not what cooks it
        ("sugar", set()),
    ],
)
def test_products_described_by_what_they_do(text: str, categories: set[str]) -> None:
    assert TAXONOMY.described_by_function(text) == categories


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("anyone selling stuff for dentists?", {"dental"}),
        ("Estoy montando un consultorio odontológico", {"dental"}),
        ("fabricants d'implants dentaires", set()),
    ],
)  # fmt: skip
def test_products_described_by_who_uses_them(text: str, categories: set[str]) -> None:
    assert TAXONOMY.described_by_users(text) == categories
    assert not TAXONOMY.described_by_function(text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Gewaechshaeuser", "greenhouses"),  # German without its umlauts
        ("Kaese", "cheese"),
        ("boeuf", "beef"),  # French ligatures typed out
        ("oeufs", "eggs"),
    ],
)
def test_a_word_as_keyboards_type_it(text: str, category: str) -> None:
    assert category in TAXONOMY.match_product(text).categories


@pytest.mark.parametrize(
    ("phrase", "within"),
    [
        ("notamment de crèmes solaires", "crèmes solaires"),
        ("Bettwäsche herstellen", "Bettwäsche"),
        ("Olivenöl hauptsächlich", "Olivenöl"),
        ("surtout du miel", "miel"),
        ("olive oil", None),  # the whole names it
        ("de la", None),
        ("pour le ce", None),  # link words and short words name nothing alone
    ],
)
def test_the_product_inside_a_phrase_that_names_none(phrase: str, within: str | None) -> None:
    assert TAXONOMY.product_within(phrase) == within


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("camembert au lait cru", "camembert"),
        ("Malbec Reserva de altura", "Malbec"),
        ("Riesling feinherb vom Steilhang", "Riesling"),
        ("olive oil", None),  # a category, no kind
        # The category's own term, with what it is for: no kind of it.
        ("bornes de recharge pour chars électriques", None),
        ("juguetes de peluche", "peluche"),  # a kind as long as the category's word
    ],
)
def test_the_kind_a_longer_phrase_names(phrase: str, kind: str | None) -> None:
    assert TAXONOMY.kind_within(phrase) == kind


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        # A word that marks the product before it names no head of its own, and its other
        # forms mark too.
        ("gamberi surgelati", {"shrimp", "frozen_food"}),
        ("verdure surgelate", {"vegetables", "frozen_food"}),
        ("tiefgekühlte Garnelen", {"shrimp", "frozen_food"}),
        ("surgelati", {"frozen_food"}),  # alone, it is frozen food
    ],
)
def test_a_mark_after_a_product_marks_it(label: str, expected: set[str]) -> None:
    assert expected <= TAXONOMY.product_categories(label)
    assert "ice_cream" not in TAXONOMY.product_categories(label)  # not "sur-gelati"


@pytest.mark.parametrize(
    ("label", "categories"),
    [
        # A label that opens with its product and only says which after it.
        ("Gouda Holland PGI 48+ belegen", {"cheese"}),
        ("Mozzarella Italia DOP", {"cheese"}),
        ("Oyster Perpetual", set()),  # a watch's name
        # Several words, then how the goods are cut and kept.
        ("Fresh Atlantic salmon whole gutted 4-5 kg", {"salmon"}),
        ("Vannamei shrimp headless shell-on IQF", {"shrimp", "frozen_food"}),
        # A kind, then where it is from; not a category's word and an everyday word.
        ("Pinotage WO Stellenbosch 2020", {"red_wine"}),
        ("Fresh blueberries Biloxi", {"berries_cherries"}),
        ("Champagne Flute", set()),
        # Not where the first word is a modifier or what follows names another thing.
        ("Solar water pumping systems", set()),
        ("Apple iPhone cases", set()),
        # Read past what parentheses and hyphened words say of the product.
        ("Invisible-in-canal (IIC) hearing aids", {"hearing_aids"}),
        ("Behind-the-ear hearing aids", {"hearing_aids"}),
    ],
)
def test_a_label_opening_with_its_product(label: str, categories: set[str]) -> None:
    found = TAXONOMY.product_categories(label, typos=False)
    assert (found & categories if categories else found) == categories, found


def test_an_everyday_word_in_a_label_is_no_slip_of_a_product() -> None:
    """ "hearing" is no slip of "herring"; "Honnig" is of "Honig"."""
    assert not TAXONOMY.product_categories("Pediatric hearing solutions")
    assert "honey" in TAXONOMY.product_categories("Manuka Honnig")


def test_words_only_labels_use_are_known_apart() -> None:
    assert "miele" in TAXONOMY.label_only_words  # Italian honey
    assert "honig" not in TAXONOMY.label_only_words and "wine" not in TAXONOMY.label_only_words


def test_a_term_with_digits_of_its_own_is_no_size() -> None:
    assert TAXONOMY.match_product("impresoras 3d").categories == {"additive_manufacturing"}
    assert TAXONOMY.match_product("Icewine 375 ml").categories == {"ice_wine"}


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("进口牛羊肉", ["牛肉", "羊肉"]),
        ("鸡鸭肉", ["鸡肉", "鸭肉"]),
        ("刹车片", ["刹车片"]),  # brake pads: 刹片 and 车片 are no products
        ("牛肉", ["牛肉"]),
    ],
)
def test_products_named_by_their_first_characters_before_a_shared_one(
    text: str, phrases: list[str]
) -> None:
    assert TAXONOMY.product_phrases(text) == phrases
