"""set_language and /language: the reply language, changed only when the person asks for it.

A language named inside another request ("fromages français", "Japanese whisky") is what the
person looks for, not how they want to be answered: such a message is a search. Whether a
message asks for a reply language is read with the cue lexicon in
data/language_requests.yml.
"""

from __future__ import annotations

from actions import search_exhibitors
from actions.base import Context, NluResult, Reply, rows
from core import users
from core.dialogue import EXHIBITORS
from core.i18n import translator
from core.language_names import LanguageRequest, lexicon
from core.settings import LOCALES

VERB = "lang"


def language_request(ctx: Context, text: str) -> LanguageRequest | None:
    return lexicon(ctx.settings.data_dir).read(text)


def names_a_language(ctx: Context, text: str) -> bool:
    return lexicon(ctx.settings.data_dir).names_a_language(text)


# --- actions -------------------------------------------------------------------------
def choose_language(ctx: Context, _nlu: NluResult | None = None) -> Reply:
    """/language: the language picker, or the switch itself for `/language Deutsch`."""
    if ctx.command_args:
        code = ctx.command_args.strip().lower()
        if code in LOCALES:
            return _switch(ctx, code)
        request = language_request(ctx, ctx.command_args)
        if request is not None and request.language is not None:
            return _switch(ctx, request.language)
    return Reply(
        text=ctx._("Choose your language:"),
        buttons=rows(*(ctx.button(ctx.t.autonym(c), VERB, c) for c in LOCALES), per_row=4),
    )


def set_language(ctx: Context, nlu: NluResult) -> Reply:
    request = language_request(ctx, nlu.text)
    if request is None:
        # A language or nationality inside another request is the thing looked for: it
        # narrows the list just shown ("seulement les français") or starts a search.
        shown = ctx.state.results
        if shown is not None and shown.kind == EXHIBITORS:
            return search_exhibitors.refine(ctx, nlu)
        asked = search_exhibitors.build_query(ctx, nlu, guess_products=False)
        # The model is sure a language is meant: only a product the taxonomy knows ("French
        # fries") makes it a search, not any word an exhibitor uses ("languages").
        if not asked.empty or search_exhibitors.names_products(ctx, nlu, catalog_words=False):
            return search_exhibitors.search_exhibitors(ctx, nlu)
        return choose_language(ctx)
    if request.language is None:
        return choose_language(ctx)
    return _switch(ctx, request.language)


def _switch(ctx: Context, code: str, *, edit: bool = False) -> Reply:
    users.set_locale(ctx.session, ctx.user.id, code)
    ctx.t = translator(code)
    return Reply(
        text=ctx._("From now on I will answer in {language}.").format(language=ctx.t.autonym(code)),
        edit=edit,
    )


def on_callback(ctx: Context, args: tuple[str, ...]) -> Reply:
    if args and args[0] in LOCALES:
        return _switch(ctx, args[0], edit=True)
    return choose_language(ctx)
