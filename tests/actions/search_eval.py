"""A held-out catalog and buyers' requests for measuring product search (P@5, R@5).

The catalog is in exhibitors' own wording (brand-like, specific, in their languages); the
requests are as buyers type them in the eight languages, with the entities the NLU tags
(sometimes none). The expected sets are what a buyer asking would want listed. None of
this was used to write the matching rules: change it only to add cases, never to fit.
"""

from __future__ import annotations

HEADER = "id,name_en,name_zh,country,area,hall,booth,products,description_en,description_zh,languages,website,email\n"
CATALOG = HEADER + "".join(
    f"{row}\n"
    for row in (
        "V01,Okanagan Icewine Co,,CA,food,8.2,8.2B-01,Icewine Vidal 375 ml;Icewine Riesling,,,en,,",
        "V02,Weingut Rheinhessen,,DE,food,8.2,8.2B-02,Eiswein;Spätburgunder;Winzersekt,Familienweingut seit 1820,,de,,",
        "V03,Château Lacoste,,FR,food,8.2,8.2B-03,Bordeaux supérieur;Crémant de Loire,,,fr,,",
        "V04,Bodegas Ribera,,ES,food,8.2,8.2B-04,Vino tinto crianza;Vino rosado,,,es,,",
        "V05,Speyside Distillers,,GB,food,8.2,8.2B-05,Single malt whisky 12 years;Small-batch gin,,,en,,",
        "V06,Hokkaido Dairy,北海道乳业,JP,food,8.2,8.2B-06,牛乳;チーズ;ヨーグルト,,来自北海道的乳制品,ja,,",
        "V07,Normandie Fromages,,FR,food,8.2,8.2B-07,Camembert de Normandie;Beurre AOP,,,fr,,",
        "V08,Kiwi Infant Nutrition,,NZ,food,8.2,8.2B-08,Goat milk infant formula;Toddler milk drinks,,,en,,",
        "V09,Chanthaburi Tropical,,TH,food,8.2,8.2B-09,冻干榴莲;Durian paste;Frozen mangosteen,,,th;zh,,",
        "V10,Cusco Superfoods,,PE,food,8.2,8.2B-10,Quinoa orgánica;Harina de maca,,,es,,",
        "V11,Sibirski Med,,RU,food,8.2,8.2B-11,Мёд липовый;Кедровые орехи,,,ru,,",
        "V12,Huon Aquaculture,,AU,food,8.2,8.2B-12,Atlantic salmon;Ocean trout,,,en,,",
        "V13,Patagonia Mariscos,,CL,food,8.2,8.2B-13,Centolla congelada;Mejillones,,,es,,",
        "V14,Lavazza-like Torrefazione,,IT,food,8.2,8.2B-14,Caffè in grani;Espresso capsules,,,it,,",
        "V15,Kagoshima Sweet Potato,,JP,food,8.2,8.2B-15,Sweet potato chips;さつまいも,,,ja,,",
        "K01,Bremen Kaffeemaschinen,,DE,consumer,2.1,2.1B-01,Kaffeevollautomaten;Siebträgermaschinen,,,de,,",
        "K02,Torino Espresso Machines,,IT,consumer,2.1,2.1B-02,Espresso machines;Coffee grinders,,,it;en,,",
        "K03,Dyson-like Airflow,,GB,consumer,2.1,2.1B-03,Hair dryers;Cordless vacuum cleaners,,,en,,",
        "K04,Séoul Beauté,,KR,consumer,2.1,2.1B-04,헤어드라이어;고데기,,,ko,,",
        "K05,Grasse Parfums,,FR,consumer,2.1,2.1B-05,Eaux de parfum;Bougies parfumées,,,fr,,",
        "K06,Tokyo Skin Lab,,JP,consumer,2.1,2.1B-06,化粧水;美容液;日焼け止め,,,ja,,",
        "K07,Bohemia Crystal,,CZ,consumer,2.1,2.1B-07,Crystal wine glasses;Chandeliers,,,en,,",
        "K08,Alpine Ski Works,,AT,consumer,2.1,2.1B-08,Skischuhe;Tourenski,,,de,,",
        "E01,Hanover Harvest,,DE,equipment,4.1,4.1B-01,Mähdrescher;Traktoren,,,de,,",
        "E02,Emilia Macchine Agricole,,IT,equipment,4.1,4.1B-02,Compact tractors;Balers,,,it;en,,",
        "E03,Nagoya Robotics,,JP,equipment,4.1,4.1B-03,協働ロボット;溶接ロボット,,,ja,,",
        "E04,Danish Cobots,,DK,equipment,4.1,4.1B-04,Collaborative robot arms;Robot grippers,,,en,,",
        "E05,Stuttgart Werkzeugmaschinen,,DE,equipment,4.1,4.1B-05,CNC-Drehmaschinen;Bearbeitungszentren,,,de,,",
        "E06,Eindhoven Lithography,,NL,equipment,4.1,4.1B-06,Wafer steppers;Metrology systems for chips,,,en,,",
        "A01,Ingolstadt Brakes,,DE,auto,5.1,5.1B-01,Bremsscheiben;ESP-Steuergeräte,,,de,,",
        "A02,Michelin-like Pneus,,FR,auto,5.1,5.1B-02,Pneus hiver;Pneus poids lourd,,,fr,,",
        "A03,Nordic EV Charging,,SE,auto,5.1,5.1B-03,EV chargers;Wallboxes,,,en,,",
        "M01,Uppsala MRI,,SE,medical,6.1,6.1B-01,1.5T MRI systems;MRI coils,,,en,,",
        "M02,Kyoto Sonics,,JP,medical,6.1,6.1B-02,超音波診断装置;Handheld ultrasound,,,ja;en,,",
        "M03,Copenhagen Hearing,,DK,medical,6.1,6.1B-03,Rechargeable hearing aids;Tinnitus maskers,,,en,,",
        "M04,Lyon Audition,,FR,medical,6.1,6.1B-04,Aides auditives intra-auriculaires,,,fr,,",
        "M05,Zürich Dental,,CH,medical,6.1,6.1B-05,Zahnimplantate;Intraoralscanner,,,de,,",
        "M06,Seoul Implant,,KR,medical,6.1,6.1B-06,치과 임플란트;Bone graft materials,,,ko,,",
        "M07,Tuttlingen Ortho,,DE,medical,6.1,6.1B-07,Hüftendoprothesen;Knieimplantate,,,de,,",
        "M08,Boston Diagnostics,,US,medical,6.1,6.1B-08,Rapid antigen test kits;PCR analyzers,,,en,,",
        "M09,Osaka Care,,JP,medical,6.1,6.1B-09,車椅子;介護ベッド,,,ja,,",
        "M10,Basel Biologics,,CH,medical,6.1,6.1B-10,Oncology biosimilars;Insulin pens,,,en,,",
        "M11,Melbourne Probiotics,,AU,medical,6.1,6.1B-11,Probiotic capsules;Fish oil softgels,,,en,,",
        "M12,Moscow Medtech,,RU,medical,6.1,6.1B-12,Мониторы пациента;Аппараты ИВЛ,,,ru,,",
    )
)
MEDICAL_DEVICE_MAKERS = {"M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08", "M12"}

# (locale, message, NLU entities, expected exhibitors)
REQUESTS: list[tuple[str, str, dict[str, str], set[str]]] = [
    ("en", "who makes icewine", {"product": "icewine"}, {"V01", "V02"}),
    ("en", "coffee machines", {"product": "coffee machines"}, {"K01", "K02"}),
    ("en", "any hearing aid companies?", {"product": "hearing aid"}, {"M03", "M04"}),
    ("en", "I need tractors from Germany", {"product": "tractors", "country": "Germany"}, {"E01"}),
    ("zh", "找冰酒", {"product": "冰酒"}, {"V01", "V02"}),
    ("zh", "有没有卖榴莲的", {}, {"V09"}),
    ("zh", "医疗器械展商", {"product": "医疗器械"}, MEDICAL_DEVICE_MAKERS),
    ("zh", "助听器企业", {"product": "助听器"}, {"M03", "M04"}),
    ("ja", "チーズの出展者", {"product": "チーズ"}, {"V06", "V07"}),
    ("ja", "ロボットを探しています", {"product": "ロボット"}, {"E03", "E04"}),
    ("ja", "補聴器", {"product": "補聴器"}, {"M03", "M04"}),
    ("ja", "化粧品メーカー", {"product": "化粧品"}, {"K05", "K06"}),
    ("ko", "헤어드라이어 파는 곳", {"product": "헤어드라이어"}, {"K03", "K04"}),
    ("ko", "임플란트 업체", {"product": "임플란트"}, {"M05", "M06", "M07"}),
    ("ko", "와인 수입하고 싶어요", {"product": "와인"}, {"V01", "V02", "V03", "V04"}),
    ("ko", "의료기기", {"product": "의료기기"}, MEDICAL_DEVICE_MAKERS),
    ("de", "Wer verkauft Eiswein?", {"product": "Eiswein"}, {"V01", "V02"}),
    ("de", "Hörgeräte Hersteller", {"product": "Hörgeräte"}, {"M03", "M04"}),
    ("de", "Aussteller für Käse", {"product": "Käse"}, {"V06", "V07"}),
    (
        "de",
        "Landmaschinen aus Italien",
        {"product": "Landmaschinen", "country": "Italien"},
        {"E02"},
    ),
    ("fr", "exposants de vin rouge", {"product": "vin rouge"}, {"V03", "V04"}),
    ("fr", "je cherche des machines à café", {"product": "machines à café"}, {"K01", "K02"}),
    ("fr", "fromage", {"product": "fromage"}, {"V06", "V07"}),
    ("fr", "implants dentaires", {"product": "implants dentaires"}, {"M05", "M06"}),
    ("es", "¿Quién vende miel?", {"product": "miel"}, {"V11"}),
    (
        "es",
        "expositores de mariscos de Chile",
        {"product": "mariscos", "country": "Chile"},
        {"V13"},
    ),
    ("es", "secadores de pelo", {}, {"K03", "K04"}),
    ("es", "quinoa orgánica", {"product": "quinoa"}, {"V10"}),
    ("ru", "кто продаёт мёд", {"product": "мёд"}, {"V11"}),
    ("ru", "слуховые аппараты", {"product": "слуховые аппараты"}, {"M03", "M04"}),
    ("ru", "зимние шины", {"product": "зимние шины"}, {"A02"}),
    (
        "ru",
        "медицинское оборудование",
        {"product": "медицинское оборудование"},
        MEDICAL_DEVICE_MAKERS,
    ),
    ("en", "gin distilleries", {"product": "gin"}, {"V05"}),
    ("en", "ESP control units", {"product": "ESP control units"}, {"A01"}),
]
