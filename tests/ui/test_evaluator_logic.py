"""The evaluator's Qt-free flow: ask after a service, reasons for a bad rating, once only."""

from __future__ import annotations

from counter_display.rating import BAD, SCALE, EvaluationFlow, Step, level


def test_scale_is_the_national_five_levels_best_first() -> None:
    assert [x.rating for x in SCALE] == [5, 4, 3, 2, 1]
    assert level(5).label == "Very satisfied" and level(1).label == "Very dissatisfied"
    assert BAD == {1, 2}


def test_good_rating_is_ready_to_send_at_once() -> None:
    flow = EvaluationFlow()
    assert flow.service_finished("A001") and flow.step is Step.ASKING
    assert flow.choose(4) and flow.step is Step.SENDING


def test_bad_rating_asks_for_reasons_first() -> None:
    flow = EvaluationFlow()
    flow.service_finished("A001")
    assert not flow.choose(2) and flow.step is Step.REASONS
    assert flow.submit_reasons(["Long wait"]) and flow.reasons == ["Long wait"]


def test_a_service_is_rated_once_and_a_failed_send_may_be_tried_again() -> None:
    flow = EvaluationFlow()
    flow.service_finished("A001")
    flow.choose(5)
    flow.failed()
    assert flow.step is Step.ASKING
    flow.choose(5)
    flow.sent()
    flow.reset()
    assert not flow.service_finished("A001")  # the same service again: no second rating
    assert flow.service_finished("A002")


def test_nothing_to_rate_when_idle() -> None:
    flow = EvaluationFlow()
    assert not flow.choose(5) and flow.step is Step.IDLE
