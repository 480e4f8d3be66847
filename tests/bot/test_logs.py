import logging

from bot.logs import RedactSecrets


def test_token_never_reaches_the_log(caplog) -> None:
    token = "123456:SECRET-bot-token"
    logger = logging.getLogger("test.redact")
    logger.addFilter(RedactSecrets(token))
    with caplog.at_level(logging.INFO, logger="test.redact"):
        logger.info("POST https://api.telegram.org/bot%s/sendMessage", token)
    assert token not in caplog.text
    assert "[REDACTED]" in caplog.text
