"""Many people chatting at once in all eight languages, through the real NLU model and Router:
every reply is in the language of that person's conversation.

Each person follows a script: clear messages in their language (searches, Lingang questions,
events, bookings, small talk), short follow-ups that tell no language (a company name, "ok",
a time), button presses, and for some a change of language by a clear sentence or by an
explicit request. The expected language is kept beside the script; the reply's language is
read from the translated catalog fragments it contains.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass, field

import pytest

from actions.base import NluResult, Reply
from bot.app import Container
from bot.nlu_client import NluClient, NluUnavailable
from bot.router import Incoming
from core.settings import LOCALES
from tests.support.reply_language import catalog_fragments, language_cover

pytestmark = pytest.mark.nlu

# --- what people say -----------------------------------------------------------------------
# Clear messages, by language: searches, Lingang, events, bookings, small talk.
CLEAR = {
    "zh": [
        "有没有做医疗影像设备的展商？",
        "我想找意大利的葡萄酒展商",
        "临港新片区的企业所得税有什么优惠？",
        "外国员工在临港怎么办工作许可？",
        "下周苏州有什么进博会溢出活动？",
        "帮我约Nordic Medtech明天上午十点见面",
        "日本的威士忌有哪些展商",
        "谢谢你，帮了大忙",
    ],
    "en": [
        "Which exhibitors sell industrial robots?",
        "I'm looking for olive oil suppliers from Spain",
        "What tax incentives does Lingang offer to foreign companies?",
        "How do I register a foreign-invested company in Lingang?",
        "Are there any spillover events in Hangzhou next week?",
        "I'd like to book a meeting with Alpine Dairy tomorrow at 10am",
        "just the Korean cosmetics brands",
        "thanks a lot, that was really helpful",
    ],
    "de": [
        "Gibt es Aussteller für Landmaschinen aus Italien?",
        "Ich suche Hersteller von Medizintechnik",
        "Welche Steuervorteile gibt es in Lingang für ausländische Unternehmen?",
        "Welche Veranstaltungen gibt es nächste Woche in Suzhou?",
        "Ich möchte einen Termin mit Sakura Robotics am Donnerstag vereinbaren",
        "Wie funktioniert der grenzüberschreitende Datentransfer in Lingang?",
        "französischer Käse aus der Normandie",
        "Vielen Dank für die schnelle Hilfe",
    ],
    "fr": [
        "Je cherche des exposants de vin australien",
        "Quels exposants proposent des robots industriels ?",
        "Comment obtenir un permis de travail à Lingang ?",
        "Y a-t-il des événements à Hangzhou la semaine prochaine ?",
        "Je voudrais prendre rendez-vous avec Nordic Medtech demain à 10h",
        "Quelles sont les règles de la zone franche de Yangshan ?",
        "du chocolat allemand de qualité",
        "merci beaucoup pour votre aide",
    ],
    "es": [
        "Busco expositores de aceite de oliva de España",
        "¿Qué empresas venden equipos médicos?",
        "¿Qué ventajas fiscales hay en Lingang para empresas extranjeras?",
        "¿Hay eventos en Ningbo la próxima semana?",
        "Quiero reservar una reunión con Alpine Dairy mañana a las 11",
        "¿Qué sectores están restringidos para la inversión extranjera?",
        "cosméticos coreanos de buena calidad",
        "muchas gracias por la ayuda",
    ],
    "ru": [
        "Ищу поставщиков медицинского оборудования",
        "Какие компании продают промышленных роботов?",
        "Какие налоговые льготы есть в Линьгане?",
        "Какие мероприятия будут в Ханчжоу на следующей неделе?",
        "Хочу назначить встречу с Nordic Medtech завтра в 10 утра",
        "японский виски и саке",
        "большое спасибо за помощь",
    ],
    "ja": [
        "医療機器の出展者を探しています",
        "イタリアのワインを扱う企業はありますか",
        "臨港で外資系企業を設立するにはどうすればいいですか",
        "来週、蘇州でイベントはありますか",
        "明日10時にAlpine Dairyとの商談を予約したい",
        "ドイツの機械メーカーを教えて",
        "ありがとうございます、助かりました",
    ],
    "ko": [
        "의료기기 전시업체를 찾고 있어요",
        "이탈리아 와인 업체가 있나요?",
        "린강에서 외국인 취업허가는 어떻게 받나요?",
        "다음 주 항저우에서 열리는 행사 알려줘",
        "내일 오전 10시에 Nordic Medtech와 미팅 예약하고 싶어요",
        "일본 위스키 파는 곳",
        "정말 고마워요",
    ],
}
# Follow-ups that tell no language: the conversation's language answers them.
SHORT = ["Nordic Medtech", "Alpine Dairy", "Sakura Robotics", "ok", "OK", "10:00", "8.2", "6.1A-01"]
# Explicit requests for a reply language, in the language they are written in.
ASK = {
    "zh": [("请用英文回答我", "en"), ("以后用德语跟我说", "de")],
    "en": [("please reply in Spanish from now on", "es"), ("can you talk to me in Japanese", "ja")],
    "de": [("bitte antworte mir auf Russisch", "ru"), ("kannst du auf Chinesisch schreiben", "zh")],
    "fr": [("réponds en coréen s'il te plaît", "ko"), ("parle-moi en anglais", "en")],
    "es": [("contéstame en francés por favor", "fr"), ("háblame en alemán", "de")],
    "ru": [("отвечай на японском, пожалуйста", "ja"), ("пиши по-испански", "es")],
    "ja": [("これから中国語で話してください", "zh"), ("フランス語で返信してください", "fr")],
    "ko": [("영어로 대답해 주세요", "en"), ("러시아어로 말해줘", "ru")],
}
PRESS = "<press>"  # press the first button of the last reply


@dataclass
class Person:
    """One person's script and the language each of their replies must be in."""

    external_id: int
    client_language: str | None
    steps: list[tuple[str, str]] = field(default_factory=list)  # (message, expected locale)


def script(external_id: int, language: str, kind: int, rng: random.Random) -> Person:
    """kind 0 and 1 stay in their language, 2 changes it by a sentence, 3 asks for one."""
    # Telegram apps set to the person's language, to English, or not telling.
    client = rng.choice([language, "en", None])
    person = Person(external_id, client)
    saved: str | None = None
    conversation = language
    clear = rng.sample(CLEAR[language], k=len(CLEAR[language]))

    def say(text: str, told: str | None = None) -> None:
        nonlocal conversation
        conversation = told or conversation
        person.steps.append((text, saved or conversation))

    for i, text in enumerate(clear):
        say(text, language)
        say(rng.choice(SHORT))
        if i % 3 == 1:
            say(PRESS)
        if i == 3 and kind == 2:
            other = rng.choice([code for code in LOCALES if code != language])
            say(CLEAR[other][0], other)
            say(rng.choice(SHORT))
            say(CLEAR[other][2], other)
        if i == 3 and kind == 3:
            ask, saved = rng.choice(ASK[language])
            say(ask)
    return person


# --- reading a reply's language --------------------------------------------------------------
def reply_language(reply: Reply) -> tuple[str | None, dict[str, int]]:
    """The locale whose catalog phrases cover most of the reply, and each locale's cover."""
    cover = language_cover(
        reply.text + "\n" + "\n".join(b.label for row in reply.buttons for b in row)
    )
    best = max(cover, key=cover.__getitem__)
    return (best if cover[best] else None), cover


def test_reply_language_reader_tells_each_catalog_apart() -> None:
    for code in LOCALES:
        sample = sorted(catalog_fragments()[code])[:40]
        assert reply_language(Reply(text="\n".join(sample)))[0] == code
    assert reply_language(Reply(text="Nordic Medtech 6.1A-01"))[0] is None


# --- the load ------------------------------------------------------------------------------
@dataclass
class WrongReply:
    person: int
    said: str
    expected: str
    got: str | None
    text: str


async def converse(app: Container, person: Person) -> tuple[int, list[WrongReply]]:
    wrong: list[WrongReply] = []
    last: Reply | None = None
    replies = 0
    for said, expected in person.steps:
        if said == PRESS:
            data = (
                next((b.data for row in last.buttons for b in row if b.data), None)
                if last
                else None
            )
            if data is None:
                continue
            reply = await app.router.handle_callback(
                Incoming("console", person.external_id, data, person.client_language)
            )
        else:
            reply = await app.router.handle_text(
                Incoming("console", person.external_id, said, person.client_language)
            )
        replies += 1
        got, _ = reply_language(reply)
        if got != expected:
            wrong.append(WrongReply(person.external_id, said, expected, got, reply.text[:160]))
        last = reply
    return replies, wrong


class PatientParser:
    """The real NLU client, waiting as long as a loaded test machine needs (the reply's
    language is under test here, not the model's speed), and counting what went unanswered."""

    def __init__(self, app: Container) -> None:
        self.client = NluClient(app.settings.nlu_url, app.settings.nlu_token, timeout=300)
        self.parsed = 0
        self.unanswered = 0

    async def parse(self, text: str) -> NluResult:
        try:
            result = await self.client.parse(text)
        except NluUnavailable:
            self.unanswered += 1
            raise
        self.parsed += 1
        return result


async def test_every_reply_is_in_the_language_of_the_conversation(nlu_app: Container) -> None:
    parser = PatientParser(nlu_app)
    nlu_app.router.nlu = parser
    rng = random.Random(20261105)
    people = [
        script(7000 + 10 * kind + i, language, kind, rng)
        for kind in range(4)
        for i, language in enumerate(LOCALES)
    ]  # 32 people, four per language, one of each kind
    try:
        results = await asyncio.gather(*(converse(nlu_app, p) for p in people))
    finally:
        await parser.client.aclose()
    assert parser.unanswered == 0 and parser.parsed >= 32 * 12
    replies = sum(count for count, _ in results)
    wrong = [w for _, found in results for w in found]
    print(f"\n{replies} replies to 32 people, {parser.parsed} NLU parses, {len(wrong)} wrong")
    assert replies >= 32 * 15
    assert wrong == [], f"{len(wrong)} of {replies} replies in another language: {wrong[:10]}"
