"""Which action answers which intent, button verb and command."""

from __future__ import annotations

from collections.abc import Callable

from actions import (
    exhibitor_info,
    language,
    lingang_faq,
    list_events,
    meetings,
    menu,
    privacy,
    search_exhibitors,
    smalltalk,
    staff,
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
    "book_meeting": meetings.book_meeting,
    "my_meetings": meetings.my_meetings,
    "cancel_meeting": meetings.cancel_meeting,
    # Alerts land with their own issue; until then an honest answer.
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
    meetings.SLOTS: meetings.on_slots,
    meetings.BOOK: meetings.on_book,
    meetings.LIST: meetings.on_list,
    meetings.VIEW: meetings.on_view,
    meetings.CANCEL: meetings.on_cancel,
    meetings.CONFIRM_CANCEL: meetings.on_confirm_cancel,
    meetings.MOVE: meetings.on_move,
    meetings.MOVE_TO: meetings.on_move_to,
    meetings.ICS: meetings.on_ics,
    meetings.COLLEAGUES: meetings.on_colleagues,
    meetings.ADD_COLLEAGUE: meetings.on_add_colleague,
    meetings.REMINDER: meetings.on_reminder,
    staff.DECLINE: staff.on_decline,
    staff.CONFIRM_DECLINE: staff.on_confirm_decline,
    "booth": staff.on_booth,
}

COMMANDS: dict[str, Callable[[Context], Reply]] = {
    "start": menu.start,
    "help": menu.help_intent,
    "language": language.choose_language,
    "privacy": privacy.privacy,
    "delete_me": privacy.delete_me,
    "meetings": meetings.my_meetings,
    "reminders": meetings.reminders_command,
    "calendar": meetings.export_command,
    "join": staff.join,
    "booth": staff.booth_command,
    "invite": staff.invite,
}
