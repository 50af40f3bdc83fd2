"""ModelRouter against the stub OpenAI server: retries, fallback, breaker, cache, cancellation."""

from __future__ import annotations

import threading
import time

import pytest

from hive_ls.llm.client import ModelRouter
from hive_ls.llm.config import LlmConfig
from hive_ls.llm.errors import LlmCancelled, LlmError
from tests.llm.conftest import KEY_ENV, SECRET, make_config, make_router
from tests.openai_stub import Delay, Garbage, OpenAIStub, Reply, Status

HELLO = [{"role": "user", "content": "Say hello."}]


def two_models(url: str, **top: object) -> LlmConfig:
    return make_config(url, models={"generator": ["a", "b"]}, **top)


def test_success_with_usage_cost_and_auth_header(api: OpenAIStub) -> None:
    api.script("a", "hello there")
    config = make_config(
        api.url,
        {"endpoints": {"default": {"price_in": 1.0, "price_out": 2.0}}},
        models={"generator": "a"},
    )
    with make_router(config) as router:
        done = router.complete("generator", HELLO)
    assert done.text == "hello there" and done.model == "a" and done.endpoint == "default"
    assert done.prompt_tokens == 2 and done.completion_tokens == 2  # the stub's len // 4
    assert done.cost_usd == pytest.approx((2 * 1.0 + 2 * 2.0) / 1e6)
    assert done.latency_s > 0 and not done.cached and done.failures == ()
    (request,) = api.chat("a")
    assert request.headers["authorization"] == f"Bearer {SECRET}"
    assert request.body["temperature"] == 0.7 and request.body["max_tokens"] == 1024
    assert request.messages == HELLO


def test_tokens_are_estimated_without_usage(api: OpenAIStub) -> None:
    api.script("a", Reply("x" * 40, usage=False))
    with make_router(make_config(api.url, models={"generator": "a"})) as router:
        done = router.complete("generator", HELLO)
    assert done.completion_tokens == 10 and done.prompt_tokens == 3


def test_retry_on_429_and_500_then_success(api: OpenAIStub) -> None:
    api.script("a", Status(429, retry_after=0), Status(500), "finally")
    with make_router(two_models(api.url)) as router:
        done = router.complete("generator", HELLO)
    assert done.text == "finally" and done.model == "a"
    assert len(api.chat("a")) == 3 and api.chat("b") == []


def test_retry_after_is_honoured(api: OpenAIStub) -> None:
    api.script("a", Status(429, retry_after=0.4), "ok")
    with make_router(make_config(api.url, models={"generator": "a"})) as router:
        began = time.monotonic()
        router.complete("generator", HELLO)
        assert time.monotonic() - began >= 0.35


def test_rate_limited_after_retries_falls_back(api: OpenAIStub) -> None:
    api.script("a", *[Status(429, retry_after=0)] * 3)
    api.script("b", "from b")
    with make_router(two_models(api.url)) as router:
        done = router.complete("generator", HELLO)
    assert done.text == "from b" and len(api.chat("a")) == 3
    (failure,) = done.failures
    assert (
        failure.model == "a" and "rate-limited" in failure.error and "3 attempts" in failure.error
    )


def test_non_retryable_401_goes_straight_to_the_next_model(api: OpenAIStub) -> None:
    api.script("a", Status(401, message="invalid api key"))
    api.script("b", "from b")
    with make_router(two_models(api.url)) as router:
        done = router.complete("generator", HELLO)
    assert done.text == "from b" and len(api.chat("a")) == 1
    assert f"rejected the API key from {KEY_ENV}" in done.failures[0].error


def test_every_model_failing_raises_one_clear_error(api: OpenAIStub) -> None:
    api.script("a", Status(404))
    api.script("b", Status(400, message="bad request"))
    with make_router(two_models(api.url)) as router, pytest.raises(LlmError) as caught:
        router.complete("generator", HELLO)
    message = str(caught.value)
    assert message.startswith("all 2 generator models failed")
    assert "does not know model 'a'" in message and "HTTP 400" in message
    assert len(caught.value.failures) == 2


def test_unreachable_endpoint() -> None:
    with OpenAIStub() as stub:
        url = stub.url  # a port that is closed once the stub stops
    config = make_config(url, models={"generator": "a"}, retries=1)
    with make_router(config) as router, pytest.raises(LlmError, match="cannot be reached"):
        router.complete("generator", HELLO)


def test_malformed_responses_are_errors(api: OpenAIStub) -> None:
    api.script("a", Garbage())
    api.script("b", Garbage(b'{"foo": 1}'))
    with make_router(two_models(api.url)) as router, pytest.raises(LlmError) as caught:
        router.complete("generator", HELLO)
    assert str(caught.value).count("malformed response") == 2


def test_timeout_is_retryable(api: OpenAIStub) -> None:
    api.script("a", Delay(2.0, "late"), "on time")
    config = make_config(api.url, models={"generator": "a"}, timeout_s=0.3)
    with make_router(config) as router:
        assert router.complete("generator", HELLO).text == "on time"


def test_missing_api_key_variable(api: OpenAIStub) -> None:
    config = make_config(api.url, models={"generator": "a"})
    with ModelRouter(config, environ={}) as router, pytest.raises(LlmError) as caught:
        router.complete("generator", HELLO)
    assert str(caught.value) == (
        f"endpoint 'default' needs an API key: set the environment variable {KEY_ENV}"
    )
    assert api.requests == []


def test_circuit_breaker_opens_fails_fast_and_half_opens(api: OpenAIStub) -> None:
    api.script("a", *[Status(500)] * 3)
    config = make_config(
        api.url, models={"generator": "a"}, retries=2, breaker_failures=3, breaker_reset_s=0.5
    )
    with make_router(config) as router:
        with pytest.raises(LlmError, match="HTTP 500"):
            router.complete("generator", HELLO)
        assert router.breaker("default").state == "open"
        began = time.monotonic()
        with pytest.raises(LlmError, match=r"is failing \(3 failures in a row\)"):
            router.complete("generator", HELLO)
        assert time.monotonic() - began < 0.2 and len(api.chat("a")) == 3  # no request
        time.sleep(0.55)
        assert router.breaker("default").state == "half-open"
        api.script("a", Status(503))  # the trial fails: open again at once
        with pytest.raises(LlmError, match="is failing"):
            router.complete("generator", HELLO)
        assert len(api.chat("a")) == 4 and router.breaker("default").state == "open"
        time.sleep(0.55)
        assert router.complete("generator", HELLO).text  # the trial succeeds: closed
        assert router.breaker("default").state == "closed"


def test_cache_hit_makes_no_second_request(api: OpenAIStub) -> None:
    api.script("a", "first", "second")
    with make_router(make_config(api.url, models={"validator": "a"})) as router:
        one = router.complete("validator", HELLO)  # temperature 0: cached
        two = router.complete("validator", HELLO)
        assert one.text == two.text == "first" and two.cached and not one.cached
        assert two.cost_usd == 0.0 and len(api.chat("a")) == 1
        assert router.complete("validator", HELLO, cache=False).text == "second"
        other = [{"role": "user", "content": "Something else."}]
        router.complete("validator", other)
        assert len(api.chat("a")) == 3


def test_sampled_calls_are_not_cached(api: OpenAIStub) -> None:
    api.script("a", "one", "two")
    with make_router(make_config(api.url, models={"generator": "a"})) as router:
        assert router.complete("generator", HELLO).text == "one"
        assert router.complete("generator", HELLO).text == "two"
        assert router.complete("generator", HELLO, cache=True).text  # opt in
        assert router.complete("generator", HELLO, cache=True).cached


def test_history_reorders_after_enough_observations(api: OpenAIStub) -> None:
    config = make_config(api.url, models={"generator": ["a", "b", "c"]}, min_observations=3)
    with make_router(config) as router:
        assert [r.model for r in router.chain("generator")] == ["a", "b", "c"]
        for _ in range(2):
            router.record_outcome("default:a", False, 1.0)
            router.record_outcome("default:c", True, 1.0)
        assert [r.model for r in router.chain("generator")] == ["a", "b", "c"]  # too few
        router.record_outcome("default:a", False, 1.0)
        router.record_outcome("default:c", True, 1.0)
        # c takes a's slot; b (unobserved) keeps its place
        assert [r.model for r in router.chain("generator")] == ["c", "b", "a"]
        stats = router.history()["default:a"]
        assert stats.observations == 3 and stats.pass_rate == 0.0
        router.complete("generator", HELLO)
    assert [r.model for r in api.chat()] == ["c"]


def test_history_prefers_faster_models_at_equal_pass_rate(api: OpenAIStub) -> None:
    config = make_config(api.url, models={"generator": ["slow", "fast"]}, min_observations=2)
    with make_router(config) as router:
        for _ in range(2):
            router.record_outcome("default:slow", True, 9.0)
            router.record_outcome("default:fast", True, 2.0)
        assert [r.model for r in router.chain("generator")] == ["fast", "slow"]


def test_offset_rotates_the_chain(api: OpenAIStub) -> None:
    with make_router(two_models(api.url)) as router:
        router.complete("generator", HELLO, offset=1)
        router.complete("generator", HELLO, offset=2)
    assert [r.model for r in api.chat()] == ["b", "a"]


def test_cancellation_during_a_call_returns_promptly(api: OpenAIStub) -> None:
    api.script("a", Delay(5.0, "too late"))
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    with make_router(make_config(api.url, models={"generator": "a"})) as router:
        began = time.monotonic()
        with pytest.raises(LlmCancelled):
            router.complete("generator", HELLO, cancel=cancel)
        assert time.monotonic() - began < 1.0
        assert router.breaker("default").state == "closed"


def test_cancellation_during_backoff(api: OpenAIStub) -> None:
    api.script("a", Status(429, retry_after=5), "never")
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    with make_router(make_config(api.url, models={"generator": "a"})) as router:
        began = time.monotonic()
        with pytest.raises(LlmCancelled):
            router.complete("generator", HELLO, cancel=cancel)
        assert time.monotonic() - began < 1.0
    assert len(api.chat("a")) == 1


def test_already_cancelled_sends_nothing(api: OpenAIStub) -> None:
    cancel = threading.Event()
    cancel.set()
    config = make_config(api.url, models={"generator": "a"})
    with make_router(config) as router, pytest.raises(LlmCancelled):
        router.complete("generator", HELLO, cancel=cancel)
    assert api.requests == []


def test_no_model_for_the_stage(api: OpenAIStub) -> None:
    expected = "no model is configured for the curator stage"
    with make_router(make_config(api.url)) as router, pytest.raises(LlmError, match=expected):
        router.complete("curator", HELLO)


def test_local_provider_without_model_file_is_a_clear_error() -> None:
    config, _ = LlmConfig.from_layers(
        [("t", {"endpoints": {"here": {"provider": "local"}}, "models": {"generator": "here:m"}})],
        {},
    )
    with ModelRouter(config, environ={}) as router, pytest.raises(LlmError) as caught:
        router.complete("generator", HELLO)
    assert "local model file does not exist" in str(caught.value)
