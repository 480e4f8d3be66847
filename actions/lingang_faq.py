"""lingang_faq: dated, sourced answers on Lingang New Area rules, one topic at a time.

`follow_up_to` answers the questions that come after an answer and name no topic ("how long
does it take?", "外国员工呢？"): the facet they ask about (core.lingang.follow_up_facet) of the
topic in the conversation's state.
"""

from __future__ import annotations

from datetime import date
from html import escape

from actions.base import Button, Context, NluResult, Reply, rows
from core.i18n import N_
from core.lingang import DETAILS, TOPICS, Entry, Facet, Source, follow_up_facet

VERB = "lg"
MORE = "lgm"
TOPIC_CONFIDENCE = 0.5
TOPIC_LABELS = {
    "tax": N_("Tax incentives"),
    "company_setup": N_("Setting up a company"),
    "work_visa": N_("Work permits and visas"),
    "bonded_zone": N_("Yangshan bonded zone"),
    "data_transfer": N_("Cross-border data"),
    "negative_list": N_("Negative list"),
    "finance": N_("FT accounts and finance"),
    "key_industries": N_("Key industries"),
    "contact": N_("Official contacts"),
}
FACET_LABELS = {
    "duration": N_("How long it takes"),
    "documents": N_("Documents"),
    "eligibility": N_("Who is eligible"),
    "cost": N_("Cost"),
    "foreign_staff": N_("Foreign staff"),
    "count": N_("Figures"),
    "contact": N_("Whom to contact"),
}


def lingang_faq(ctx: Context, nlu: NluResult) -> Reply:
    topic = nlu.topic if nlu.topic_confidence >= TOPIC_CONFIDENCE else None
    if topic not in ctx.knowledge:
        return topics(ctx)
    return answer(ctx, topic)


def topics(ctx: Context, *, edit: bool = False) -> Reply:
    available = [t for t in TOPICS if t in ctx.knowledge]
    return Reply(
        text=ctx._("Which Lingang New Area topic are you interested in?"),
        buttons=rows(*(ctx.button(ctx._(TOPIC_LABELS[t]), VERB, t) for t in available)),
        edit=edit,
    )


def _source_links(sources: tuple[Source, ...]) -> str:
    """Documents cited by authority and number have no link: only official pages are linked."""
    return " · ".join(
        f'<a href="{escape(s.url, quote=True)}">{escape(s.title)}</a>' if s.url else escape(s.title)
        for s in sources
    )


def _footer(ctx: Context, sources: tuple[Source, ...], last_checked: date) -> list[str]:
    return [
        "",
        ctx._("Source: {sources}").format(sources=_source_links(sources)),
        ctx._("Last checked: {date}").format(date=ctx.t.date_only(last_checked)),
        "<i>"
        + ctx._("General information, not legal advice: confirm with the official service.")
        + "</i>",
    ]


def _buttons(ctx: Context, topic: str, *, details: bool) -> list[Button]:
    buttons = []
    if not details:
        buttons.append(ctx.button(ctx._("More details"), MORE, topic))
    if topic != "contact" and "contact" in ctx.knowledge:
        contact_label = TOPIC_LABELS["contact"]
        buttons.append(ctx.button(ctx._(contact_label), VERB, "contact"))
    buttons.append(ctx.button(ctx._("Other topics"), VERB))
    return buttons


def answer(ctx: Context, topic: str, *, details: bool = False, edit: bool = False) -> Reply:
    ctx.state.topic = topic
    ctx.state.subject = "lingang"
    entry = ctx.knowledge[topic]
    text = entry.answer(ctx.t.locale)
    body = [f"<b>{escape(text.title)}</b>", "", escape(text.short)]
    if details:
        body += ["", escape(text.details)]
    footer = _footer(ctx, entry.sources, entry.last_checked)
    buttons = _buttons(ctx, topic, details=details)
    return Reply(text="\n".join(body + footer), buttons=rows(*buttons), edit=edit)


def follow_up(ctx: Context, topic: str, facet: str) -> Reply:
    """The answer to a follow-up question (a facet) about the conversation's last topic."""
    if topic not in ctx.knowledge:
        return topics(ctx)
    if facet == DETAILS:
        return answer(ctx, topic, details=True)
    ctx.state.topic = topic
    ctx.state.subject = "lingang"
    entry = ctx.knowledge[topic]
    found = entry.facets.get(facet)
    if found is None:
        return _no_facet(ctx, entry)
    return _facet_answer(ctx, entry, found)


def _facet_answer(ctx: Context, entry: Entry, facet: Facet) -> Reply:
    title = entry.answer(ctx.t.locale).title
    heading = f"{title} · {ctx._(FACET_LABELS[facet.name])}"
    body = [f"<b>{escape(heading)}</b>", "", escape(facet.answer(ctx.t.locale))]
    footer = _footer(ctx, facet.sources, facet.last_checked)
    buttons = _buttons(ctx, entry.topic, details=False)
    return Reply(text="\n".join(body + footer), buttons=rows(*buttons))


def _contact_sources(ctx: Context, entry: Entry) -> tuple[Source, ...]:
    own = entry.facets.get("contact")
    if own is not None:
        return own.sources
    contact = ctx.knowledge.get("contact")
    return contact.sources if contact is not None else entry.sources


def _no_facet(ctx: Context, entry: Entry) -> Reply:
    """The topic's answer, and where to ask, for a question this topic has no answer to."""
    text = entry.answer(ctx.t.locale)
    missing = ctx._(
        "There is no specific information on that for this topic. Please ask the official "
        "service: {sources}"
    ).format(sources=_source_links(_contact_sources(ctx, entry)))
    body = [f"<b>{escape(text.title)}</b>", "", escape(text.short), "", missing]
    footer = _footer(ctx, entry.sources, entry.last_checked)
    buttons = _buttons(ctx, entry.topic, details=False)
    return Reply(text="\n".join(body + footer), buttons=rows(*buttons))


def on_topic(ctx: Context, args: tuple[str, ...]) -> Reply:
    if args and args[0] in ctx.knowledge:
        return answer(ctx, args[0])
    return topics(ctx)


def on_more(ctx: Context, args: tuple[str, ...]) -> Reply:
    if args and args[0] in ctx.knowledge:
        return answer(ctx, args[0], details=True, edit=True)
    return topics(ctx, edit=True)


def follow_up_to(ctx: Context, topic: str, text: str) -> Reply:
    """A question after an answer that names no topic of its own ("more details", "how long
    does it take?"): answered within the last topic, by the facet it asks about; a question
    that asks none of them ("and?") gets the topic's details."""
    return follow_up(ctx, topic, follow_up_facet(text) or DETAILS)
