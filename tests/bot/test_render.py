from bot.render import to_plain


def test_console_rendering_strips_markup_and_keeps_links() -> None:
    html = '<b>Tax</b> &amp; <i>more</i>\nSource: <a href="https://a.example/x?y=1&amp;z=2">MOF</a>'
    assert to_plain(html) == "Tax & more\nSource: MOF (https://a.example/x?y=1&z=2)"


def test_escaped_user_text_stays_literal() -> None:
    assert to_plain("&lt;script&gt;") == "<script>"
