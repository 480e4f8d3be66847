"""subscribe_alerts / unsubscribe_alerts, /subscriptions, and "remind me" on an event."""

from __future__ import annotations

from html import escape, unescape

from actions.base import Context, InvalidCallback, NluResult, Reply, rows
from actions.list_events import event_lines, list_events
from core import alerts, cues, events
from core.models import Event, Subscription

PICK_CITY, REMOVE, REMOVE_ALL, LIST, REMIND = "sa", "su", "sU", "sl", "er"


def _city_and_product(ctx: Context, nlu: NluResult) -> tuple[str, str]:
    city = next((c for raw in nlu.values("city") if (c := ctx.taxonomy.city_id(raw))), "")
    product = ""
    for raw in nlu.values("product"):
        found = sorted(ctx.taxonomy.product_categories(raw))
        if found:
            product = found[0]
            break
    return city, product


def describe(ctx: Context, city: str, product: str) -> str:
    where = ctx.taxonomy.city_name(city, ctx.t.locale) if city else ctx._("any Delta city")
    what = ctx.taxonomy.category_name(product, ctx.t.locale) if product else ctx._("any product")
    return ctx._("{city} · {product}").format(city=escape(where), product=escape(what))


def subscribe_alerts(ctx: Context, nlu: NluResult) -> Reply:
    city, product = _city_and_product(ctx, nlu)
    if not city and not product:
        return choose_city(ctx)
    return subscribed(ctx, city, product)


def subscribe_or_ask(ctx: Context, nlu: NluResult) -> Reply:
    """Subscribes only when the person asked for alerts in so many words ("alert me about
    events in Hefei"); "tell me about events in Hefei" lists them and offers alerts."""
    city, product = _city_and_product(ctx, nlu)
    if cues.has(nlu.text, "subscribe", ctx.t.locale) or not (city or product):
        return subscribe_alerts(ctx, nlu)
    listing_reply = list_events(ctx, nlu)
    ctx.state.pending = {"action": "subscribe", "city": city, "product": product}
    yes = ctx.button(ctx._("🔔 Yes, alert me"), PICK_CITY, city)
    offer = ctx._("Shall I also alert you to new events for {what}?").format(
        what=describe(ctx, city, product)
    )
    return Reply(
        text=listing_reply.text + "\n\n" + offer,
        buttons=listing_reply.buttons + rows(yes),
    )


def subscribed(ctx: Context, city: str, product: str, *, edit: bool = False) -> Reply:
    new = alerts.subscribe(ctx.session, ctx.user, city, product)
    text = (
        ctx._("Done. I will tell you about new and changed events for: {what}")
        if new
        else ctx._("You already get alerts for: {what}")
    ).format(what=describe(ctx, city, product))
    buttons = [ctx.button(ctx._("🔔 My alerts"), LIST)]
    if new:
        sub = alerts.find(ctx.session, ctx.user, city, product)
        if sub is not None:
            buttons.insert(0, ctx.button(ctx._("↩️ Undo"), REMOVE, str(sub.id)))
    return Reply(text=text, buttons=rows(*buttons), edit=edit)


def choose_city(ctx: Context) -> Reply:
    cities = events.cities_with_events(ctx.session, ctx.now)
    return Reply(
        text=ctx._("Alerts for events in which city?"),
        buttons=rows(
            *(ctx.button(ctx.taxonomy.city_name(c, ctx.t.locale), PICK_CITY, c) for c in cities),
            ctx.button(ctx._("All cities"), PICK_CITY, ""),
            per_row=3,
        ),
    )


def on_pick_city(ctx: Context, args: tuple[str, ...]) -> Reply:
    city = args[0] if args else ""
    if city and ctx.taxonomy.city_id(city) != city:
        raise InvalidCallback(city)
    return subscribed(ctx, city, "", edit=True)


def unsubscribe_alerts(ctx: Context, nlu: NluResult) -> Reply:
    city, _ = _city_and_product(ctx, nlu)
    if city:
        removed = alerts.unsubscribe(ctx.session, ctx.user, city=city)
        if removed:
            return Reply(
                text=ctx._("Stopped the alerts for {city}.").format(
                    city=escape(ctx.taxonomy.city_name(city, ctx.t.locale))
                )
            )
    return listing(ctx)


def listing(ctx: Context, *, edit: bool = False, headline: str = "") -> Reply:
    subs = alerts.subscriptions(ctx.session, ctx.user)
    lines = [headline] if headline else []
    if not subs:
        lines.append(
            ctx._("You have no event alerts. Say “alerts for events in Suzhou” to add one.")
        )
        return Reply(text="\n".join(lines), edit=edit)
    lines.append("<b>" + ctx._("Your event alerts:") + "</b>")
    lines += ["• " + describe(ctx, s.city, s.product) for s in subs]
    buttons = [
        ctx.button("✖️ " + unescape(describe(ctx, s.city, s.product))[:40], REMOVE, str(s.id))
        for s in subs
    ]
    buttons.append(ctx.button(ctx._("Stop all alerts"), REMOVE_ALL))
    return Reply(text="\n".join(lines), buttons=rows(*buttons, per_row=1), edit=edit)


def subscriptions_command(ctx: Context) -> Reply:
    return listing(ctx)


def on_list(ctx: Context, _args: tuple[str, ...]) -> Reply:
    return listing(ctx, edit=True)


def on_remove(ctx: Context, args: tuple[str, ...]) -> Reply:
    if not args or not args[0].isdigit():
        raise InvalidCallback("remove")
    sub = ctx.session.get(Subscription, int(args[0]))
    if sub is None or sub.user_id != ctx.user.id:
        return listing(ctx, edit=True)
    alerts.unsubscribe(ctx.session, ctx.user, sub_id=sub.id)
    return listing(ctx, edit=True, headline=ctx._("Removed."))


def on_remove_all(ctx: Context, _args: tuple[str, ...]) -> Reply:
    alerts.unsubscribe(ctx.session, ctx.user)
    return Reply(text=ctx._("All your event alerts are stopped."), edit=True)


def on_remind(ctx: Context, args: tuple[str, ...]) -> Reply:
    event = ctx.session.get(Event, args[0]) if args else None
    if event is None:
        return Reply(text=ctx._("That event is no longer listed."))
    outcome = alerts.remind_before(ctx.session, ctx.user, event, ctx.now)
    title = escape(events.title(event, ctx.t.locale))
    texts = {
        "queued": ctx._("I will remind you the day before “{title}”."),
        "exists": ctx._("You already have a reminder for “{title}”."),
        "too_late": ctx._("“{title}” starts within a day, too soon for a reminder."),
    }
    return Reply(
        text=texts[outcome].format(title=title),
        notice=unescape(texts[outcome].format(title=title))[:190],
    )


def alert_reply(ctx: Context, event: Event, headline: str) -> Reply:
    return Reply(
        text=headline + "\n\n" + "\n".join(event_lines(ctx, event)),
        buttons=rows(
            ctx.button(ctx._("🔔 Remind me the day before"), REMIND, event.id),
            ctx.button(ctx._("🔔 My alerts"), LIST),
        ),
    )
