"""list_events: post-expo spillover events in Delta cities, by city, day and product."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from actions.base import Context, NluResult, Reply, rows
from actions.menu import menu_reply
from core import catalog, events
from core.dialogue import EVENTS, ResultList
from core.models import Event
from core.when import parse_range

VERB = "ev"
REMIND = "er"  # actions.alerts: remind me the day before
PAGE_SIZE = 5


def _query(ctx: Context, nlu: NluResult) -> dict[str, Any]:
    """City, product categories and a span of days from the message; empty parts left out."""
    city = next((c for raw in nlu.values("city") if (c := ctx.taxonomy.city_id(raw))), None)
    categories: set[str] = set()
    for product in nlu.values("product"):
        categories |= ctx.taxonomy.product_categories(product)
    span = parse_range(nlu.values("date"), ctx.now, ctx.t.locale)
    query: dict[str, Any] = {}
    if city:
        query["city"] = city
    if categories:
        query["categories"] = sorted(categories)
    if span:
        query["since"], query["until"] = span[0].isoformat(), span[1].isoformat()
    return query


def list_events(ctx: Context, nlu: NluResult) -> Reply:
    query = _query(ctx, nlu)
    if not query:
        return choose_city(ctx)
    return page_of(ctx, query, 0)


def refine(ctx: Context, nlu: NluResult) -> Reply:
    """The last event query with what this message changes: "and in Suzhou?" keeps the
    days and products, "what about next week?" keeps the city."""
    assert ctx.state.results is not None
    return page_of(ctx, {**ctx.state.results.query, **_query(ctx, nlu)}, 0)


def page_of(ctx: Context, query: dict[str, Any], page: int, *, edit: bool = False) -> Reply:
    since = max(datetime.fromisoformat(query["since"]), ctx.now) if "since" in query else ctx.now
    until = datetime.fromisoformat(query["until"]) if "until" in query else None
    city = query.get("city")
    found = events.upcoming(
        ctx.session,
        since,
        city=city,
        categories=tuple(query.get("categories", ())),
        until=until,
        limit=200,
    )
    where = ctx.taxonomy.city_name(city, ctx.t.locale) if city else None
    if not found:
        # The whole region has messages of its own: "à {city}", "В городе {city}" are said
        # of a city.
        none = (
            ctx._("No upcoming events in {city} match that.").format(city=escape(where))
            if where
            else ctx._("No upcoming events in the Yangtze River Delta match that.")
        )
        return Reply(text=none, buttons=choose_city(ctx).buttons, edit=edit)
    pages = -(-len(found) // PAGE_SIZE)
    page = max(0, min(page, pages - 1))
    shown = found[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    ctx.state.results = ResultList(
        kind=EVENTS,
        ids=[e.id for e in shown],
        first=page * PAGE_SIZE + 1,
        page=page,
        pages=pages,
        query=query,
    )
    ctx.state.subject = EVENTS
    if len(shown) == 1:
        ctx.state.focus_on("event", shown[0].id)
    return render(ctx, shown, where, total=len(found), first=page * PAGE_SIZE + 1, edit=edit)


def render(
    ctx: Context,
    found: list[Event],
    where: str | None,
    *,
    total: int | None = None,
    first: int = 1,
    edit: bool = False,
) -> Reply:
    """A page of events in a city, or in the whole region when `where` is None."""
    total = len(found) if total is None else total
    if where:
        title = ctx.t.ngettext(
            "{count} upcoming event in {city}", "{count} upcoming events in {city}", total
        ).format(count=ctx.t.number(total), city=escape(where))
    else:
        title = ctx.t.ngettext(
            "{count} upcoming event in the Yangtze River Delta",
            "{count} upcoming events in the Yangtze River Delta",
            total,
        ).format(count=ctx.t.number(total))
    lines = ["<b>" + title + "</b>"]
    for number, event in enumerate(found, start=first):
        lines += ["", f"{number}. " + event_lines(ctx, event)[0], *event_lines(ctx, event)[1:]]
    if first + len(found) <= total:
        lines += ["", ctx._("Say “more” for the next ones.")]
    if catalog.is_demo(ctx.session, "events"):
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


def detail(ctx: Context, event: Event) -> Reply:
    """One event of the list, with its reminder button: "the second one"."""
    ctx.state.focus_on("event", event.id)
    return Reply(
        text="\n".join(event_lines(ctx, event)),
        buttons=rows(
            ctx.button(ctx._("🔔 Remind me the day before"), REMIND, event.id),
        ),
    )


def which_reminder(ctx: Context) -> Reply:
    """ "Remind me" after a list of several events: which one?"""
    results = ctx.state.results
    ids = results.ids if results is not None else []
    shown = [e for e in (ctx.session.get(Event, i) for i in ids) if e is not None]
    if not shown:
        return choose_city(ctx)
    return Reply(
        text=ctx._("Which event shall I remind you of?"),
        buttons=rows(
            *(
                ctx.button(f"{n}. {events.title(event, ctx.t.locale)}"[:48], REMIND, event.id)
                for n, event in enumerate(shown, start=results.first if results else 1)
            ),
            per_row=1,
        ),
    )


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
    if not ctx.taxonomy.city_id(city):
        return choose_city(ctx)
    return page_of(ctx, {"city": city}, 0, edit=True)
