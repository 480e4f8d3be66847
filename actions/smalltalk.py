"""Greetings, thanks, yes/no and out-of-scope requests."""

from __future__ import annotations

from actions.base import Context, NluResult, Reply
from actions.menu import menu_reply


def greet(ctx: Context, _nlu: NluResult) -> Reply:
    return menu_reply(ctx, ctx._("Hello! How can I help you at the expo today?"))


def goodbye(ctx: Context, _nlu: NluResult) -> Reply:
    return Reply(text=ctx._("Goodbye, and enjoy the expo!"))


def thank(ctx: Context, _nlu: NluResult) -> Reply:
    return Reply(text=ctx._("You’re welcome! Anything else?"))


def affirm_or_deny(ctx: Context, _nlu: NluResult) -> Reply:
    return menu_reply(ctx, ctx._("All right. What would you like to do next?"))


def out_of_scope(ctx: Context, _nlu: NluResult) -> Reply:
    return menu_reply(
        ctx,
        ctx._(
            "That is outside what I can help with. I know about CIIE exhibitors, "
            "Lingang New Area rules and events in the Yangtze River Delta."
        ),
    )
