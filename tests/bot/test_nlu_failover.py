"""Several NLU servers behind the client: sharing the load, failing over within a request,
back-off and health checks, replicas found behind one name; and the real model reached at two
addresses, one killed mid-load."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from urllib.parse import urlsplit

import pytest

from bot.nlu_client import NluClient, NluUnavailable
from bot.nlu_service import NluService
from bot.router import Incoming
from tests.conftest import base_settings, make_container
from tests.support.nlu_servers import TOKEN, RasaStandIn, TcpRelay


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def servers() -> AsyncIterator[Callable[..., RasaStandIn]]:
    """Starts stand-in Rasa servers on loopback; all are stopped after the test."""
    started: list[RasaStandIn] = []

    async def start(host: str = "127.0.0.1", port: int = 0, delay: float = 0.0) -> RasaStandIn:
        server = RasaStandIn(host, port, delay)
        await server.start()
        started.append(server)
        return server

    yield start  # type: ignore[misc]
    for server in started:
        await server.kill()


async def parse_many(client: NluClient, count: int, workers: int) -> list[str]:
    texts = [f"hello {i}" for i in range(count)]
    queue = list(reversed(texts))
    answered: list[str] = []

    async def work() -> None:
        while queue:
            answered.append((await client.parse(queue.pop())).text)

    await asyncio.gather(*(work() for _ in range(workers)))
    assert sorted(answered) == sorted(texts)
    return answered


async def test_requests_take_turns_among_healthy_servers(servers) -> None:
    a, b = await servers(), await servers()
    client = NluClient([a.url, b.url], TOKEN, timeout=5)
    try:
        for i in range(20):
            assert (await client.parse(f"hi {i}")).intent == "greet"
    finally:
        await client.aclose()
    assert (len(a.parsed), len(b.parsed)) == (10, 10)


async def test_a_slow_server_gets_fewer_requests(servers) -> None:
    slow, fast = await servers(delay=0.2), await servers(delay=0.005)
    client = NluClient([slow.url, fast.url], TOKEN, timeout=5)
    try:
        await parse_many(client, 80, workers=8)
    finally:
        await client.aclose()
    assert len(fast.parsed) >= 3 * len(slow.parsed), (len(slow.parsed), len(fast.parsed))


async def test_killing_a_server_mid_load_loses_no_reply(servers) -> None:
    doomed, survivor = await servers(delay=0.02), await servers(delay=0.02)
    client = NluClient([doomed.url, survivor.url], TOKEN, timeout=5)

    async def kill_when_busy() -> None:
        for _ in range(20_000):  # at most about 20 s
            if len(doomed.parsed) >= 40 and doomed.received > len(doomed.parsed):
                break  # a fair share answered and some in flight
            await asyncio.sleep(0.001)
        await doomed.kill()

    try:
        killer = asyncio.create_task(kill_when_busy())
        await parse_many(client, 300, workers=12)
        await killer
    finally:
        await client.aclose()
    cut = doomed.received - len(doomed.parsed)
    assert cut >= 1, "the server was killed with requests in flight"
    assert len(doomed.parsed) + len(survivor.parsed) == 300
    assert len(survivor.parsed) > len(doomed.parsed)


@pytest.mark.parametrize("failure", ["error", "no_model", "hang"])
async def test_a_failing_server_is_passed_over_within_the_request(servers, failure) -> None:
    broken, good = await servers(), await servers()
    broken.mode = failure
    client = NluClient([broken.url, good.url], TOKEN, timeout=1.0)
    try:
        for i in range(6):
            assert (await client.parse(f"hi {i}")).text == f"hi {i}"
    finally:
        await client.aclose()
    assert len(good.parsed) == 6
    # Tried once; then left alone for its back-off while another server is healthy.
    assert broken.received == 1
    assert [server.healthy for server in client.servers] == [False, True]


async def test_a_failed_server_is_checked_again_after_its_backoff(servers) -> None:
    a, b = await servers(), await servers()
    clock = Clock()
    client = NluClient([a.url, b.url], TOKEN, timeout=5, check_interval=60, clock=clock)
    try:
        await a.kill()
        for i in range(4):
            await client.parse(f"hi {i}")
        assert len(b.parsed) == 4

        restarted = await servers(port=a.port)
        clock.now += 0.5  # within the back-off: not asked
        await client.check()
        assert restarted.status_checks == 0
        await client.parse("still b")
        assert restarted.received == 0

        clock.now += 1.0  # the back-off is over: the health check lets it back in
        await client.check()
        assert restarted.status_checks == 1
        for i in range(4):
            await client.parse(f"again {i}")
        assert len(restarted.parsed) == 2
    finally:
        await client.aclose()


async def test_ready_once_a_server_has_its_model_loaded(servers) -> None:
    server = await servers()
    server.mode = "no_model"
    clock = Clock()
    client = NluClient([server.url], TOKEN, timeout=5, check_interval=1, clock=clock)
    try:
        clock.now += 1  # idle for a check interval: asked for /status
        assert not await client.ready()
        server.mode = "ok"
        assert not await client.ready()  # within its back-off: not asked again
        clock.now += 1
        assert await client.ready()
    finally:
        await client.aclose()
    assert server.status_checks == 2


async def test_when_every_server_is_down_the_menu_answers(seeded_url: str, servers) -> None:
    a, b = await servers(), await servers()
    a.mode = b.mode = "error"
    container = make_container(base_settings(seeded_url, nlu_urls=(a.url, b.url)))
    container.nlu.clock = Clock()  # the back-off lasts however slow the first reply was
    try:
        said = Incoming("console", 31, "events in Hangzhou", "en")
        first = await container.router.handle_text(said)
        assert (a.received, b.received) == (1, 1)
        second = await container.router.handle_text(said)
        assert (a.received, b.received) == (1, 1)  # both in back-off: not waited for
    finally:
        await container.aclose()
    for reply in (first, second):
        assert "can’t understand free text right now" in reply.text
        assert reply.buttons


async def test_an_unknown_token_is_not_retried_elsewhere(servers) -> None:
    a, b = await servers(), await servers()
    client = NluClient([a.url, b.url], "wrong-token", timeout=5)
    try:
        with pytest.raises(NluUnavailable):
            await client.parse("hello")
    finally:
        await client.aclose()
    assert all(server.healthy for server in client.servers)


async def test_replicas_behind_one_name_come_and_go(servers) -> None:
    first = await servers(host="127.0.0.2")
    port = first.port
    second = await servers(host="127.0.0.3", port=port)
    loading = await servers(host="127.0.0.4", port=port)
    loading.mode = "no_model"
    dns: dict[str, list[str]] = {"nlu.internal": ["127.0.0.2"]}

    async def lookup(host: str, _port: int) -> list[str]:
        if host not in dns:
            raise OSError("no such name")
        return dns[host]

    client = NluClient([f"http://nlu.internal:{port}"], TOKEN, timeout=5, lookup=lookup)
    try:
        await client.check()
        assert [urlsplit(s.url).hostname for s in client.servers] == ["127.0.0.2"]
        for i in range(4):
            await client.parse(f"one {i}")
        assert len(first.parsed) == 4
        assert first.hosts_seen == {f"nlu.internal:{port}"}

        dns["nlu.internal"] = ["127.0.0.2", "127.0.0.3", "127.0.0.4"]  # scaled to three
        await client.check()
        for i in range(6):
            await client.parse(f"three {i}")
        assert (len(first.parsed), len(second.parsed)) == (7, 3)
        assert loading.received == 0  # still loading its model: never sent a message

        dns["nlu.internal"] = ["127.0.0.3"]  # scaled down
        await client.check()
        for i in range(3):
            await client.parse(f"down {i}")
        assert (len(first.parsed), len(second.parsed)) == (7, 6)

        del dns["nlu.internal"]  # a failed look-up keeps the servers known
        await client.check()
        await client.parse("still there")
        assert len(second.parsed) == 7
    finally:
        await client.aclose()


@pytest.mark.nlu
async def test_the_real_model_at_two_addresses_loses_no_reply_when_one_dies(
    seeded_url: str, nlu_server: NluService
) -> None:
    """The real Rasa server reached directly and through a relay (a second server to the
    client); the relay is killed mid-load and every reply is the one the model gives."""
    target = urlsplit(nlu_server.url)
    relay = TcpRelay(target.hostname or "127.0.0.1", target.port or 80)
    await relay.start()
    texts = [
        "events in Hangzhou",
        "找医疗器械展商",
        "where is the booth of Nordic Medtech",
        "临港企业所得税优惠",
        "Messen in Suzhou",
        "日本の出展者を探して",
        "한국 화장품 업체",
        "quels exposants français",
        "busco empresas de vino",
        "какие мероприятия в Нанкине",
    ] * 4
    single = replace(base_settings(seeded_url, nlu_url=nlu_server.url), nlu_timeout=120)
    reference = make_container(single)
    pair = make_container(replace(single, nlu_urls=(relay.url, nlu_server.url)))
    try:
        expected = [
            (await reference.router.handle_text(Incoming("console", 5000 + i, t, None))).text
            for i, t in enumerate(texts)
        ]
        replies: dict[int, str] = {}
        pending = list(range(len(texts)))

        async def work() -> None:
            while pending:
                i = pending.pop(0)
                said = Incoming("console", 6000 + i, texts[i], None)
                replies[i] = (await pair.router.handle_text(said)).text
                if len(replies) == len(texts) // 3:
                    await relay.kill()

        await asyncio.gather(*(work() for _ in range(4)))
    finally:
        await relay.kill()
        await reference.aclose()
        await pair.aclose()
    assert relay.connections >= 1  # the relay carried its share until it died
    assert [replies[i] for i in range(len(texts))] == expected
    assert not any("can’t understand" in text for text in expected)
