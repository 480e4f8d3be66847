"""list_events: post-expo spillover events in Delta cities, by city, day and product."""

from __future__ import annotations

from html import escape

from actions.base import Context, NluResult, Reply, rows
from actions.menu import menu_reply
from core import events
from core.models import Event
from core.when import parse_range

VERB = "ev"
REMIND = "er"  # actions.alerts: remind me the day before


def list_events(ctx: Context, nlu: NluResult) -> Reply:
    city = next((c for raw in nlu.values("city") if (c := ctx.taxonomy.city_id(raw))), None)
    categories: set[str] = set()
    for product in nlu.values("product"):
        categories |= ctx.taxonomy.product_categories(product)
    span = parse_range(nlu.values("date"), ctx.now, ctx.t.locale)
    if city is None and not categories and span is None:
        return choose_city(ctx)
    since, until = span if span else (ctx.now, None)
    found = events.upcoming(
        ctx.session,
        max(since, ctx.now),
        city=city,
        categories=tuple(sorted(categories)),
        until=until,
    )
    where = ctx.taxonomy.city_name(city, ctx.t.locale) if city else ctx._("the Yangtze River Delta")
    if not found:
        return Reply(
            text=ctx._("No upcoming events in {city} match that.").format(city=escape(where)),
            buttons=choose_city(ctx).buttons,
        )
    return render(ctx, found, where)


def render(ctx: Context, found: list[Event], where: str, *, edit: bool = False) -> Reply:
    lines = [
        "<b>"
        + ctx.t.ngettext(
            "{count} upcoming event in {city}", "{count} upcoming events in {city}", len(found)
        ).format(count=ctx.t.number(len(found)), city=escape(where))
        + "</b>"
    ]
    for event in found:
        lines += ["", *event_lines(ctx, event)]
    lines += ["", "<i>" + ctx._("Demo events: for illustration only.") + "</i>"]
    remind = [
        ctx.button(
            ctx._("🔔 Remind me: {title}").format(title=events.title(event, ctx.t.locale))[:48],
            REMIND,
            event.id,
        )
        for event in found[:5]
    ]  # fmt: skip
    return Reply(text="\n".join(lines), buttons=rows(*remind, per_row=1), edit=edit)


def event_lines(ctx: Context, event: Event) -> list[str]:
    lines = [
        f"<b>{escape(events.title(event, ctx.t.locale))}</b>",
        ctx._("{start} – {end}").format(
            start=ctx.t.datetime(event.starts_at, "medium"), end=ctx.t.time(event.ends_at)
        )
        + (" (" + ctx._("Shanghai time") + ")"),
        escape(f"{event.venue}, {ctx.taxonomy.city_name(event.city, ctx.t.locale)}"),
    ]
    if event.url:
        lines.append(f'<a href="{escape(event.url, quote=True)}">{escape(event.url)}</a>')
    return lines


def choose_city(ctx: Context) -> Reply:
    cities = events.cities_with_events(ctx.session, ctx.now)
    if not cities:
        return menu_reply(ctx, ctx._("There are no upcoming events yet."))
    return Reply(
        text=ctx._("Events in which city?"),
        buttons=rows(
            *(ctx.button(ctx.taxonomy.city_name(c, ctx.t.locale), VERB, c) for c in cities),
            per_row=3,
        ),
    )


def on_callback(ctx: Context, args: tuple[str, ...]) -> Reply:
    city = args[0] if args else ""
    found = events.upcoming(ctx.session, ctx.now, city=city)
    if not found:
        return choose_city(ctx)
    return render(ctx, found, ctx.taxonomy.city_name(city, ctx.t.locale), edit=True)
