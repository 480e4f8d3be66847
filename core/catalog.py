"""Exhibitor search and look-up: the catalog service."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import pairwise
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Text,
    and_,
    case,
    column,
    func,
    literal,
    literal_column,
    not_,
    or_,
    select,
    table,
    text,
    union_all,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from core import cues, names
from core.countries import TAXONOMY_DIR, region_members
from core.fulltext import (
    ATTRIBUTE,
    CATEGORY,
    DESCRIPTION,
    PART,
    compound_heads,
    compound_tails,
    fold,
    phrase_variants,
    same_word,
    units,
)
from core.models import CatalogSource, Exhibitor
from core.settings import LOCALES
from core.taxonomy import Taxonomy

PAGE_SIZE = 5
MAX_CATEGORIES = 3
MAX_NAME_WORDS = 6
NOT_FROM = "-"  # before a query's country code: the goods must not come from there
# A category's trade is told by its first few profile words (names, then main terms).
_TRADE_CATEGORIES_MAX = 12
_TRADE_WORDS_EACH = 6


@dataclass(frozen=True)
class SearchQuery:
    categories: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    country: str | None = None
    area: str | None = None
    hall: str | None = None
    # Categories the keywords are a kind of ("olive oil", "oysters"): their words count in
    # the product lists of these categories' exhibitors only, not inside another product's
    # name ("tuna in olive oil", "Oyster Perpetual" watches); in a profile they count.
    within: tuple[str, ...] = ()
    # The keywords only say which of `within`'s exhibitors ("hanche" among implants): they
    # count in those exhibitors' product lists, never in a profile.
    narrowing: bool = False
    # What the products must be besides ("organic", "halal"): their exhibitors say so.
    attributes: tuple[str, ...] = ()
    # A language the booth's staff speak ("exposants qui parlent français"): a code.
    speaks: str | None = None
    # Categories of goods the buyer refused ("刀具类的就不用推荐了"): their exhibitors drop
    # out, unless they also sell something else the search asks for.
    refused: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (
            self.categories
            or self.keywords
            or self.country
            or self.area
            or self.hall
            or self.attributes
            or self.speaks
        )


@dataclass(frozen=True)
class SearchPage:
    items: list[Exhibitor]
    total: int
    page: int
    # The most frequent countries and areas among all results, for "refine" buttons.
    facets: dict[str, list[str]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


# The word index (migration 0009): SQLite FTS5 over `search_text`, whose tokens are
# separated by spaces; PostgreSQL a GIN index over the same tokens stored as an array.
_FTS = table("exhibitors_fts", column("rowid"), column("exhibitors_fts"))
_TOKENS: ColumnElement[Any] = literal_column("exhibitors.search_tokens")


def _token_array(tokens: list[str]) -> ColumnElement[Any]:
    # One parameter for the whole array: building and compiling one bound parameter per
    # token took a third of a search's time.
    return literal(tokens, postgresql.ARRAY(Text))


def _has_any(
    variants: list[list[str]],
    dialect: str,
    *,
    unless: Sequence[tuple[list[list[str]], list[list[str]]]] = (),
    scoped: Sequence[tuple[str, list[list[str]]]] = (),
) -> ColumnElement[bool]:
    """All tokens of one of the variants in the exhibitor's index text, or, for each pair
    in `unless`, one of its first variants and none of its second, or, for each pair in
    `scoped`, its token and one of its variants."""
    if dialect == "sqlite":
        # One FTS look-up for them all; SQLite then probes the row set per exhibitor.
        parts = [_fts(variants)] if variants else []
        parts += [f"({_fts(having)}) NOT ({_fts(without)})" for having, without in unless]
        parts += [f'"{token}" AND ({_fts(inside)})' for token, inside in scoped]
        expression = " OR ".join(f"({part})" for part in parts)
        indexed = select(_FTS.c.rowid).where(_FTS.c.exhibitors_fts.op("MATCH")(expression))
        return literal_column("exhibitors.rowid").in_(indexed)
    # The category's token once, then its variants in one array test: a kind's words in
    # eight languages would otherwise be as many containment tests. First, as most rows
    # found are the category's: PostgreSQL tests the rest only when it fails.
    conditions = [
        and_(_TOKENS.op("@>")(_token_array([token])), _pg_has_any(inside))
        for token, inside in scoped
    ]
    conditions += [_pg_has_any(variants)] if variants else []
    conditions += [
        and_(_pg_has_any(having), not_(_pg_has_any(without))) for having, without in unless
    ]
    return or_(*conditions)


def _fts(variants: list[list[str]]) -> str:
    return " OR ".join("(" + " AND ".join(f'"{t}"' for t in v) + ")" for v in variants)


def _pg_has_any(variants: list[list[str]]) -> ColumnElement[bool]:
    singles = list(dict.fromkeys(tokens[0] for tokens in variants if len(tokens) == 1))
    several = [tokens for tokens in variants if len(tokens) > 1]
    conditions = [_TOKENS.op("&&")(_token_array(singles))] if singles else []
    conditions += [_TOKENS.op("@>")(_token_array(tokens)) for tokens in several]
    return or_(*conditions)


def _ranked_has_any(variants: list[list[str]], dialect: str) -> ColumnElement[bool]:
    """`_has_any` for rows already found: PostgreSQL finds a token in the text faster than
    it splits the text into an array once per row."""
    if dialect == "sqlite":
        return _has_any(variants, dialect)
    padded = " " + Exhibitor.search_text + " "
    return or_(*(and_(*(func.strpos(padded, f" {t} ") > 0 for t in v)) for v in variants))


def _described(variants: list[list[str]]) -> list[list[str]]:
    return [[DESCRIPTION + token for token in tokens] for tokens in variants]


def _variants(phrase: str, taxonomy: Taxonomy | None) -> list[list[str]]:
    """A phrase's token sets, and those of the same kind in other languages' words."""
    variants = phrase_variants(phrase)
    for other in taxonomy.same_kind(phrase) if taxonomy is not None else ():
        variants += [v for v in phrase_variants(other) if v not in variants]
    return variants


def _as_first_parts(variants: list[list[str]]) -> list[list[str]]:
    """What narrows a product may also start a German compound naming it: the apples of
    "jus de pomme" in "Apfelsaft"."""
    return [[PART + tokens[0]] for tokens in variants if len(tokens) == 1 and tokens[0].isalpha()]


def _profile_variants(
    phrase: str, variants: list[list[str]], taxonomy: Taxonomy | None = None
) -> list[list[str]]:
    own = phrase_variants(phrase)
    told = own + [v for v in variants if len(v) == 1 and v not in own]
    return _without_function_words(told, taxonomy)


def _without_function_words(
    variants: list[list[str]], taxonomy: Taxonomy | None
) -> list[list[str]]:
    """The variants that may name something in an English profile: "thé" is "the" once
    stemmed, a word in every sentence."""
    small = taxonomy.profile_function_stems if taxonomy is not None else frozenset()
    return [v for v in variants if not (len(v) == 1 and v[0] in small)]


def _countries_of(code: str | None) -> list[str]:
    """The countries a country or region code stands for ("005", South America: AR, BO ...),
    or several of them joined by "+"."""
    if not code:
        return []
    members = region_members(TAXONOMY_DIR)
    # "DE+IT": Germany or Italy.
    return sorted({c for part in code.split("+") for c in members.get(part, frozenset({part}))})


def _conditions(
    query: SearchQuery, dialect: str, *, profiles: bool = True, taxonomy: Taxonomy | None = None
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Exhibitor.retired_at.is_(None)]
    # Imports index every ancestor of an exhibitor's categories (hearing aids are medical
    # devices too), so a parent category finds its sub-categories here.
    wanted = [[CATEGORY + category] for category in query.categories]
    within = [CATEGORY + category for category in query.within]
    described: list[list[str]] = []
    described_only = []
    scoped: list[tuple[str, list[list[str]]]] = []
    unread: list[list[str]] = []
    for phrase in query.keywords:
        variants = _variants(phrase, taxonomy)
        if query.narrowing:
            variants += _as_first_parts(variants)
        if within:
            # In a product list only as one of the category's products (the category itself
            # may be wanted already), in a profile as it is.
            kinds = [(category, variants) for category in within if [category] not in wanted]
            scoped += kinds
            if not query.narrowing:
                # A profile in any language ("Sheep's milk cheese maker" for "Milch"),
                # but other languages' phrases only by their one-word forms: those are one
                # array test, each several-word form another one on every row.
                told = _profile_variants(phrase, variants, taxonomy)
                if told:
                    described_only.append((_described(told), told))
                if kinds:
                    # A kind's word where the taxonomy read nothing; a category's own word
                    # there is only a complement ("poêles à bois" for "bois").
                    unread += told
        else:
            wanted += variants
            told = _without_function_words(variants, taxonomy)
            described += _described(told) if profiles else []
    if taxonomy is not None and profiles:
        # A profile in English or Chinese naming a narrow category ("Hip and knee
        # prostheses.") says what its exhibitor sells, whatever language the labels are in.
        for term in taxonomy.profile_words(query.categories):
            described += _described(phrase_variants(term))
    if query.categories or query.keywords:
        matched = _matched(
            wanted, described, described_only, scoped, dialect, _profile_areas(query, taxonomy)
        )
        if unread:
            # A kind's word in a product list the taxonomy could not categorise at all
            # ("materace kieszeniowe"): no category to scope it by, the word says it.
            matched = or_(matched, and_(Exhibitor.categories == "", _has_any(unread, dialect)))
        conditions.append(matched)
    if taxonomy is not None:
        conditions += [_says(a, dialect) for a in query.attributes]
    if query.refused:
        conditions.append(_not_only_refused_goods(query, taxonomy))
    refused = query.country.startswith(NOT_FROM) if query.country else False
    countries = _countries_of(query.country.removeprefix(NOT_FROM) if query.country else None)
    if countries and refused:
        conditions.append(Exhibitor.country.not_in(countries))  # "не из Чили"
    elif countries and dialect == "postgresql" and (query.categories or query.keywords):
        # The planner prices the word arrays too low and would read every exhibitor of the
        # country testing their arrays (16 ms for "wine" in France at 20,000 exhibitors);
        # the country as an expression leaves it the word index (7 ms).
        conditions.append(func.concat(Exhibitor.country, "").in_(countries))
    elif countries:
        conditions.append(Exhibitor.country.in_(countries))
    if query.area and dialect == "postgresql" and (query.categories or query.keywords):
        conditions.append(func.concat(Exhibitor.area, "") == query.area)
    elif query.area:
        conditions.append(Exhibitor.area == query.area)
    if query.hall and "." not in query.hall:
        # "Halle 3": its floors, 3.1 and 3.2.
        conditions.append(or_(Exhibitor.hall == query.hall, Exhibitor.hall.like(f"{query.hall}.%")))
    elif query.hall:
        conditions.append(Exhibitor.hall == query.hall)
    if query.speaks:
        # The codes the exhibitor listed, ";"-separated: "en;de;zh".
        listed = literal(";") + Exhibitor.languages + ";"
        conditions.append(listed.like(f"%;{query.speaks.lower()};%"))
    return conditions


def _not_only_refused_goods(query: SearchQuery, taxonomy: Taxonomy | None) -> ColumnElement[bool]:
    """No exhibitor of a refused category whose categories name nothing else asked for.
    The categories column holds every ancestor (cutting tools are machine tools too), so
    what is above a refused category says nothing of other goods."""
    asked = set(query.categories) | set(query.within)
    refused = set(query.refused)
    other: set[str] = set()
    if taxonomy is not None:
        # "wine, no sparkling": a kind of what is asked; "no wine" for wine asks nothing.
        refused -= taxonomy.with_ancestors(asked)
        other = taxonomy.with_subcategories(asked) - taxonomy.with_subcategories(refused)
        other -= taxonomy.with_ancestors(refused)
    if not refused:
        return literal(True)
    has_refused = or_(*(Exhibitor.categories.contains(f" {c} ") for c in sorted(refused)))
    if not other:
        return not_(has_refused)
    has_other = or_(*(Exhibitor.categories.contains(f" {c} ") for c in sorted(other)))
    return or_(not_(has_refused), has_other)


def _says(attribute: str, dialect: str) -> ColumnElement[bool]:
    """An exhibitor whose products or profile say the attribute (found at import)."""
    return _has_any([[ATTRIBUTE + attribute]], dialect)


def _matched(
    wanted: list[list[str]],
    described: list[list[str]],
    described_only: list[tuple[list[list[str]], list[list[str]]]],
    scoped: list[tuple[str, list[list[str]]]],
    dialect: str,
    areas: set[str],
) -> ColumnElement[bool]:
    """The exhibitors whose products, or whose profiles in `areas` (any, when empty), have
    what a request asks for."""
    if not areas:
        everything = wanted + described
        if not (everything or described_only or scoped):
            return literal(False)
        return _has_any(everything, dialect, unless=described_only, scoped=scoped)
    listed = _has_any(wanted, dialect, scoped=scoped) if wanted or scoped else literal(False)
    if not (described or described_only):
        return listed
    profiled = _has_any(described, dialect, unless=described_only)
    return or_(listed, and_(Exhibitor.area.in_(sorted(areas)), profiled))


def _profile_areas(query: SearchQuery, taxonomy: Taxonomy | None) -> set[str]:
    """Where a profile's words say what an exhibitor sells: the exhibition areas of the
    categories asked for. A skincare brand "using green tea" or "built on red ginseng
    extract" sells no tea nor ginseng."""
    return set() if query.area else _areas(query, taxonomy)


def product_query(
    session: Session,
    taxonomy: Taxonomy,
    query: SearchQuery,
    phrases: list[str],
    *,
    head_first: bool = False,
) -> SearchQuery:
    """The search for these product phrases within `query`'s filters. Each phrase is
    searched in the exhibitors' own words and, when it names a category ("hearing aids",
    "Eiswein"), as that category with everything under it. A phrase naming a kind within a
    category ("camembert") finds the exhibitors of that category that write it, and the
    category only when none does; one that only ends in a category's term ("Tasmanian ice
    wine", "frozen durian") is searched as that category only when no exhibitor writes it.
    The specific words find the exhibitors that have them, not the whole category. A typo
    is corrected only when the phrase as typed finds nothing. `head_first`: the request's
    language puts the noun first (French, Spanish, Russian)."""
    probes = _PROBES.set({})
    try:
        return _product_query_of(session, taxonomy, query, phrases, head_first)
    finally:
        _PROBES.reset(probes)


def _product_query_of(
    session: Session, taxonomy: Taxonomy, query: SearchQuery, phrases: list[str], head_first: bool
) -> SearchQuery:
    with _by_word_index(session):
        read = [_read_phrase(session, taxonomy, phrase, head_first) for phrase in phrases]
        phrases = [phrase for phrase, _ in read]
        if len(read) > 1:
            # Those that name something first: a long message's products may come after
            # its greetings ("Guten Tag, wir sind ein Importeur … Handtücher"); "для
            # ресторанов", "фура в месяц" say who buys and how, and search nothing.
            naming = [
                phrase
                for phrase, known in read[:_MAX_READ]
                if known or taxonomy.typo_tolerant(phrase)
            ]
            phrases = naming or phrases
        return _product_query(session, taxonomy, query, phrases[:_MAX_PHRASES], head_first)


def _a_sibling_named(taxonomy: Taxonomy, phrase: str, head: frozenset[str]) -> frozenset[str]:
    """The categories a phrase names beside its head's that share a broader kind with it:
    cold chain beside warehousing, both logistics ("fruits" of "breuvages aux fruits" is
    no beverage's sibling)."""
    return frozenset(taxonomy.siblings(head, taxonomy.categories_in_text(phrase)))


def _the_kind_written(
    session: Session, taxonomy: Taxonomy, own: SearchQuery, phrase: str, categories: frozenset[str]
) -> str | None:
    """The kind a phrase names with more words ("comté" of "comté fruité affiné"), when
    exhibitors of these categories write it."""
    kind = taxonomy.kind_within(phrase)
    within = tuple(sorted(categories))
    if kind and finds_any(
        session, replace(own, keywords=(kind,), within=within), taxonomy=taxonomy
    ):
        return kind
    return None


def _read_phrase(
    session: Session, taxonomy: Taxonomy, phrase: str, head_first: bool
) -> tuple[str, bool]:
    """The phrase, or the product named inside it when neither the taxonomy nor any
    exhibitor's words know the whole ("vor allem Kugelhähne"), and whether what is kept
    names a category or words some exhibitor writes."""
    if taxonomy.match_product(phrase, head_first=head_first).categories or finds_any(
        session, SearchQuery(keywords=(phrase,)), taxonomy=taxonomy
    ):
        return phrase, True
    inside = taxonomy.product_within(phrase, head_first=head_first)
    return (inside, True) if inside else (phrase, False)


# A message's product phrases read, and searched; a long message has more of the first.
_MAX_READ = 16
_MAX_PHRASES = 6


def _product_query(
    session: Session, taxonomy: Taxonomy, query: SearchQuery, phrases: list[str], head_first: bool
) -> SearchQuery:
    categories: list[str] = []
    within: list[str] = []
    keywords = list(phrases)
    restricted = True
    narrowing = False
    for at, phrase in enumerate(phrases):
        match = taxonomy.match_product(phrase, head_first=head_first)
        own = replace(query, keywords=(phrase,))
        if match.whole:
            categories += sorted(match.whole - set(categories))
            within += sorted(match.whole - set(within))
        elif match.kind_of:
            within += sorted(match.kind_of - set(within))
            if not finds_any(session, replace(own, within=tuple(match.kind_of)), taxonomy=taxonomy):
                if kind := _the_kind_written(session, taxonomy, own, phrase, match.kind_of):
                    keywords[at] = kind  # "comté affiné": those who write comté
                else:
                    categories += sorted(match.kind_of - set(categories))
        elif match.head and not finds_any(session, own, taxonomy=taxonomy):
            if kind := _the_kind_written(session, taxonomy, own, phrase, match.head):
                # "comté fruité affiné": those who write the kind, not the whole category.
                keywords[at] = kind
                within += sorted(match.head - set(within))
                continue
            modifier = taxonomy.modifier(phrase, match.head)
            narrowed = replace(
                own, keywords=(modifier,), within=tuple(sorted(match.head)), narrowing=True
            )
            if modifier and finds_any(session, narrowed, taxonomy=taxonomy):
                # "implants de hanche" where the catalog writes "prothèses de hanche": the
                # head's exhibitors that name what the phrase adds, not every implant.
                keywords[at] = modifier
                within += sorted(match.head - set(within))
                narrowing = True
            else:
                restricted = False
                # "prestataire logistique chaîne du froid": what the phrase adds is a kind of
                # its own beside the head's, under the same broader kind, and says which.
                categories += sorted(
                    (_a_sibling_named(taxonomy, phrase, match.head) or match.head) - set(categories)
                )
        else:
            restricted = False
    found = replace(
        query,
        categories=tuple(categories[:MAX_CATEGORIES]),
        keywords=tuple(keywords),
        within=tuple(within) if restricted else (),
        narrowing=narrowing and restricted,
    )
    if found.within and not finds_any(session, found, taxonomy=taxonomy):
        # A label the taxonomy could not read ("Tequila 100% agave reposado"): the words
        # in the product list count as they are, in the product's exhibition area ("Oyster
        # Perpetual" watches are no oysters), if they are the phrase's very words.
        areas = {taxonomy.categories[c].area for c in found.within}
        area = found.area or (areas.pop() if len(areas) == 1 else None)
        loose = replace(found, within=(), area=area)
        anywhere = replace(found, within=(), categories=())
        if _writes(session, loose, phrases):
            found = loose
        elif _writes(session, anywhere, phrases, as_heads=True):
            # Nobody in the category, but compounds elsewhere with the phrase as their head:
            # "Blutdruckmessgeräte" are "Messgeräte" (a watch named "Oyster" is no oyster).
            found = anywhere
    if categories or finds_any(session, found, taxonomy=taxonomy):
        return found
    if len(phrases) == 1 and (respelled := taxonomy.respelled(phrases[0])):
        return _product_query(session, taxonomy, query, [respelled], head_first)
    corrected = sorted(
        {c for phrase in phrases for c in taxonomy.typo_tolerant(phrase)}
        # A slip in one word of several ("экспедирвоание грузов").
        or {c for phrase in phrases if " " in phrase for c in _words_with_slips(taxonomy, phrase)}
    )
    if corrected:
        return replace(found, categories=tuple(corrected[:MAX_CATEGORIES]))
    return _broader(session, taxonomy, query, phrases, head_first) or found


def _words_with_slips(taxonomy: Taxonomy, phrase: str) -> set[str]:
    """A request's last resort, word by word, each as written or with a slip: "ブラックタイガー
    HOSO" (shrimp), "экспедирвоание грузов"; an everyday word is none ("stellen heuer" names
    no Stollen)."""
    return {
        c
        for word in phrase.split()
        if not names.is_common(word.casefold())
        for c in taxonomy.typo_tolerant(word)
    }


def _broader(
    session: Session, taxonomy: Taxonomy, query: SearchQuery, phrases: list[str], head_first: bool
) -> SearchQuery | None:
    """When a one-product request finds nothing, the broader thing it names that finds
    someone: a German compound's tail ("Laserschneidmaschinen": "Schneidmaschinen"), or
    the head before a complement ("pneus de moto": "pneus"); never a generic word
    ("Geräte", "systèmes")."""
    if len(phrases) != 1:
        return None
    for broader in _broader_phrases(taxonomy, phrases[0], head_first):
        found = _product_query(session, taxonomy, query, [broader], head_first)
        if found.categories or finds_any(session, found, taxonomy=taxonomy):
            return found
    return None


def _broader_phrases(taxonomy: Taxonomy, phrase: str, head_first: bool) -> list[str]:
    words = phrase.split()
    if len(words) == 1:
        candidates = list(compound_tails(fold(words[0])))
    else:
        head = taxonomy.head_before_link(phrase) if head_first else None
        candidates = [head] if head else []
    return [c for c in candidates if len(c) > 3 and fold(c) not in taxonomy.generic_heads]


def _writes(
    session: Session,
    query: SearchQuery,
    phrases: list[str],
    sample: int = 20,
    *,
    as_heads: bool = False,
) -> bool:
    """Whether some exhibitor the query finds has a phrase's words themselves, not only
    words with the same stem in another language (the index has "Helles" for "helado"),
    or, with `as_heads`, only as the head of a compound ("Blutdruckmessgeräte")."""
    where = and_(*_conditions(query, session.get_bind().dialect.name))
    fields = (Exhibitor.products, Exhibitor.description_en, Exhibitor.description_zh)
    for row in session.execute(select(*fields).where(where).limit(sample)):
        text = fold(" ".join(value or "" for value in row))
        written = {unit.word for unit in units(text) if not unit.cjk}
        for phrase in phrases:
            wanted = units(phrase)
            if all(
                unit.text in text
                if unit.cjk
                else any(
                    unit.text in compound_heads(w) if as_heads else same_word(unit.word, w)
                    for w in written
                )
                for unit in wanted
            ):
                return True
    return False


def finds_any(
    session: Session,
    query: SearchQuery,
    *,
    profiles: bool = True,
    taxonomy: Taxonomy | None = None,
) -> bool:
    """Whether a search finds anyone (cheaper than counting); without `profiles`, by
    product lists alone; with `taxonomy`, also by profiles naming its categories."""
    asked = _PROBES.get()
    key = (query, profiles, taxonomy is not None)
    if asked is not None and key in asked:
        return asked[key]
    dialect = session.get_bind().dialect.name
    where = and_(*_conditions(query, dialect, profiles=profiles, taxonomy=taxonomy))
    found = session.scalar(select(Exhibitor.id).where(where).limit(1)) is not None
    if asked is not None:
        asked[key] = found
    return found


# The probes of one request's reading (`product_query`): its steps ask some twice.
_PROBES: ContextVar[dict[tuple[SearchQuery, bool, bool], bool] | None] = ContextVar(
    "probes", default=None
)


def count(session: Session, query: SearchQuery, *, profiles: bool = True) -> int:
    """How many exhibitors a search finds; without `profiles`, by product lists alone."""
    where = and_(*_conditions(query, session.get_bind().dialect.name, profiles=profiles))
    return session.scalar(select(func.count()).select_from(Exhibitor).where(where)) or 0


def search(
    session: Session, query: SearchQuery, page: int = 0, *, taxonomy: Taxonomy | None = None
) -> SearchPage:
    """One page of results, with the total and facets from a single pass over them; with
    `taxonomy`, profiles naming a narrow category count too."""
    with _by_word_index(session) as dialect:
        return _search(session, query, page, dialect, taxonomy)


@contextmanager
def _by_word_index(session: Session) -> Iterator[str]:
    """The session's dialect, with PostgreSQL reading rows through the word index. Its
    planner prices testing each row's word array too low: it would scan the whole table
    for a broad category, or for a "does anyone have it" probe that finds no one (110 ms
    for organic wine in the demo catalog, against 2 ms by the GIN index)."""
    dialect = session.get_bind().dialect.name
    if dialect != "postgresql":
        yield dialect
        return
    # One round trip: the setting as it was (read first, in the subquery), then turned off.
    before = session.scalar(
        text(
            "SELECT was.setting FROM (SELECT current_setting('enable_seqscan') AS setting"
            " OFFSET 0) AS was, set_config('enable_seqscan', 'off', true)"
        )
    )
    if before == "off":
        yield dialect  # already inside a read through the word index
        return
    try:
        yield dialect
    finally:
        session.execute(
            text("SELECT set_config('enable_seqscan', :before, true)"), {"before": before}
        )


def _search(
    session: Session, query: SearchQuery, page: int, dialect: str, taxonomy: Taxonomy | None
) -> SearchPage:
    """The total, the refine facets and the page. On PostgreSQL in one pass over the
    results (testing each exhibitor's word array costs more than sending a few thousand
    short rows), then the page's exhibitors by id."""
    if query.empty:
        return SearchPage(items=[], total=0, page=0, facets=_top({}))
    where = and_(*_conditions(query, dialect, taxonomy=taxonomy))
    score = _relevance(query, dialect, _areas(query, taxonomy), _trade_named(query, taxonomy))
    if dialect == "sqlite":
        return _search_in_place(session, where, score, page)
    return _search_in_one_pass(session, where, score, page)


def _search_in_one_pass(
    session: Session, where: ColumnElement[bool], score: ColumnElement[int], page: int
) -> SearchPage:
    """The results once (PostgreSQL keeps a CTE used twice): their counts by country and
    area, and the page's ids, in one statement."""
    matched = (
        select(
            Exhibitor.id, Exhibitor.country, Exhibitor.area, Exhibitor.name_en, score.label("score")
        )
        .where(where)
        .cte("matched")
    )
    counts = select(
        literal(0).label("part"),
        matched.c.country,
        matched.c.area,
        func.count().label("n"),
        literal(None, Text).label("id"),
    ).group_by(matched.c.country, matched.c.area)
    ranked = (
        select(matched.c.id)
        .order_by(matched.c.score.desc(), matched.c.name_en, matched.c.id)
        .offset(page * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .subquery()
    )
    shown = select(literal(1), literal(None, Text), literal(None, Text), literal(0), ranked.c.id)
    rows = session.execute(union_all(counts, shown)).all()
    groups = {(str(r[1]), str(r[2])): int(r[3]) for r in rows if r[0] == 0}
    ids = [str(r[4]) for r in rows if r[0] == 1]
    total = sum(groups.values())
    last = _last_page(total)
    if page > last:
        return _search_in_one_pass(session, where, score, last)  # a stale "next" button
    return SearchPage(items=_exhibitors(session, ids), total=total, page=page, facets=_top(groups))


def _search_in_place(
    session: Session, where: ColumnElement[bool], score: ColumnElement[int], page: int
) -> SearchPage:
    """SQLite's word index is cheap to ask twice: the facets, then the page it ranks."""
    groups = _groups(session, where)
    total = sum(groups.values())
    page = max(0, min(page, _last_page(total)))
    items = session.scalars(
        select(Exhibitor)
        .where(where)
        .order_by(score.desc(), Exhibitor.name_en, Exhibitor.id)
        .offset(page * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return SearchPage(items=list(items), total=total, page=page, facets=_top(groups))


def _last_page(total: int) -> int:
    return max(0, -(-total // PAGE_SIZE) - 1)


def _groups(session: Session, where: ColumnElement[bool]) -> dict[tuple[str, str], int]:
    rows = session.execute(
        select(Exhibitor.country, Exhibitor.area, func.count())
        .where(where)
        .group_by(Exhibitor.country, Exhibitor.area)
    ).all()
    return {(str(country), str(area)): found for country, area, found in rows}


def _top(groups: dict[tuple[str, str], int], limit: int = 3) -> dict[str, list[str]]:
    totals: dict[str, Counter[str]] = {"country": Counter(), "area": Counter()}
    for (country, area), found in groups.items():
        totals["country"][country] += found
        totals["area"][area] += found
    return {
        name: sorted(counts, key=lambda value: (-counts[value], value))[: limit + 1]
        for name, counts in totals.items()
    }


def _areas(query: SearchQuery, taxonomy: Taxonomy | None) -> set[str]:
    """The exhibition areas of the categories a request names."""
    if taxonomy is None:
        return set()
    named = (*query.categories, *query.within)
    return {taxonomy.categories[c].area for c in named if c in taxonomy.categories}


def _trade_named(query: SearchQuery, taxonomy: Taxonomy | None) -> list[list[str]]:
    """For a request naming a narrow category ("Milchprodukte"), the tokens of the first
    words profiles use for it and for each category under it: an exhibitor whose
    description says "dairy" or "cheese maker" is one of the trade, before a nut grower
    whose almond butter is filed under butter too. Nothing for a broad category: its words
    would be tested on thousands of rows."""
    if taxonomy is None or not query.categories:
        return []
    named = [*query.categories, *sorted(taxonomy.with_subcategories(query.categories))]
    categories = [taxonomy.categories[c] for c in dict.fromkeys(named) if c in taxonomy.categories]
    if len(categories) > _TRADE_CATEGORIES_MAX:
        return []
    words = [term for c in categories for term in c.profile_terms[:_TRADE_WORDS_EACH]]
    variants = [tuple(v) for word in dict.fromkeys(words) for v in phrase_variants(word)]
    return _described([list(v) for v in dict.fromkeys(variants)])


def _relevance(
    query: SearchQuery, dialect: str, areas: set[str], trade: list[list[str]]
) -> ColumnElement[int]:
    """The categories a request names first (the exhibitors of ice wine, whatever words
    they use), and among them those exhibiting in the categories' area (a dairy before a
    cosmetics maker whose shea butter is filed under butter too), and those whose profile
    names the trade; then the exhibitors' own words: a searched phrase in the product list
    counts more than in the description. A phrase the taxonomy does not know ranks by own
    words."""
    score: ColumnElement[int] = literal(0)
    if areas and not query.area:
        score = score + case((Exhibitor.area.in_(sorted(areas)), 3), else_=0)
    if trade:
        score = score + case((_ranked_has_any(trade, dialect), 1), else_=0)
    if query.categories and query.keywords:
        members = [[CATEGORY + category] for category in query.categories]
        score = score + case((_ranked_has_any(members, dialect), 4), else_=0)
    for phrase in query.keywords:
        if variants := phrase_variants(phrase):
            score = score + case((_ranked_has_any(variants, dialect), 2), else_=0)
            score = score + case((_ranked_has_any(_described(variants), dialect), 1), else_=0)
    return score


def facets(session: Session, query: SearchQuery, limit: int = 3) -> dict[str, list[str]]:
    """The most frequent countries and areas among the results, for "refine" buttons."""
    where = and_(*_conditions(query, session.get_bind().dialect.name))
    return _top(_groups(session, where), limit)


# A Latin-letter name with a Chinese noun for a company after it: "Pfeiffer家", "KBR公司".
_LATIN_NAME_AND_A_HAN_NOUN = re.compile(
    r"(?<=[A-Za-z\u00c0-\u024f])\s*(?:这家|那家|家|公司|厂家|集团)$"
)


def find_by_name(
    session: Session, name: str, limit: int = 5, *, taxonomy: Taxonomy | None = None
) -> list[Exhibitor]:
    """The exhibitors a company name means, equally good matches only: an exact match on
    any of their names or aliases, else the longest name inside it or the names it begins,
    else the closest spellings (see core.names). With the taxonomy, what the name says the
    company does must be what it sells: "Keystone Pharmaceuticals" is not Keystone
    Automation, and "Filtros Sanwa" (filters, in Spanish) is Sanwa Filter Kogyo."""
    name = _LATIN_NAME_AND_A_HAN_NOUN.sub("", name) or name
    matches = [m for m in names.find(session, name) if not after_another_han_name(name, m)]
    if taxonomy is not None:
        matches = [m for m in matches if not _only_the_trade_in_common(taxonomy, name, m)]
    if taxonomy is not None and not _whole(matches) and only_trade_words(taxonomy, name):
        return []  # "Молочный комбинат": a dairy plant, not the Lácteos of one's name
    found = _exhibitors(session, [m.exhibitor_id for m in matches][:limit])
    if taxonomy is None:
        return found
    if found:
        # Words the match left out may say another trade: "Laboratoires" of "Laboratoires
        # Rochat", where the catalog's Rochat is a dairy.
        left_out = {m.exhibitor_id: name[: m.start] + " " + name[m.end :] for m in matches}
        return [
            e
            for e in found
            if may_do(taxonomy, e, name)
            and not another_trade_named(taxonomy, e, left_out.get(e.id, ""))
        ]
    trade = _name_trade(taxonomy, name)
    for rest, besides in _without_trade_words(taxonomy, name) if trade else ():
        found_rest = names.find(session, rest)
        several = " " in rest.strip()
        if several:
            # "Cerro Negro" of "Viña Cerro Negro" is not Viña Cerro Azul: all of it.
            found_rest = [m for m in found_rest if m.kind == "exact"]
        named = _exhibitors(session, [m.exhibitor_id for m in found_rest][:limit])
        # "Barossa Creek Wines" is not Barossa Ridge Wines: the name's other words are the
        # exhibitor's too.
        with_others = _found_with_each(session, rest, besides) if named else []
        doing = [
            e
            for e in named
            if _does(taxonomy, e, trade)
            and all(e.id in found for found in with_others)
            and not another_trade_named(taxonomy, e, _besides_its_names(e, name))
        ]
        if len(doing) == 1 or (doing and several):
            return doing
    return []


def _only_the_trade_in_common(taxonomy: Taxonomy, name: str, match: names.Match) -> bool:
    """Whether a name shares only the words of its trade with the exhibitor's, and goes on
    with words of its own: "Savonnerie du Midi" is not Savonnerie du Vieux Port."""
    shared = name[match.start : match.end]
    if match.kind != "partial" or not (
        only_trade_words(taxonomy, shared) or _a_compound_of_a_trade(taxonomy, shared)
    ):
        return False
    rest = name[: match.start] + " " + name[match.end :]
    return any(
        w.key.isalpha() and not names.only_links(w.raw) and not names.is_legal_form(w.raw)
        for w in names.tokens(rest)
    )


def _a_compound_of_a_trade(taxonomy: Taxonomy, word: str) -> bool:
    """A long word that names goods as a whole, as German writes a trade in one word:
    "Kaffeerösterei" of Kaffeerösterei Lindemann."""
    return (
        " " not in word.strip()
        and len(word) >= _COMPOUND_TRADE_MIN
        and bool(taxonomy.match_product(word).categories)
    )


_COMPOUND_TRADE_MIN = 8


def _does(taxonomy: Taxonomy, exhibitor: Exhibitor, trade: set[str]) -> bool:
    """Whether a trade is the exhibitor's: the one its name says ("Wing Fung Auto Parts"
    for "Yongfeng Autopartes"; "Lumière Cosmétiques" is not Maison Lumière Parfums), else
    one of what it sells."""
    named = trades_named(taxonomy, " ".join(names_of(exhibitor)))
    if named:
        # Or a kind of it: "Baumgartner Schokolade" for Confiserie Baumgartner, unless it
        # sells other kinds beside it and not that one: "champagne Vallet" is not Domaine
        # Vallet, a Burgundy estate.
        return bool(trade & taxonomy.with_subcategories(named)) and not _sells_its_siblings(
            taxonomy, exhibitor, trade
        )
    # What it sells or what that is a kind of: a "Käserei" (dairy) sells cheese.
    return bool(trade & taxonomy.with_ancestors(_sells(taxonomy, exhibitor)))


def _sells_its_siblings(taxonomy: Taxonomy, exhibitor: Exhibitor, trade: set[str]) -> bool:
    """Whether the exhibitor sells none of a trade's kinds but other kinds beside them."""
    sold = set(exhibitor.categories.split())
    if not sold or trade & taxonomy.with_ancestors(sold):
        return False
    return bool(taxonomy.siblings(trade, sold))


def after_another_han_name(name: str, match: names.Match) -> bool:
    """Whether a name matched only from the middle on stands after words of its own:
    "南山精密汽车零部件" is not 大韩精密汽车零部件, whose trade it shares ("Autopartes
    Gutiérrez" is not Hernández Autopartes, in Chinese)."""
    before = name[: match.start].strip()
    if (
        match.kind == "exact"
        or len(before) < 2
        or not all(names.has_cjk(ch) for ch in before)
        or names.is_a_place(before)
        or names.a_chinese_place(before)
    ):
        return False
    # "德马佩斯实验室" for 德玛佩斯实验室: the same sounds written with other characters.
    at = match.name.find(name[match.start : match.end])
    theirs = match.name[max(0, at - len(before)) : at] if at > 0 else ""
    return not names.sounds_alike(before, theirs)


def _whole(matches: list[names.Match]) -> bool:
    return any(m.kind == "exact" and m.score >= 100 for m in matches)


def only_trade_words(taxonomy: Taxonomy, name: str) -> bool:
    """Whether a name says only what a company does ("Молочный комбинат")."""
    words = [w for w in names.tokens(name) if w.key.isalpha() and not names.only_links(w.raw)]
    return bool(words) and all(a_trade_word(taxonomy, name[w.start : w.end]) for w in words)


def a_trade_word(taxonomy: Taxonomy, word: str) -> bool:
    """A word of a name that says what a company does, one that buyers translate
    (data/names/name_words.yml) into a product's English word ("Молочный": dairy,
    "Lácteos"), or a product's word in lower case. "Toyo" of Toyo Tires, which reads as
    toys in Spanish, is neither."""
    if names.has_cjk(word):
        return bool(taxonomy.categories_in_text(word))
    if word.islower() and trades_named(taxonomy, word):
        return True  # "полотенца" (towels), written as no name is
    english = names.in_english(word)
    return english is not None and bool(trades_named(taxonomy, english))


def may_do(taxonomy: Taxonomy, exhibitor: Exhibitor, name: str) -> bool:
    """Whether what a name says besides the exhibitor's own name words ("Pharmaceuticals"
    of "Keystone Pharmaceuticals") is among what it sells, or unknown: nothing it sells is
    categorised."""
    own = trades_named(taxonomy, " ".join(names_of(exhibitor)))
    said = trades_named(taxonomy, _besides_its_names(exhibitor, name)) - own
    return not said or not exhibitor.categories.strip() or bool(said & _sells(taxonomy, exhibitor))


def another_trade_named(taxonomy: Taxonomy, exhibitor: Exhibitor, besides: str) -> bool:
    """Whether a name says, in a word buyers translate, what the exhibitor is not, where
    the exhibitor's own names say what it is: "Laboratoires Rochat" is not Laiterie Rochat
    (a dairy), "Transports Moreau" not Moreau Automotive Systems. A word the exhibitor's
    names translate, a place, a word after a link ("de Turín": where it is from) or a
    trade among what it sells is its own."""
    theirs = {
        english
        for written in names_of(exhibitor)
        for word in written.split()
        if (english := names.in_english(word)) is not None
    }
    if not theirs or not exhibitor.categories.strip():
        return False
    sells = _sells(taxonomy, exhibitor)
    words = besides.split()
    for at, word in enumerate(words):
        english = names.in_english(word)
        if english is None or english in theirs or links_or_places(taxonomy, word):
            continue
        if at and names.only_links(words[at - 1]):
            continue
        if not trades_named(taxonomy, word) & sells:  # read in English, as trades_named reads it
            return True
    return False


def trades_named(taxonomy: Taxonomy, text: str) -> set[str]:
    """The categories a name's words are, whole (Latin and Cyrillic words, alone or two
    together: "Auto Parts") or inside (Han and kana: 制药 in 诺德制药)."""
    if names.has_cjk(text):
        return taxonomy.categories_in_text(text)
    # A word names translate is read in English: "Fils" of "Père & Fils" is sons, not
    # yarn (French "fils", threads).
    words = [names.in_english(word) or word for word in text.split()]
    found: set[str] = set()
    for phrase in [*words, *(" ".join(pair) for pair in pairwise(words))]:
        match = taxonomy.match_product(phrase)
        found |= match.whole | match.kind_of
    return found


def _name_trade(taxonomy: Taxonomy, name: str) -> set[str]:
    """The categories a name's words say, in their own words or translated ("Käserei":
    dairy)."""
    found = trades_named(taxonomy, name)
    for word in name.split():
        if (english := names.in_english(word)) is not None:
            found |= trades_named(taxonomy, english)
    return found


def _besides_its_names(exhibitor: Exhibitor, name: str) -> str:
    """The name with the words of the exhibitor's own names blanked out."""
    own = {
        spelt
        for written in names_of(exhibitor)
        for word in names.tokens(written)
        for spelt in (word.key, names.latin(word.key))
    }
    text = list(name)
    spans = [
        (word.start, word.end)
        for word in names.tokens(name)
        if word.key in own or names.latin(word.key) in own  # "лифт" of Kisaragi Lift
    ]
    for start, end in [*spans, *names.sounded_spans(name, names_of(exhibitor))]:
        text[start:end] = " " * (end - start)
    return "".join(text)


def _sells(taxonomy: Taxonomy, exhibitor: Exhibitor) -> set[str]:
    return taxonomy.with_ancestors(exhibitor.categories.split())


def names_of(exhibitor: Exhibitor) -> list[str]:
    return [exhibitor.name_en, exhibitor.name_zh or "", *(exhibitor.aliases or "").split(";")]


def _without_trade_words(taxonomy: Taxonomy, name: str) -> Iterator[tuple[str, list[str]]]:
    """What identifies the company in a short name that also says what it does:
    "Yongfeng" of "Yongfeng Autopartes", "Kraftwerk" of "Frenos Kraftwerk", then each word
    left that may name one exhibitor alone, with the other words that must be its too."""
    words = _ELIDED.sub(r"\1 ", name).split()  # "d'avocats": "d'" and "avocats"
    if len(words) > MAX_NAME_WORDS:
        return  # a sentence, not a name
    if len(words) == 1 and names.has_cjk(name):
        if (own := before_cjk_trade(taxonomy, name)) is not None:
            yield own, []  # "许特勒" of "许特勒刹车片" (brake pads)
        return
    trade = [w for w in words if trades_named(taxonomy, w) or a_trade_word(taxonomy, w)]
    # "d'" of "cabinet d'avocats Lefèvre" links the trade word, not the name's own.
    kept = [w for w in words if w not in trade and not (trade and names.only_links(w))]
    if kept and len(kept) < len(words):
        yield " ".join(kept), []
        if len(kept) > 1:
            # A word alone only if no language uses it every day and it names no place.
            for word in kept:
                if not links_or_places(taxonomy, word) and not names.is_common(word.lower()):
                    yield word, [w for w in kept if w != word and _distinctive(taxonomy, w)]


_ELIDED = re.compile(r"\b([dl]['’])(?=[^\W\d_])", re.IGNORECASE)


def before_cjk_trade(taxonomy: Taxonomy, name: str) -> str | None:
    """A Chinese or Japanese name without the product words it ends with, two characters
    or more of its own left; None when it ends with none."""
    for at in range(2, len(name) - 1):
        if taxonomy.is_term(name[at:]) and not taxonomy.categories_in_text(name[:at]):
            return name[:at]
    return None


def links_or_places(taxonomy: Taxonomy, word: str) -> bool:
    """Whether a name's word is only a link word, a place or a country."""
    return names.only_links(word) or names.is_a_place(word) or bool(taxonomy.country_code(word))


def _distinctive(taxonomy: Taxonomy, word: str) -> bool:
    """A word of a name that tells companies apart: not a link, a place, a country or a
    word buyers translate ("Técnica" of "Técnica de Frenos Kraftwerk")."""
    return not (links_or_places(taxonomy, word) or names.in_english(word))


def _found_with_each(session: Session, word: str, others: list[str]) -> list[set[str]]:
    """For each other word, the exhibitors it finds together with the word that found one
    ("денизли хавлу": Denizli Havlu, in another script); none for a word that only asks for
    a company's booth or contact ("Standnummer")."""
    return [
        {m.exhibitor_id for m in names.find(session, f"{word} {other}")}
        for other in others
        if not _asks_of_a_company(other)
    ]


def _asks_of_a_company(word: str) -> bool:
    """Whether a word asks where a company is or how to reach it, in any language."""
    return any(cues.has_any(word, cues.ASKING_OF_A_COMPANY, locale) for locale in LOCALES)


def _close_names(session: Session, name: str, limit: int) -> list[Exhibitor]:
    """Exhibitors whose names come close to one that matched nothing, to suggest instead."""
    return _exhibitors(session, [m.exhibitor_id for m in names.suggest(session, name, limit)])


def suggestions(session: Session, name: str, limit: int = 3) -> list[Exhibitor]:
    return _close_names(session, name, limit)


def _exhibitors(session: Session, ids: list[str]) -> list[Exhibitor]:
    if not ids:
        return []
    found = {e.id: e for e in session.scalars(select(Exhibitor).where(Exhibitor.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def get(session: Session, exhibitor_id: str) -> Exhibitor | None:
    return session.get(Exhibitor, exhibitor_id)


def display_name(exhibitor: Exhibitor, locale: str) -> str:
    """The name in the user's language where we have it, else English."""
    if locale == "zh" and exhibitor.name_zh:
        return exhibitor.name_zh
    return exhibitor.name_en


def product_names(exhibitor: Exhibitor, taxonomy: Taxonomy, locale: str) -> list[str]:
    """The exhibitor's own product words as the catalog gives them; the names of its
    categories in the user's language only when it lists no products."""
    own = [product.strip() for product in exhibitor.products.split(";") if product.strip()]
    if own:
        return own
    return [taxonomy.category_name(category, locale) for category in exhibitor.categories.split()]


def mark_source(session: Session, kind: str, *, demo: bool, now: datetime) -> CatalogSource:
    """Records whether the exhibitors or events just imported are the demo data."""
    found = session.get(CatalogSource, kind)
    if found is None:
        found = CatalogSource(kind=kind, demo=demo, imported_at=now)
        session.add(found)
    else:
        found.demo, found.imported_at = demo, now
    return found


def is_demo(session: Session, kind: str) -> bool:
    found = session.get(CatalogSource, kind)
    return bool(found and found.demo)
