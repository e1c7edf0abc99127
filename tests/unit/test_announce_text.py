"""The sentences the hall hears for a call, in Mandarin and English."""

from __future__ import annotations

import logging
import uuid

import pytest

from counter_display.announce_text import call_texts, en_ticket, zh_cardinal, zh_ticket
from queue_server.config import Voice


def test_call_is_spoken_in_mandarin_then_english_from_the_default_templates() -> None:
    assert call_texts("A012", 5, Voice()) == [
        ("zh", "请A零一二号到五号窗口办理"),
        ("en", "Number A, zero one two, please go to window 5"),
    ]


def test_english_sentence_is_left_out_when_english_is_off() -> None:
    assert call_texts("A012", 5, Voice(english=False)) == [("zh", "请A零一二号到五号窗口办理")]


@pytest.mark.parametrize(
    ("number", "spoken"),
    [
        ("A012", "A零一二"),  # not 零十二: every digit on its own
        ("A100", "A一零零"),  # not 一百
        ("B007", "B零零七"),
        ("a012", "A零一二"),  # typed in lower case, still spelled as a capital letter
        ("AB305", "A B三零五"),  # letters apart, or espeak-ng reads "AB" as a word
        (" A-012 ", "A零一二"),  # stray punctuation and spaces are not read
    ],
)
def test_mandarin_reads_ticket_letters_and_digits_one_by_one(number: str, spoken: str) -> None:
    assert zh_ticket(number) == spoken


@pytest.mark.parametrize(
    ("window", "spoken"),
    [
        (1, "一"),
        (5, "五"),
        (10, "十"),
        (12, "十二"),  # not 一十二
        (20, "二十"),
        (53, "五十三"),
        (100, "一百"),
        (101, "一百零一"),
        (105, "一百零五"),  # espeak-ng itself would say 一百五 (= 150)
        (110, "一百一十"),
        (999, "九百九十九"),
        (1005, "一千零五"),
        (1050, "一千零五十"),
    ],
)
def test_mandarin_reads_window_numbers_as_numbers(window: int, spoken: str) -> None:
    assert zh_cardinal(window) == spoken


def test_window_twelve_is_shi_er_hao_in_the_sentence() -> None:
    zh = dict(call_texts("C031", 12, Voice()))["zh"]
    assert zh == "请C零三一号到十二号窗口办理"


@pytest.mark.parametrize(
    ("number", "spoken"),
    [
        ("A012", "A, zero one two"),
        ("AB305", "A, B, three zero five"),
        ("b009", "B, zero zero nine"),
    ],
)
def test_english_spells_letters_then_digits_as_words(number: str, spoken: str) -> None:
    assert en_ticket(number) == spoken


def test_english_window_number_is_left_for_the_engine_to_say_naturally() -> None:
    en = dict(call_texts("A012", 105, Voice()))["en"]
    assert en.endswith("please go to window 105")


def test_recall_prefixes_both_languages() -> None:
    texts = dict(call_texts("A012", 5, Voice(), recall=True))
    assert texts["zh"] == "再次呼叫，请A零一二号到五号窗口办理"
    assert texts["en"] == "Calling again. Number A, zero one two, please go to window 5"


def test_hall_templates_from_config_are_used() -> None:
    voice = Voice(
        zh_template="{number}号请到{window}号窗口", en_template="Ticket {number} to {window}"
    )
    assert call_texts("A012", 12, voice) == [
        ("zh", "A零一二号请到十二号窗口"),
        ("en", "Ticket A, zero one two to 12"),
    ]


def test_template_with_unknown_placeholder_falls_back_to_default_and_warns_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # a template no other test uses: "warns once" is remembered per template, per process
    voice = Voice(zh_template="请{number}号到{counter}号柜台" + uuid.uuid4().hex)
    with caplog.at_level(logging.WARNING, logger="counter_display.announce_text"):
        first = call_texts("A012", 5, voice)
        second = call_texts("A013", 5, voice)
    assert first[0] == ("zh", "请A零一二号到五号窗口办理")
    assert second[0] == ("zh", "请A零一三号到五号窗口办理")
    assert len(caplog.records) == 1
    assert "{counter}" in caplog.records[0].getMessage()
