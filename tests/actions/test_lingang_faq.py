import html

import pytest

from actions import dialogue, lingang_faq
from actions.base import NluResult
from core.lingang import TOPICS, follow_up_facet, load_knowledge_base
from core.settings import LOCALES, ROOT
from tests.actions.conftest import nlu


def faq(topic: str | None, confidence: float = 0.9) -> NluResult:
    return NluResult(
        text="q", intent="lingang_faq", confidence=0.9, topic=topic, topic_confidence=confidence
    )


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_answers_in_every_language_with_source_and_date(
    make_ctx, locale, topic
) -> None:
    ctx = make_ctx(locale)
    reply = lingang_faq.lingang_faq(ctx, faq(topic))
    entry = ctx.knowledge[topic]
    assert (
        entry.answers[locale].title in reply.text.replace("&amp;", "&").replace("&#x27;", "'")
        or locale not in entry.answers
    )
    assert '<a href="http' in reply.text
    assert ctx.t.date_only(entry.last_checked) in reply.text
    more = next(b for row in reply.buttons for b in row if b.data.startswith("lgm|"))
    _, args = ctx.codec.decode(more.data)
    detailed = lingang_faq.on_more(ctx, args)
    assert detailed.edit and len(detailed.text) > len(reply.text)


def test_low_topic_confidence_offers_the_topics(make_ctx) -> None:
    reply = lingang_faq.lingang_faq(make_ctx("en"), faq("tax", confidence=0.2))
    assert "Which Lingang" in reply.text
    assert len([b for row in reply.buttons for b in row]) == len(TOPICS)


# --- follow-up questions ---------------------------------------------------------------
FACETS_OF = [
    (topic, facet)
    for topic, entry in load_knowledge_base(ROOT / "data").items()
    for facet in entry.facets
]


def unescaped(text: str) -> str:
    return html.unescape(text)


def button_verbs(ctx, reply) -> list[tuple[str, tuple[str, ...]]]:
    return [ctx.codec.decode(b.data) for row in reply.buttons for b in row]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_facet_renders_in_every_language_with_source_link_and_date(make_ctx, locale) -> None:
    ctx = make_ctx(locale)
    disclaimer = ctx._("General information, not legal advice: confirm with the official service.")
    assert len(FACETS_OF) >= 40
    for topic, facet in FACETS_OF:
        reply = lingang_faq.follow_up(ctx, topic, facet)
        found = ctx.knowledge[topic].facets[facet]
        where = (topic, facet)
        assert found.answers[locale] in unescaped(reply.text), where
        assert ctx.knowledge[topic].answers[locale].title in unescaped(reply.text), where
        assert '<a href="http' in reply.text, where
        assert ctx.t.date_only(found.last_checked) in reply.text, where
        assert disclaimer in reply.text, where
        verbs = button_verbs(ctx, reply)
        assert ("lgm", (topic,)) in verbs and ("lg", ()) in verbs, where
        assert (("lg", ("contact",)) in verbs) == (topic != "contact"), where


def test_a_facet_cites_its_own_sources_not_the_topics(make_ctx) -> None:
    ctx = make_ctx("en")
    reply = lingang_faq.follow_up(ctx, "tax", "foreign_staff")
    assert "subsites.chinadaily.com.cn/lingang" in reply.text
    assert "Caishui" not in reply.text  # a topic source that says nothing about talent subsidies
    assert "Foreign staff" in reply.text


def test_a_document_without_an_official_page_is_cited_without_a_link(make_ctx) -> None:
    reply = lingang_faq.follow_up(make_ctx("en"), "tax", "duration")
    assert "MOF &amp; STA, Caishui [2020] No. 38, 2020-07-31" in reply.text
    assert '">MOF' not in reply.text


def test_an_unpublished_figure_is_answered_honestly(make_ctx) -> None:
    ctx = make_ctx("de")
    reply = lingang_faq.follow_up(ctx, "company_setup", "duration")
    assert "Die offiziellen Quellen nennen dazu keine Angabe" in unescaped(reply.text)
    assert '<a href="https://en.lingang.gov.cn/">' in reply.text


def test_more_details_is_the_topics_details_text(make_ctx) -> None:
    ctx = make_ctx("fr")
    reply = lingang_faq.follow_up(ctx, "negative_list", "details")
    assert ctx.knowledge["negative_list"].answers["fr"].details in unescaped(reply.text)
    assert not reply.edit  # a typed question gets a new message


@pytest.mark.parametrize("locale", LOCALES)
def test_a_facet_the_topic_lacks_gives_the_answer_and_where_to_ask(make_ctx, locale) -> None:
    ctx = make_ctx(locale)
    entry = ctx.knowledge["negative_list"]
    assert "cost" not in entry.facets
    reply = lingang_faq.follow_up(ctx, "negative_list", "cost")
    text = unescaped(reply.text)
    assert entry.answers[locale].short in text
    line = ctx._(
        "There is no specific information on that for this topic. Please ask the official "
        "service: {sources}"
    ).split("{sources}")[0]
    assert line in text
    contact = entry.facets["contact"].sources[0]
    assert f'<a href="{contact.url}">' in reply.text
    assert ctx.t.date_only(entry.last_checked) in reply.text


def test_an_unknown_topic_offers_the_topics(make_ctx) -> None:
    reply = lingang_faq.follow_up(make_ctx("en"), "weather", "cost")
    assert "Which Lingang" in reply.text


@pytest.mark.parametrize(
    ("locale", "topic", "question", "expected"),
    [
        ("ko", "negative_list", "그럼 항목이 몇 개예요?", "29"),
        ("zh", "work_visa", "需要多长时间？", "3天内签发"),
        ("zh", "tax", "外国员工呢？", "个人所得税差额补贴"),
        ("ja", "data_transfer", "どこに連絡すればいい？", "+86-21-68283063"),
        ("de", "tax", "Wie lange dauert das?", "fünf Jahre"),
        ("fr", "bonded_zone", "Combien de temps ça prend ?", "douane de Shanghai"),
        ("es", "finance", "¿Cuánto tarda?", "1 de mayo de 2025"),
        ("ru", "work_visa", "Сколько это занимает?", "за три дня"),
    ],
)
def test_a_follow_up_question_gets_the_facet_of_the_last_topic(
    make_ctx, locale, topic, question, expected
) -> None:
    facet = follow_up_facet(question)
    assert facet is not None
    reply = lingang_faq.follow_up(make_ctx(locale), topic, facet)
    assert expected in unescaped(reply.text)


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("en", "who do I call?", "+86-21-68283063"),
        ("zh", "外国员工呢？", "个人所得税差额补贴"),
        ("es", "¿y cuánto tarda?", "cinco años"),
    ],
)
def test_the_dialogue_answers_a_follow_up_by_its_facet_and_keeps_the_topic(
    make_ctx, locale, text, expected
) -> None:
    ctx = make_ctx(locale)
    reply = lingang_faq.follow_up_to(ctx, "tax", text)
    assert expected in unescaped(reply.text)
    assert (ctx.state.subject, ctx.state.topic) == ("lingang", "tax")


def test_a_follow_up_that_asks_no_facet_gets_the_details(make_ctx) -> None:
    ctx = make_ctx("en")
    reply = lingang_faq.follow_up_to(ctx, "finance", "and?")
    assert ctx.knowledge["finance"].answers["en"].details in unescaped(reply.text)


@pytest.mark.parametrize(
    ("locale", "text", "intent"),
    [
        ("ko", "그럼 항목이 몇 개예요?", "refine"),  # no list is shown: the topic is
        ("fr", "combien de mesures contient-elle ?", "search_exhibitors"),  # names no product
    ],
)
def test_a_follow_up_read_as_a_search_or_narrowing_answers_the_topic(
    make_ctx, locale: str, text: str, intent: str
) -> None:
    ctx = make_ctx(locale)
    ctx.state.subject, ctx.state.topic = "lingang", "negative_list"
    reply = dialogue.respond(ctx, nlu(text, intent))
    facet = follow_up_facet(text)
    assert facet is not None
    assert reply.text == lingang_faq.follow_up(make_ctx(locale), "negative_list", facet).text
