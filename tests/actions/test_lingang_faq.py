import pytest

from actions import lingang_faq
from actions.base import NluResult
from core.lingang import TOPICS
from core.settings import LOCALES


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
