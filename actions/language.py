"""set_language and /language: the reply language, chosen by name or by button."""

from __future__ import annotations

from functools import cache

from babel import Locale

from actions.base import Context, NluResult, Reply, rows
from core import users
from core.i18n import translator
from core.settings import LOCALES
from core.taxonomy import fold

VERB = "lang"


@cache
def _language_names() -> dict[str, str]:
    """Every way the eight languages are named in the eight languages ("Deutsch", "德语")."""
    names: dict[str, str] = {}
    for code in LOCALES:
        names[code] = code
        for where in LOCALES:
            name = Locale.parse(where).languages.get(code)
            if name:
                names[fold(name)] = code
    names.update({"中文": "zh", "汉语": "zh", "普通话": "zh", "chinese": "zh", "英文": "en"})
    return names


def language_code(text: str) -> str | None:
    needle = fold(text)
    names = _language_names()
    if needle in names:
        return names[needle]
    return next((code for name, code in names.items() if len(name) > 2 and name in needle), None)


def choose_language(ctx: Context, _nlu: NluResult | None = None) -> Reply:
    return Reply(
        text=ctx._("Choose your language:"),
        buttons=rows(*(ctx.button(ctx.t.autonym(c), VERB, c) for c in LOCALES), per_row=4),
    )


def set_language(ctx: Context, nlu: NluResult) -> Reply:
    code = next((c for raw in nlu.values("language") if (c := language_code(raw))), None)
    if code is None:
        return choose_language(ctx)
    return _switch(ctx, code)


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
