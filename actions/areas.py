"""The six CIIE exhibition areas: names in every locale, and recognising them in text."""

from __future__ import annotations

from functools import cache

from core.cues import typed_without_umlauts
from core.i18n import N_, translator
from core.settings import LOCALES
from core.taxonomy import AREAS, fold

AREA_NAMES = {
    "food": N_("Food & Agricultural Products"),
    "auto": N_("Automobile"),
    "equipment": N_("Technical Equipment"),
    "consumer": N_("Consumer Goods"),
    "medical": N_("Medical Equipment & Healthcare Products"),
    "services": N_("Trade in Services"),
}
# Short words people use for an area, besides its full name.
_AREA_WORDS = {
    "food": (
        "food",
        "agri",
        "食品",
        "农产品",
        "食品",
        "식품",
        "lebensmittel",
        "nahrungsmittel",
        "aliments",
        "alimentaire",
        "agroalimentaire",
        "agro-alimentaire",
        "agri-food",
        "agrifood",
        "alimentos",
        "agroalimentario",
        "agroalimentaria",
        "продукты",
        # the plural and the phrases the food trade uses for its goods
        "alimentaires",
        "produits alimentaires",
        "denrées alimentaires",
        "foodstuffs",
        "food products",
        "productos alimenticios",
        "продукты питания",
        "пищевые продукты",
    ),
    "auto": (
        "auto",
        "car",
        "汽车",
        "自動車",
        "자동차",
        "automobil",
        "automobile",
        "automóvil",
        "автомобил",
    ),
    "equipment": (
        "technical equipment",
        "技术装备",
        "技術装備",
        "기술장비",
        "technische ausrüstung",
        "équipements techniques",
        "equipos técnicos",
        "техническое оборудование",
        "machinery",
    ),
    "consumer": (
        "consumer",
        "消费品",
        "消費財",
        "소비재",
        "konsumgüter",
        "consommation",
        "consumo",
        "потребительск",
        "тнп",
    ),
    "medical": (
        "medical",
        "healthcare",
        "医疗",
        "医療",
        "의료",
        "medizin",
        "médic",
        "médico",
        "медицин",
    ),
    "services": (
        "services",
        "服务贸易",
        "サービス貿易",
        "서비스",
        "dienstleistung",
        "service",
        "servicios",
        "услуг",
    ),
}


def area_name(area: str, locale: str) -> str:
    return translator(locale).gettext(AREA_NAMES[area]) if area in AREA_NAMES else area


def area_named(text: str) -> str | None:
    """The area a phrase is the very name or word of ("Lebensmittel", "食品"), or a word
    of an area's stem with a short ending ("médical", "medizinisch"), if any."""
    needle = fold(text)
    if area := _areas_by_word().get(needle):
        return area
    if " " in needle:
        return None
    stems = [
        (len(word), area)
        for word, area in _area_words()
        if len(word) >= _STEM_MIN
        and needle.startswith(word)
        and 0 < len(needle) - len(word) <= _ENDING_MAX
    ]
    return max(stems)[1] if stems else None


_STEM_MIN = 5  # "car" of "cargo" is no stem
_ENDING_MAX = 4  # "médic-al", "medizin-isch", "медицин-ский"


def area_id(text: str) -> str | None:
    needle = fold(text)
    if area := _areas_by_name().get(needle):
        return area
    # The most specific (longest) word wins: "medical equipment" is medical, not equipment.
    matches = [(len(word), area) for word, area in _area_words() if word in needle]
    return max(matches)[1] if matches else None


@cache
def _areas_by_name() -> dict[str, str]:
    """Each area's code and names in every locale, folded, to the area."""
    names = {area: area for area in AREAS}
    for area in AREAS:
        names.update({fold(area_name(area, locale)): area for locale in LOCALES})
    return names


@cache
def _areas_by_word() -> dict[str, str]:
    """Each area's code, names and words, folded, to the area."""
    return {**dict(_area_words()), **_areas_by_name()}


@cache
def _area_words() -> tuple[tuple[str, str], ...]:
    """Each area's words, folded, with the area, and as German is typed without umlauts
    ("Konsumgueter")."""
    return tuple(
        dict.fromkeys(
            (form, area)
            for area, words in _AREA_WORDS.items()
            for word in words
            for form in (fold(word), typed_without_umlauts(fold(word)))
        )
    )
