from bot.nlu_client import to_result

RASA_PAYLOAD = {
    "text": "临港企业所得税优惠",
    "intent": {"name": "lingang_faq", "confidence": 0.97},
    "entities": [],
    "response_selector": {
        "all_retrieval_intents": ["lingang_faq"],
        "lingang_faq": {
            "response": {
                "responses": [{"text": "placeholder"}],
                "confidence": 0.91,
                "intent_response_key": "lingang_faq/tax",
                "utter_action": "utter_lingang_faq/tax",
            },
            "ranking": [],
        },
    },
}


def test_retrieval_topic_is_read_from_the_response_selector() -> None:
    result = to_result("临港企业所得税优惠", RASA_PAYLOAD)
    assert (result.intent, result.topic) == ("lingang_faq", "tax")
    assert result.topic_confidence == 0.91


def test_entities_keep_their_spans() -> None:
    text = "找 Siemens 的展位"
    payload = {
        "intent": {"name": "exhibitor_info", "confidence": 0.9},
        "entities": [{"entity": "company", "start": 2, "end": 9, "value": "Siemens"}],
    }
    result = to_result(text, payload)
    assert result.first("company") == "Siemens"
    assert text[result.entities[0].start : result.entities[0].end] == "Siemens"


def test_missing_intent_is_a_fallback() -> None:
    assert to_result("x", {}).intent == "nlu_fallback"
