"""exhibitor_info: one company's booth, products, languages and contact."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from html import escape

from actions.areas import area_name
from actions.base import Button, Context, NluResult, Reply, rows
from actions.menu import menu_reply
from core import catalog, cues, names
from core.catalog import SearchQuery
from core.dialogue import EXHIBITORS
from core.fulltext import is_small_word, without_marks
from core.models import Exhibitor
from core.taxonomy import country_name, fold

VERB = "ex"
BOOK_VERB = "bk"  # actions.meetings.SLOTS: free slots with this exhibitor
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")
_PUNCTUATION = re.compile(r"[\s\W_]+")
_BRACKET = re.compile(r"\s*[(（\[]")
# Cues of a question about one company: what is written before them (in Chinese, Japanese,
# Korean) or as a name (elsewhere) is the company asked about.
_ASKING = cues.ASKING_OF_A_COMPANY


def exhibitor_info(ctx: Context, nlu: NluResult) -> Reply:
    name = nlu.first("company")
    focused = ctx.state.focused("exhibitor")
    if not name and focused:
        return card_of(ctx, focused)  # "where is their booth?"
    results = ctx.state.results
    if not name and results is not None and results.kind == EXHIBITORS:
        # "their booth?" right after a list: which of them?
        return Reply(
            text=ctx._("Which one?"),
            buttons=rows(
                *(
                    ctx.button(f"{n}. {catalog.display_name(e, ctx.t.locale)}"[:40], VERB, e.id)
                    for n, e in enumerate(shown_exhibitors(ctx), start=results.first)
                ),
                per_row=1,
            ),
        )
    name = name or named_in_passing(ctx, nlu.text) or named_in_lower_case(ctx, nlu.text)
    if not name:
        return menu_reply(
            ctx, ctx._("Which company? Tell me its name, e.g. “booth of Nordic Medtech”.")
        )
    found = match_company(ctx, name, VERB, said=nlu.text)
    return card(ctx, found) if isinstance(found, Exhibitor) else found


def match_company(
    ctx: Context, name: str, verb: str, *extra: str, said: str = ""
) -> Exhibitor | Reply:
    """The one exhibitor a name means, or a reply: not found (with the closest names as
    buttons), or buttons to pick one of several equally good matches (each button is
    `verb|exhibitor id|*extra`). Of several, the one from a country the message `said`
    names ("Café de Altura de Costa Rica") is meant."""
    matches = (
        catalog.find_by_name(ctx.session, name, taxonomy=ctx.taxonomy)
        or _the_one_from(ctx, name)
        or _named_beside(ctx, name, said)
        or _without_a_genitive_s(ctx, name)
        or _with_words_cut_short(ctx, name)
        or _before_where_it_is_from(ctx, name)
        or _written_in_hiragana(ctx, name)
        or _named_with_its_goods(ctx, name)
    )
    if len(matches) > 1:
        rest = said.replace(name, " ")
        matches = _from_the_country_named(ctx, matches, rest) or matches
        matches = _selling_what_was_said(ctx, matches, rest) or matches
        matches = _named_more_fully(matches, rest) or matches
    if len(matches) == 1:
        return matches[0]
    if not matches:
        return _not_found(ctx, name, verb, *extra)
    return Reply(
        text=ctx._("Several exhibitors match “{name}”. Which one?").format(name=escape(name)),
        buttons=_choices(ctx, matches, verb, *extra),
    )


def _the_one_from(ctx: Context, name: str) -> list[Exhibitor]:
    """The one exhibitor named after a link word, when the words before it are common
    ones that say no trade: "die Russen von Tajoschnyje Dary", "les gars de Maison Dufour"
    (not "Brauerei von Hohenfels", a brewery of that name)."""
    words = name.split()
    for at, word in enumerate(words[1:-1], start=1):
        before = words[:at]
        # A word that links ("de", "von"), not a sign ("&" of "Maison Dufour & Fils").
        linking = (word.isalpha() and names.only_links(word)) or word.casefold() in {
            "from",
            "of",
            "aus",
        }
        if linking and all(
            names.is_common(w.casefold()) and not catalog.a_trade_word(ctx.taxonomy, w)
            for w in before
        ):
            rest = " ".join(words[at + 1 :])
            found = catalog.find_by_name(ctx.session, rest, taxonomy=ctx.taxonomy)
            return found if len(found) == 1 else []
    return []


def _before_where_it_is_from(ctx: Context, name: str) -> list[Exhibitor]:
    """The exhibitors named before a link word and the town or country they are from: "los
    Montaño de Mendoza" are the Montaños (the message's other words may tell which)."""
    words = name.split()
    for at in range(len(words) - 2, 0, -1):
        place = " ".join(words[at + 1 :])
        if names.only_links(words[at]) and (
            names.is_a_place(place) or ctx.taxonomy.country_code(place)
        ):
            return catalog.find_by_name(ctx.session, " ".join(words[:at]), taxonomy=ctx.taxonomy)
    return []


def _written_in_hiragana(ctx: Context, name: str) -> list[Exhibitor]:
    """The one exhibitor a name means whose kana the buyer wrote in hiragana: "さくらや本舗さん"
    for サクラヤ (Sakuraya Honpo)."""
    bare = _HONORIFIC.sub("", name)
    if not _HIRAGANA_RUN.search(bare):
        return []
    katakana = "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in bare)
    found = catalog.find_by_name(ctx.session, katakana, taxonomy=ctx.taxonomy)
    return found if len(found) == 1 else []


def _named_with_its_goods(ctx: Context, name: str) -> list[Exhibitor]:
    """The exhibitors a short or family name means, written with the goods that tell which
    of them: "田中家的清酒", "ミューラーさんとこのチーズ", "가르시아 하몽", "Nakamura rice
    crackers"; none when no exhibitor of that name sells those goods ("Nordhavn Pharma")."""
    for head, goods in _a_name_and_its_goods(ctx, name):
        found = catalog.find_by_name(ctx.session, head, taxonomy=ctx.taxonomy)
        if found:
            return _selling_what_was_said(ctx, found, goods) if goods else found
    return []


def _a_name_and_its_goods(ctx: Context, name: str) -> Iterator[tuple[str, str]]:
    """The ways to read a name as a shorter one and the goods written after it, the
    longest name first; a name only followed by words for the firm ("田中家", "シルバさん")
    reads as the name and no goods."""
    joins = _house_words(ctx.t.locale)
    text = name.strip()
    # Chinese and Japanese goods only past a particle or a word for the firm: trade words
    # written straight onto a name are the name's own ("南山精密汽车零部件" is not 南山视界).
    cuts = [m.start() for m in re.finditer(r"\s+", text)]
    if names.has_cjk(text) and not re.search(r"\s", text):
        cuts = [m.start() for join in joins for m in re.finditer(re.escape(join), text)]
    for at in [len(text), *sorted(set(cuts), reverse=True)]:
        head, goods = _without_joins(text[:at], joins, end=True), text[at:]
        goods = _without_joins(goods, joins, end=False)
        if len(head) < 2 or head == text:
            continue
        if not goods or _only_goods(ctx, goods):
            yield head, goods


def _only_goods(ctx: Context, text: str) -> bool:
    """Whether every word of a text names goods or frames them ("rice cracker company",
    "초음파 장비"), not another word of a name ("Creek Wines" of "Barossa Creek Wines")."""
    tax = ctx.taxonomy
    phrases = tax.product_phrases(text)
    if not phrases or not all(tax.product_categories(p, typos=False) for p in phrases):
        return False
    return names.has_cjk(text) or all(
        tax.product_categories(word, typos=False) or tax.only_framing(word) or tax.is_term(word)
        for phrase in phrases
        for word in phrase.split()
    )


def _without_joins(text: str, joins: tuple[str, ...], *, end: bool) -> str:
    """A text without the words for a firm or the particles on the side where it meets the
    other part of a name: "田中家的" → "田中", "のチーズ" → "チーズ"."""
    text = text.strip()
    changed = True
    while changed and text:
        changed = False
        for join in joins:
            if end and text.endswith(join) and len(text) > len(join):
                text, changed = text[: -len(join)].rstrip(), True
            elif not end and text.startswith(join) and len(text) > len(join):
                text, changed = text[len(join) :].lstrip(), True
    return text


@cache
def _house_words(locale: str) -> tuple[str, ...]:
    """Words for a firm and particles between a name and its goods, the longest first."""
    kinds = ("house_words", "particles", "firm_words")
    words = {w for kind in kinds for w in cues.phrases(kind, locale)}
    return tuple(sorted(words, key=len, reverse=True))


# Up to one short word, an article, between words refusing goods and the goods.
_ONE_SHORT_WORD = re.compile(r"\s*(?:[^\W\d_]{1,4}['’]?\s*)?")
# Two hiragana or more (a name's, not a particle); a Japanese honorific after a name.
_HIRAGANA_RUN = re.compile(r"[\u3041-\u3096]{2,}")
_HONORIFIC = re.compile(r"(?:さん|様|さま|殿)$")


def _without_a_genitive_s(ctx: Context, name: str) -> list[Exhibitor]:
    """The one exhibitor named with the "s" German and English add to a name that owns
    something: "Wo ist Dörrs Stand?", "Müllers Käse", "Fonterras booth"."""
    bare = _GENITIVE_S.sub("", name)
    if bare == name or len(bare) < names.NAME_WORD_MIN:
        return []
    if " " in bare and name.rstrip()[-2:-1] not in "'’":
        return []  # "Castelvetri Motors": the last word's plural, no genitive
    found = catalog.find_by_name(ctx.session, bare, taxonomy=ctx.taxonomy)
    return found if len(found) == 1 else []


def _with_words_cut_short(ctx: Context, name: str) -> list[Exhibitor]:
    """The one exhibitor a word of the name finds, when the name's other words open words
    of that exhibitor's name: "Bergmann Verpackung" for Bergmann Verpackungsmaschinen,
    "Zürcher Präzision" for Präzisionstechnik Zürcher, "Schneider Verpackung" for
    Schneider Verpackungstechnik beside Schneider Sitzsysteme."""
    words = _words(name)
    if len(words) < 2:
        return []
    for at, word in enumerate(words):
        if len(word) < names.NAME_WORD_MIN:
            continue
        others = [cues.fold(w) for w in words[:at] + words[at + 1 :]]
        if any(len(other) < names.NAME_WORD_MIN for other in others):
            continue
        # Of several of that word ("Schneider Verpackung"), the one whose name goes on so.
        found = [
            e
            for e in catalog.find_by_name(ctx.session, word, taxonomy=ctx.taxonomy)
            if _opens_words_of(others, catalog.display_name(e, "en"))
        ]
        if len(found) == 1:
            return found
    return []


def _opens_words_of(others: list[str], name: str) -> bool:
    written = [cues.fold(w) for w in _words(name)]
    return all(any(w.startswith(other) for w in written) for other in others)


_GENITIVE_S = re.compile(r"(?<=[^\W\d_]{2})['’]?s$")


def _named_beside(ctx: Context, name: str, said: str) -> list[Exhibitor]:
    """The one catalog company the message names beside a name the catalog does not have:
    the name up to a bracket ("Löffler (Nussknacker aus dem Erzgebirge)"), or a name word
    written elsewhere in the message ("Wo finde ich Wimmer, die mit den Ladewagen?")."""
    at = said.find(name)
    start, end = _the_name_written_around(said, at, at + len(name)) if at >= 0 else (0, 0)
    rest = said[:start] + " " + said[end:] if at >= 0 else ""
    candidates = [_BRACKET.split(name, maxsplit=1)[0].strip()] + [
        word
        for word in re.findall(r"[^\W\d_][\w'’-]*", rest)
        if word[0].isupper()
        and not names.is_frequent(word.casefold(), ctx.t.locale)  # "Hat" (has), not Hạt
        and not catalog.links_or_places(ctx.taxonomy, word)
        and not names_goods(ctx, word)
    ]
    found = {
        e.id: e
        for candidate in candidates
        if candidate and candidate != name
        for e in catalog.find_by_name(ctx.session, candidate, taxonomy=ctx.taxonomy)
    }
    return list(found.values()) if len(found) == 1 else []


def _the_name_written_around(said: str, start: int, end: int) -> tuple[int, int]:
    """The span of a name with the capitalised words and links it is written after:
    "Huilerie Leblanc de Nyons" for "Nyons" (what follows may say where it is from:
    "Krone aus Solingen")."""
    words = names.tokens(said[:start])
    for word in reversed(words):
        if not (word.capital or names.only_links(word.raw)) or names.CLAUSE_BREAK.search(
            said[word.end : start]
        ):
            break
        start = word.start
    return start, end


def _from_the_country_named(ctx: Context, matches: list[Exhibitor], said: str) -> list[Exhibitor]:
    countries = {mention.code for mention in ctx.taxonomy.country_mentions(said)}
    return [e for e in matches if e.country in countries]


def _selling_what_was_said(ctx: Context, matches: list[Exhibitor], said: str) -> list[Exhibitor]:
    """Of several companies of one name, those selling what the message names besides
    ("reunirme con Sakura, los del sake"), or else those not selling what it refuses
    ("水産の方ではなく": not the seafood division): its products' categories are theirs."""
    wanted: set[str] = set()
    refused: set[str] = set()
    for phrase in ctx.taxonomy.product_phrases(said):
        goods = _refused(ctx, said, phrase)
        # "家的眼镜框" of "中村家的眼镜框": the goods after the words for the firm.
        phrase = _without_joins(phrase, _house_words(ctx.t.locale), end=False)
        if goods is None:
            wanted |= ctx.taxonomy.product_categories(phrase, typos=False)
        else:
            refused |= ctx.taxonomy.product_categories(goods, typos=False)
    selling = [e for e in matches if wanted & set(e.categories.split())]
    kept = [e for e in selling or matches if not refused & set(e.categories.split())]
    return kept if kept and (selling or len(kept) < len(matches)) else selling


def _refused(ctx: Context, said: str, phrase: str) -> str | None:
    """The goods of a phrase the message refuses, right after it ("올리브유 …, 제약회사
    말고요") or within it ("水産の方ではなく": 水産), None when it does not."""
    at = said.find(phrase)
    if at < 0 and len(lowered := said.lower()) == len(said):
        at = lowered.find(phrase.lower())  # "bier" of "nicht das Bier"
    if at < 0:
        return None
    end = at + len(phrase)
    if cues.refused_after(said, end, ctx.t.locale):
        return phrase
    if any(
        _ONE_SHORT_WORD.fullmatch(said[e:at]) for e in cues.ends(said, "not_wanted", ctx.t.locale)
    ):
        return phrase  # "nicht das Bier"
    cue = next((c for c in cues.refusals_after(said, ctx.t.locale) if at < c.start() < end), None)
    return said[at : cue.start()] if cue is not None else None


def _named_more_fully(matches: list[Exhibitor], said: str) -> list[Exhibitor]:
    """Of several companies sharing a name, those with the most other words of their names
    written in the message, as written or translated: "die Käserei vom Aebischer" is
    Käserei Aebischer, not Aebischer Medizintechnik; "les frères Rinaldi" Fratelli
    Rinaldi, not Rinaldi Meccanica."""
    written = {
        word
        for word in names.name_words(said)
        if len(word) >= names.NAME_WORD_MIN and not names.has_cjk(word)
    }
    if not written:
        return []
    said_in_english = {names.in_english(word) or word for word in written}
    counts = {
        e.id: len(said_in_english & {names.in_english(w) or w for w in _all_name_words(e)})
        for e in matches
    }
    most = max(counts.values())
    best = [e for e in matches if counts[e.id] == most]
    return best if most and len(best) < len(matches) else []


def _all_name_words(exhibitor: Exhibitor) -> set[str]:
    return {word for name in catalog.names_of(exhibitor) for word in names.name_words(name)}


def _not_found(ctx: Context, name: str, verb: str, *extra: str) -> Reply:
    text = ctx._("I couldn’t find an exhibitor called “{name}”.").format(name=escape(name))
    close = catalog.suggestions(ctx.session, name)
    if not close:
        hint = ctx._("Check the spelling, or search by product or country instead.")
        return Reply(text=text + "\n" + hint)
    hint = ctx._("Did you mean one of these?")
    return Reply(text=text + "\n" + hint, buttons=_choices(ctx, close, verb, *extra))


def _choices(
    ctx: Context, exhibitors: list[Exhibitor], verb: str, *extra: str
) -> tuple[tuple[Button, ...], ...]:
    return rows(
        *(
            ctx.button(catalog.display_name(e, ctx.t.locale)[:40], verb, e.id, *extra)
            for e in exhibitors
        ),
        per_row=1,
    )


def where_text(ctx: Context, exhibitor: Exhibitor) -> str:
    return ctx._("Hall {hall}, booth <b>{booth}</b>").format(
        hall=escape(exhibitor.hall), booth=escape(exhibitor.booth)
    )


def card(ctx: Context, exhibitor: Exhibitor, *, edit: bool = False) -> Reply:
    ctx.state.focus_on("exhibitor", exhibitor.id)
    ctx.state.subject = "exhibitor"
    locale = ctx.t.locale
    name = catalog.display_name(exhibitor, locale)
    lines = [f"<b>{escape(name)}</b>"]
    if name != exhibitor.name_en:
        lines.append(escape(exhibitor.name_en))
    lines += [
        ctx._("Country: {country}").format(country=escape(country_name(exhibitor.country, locale))),
        ctx._("Area: {area}").format(area=escape(area_name(exhibitor.area, locale))),
        where_text(ctx, exhibitor),
        ctx._("Products: {products}").format(
            products=escape(ctx.t.join(catalog.product_names(exhibitor, ctx.taxonomy, locale)))
        ),
    ]
    if exhibitor.languages:
        spoken = [ctx.t.language_name(code) for code in exhibitor.languages.split(";")]
        lines.append(ctx._("Staff speak: {languages}").format(languages=escape(ctx.t.join(spoken))))
    description = exhibitor.description_zh if locale == "zh" else None
    description = description or exhibitor.description_en
    if description:
        lines += ["", escape(description)]
    contact = [escape(v) for v in (exhibitor.website, exhibitor.email) if v]
    if contact:
        lines += ["", ctx._("Contact: {contact}").format(contact=" · ".join(contact))]
    if catalog.is_demo(ctx.session, "exhibitors"):
        lines += ["", "<i>" + ctx._("Demo catalog: the companies are fictitious.") + "</i>"]
    book = ctx.button(ctx._("🤝 Book a meeting"), BOOK_VERB, exhibitor.id)
    return Reply(text="\n".join(lines), buttons=rows(book), edit=edit)


def on_callback(ctx: Context, args: tuple[str, ...]) -> Reply:
    return card_of(ctx, args[0] if args else "")


def card_of(ctx: Context, exhibitor_id: str) -> Reply:
    exhibitor = catalog.get(ctx.session, exhibitor_id)
    if exhibitor is None:
        return menu_reply(ctx, ctx._("That exhibitor is no longer in the catalog."))
    return card(ctx, exhibitor)


def named_in_passing(ctx: Context, text: str) -> str | None:
    """A company's name the model did not tag, in a question about a company: in Chinese,
    Japanese and Korean what is written before the booth or where words ("한강푸드 부스는
    어디예요"), elsewhere words written as a name ("Wo ist der Stand von Rheinhessen
    Feinmechanik?"), which may be a name the catalog does not have."""
    locale = ctx.t.locale
    if _CJK.search(text):
        return _before_cue(text, locale)
    cue_words = [w for key in _ASKING for w in cues.lexicon(locale).lists.get(key, ())]
    span = names.written_as_a_name(
        text, skip=[names.fold_word(w) for w in cue_words], unusual=ctx.taxonomy.label_only_words
    )
    written = text[span[0] : span[1]] if span else None
    return None if written is None or names.only_codes_and_sizes(written) else written


def named_in_lower_case(ctx: Context, text: str, *, whole: bool = False) -> str | None:
    """A catalog name in a question about a company, written all in lower case ("bodegas
    san roman donde esta"): the question says a company is named, so its words count as a
    name's however everyday they are. With `whole`, only a whole catalog name counts."""
    found = names.mentions(ctx.session, text, tagged=[(0, len(text))])
    if whole:
        found = [m for m in found if m.kind == "exact"]
    return text[found[0].start : found[0].end] if found else None


def named_around_a_cue(ctx: Context, text: str) -> str | None:
    """The words after a booth, where or contact cue, or else before it, written in lower
    case, that may be a company's name the catalog does not have ("tenes el stand de
    estancia el ombu", "cafe los andes contacto"): one of them names no product, country
    or everyday thing."""
    if _CJK.search(text):
        return None
    locale = ctx.t.locale
    after = [rest for key in _ASKING if (rest := cues.after(text, key, locale))]
    before = [text[:at] for key in _ASKING if (at := cues.first_at(text, key, locale)) is not None]
    framing = {
        _bare(w) for w in ctx.taxonomy.request_words | ctx.taxonomy.link_words | _cue_words(locale)
    }
    for segment in [*after, *before]:
        # A name ends with its clause: "parfums Delorme, s'il vous plaît".
        segment = names.CLAUSE_BREAK.split(segment, maxsplit=1)[0]
        words = _without_framing(_words(segment), framing)
        naming = [w for w in words if not names.is_common(w.casefold()) and not names_goods(ctx, w)]
        branded = _the_brand_among(ctx, words) is not None
        # "hansa bremsen gmbh stand": words and a legal form are a name, whatever they say.
        formed = len(words) > 1 and names.is_legal_form(words[-1])
        if words and (naming or formed or (branded and not _names_one(ctx, text, words))):
            return " ".join(words)
    return None


def _names_one(ctx: Context, text: str, besides: list[str]) -> bool:
    """Whether a message names a catalog company with another word, as written or nearly:
    "llantas sanxing … en q pabellon andan??" asks for Sanxing, not for a brand "andan"."""
    return any(
        names.find(ctx.session, word)
        for word in _words(text)
        if word not in besides
        and len(word) >= names.NAME_WORD_MIN
        and not names_goods(ctx, word)
        and not names.is_common(word.casefold())
    )


def a_brand_asked_for(ctx: Context, text: str) -> str | None:
    """The words by a booth or where cue when one of them is a brand no exhibitor writes
    ("michelin reifen stand?"): a company is asked for, not the goods beside it."""
    named = named_around_a_cue(ctx, text)
    if not named or names.find(ctx.session, named):
        return None  # "цзиньхун": a name's sound, told by what the company sells
    brand = _the_brand_among(ctx, _words(named))
    unwritten = brand is not None and not catalog.finds_any(
        ctx.session, SearchQuery(keywords=(brand,)), taxonomy=ctx.taxonomy
    )
    return named if unwritten else None


def a_brand(ctx: Context, word: str) -> bool:
    """Whether a word written in lower case may be a brand: no goods, place or small word,
    and not among the most frequent words of the person's language."""
    return (
        not names_goods(ctx, word)
        and not is_small_word(word)
        and not names.is_frequent(word.casefold(), ctx.t.locale)
        and not names.is_a_place(word)
        and not ctx.taxonomy.country_code(word)
    )


def _the_brand_among(ctx: Context, words: list[str]) -> str | None:
    """Of words by a booth or where cue, the one that alone names no goods, if it may be a
    brand every language writes ("wo ist bosch", "michelin reifen stand?")."""
    others = [w for w in words if not names_goods(ctx, w)]
    return others[0] if len(others) == 1 and a_brand(ctx, others[0]) else None


def named_by_its_words(ctx: Context, text: str) -> str | None:
    """A catalog company a question about a company names in a clause of its own, in
    words the model did not tag: the clause without the words that frame the question, when
    the catalog has a name of those words ("Zürcher Präzision, welche Halle?" for
    Präzisionstechnik Zürcher, "hola, los de inca del sur en que pabellon estan", "Hofmann,
    die mit den Brezeln", one of two Hofmanns), however everyday its words. A clause of
    goods and places names none."""
    if _CJK.search(text):
        return None
    framing = {
        _bare(w)
        for w in ctx.taxonomy.request_words | ctx.taxonomy.link_words | _cue_words(ctx.t.locale)
    }
    for clause in names.CLAUSE_BREAK.split(text):
        words = _without_framing(_words(clause), framing)
        naming = [
            w
            for w in words
            if not names_goods(ctx, w) and not catalog.links_or_places(ctx.taxonomy, w)
        ]
        candidate = " ".join(words)
        if naming and len(words) <= _NAME_WORDS_MAX and _a_catalog_name(ctx, candidate):
            return candidate
    return None


_NAME_WORDS_MAX = 6


def _a_catalog_name(ctx: Context, candidate: str) -> bool:
    found = catalog.find_by_name(ctx.session, candidate, taxonomy=ctx.taxonomy)
    return bool(found or _with_words_cut_short(ctx, candidate))


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", text)


def _without_framing(words: list[str], framing: set[str]) -> list[str]:
    """The words between those that frame a question at either end."""
    start, end = 0, len(words)
    while start < end and _bare(words[start]) in framing:
        start += 1
    while end > start and _bare(words[end - 1]) in framing:
        end -= 1
    return words[start:end]


def _bare(word: str) -> str:
    """A word as framing words are compared with it: folded, without accents ("esta")."""
    return without_marks(cues.fold(word))


def _cue_words(locale: str) -> frozenset[str]:
    return frozenset(
        cues.fold(word)
        for key in _ASKING
        for phrase in cues.lexicon(locale).lists.get(key, ())
        for word in phrase.split()
    )


def _before_cue(text: str, locale: str) -> str | None:
    folded = cues.fold(text)
    at = [p for key in _ASKING if (p := cues.first_at(text, key, locale)) is not None]
    if not at:
        return None
    written = text if len(folded) == len(text) else folded
    name = _PUNCTUATION.sub(" ", written[: min(at)]).strip()
    particles = sorted(cues.lexicon(locale).lists.get("particles", ()), key=len, reverse=True)
    changed = True
    while changed and name:
        changed = False
        for particle in particles:
            if cues.fold(name).endswith(particle):
                name, changed = name[: -len(particle)].strip(), True
            elif cues.fold(name).startswith(particle):
                name, changed = name[len(particle) :].strip(), True
    if len(name) < 2 or cues.has(name, "pronoun", locale):
        return None  # "你们的展位" is about the company talked about
    return name


def names_goods(ctx: Context, word: str) -> bool:
    """Whether a word of what may be a company's name names a product or a country
    instead ("Lácteos", "Chile"), which no name is made of alone. Capitalised, a product's
    word only in a language exhibitors label in is a name in a chat: "Miele"."""
    if (word[:1].isupper() and fold(word) in ctx.taxonomy.label_only_words) or (
        a_name_word_stemmed(ctx, word)
    ):
        return False  # "Miele"; "Müller", which only its stem reads as gauze
    return bool(ctx.taxonomy.match_product(word).categories or ctx.taxonomy.country_mentions(word))


def a_name_word_stemmed(ctx: Context, word: str) -> bool:
    """Whether a capitalised word is a product's term only by its stem, as a name's word
    may be: "Müller" stems as "Mull" (gauze)."""
    return word[:1].isupper() and ctx.taxonomy.only_stemmed_as_a_term(word)


def named(nlu: NluResult) -> bool:
    """Whether the message names a company (else "them", "their booth" mean the focused one)."""
    return any(value.strip() for value in nlu.values("company"))


def names_a_catalog_company(ctx: Context, nlu: NluResult) -> bool:
    """Whether the first company the message names is one the catalog has."""
    company = next((value for value in nlu.values("company") if value.strip()), None)
    return company is not None and bool(catalog.find_by_name(ctx.session, company))


def shown_exhibitors(ctx: Context) -> list[Exhibitor]:
    """The exhibitors of the list shown last, still in the catalog, in their order."""
    results = ctx.state.results
    ids = results.ids if results is not None and results.kind == EXHIBITORS else []
    return [e for e in (catalog.get(ctx.session, i) for i in ids) if e is not None]
