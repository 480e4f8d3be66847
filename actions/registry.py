"""Which action answers which intent, button verb and command."""

from __future__ import annotations

from collections.abc import Callable

from actions import (
    exhibitor_info,
    language,
    lingang_faq,
    list_events,
    menu,
    privacy,
    search_exhibitors,
    smalltalk,
)
from actions.base import CallbackHandler, Context, IntentHandler, Reply

INTENTS: dict[str, IntentHandler] = {
    "greet": smalltalk.greet,
    "goodbye": smalltalk.goodbye,
    "thank": smalltalk.thank,
    "affirm": smalltalk.affirm_or_deny,
    "deny": smalltalk.affirm_or_deny,
    "help": menu.help_intent,
    "search_exhibitors": search_exhibitors.search_exhibitors,
    "exhibitor_info": exhibitor_info.exhibitor_info,
    "lingang_faq": lingang_faq.lingang_faq,
    "list_events": list_events.list_events,
    "set_language": language.set_language,
    "out_of_scope": smalltalk.out_of_scope,
    # Meetings and alerts land with their own issues; until then an honest answer.
    "book_meeting": menu.not_yet,
    "my_meetings": menu.not_yet,
    "cancel_meeting": menu.not_yet,
    "subscribe_alerts": menu.not_yet,
    "unsubscribe_alerts": menu.not_yet,
}

CALLBACKS: dict[str, CallbackHandler] = {
    "menu": menu.menu_callback,
    search_exhibitors.VERB: search_exhibitors.on_callback,
    exhibitor_info.VERB: exhibitor_info.on_callback,
    lingang_faq.VERB: lingang_faq.on_topic,
    lingang_faq.MORE: lingang_faq.on_more,
    list_events.VERB: list_events.on_callback,
    language.VERB: language.on_callback,
    privacy.VERB: privacy.on_callback,
}

COMMANDS: dict[str, Callable[[Context], Reply]] = {
    "start": menu.start,
    "help": menu.help_intent,
    "language": language.choose_language,
    "privacy": privacy.privacy,
    "delete_me": privacy.delete_me,
}
