import pytest

from actions.base import CallbackCodec, InvalidCallback


def test_round_trip_fits_telegram_limit() -> None:
    codec = CallbackCodec("secret")
    data = codec.encode("sr", "2", "medical_devices", "DE", "medical", "8.2", "")
    assert len(data.encode()) <= 64
    assert codec.decode(data) == ("sr", ("2", "medical_devices", "DE", "medical", "8.2", ""))


@pytest.mark.parametrize(
    "forged",
    ["", "sr|0|||||", "ex|E0001|AAAAAAAA", "garbage", "ex|E0001", "|", "bs|EX00001|abc|✓✓✓✓"],
)
def test_forged_data_is_rejected(forged: str) -> None:
    with pytest.raises(InvalidCallback):
        CallbackCodec("secret").decode(forged)


def test_tampered_argument_is_rejected() -> None:
    codec = CallbackCodec("secret")
    data = codec.encode("ex", "E0001")
    with pytest.raises(InvalidCallback):
        codec.decode(data.replace("E0001", "E0002"))


def test_data_signed_with_another_secret_is_stale() -> None:
    old = CallbackCodec("before-restart").encode("ex", "E0001")
    with pytest.raises(InvalidCallback):
        CallbackCodec("after-restart").decode(old)


def test_oversized_payload_is_refused_at_encoding() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        CallbackCodec("secret").encode("sr", "x" * 60)
