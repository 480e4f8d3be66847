"""lingang_faq: dated, sourced answers on Lingang New Area rules, one topic at a time."""

from __future__ import annotations

from html import escape

from actions.base import Context, NluResult, Reply, rows
from core.i18n import N_
from core.lingang import TOPICS, Entry

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


def _footer(ctx: Context, entry: Entry) -> list[str]:
    sources = " · ".join(
        f'<a href="{escape(s.url, quote=True)}">{escape(s.title)}</a>' for s in entry.sources
    )
    return [
        "",
        ctx._("Source: {sources}").format(sources=sources),
        ctx._("Last checked: {date}").format(date=ctx.t.date_only(entry.last_checked)),
        "<i>"
        + ctx._("General information, not legal advice: confirm with the official service.")
        + "</i>",
    ]


def answer(ctx: Context, topic: str, *, details: bool = False, edit: bool = False) -> Reply:
    ctx.state.topic = topic
    ctx.state.subject = "lingang"
    entry = ctx.knowledge[topic]
    text = entry.answer(ctx.t.locale)
    body = [f"<b>{escape(text.title)}</b>", "", escape(text.short)]
    if details:
        body += ["", escape(text.details)]
    buttons = []
    if not details:
        buttons.append(ctx.button(ctx._("More details"), MORE, topic))
    if topic != "contact" and "contact" in ctx.knowledge:
        contact_label = TOPIC_LABELS["contact"]
        buttons.append(ctx.button(ctx._(contact_label), VERB, "contact"))
    buttons.append(ctx.button(ctx._("Other topics"), VERB))
    return Reply(text="\n".join(body + _footer(ctx, entry)), buttons=rows(*buttons), edit=edit)


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
    does it take?"): answered within the last topic."""
    return answer(ctx, topic, details=True)
