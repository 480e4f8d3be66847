"""Reads a message in the context of the conversation, then hands it to an action.

Like a person would: "the second one" means the second item of the list just shown, "more"
its next page, "only from Japan" the same search narrowed, "them" the company last talked
about, "at 11" the booking being arranged. What is not a reference goes to the action of its
intent, as a single message would.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from actions import alerts, booking_form, exhibitor_info, language, lingang_faq, list_events, menu
from actions import search_exhibitors as search
from actions.areas import area_named
from actions.base import SEARCH_VALUES, Context, Entity, NluResult, Reply
from actions.registry import INTENTS
from core import catalog, cues, names, when
from core.dialogue import EVENTS, EXHIBITORS, State
from core.fulltext import is_small_word
from core.lingang import follow_up_facet
from core.models import Event, Exhibitor
from core.taxonomy import Taxonomy, fold

# Intents about the conversation itself (nlu-contract.md, "Conversation").
CONVERSATION_INTENTS = {"more_results", "refine", "start_over", "inform"}
# Intents that ask about one exhibitor, so an ordinal or "them" names which.
ABOUT_AN_EXHIBITOR = {"exhibitor_info", "book_meeting", "cancel_meeting"}
# Intents that stand on their own: they start a new subject even while a list is shown.
NEW_SUBJECT = {"lingang_faq", "my_meetings", "set_language", "unsubscribe_alerts"}
# Small talk the model may see in a short follow-up ("下一页" read as goodbye): a
# conversation cue in the message wins over these.
SMALL_TALK = {"greet", "goodbye", "thank", "help", "affirm", "deny"}
NOT_UNDERSTOOD = {"out_of_scope", "nlu_fallback"}
# Intents whose actions take no company: one named in a "where" question is what it is about.
NO_COMPANY = SMALL_TALK | {"list_events"}
# Longer than any company name: a sentence, not a name.
_LONGEST_NAME = 80
# Intents whose actions need a company, a day or a cue of their own; events are about
# products as well ("events about wine"), so not those.
_WITH_ITS_OWN_VALUES = {"book_meeting", "my_meetings", "cancel_meeting"}


def respond(ctx: Context, nlu: NluResult) -> Reply:
    nlu = link_companies(ctx, nlu)
    intent = understood_intent(ctx, nlu)
    restart = cues.has(nlu.text, "start_over", ctx.t.locale)
    if (
        intent == "start_over"
        and not restart
        and (search.names_products(ctx, nlu) or search.names_a_product(ctx, nlu))
    ):
        # "bornes de recharge" (charging stations), "Batteriezellen für Elektrofahrzeuge"
        # read as "start over": products, and no word of starting over.
        intent = "search_exhibitors"
    if intent == "start_over" and not restart and _asks_where_a_company_is(ctx, nlu):
        # "Quiero ver Peñalver" read as "start over": no word of starting over, a company.
        intent = "exhibitor_info"
    if intent == "start_over" or restart:
        ctx.state = State()
        return menu.menu_reply(ctx, ctx._("All right, let’s start over. What are you looking for?"))
    steps = [booking_form.continue_form, _pending_answer, _list_reference, _focus_reference]
    if ctx.state.subject == "lingang":
        steps.insert(2, _lingang_follow_up)
    for step in steps:
        reply = step(ctx, nlu, intent)
        if reply is not None:
            return reply
    return dispatch(ctx, nlu, intent)


def link_companies(ctx: Context, nlu: NluResult) -> NluResult:
    """Company names come from the catalog, not only from the model. A catalog name in the
    message becomes the company, and whatever the model tagged over it ("Sibir Technologies"
    as a date) is dropped: first a name where the model tagged a company (the catalog's
    reading of it: "Evergreen Gourmet Ltd" where the model tagged "Evergreen Gourmet"), then
    a company the model tagged that the catalog knows, then any name the catalog finds in
    the message. A company the model tagged that the catalog does not know stays, to be
    answered "no exhibitor called …"."""
    nlu = _with_legal_forms(_joined_companies(_without_interjections(ctx, nlu)))
    nlu = _without_refused_goods_tagged(ctx, _without_examples_in_brackets(ctx, nlu))
    nlu = _with_the_han_words_around(ctx, nlu)
    nlu = _without_question_words(ctx, _within_a_clause(nlu))
    nlu = _written_on(ctx, _from_the_name_on(ctx, _without_a_last_link(ctx, nlu)))
    nlu = _without_a_booth_word_after(ctx, nlu)
    tagged = [e for e in nlu.entities if e.type == "company" and e.value.strip()]
    spans = [(e.start, e.end) for e in tagged if e.end > e.start]
    places = [(c.start, c.end) for c in ctx.taxonomy.country_mentions(nlu.text)]
    found = [
        m
        for m in names.mentions(ctx.session, nlu.text, spans, places)
        if _a_name(ctx, nlu, m)
        and not search.said_before(ctx, nlu.text, m.start, "not_wanted")
        and not _the_end_of_another_name(ctx, nlu.text, m)
        and not _the_start_of_another_name(ctx, nlu.text, m)
    ]
    inside = [m for m in found if any(s < m.end and m.start < e for s, e in spans)]
    known = [
        e
        for e in tagged
        if _known_company(ctx, e.value)
        and not (
            not _a_whole_catalog_name(ctx, e.value)
            and _where_the_buyer_is(ctx, nlu, e.start, e.value)
        )
    ]
    # "匈牙利贵腐酒" with 匈牙利 and 酒 tagged as companies the catalog does not have: a
    # country or a product's name is what it says; so is a day ("Nov 6").
    retyped = {
        e: "country" if _only_a_country(ctx, e.value) else "product"
        for e in tagged
        if e not in known
        and not _only_a_property(ctx, e.value)
        and (
            _only_a_country(ctx, e.value)
            or (ctx.taxonomy.is_term(e.value) and not _a_name_word_stemmed(ctx, e.value))
            or _only_products_listed(ctx, e.value)
        )
    }
    retyped |= {
        e: "date"
        for e in tagged
        if e not in known and when.a_month_date(e.value, ctx.t.locale) == e.value.strip()
    }
    if retyped:
        entities = tuple(replace(e, type=retyped[e]) if e in retyped else e for e in nlu.entities)
        nlu = replace(nlu, entities=entities)
        tagged = [e for e in tagged if e not in retyped]
    if places_only := [
        e
        for e in tagged
        if e not in known
        and (
            names.is_a_place(e.value)
            or any(start <= e.start and e.end <= end for start, end in places)  # "du Sud"
            or _where_the_buyer_is(ctx, nlu, e.start, e.value)
            or catalog.only_trade_words(ctx.taxonomy, e.value)
            or names.only_codes_and_sizes(e.value)
            or _only_request_words(ctx, e.value)
            or _only_a_property(ctx, e.value)
        )
    ]:
        # "кофе в зёрнах для сети кофеен в Казани" with "Казани" tagged as a company: the
        # buyer's city, no company's name; nor "Молочный" of "Молочный комбинат" (a dairy).
        nlu = replace(nlu, entities=tuple(e for e in nlu.entities if e not in places_only))
        tagged = [e for e in tagged if e not in places_only]
    if known and not inside:
        # "明日" tagged beside "Nordic Medtech": only the name the catalog knows is a company.
        others = tuple(e for e in nlu.entities if e.type != "company" or e in known)
        return replace(nlu, entities=others)
    best = inside or found
    if not best and not tagged and (house := _a_name_before_house_words(ctx, nlu.text)):
        return _with_the_company_at(nlu, *house)
    if not best:
        return _tagged_with_the_name_beside(ctx, nlu, tagged, places)
    return _with_the_company_at(nlu, best[0].start, best[0].end)


def _a_name_before_house_words(ctx: Context, text: str) -> tuple[int, int] | None:
    """A catalog name, short or a family's, written before the words for its firm or a
    particle and the goods: "中村家的眼镜框", "シルバさんのコルク栓", "ミューラーさんとこの
    チーズ" (the goods tell which of the firms of that name). Not a country, a city or a
    product ("日本の酒")."""
    locale = ctx.t.locale
    joins = cues.phrases("house_words", locale)
    if locale in _NAME_PARTICLE_LOCALES:
        joins |= cues.phrases("particles", locale)  # "シルバのコルク栓", not Korean "중에"
    for join in sorted(joins, key=len, reverse=True):
        if not names.has_cjk(join):
            continue
        for found in re.finditer(re.escape(join), text):
            start = _name_run_before(ctx, text, found.start())
            head = text[start : found.start()].strip()
            if (
                len(head) >= 2
                and not ctx.taxonomy.product_categories(head, typos=False)  # "木头玩具的"
                and not ctx.taxonomy.country_code(head)
                and not ctx.taxonomy.city_id(head)
                and not names.is_frequent(head.casefold(), locale)
                and catalog.find_by_name(ctx.session, head, taxonomy=ctx.taxonomy)
                and not _only_sounds_like_a_name(ctx, head)
            ):
                return start, start + len(head)
    return None


def _name_run_before(ctx: Context, text: str, at: int) -> int:
    """Where the name written right before `at` starts: its Han characters after any
    framing word, its katakana, or its Latin words."""
    if at and _HAN_CHAR.match(text[at - 1]):
        return _han_words_before(ctx, text, at)
    run = _NAME_RUN_BEFORE.search(text[:at])
    return run.start() if run else at


# Where a particle joins a name to its goods ("の", "的"); Korean particles end every word.
_NAME_PARTICLE_LOCALES = frozenset({"zh", "ja"})
# A name's katakana (with its long vowels and dots) or one or two Latin words, ending a text.
_NAME_RUN_BEFORE = re.compile(
    r"(?:[\u30a1-\u30fa\u30fc\u30fb]+|[A-Za-z\u00c0-\u024f]+(?:[ -][A-Za-z\u00c0-\u024f]+)?)$"
)


def _without_refused_goods_tagged(ctx: Context, nlu: NluResult) -> NluResult:
    """The message without the companies the model tagged right after words that refuse
    goods: "Honig, aber bitte keinen Manuka" asks for honey, not for Manuka Bay Honey (nor
    is a catalog name found there one)."""
    kept = tuple(
        e
        for e in nlu.entities
        if e.type != "company" or not search.said_before(ctx, nlu.text, e.start, "not_wanted")
    )
    return replace(nlu, entities=kept) if len(kept) < len(nlu.entities) else nlu


def _without_examples_in_brackets(ctx: Context, nlu: NluResult) -> NluResult:
    """The message without the companies the model tagged in brackets that list examples
    of the goods before them: "poivre de qualité (Penja, Kampot, etc.)" asks for pepper,
    of those origins or others."""
    examples = search.examples_in_brackets(ctx, nlu.text)
    kept = tuple(
        e
        for e in nlu.entities
        if e.type != "company" or not any(s <= e.start and e.end <= t for s, t in examples)
    )
    return replace(nlu, entities=kept) if len(kept) < len(nlu.entities) else nlu


def _with_the_han_words_around(ctx: Context, nlu: NluResult) -> NluResult:
    """A Chinese company the model tagged without the words that open its name ("南山" of
    "南山精密汽车零部件有没有参展" with only "精密汽车零部件" tagged) or the trade words that
    end it ("北陆" of "北陆精密电子在几号馆", which is not 北陆机械工业)."""
    entities = []
    for e in nlu.entities:
        start, end = e.start, e.end
        if e.type == "company" and e.value[:1] and _HAN_CHAR.match(e.value[0]):
            start = _han_words_before(ctx, nlu.text, e.start)
        if e.type == "company" and e.value[-1:] and _HAN_CHAR.match(e.value[-1]):
            end = _han_trade_after(ctx, nlu.text, e.end)
        moved = (start, end) != (e.start, e.end)
        entities.append(replace(e, start=start, end=end, value=nlu.text[start:end]) if moved else e)
    return replace(nlu, entities=tuple(entities))


def _the_start_of_another_name(ctx: Context, text: str, match: names.Match) -> bool:
    """Whether a catalog name found in part opens another company's name, whose trade
    words follow it: "北陆" of "北陆精密电子" (北陆机械工业 makes looms)."""
    if match.kind == "exact" or not _HAN_CHAR.match(text[match.end - 1 : match.end]):
        return False
    end = _han_trade_after(ctx, text, match.end)
    return end > match.end and not catalog.find_by_name(
        ctx.session, text[match.start : end], taxonomy=ctx.taxonomy
    )


def _han_trade_after(ctx: Context, text: str, at: int) -> int:
    """Where a Chinese name that goes on at `at` ends: the Han characters after it, up to a
    framing word or particle, when two or more are left and they only say a trade."""
    framing = ctx.taxonomy.request_words | ctx.taxonomy.request_particles
    end = at
    while end < len(text) and _HAN_CHAR.match(text[end]):
        end += 1
    after = text[at:end]
    cut = min((after.find(w) for w in framing if w in after), default=len(after))
    trade = after[:cut]
    says_a_trade = names.a_chinese_trade(trade) or catalog.only_trade_words(ctx.taxonomy, trade)
    return at + cut if len(trade) >= 2 and says_a_trade else at


def _the_end_of_another_name(ctx: Context, text: str, match: names.Match) -> bool:
    """Whether a catalog name found in part ends another company's name written before it:
    "精密汽车零部件" of "南山精密汽车零部件" (but "德马佩斯" is 德玛佩斯, misspelt)."""
    start = _han_words_before(ctx, text, match.start)
    if match.kind == "exact" or start == match.start:
        return False
    before = text[start : match.start]
    if ctx.taxonomy.country_code(before) or ctx.taxonomy.city_id(before):
        return False  # "德国汉斯曼": where the company is from
    within = replace(match, start=match.start - start, end=match.end - start)
    return catalog.after_another_han_name(text[start : match.end], within)


def _han_words_before(ctx: Context, text: str, at: int) -> int:
    """Where a Chinese name that goes on at `at` starts: up to four Han characters before
    it, after the last framing word or particle among them, when two or more are left."""
    framing = ctx.taxonomy.request_words | ctx.taxonomy.request_particles
    start = at
    while start > 0 and at - start < 4 and _HAN_CHAR.match(text[start - 1]):
        start -= 1
    before = text[start:at]
    cut = max((before.rfind(w) + len(w) for w in framing if w in before), default=0)
    return start + cut if len(before) - cut >= 2 else at


_HAN_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _tagged_with_the_name_beside(
    ctx: Context, nlu: NluResult, tagged: list[Entity], places: list[tuple[int, int]]
) -> NluResult:
    """A company the model tagged only in part, whose words with the catalog name written
    beside them are that company's name in another order: "Conservas Sol" tagged in
    "Conservas Sol y Mar" (Sol y Mar Conservas S.A.)."""
    for entity in tagged:
        for mention in names.mentions(ctx.session, nlu.text, (), places):
            if not (mention.start < entity.end and entity.start < mention.end):
                continue
            start, end = min(entity.start, mention.start), max(entity.end, mention.end)
            if {m.exhibitor_id for m in names.find(ctx.session, nlu.text[start:end])} == {
                mention.exhibitor_id
            }:
                return _with_the_company_at(nlu, start, end)
    return nlu


def _with_the_company_at(nlu: NluResult, start: int, end: int) -> NluResult:
    """The message naming the company written at text[start:end], and no other: whatever
    the model tagged over those words ("Sibir Technologies" as a date) is dropped."""
    kept = [e for e in nlu.entities if e.end <= start or e.start >= end or e.end <= e.start]
    kept = [e for e in kept if e.type != "company"]
    company = Entity("company", nlu.text[start:end], start, end)
    return replace(nlu, entities=(*kept, company))


def _only_sounds_like_a_name(ctx: Context, name: str) -> bool:
    """Whether the catalog has names only close in spelling or sound to these words."""
    found = names.find(ctx.session, name)
    return bool(found) and all(m.kind == "fuzzy" for m in found)


def _an_everyday_word_tagged(nlu: NluResult) -> bool:
    """Whether the company tagged is one everyday word ("Monat" of "2 Container im Monat")."""
    values = [v.strip() for v in nlu.values("company") if v.strip()]
    return bool(values) and all(" " not in v and names.is_common(v.casefold()) for v in values)


def _known_company(ctx: Context, value: str) -> bool:
    """Whether the catalog has a company of this name, other than a product's name that
    is a part of one ("Cacao" in Cacao & Café du Moungo: "fèves de cacao" are products)."""
    found = names.find(ctx.session, value)
    if found and found[0].kind != "exact" and catalog.only_trade_words(ctx.taxonomy, value):
        return False  # "Молочный" (dairy) read in another language as some Lácteos
    if found and found[0].kind == "fuzzy" and _only_a_country(ctx, value):
        return False  # "オランダ" (the Netherlands) only sounds like Norrland
    partial = bool(found) and found[0].kind == "partial"
    # "清真认证" (halal-certified) is part of some 清真 company's name, and a property; "à
    # Lyon" is where the buyer is, though Lyon is part of some Robotique Chirurgicale Lyon.
    return bool(found) and not (
        partial
        and (ctx.taxonomy.is_term(value) or _only_a_property(ctx, value) or names.is_a_place(value))
    )


def _written_on(ctx: Context, nlu: NluResult) -> NluResult:
    """A company the model tagged as a part of a catalog name takes in the words its name
    goes on with in the message ("Grupo Industrial" of "Grupo Industrial Monterrey Norte",
    another company than Grupo Industrial Valle de Anáhuac)."""
    entities = []
    for entity in nlu.entities:
        if entity.type == "company" and entity.end > entity.start:
            found = names.find(ctx.session, entity.value)
            end = _trade_after(ctx, nlu.text, entity.end) if found else entity.end
            if end == entity.end and _runs_on(nlu, entity, found):
                end = names.written_on_to(nlu.text, entity.end)
            entity = replace(entity, value=nlu.text[entity.start : end], end=end)
        entities.append(entity)
    return replace(nlu, entities=tuple(entities))


# Han or kana written onto a name, or a Korean word after it (spaced or not); a
# capitalised word after one.
_CJK_AFTER = re.compile(
    r"(?:\s?(?=[\uac00-\ud7a3]))?[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7a3]{2,5}"
)
_WORD_AFTER = re.compile(r"\s+([A-ZÀ-ÖØ-ÞА-ЯЁ][\w-]+)")


def _a_short_name_written_on(ctx: Context, nlu: NluResult, match: names.Match) -> bool:
    """Whether a one-word name goes on with a trade its company is not in: "Shreeji
    Polymers" is not Shreeji Spices (also called Shreeji), a spice trader."""
    if len(names.tokens(nlu.text[match.start : match.end])) != 1:
        return False
    end = _trade_after(ctx, nlu.text, match.end)
    if end == match.end:
        return False
    written = nlu.text[match.start : end]
    exhibitor = ctx.session.get(Exhibitor, match.exhibitor_id)
    return (
        exhibitor is not None
        and (
            not catalog.may_do(ctx.taxonomy, exhibitor, written)
            or catalog.another_trade_named(ctx.taxonomy, exhibitor, nlu.text[match.end : end])
        )
        and not catalog.find_by_name(ctx.session, written, taxonomy=ctx.taxonomy)
    )


def _trade_after(ctx: Context, text: str, end: int) -> int:
    """Where a name ends that goes on with what its company does: "诺德制药" (a drug
    maker) where only 诺德 was read as the name, "Keystone Pharmaceuticals", "Shreeji
    Polymers", "ヒカリ電機", "벨란디 와이너리"."""
    if (cjk := _CJK_AFTER.match(text, end)) is not None:
        start = end + len(cjk.group()) - len(cjk.group().lstrip())
        for stop in range(cjk.end(), start + 1, -1):
            if _says_a_trade(ctx, text[start:stop], cjk=True):
                return stop
        return end
    word = _WORD_AFTER.match(text, end)
    return word.end(1) if word is not None and _says_a_trade(ctx, word.group(1)) else end


def _says_a_trade(ctx: Context, words: str, *, cjk: bool = False) -> bool:
    """Whether words written onto a name say what a company does: a product's name, a
    word of goods (Latin and Cyrillic), or in Chinese, Japanese and Korean a trade's word
    names translate (電機, 전자)."""
    if cjk:
        return ctx.taxonomy.is_term(words) or names.in_english(words) is not None
    return ctx.taxonomy.is_term(words) or bool(catalog.trades_named(ctx.taxonomy, words))


def _runs_on(nlu: NluResult, entity: Entity, found: list[names.Match]) -> bool:
    """Whether the name the model tagged, a part of a catalog name (`found` for it), goes on
    in the message past what it tagged ("Grupo Industrial" of "Grupo Industrial Monterrey
    Norte")."""
    partial = bool(found) and found[0].kind == "partial"
    return partial and names.runs_on(nlu.text, entity.start, entity.end)


# "z.B.", "e.g.", "d.h.", "u.a.": an abbreviation of small words, no company.
_ABBREVIATION = re.compile(r"[a-zäöüéè]{1,2}\.\s?[a-zA-Zäöüéè]{1,2}\.?")


def _without_interjections(ctx: Context, nlu: NluResult) -> NluResult:
    """ "Ach, doch lieber um 11": an everyday word set off by a comma or "!" at the start of
    the message is an interjection, not a company, unless the catalog has it; nor is an
    abbreviation ("vegane Milchalternative, z.B. Haferdrink")."""
    kept = tuple(
        e
        for e in nlu.entities
        if not (e.type == "company" and _ABBREVIATION.fullmatch(e.value.strip()))
        and not (
            e.type == "company"
            and e.start == len(nlu.text) - len(nlu.text.lstrip())
            and nlu.text[e.end : e.end + 1] in {",", "!", "，", "！"}
            and " " not in e.value.strip()
            and names.is_common(e.value.strip().casefold())
            and not catalog.find_by_name(ctx.session, e.value)
        )
    )
    return nlu if len(kept) == len(nlu.entities) else replace(nlu, entities=kept)


def _without_a_last_link(ctx: Context, nlu: NluResult) -> NluResult:
    """A company the model tagged with the "or" or "and" after it ("Vietnam o" of "café de
    Vietnam o Indonesia") is what comes before it, which may be a country."""
    links = {c for c in cues.phrases("either", ctx.t.locale) if " " not in c}
    entities = []
    for e in nlu.entities:
        words = e.value.split()
        if e.type == "company" and len(words) > 1 and cues.fold(words[-1]) in links:
            value = e.value[: e.value.rstrip().rfind(" ")].rstrip()
            e = replace(e, value=value, end=e.start + len(value))
        entities.append(e)
    return nlu if entities == list(nlu.entities) else replace(nlu, entities=tuple(entities))


def _from_the_name_on(ctx: Context, nlu: NluResult) -> NluResult:
    """A company the model tagged with words before its name: ones that ask or frame
    ("¿Está Inca Andina en la feria?", "Les Laboratoires Aurélie"), or a word for its trade
    in the buyer's language before a whole catalog name ("Uhrenmanufaktur Jura Vallée" for
    Montres Jura-Vallée). The catalog's company is the one named from there on."""
    framing = ctx.taxonomy.request_words | _NAME_ARTICLES
    entities = []
    for e in nlu.entities:
        if e.type == "company" and not catalog.find_by_name(ctx.session, e.value):
            e = _from_the_name_in(ctx, e, framing)
        entities.append(e)
    return nlu if entities == list(nlu.entities) else replace(nlu, entities=tuple(entities))


def _from_the_name_in(ctx: Context, entity: Entity, framing: frozenset[str] | set[str]) -> Entity:
    words = names.tokens(entity.value)
    for at in range(1, len(words)):
        rest = entity.value[words[at].start :]
        before = [fold(w.raw) for w in words[:at]]
        if all(word in framing for word in before):
            found = bool(catalog.find_by_name(ctx.session, rest))
        else:
            found = len(words) - at > 1 and _a_whole_catalog_name(ctx, rest)
        if found:
            start = entity.start + words[at].start
            return replace(entity, value=rest, start=start)
    return entity


def _within_a_clause(nlu: NluResult) -> NluResult:
    """A company the model tagged across the end of a clause is the part before it (a
    name's own punctuation, "S.A." or "Co.,Ltd", has no space after it): "Cafés Sierra
    Nevada? Somos tostadores", "Bright Star Electronics, de Shenzhen"."""
    entities = []
    for e in nlu.entities:
        cut = names.CLAUSE_BREAK.search(e.value) if e.type == "company" else None
        if cut is None:
            entities.append(e)
            continue
        value = e.value[: cut.start()].rstrip()
        if value:
            entities.append(replace(e, value=value, end=e.start + len(value)))
    return nlu if entities == list(nlu.entities) else replace(nlu, entities=tuple(entities))


def _without_a_booth_word_after(ctx: Context, nlu: NluResult) -> NluResult:
    """A company tagged with the word for a booth after it ("Wo ist Müllers Stand?"), which
    no catalog name ends with: the name is what stands before that word."""
    entities = []
    for e in nlu.entities:
        words = list(re.finditer(r"[^\W_]+", e.value))
        last = words[-1] if len(words) > 1 else None
        if (
            e.type == "company"
            and last is not None
            and cues.find(last.group(), "booth", ctx.t.locale) == cues.fold(last.group())
            and not catalog.find_by_name(ctx.session, e.value)
        ):
            value = e.value[: last.start()].rstrip(" ,-")
            e = replace(e, value=value, end=e.start + len(value))
        entities.append(e)
    return replace(nlu, entities=tuple(entities))


def _without_question_words(ctx: Context, nlu: NluResult) -> NluResult:
    """A "company" that is only a word asking where or for a booth ("хосино сэйки где
    находятся" with находятся tagged), or only words framing a request ("кросовки оптом
    напрямую с фабрики" with фабрики tagged, "CPT Москва"), is no company, unless the catalog
    has it."""

    def asks_or_frames(value: str) -> bool:
        asks = any(
            cues.find(value, key, ctx.t.locale) == cues.fold(value.strip())
            for key in ("where", "booth")
        )
        words = re.findall(r"[^\W_]+", value)
        # "CPT Москва": a delivery term and the buyer's city.
        delivery = bool(words) and all(
            ctx.taxonomy.only_framing(w) or names.is_a_place(w) for w in words
        )
        return asks or delivery

    kept = tuple(
        e
        for e in nlu.entities
        if not (
            e.type == "company"
            and asks_or_frames(e.value)
            and not catalog.find_by_name(ctx.session, e.value)
        )
    )
    return nlu if len(kept) == len(nlu.entities) else replace(nlu, entities=kept)


def _joined_companies(nlu: NluResult) -> NluResult:
    """Companies the model tagged side by side, with only a space or a name's linking words
    between, are one name it split ("Aceites" and "Norte S.A" of "Aceites del Norte S.A.");
    a linking word alone ("da") is no company. A dash or a bracket keeps them apart
    ("Silvester – Champagner", "Агрохолдинг (Краснодарский край)")."""
    tagged = [e for e in nlu.entities if e.type == "company" and e.end > e.start]
    companies = sorted((e for e in tagged if not names.only_links(e.value)), key=lambda e: e.start)
    joined: list[Entity] = []
    for entity in companies:
        between = nlu.text[joined[-1].end : entity.start] if joined else ""
        if joined and names.only_links(between) and not names.ASIDE.search(between):
            start, end = joined[-1].start, entity.end
            joined[-1] = Entity("company", nlu.text[start:end], start, end)
        else:
            joined.append(entity)
    if len(joined) == len(tagged):
        return nlu
    others = tuple(e for e in nlu.entities if e not in tagged)
    return replace(nlu, entities=(*others, *joined))


def _with_legal_forms(nlu: NluResult) -> NluResult:
    """A company the model tagged takes in the legal form written after it, which the model
    may tag apart ("Laboratorios Mexicanos S.A" and "de C.V"); a legal form alone ("Cía")
    names no company."""
    words = names.tokens(nlu.text)
    spans: dict[Entity, tuple[int, int]] = {}
    for entity in nlu.entities:
        if entity.type != "company" or names.is_legal_form(entity.value):
            continue
        inside = [n for n, w in enumerate(words) if entity.start <= w.start < entity.end]
        if not inside:
            continue
        end = names.legal_form_end(words, inside[0], inside[-1] + 1) or entity.end
        spans[entity] = (entity.start, max(end, entity.end))
    kept = []
    for entity in nlu.entities:
        if entity in spans:
            start, end = spans[entity]
            kept.append(replace(entity, value=nlu.text[start:end], end=end))
        elif entity.type != "company" or not (
            names.is_legal_form(entity.value)
            or any(s <= entity.start and entity.end <= e for s, e in spans.values())
        ):
            kept.append(entity)
    return replace(nlu, entities=tuple(kept))


def _a_name(ctx: Context, nlu: NluResult, match: names.Match) -> bool:
    """Whether the words found are a company's name rather than products: a part of a name
    made of product words only ("Landtechnik" in Rhein Landtechnik) is a search."""
    if match.kind != "partial":
        return not _a_short_name_written_on(ctx, nlu, match)
    written = nlu.text[match.start : match.end]
    if ctx.taxonomy.is_term(written):
        return False  # "医疗器械" in 图特林根医疗器械 is medical devices
    if _where_the_buyer_is(ctx, nlu, match.start, written):
        return False
    if _another_name_written_on(ctx, nlu, match):
        return False
    if not any(
        w.key.isalpha()
        and not ctx.taxonomy.categories_in_text(w.key)
        and not catalog.a_trade_word(ctx.taxonomy, written[w.start : w.end])
        for w in names.tokens(written)
    ):
        return False
    # "诺德" of 诺德听力 in "诺德制药": the name goes on with a trade that is not its own.
    end = _trade_after(ctx, nlu.text, match.end)
    return end == match.end or bool(
        catalog.find_by_name(ctx.session, nlu.text[match.start : end], taxonomy=ctx.taxonomy)
    )


def _another_name_written_on(ctx: Context, nlu: NluResult, match: names.Match) -> bool:
    """Whether the part of a catalog name found goes on, in the message, with capitalised
    words of another name, which the catalog does not have: "Huilerie Leblanc de Nyons"
    is not Huilerie Provençale des Baux. In German, which capitalises every noun, only
    words German does not use every day count ("Stand" does not)."""
    end = names.written_on_to(nlu.text, match.end)
    if end == match.end:
        return False
    own = [
        w
        for w in names.tokens(nlu.text[match.end : end])
        if w.key.isalpha()
        and not names.only_links(w.raw)
        and not names.is_legal_form(w.raw)
        and (ctx.t.locale not in _NOUNS_CAPITALISED or not names.is_frequent(w.key, ctx.t.locale))
    ]
    return bool(own) and not catalog.find_by_name(
        ctx.session, nlu.text[match.start : end], taxonomy=ctx.taxonomy
    )


def _where_the_buyer_is(ctx: Context, nlu: NluResult, start: int, written: str) -> bool:
    """Whether one word of a catalog name is a place the message names, not that company:
    "pour nos restaurants à Lyon" is not Robotique Chirurgicale Lyon, unless a booth or
    where it is is asked."""
    return (
        " " not in written.strip()
        and (names.is_a_place(written) or search.said_before(ctx, nlu.text, start, "located_in"))
        and not _asks_where(ctx, nlu)
    )


def _only_places(ctx: Context, nlu: NluResult) -> bool:
    """Whether the message names countries or regions and nothing else but framing words."""
    return _beside_places(ctx, nlu) == []


def _a_thing_from_a_place(ctx: Context, nlu: NluResult) -> bool:
    """Whether the message names a country or region and one short phrase besides."""
    phrases = _beside_places(ctx, nlu)
    return phrases is not None and len(phrases) == 1 and len(phrases[0].split()) <= _SHORT_PHRASE


_SHORT_PHRASE = 3  # words


def _beside_places(ctx: Context, nlu: NluResult) -> list[str] | None:
    """The phrases a message says besides the countries and regions it names; None when it
    names none."""
    found = ctx.taxonomy.country_mentions(nlu.text)
    if not found:
        return None
    return ctx.taxonomy.product_phrases(nlu.text, [nlu.text[m.start : m.end] for m in found])


def _only_request_words(ctx: Context, value: str) -> bool:
    """ "브랜드" (brands) of "스위스 시계 브랜드 왔나요": words that frame a request, no name."""
    words = fold(value).split()
    return bool(words) and all(w in ctx.taxonomy.request_words for w in words)


def _only_a_property(ctx: Context, value: str) -> bool:
    """ "清真认证" (halal-certified) tagged as a company: what the goods must be, no name."""
    text = value.strip()
    found = ctx.taxonomy.attributes.mentions(text)
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(text)


def _only_products_listed(ctx: Context, value: str) -> bool:
    """ "Schoggi und Pralinés", "Manuka Honnig UMF 20+": products, one after another or
    typed with a slip, with their grades and sizes, and no word of a name ("Rheinland
    Optik" is one)."""
    parts = [ctx.taxonomy.respelled_words(_without_codes(p)) for p in _LISTED.split(value)]
    parts = [part for part in parts if part.strip()]
    return bool(parts) and all(_a_product_named(ctx, part) for part in parts)


def _a_product_named(ctx: Context, phrase: str) -> bool:
    """A term, or a product's words each naming one ("Rohkaffee Arabica"); not a name's
    word that only its stem reads as a product ("Müller Milch": Mull is gauze)."""
    tax = ctx.taxonomy
    if _a_name_word_stemmed(ctx, phrase):
        return False
    return tax.is_term(phrase) or all(tax.match_product(w).categories for w in phrase.split())


def _a_name_word_stemmed(ctx: Context, phrase: str) -> bool:
    """Whether a capitalised word of a phrase is a product's term only by its stem."""
    return any(exhibitor_info.a_name_word_stemmed(ctx, w) for w in phrase.split())


def _without_codes(text: str) -> str:
    """A label without its grades and sizes: "UMF 20+", "DOP", "500 g"."""
    return " ".join(w for w in text.split() if not _A_CODE.fullmatch(w))


_A_CODE = re.compile(r"[A-Z]{2,4}|[\d.,+%-]+[^\W\d_]{0,3}|[A-Z]*\d[\w+-]*")


_LISTED = re.compile(r"\s+(?:und|oder|and|or|et|ou|y|o|e|и|или)\s+|[,;/&+]", re.IGNORECASE)


def _only_a_country(ctx: Context, value: str) -> bool:
    """ "匈牙利", "Norway", "Rusia o Kazajistán": countries' names and nothing else ("Japan
    Airlines" is a name)."""
    text = value.strip()
    found = ctx.taxonomy.country_mentions(text)
    if not found or found[0].start != 0 or found[-1].end != len(text):
        return False
    return all(search.joins_a_list(text[a.end : b.start]) for a, b in pairwise(found))


def _with_unknown_company(ctx: Context, nlu: NluResult) -> NluResult:
    guessed = exhibitor_info.named_in_passing(ctx, nlu.text)
    if guessed and (cut := names.CLAUSE_BREAK.search(guessed)):
        guessed = guessed[: cut.start()].rstrip()  # "parfums Delorme, s'il vous plaît"
    if not guessed:
        # "tenes el stand de estancia el ombu?": a name in lower case, by a booth cue.
        lower = exhibitor_info.named_around_a_cue(ctx, nlu.text)
        return _with_company(nlu, lower) if lower else nlu
    if names.has_cjk(guessed):
        return _with_cjk_unknown_company(ctx, nlu, guessed)
    if _words_and_a_legal_form(guessed):
        return _with_company(nlu, guessed)  # "Hartmann Medizintechnik GmbH"
    # German capitalises every noun: "Suche Hersteller von …" frames a request.
    framing = ctx.taxonomy.request_words
    # Words of a country's or region's name name no company ("de Nueva Zelanda").
    countries = [(c.start, c.end) for c in ctx.taxonomy.country_mentions(guessed)]
    words = [
        w.group()
        for w in re.finditer(r"[^\W\d_]+", guessed)
        if w.group()[0].isupper()
        and fold(w.group()) not in framing
        and not any(s <= w.start() < e for s, e in countries)
    ]
    if _a_list_of_products(ctx, guessed):
        return nlu  # "Whisky, Rum" of "Spirituosen: Whisky, Rum oder Tequila"
    # A short word ("Sol", "Oro", "Mar") names companies more often than products.
    # Countries and places name none ("Китай — Европа через Казахстан").
    naming = [
        w
        for w in words
        if (len(w) < 4 or not exhibitor_info.names_goods(ctx, w))
        and not ctx.taxonomy.country_code(w)
        and not names.is_a_place(w)
    ]
    # One word alone is a name in a question for a booth, where or a contact, if no language
    # uses it every day ("Wo ist der Stand von Miele?"; not "Halle") or it is a product only
    # in a language labels are written in, and it is no slip of a product's word
    # ("Verpackungsmaschienen").
    alone = (
        len(words) == 1
        and search.asks_for_a_company(ctx, nlu.text)
        and all(
            (not names.is_common(w.casefold()) or fold(w) in ctx.taxonomy.label_only_words)
            and not _a_slip_of_a_product(ctx, w)
            for w in naming
        )
    )
    return _with_company(nlu, guessed) if naming and (len(words) > 1 or alone) else nlu


def _a_catalog_name_before_a_cue(ctx: Context, text: str) -> str | None:
    """What a Chinese, Japanese or Korean question writes before its where or booth words,
    when the catalog has a company of that name (in another script too)."""
    if not names.has_cjk(text):
        return None
    guessed = exhibitor_info.named_in_passing(ctx, text)
    found = guessed and catalog.find_by_name(ctx.session, guessed, taxonomy=ctx.taxonomy)
    return guessed if found else None


def _a_trade_and_a_name_unknown(ctx: Context, nlu: NluResult, intent: str) -> str | None:
    """A company's name made of a trade's word and words that name no goods, place or
    everyday thing, which the catalog has no exhibitor of that trade by: tagged by the model,
    or written as a name in a question about a company ("Meubles Gagnon, ils exposent ?")."""
    asked = cues.has_any(nlu.text, (*cues.ASKING_OF_A_COMPANY, "exhibiting"), ctx.t.locale)
    # Goods looked for may be tagged as a company ("Je cherche des Vins Bourgogne"): one
    # looked for, not asked about, is a company after "die", "la", "the".
    written = [
        e.value
        for e in nlu.entities
        if e.type == "company"
        and e.value.strip()
        and (asked or intent != "search_exhibitors" or _after_an_article(nlu.text, e.value))
    ]
    if not written and (asked or cues.has(nlu.text, "seeking", ctx.t.locale)):
        guessed = exhibitor_info.named_in_passing(ctx, nlu.text) or _the_opening_clause(nlu.text)
        if guessed and (asked or _after_an_article(nlu.text, guessed)):
            written = [names.CLAUSE_BREAK.split(guessed, maxsplit=1)[0].strip()]
    for name in written:
        words = re.findall(r"[^\W\d_]+", ctx.taxonomy.without_countries(name))
        if names.has_cjk(name) or len(words) < 2 or len(words) > catalog.MAX_NAME_WORDS:
            continue
        trades = [w for w in words if catalog.a_trade_word(ctx.taxonomy, w)]
        naming = [
            w
            for w in words
            if w not in trades and _a_family_name(ctx, w) and not _a_word_of_goods_sold(ctx, w)
        ]
        others = [w for w in words if w not in trades and w not in naming]
        if (
            trades
            and naming
            and all(names.only_links(w) for w in others)
            and not catalog.find_by_name(ctx.session, name, taxonomy=ctx.taxonomy)
        ):
            return name
    return None


def _goods_besides(ctx: Context, nlu: NluResult, name: str) -> bool:
    """Whether the message names goods outside a name ("looking for solid oak dining
    chairs" after "any Scandi furniture makers here?")."""
    rest = nlu.text.replace(name, " ")
    return search.names_a_product(ctx, replace(nlu, text=rest, entities=()))


def _a_word_of_goods_sold(ctx: Context, word: str) -> bool:
    """Whether an exhibitor's product list has the word: "Manuka" of "Manuka Honig"."""
    query = catalog.SearchQuery(keywords=(word.casefold(),))
    return catalog.finds_any(ctx.session, query, profiles=False)


def _after_an_article(text: str, name: str) -> bool:
    """Whether a name is written after a singular definite article: "Ich suche die Brandt
    Spedition", "Je cherche la Brasserie Van Acker", not "des Vins de Bourgogne"."""
    at = text.find(name)
    before = re.findall(r"[^\W\d_]+", text[:at]) if at > 0 else []
    return bool(before) and before[-1].casefold() in _SINGULAR_ARTICLES


_SINGULAR_ARTICLES = frozenset({"der", "die", "das", "den", "le", "la", "l", "el", "the"})


def _the_opening_clause(text: str) -> str | None:
    """The words before a message's first clause break, when each is capitalised: "Meubles
    Gagnon" of "Meubles Gagnon, ils exposent cette année ?"."""
    parts = names.CLAUSE_BREAK.split(text, maxsplit=1)
    words = parts[0].split()
    if len(parts) < 2 or not 1 < len(words) <= catalog.MAX_NAME_WORDS:
        return None
    return parts[0].strip() if all(w[:1].isupper() for w in words) else None


def _a_family_name(ctx: Context, word: str) -> bool:
    """A capitalised word no one uses every day, that names no goods, place or request."""
    return (
        word[:1].isupper()
        and len(word) > 2
        and not names.is_frequent(word.casefold(), ctx.t.locale)
        and not exhibitor_info.names_goods(ctx, word)
        and not names.is_a_place(word)
        and fold(word) not in ctx.taxonomy.request_words
    )


def _a_slip_of_a_product(ctx: Context, word: str) -> bool:
    """A word that names no product as written, and one with a slip fixed."""
    return not ctx.taxonomy.match_product(word).categories and bool(
        ctx.taxonomy.typo_tolerant(word)
    )


def _with_cjk_unknown_company(ctx: Context, nlu: NluResult, guessed: str) -> NluResult:
    """A Chinese or Japanese name asked about before a booth or where cue, without the
    country it opens with ("德国哈特曼医疗", "新西兰恒天然"): characters of its own before
    its trade ("霍恩费尔斯啤酒厂"), words and a legal form ("华顺葡萄酒进口公司"), or
    characters that name no product and no place (恒天然); "奶酪在几号馆" asks where a
    product is."""
    tax = ctx.taxonomy
    opening = [m for m in tax.country_mentions(guessed) if m.start == 0]
    name = guessed[opening[0].end :] if opening else guessed
    if len(name) < 2:
        return nlu
    if own := catalog.before_cjk_trade(tax, name):
        place = names.a_chinese_place(own) or tax.country_code(own)
        return nlu if place else _with_company(nlu, name)
    if _words_and_a_legal_form(name):
        return _with_company(nlu, name)
    goods = bool(tax.match_product(name).categories or tax.categories_in_text(name))
    where = bool(names.a_chinese_place(name) or tax.country_code(name) or names.is_a_place(name))
    return nlu if goods or where or not names.only_cjk(name) else _with_company(nlu, name)


def _words_and_a_legal_form(name: str) -> bool:
    """Whether a name is words and a legal form ("华顺葡萄酒进口公司"), not either alone."""
    written = names.tokens(name)
    return len(names.strip_legal_forms(written)) not in {0, len(written)}


def _only_attributes_of_an_area_tagged(ctx: Context, nlu: NluResult) -> bool:
    """Whether every company the model tagged is goods of an area with a property only
    ("有机食品", "Halal-Lebensmittel")."""
    tagged = [e for e in nlu.entities if e.type == "company" and e.value.strip()]
    return bool(tagged) and all(
        search.only_attributes_of_an_area(ctx, replace(nlu, text=e.value, entities=()))
        for e in tagged
    )


def _a_list_of_products(ctx: Context, text: str) -> bool:
    parts = [part.strip() for part in text.split(",")]
    return len(parts) > 1 and all(ctx.taxonomy.match_product(part).categories for part in parts)


def _with_company(nlu: NluResult, name: str) -> NluResult:
    """The message with a company the model did not tag."""
    return replace(nlu, entities=(*nlu.entities, _company_entity(nlu.text, name)))


def _company_entity(text: str, name: str) -> Entity:
    """A company named in a message, with its span there."""
    start = text.find(name)  # -1 when read from the folded text: no span
    return Entity("company", name, start, start + len(name) if start >= 0 else start)


def _a_cjk_sentence(ctx: Context, text: str) -> bool:
    """Whether Chinese, Japanese or Korean words frame a request ("你们这里有没有 Vesteralen
    这家…"): no name holds them."""
    return any(len(w) > 1 and names.has_cjk(w) and w in text for w in ctx.taxonomy.request_words)


def _only_a_company_name(ctx: Context, nlu: NluResult, *, partial: bool) -> str | None:
    """The message itself, when it is nothing but a company's name: a catalog name (the
    whole of it; with `partial` also the part that tells the company, if not made of
    product words only), or any words followed by a legal form ("… S.R.L.")."""
    text = nlu.text.strip().strip("?!,;:¿¡？！。 ")
    if len(text) > _LONGEST_NAME or _a_cjk_sentence(ctx, text):
        return None
    words = names.tokens(text)
    kept = names.strip_legal_forms(words)
    if not kept:
        return None
    found = names.find(ctx.session, text)
    span = (kept[0].start, kept[-1].end)
    # A product's own word only sounds like a name ("Zahnimplantate", Osan Implant).
    a_product = bool(ctx.taxonomy.match_product(text).whole)
    whole = [
        m
        for m in found
        if (m.start, m.end) == span
        and (partial or m.kind != "partial")
        and (m.kind != "fuzzy" or (names.typed_as(text, m.name) and not a_product))
    ]
    if whole and all(_a_name(ctx, replace(nlu, text=text), m) for m in whole):
        return text
    form = [text[w.start : w.end] for w in words if w.start >= kept[-1].end]
    if form and kept[-1].end < words[-1].start and not found and not _an_everyday_word(form):
        return text  # words and a legal form: a company the catalog does not have
    return None


def _an_everyday_word(written: list[str]) -> bool:
    """Whether a legal form is written as an everyday word: "où" of "ils sont où" is no
    Estonian OÜ."""
    return len(written) == 1 and written[0].islower() and is_small_word(written[0])


def _company_object(ctx: Context, nlu: NluResult, cue: str = "company_object") -> str | None:
    """The catalog company named right after a verb that takes a company as its object
    (or after another kind of cue: "reunión con")."""
    rest = cues.after(nlu.text, cue, ctx.t.locale)
    if not rest:
        return None
    if named := _a_catalog_name_opening(ctx, nlu, rest):
        return named
    # "la société Huiles Berthier": a name the catalog lacks, in capitals after the noun.
    written = _CAPITALISED_NAME.match(rest.lstrip())
    if cue == "company_object" and written and not ctx.taxonomy.country_mentions(written[0]):
        return written[0].strip()
    # "quelqu'un de chez maersk": a brand in lower case, after the noun or "chez".
    brand = re.match(r"[^\W\d_]+", rest.lstrip())
    if cue == "company_object" and brand and exhibitor_info.a_brand(ctx, brand[0]):
        return brand[0]
    return None


def _a_catalog_name_opening(ctx: Context, nlu: NluResult, rest: str) -> str | None:
    """The catalog name that the words after a cue open with: read with all of them, else
    up to a day, a time or a word that frames the request ("rdv avec transports girard
    demain 9h", "termin mit nordic care bitte"), which are no part of it."""
    words = names.tokens(rest)
    cuts = [
        before.end
        for before, after in pairwise(words[: catalog.MAX_NAME_WORDS + 1])
        if _ends_a_name_asked_for(ctx, after.raw)
        and names.written_on_to(rest, before.end) == before.end  # "… Mexicanos" goes on
    ]
    for end in [len(rest), *reversed(cuts)]:
        part = rest[:end]
        found = names.mentions(ctx.session, part, tagged=[(0, len(part))])
        named = [
            m
            for m in found
            if m.start == words[0].start
            and (end == len(rest) or m.end == end)
            and _a_name(ctx, replace(nlu, text=part), m)
        ]
        if named:
            return part[named[0].start : named[0].end]
    return None


def _ends_a_name_asked_for(ctx: Context, word: str) -> bool:
    """Whether a word after a name says when, or frames the request: "demain", "9h",
    "bitte"."""
    return (
        word[:1].isdigit()
        or fold(word) in ctx.taxonomy.request_words
        # A day's word; dateparser reads short words ("de", "san") as days too.
        or (len(word) >= _DAY_WORD_MIN and when.parse_day(word, ctx.now, ctx.t.locale) is not None)
    )


_DAY_WORD_MIN = 4


# Capitalised words, with the small words names hold ("Huiles de Provence", "Vins & Co").
_CAPITALISED_NAME = re.compile(
    r"[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+(?:(?:de|du|des|von|van|der|den|y|e|et|und|&)\s+)?"
    r"[A-ZÀ-ÖØ-Þ][\w'’.-]*){0,4}"
)


def _as_the_company(nlu: NluResult, name: str) -> NluResult:
    """The message read as naming this company and nothing else."""
    return replace(nlu, entities=(_company_entity(nlu.text, name),))


def understood_intent(ctx: Context, nlu: NluResult) -> str:
    """The NLU's intent when it is sure enough, else "nlu_fallback"."""
    known = nlu.intent in INTENTS or nlu.intent in CONVERSATION_INTENTS
    return nlu.intent if known and nlu.confidence >= ctx.settings.nlu_threshold else "nlu_fallback"


def dispatch(ctx: Context, nlu: NluResult, intent: str) -> Reply:
    if (
        intent in NOT_UNDERSTOOD | {"search_exhibitors"}
        and (name := _a_trade_and_a_name_unknown(ctx, nlu, intent))
        and not _goods_besides(ctx, nlu, name)
    ):
        # "Ich suche die Brandt Spedition", "Je cherche la Brasserie Van Acker": a trade and
        # a family name that no exhibitor of that trade has are a company the catalog
        # lacks, not the trade's goods (unless other goods are sought: "any Scandi
        # furniture makers here? looking for solid oak dining chairs").
        nlu, intent = _as_the_company(nlu, name), "exhibitor_info"
    if intent in NOT_UNDERSTOOD | SMALL_TALK | {"inform", "search_exhibitors"} and (
        name := _only_a_company_name(ctx, nlu, partial=intent != "search_exhibitors")
    ):
        # "Lofoten Sjomat", "conservas goitia", "Vinos de Salta S.R.L.": a message that is
        # only a company's name asks for that company, whatever the model made of it.
        nlu, intent = _as_the_company(nlu, name), "exhibitor_info"
    if (
        intent in NOT_UNDERSTOOD | {"search_exhibitors", "inform"}
        or (intent == "book_meeting" and not exhibitor_info.names_a_catalog_company(ctx, nlu))
    ) and (name := _company_object(ctx, nlu)):
        # "busco a aceitunas la andaluza", "la marca Brandtissimo": Spanish's "a" or a noun
        # for a company before one, whose name may follow in lower case; one to meet stays
        # a meeting ("rencontrer quelqu'un de chez maersk").
        nlu = _as_the_company(nlu, name)
        intent = intent if intent == "book_meeting" else "exhibitor_info"
    if (
        intent == "book_meeting"
        and not exhibitor_info.names_a_catalog_company(ctx, nlu)
        and (name := _company_object(ctx, nlu, "meet_with"))
    ):
        # "me podes armar una reunion con rossi automazione?" with "rossi" tagged as a day,
        # "termin mit nordic care bitte" with nothing tagged: the catalog company after
        # "with" is whom to meet; what overlaps it is its name.
        company = _company_entity(nlu.text, name)
        nlu = _with_the_company_at(nlu, company.start, company.end)
    if intent == "list_events" and _about_a_company_not_events(nlu):
        # "¿Qué fabrican los de Daesung Precision?", "¿Está Viña Los Robles en la feria?": a
        # company, and no city or day an event would be looked for by.
        intent = "exhibitor_info"
    if (
        intent in NOT_UNDERSTOOD | {"refine"}
        and exhibitor_info.named(nlu)
        and not _products_tagged_as_a_company(ctx, nlu)
        and not _products_beside_an_unknown_company(ctx, nlu)
    ):
        # "¿Dónde está el stand de Bodegas Torres?": a company the model has not seen can
        # pull the intent off, even to narrowing a list none is shown of ("je cherche la
        # société Huilerie Lambert"); that a company is named says what it is about.
        intent = "exhibitor_info"
    if (
        intent in NOT_UNDERSTOOD | {"exhibitor_info", "search_exhibitors"}
        and search.hall_named(ctx, nlu.text)
        and not exhibitor_info.names_a_catalog_company(ctx, nlu)
        and not any(ch.isalpha() for v in nlu.values("company") for ch in v)
    ):
        # "Wo ist Halle 3?" with "3" tagged as a company: the exhibitors of that hall.
        nlu = replace(nlu, entities=tuple(e for e in nlu.entities if e.type != "company"))
        intent = "search_exhibitors"
    if intent == "help" and exhibitor_info.names_a_catalog_company(ctx, nlu):
        # "메디슨플러스 전시 제품이 뭐예요", "Аэросъёмка что показывают?" read as asking what
        # the assistant can do: a catalog company is what is asked about.
        intent = "exhibitor_info"
    if intent in NO_COMPANY and _asks_where(ctx, nlu) and _asks_where_a_company_is(ctx, nlu):
        # "¿Me puedes decir dónde está Quesos La Mancha?" read as a request for help, "¿Dónde
        # puedo encontrar a los de Viña Los Robles?" as one for events: where a catalog
        # company is, is what is asked.
        intent = "exhibitor_info"
    if (
        intent in NOT_UNDERSTOOD | SMALL_TALK | {"book_meeting"}
        and cues.has(nlu.text, "contact", ctx.t.locale)
        and not _asks_to_meet(ctx, nlu)
        and exhibitor_info.names_a_catalog_company(ctx, nlu)
    ):
        # "Pourriez-vous me donner le courriel de Kesler Antriebstechnik? Merci!" read as
        # thanks, "Wie kann ich Kamtschatka Ocean Harvest kontaktieren?" as a meeting: how
        # to reach a catalog company is on its card.
        intent = "exhibitor_info"
    if intent in {"out_of_scope", "nlu_fallback"} and _asks_where(ctx, nlu):
        # "Wo ist der Stand von Rheinland Optik?", "flores la esperanza en q hall estan": a
        # booth or hall is asked for, of a company the model did not see; the catalog
        # answers with it, or that it has none of that name. Where products are asked for
        # ("올리브 오일 어디서 볼 수 있나요"), only words that name none are a name.
        booth = cues.has(nlu.text, "booth", ctx.t.locale)
        guessed = (
            (
                booth
                and (
                    exhibitor_info.named_in_passing(ctx, nlu.text)
                    or exhibitor_info.named_in_lower_case(ctx, nlu.text)
                )
            )
            # "flores la esperanza en q hall estan": a whole catalog name by a where-cue.
            or exhibitor_info.named_in_lower_case(ctx, nlu.text, whole=True)
            or exhibitor_info.named_around_a_cue(ctx, nlu.text)
            # "ハンイルEVソリューションズはどこ？": a catalog name before a where-cue.
            or _a_catalog_name_before_a_cue(ctx, nlu.text)
        )
        if guessed and not exhibitor_info.named(nlu):
            nlu, intent = _with_company(nlu, guessed), "exhibitor_info"
    if (
        intent in NOT_UNDERSTOOD | {"exhibitor_info"}
        and not exhibitor_info.named(nlu)
        and _asks_for_a_pavilion(ctx, nlu)
    ):
        # "Qu'est-ce qu'on trouve au pavillon de la Géorgie ?", "ギリシャ館の出展内容": a
        # country's pavilion is that country's exhibitors.
        intent = "search_exhibitors"
    if (
        intent
        in NOT_UNDERSTOOD | SMALL_TALK | {"exhibitor_info", "search_exhibitors", "list_events"}
        or (intent == "book_meeting" and not _asks_to_meet(ctx, nlu))
    ) and (name := _asked_whether_here(ctx, nlu)):
        # "请问圣安娜橄榄油坊今年来了吗？", "La fromagerie Dufour est-elle présente ?": whether
        # a company is at the fair is asked of what stands before the words that ask it; a
        # catalog company the message names stays ("대한가전도 이번 박람회에 나왔나요?" read as
        # asking for events), unless it is only part of that ("Schokoladenfabrik" of "die
        # Schokoladenfabrik Lindenberg").
        if not exhibitor_info.names_a_catalog_company(ctx, nlu) or any(
            (v in name or name in v) and v != name and not _a_whole_catalog_name(ctx, v)
            for v in nlu.values("company")
        ):
            # The tag may hold more ("Hat Tsukigase Seimitsu Kogyo") or less of the name,
            # unless it is a whole catalog name ("Welche Käse hat die Fromagerie Vuillemin").
            nlu = _as_the_company(nlu, name)
        intent = "exhibitor_info"
    if (
        intent in NOT_UNDERSTOOD | {"exhibitor_info"}
        and not exhibitor_info.names_a_catalog_company(ctx, nlu)
        and not cues.has_any(nlu.text, cues.ASKING_OF_A_COMPANY, ctx.t.locale)
        and (search.described_goods(ctx, nlu.text) or _only_attributes_of_an_area_tagged(ctx, nlu))
    ):
        # "ein Gerät, um zu Hause den Blutdruck zu messen" with "Blutdruck" tagged as a
        # company, "有机食品" tagged whole: what the goods do or are is looked for.
        intent = "search_exhibitors"
    if intent == "exhibitor_info" and not exhibitor_info.named(nlu):
        # "¿Me das el contacto de Lácteos del Sol?": a name the catalog may not have, with a
        # product word in it; words that are neither products nor countries make it a name.
        nlu = _with_unknown_company(ctx, nlu)
    if (
        (intent == "exhibitor_info" or (intent == "book_meeting" and not _asks_to_meet(ctx, nlu)))
        and not exhibitor_info.named(nlu)
        and (ctx.state.results is None or ctx.state.results.kind != EXHIBITORS)
        and not cues.has_any(nlu.text, (*cues.ASKING_OF_A_COMPANY, "exhibiting"), ctx.t.locale)
        and not exhibitor_info.named_in_lower_case(ctx, nlu.text)  # "kessler y vogt robotica"
        and _names_goods_exhibitors_sell(ctx, nlu)
    ):
        # "nitrile exam gloves, container loads" read as a meeting, "cobot for a small
        # machine shop" as asking about a company: no company is named, and goods are (with
        # a list shown, "the cheese one" may be one of it; "El bufete Rousseau, el de
        # abogados, está en la feria?" asks whether a company is here).
        intent = "search_exhibitors"
    if (
        intent == "exhibitor_info"
        and exhibitor_info.named(nlu)
        and (
            cues.has(nlu.text, "sellers", ctx.t.locale)
            or (
                cues.has(nlu.text, "seeking", ctx.t.locale)
                and (
                    not cues.has(nlu.text, "exhibiting", ctx.t.locale)
                    or _an_everyday_word_tagged(nlu)
                )
            )
        )
        and _products_beside_an_unknown_company(ctx, nlu)
    ):
        # "… suchen Arabica-Rohkaffee, ca. 2 Container im Monat" with "Monat" tagged as a
        # company, "… Olivenöl … für unsere Feinkostläden", "K-Beauty Hautpflege aus Korea
        # – welche Marken sind da?": goods are looked for, or those who sell them, and the
        # company the catalog does not have is a word about them.
        intent = "search_exhibitors"
    if (
        intent in {"search_exhibitors", "refine"}
        and not exhibitor_info.named(nlu)
        and _asks_where(ctx, nlu)
        and (name := exhibitor_info.named_by_its_words(ctx, nlu.text))
        and not _only_sounds_like_a_name(ctx, name)
    ):
        # "Baumgartner Schokolade, welcher Stand?": a catalog name with what the company
        # sells, in a question for its booth (a name only sounding like one may be told by
        # what the company sells, as the search does).
        nlu, intent = _with_company(nlu, name), "exhibitor_info"
    if (
        intent in {"search_exhibitors", "refine"}
        and cues.has(nlu.text, "sells", ctx.t.locale)
        and any(_a_whole_catalog_name(ctx, v) for v in nlu.values("company"))
    ):
        # "Accumulateurs Savoyards : quels produits exactement ?": what a catalog company,
        # named in full, sells is on its card, whatever its name's words name.
        intent = "exhibitor_info"
    if intent in {"search_exhibitors", "refine"} and (
        _asks_where_a_company_is(ctx, nlu)
        or _asks_about_its_products(ctx, nlu)
        or _a_latin_name_in_cjk(ctx, nlu)
    ):
        # "where can I find Frostvine", "대한배터리의 부스는?", "¿Dónde está Frutas de
        # Chile?": a catalog company's name read as products ("battery") or a country; "info
        # de Dahye Cosméticos": the company and what it sells.
        intent = "exhibitor_info"
    if (
        intent == "refine"
        and ctx.state.results is None
        and (_search_values(nlu) or search.names_products(ctx, nlu))
    ):
        # "alimentos de Chile", "Hundeleinen und Halsbänder" read as narrowing a list when
        # none is shown: a search.
        intent = "search_exhibitors"
    if intent == "inform" and exhibitor_info.names_a_catalog_company(ctx, nlu):
        # "Was verkauft eigentlich Glanzwerk?" read as a form's answer with no form open:
        # a catalog company is what it is about.
        intent = "exhibitor_info"
    if intent == "inform" or (
        intent == "set_language" and not language.names_a_language(ctx, nlu.text)
    ):
        # A form's answer with no form open ("Fahrradhelme"), a language request that names
        # no language ("casseroles en inox"): the model did not understand the message.
        intent = "nlu_fallback"
    # Small talk ("how are you") may share a word with a profile ("know-how"): for it only
    # the taxonomy's and the product lists' words count.
    chat = intent in SMALL_TALK
    if intent in NOT_UNDERSTOOD | SMALL_TALK | {"inform"} and area_named(nlu.text.strip(" ?!.¿¡")):
        # "agroalimentaire", "Lebensmittel": an exhibition area's word alone lists the area.
        intent = "search_exhibitors"
    if intent in NOT_UNDERSTOOD | SMALL_TALK | {"inform", "start_over"} and _only_places(ctx, nlu):
        # "Maroc", "ノルウェー" read as a yes, "exposants d'Afrique de l'Ouest": a country or
        # region alone lists its exhibitors.
        intent = "search_exhibitors"
    if intent in NOT_UNDERSTOOD and search.only_attributes_of_an_area(ctx, nlu):
        # "Wir sind ein Reformhaus und suchen glutenfreie Lebensmittel": an area's goods
        # with a property, after who the buyer is.
        intent = "search_exhibitors"
    if intent in NOT_UNDERSTOOD and _a_thing_from_a_place(ctx, nlu):
        # "Pelletheizung aus Österreich": one thing from a country, in words no list has;
        # the search says what it found of it.
        intent = "search_exhibitors"
    if intent in NOT_UNDERSTOOD | SMALL_TALK | {"more_results"} and search.names_products(
        ctx, nlu, profiles=not chat
    ):
        # A product the model has not seen ("冷凍ドリアン", "cold chain logistics") can pull
        # the intent off, even to small talk ("Bier aus Tschechien" read as goodbye) or to
        # "more" with no list shown ("produits sans gluten"): a message that is only
        # products, in the taxonomy's or the catalog's words, is a search.
        intent = "search_exhibitors"
    if (
        intent in {"subscribe_alerts", "unsubscribe_alerts", "lingang_faq"}
        and _without_its_own_values(ctx, nlu, intent)
        and exhibitor_info.names_a_catalog_company(ctx, nlu)
    ):
        # "agroindustrias los altos aguacate" read as alerts with no city: the catalog
        # company is what it is about.
        intent = "exhibitor_info"
    if (
        (intent in NOT_UNDERSTOOD or _without_its_own_values(ctx, nlu, intent))
        and not exhibitor_info.names_a_catalog_company(ctx, nlu)
        and search.names_products(ctx, nlu, qualified=True)
    ):
        # "Пальмовое масло (рафинированный олеин) — нужен производитель" read as a Lingang
        # question with no topic, "Средства для мытья посуды немецкого производства" as
        # alerts with no city: products, with words that say which, are what is asked for.
        intent = "search_exhibitors"
    if (
        (
            intent in NOT_UNDERSTOOD
            or _about_lingang_without_its_words(ctx, nlu, intent)
            or (intent in _WITH_ITS_OWN_VALUES and _without_its_own_values(ctx, nlu, intent))
            or (
                intent in {"list_events", "subscribe_alerts", "unsubscribe_alerts"}
                and _without_its_own_values(ctx, nlu, intent)
                and cues.has(nlu.text, "seeking", ctx.t.locale)
            )
        )
        and not exhibitor_info.names_a_catalog_company(ctx, nlu)
        and (search.names_a_product(ctx, nlu) or search.described_goods(ctx, nlu.text))
    ):
        # "кровля: черепица керамическая, битумные мембраны, металл — кто что предлагает?"
        # read as out of scope, "нужна информация о страховании грузов при импорте" as a
        # Lingang question: at a trade fair, a message naming a product the taxonomy knows,
        # with words the model did not understand or no word of Lingang's rules, asks who
        # sells it. So does one read as a meeting with nobody ("牛肉と豚肉を仕入れたい"), or
        # as events with no city or day that says it looks for goods ("nous cherchons du
        # saumon frais norvégien pour nos restaurants à Lyon").
        intent = "search_exhibitors"
    if (
        intent in NOT_UNDERSTOOD
        and cues.has(nlu.text, "sellers", ctx.t.locale)
        and not exhibitor_info.names_a_catalog_company(ctx, nlu)
        and search.has_a_request_phrase(ctx, nlu)
    ):
        # "보톡스나 필러 공급사 있나요": sellers of goods the model and the taxonomy do not
        # know are asked for; the catalog's own words may have them, or the answer says none.
        intent = "search_exhibitors"
    if intent in NOT_UNDERSTOOD and search.only_attributes_of_an_area(ctx, nlu):
        # "Halal-Lebensmittel", "produits bio" read as out of scope: goods of one area with
        # a property are what is looked for.
        intent = "search_exhibitors"
    if (
        intent == "exhibitor_info"
        and not exhibitor_info.named(nlu)
        and (name := exhibitor_info.named_by_its_words(ctx, nlu.text))
    ):
        # "Zürcher Präzision, welche Halle?", "Hofmann, die mit den Brezeln – wo stehen
        # die?": a catalog name in a clause of its own, which the model did not tag.
        nlu = _with_company(nlu, name)
    if (
        intent == "exhibitor_info"
        and not exhibitor_info.named(nlu)
        and (_search_values(nlu) or search.names_products(ctx, nlu, qualified=True))
    ):
        # No company, but products or a country: exhibitors are being looked for.
        intent = "search_exhibitors"
    if (
        intent in {"search_exhibitors", "refine"}
        and not exhibitor_info.named(nlu)
        and (name := exhibitor_info.named_in_lower_case(ctx, nlu.text, whole=True))
        and _asks_about_its_products(ctx, (named := _with_company(nlu, name)))
    ):
        # "los cerros de mendoza malbec", "los de cielo alto, el tequila": a catalog name
        # in lower case and what that company sells.
        nlu, intent = named, "exhibitor_info"
    if (
        intent == "book_meeting"
        and not _names_a_when(ctx, nlu)
        and not cues.has(nlu.text, "meet_with", ctx.t.locale)
        and _products_beside_an_unknown_company(ctx, nlu)
    ):
        # "Аптечная сеть … рассматривает закупку витаминов" read as a meeting with
        # "Аптечная": no day, no word of meeting with anyone, and products are named.
        intent = "search_exhibitors"
    if (
        intent == "book_meeting"
        and not _asks_to_meet(ctx, nlu)
        and cues.has(nlu.text, "sells", ctx.t.locale)
        and exhibitor_info.names_a_catalog_company(ctx, nlu)
    ):
        # "Was genau bietet Niederrhein Filtertechnik an?" read as a meeting: what a catalog
        # company sells is on its card (which offers booking).
        intent = "exhibitor_info"
    if intent == "book_meeting" and _asks_where_not_when(ctx, nlu):
        # "¿Dónde puedo encontrar a los de Viña Los Robles?" read as a meeting request: a
        # where-question with no day or time wants the company's card (it offers booking).
        intent = "exhibitor_info"
    if (
        intent == "book_meeting"
        and not exhibitor_info.named(nlu)
        and ctx.state.focused(EXHIBITORS) is None
        and search.names_a_product(ctx, nlu)
    ):
        # "有没有智利车厘子的供应商？想谈下今年12月到港的货": goods to talk about and no one
        # to meet yet: those who sell them, each with a button to book.
        intent = "search_exhibitors"
    if intent == "book_meeting":
        return booking_form.start(ctx, nlu)
    if intent == "subscribe_alerts":
        return alerts.subscribe_or_ask(ctx, nlu)
    handler = INTENTS.get(intent)
    if handler is not None:
        return handler(ctx, nlu)
    if ctx.taxonomy.categories_in_text(nlu.text):
        # A bare product ("agricultural machinery") is a search, sure or not.
        return search.search_exhibitors(ctx, nlu)
    return menu.fallback(ctx, nlu)


# --- a yes or no to a question we asked ------------------------------------------------
def _pending_answer(ctx: Context, nlu: NluResult, intent: str) -> Reply | None:
    pending = ctx.state.pending
    if pending is None or intent not in {"affirm", "deny"}:
        return None
    ctx.state.pending = None
    if intent == "deny":
        return Reply(text=ctx._("All right, I won’t."))
    if pending.get("action") == "subscribe":
        return alerts.subscribed(ctx, pending.get("city", ""), pending.get("product", ""))
    return None


# --- the last list: ordinals, more, refine ------------------------------------------------
def _list_reference(ctx: Context, nlu: NluResult, intent: str) -> Reply | None:
    results = ctx.state.results
    if results is None or intent in NEW_SUBJECT or ctx.state.subject == "lingang":
        return None
    position = _ordinal(ctx, nlu)
    if position is not None:
        return _about_item(ctx, nlu, intent, position)
    if _asks_for_more(ctx, nlu, intent):
        return _next_page(ctx)
    if results.kind == EVENTS and _wants_reminder(ctx, nlu, intent):
        return _remind_about(ctx, ctx.state.focused("event"))
    if _refines(ctx, nlu, intent):
        if results.kind == EXHIBITORS:
            return search.refine(ctx, nlu)
        return list_events.refine(ctx, nlu)
    return None


def _asked_whether_here(ctx: Context, nlu: NluResult) -> str | None:
    """The company a message asks is at the fair: the words before the cue that asks it,
    without framing words and articles, when they hold a name (a capitalised word, or Han
    characters of their own before product words) and not only products or countries."""
    at = cues.first_at(nlu.text, "exhibiting", ctx.t.locale)
    if not at:
        return None
    # The name is in the sentence that asks ("Guten Tag, wir importieren … Gibt es so etwas
    # hier auf der Messe?" names nobody).
    before = cues.SENTENCE_BREAK.split(nlu.text[:at])[-1].strip(" ,?？、")
    tax = ctx.taxonomy
    if names.has_cjk(before):
        # The name is in the clause that asks: "ハラール認証を取りたいんですが、認証機関は".
        before = re.split(r"[、，,]", before)[-1].strip()
        latin = re.findall(r"[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*)+", before)
        if latin:
            return str(latin[-1])  # "请问 Pacific Gold Kiwifruit 有参展吗"
        name = _without_framing_start(tax, before.split()[-1] if before.split() else before)
        if len(name) > 2 and name[-1] in tax.request_particles:
            name = name[:-1]  # "대한가전도" (도: "too")
        if len(name) < 2:
            return None
        phrases = tax.product_phrases(name) or [name]
        products_only = all(tax.match_product(p).categories for p in phrases)
        return name if not products_only or catalog.before_cjk_trade(tax, name) else None
    if named_object := cues.after(before, "company_object", ctx.t.locale):
        before = named_object  # "Est-ce que la société Huiles Berthier"
    words = before.split()
    framing = tax.request_words | tax.link_words | _NAME_ARTICLES
    while words and all(
        part in framing for part in re.split(r"['’-]", fold(words[0].strip("¿¡,;:"))) if part
    ):
        words.pop(0)  # "Est-ce", "que", "la", "Подскажите,"
    words = _before_where_it_is_from(ctx, words)
    name = " ".join(words).strip(" ,")
    clauses = [c.strip() for c in names.CLAUSE_BREAK.split(name) if c.strip()]
    while (
        len(clauses) > 1
        and all(names.is_common(w.casefold()) for w in clauses[0].split())
        and not _a_catalog_name_in_full(ctx, clauses[0])
    ):
        clauses.pop(0)  # "Oye, Bodegas Lumbreras está en la feria?": a word to the listener
    if len(clauses) > 1 or (clauses and clauses[0] != name):
        # "Fauvel, le transporteur frigo, il expose cette année ?": the name ends its clause.
        name = clauses[0]
        words = name.split()
    # "Welche Dienstleister sind auf der Messe vertreten?": firms in general name no one.
    sellers = cues.phrases("sellers", ctx.t.locale)
    named = [
        w
        for w in tax.without_countries(name).split()  # "South American wineries"
        if (w[:1].isupper() or _a_catalog_name_word(ctx, w))
        and not exhibitor_info.names_goods(ctx, w)
        and fold(w) not in framing | sellers
    ]
    asked = named or _written_as_a_name(ctx, words) or _a_catalog_name_in_full(ctx, name)
    return name if asked and len(words) <= 6 else None


def _a_catalog_name_in_full(ctx: Context, text: str) -> bool:
    """Whether a text is a catalog name, all of it, however it is written: "Les capteurs
    industriels de Grenoble" for Capteurs Industriels Grenoble SAS."""
    return any(
        m.kind == "exact" and m.start == 0 and m.end == len(text)
        for m in names.find(ctx.session, text)
    )


def _written_as_a_name(ctx: Context, words: list[str]) -> bool:
    """Whether words are capitalised as only a name's are, in a language that writes its
    nouns in lower case: "Est-ce que Nordic Pharma est présent ?", whatever they name."""
    own = [w for w in words if not names.only_links(w)]
    return (
        ctx.t.locale not in _NOUNS_CAPITALISED
        and len(own) >= 2
        and all(w[:1].isupper() and not w.isupper() for w in own)
    )


# Languages that capitalise every noun, where capitals do not tell a name.
_NOUNS_CAPITALISED = frozenset({"de"})


def _a_whole_catalog_name(ctx: Context, text: str) -> bool:
    """Whether a text is one of the catalog's names or aliases, all of it."""
    found = names.mentions(ctx.session, text, tagged=[(0, len(text))])
    return any(m.kind == "exact" and m.start == 0 and m.end == len(text) for m in found)


def _a_catalog_name_word(ctx: Context, word: str) -> bool:
    """A word written in lower case that a catalog company's name has ("alpina" of "hat
    alpina sportmode einen stand?")."""
    return len(word) >= names.NAME_WORD_MIN and bool(names.find(ctx.session, word))


def _before_where_it_is_from(ctx: Context, words: list[str]) -> list[str]:
    """A name's words up to one saying where the company is from ("Werkzeugfabrik Kuhlmann
    aus Remscheid"); not a word that links a name's own words ("de", "von")."""
    origin = {
        fold(cue)
        for cue in cues.phrases("origin", ctx.t.locale)
        if " " not in cue and fold(cue) != "of" and not names.only_links(cue)
    }
    cut = next((i for i, w in enumerate(words) if i and fold(w) in origin), len(words))
    return words[:cut]


# Articles before a company's name: "la fromagerie Dufour", "die Schokoladenfabrik …".
_NAME_ARTICLES = frozenset(
    {"the", "le", "la", "les", "l'", "der", "die", "das", "el", "los", "las"}
)


def _without_framing_start(tax: Taxonomy, run: str) -> str:
    """A CJK run without the framing words it opens with ("请问", "我想知道")."""
    for word in sorted(tax.request_words, key=len, reverse=True):
        if len(word) >= 2 and run.startswith(word):
            return _without_framing_start(tax, run[len(word) :])
    return run


def _asks_for_a_pavilion(ctx: Context, nlu: NluResult) -> bool:
    return cues.has(nlu.text, "pavilion", ctx.t.locale) and bool(
        ctx.taxonomy.country_mentions(nlu.text)
    )


def _asks_where_a_company_is(ctx: Context, nlu: NluResult) -> bool:
    """A company the catalog knows is named, and nothing else is searched for, or the
    message asks where (a booth, a hall)."""
    if not exhibitor_info.names_a_catalog_company(ctx, nlu):
        return False
    return not _search_values(nlu) or _asks_where(ctx, nlu)


def _about_a_company_not_events(nlu: NluResult) -> bool:
    return exhibitor_info.named(nlu) and not (nlu.values("city") or nlu.values("date"))


def _a_latin_name_in_cjk(ctx: Context, nlu: NluResult) -> bool:
    """A company tagged in Latin letters inside a Chinese, Japanese or Korean sentence,
    two capitalised words or more that name no product and no country, not right before
    one ("维也纳那家咖啡机厂 Kaffeetechnik Donau 有来参展吗"): such a message asks about that
    company, even beside words for what it makes."""
    if not names.has_cjk(nlu.text):
        return False
    tax = ctx.taxonomy
    products = [e.start for e in nlu.entities if e.type == "product"]
    return any(
        len(words := e.value.split()) >= 2
        and all(w[:1].isupper() and w[:1].isascii() for w in words)
        and not tax.match_product(e.value).categories
        and not tax.country_mentions(e.value)
        # "Extra Virgin 橄榄油": words right before a product say which.
        and not any(0 <= start - e.end <= 1 for start in products)
        for e in nlu.entities
        if e.type == "company"
    )


def _products_tagged_as_a_company(ctx: Context, nlu: NluResult) -> bool:
    """A company the catalog does not know, in a message that is only products ("станки с
    ЧПУ" with ЧПУ tagged as a company): the products are what is asked for."""
    return not exhibitor_info.names_a_catalog_company(ctx, nlu) and search.names_products(
        ctx, nlu, catalog_words=False
    )


def _products_beside_an_unknown_company(ctx: Context, nlu: NluResult) -> bool:
    """A company the catalog does not know, tagged in a message that names a product of
    the taxonomy apart from it and asks for no booth, hall or contact: "Закупаем реагенты
    для КДЛ: биохимия, ИФА-наборы, ПЦР" with ПЦР tagged as a company. The products are
    what is asked for."""
    if exhibitor_info.names_a_catalog_company(ctx, nlu) or search.asks_for_a_company(ctx, nlu.text):
        return False
    return search.names_a_product(ctx, nlu, beside_companies=True)


def _names_goods_exhibitors_sell(ctx: Context, nlu: NluResult) -> bool:
    """Whether the message names goods: the taxonomy's, or words of the exhibitors' product
    lists ("nitrile exam gloves")."""
    if search.names_a_product(ctx, nlu):
        return True
    query = search.build_query(ctx, nlu)
    # A phrase as written, or a word of it no language uses every day ("nitrile" where the
    # catalog writes "Nitrile examination gloves").
    words = {w for phrase in query.keywords for w in phrase.split() if not names.is_common(w)}
    return any(
        catalog.finds_any(
            ctx.session, catalog.SearchQuery(keywords=(keyword,)), taxonomy=ctx.taxonomy
        )
        for keyword in (*query.keywords, *sorted(words))
    )


def _asks_about_its_products(ctx: Context, nlu: NluResult) -> bool:
    """A catalog company is named with products of its own ("Dahye cosmetics", "does
    Nordic Medtech make hearing aids?"): the question is about that company."""
    company = next((v for v in nlu.values("company") if v.strip()), None)
    found = catalog.find_by_name(ctx.session, company) if company else []
    if len(found) != 1:
        return False
    query = search.build_query(ctx, nlu)
    asked = query.categories or query.within  # "tequila": a kind, looked for within its category
    own = ctx.taxonomy.with_ancestors(found[0].categories.split())
    return bool(asked) and all(category in own for category in asked)


def _without_its_own_values(ctx: Context, nlu: NluResult, intent: str) -> bool:
    """Whether the message names nothing the intent's action works with: no Lingang topic
    the model is sure of nor a word of Lingang's rules, no city or day for events or
    alerts, no company or day for meetings, nor a word of cancelling one."""
    if intent == "lingang_faq":
        return nlu.topic_confidence < lingang_faq.TOPIC_CONFIDENCE or not cues.has(
            nlu.text, "lingang", ctx.t.locale
        )
    if intent in {"list_events", "subscribe_alerts", "unsubscribe_alerts"}:
        cue = cues.has(nlu.text, "subscribe", ctx.t.locale)
        return not cue and not nlu.names_any({"city"}) and not _names_a_when(ctx, nlu)
    if intent in {"book_meeting", "my_meetings"}:
        return not exhibitor_info.named(nlu) and not _names_a_when(ctx, nlu)
    if intent == "cancel_meeting":
        return (
            not cues.has(nlu.text, "cancel", ctx.t.locale)
            and not exhibitor_info.named(nlu)
            and not _names_a_when(ctx, nlu)
        )
    return False


def _about_lingang_without_its_words(ctx: Context, nlu: NluResult, intent: str) -> bool:
    return intent == "lingang_faq" and not cues.has(nlu.text, "lingang", ctx.t.locale)


def _asks_where_not_when(ctx: Context, nlu: NluResult) -> bool:
    """Whether the message asks where a catalog company is, naming no day or time."""
    return (
        not _names_a_when(ctx, nlu) and _asks_where(ctx, nlu) and _asks_where_a_company_is(ctx, nlu)
    )


def _asks_to_meet(ctx: Context, nlu: NluResult) -> bool:
    """Whether a meeting request says so: a day or time, or words of meeting with someone."""
    return _names_a_when(ctx, nlu) or cues.has(nlu.text, "meet_with", ctx.t.locale)


def _names_a_when(ctx: Context, nlu: NluResult) -> bool:
    """Whether a day or a time the model tagged reads as one ("las avellanas" does not, nor
    the amount in "объём от 20 т в месяц")."""
    read = {
        "date": lambda value: when.parse_day(value, ctx.now, ctx.t.locale),
        "time": when.parse_clock,
    }
    return any(
        read[e.type](e.value) and not search.an_amount(ctx, nlu.text, e)
        for e in nlu.entities
        if e.type in read
    )


def _asks_where(ctx: Context, nlu: NluResult) -> bool:
    """Whether the message asks where (a booth, a hall)."""
    return cues.has_any(nlu.text, ("where", "booth"), ctx.t.locale)


def _search_values(nlu: NluResult) -> bool:
    return nlu.names_any(SEARCH_VALUES)


def _has_values(nlu: NluResult) -> bool:
    kinds = {"product", "country", "city", "company", "date", "time", "area", "hall", "language"}
    return any(e.type in kinds for e in nlu.entities)


def _asks_for_more(ctx: Context, nlu: NluResult, intent: str) -> bool:
    if intent == "more_results":
        return True
    # "next", "ещё", "次": short, with nothing else asked.
    return not _has_values(nlu) and cues.has(nlu.text, "more", ctx.t.locale)


def _next_page(ctx: Context) -> Reply:
    results = ctx.state.results
    assert results is not None
    if results.page + 1 >= results.pages:
        return Reply(text=ctx._("That was all of them: there are no more results."))
    if results.kind == EXHIBITORS:
        query = search.query_from_state(results.query)
        return search.results(ctx, query, results.page + 1)
    return list_events.page_of(ctx, results.query, results.page + 1)


def _ordinal(ctx: Context, nlu: NluResult) -> int | None:
    """The list position the message names, from the model's `ordinal` entity or the cue
    words; dates and times are blanked first ("Nov 6th" is no position)."""
    if (position := cues.numbered(nlu.text)) is not None:
        return position  # "покажи подробности номера 4" with "4" tagged as a date
    text = nlu.text
    for entity in nlu.entities:
        if entity.type in {"date", "time"} and entity.end > entity.start:
            text = text[: entity.start] + " " * (entity.end - entity.start) + text[entity.end :]
    for value in nlu.values("ordinal"):
        found = cues.ordinal(value, ctx.t.locale)
        if found is not None:
            return found
    return cues.ordinal(text, ctx.t.locale)


def _about_item(ctx: Context, nlu: NluResult, intent: str, position: int) -> Reply:
    results = ctx.state.results
    assert results is not None
    item = results.pick(position)
    if item is None:
        return Reply(
            text=ctx._("The list I showed has no number {number}.").format(number=position)
        )
    if results.kind == EVENTS:
        if intent == "subscribe_alerts" or cues.has(nlu.text, "remind", ctx.t.locale):
            return _remind_about(ctx, item)
        event = ctx.session.get(Event, item)
        if event is None:
            return Reply(text=ctx._("That event is no longer listed."))
        return list_events.detail(ctx, event)
    if intent == "book_meeting":
        return booking_form.start(ctx, nlu, exhibitor_id=item)
    return exhibitor_info.card_of(ctx, item)


def _wants_reminder(ctx: Context, nlu: NluResult, intent: str) -> bool:
    if cues.has(nlu.text, "remind", ctx.t.locale):
        return True
    # "提醒我" after an event list is read as an alert request by the model: with no city
    # named, it is about the events just shown.
    return intent == "subscribe_alerts" and not nlu.values("city")


def _remind_about(ctx: Context, event_id: str | None) -> Reply:
    results = ctx.state.results
    if event_id is None and results is not None and len(results.ids) == 1:
        event_id = results.ids[0]
    if event_id is None:
        return list_events.which_reminder(ctx)
    return alerts.on_remind(ctx, (event_id,))


def _refines(ctx: Context, nlu: NluResult, intent: str) -> bool:
    """A filter on the last query: "only from Japan", "what about Korea?", "and in Suzhou?"."""
    if intent == "refine":
        return True
    if intent in ABOUT_AN_EXHIBITOR:
        return False
    results = ctx.state.results
    if results is not None and results.kind == EXHIBITORS and search.only_refuses_goods(ctx, nlu):
        return True  # "刀具类的就不用推荐了", "but no cutting tools"
    if not _has_values(nlu):
        return False
    locale = ctx.t.locale
    return cues.has(nlu.text, "only", locale) or cues.has(nlu.text, "what_about", locale)


# --- the company in focus: "their website", "这家的展位" -----------------------------------
def _focus_reference(ctx: Context, nlu: NluResult, intent: str) -> Reply | None:
    focused = ctx.state.focused("exhibitor")
    if focused is None or intent in NEW_SUBJECT or intent in {"book_meeting", "cancel_meeting"}:
        return None
    if exhibitor_info.named(nlu) or not cues.has(nlu.text, "pronoun", ctx.t.locale):
        return None
    if intent in {"exhibitor_info", "nlu_fallback", "out_of_scope"} | SMALL_TALK:
        return exhibitor_info.card_of(ctx, focused)
    return None


# --- Lingang: follow-ups within the last topic --------------------------------------------
def _lingang_follow_up(ctx: Context, nlu: NluResult, intent: str) -> Reply | None:
    topic = ctx.state.topic
    if ctx.state.subject != "lingang" or topic is None or topic not in ctx.knowledge:
        return None
    if exhibitor_info.named(nlu):
        return None  # "contact of Golden Foods" is about a company, not the topic
    facet = follow_up_facet(nlu.text)
    if intent == "lingang_faq" and nlu.topic_confidence >= lingang_faq.TOPIC_CONFIDENCE:
        # A question that names its own topic, maybe with a facet ("how long does the tax
        # incentive last?").
        if facet and nlu.topic in ctx.knowledge:
            return lingang_faq.follow_up(ctx, nlu.topic, facet)
        return None
    if intent in {"lingang_faq", "nlu_fallback", "inform"}:
        return lingang_faq.follow_up_to(ctx, topic, nlu.text)
    if not facet:
        return None
    # "그럼 항목이 몇 개예요?" read as narrowing a list (none is shown), "combien de mesures
    # contient-elle ?" as a search that names no product: the topic is asked about.
    about_the_topic = intent in {"out_of_scope", "help", "refine", "more_results"} | SMALL_TALK or (
        intent == "search_exhibitors" and not search.names_products(ctx, nlu, catalog_words=False)
    )
    return lingang_faq.follow_up(ctx, topic, facet) if about_the_topic else None
