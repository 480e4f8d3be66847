"""search_exhibitors: find exhibitors by product, country, hall or area, page by page."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from functools import lru_cache
from html import escape
from itertools import pairwise
from typing import Any

from babel import Locale

from actions import exhibitor_info
from actions.areas import AREA_NAMES, area_id, area_name, area_named
from actions.base import (
    Button,
    Context,
    Entity,
    InvalidCallback,
    NluResult,
    Reply,
    rows,
)
from core import catalog, cues, names, when
from core.attributes import AttributeMention
from core.catalog import NOT_FROM, SearchQuery
from core.countries import TAXONOMY_DIR, CountryMention, inside_a_katakana_word, region_members
from core.dialogue import EXHIBITORS, ResultList
from core.fulltext import compact_phrase, is_cyrillic, russian_known
from core.language_names import SpokenLanguage, spoken_language
from core.lexicon import open_lexicon
from core.models import Exhibitor
from core.settings import LOCALES
from core.taxonomy import AREAS, country_name, fold

# A hall's number: "8.1", not a part of "30.000" or "2.50".
_HALL = re.compile(r"(?<![\d.,])\d{1,2}\.\d(?![\d.,]?\d)")
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Chinese and Japanese write no spaces between words; Korean does ("자동차 부품").
_UNSPACED = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff]")
VERB = "sr"
_HEAD_FIRST = frozenset({"fr", "es", "ru"})  # "café moulu", "мёд алтайский": noun first


def build_query(ctx: Context, nlu: NluResult, *, guess_products: bool = True) -> SearchQuery:
    """The search a message asks for. Without `guess_products` only the products the model
    tagged count (a refinement: "only the French ones" names no product, it keeps the last)."""
    tax = ctx.taxonomy
    asked = _asking_sentences(ctx, nlu.text)
    nlu = _without_packs(ctx, _with_only_products_asked(asked, _halls_as_numbers(ctx, nlu)))
    nlu = _without_examples(nlu, examples_in_brackets(ctx, nlu.text))
    spoken = _spoken_language(ctx, nlu.text)
    # "French cheese": an adjective may come back as a language entity; "French fries" is
    # a product.
    all_mentions = [
        m for m in _mentions_outside_companies(ctx, nlu) if not _in_spans(m, spoken.spans)
    ]
    mentioned_anywhere = list(all_mentions)
    # "не из Чили": each refused country with the words refusing it.
    refusals = {m: r for m in all_mentions if (r := _refusal(ctx, nlu.text, m.start, m.end))}
    refusals |= _refused_in_the_same_list(nlu.text, all_mentions, refusals)
    # "shipping goods into China": where the goods go says nothing of where they come from.
    going = [m for m in all_mentions if _going_to(ctx, nlu.text, m.start, m.end)]
    # "un interprète français-chinois": the languages of a pair, no origin.
    going += [m for m in all_mentions if _in_a_pair(nlu.text, m, all_mentions)]
    # "reefer shipping from Europe to China": a service's route, no origin of its own.
    going += [m for m in all_mentions if m not in going and _a_route_from(ctx, nlu, m, going)]
    # "pour nos huitante restaurants en Suisse romande": where the goods will be used.
    going += [m for m in all_mentions if m not in going and _where_used(ctx, nlu.text, m.start)]
    all_mentions = [m for m in all_mentions if m not in going]
    country_words = [
        e.value
        for e in nlu.entities
        if e.type in {"country", "language"}
        and not _in_product_name(ctx, nlu.text, e.start, e.end)
        and not inside_a_katakana_word(nlu.text, e.start, e.end)  # "ブラックタイガー"
        and not _refused(ctx, nlu.text, e.start, e.end)
        and not _in_spans(e, [(m.start, m.end) for m in refusals])
        and not _going_to(ctx, nlu.text, e.start, e.end)
        and not _in_spans(e, [(m.start, m.end) for m in going])
        and not (tax.is_term(e.value) and tax.country_code(e.value) is None)  # "日本酒"
        and not _in_spans(e, spoken.spans)  # "qui parlent français": staff, not origin
        and not _within_a_longer_place(e, mentioned_anywhere)  # "South American"
    ]
    country = next((code for raw in country_words if (code := tax.country_code(raw))), None)
    products: list[str] = []
    for raw in _products_outside_countries(ctx, nlu):  # "café de Colombia"
        named = tax.countries_in_text(raw)
        # "중국에 수출할 와인": the country the goods go to is no origin, in a product too.
        origins = [code for code in named if code not in {m.code for m in going}]
        country = country or (origins[0] if origins else None)
        if named:
            raw = tax.without_countries(raw)
        products.append(raw)
    outside = [m for m in all_mentions if m not in refusals]
    mentioned = _named_countries(ctx, nlu, outside)
    country = country or (mentioned[0][0] if mentioned else None)
    either = _alternative_countries(ctx, nlu, outside)
    if country in either:
        country = "+".join(either)  # "de Alemania o Italia"
    elif origin := _country_of_origin(ctx, nlu, outside):
        country = origin  # "autopartes de Asia … para importar a México"
    if country and (region := _region_around(country, outside)):
        country = region  # "非洲产区的咖啡生豆，埃塞、肯尼亚这些": Africa, Kenya an example
    if country is None and refusals:
        # "лосось атлантический, не из Чили": from anywhere but there.
        country = NOT_FROM + "+".join(dict.fromkeys(m.code for m in refusals))
    hall = next(
        (
            m.group()
            for e in nlu.entities
            if e.type == "hall"
            and (m := _HALL.search(e.value))
            and not _inside_a_code(nlu.text, e.start)
        ),
        None,
    )
    hall = hall or hall_named(ctx, nlu.text)
    area = next(
        (
            a
            for e in nlu.entities
            if e.type == "area"
            and (a := _area_of(ctx, e.value))
            and not _in_product_name(ctx, nlu.text, e.start, e.end)
            # "Verpackungsmaschinen für Lebensmittel", "shipping for fresh food": what the
            # goods named are for.
            and not (e.start > 0 and _said_for(ctx, nlu.text, e.start))
        ),
        None,
    )
    attributes = _attributes_named(ctx, nlu)
    query = SearchQuery(
        country=country, area=area, hall=hall, attributes=attributes, speaks=spoken.code or None
    )
    tagged = _without_generic_words(
        ctx,
        [
            p
            for raw in products
            for p in tax.product_phrases(raw, _attribute_words(ctx, raw) + list(spoken.words))
        ],
    )
    # The model may miss the product, tag only part of it ("wine" in "who sells ice wine")
    # or tag it as something else ("Landmaschinen" as a company): the message without its
    # framing words and the other things it names holds the whole phrase.
    said_countries = [_with_made_in(nlu.text, w) for _, w in mentioned]
    said_countries += list(refusals.values()) + list(spoken.words)
    said_countries += [nlu.text[m.start : m.end] for m in going]  # no product either
    said = _message_phrases(ctx, nlu, said_countries, asked) if guess_products else []
    phrases = _completed(ctx, query, tagged, said, nlu.text) if tagged else said
    phrases = _without_what_they_are_for(ctx, nlu.text, phrases)
    kept = _without_refused(ctx, nlu.text, phrases)
    kept = _listed_with_the_refused(ctx, nlu.text, phrases, kept)
    query = replace(query, refused=_categories_refused(ctx, nlu.text, phrases, kept))
    phrases = [p for p in kept if p]
    if not phrases and tagged:
        # The model tagged only the goods refused ("des vins effervescents, mais pas de
        # champagne"): the other goods the message names are what it asks for.
        others = _without_refused(ctx, nlu.text, said)
        others = _listed_with_the_refused(ctx, nlu.text, said, others)
        phrases = [p for p in others if p]
    phrases = _with_words_a_coordination_leaves_unsaid(ctx, nlu.text, phrases)
    phrases = _without_the_kinds_category(ctx, nlu.text, phrases)
    phrases, query = _areas_named(ctx, phrases, said or phrases, query, nlu.text)
    phrases = _without_the_areas_words(ctx, phrases, query)
    if described := tax.described_by_function(nlu.text):
        # "un appareil qui nettoie le sol tout seul", "ご飯を炊く家電": what it does names the
        # product, whatever its words name alone ("sol", "家電").
        return replace(query, categories=tuple(sorted(described)))
    head_first = ctx.t.locale in _HEAD_FIRST
    if (for_whom := tax.described_by_users(nlu.text)) and not any(
        tax.match_product(p, head_first=head_first).categories
        for p in phrases
        if not tax.described_by_users(p)  # the phrase that says who: "consultorio odontológico"
    ):
        # "anyone selling stuff for dentists?", "un consultorio odontológico": who uses the
        # goods, where nothing else names them ("fabricants d'implants dentaires" for
        # dental practices are implants).
        return replace(query, categories=tuple(sorted(for_whom)))
    if not phrases:
        return query
    return _with_products(ctx, query, phrases)


def _with_words_a_coordination_leaves_unsaid(
    ctx: Context, text: str, phrases: list[str]
) -> list[str]:
    """Phrases whose words a coordination leaves unsaid, in a language that puts the noun
    first: the complement of "plaquettes et disques de frein" is the pads' too (brake
    pads), and "savons naturels ou artisanaux" asks for soaps either way."""
    if ctx.t.locale not in _COMPLEMENT_LAST:
        return phrases
    folded, tax = fold(text), ctx.taxonomy
    found = list(phrases)
    for at, phrase in enumerate(phrases):
        words = phrase.split()
        link = next((k for k, w in enumerate(words) if k and w in _COMPLEMENT_LINKS), None)
        if link is not None:
            before = re.search(
                rf"([^\W\d_]+)\s+(?:{_JOINS})\s+(?:\w+\s+)?{re.escape(phrase)}", folded
            )
            shared = f"{before[1]} {' '.join(words[link:])}" if before else ""
            if shared and shared not in found and _names_goods_sold(ctx, shared):
                found.append(shared)
        elif len(words) == 2:
            after = re.search(rf"{re.escape(phrase)}\s+(?:ou|o)\s+([^\W\d_]+)", folded)
            either = after is not None and not tax.match_product(after[1]).categories
            if either and tax.match_product(words[0], head_first=True).categories:
                found[at] = words[0]
    return found


def _names_goods_sold(ctx: Context, phrase: str) -> bool:
    """Whether a phrase is a product of the taxonomy's, or in the exhibitors' own words."""
    return bool(ctx.taxonomy.match_product(phrase, head_first=True).whole) or catalog.finds_any(
        ctx.session, SearchQuery(keywords=(phrase,)), taxonomy=ctx.taxonomy
    )


# Languages whose product phrases end with a complement after a link word ("disques de
# frein"); a Russian "для" says what goods are for instead.
_COMPLEMENT_LAST = frozenset({"fr", "es"})
_COMPLEMENT_LINKS = frozenset({"de", "d", "du", "des", "à", "a", "para", "pour"})
_JOINS = "et|ou|y|o|e|ni"


_NOT_SPOKEN = SpokenLanguage("")


def examples_in_brackets(ctx: Context, text: str) -> list[tuple[int, int]]:
    """The spans of lists of examples of the goods before them: in brackets ("Hartkäse aus
    der Schweiz (Emmentaler, Comté o. ä.)", "poivre (Penja, Kampot, etc.)"), or after a dash
    or a colon and ending with words that say they are examples ("Schaumwein für Silvester
    – Champagner, Sekt, Prosecco oder Ähnliches"); not "huiles végétales : tournesol ou
    colza", which asks for those two."""
    listed = [(m, m.group(1)) for m in _BRACKETED.finditer(text)]
    listed += [
        (m, m.group(1))
        for m in _AFTER_A_DASH.finditer(text)
        if cues.has(m.group(1), "examples_end", ctx.t.locale)
    ]
    return [
        (found.start(), found.end())
        for found, items in listed
        if _LISTED.search(items) and _ends_with_goods(ctx, text[: found.start()])
    ]


_BRACKETED = re.compile(r"\(([^()]*)\)")
_AFTER_A_DASH = re.compile(r"(?:\s[–—-]|:)\s+([^–—:()?!.]+\.?)")
_LISTED = re.compile(r"[,;/]|\s(?:und|oder|and|or|et|ou|y|o|e|и|или|usw|etc)\b", re.IGNORECASE)


def _ends_with_goods(ctx: Context, text: str) -> bool:
    """Whether the clause a text ends with names goods the taxonomy knows."""
    clause = ctx.taxonomy.without_countries(names.CLAUSE_BREAK.split(text)[-1])
    phrases = ctx.taxonomy.product_phrases(clause)
    return bool(phrases) and bool(ctx.taxonomy.match_product(phrases[-1]).categories)


def _without_examples(nlu: NluResult, spans: list[tuple[int, int]]) -> NluResult:
    """The message with these spans blanked out (the offsets stay) and nothing tagged in
    them: the goods before examples are what is looked for, whichever kind."""
    if not spans:
        return nlu
    text = nlu.text
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    kept = tuple(e for e in nlu.entities if not any(s <= e.start < t for s, t in spans))
    return replace(nlu, text=text, entities=kept)


def _spoken_language(ctx: Context, text: str) -> SpokenLanguage:
    return spoken_language(ctx.settings.data_dir, ctx.t.locale, text) or _NOT_SPOKEN


def _with_made_in(text: str, country: str) -> str:
    """A country's name with the "made in" written onto it ("アフリカ産の", "德国产的"), which
    belongs to no product."""
    at = text.find(country)
    if at < 0:
        return country
    after = text[at + len(country) :]
    suffix = next((s for s in _MADE_IN if after.startswith(s)), "")
    return country + suffix


_MADE_IN = ("産の", "製の", "产的", "製", "産", "产")


def _in_spans(found: Entity | CountryMention, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < found.end and found.start < end for start, end in spans)


def _attributes_named(ctx: Context, nlu: NluResult) -> tuple[str, ...]:
    """What the message asks of the products ("bio", "halal"), outside company names."""
    companies = [(e.start, e.end) for e in nlu.entities if e.type == "company"]
    return tuple(
        dict.fromkeys(
            m.id
            for m in _attribute_mentions(ctx, nlu.text)
            if not any(start < m.end and m.start < end for start, end in companies)
            and not _one_of_alternatives(nlu.text, m.start, m.end)
            and not _in_what_they_are_for(ctx, nlu.text, m.start)
            and not _optional(ctx, nlu.text, m.start, m.end)
        )
    )


def _where_used(ctx: Context, text: str, start: int) -> bool:
    """Whether a place is said as where the goods will be used: after "in" in the clause
    that says what they are for ("für unsere Filialen in Österreich")."""
    if not said_before(ctx, text, start, "located_in"):
        return False
    opening, _ = _clause_around(text, start, start)
    return cues.has(text[opening:start], "purpose", ctx.t.locale)


def _optional(ctx: Context, text: str, start: int, end: int) -> bool:
    """Whether the clause of a property says it is welcome, not a must: "Olivenöl, gerne
    auch in Bio-Qualität", "pas forcément bio"."""
    opening, closing = _clause_around(text, start, end)
    return cues.has(text[opening:closing], "optional", ctx.t.locale)


def _clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the clause that holds text[start:end], between punctuation marks."""
    opening = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    closing = _CLAUSE_END.search(text, end)
    return opening, closing.start() if closing else len(text)


_CLAUSE_END = re.compile(r"[,;:.!?()，、。！？]")


def _in_what_they_are_for(ctx: Context, text: str, start: int) -> bool:
    """Whether a property is said of what the goods are for, a word or two after a cue:
    "logistique … pour nos produits surgelés" asks for no frozen logistics."""
    before = text[:start].split()
    return any(
        said_before(ctx, cut_short, len(cut_short), "purpose")
        for cut in range(3)
        if len(before) > cut and (cut_short := " ".join(before[: len(before) - cut]))
    )


# "Or" in the languages that write words apart, and right before or after a word: "lebend
# oder TK", "fresh or frozen" offer either.
_OR = ("or", "o", "ou", "oder", "bzw.", "bzw", "beziehungsweise", "или", "либо")
_OR_WORD = "|".join(re.escape(w) for w in _OR)
_OR_BEFORE = re.compile(rf"(?:^|\s)(?:{_OR_WORD})\s+$", re.IGNORECASE)
_OR_AFTER = re.compile(rf"^\s+(?:{_OR_WORD})\s", re.IGNORECASE)


def _one_of_alternatives(text: str, start: int, end: int) -> bool:
    """Whether a property is offered as one of two ("Hummer, lebend oder TK"): then it
    filters nothing."""
    return bool(_OR_BEFORE.search(text[:start]) or _OR_AFTER.match(text[end:]))


def _attribute_words(ctx: Context, text: str) -> list[str]:
    return [text[m.start : m.end] for m in _attribute_mentions(ctx, text)]


def _attribute_mentions(ctx: Context, text: str) -> list[AttributeMention]:
    """The attributes a text names, but inside a word that is as a whole the category of
    what is so by nature: "Tiefkühlkost" and "冷冻食品" are frozen food ("冷凍野菜" are
    frozen vegetables)."""
    found = []
    for mention in ctx.taxonomy.attributes.mentions(text):
        inherent = set(ctx.taxonomy.attributes.inherent(mention.id))
        word = _word_around(text, mention.start, mention.end)
        inside = len(word) > mention.end - mention.start
        if not (inside and inherent & ctx.taxonomy.match_product(word).whole):
            found.append(mention)
    return found


def _word_around(text: str, start: int, end: int) -> str:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


def _products_outside_countries(ctx: Context, nlu: NluResult) -> list[str]:
    """The products the model tagged, but for a piece of the words naming a country (産 in
    "ノルウェー産サーモン" says where the salmon is from) or a property (冷 of 冷凍)."""
    spans = [(m.start, m.end) for m in ctx.taxonomy.country_mentions(nlu.text)]
    spans += [
        (found.start(), found.end())
        for word in _attribute_words(ctx, nlu.text)
        if word
        for found in re.finditer(re.escape(word), nlu.text)
    ]
    return [
        e.value
        for e in nlu.entities
        if e.type == "product"
        and not any(start <= e.start and e.end <= end for start, end in spans)
    ]


def _areas_named(
    ctx: Context, phrases: list[str], said: list[str], query: SearchQuery, text: str
) -> tuple[list[str], SearchQuery]:
    """A phrase that names an exhibition area and no category ("Lebensmittel aus Thailand"),
    or any after a word for an area ("le secteur automobile"), is that area's filter, not a
    product, when the message says no more of it ("tiefgefrorene Lebensmittel" asks for
    more than the area)."""
    head_first = ctx.t.locale in _HEAD_FIRST
    for phrase in phrases:
        area = area_named(phrase)
        if area is None or query.area:
            continue
        # A property or "products" says no more of it: "produits alimentaires bio" is the
        # area, organic.
        longer = (_without_attributes(ctx, other) for other in said)
        if any(fold(phrase) in other and other != fold(phrase) for other in longer):
            continue
        at = text.lower().find(phrase.lower())
        if len(phrases) > 1 and at > 0 and _said_for(ctx, text, at):
            # "refrigerated shipping for fresh food": what the other goods are for.
            return [p for p in phrases if p != phrase], query
        after_an_area_word = _cue_pattern(cues.phrases("area_word", ctx.t.locale)).search(
            _before(ctx, text, phrase)
        )
        if (
            after_an_area_word
            or not ctx.taxonomy.match_product(phrase, head_first=head_first).categories
        ):
            return [p for p in phrases if p != phrase], replace(query, area=area)
    return phrases, query


def _without_attributes(ctx: Context, phrase: str) -> str:
    """A phrase folded, without the words of the properties it names and words like
    "products"."""
    for word in _attribute_words(ctx, phrase):
        phrase = phrase.replace(word, " ")
    return " ".join(w for w in fold(phrase).split() if w not in ctx.taxonomy.generic_heads)


def _before(ctx: Context, text: str, phrase: str) -> str:
    """The text before a phrase of it (folded), without the link words and articles between
    ("le secteur de la")."""
    folded = fold(text)
    at = folded.find(fold(phrase))
    words = (folded[:at] if at >= 0 else "").split()
    small = ctx.taxonomy.link_words | ctx.taxonomy.articles
    while words and words[-1] in small:
        words.pop()
    return " ".join(words)


def _without_the_areas_words(ctx: Context, phrases: list[str], query: SearchQuery) -> list[str]:
    """The phrases but words of the area's own name ("commerce" of "dans l'espace commerce
    des services"), when they name no product."""
    if not query.area:
        return phrases
    name = fold(area_name(query.area, ctx.t.locale)).split()
    return [
        p
        for p in phrases
        if not (set(fold(p).split()) <= set(name) and not ctx.taxonomy.match_product(p).categories)
    ]


def _message_phrases(
    ctx: Context,
    nlu: NluResult,
    country_words: list[str],
    asked: list[tuple[int, int]] | None = None,
) -> list[str]:
    """The product phrases of the whole message, without the other values it names, or of
    the sentences that ask for goods (`asked`, found here when not given). A value the
    model tagged that names nothing ("タイヤ" as a country: it is tyres; "implants" as an
    area) stays."""
    tax = ctx.taxonomy
    names: dict[str, Callable[[str], object]] = {
        "country": tax.country_code,
        "language": tax.country_code,
        "city": tax.city_id,
        "area": lambda value: _area_of(ctx, value),
        "hall": _HALL.search,
        # "escala" tagged as a date in "autitos a escala" is a product's word.
        "date": lambda value: when.parse_day(value, ctx.now, ctx.t.locale),
        "time": when.parse_clock,
        # "무선 이어폰" tagged as a position in a list is a product's words.
        "ordinal": lambda value: (
            any(ch.isdigit() for ch in value) or cues.find(value, "ordinals", ctx.t.locale)
        ),
    }
    others = [
        word
        for e in nlu.entities
        if e.type not in {"product", "company"}
        and (e.type not in names or names[e.type](e.value))
        and not (e.type in {"date", "time"} and an_amount(ctx, nlu.text, e))  # "18 mois"
        and not _in_product_name(ctx, nlu.text, e.start, e.end)
        and not inside_a_katakana_word(nlu.text, e.start, e.end)
        for word in _words_naming(ctx, e)
    ]
    attributes = _attribute_words(ctx, nlu.text)
    excluded = others + country_words + attributes
    text = nlu.text
    if asked is None:
        asked = _asking_sentences(ctx, text)
    if asked:
        # A letter: "wir beliefern Bäckereien und Hotels … suchen wir tiefgekühlte Beeren".
        text = " | ".join(text[start:end] for start, end in asked)
    phrases = tax.product_phrases(text, exclude=excluded)
    return _without_generic_words(ctx, [p for p in phrases if not _loads(ctx, p)])


_LOAD_WORDS = frozenset({"load", "loads", "lots", "ladung", "ladungen"})


def _loads(ctx: Context, phrase: str) -> bool:
    """Whether a phrase says how much in loads of a pack ("container loads"), not what."""
    words = fold(phrase).split()
    return (
        len(words) > 1
        and words[-1] in _LOAD_WORDS
        and all(w in ctx.taxonomy.measure_words for w in words[:-1])
    )


def _without_what_they_are_for(ctx: Context, text: str, phrases: list[str]) -> list[str]:
    """The phrases but those saying what the goods are for ("Kaffeemaschinen für ein
    Café", "crème hydratante pour le visage"), when the others name goods."""
    folded = fold(text)
    purposes = cues.phrases("purpose", ctx.t.locale)
    phrases = [_before_its_purpose(ctx, phrase, purposes) for phrase in phrases]
    uses = {
        phrase
        for phrase in phrases
        if (
            (at := folded.find(fold(phrase))) > 0
            # "para equipar un hotel": the cue may have an article after it.
            and any(
                before.endswith(cue)
                for before in _with_and_without_an_article(folded[:at].rstrip())
                for cue in purposes
            )
        )
        # "fuer unsere roesterei" read with its cue
        or any(fold(phrase).startswith(f"{cue} ") for cue in purposes)
        # "pour | ma cave à Lyon": the cue's last word read with the phrase
        or _a_cue_across(folded, fold(phrase), purposes)
    }
    # "für Hotels und Cafés": what follows a use with "and" is one too.
    uses |= {
        phrase
        for phrase in phrases
        if (at := folded.find(fold(phrase))) > 0
        and _a_use_and(purposes).search(folded[:at].rstrip())
    }
    goods = [p for p in phrases if p not in uses]
    return goods if uses and any(_names_goods(ctx, p) for p in goods) else phrases


def _a_cue_across(folded: str, phrase: str, cues_: frozenset[str]) -> bool:
    """Whether a cue of two words or more starts before a phrase and ends inside it."""
    at = folded.find(phrase)
    if at <= 0:
        return False
    before = folded[:at].rstrip()
    for cue in cues_:
        first, _, rest = cue.rpartition(" ")
        if (
            first
            and before.endswith(first)
            and _word_ends(before, first)
            and phrase.startswith(f"{rest} ")
        ):
            return True
    return False


@lru_cache(maxsize=16)
def _a_use_and(purposes: frozenset[str]) -> re.Pattern[str]:
    """A cue for what goods are for, a few words, then "and", ending a text."""
    cue = "|".join(re.escape(p) for p in sorted(purposes, key=len, reverse=True)) or "(?!)"
    joining = "|".join(re.escape(w) for w in sorted(_AND, key=len, reverse=True))
    return re.compile(rf"(?:^|\s)(?:{cue})\s+[^,;:.!?–—]{{1,40}}?\s(?:{joining})$")


_ARTICLE_AT_END = re.compile(
    r"\s+(?:un|une|le|la|les|l'|el|los|las|a|an|the|ein|eine|einen|der|die|das|den)$"
)


def _with_and_without_an_article(text: str) -> tuple[str, str]:
    return text, _ARTICLE_AT_END.sub("", text)


def _before_its_purpose(ctx: Context, phrase: str, purposes: frozenset[str]) -> str:
    """A phrase up to the words saying what the goods are for, when that part names goods
    ("crème hydratante" of "crème hydratante pour le visage")."""
    folded = fold(phrase)
    for cue in purposes:
        at = f"{folded} ".find(f" {cue} ")  # "muebles para equipar"
        if at > 0 and _names_goods(ctx, phrase[:at]):
            return phrase[:at]
    return phrase


def _asking_sentences(ctx: Context, text: str) -> list[tuple[int, int]]:
    """In a message of several sentences, the spans of those that ask for goods ("we are
    looking for", "nous recherchons") or for those who sell them, and name some, when
    others do not ask: those tell who the buyer is and what their own business makes."""
    spans, start = [], 0
    for end in cues.SENTENCE_BREAK.finditer(text):
        spans.append((start, end.end()))
        start = end.end()
    spans.append((start, len(text)))
    spans = [part for s, e in spans if text[s:e].strip() for part in _told_apart(ctx, text, s, e)]
    if len(spans) < 2:
        return []
    # "nous recherchons …", or "Quels fabricants d'implants dentaires exposent ?", and what
    # follows the first of them but says who the buyer is ("… pa carro? balatas, discos").
    asks = [cues.has_any(text[s:e], ("seeking", "sellers"), ctx.t.locale) for s, e in spans]
    first = asks.index(True) if True in asks else len(spans)
    asking = [
        (s, e)
        for at, (s, e) in enumerate(spans)
        if asks[at] or (at > first and not cues.has(text[s:e], "self_description", ctx.t.locale))
    ]
    if not 0 < len(asking) < len(spans):
        return []
    named = ctx.taxonomy.product_phrases(" | ".join(text[s:e] for s, e in asking))
    # An area's word is goods asked for too ("… und suchen glutenfreie Lebensmittel").
    goods = [
        p
        for p in named
        if _names_goods(ctx, p)
        or ctx.taxonomy.typo_tolerant(p)
        or area_named(_without_attributes(ctx, p)) is not None
    ]
    return asking if goods else []


def _told_apart(ctx: Context, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence, in two where the buyer says who they are before what they look for:
    "wir sind ein Snackhersteller aus Suzhou | und suchen Verpackungsmaschinen"."""
    sentence, locale = text[start:end], ctx.t.locale
    if len(cues.fold(sentence)) != len(sentence):
        return [(start, end)]  # folding moved the letters ("ß"): no place to cut at
    told = cues.first_at(sentence, "self_description", locale)
    seeking = cues.first_at(sentence, "seeking", locale)
    if seeking is not None and told is None and _placed_before(ctx, sentence[:seeking]):
        told = 0  # "Importateur à Dakar, nous cherchons du riz": the buyer, where they are
    if told is None or seeking is None or seeking <= told:
        return [(start, end)]
    return [(start, start + seeking), (start + seeking, end)]


def _placed_before(ctx: Context, text: str) -> bool:
    """Whether a clause ending in a comma says where someone is, a place after "in" ("à
    Dakar,", "in Wien,"): the buyer, before what they look for."""
    comma = text.rfind(",")
    if comma < 0 or len(text[comma + 1 :].split()) > 2:  # "…, wir suchen", "…, je cherche"
        return False
    words = text[:comma].split()
    for size in (1, 2):
        place = " ".join(words[-size:])
        before = " ".join(words[:-size])
        if names.is_a_place(place) and said_before(ctx, before, len(before), "located_in"):
            return True
    return False


def _with_only_products_asked(asked: list[tuple[int, int]], nlu: NluResult) -> NluResult:
    """The message with only the products tagged in the sentences that ask for goods."""
    if not asked:
        return nlu
    kept = tuple(
        e
        for e in nlu.entities
        if e.type != "product" or any(s <= e.start and e.end <= t for s, t in asked)
    )
    return replace(nlu, entities=kept)


def _names_goods(ctx: Context, phrase: str) -> bool:
    tax = ctx.taxonomy
    return bool(tax.match_product(phrase).categories or tax.product_within(phrase))


def _halls_as_numbers(ctx: Context, nlu: NluResult) -> NluResult:
    """The message with each hall the model tagged with goods cut to its number, and none
    where it tagged words without one: "шины" of "в зале 8.1 шины делает" are the goods
    ("7.1관에서" stays a hall)."""
    entities = []
    for entity in nlu.entities:
        if entity.type == "hall":
            number = _HALL.search(entity.value)
            if number is None:
                continue
            rest = ctx.taxonomy.product_phrases(_HALL.sub(" ", entity.value))
            if any(ctx.taxonomy.match_product(p).categories for p in rest):
                start, end = entity.start + number.start(), entity.start + number.end()
                entity = replace(entity, value=number.group(), start=start, end=end)
        entities.append(entity)
    return replace(nlu, entities=tuple(entities))


def _without_packs(ctx: Context, nlu: NluResult) -> NluResult:
    """The message without a pack tagged as a product: "sacs" of "café vert, sacs de 60
    kg", "Kartons" of "500 Kartons" say how the goods come, not what they are."""
    packs = [
        e
        for e in nlu.entities
        if e.type == "product"
        and fold(e.value) in ctx.taxonomy.measure_words
        and (
            _SIZE_BEFORE.search(nlu.text[: e.start])
            or _SIZE_AFTER.match(nlu.text[e.end :])
            or _LOADS_AFTER.match(nlu.text[e.end :])
        )
    ]
    return replace(nlu, entities=tuple(e for e in nlu.entities if e not in packs)) if packs else nlu


_SIZE_BEFORE = re.compile(r"\d[\s-]*(?:[^\W\d_]{1,3}[\s-]*)?$")  # "500 Kartons", "25-kg-Säcken"
_SIZE_AFTER = re.compile(r"\s*(?:de|d'|à|a|of|von|zu|je|по|x)?\s*\d", re.IGNORECASE)
_LOADS_AFTER = re.compile(
    r"\s*(?:loads?|lots?|ladungen|weise)\b", re.IGNORECASE
)  # "container loads"


def an_amount(ctx: Context, text: str, entity: Entity) -> bool:
    """Whether a tagged value is a number with a unit after it, in the value or after it
    ("20 т", "500 kg", "20 кг" tagged whole, "40'-Container"), a share ("82,5%") or a count
    of them ("5 x 40'-Container")."""
    if re.match(r"\s*[x×]\s*\d", text[entity.end :]):
        return True
    after = re.match(r"\s*['’\"-]*\s*([^\W\d_]+|%)", text[entity.end :])
    unit = re.search(r"\d\s*([^\W\d_]+)\s*$", entity.value)
    return any(
        found is not None
        and (found.group(1) == "%" or fold(found.group(1)) in ctx.taxonomy.measure_words)
        for found in (after, unit)
    )


def _area_of(ctx: Context, value: str) -> str | None:
    """The exhibition area a value tagged as one names, unless it is a product's term
    ("transporte de carga" is freight, not the automobile area)."""
    match = ctx.taxonomy.match_product(value, head_first=ctx.t.locale in _HEAD_FIRST)
    return None if match.whole or match.kind_of else area_id(value)


def _without_generic_words(ctx: Context, phrases: list[str]) -> list[str]:
    """The phrases but those that are only a word like "products" ("produits sans gluten",
    "dairy" and "products" tagged apart): it names nothing to look for."""
    return [p for p in phrases if fold(p) not in ctx.taxonomy.generic_heads]


def _words_naming(ctx: Context, entity: Entity) -> list[str]:
    """What a tagged value names, without more the model took in: "韩国" of "韩国泡菜"
    tagged as a country."""
    if entity.type not in {"country", "language"}:
        return [entity.value]
    named = ctx.taxonomy.country_mentions(entity.value)
    return [entity.value[m.start : m.end] for m in named] or [entity.value]


def _completed(
    ctx: Context, query: SearchQuery, tagged: list[str], said: list[str], text: str
) -> list[str]:
    """Each tagged phrase, or the longer phrase of the message around it when that one is
    a product in its own right: a category's term, a phrase whose head is one ("café en
    grains" where "café" and "grains" were tagged apart) or words in the catalog."""
    phrases: list[str] = []
    for phrase in tagged:
        words = fold(phrase).split()
        around = [
            longer
            for longer in said
            if fold(longer) != fold(phrase)
            and _inside(words, fold(longer).split())
            # "wine" of "French wine producers, but not sparkling wine" is not refused.
            and _without_refused_goods(ctx, text, longer) == longer
        ]
        known = next((longer for longer in around if _names_a_product(ctx, query, longer)), None)
        phrases.append(known or phrase)
    head_first = ctx.t.locale in _HEAD_FIRST

    def categories(phrase: str) -> frozenset[str]:
        return ctx.taxonomy.match_product(phrase, head_first=head_first).categories

    def categorised(phrase: str) -> bool:
        return bool(categories(phrase))

    if not any(categorised(p) or ctx.taxonomy.typo_tolerant(p) for p in phrases) and (
        products := [p for p in said if categorised(p)]
    ):
        # Only what says which was tagged ("sillas de ruedas (manuales o eléctricas)" with
        # "manuales o eléctricas"): the products the message names are what is asked for.
        return products
    # A list the model tagged in part ("аппараты УЗИ, функциональные кровати, нитриловые
    # перчатки"): the other products it names are asked for too.
    asked = ctx.taxonomy.with_ancestors(c for p in phrases for c in categories(p))
    untagged = [
        p
        for p in said
        if (named := categories(p))
        # "косметику" beside "тканевые маски" says no more; "logística y transporte de
        # carga" asks for both.
        and (not named & asked or any(_joined_by_and(text, p, chosen) for chosen in phrases))
        and not any(_overlap(p, chosen) for chosen in phrases)
    ]
    # One typed with a slip beside a tagged one: "Sonnencrem und Schampoo".
    untagged += [
        p
        for p in said
        if not categorised(p)
        and ctx.taxonomy.typo_tolerant(p)
        and any(_joined_by_and(text, p, chosen) for chosen in phrases)
        and not any(_overlap(p, chosen) for chosen in phrases)
    ]
    return list(dict.fromkeys(phrases + untagged))


# "And" between two products of a request, in the eight languages, and "or", which asks for
# both as much ("Kaffeevollautomaten bzw. Siebträgermaschinen").
# "And" in the languages that write words apart.
_AND_WORDS = ("and", "y", "e", "и", "und", "et")
_AND = frozenset(
    {*_AND_WORDS, "&", "和", "与", "及", "と", "や", "랑", "및"} | {*_OR, "或", "或者", "または"}
)


def joins_a_list(text: str) -> bool:
    """Whether a text between two items of a list joins them: a comma, "and" or "or"."""
    return text.strip(" ,;/") == "" or fold(text).strip(" ,;/") in _AND


def _joined_by_and(text: str, one: str, other: str) -> bool:
    """Whether two phrases of a message stand on either side of "and" or "or"."""
    folded = fold(text)
    at, other_at = folded.find(fold(one)), folded.find(fold(other))
    if at < 0 or other_at < 0:
        return False
    first, second = sorted(((at, fold(one)), (other_at, fold(other))))
    return folded[first[0] + len(first[1]) : second[0]].strip() in _AND


def _overlap(phrase: str, other: str) -> bool:
    words, others = fold(phrase).split(), fold(other).split()
    return _inside(words, others) or _inside(others, words) or fold(phrase) == fold(other)


def _inside(words: list[str], longer: list[str]) -> bool:
    """Whole words of a phrase inside a longer one; CJK runs have no spaces, so a run may
    hold another ("ワイン" in "アイスワイン") or a Latin word ("EV" in "EVの充電設備")."""
    if len(words) == 1 and len(longer) == 1 and _CJK.search(words[0]):
        return len(longer[0]) > len(words[0]) and words[0] in longer[0]
    if len(words) == 1 and len(longer) == 1 and _CJK.search(longer[0]):
        # A Latin word written into a CJK run: "EV" in "EVの充電設備".
        return re.search(rf"(?<![a-z0-9]){re.escape(words[0])}(?![a-z0-9])", longer[0]) is not None
    size = len(words)
    return any(longer[i : i + size] == words for i in range(len(longer) - size + 1))


def _names_a_product(ctx: Context, query: SearchQuery, phrase: str) -> bool:
    match = ctx.taxonomy.match_product(phrase, head_first=ctx.t.locale in _HEAD_FIRST)
    if match.categories:
        return True
    return catalog.finds_any(ctx.session, replace(query, keywords=(phrase,)))


def names_products(
    ctx: Context,
    nlu: NluResult,
    *,
    catalog_words: bool = True,
    profiles: bool = True,
    qualified: bool = False,
) -> bool:
    """Whether the message, without its framing words and the countries it names, is only
    products: the taxonomy's words or, with `catalog_words`, words of the exhibitors'
    product lists, and with `profiles` of their profiles too ("冷凍ドリアン", "Bier aus
    Tschechien", "pianos"), whatever the model made of it. With `qualified`, products of
    the taxonomy may come with single lower-case words that say which ("сухое молоко,
    цельное и обезжиренное", "объёмы контейнерные"), or with other words where most of
    what the message names is products."""
    if described_goods(ctx, nlu.text):
        return True  # "ご飯を炊く家電": a product described by what it does
    country, phrases = _request_phrases(ctx, nlu)
    query = SearchQuery(country=country)
    head_first = ctx.t.locale in _HEAD_FIRST

    def taxonomy_product(phrase: str) -> bool:
        return bool(ctx.taxonomy.match_product(phrase, head_first=head_first).categories)

    def product(phrase: str) -> bool:
        return (
            taxonomy_product(phrase)
            or (
                catalog_words
                and catalog.finds_any(
                    ctx.session, replace(query, keywords=(phrase,)), profiles=profiles
                )
            )
            or _slip_of_a_product(ctx, nlu.text, phrase)
            or (catalog_words and _sold_in_english(ctx, phrase))
        )

    if not (phrases or _attributes_named(ctx, nlu)):
        return False
    if all(product(phrase) for phrase in phrases):
        return True
    if not qualified or not any(taxonomy_product(phrase) for phrase in phrases):
        return False
    # "Бытовая химия …: стиральные средства, средства для посуды": most of what is named
    # is products, and what is not may say which.
    named = sum(1 for phrase in phrases if product(phrase))
    return 2 * named >= len(phrases) or all(
        product(phrase) or _a_qualifier(nlu.text, phrase) for phrase in phrases
    )


def _sold_in_english(ctx: Context, phrase: str) -> bool:
    """Whether a phrase of rare words is, in English, words of exhibitors' product lists:
    "Edelstahlspülen" (stainless steel kitchen sinks). Everyday words ("Wetter") are not
    read so: a dictionary translates them into too much."""
    translation = open_lexicon(ctx.settings.lexicon_path).in_english(phrase, ctx.t.locale)
    if translation is None or _everyday_words(translation.written):
        return False
    return any(
        catalog.finds_any(ctx.session, SearchQuery(keywords=(english,)), profiles=False)
        for english in translation.english
    )


def only_attributes_of_an_area(ctx: Context, nlu: NluResult) -> bool:
    """Whether the message asks for an area's goods with a property and nothing else
    ("Halal-Lebensmittel")."""
    query = build_query(ctx, nlu)
    return bool(query.attributes and query.area and not query.keywords and not query.categories)


def names_a_product(ctx: Context, nlu: NluResult, *, beside_companies: bool = False) -> bool:
    """Whether one of the message's phrases, without its framing words and countries, is
    a product the taxonomy knows; with `beside_companies`, one outside what was tagged as
    a company."""
    head_first = ctx.t.locale in _HEAD_FIRST
    _, phrases = _request_phrases(ctx, nlu, without_companies=beside_companies)
    return any(
        ctx.taxonomy.match_product(p, head_first=head_first).categories
        or _slip_in_a_phrase(ctx, p)
        or ctx.taxonomy.product_within(p, head_first=head_first)  # "notamment de crèmes solaires"
        for p in phrases
    )


def _slip_in_a_phrase(ctx: Context, phrase: str) -> bool:
    """A word no dictionary has, one slip from a product's word ("кросовки оптом",
    "экспедирвоание грузов") or a word of a product's term ("оливкавое масло")."""
    unknown = [word for word in fold(phrase).split() if not _a_known_word(word)]
    if not unknown:
        return False
    return bool(ctx.taxonomy.typo_tolerant(phrase)) or any(
        ctx.taxonomy.typo_tolerant(word) for word in unknown
    )


def _a_known_word(word: str) -> bool:
    return russian_known(word) if is_cyrillic(word) else names.is_common(word)


def described_goods(ctx: Context, text: str) -> bool:
    """Whether a message describes goods by what they do or by who uses them."""
    return bool(ctx.taxonomy.described_by_function(text) or ctx.taxonomy.described_by_users(text))


def has_a_request_phrase(ctx: Context, nlu: NluResult) -> bool:
    """Whether the message says what it looks for besides its framing words and countries."""
    return bool(_request_phrases(ctx, nlu)[1])


def _request_phrases(
    ctx: Context, nlu: NluResult, *, without_companies: bool = False
) -> tuple[str | None, list[str]]:
    """The first country the message names outside company names, and its product phrases
    without the countries, framing words and other values (and, `without_companies`, the
    companies)."""
    mentioned = _countries_outside_companies(ctx, nlu)
    words = [w for _, w in mentioned]
    if without_companies:
        words += [v for v in nlu.values("company") if v.strip()]
    return (mentioned[0][0] if mentioned else None), _message_phrases(ctx, nlu, words)


def _a_qualifier(text: str, phrase: str) -> bool:
    """A single word typed in lower case, or a number: it says which product ("1:18"), it
    names no company."""
    if not any(ch.isalpha() for ch in phrase):
        return True
    return " " not in phrase.strip() and phrase in text and phrase.islower()


def _slip_of_a_product(ctx: Context, text: str, phrase: str) -> bool:
    """A message that is one word, one slip from a product's ("혈압게" for 혈압계)."""
    return fold(text).strip(" ?!.？！。") == fold(phrase) and bool(
        ctx.taxonomy.typo_tolerant(phrase)
    )


def _alternative_countries(
    ctx: Context, nlu: NluResult, mentions: list[CountryMention]
) -> list[str]:
    """Countries named one after the other, joined by "or", "and" or a comma ("de Alemania
    o Italia", "alemanes o italianos", "德国或意大利"): the buyer takes any of them. Only one
    when the others are named elsewhere ("de Asia … para importar a México")."""
    joining = cues.phrases("either", ctx.t.locale)
    joined: list[str] = []
    for before, after in pairwise(mentions):
        gap = nlu.text[before.end : after.start].strip(" ,/·、")
        if gap and fold(gap) not in joining:
            if joined:
                break
            continue
        joined += [code for code in (before.code, after.code) if code not in joined]
    return joined if len(joined) > 1 else []


def _country_of_origin(ctx: Context, nlu: NluResult, mentions: list[CountryMention]) -> str | None:
    """Of several countries named apart, the one said to be where the goods come from
    ("de Asia", "из Японии") rather than where they go ("para importar a México")."""
    if len({m.code for m in mentions}) < 2:
        return None
    origin = cues.phrases("origin", ctx.t.locale)
    for mention in mentions:
        before = fold(nlu.text[: mention.start]).rstrip()
        if any(before.endswith(word) and _word_ends(before, word) for word in origin):
            return mention.code
    return None


def _in_a_pair(text: str, mention: CountryMention, mentions: list[CountryMention]) -> bool:
    """Whether a country's word is joined to another's by a hyphen or a slash: "français-
    chinois" (an interpreter's languages), "German/English"."""
    return any(
        text[mention.end : other.start] in _PAIRING or text[other.end : mention.start] in _PAIRING
        for other in mentions
        if other is not mention
    )


_PAIRING = {"-", "/", "–", "‑"}


def _region_around(country: str, mentions: list[CountryMention]) -> str | None:
    """A region the message names that the country found lies in: the country is one of
    its examples ("African coffee, Ethiopian or Kenyan")."""
    members = region_members(TAXONOMY_DIR)
    for mention in mentions:
        if mention.code != country and set(country.split("+")) <= members.get(mention.code, set()):
            return mention.code
    return None


def _a_route_from(
    ctx: Context, nlu: NluResult, mention: CountryMention, going: list[CountryMention]
) -> bool:
    """Whether a country is where a service's route starts, the one it goes to right after:
    "shipping from Europe to China" (wine "from France to China" is French)."""
    leads_on = any(
        0 < destination.start - mention.end <= _ROUTE_GAP
        and _going_to(ctx, nlu.text, destination.start, destination.end)
        for destination in going
    )
    if not leads_on:
        return False
    named = ctx.taxonomy.categories_in_text(nlu.text)
    areas = {ctx.taxonomy.categories[c].area for c in named if c in ctx.taxonomy.categories}
    return areas == {"services"}


# The most characters between a route's two ends: " to ", " vers la ", " в ".
_ROUTE_GAP = 16


def _going_to(ctx: Context, text: str, start: int, end: int) -> bool:
    """Whether the country named at start:end is where goods go: "into China", "nach
    Russland", "运往中国", "vers l'Afrique", "中国で扱いたい"."""
    particles = cues.phrases("particles", ctx.t.locale)
    # The place may be tagged with its particle: "중국에" of "중국에 수출할".
    ends = [end, *(at for at in range(start + 1, end) if fold(text[at:end]) in particles)]
    if any(cues.said_after(text, at, "destination_after", ctx.t.locale) for at in ends):
        return True
    without_article = _ARTICLE_BEFORE.sub("", text[:start])
    if said_before(ctx, text, start, "destination") or said_before(
        ctx, without_article, len(without_article), "destination"
    ):
        return True
    # "vers la Malaisie et l'Indonésie": the second goes where the first does.
    joined = _AND_BEFORE.search(without_article)
    if joined is None:
        return False
    words = without_article[: joined.start()].split()
    return any(
        said_before(ctx, earlier, len(earlier), "destination")
        for cut in (1, 2)
        if len(words) > cut and (earlier := _ARTICLE_BEFORE.sub("", " ".join(words[:-cut])))
    )


# An article between a cue and a country: "vers l'Afrique", "hacia la India".
_ARTICLE_BEFORE = re.compile(r"\s*\b(?:l['’]|la|le|les|the|el|los|las|die|den|das|dem)\s*$", re.I)
_AND_BEFORE = re.compile(rf"\s+(?:{'|'.join(_AND_WORDS)})\s*$", re.I)


def _said_for(ctx: Context, text: str, start: int) -> bool:
    """Whether what starts at `start` is said as what goods are for, maybe after one word
    that describes it: "für Lebensmittel", "for fresh food"."""
    if said_before(ctx, text, start, "used_for"):
        return True
    word = _WORD_BEFORE.search(text[:start])
    return word is not None and said_before(ctx, text, word.start(), "used_for")


_WORD_BEFORE = re.compile(r"[^\W\d_]+\s+$")


def said_before(ctx: Context, text: str, start: int, key: str) -> bool:
    """Whether a cue of this kind ends the text before `start` ("into China", "à Lyon")."""
    cue = _cue_pattern(cues.phrases(key, ctx.t.locale))
    return cue.search(text[:start]) is not None


def _without_the_kinds_category(ctx: Context, text: str, phrases: list[str]) -> list[str]:
    """The phrases but one naming a whole category that a colon, a dash or a bracket
    follows, when all the others name kinds within it: the kinds say which ("Käse:
    Emmentaler oder Comté"); not "Sekt oder Prosecco", nor "champagne ou d'autres vins
    effervescents", nor "кровля: черепица, …, металл" (metal names no kind of roofing)."""
    head_first = ctx.t.locale in _HEAD_FIRST
    folded = fold(text)
    for broad in phrases:
        whole = ctx.taxonomy.match_product(broad, head_first=head_first).whole
        at = folded.find(fold(broad))
        opens = _LIST_OPENS.match(folded, at + len(fold(broad))) if whole and at >= 0 else None
        if opens is None:
            continue
        listed = ctx.taxonomy.product_phrases(_LIST_ENDS.split(folded[opens.end() :])[0])
        within = ctx.taxonomy.with_subcategories(whole)
        others = [p for p in phrases if p != broad]
        if (
            others
            and listed
            and all(
                (m := ctx.taxonomy.match_product(p, head_first=head_first)).kind_of
                and m.kind_of <= within
                for p in listed
            )
        ):
            return others
    return phrases


# What opens a list of what a word says ("Käse: …", "Käse – …", "Käse (…"), and ends it.
_LIST_OPENS = re.compile(r"[^\w:–—(]{0,20}?\s*[:–—(]")
_LIST_ENDS = re.compile(r"[–—)?!.;]")


def _without_refused_goods(ctx: Context, text: str, phrase: str) -> str:
    """The phrase without the goods the message refuses, before or after it, "" when it is
    only those: "keinen Wein" of "Spirituosen – keinen Wein", "간식 말고", "bière mais pas
    de lager" → "bière" (a property refused, "sans gluten", is no product phrase)."""
    refusing = cues.phrases("not_wanted", ctx.t.locale)
    found = re.search(re.escape(phrase), text, re.IGNORECASE)
    if found is not None:
        if cues.refused_after(text, found.end(), ctx.t.locale):
            return ""  # "간식 말고", "刀具类的就不用推荐了", "сидр не предлагать"
        start, end = found.span()
        for cue in cues.refusals_after(text, ctx.t.locale):
            if start < cue.start() < end:
                # The phrase runs into words refusing its goods: what follows them is
                # wanted ("와인 말고 맥주" → "맥주"), the rest is the refusal's ("刀具类的就
                # 不用" of "刀具类的就不用推荐了").
                return text[cue.end() : end].strip()
    if not refusing:
        return phrase
    if found and said_before(ctx, text, found.start(), "not_wanted"):
        return ""
    if found and _listed_after_goods_refused(ctx, text, found.start()):
        return ""
    inside = _refusing_words(refusing).search(phrase)
    return phrase[: inside.start()].strip() if inside else phrase


def _listed_after_goods_refused(ctx: Context, text: str, start: int) -> bool:
    """Whether the goods from `start` on are listed after goods the message refuses: the
    drills of "not cutting tools or drills"."""
    before = text[:start]
    links = _LINKS_AT_THE_END.search(before)
    if links is None:
        return False
    clause = _SENTENCE_PART.split(before[: links.start()])[-1]
    said = ctx.taxonomy.product_phrases(clause)
    if not said or not fold(clause).rstrip().endswith(fold(said[-1]).split()[-1]):
        return False
    refusing = cues.phrases("not_wanted", ctx.t.locale)
    if refusing and _refusing_words(refusing).search(said[-1]):
        return True  # "machine tools but not cutting tools", then "or drills"
    # Refused by the words before them (those after them end the list: "ワインではなく、").
    at = before[: links.start()].lower().rfind(said[-1])
    return at >= 0 and said_before(ctx, text, at, "not_wanted")


def _without_refused(ctx: Context, text: str, phrases: list[str]) -> list[str]:
    return [_without_refused_goods(ctx, text, p) for p in phrases]


def _listed_with_the_refused(
    ctx: Context, text: str, phrases: list[str], kept: list[str]
) -> list[str]:
    """`kept` with the phrases listed right after goods refused before them refused too:
    "keine Zerspanungswerkzeuge wie Bohrer oder Fräser", "not beer or cider" (words refusing
    goods after them end the list: "ワインではなく、ビール")."""
    lowered = text.lower()  # the message's offsets, unlike `fold`
    spans = [_span_of(lowered, p) for p in phrases]
    kept = list(kept)
    refusals = [cue.span() for cue in cues.refusals_after(lowered, ctx.t.locale)]
    for at, span in sorted(enumerate(spans), key=lambda item: item[1]):
        if span[0] < 0 or kept[at]:
            continue
        if any(span[0] < start <= span[1] + 1 for start, _ in refusals):
            continue
        for other, (start, end) in enumerate(spans):
            if kept[other] and start >= span[1] and _LIST_LINKS.fullmatch(lowered[span[1] : start]):
                kept[other] = ""
                span = (start, end)
    return kept


def _span_of(lowered: str, phrase: str) -> tuple[int, int]:
    at = lowered.find(phrase.lower())
    return (at, at + len(phrase)) if at >= 0 else (-1, -1)


_SENTENCE_PART = re.compile(r"[!?¡¿？！。;；:：]")
# What may stand between goods listed together, as one refusal takes them: commas, "or",
# "like", "such as" ("and" may start what is wanted again: "not beer or cider, and cheese").
_LIST_LINKS = re.compile(
    r"(?:\s*(?:[,、/]|or|like|such as|oder|wie|ou|comme|o|como|или|как|或|或者|や|이나|나)\s*)+"
)
_LINKS_AT_THE_END = re.compile(rf"(?<=\w){_LIST_LINKS.pattern}$", re.IGNORECASE)


def only_refuses_goods(ctx: Context, nlu: NluResult) -> bool:
    """Whether a message refuses goods and asks for nothing else: "但刀具类的不要"."""
    query = build_query(ctx, nlu)
    return bool(query.refused) and replace(query, refused=()).empty


def _categories_refused(
    ctx: Context, text: str, phrases: list[str], kept: list[str]
) -> tuple[str, ...]:
    """The categories of the goods the message refuses: what a phrase lost to
    `_without_refused_goods` ("lager" of "bière mais pas de lager", "와인" of "와인 말고 맥주"),
    and the goods said last before words refusing them, which the model may not have tagged
    ("刀具" of "刀具类的就不用推荐了")."""
    head_first = ctx.t.locale in _HEAD_FIRST
    tax = ctx.taxonomy
    refused: set[str] = set()
    for phrase, rest in zip(phrases, kept, strict=True):
        if rest != phrase:
            lost = phrase.replace(rest, " ") if rest else phrase
            refused |= tax.match_product(lost.strip(), head_first=head_first).categories
    for cue in cues.refusals_after(text, ctx.t.locale):
        clause = _CLAUSE_BREAK.split(text[: cue.start()])[-1]
        if said := tax.product_phrases(tax.without_countries(clause)):
            refused |= tax.match_product(said[-1], head_first=head_first).categories
    for end in cues.ends(text, "not_wanted", ctx.t.locale):
        # "but not sparkling wine", "不要刀具": the goods right after the words refusing them.
        clause = _CLAUSE_BREAK.split(text[end:])[0]
        said = tax.product_phrases(tax.without_countries(clause))
        if said and _opens(clause, said[0]):
            refused |= tax.match_product(said[0], head_first=head_first).categories
    return tuple(sorted(refused))


def _opens(clause: str, phrase: str) -> bool:
    """Whether a phrase is what a clause opens with, past one word ("pas de lager", "keinen
    Wein", "not any spirits"): "не могли бы вы найти вино" does not refuse the wine."""
    words, first = fold(clause).split(), fold(phrase).split()[:1]
    if _UNSPACED.search(phrase):
        return fold(clause).lstrip().startswith(fold(phrase)[:1])
    return bool(first) and first[0] in words[:2]


_CLAUSE_BREAK = re.compile(r"[!?¡¿？！。，、,;；:：]")


@lru_cache(maxsize=16)
def _refusing_words(phrases: frozenset[str]) -> re.Pattern[str]:
    """The words as whole words; Chinese, Japanese and Korean ones anywhere ("不要刀具")."""
    words = "|".join(
        re.escape(p) if _CJK.search(p) else rf"(?:^|(?<=\s)){re.escape(p)}(?=\s|$)"
        for p in sorted(phrases, key=len, reverse=True)
    )
    return re.compile(rf"(?:{words})", re.IGNORECASE)


def _within_a_longer_place(entity: Entity, mentions: list[CountryMention]) -> bool:
    """Whether the model tagged a part of a place's name: "American" of "South American"."""
    return any(
        m.start <= entity.start and entity.end <= m.end and m.end - m.start > len(entity.value)
        for m in mentions
    )


def _refused(ctx: Context, text: str, start: int, end: int) -> bool:
    """Whether the country named at start:end is one the goods must not come from: "не из
    Чили", "not from China", "no de México", "中国以外", "중국산 말고"."""
    return _refusal(ctx, text, start, end) is not None


def _refusal(ctx: Context, text: str, start: int, end: int) -> str | None:
    """The words refusing the country named at start:end, with the country's."""
    locale = ctx.t.locale
    before = _cue_pattern(cues.phrases("not_from", locale)).search(text[:start])
    if before:
        return text[before.start() : end]
    # Past "made in", a particle or a word for firms: "중국산 말고", "日本の会社以外".
    between = ("origin", "particles", "firm_words")
    if found := cues.said_after(text, end, "not_from_after", locale, between=between):
        return text[start : found.end()]
    return None


def _refused_in_the_same_list(
    text: str, mentions: list[CountryMention], refusals: dict[CountryMention, str]
) -> dict[CountryMention, str]:
    """Countries listed after a refused one, refused with it: "pas d'Italie ni d'Espagne",
    "nicht aus Italien oder Spanien"."""
    found: dict[CountryMention, str] = {}
    ordered = sorted(mentions, key=lambda m: m.start)
    for before, mention in pairwise(ordered):
        if mention in refusals or (before not in refusals and before not in found):
            continue
        between = _ELIDED_ORIGIN.sub("", fold(text[before.end : mention.start])).strip(" ,;/")
        if between in _AND | _NOR or not between:
            found[mention] = text[before.end : mention.end]
    return found


# The small words of origin a listed country may keep after "or" ("ni d'Espagne").
_ELIDED_ORIGIN = re.compile(r"(?:\b(?:de la|de|du|des|aus der|aus dem|aus|from|del|из)\s*|\bd')$")
# "Nor": a refusal goes on past it.
_NOR = frozenset({"ni", "noch", "nor", "ни"})


@lru_cache(maxsize=64)
def _cue_pattern(phrases: frozenset[str]) -> re.Pattern[str]:
    """Cue phrases ending the text before a word (whole words, but CJK ones)."""
    words = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?:^|(?<=\W)|(?<=[\u2e80-\u9fff\uac00-\ud7a3]))(?:{words})\s*$", re.I)


def _word_ends(text: str, word: str) -> bool:
    """Whether `word` ends `text` as a whole word ("de", not the "de" of "verde")."""
    at = len(text) - len(word)
    return at == 0 or not (text[at - 1].isalnum() and word[0].isalnum())


def _mentions_outside_companies(ctx: Context, nlu: NluResult) -> list[CountryMention]:
    """The countries and regions named in a message, but inside a company's name (one the
    model tagged from the middle of a mention is not: "産サーモン" of "ノルウェー産サーモン")."""
    companies = [(e.start, e.end) for e in nlu.entities if e.type == "company"]
    return [
        m
        for m in ctx.taxonomy.country_mentions(nlu.text)
        if not any(start <= m.start < end for start, end in companies)
    ]


def _countries_outside_companies(ctx: Context, nlu: NluResult) -> list[tuple[str, str]]:
    """Countries named anywhere in the message ("한국 화장품 회사", "из Норвегии" when the model
    missed them), with the words that named them; none inside a company's name ("Swiss Re")."""
    return _named_countries(ctx, nlu, _mentions_outside_companies(ctx, nlu))


def _named_countries(
    ctx: Context, nlu: NluResult, mentions: list[CountryMention]
) -> list[tuple[str, str]]:
    """Of these mentions, the countries a request names, with their words: not those that
    are part of a product's name ("French fries")."""
    return [
        (m.code, nlu.text[m.start : m.end])
        for m in mentions
        if not _in_product_name(ctx, nlu.text, m.start, m.end)
    ]


_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _in_product_name(ctx: Context, text: str, start: int, end: int) -> bool:
    """Whether the words at start:end belong to a product's name with one or two words
    around them: "French fries", "Turkish delight", "Brussels sprouts" name no country."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    inside = [i for i, (s, e) in enumerate(words) if s < end and start < e]
    if not inside or _UNSPACED.search(text[start:end]):
        return False
    first, last = inside[0], inside[-1]
    for before in range(3):
        for after in range(3):
            if not before and not after:
                continue
            lo, hi = first - before, last + after
            inside_text = lo >= 0 and hi < len(words)
            if inside_text and ctx.taxonomy.is_term(text[words[lo][0] : words[hi][1]]):
                return True
    return False


def _with_products(ctx: Context, query: SearchQuery, phrases: list[str]) -> SearchQuery:
    head_first = ctx.t.locale in _HEAD_FIRST
    return catalog.product_query(ctx.session, ctx.taxonomy, query, phrases, head_first=head_first)


def search_exhibitors(ctx: Context, nlu: NluResult) -> Reply:
    tagged = nlu.first("company")
    asking = asks_for_a_company(ctx, nlu.text)
    named = _matched(ctx, nlu, tagged) if tagged and asking else None
    if isinstance(named, Exhibitor):
        # "Lucky Star Medical de Hong Kong, ¿tienen stand? Buscamos glucómetros.": the
        # booth of a company the catalog has, whatever else the message names.
        return exhibitor_info.card(ctx, named)
    if asking and not tagged and (brand := exhibitor_info.a_brand_asked_for(ctx, nlu.text)):
        # "michelin reifen stand?", "stand michelin ?": a brand's booth, whatever it sells.
        named = _matched(ctx, nlu, brand)
        return exhibitor_info.card(ctx, named) if isinstance(named, Exhibitor) else named
    query = build_query(ctx, nlu)
    if query.empty:
        return choose_area(ctx)
    found = catalog.search(ctx.session, query, 0, taxonomy=ctx.taxonomy)
    if found.total == 1 and (
        _asks_for_a_booth(ctx, nlu.text)
        or (
            cues.has(nlu.text, "where", ctx.t.locale)
            and (
                _its_name_in(ctx, query, found.items[0])
                or _a_part_of_its_name_in(ctx, nlu.text, found.items[0])
            )
        )
    ):
        # "Omega Ártico, los noruegos del aceite de pescado, ¿stand?": one company's booth
        # or contact is asked, and one exhibitor fits its description ("where can I find
        # earphones?" may have more to come, and is a list); "pfeiffer & söhne porzellan
        # halle?": where the one exhibitor the words name is.
        return exhibitor_info.card(ctx, found.items[0])
    if (
        found.total > 1
        and _asks_for_a_booth(ctx, nlu.text)
        and (named := _the_one_named_among(ctx, nlu.text, found.items))
    ):
        # "뮬러 엔드밀 공구 회사 부스 번호": the booth of the one exhibitor of the goods whose
        # name the message writes a part of.
        return exhibitor_info.card(ctx, named)
    if found.total == 0 and (company := _company_instead(ctx, query)) is not None:
        return exhibitor_info.card(ctx, company)
    if found.total == 0 and asking and (company := _named_in_passing(ctx, nlu.text)):
        # "как найти стенд Накамуры, японские погрузчики": the model tagged no company.
        return exhibitor_info.card(ctx, company)
    not_found: Reply | None = None
    if found.total == 0 and (name := tagged or _written_as_a_name(ctx, nlu.text)):
        # "Je cherche la Fromagerie Beaulieu-Sainte-Marie": a company the catalog lacks,
        # tagged by the model or written as a name.
        named = named or _matched(ctx, nlu, name)
        if isinstance(named, Exhibitor):
            return exhibitor_info.card(ctx, named)
        if asking:
            return named
        not_found = named
    translated = _in_english(ctx, query) if found.total == 0 and not not_found else None
    if translated is not None:
        # "Edelstahlspülen" where exhibitors write "stainless steel kitchen sinks": the
        # English words are what the reply says it found.
        in_english = catalog.search(ctx.session, translated, 0, taxonomy=ctx.taxonomy)
        if in_english.total:
            return _page(ctx, translated, in_english)
    for wider in _wider_searches(ctx, query) if found.total == 0 else []:
        widened = catalog.search(ctx.session, wider, 0, taxonomy=ctx.taxonomy)
        if widened.total:
            none = ctx._("No exhibitors found for {query}.").format(query=describe(ctx, query))
            return _page(ctx, wider, widened, note=none)
    return not_found or _page(ctx, query, found)


def _in_english(ctx: Context, query: SearchQuery) -> SearchQuery | None:
    """The search with its phrases searched as written in the buyer's language read in
    English instead, where a dictionary has them (core.lexicon); None when it has none."""
    lexicon = open_lexicon(ctx.settings.lexicon_path)
    phrases: list[str] = []
    for keyword in query.keywords:
        translation = lexicon.in_english(keyword, ctx.t.locale)
        # Only the translations that name a category or that exhibitors write: a
        # dictionary's other senses ("cooker" of "cooker hood") would be read as typos.
        phrases += [e for e in translation.english if _english_goods(ctx, e)] if translation else []
    if not phrases:
        return None
    return catalog.product_query(
        ctx.session, ctx.taxonomy, replace(query, keywords=(), within=()), phrases
    )


def _english_goods(ctx: Context, phrase: str) -> bool:
    match = ctx.taxonomy.match_product(phrase)
    return bool(match.whole or match.kind_of) or catalog.finds_any(
        ctx.session, SearchQuery(keywords=(phrase,)), profiles=False
    )


def _wider_searches(ctx: Context, query: SearchQuery) -> list[SearchQuery]:
    """What to search when a search finds no one, in turn, said so: the broader kind with
    the same filters ("spanischer Rotwein" where Spanish wineries list their appellations,
    "Rioja Crianza"), then outside the area a word named ("who sells equipment? treadmills,
    weights" where fitness gear is among consumer goods), then without everyday words that
    name nothing, then the product without its country or properties ("Мы дистрибьютор
    косметики в Армении": a country may be the buyer's own)."""
    wider = (
        _in_broader_categories(ctx, query),
        _without_its_area(query),
        _without_everyday_words(query),
        # "nitrile" of "nitrile exam gloves" where the catalog writes "Nitrile examination
        # gloves": the words no language uses every day.
        _by_its_rare_words(query),
        _without_its_filters(query),
    )
    return [w for w in wider if w is not None]


def _without_everyday_words(query: SearchQuery) -> SearchQuery | None:
    """A search without its words searched as written that are all words languages use
    every day, when it has filters or other products left: "Welche österreichischen Firmen
    stellen heuer aus?" lists Austria's exhibitors."""
    kept = tuple(k for k in query.keywords if not _everyday_words(k))
    if len(kept) == len(query.keywords):
        return None
    narrowed = replace(query, keywords=kept, within=query.within if kept else ())
    return narrowed if not narrowed.empty else None


def _by_its_rare_words(query: SearchQuery) -> SearchQuery | None:
    """The search with each phrase of several words cut to its words no language uses every
    day, where it has some and others."""
    cut = []
    for keyword in query.keywords:
        words = keyword.split()
        rare = [w for w in words if not names.is_common(w.casefold()) and len(w) > 2]
        cut.append(" ".join(rare) if rare and len(rare) < len(words) else keyword)
    return replace(query, keywords=tuple(cut)) if cut != list(query.keywords) else None


def _everyday_words(phrase: str) -> bool:
    words = phrase.split()
    return bool(words) and all(names.is_common(w.casefold()) for w in words)


def _its_name_in(ctx: Context, query: SearchQuery, exhibitor: Exhibitor) -> bool:
    """Whether a word searched for is a word of the exhibitor's name that names no product
    ("pfeiffer" of Pfeiffer & Söhne Porzellanmanufaktur)."""
    own = {
        names.fold_word(token.raw)
        for name in catalog.names_of(exhibitor)
        for token in names.tokens(name)
    }
    return any(
        len(word) >= names.NAME_WORD_MIN
        and names.fold_word(word) in own
        and not ctx.taxonomy.match_product(word).categories
        for keyword in query.keywords
        for word in keyword.split()
    )


def _a_part_of_its_name_in(ctx: Context, text: str, exhibitor: Exhibitor) -> bool:
    """Whether the message writes a part of the exhibitor's name ("蓝岭" of 蓝岭果园公司 in
    "美国蓝岭那家卖苹果和车厘子的在几号馆"), which the search's goods told from others."""
    return any(m.exhibitor_id == exhibitor.id for m in names.mentions(ctx.session, text))


def _the_one_named_among(ctx: Context, text: str, shown: list[Exhibitor]) -> Exhibitor | None:
    """The one exhibitor of a list whose name the message writes a part of, if one."""
    said = {m.exhibitor_id for m in names.mentions(ctx.session, text)}
    named = [e for e in shown if e.id in said]
    return named[0] if len(named) == 1 else None


def _matched(ctx: Context, nlu: NluResult, name: str) -> Exhibitor | Reply:
    return exhibitor_info.match_company(ctx, name, exhibitor_info.VERB, said=nlu.text)


def asks_for_a_company(ctx: Context, text: str) -> bool:
    """Whether a message asks where a company is or how to reach it: a name it does not
    find is answered as such, not by what the message also names."""
    return cues.has_any(text, cues.ASKING_OF_A_COMPANY, ctx.t.locale)


def _asks_for_a_booth(ctx: Context, text: str) -> bool:
    return cues.has_any(text, ("booth", "contact"), ctx.t.locale)


def _in_broader_categories(ctx: Context, query: SearchQuery) -> SearchQuery | None:
    """A search for categories with a country or a property, for what they are kinds of
    instead, with the same filters; None when one has nothing broader."""
    if not query.categories or not (query.country or query.attributes):
        return None
    parents = [ctx.taxonomy.categories[c].parents for c in query.categories]
    if not all(parents):
        return None
    broader = sorted({p for ps in parents for p in ps})
    return replace(query, categories=tuple(broader), keywords=(), within=(), narrowing=False)


def _without_its_area(query: SearchQuery) -> SearchQuery | None:
    """A product search in every area instead of the one a word of the message named."""
    if not (query.categories or query.keywords) or not query.area:
        return None
    return replace(query, area=None)


def _without_its_filters(query: SearchQuery) -> SearchQuery | None:
    """A product search without the country and the attributes that narrow it, if any."""
    if not (query.categories or query.keywords) or not (query.country or query.attributes):
        return None
    return replace(query, country=None, attributes=())


def _written_as_a_name(ctx: Context, text: str) -> str | None:
    """Words the message writes as a company's name, one of them no product's; in German,
    which writes every noun with a capital ("Reha-Hilfsmittel" is products), one of them
    no everyday word either."""
    name = exhibitor_info.named_in_passing(ctx, text)
    if name and ctx.taxonomy.country_code(name):
        return None  # "в Среднюю Азию": a region, where the goods go
    words = re.findall(r"[^\W\d_]+", name or "")
    if len(words) > 2 and _sellers_of(ctx, words):
        return None  # "Hersteller von Rohrkompensatoren": makers of goods, not a name
    german = ctx.t.locale == "de"
    naming = [
        w
        for w in words
        if not (german and names.is_common(w.casefold()))
        and not exhibitor_info.names_goods(ctx, w)
        and not names.is_a_place(w)
        and not _a_compound_with(text, w)
    ]
    return name if len(words) > 1 and naming else None


def _a_compound_with(text: str, word: str) -> bool:
    """Whether a word opens a compound with a lower-case word after a hyphen: "GVO" of
    "GVO-frei" (free of GMOs) says what goods are, it names no one."""
    return re.search(rf"(?<!\w){re.escape(word)}-[^\W\d_A-ZÀ-ÖØ-Þ]", text) is not None


def _inside_a_code(text: str, start: int) -> bool:
    """Whether a number tagged at `start` goes on from letters or a slash: "22.5" of the
    tyre size "315/80R22.5" is no hall."""
    return start > 0 and (text[start - 1].isalpha() or text[start - 1] in "/-")


def hall_named(ctx: Context, text: str) -> str | None:
    """The hall a message names with its word and number: "Halle 3", "hall 8.2", "8号馆"
    ("3" stands for halls 3.1 and 3.2)."""
    words = cues.phrases("hall_word", ctx.t.locale)
    if not words:
        return None
    found = _hall_pattern(words).search(fold(text))
    return (found.group(1) or found.group(2)) if found else None


@lru_cache(maxsize=16)
def _hall_pattern(words: frozenset[str]) -> re.Pattern[str]:
    latin = "|".join(
        re.escape(w) for w in sorted(words, key=len, reverse=True) if not _CJK.search(w)
    )
    cjk = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if _CJK.search(w))
    number = r"(\d{1,2}(?:\.\d)?)(?![\d.]*\d)"
    before = rf"\b(?:{latin})\s*{number}" if latin else r"(?!)"
    after = rf"(?<![\d.]){number}\s*(?:{cjk})" if cjk else r"(?!)"
    return re.compile(rf"{before}|{after}")


def _sellers_of(ctx: Context, words: list[str]) -> bool:
    """Whether words open with a noun for sellers and a link word: "Hersteller von …",
    "fournisseurs de …"."""
    sellers = cues.phrases("sellers", ctx.t.locale)
    return fold(words[0]) in sellers and fold(words[1]) in ctx.taxonomy.link_words


def _named_in_passing(ctx: Context, text: str) -> Exhibitor | None:
    """The one catalog exhibitor a word written as a name in the message names."""
    name = exhibitor_info.named_in_passing(ctx, text)
    named = catalog.find_by_name(ctx.session, name, taxonomy=ctx.taxonomy) if name else []
    return named[0] if len(named) == 1 else None


def _company_instead(ctx: Context, query: SearchQuery) -> Exhibitor | None:
    """The one exhibitor named by a product phrase that found nothing ("busco a Echeverría"
    read as a search: a surname in one company's name)."""
    if len(query.keywords) != 1 or query.categories or query.within:
        return None
    phrase = query.keywords[0]
    # A close spelling counts only as a typo of the name in its own script: products are
    # what was searched, and "보톡스나 필러" sounds somewhat like AO BioTekh Sibir.
    ids = {
        m.exhibitor_id
        for m in names.find(ctx.session, phrase)
        if not catalog.after_another_han_name(phrase, m)
        and (
            m.kind != "fuzzy"
            or (names.same_script(phrase, m.name) and names.typed_as(phrase, m.name))
        )
    }
    return catalog.get(ctx.session, ids.pop()) if len(ids) == 1 else None


def choose_area(ctx: Context) -> Reply:
    buttons = [
        _query_button(ctx, area_name(area, ctx.t.locale), SearchQuery(area=area), 0)
        for area in AREAS
    ]
    return Reply(
        text=ctx._("Which product or country are you looking for? Or choose an exhibition area:"),
        buttons=rows(*buttons, per_row=2),
    )


def describe(ctx: Context, query: SearchQuery) -> str:
    """The user's product words in quotes, unless a category has that very name, then
    the categories they stand for (those the words narrow too: "Implants · “hanche”")."""
    shown = query.categories + (query.within if query.narrowing else ())
    names = [ctx.taxonomy.category_name(c, ctx.t.locale) for c in dict.fromkeys(shown)]
    named = {fold(name) for name in names}
    parts = [f"“{k}”" for k in query.keywords if fold(k) not in named] + names
    parts += [ctx.taxonomy.attributes.name(a, ctx.t.locale) for a in query.attributes]
    # Goods refused that are what is asked for filter nothing ("vins effervescents, mais pas
    # de champagne", champagne being no category of its own).
    asked = ctx.taxonomy.with_ancestors(query.categories + query.within)
    parts += [
        ctx._("no {goods}").format(goods=ctx.taxonomy.category_name(c, ctx.t.locale))
        for c in query.refused
        if c in ctx.taxonomy.categories and c not in asked
    ]
    if query.country and query.country.startswith(NOT_FROM):
        refused = country_name(query.country.removeprefix(NOT_FROM), ctx.t.locale)
        parts.append(ctx._("not from {country}").format(country=refused))
    elif query.country:
        parts.append(country_name(query.country, ctx.t.locale))
    if query.area:
        parts.append(area_name(query.area, ctx.t.locale))
    if query.hall:
        parts.append(ctx._("hall {hall}").format(hall=query.hall))
    if query.speaks:
        spoken = Locale.parse(ctx.t.locale).languages.get(query.speaks, query.speaks)
        parts.append(ctx._("staff speak {language}").format(language=spoken))
    return escape(" · ".join(parts))


def results(ctx: Context, query: SearchQuery, page: int, *, edit: bool = False) -> Reply:
    return _page(ctx, query, catalog.search(ctx.session, query, page, taxonomy=ctx.taxonomy), edit)


def _page(
    ctx: Context,
    query: SearchQuery,
    found: catalog.SearchPage,
    edit: bool = False,
    *,
    note: str = "",
) -> Reply:
    if found.total == 0:
        return Reply(
            text=ctx._("No exhibitors found for {query}.").format(query=describe(ctx, query))
            + "\n"
            + ctx._("Try a more general product word, another country, or browse by area:"),
            buttons=choose_area(ctx).buttons,
            edit=edit,
        )
    header = ctx.t.ngettext(
        "{count} exhibitor for {query}",
        "{count} exhibitors for {query}",
        found.total,
    ).format(count=ctx.t.number(found.total), query=describe(ctx, query))
    lines = [note, f"<b>{header}</b>"] if note else [f"<b>{header}</b>"]
    if found.pages > 1:
        lines.append(
            ctx._("Page {page} of {pages}").format(
                page=ctx.t.number(found.page + 1), pages=ctx.t.number(found.pages)
            )
        )
    first = found.page * catalog.PAGE_SIZE
    remember(ctx, query, found, first + 1)
    for number, exhibitor in enumerate(found.items, start=first + 1):
        lines.append(
            ctx._("{number}. <b>{name}</b> ({country}) — hall {hall}, booth {booth}").format(
                number=number,
                name=escape(catalog.display_name(exhibitor, ctx.t.locale)),
                country=escape(country_name(exhibitor.country, ctx.t.locale)),
                hall=escape(exhibitor.hall),
                booth=escape(exhibitor.booth),
            )
        )
    lines.append("")
    if catalog.is_demo(ctx.session, "exhibitors"):
        lines.append("<i>" + ctx._("Demo catalog: the companies are fictitious.") + "</i>")
    picks = [
        ctx.button(f"{n}. {catalog.display_name(e, ctx.t.locale)}"[:40], "ex", e.id)
        for n, e in enumerate(found.items, start=first + 1)
    ]
    nav: list[Button] = []
    if found.page > 0:
        nav.append(_query_button(ctx, ctx._("◀ Previous"), query, found.page - 1))
    if found.page + 1 < found.pages:
        nav.append(_query_button(ctx, ctx._("Next ▶"), query, found.page + 1))
    refine = refine_rows(ctx, query, found.facets)
    buttons = rows(*picks, per_row=1) + ((tuple(nav),) if nav else ()) + refine
    return Reply(text="\n".join(lines), buttons=buttons, edit=edit)


def refine_rows(
    ctx: Context, query: SearchQuery, found: dict[str, list[str]]
) -> tuple[tuple[Button, ...], ...]:
    """Narrow the results by one of their most frequent countries or areas."""
    locale = ctx.t.locale
    chosen = query.country and not query.country.startswith(NOT_FROM)
    countries = [] if chosen else found["country"]
    areas = [] if query.area else found["area"]
    refine = [
        _query_button(ctx, "🔍 " + country_name(code, locale), replace(query, country=code), 0)
        for code in countries[:3]
        if len(countries) > 1
    ]
    refine += [
        _query_button(ctx, "🔍 " + area_name(area, locale), replace(query, area=area), 0)
        for area in areas[:3]
        if len(areas) > 1
    ]
    return rows(*refine, per_row=3) if refine else ()


def _query_button(ctx: Context, label: str, query: SearchQuery, page: int) -> Button:
    """A button that re-runs the query; shorter forms are tried until it fits 64 bytes:
    the phrases as the stems the search uses, then fewer phrases and categories."""
    compact = replace(query, keywords=tuple(compact_phrase(k) for k in query.keywords))
    first = replace(compact, keywords=compact.keywords[:1])
    candidates = (
        query,
        compact,
        first,
        replace(first, categories=query.categories[:2]),
        replace(query, keywords=(), within=(), categories=query.categories[:2]),
        replace(query, keywords=(), within=(), categories=query.categories[:1]),
    )
    for candidate in candidates:
        try:
            return ctx.button(label, VERB, *_encode(candidate, page))
        except ValueError:
            continue
    return ctx.button(label, "menu", "search")


def _encode(query: SearchQuery, page: int) -> tuple[str, ...]:
    return (
        str(page),
        ",".join(query.categories),
        query.country or "",
        query.area or "",
        query.hall or "",
        ",".join(query.keywords),
        ",".join(query.within),
        "n" if query.narrowing else "",
        ",".join(query.attributes),
        query.speaks or "",
        ",".join(query.refused),
    )


def _decode(args: tuple[str, ...]) -> tuple[SearchQuery, int]:
    if len(args) in (6, 7, 8, 9, 10):  # a button from before searches had `within`,
        args = (*args, "", "", "", "", "")[:11]  # `narrowing`, `attributes`, `speaks`, `refused`
    if len(args) != 11 or not args[0].isdigit():
        raise InvalidCallback("search arguments")
    page, categories, country, area, hall, keywords, within, narrowing, attributes, speaks = args[
        :10
    ]
    refused = args[10]
    return (
        SearchQuery(
            categories=tuple(c for c in categories.split(",") if c),
            keywords=tuple(k for k in keywords.split(",") if k),
            country=country or None,
            area=area if area in AREA_NAMES else None,
            hall=hall or None,
            within=tuple(c for c in within.split(",") if c),
            narrowing=narrowing == "n",
            attributes=tuple(a for a in attributes.split(",") if a),
            speaks=speaks if speaks in LOCALES else None,
            refused=tuple(c for c in refused.split(",") if c),
        ),
        int(page),
    )


def on_callback(ctx: Context, args: tuple[str, ...]) -> Reply:
    query, page = _decode(args)
    query = _with_known_words(ctx, query)
    return results(ctx, query, page, edit=True)


def _with_known_words(ctx: Context, query: SearchQuery) -> SearchQuery:
    """A query from a button or a saved list with only the attributes and categories this
    taxonomy knows: a forged button, or one from before the taxonomy changed."""
    known = ctx.taxonomy.categories
    return replace(
        query,
        attributes=ctx.taxonomy.attributes.known(query.attributes),
        refused=tuple(c for c in query.refused if c in known),
    )


# --- the conversation: the list shown, paging and refining it ----------------------------
def remember(ctx: Context, query: SearchQuery, found: catalog.SearchPage, first: int) -> None:
    ctx.state.results = ResultList(
        kind=EXHIBITORS,
        ids=[e.id for e in found.items],
        first=first,
        page=found.page,
        pages=found.pages,
        query=query_to_state(query),
    )
    ctx.state.subject = EXHIBITORS


def query_to_state(query: SearchQuery) -> dict[str, Any]:
    return {key: value for key, value in asdict(query).items() if value}


def query_from_state(data: dict[str, Any]) -> SearchQuery:
    return SearchQuery(
        categories=tuple(data.get("categories", ())),
        keywords=tuple(data.get("keywords", ())),
        country=data.get("country"),
        area=data.get("area"),
        hall=data.get("hall"),
        within=tuple(data.get("within", ())),
        narrowing=bool(data.get("narrowing")),
        attributes=tuple(data.get("attributes", ())),
        speaks=data.get("speaks"),
        refused=tuple(data.get("refused", ())),
    )


def refine(ctx: Context, nlu: NluResult) -> Reply:
    """The last search with what this message says changed: "only from Japan" keeps the
    product and sets the country; "what about cheese?" keeps the country."""
    assert ctx.state.results is not None
    last = _with_known_words(ctx, query_from_state(ctx.state.results.query))
    said = build_query(ctx, nlu, guess_products=False)
    # Goods refused are read from all the message's words, tagged or not ("but no cutting
    # tools").
    said = replace(said, refused=said.refused or build_query(ctx, nlu).refused)
    products = said if said.categories or said.keywords else last
    merged = replace(
        last,
        categories=products.categories,
        keywords=products.keywords,
        within=products.within,
        narrowing=products.narrowing,
        # "刀具类的不要": refused goods drop out of the list shown, whatever else it asks.
        refused=tuple(sorted(set(products.refused) | set(said.refused))),
        attributes=said.attributes or last.attributes,
        country=said.country or last.country,
        area=said.area or last.area,
        hall=said.hall or last.hall,
        speaks=said.speaks or last.speaks,
    )
    return results(ctx, merged, page=0)
