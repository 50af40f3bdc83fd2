"""``LlmConfig``: endpoints, models per stage and limits, merged from settings layers."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from hive_ls.base.redact import has_userinfo, without_userinfo

STAGES = ("generator", "refiner", "validator", "curator")
"""The pipeline's model stages, in the order they run (``explain`` uses the generator)."""

DEFAULT_TEMPERATURES = {"generator": 0.7, "refiner": 0.2, "validator": 0.0, "curator": 0.0}
OPENAI_URL = "https://api.openai.com/v1"
NOT_READY = "no model configured: set HIVE_LS_MODEL or [llm.models] in .hive/config.toml"

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_ENDPOINT_NAME = re.compile(r"[A-Za-z0-9_.-]+\Z")


@dataclass(frozen=True)
class EndpointConfig:
    """One OpenAI-compatible API (``provider = "openai"``) or a llama.cpp server we start.

    ``api_key_env`` is the NAME of the environment variable holding the key; empty means the
    endpoint needs no key (a placeholder is sent). Prices are USD per million tokens.
    ``provider = "local"`` starts llama.cpp (xllamacpp) on ``model_path`` at first use.
    """

    name: str
    base_url: str = ""
    api_key_env: str = ""
    price_in: float = 0.0
    price_out: float = 0.0
    provider: str = "openai"
    model_path: str = ""
    threads: int = 1
    n_ctx: int = 4096

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        """The estimated price in USD of a call with these token counts."""
        return (prompt_tokens * self.price_in + completion_tokens * self.price_out) / 1e6


@dataclass(frozen=True)
class ModelRef:
    """A model on an endpoint; ``str()`` gives the ``endpoint:model`` label used everywhere."""

    endpoint: str
    model: str

    def __str__(self) -> str:
        return f"{self.endpoint}:{self.model}"


@dataclass(frozen=True)
class LlmConfig:
    """Everything the model layer needs; see ``from_layers`` for where it comes from.

    Attributes:
        timeout_s: seconds per model call (one HTTP request).
        max_tokens: the completion limit of every call.
        max_cost_usd: per pipeline run; no model is called once the estimate exceeds it
            (0 means no limit).
        fanout: generator candidates per run.
        retries: extra attempts per model on retryable errors (429, 5xx, timeouts).
        run_tests: the validator may run the selected tests.
        test_timeout_s: the limit for those tests.
        backoff_s: the first retry delay; it doubles per attempt, with jitter.
        breaker_failures: consecutive failures that open an endpoint's circuit breaker.
        breaker_reset_s: how long an open breaker fails fast before one trial call.
        cache_size: responses kept in the in-memory LRU cache (0 turns it off).
        min_observations: validated outcomes a model needs before its history reorders
            a fallback chain.
        endpoints: by name; ``default`` always exists.
        models: per stage, the fallback chain (and the generator's fan-out list).
        temperatures: per stage.
    """

    timeout_s: float = 60.0
    max_tokens: int = 1024
    max_cost_usd: float = 0.5
    fanout: int = 2
    retries: int = 2
    run_tests: bool = False
    test_timeout_s: float = 60.0
    backoff_s: float = 0.5
    breaker_failures: int = 3
    breaker_reset_s: float = 30.0
    cache_size: int = 128
    min_observations: int = 5
    endpoints: Mapping[str, EndpointConfig] = field(default_factory=dict, hash=False)
    models: Mapping[str, tuple[ModelRef, ...]] = field(default_factory=dict, hash=False)
    temperatures: Mapping[str, float] = field(
        default_factory=lambda: dict(DEFAULT_TEMPERATURES), hash=False
    )

    @classmethod
    def from_layers(
        cls, layers: Sequence[tuple[str, Any]], environ: Mapping[str, str]
    ) -> tuple[LlmConfig, list[str]]:
        """The configuration from ``[llm]`` mappings, lowest priority first, and the problems.

        Each layer is ``(source, mapping)``: ``.hive/config.toml``, then the LSP
        initializationOptions, then workspace settings. Later layers win key by key (also
        inside ``endpoints.NAME``, ``models`` and ``temperatures``). An invalid value gives one
        message naming the source and key and keeps the earlier value; nothing raises. ``None``
        and empty strings/lists mean "not set". The flat keys ``endpoint`` (a base URL) and
        ``api_key_env`` define the endpoint ``default``; ``model`` sets every stage's model.

        Without configuration, endpoint ``default`` is ``$OPENAI_BASE_URL`` (else OpenAI's)
        with the key from ``$OPENAI_API_KEY``; once its ``base_url`` is configured it needs no
        key unless ``api_key_env`` names one. ``$HIVE_LS_MODEL`` gives every stage its model
        when no layer configures any. Model strings are ``endpoint:model``; a string whose
        prefix is not a configured endpoint's name is a model on ``default`` (so ``llama3:8b``
        works).
        """
        acc = _Accumulator()
        for source, data in layers:
            acc.apply(source, data)
        return acc.build(environ), acc.problems

    def ready(self) -> str | None:
        """None when some stage has a model; else one sentence saying what to configure."""
        return None if any(self.models.get(stage) for stage in STAGES) else NOT_READY

    def chain(self, stage: str) -> tuple[ModelRef, ...]:
        """The configured models of ``stage`` in configured order (empty: stage skipped)."""
        return tuple(self.models.get(stage, ()))

    def temperature(self, stage: str) -> float:
        """The sampling temperature of ``stage``."""
        return float(self.temperatures.get(stage, DEFAULT_TEMPERATURES.get(stage, 0.0)))

    def endpoint(self, name: str) -> EndpointConfig:
        """The endpoint called ``name`` (a bare one if unknown: calls to it then fail)."""
        return self.endpoints.get(name) or EndpointConfig(name)


def _number(value: Any, *, minimum: float, strict: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError("a number")
    if value < minimum or (strict and value == minimum):
        raise ValueError(f"a number {'above' if strict else 'of at least'} {minimum:g}")
    return float(value)


def _integer(value: Any, *, minimum: int, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("an integer")
    if maximum is not None and not minimum <= value <= maximum:
        raise ValueError(f"an integer between {minimum} and {maximum}")
    if value < minimum:
        raise ValueError(f"an integer of at least {minimum}")
    return value


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("true or false")
    return value


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("a string")
    return value.strip()


def _url(value: Any) -> str:
    text = _string(value)
    if not text.startswith(("http://", "https://")):
        raise ValueError("an http:// or https:// URL")
    if has_userinfo(text):
        raise ValueError(
            "a URL without user:password (put the key in the variable api_key_env names)"
        )
    return text.rstrip("/")


def _env_name(value: Any) -> str:
    text = _string(value)
    if text and not _ENV_NAME.match(text):
        # never echo the value: it may be a key pasted by mistake
        raise ValueError("the NAME of an environment variable (the key itself never goes here)")
    return text


def _provider(value: Any) -> str:
    text = _string(value)
    if text not in ("openai", "local"):
        raise ValueError('"openai" or "local"')
    return text


def _models(value: Any) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(v, str) for v in items):
        raise ValueError('an "endpoint:model" string or a list of them')
    return tuple(v.strip() for v in items if v.strip())


_TOP: dict[str, Any] = {
    "timeout_s": lambda v: _number(v, minimum=0, strict=True),
    "max_tokens": lambda v: _integer(v, minimum=1),
    "max_cost_usd": lambda v: _number(v, minimum=0),
    "fanout": lambda v: _integer(v, minimum=1, maximum=8),
    "retries": lambda v: _integer(v, minimum=0, maximum=10),
    "run_tests": _boolean,
    "test_timeout_s": lambda v: _number(v, minimum=0, strict=True),
    "backoff_s": lambda v: _number(v, minimum=0),
    "breaker_failures": lambda v: _integer(v, minimum=1),
    "breaker_reset_s": lambda v: _number(v, minimum=0),
    "cache_size": lambda v: _integer(v, minimum=0),
    "min_observations": lambda v: _integer(v, minimum=1),
}

_ENDPOINT: dict[str, Any] = {
    "base_url": _url,
    "api_key_env": _env_name,
    "price_in": lambda v: _number(v, minimum=0),
    "price_out": lambda v: _number(v, minimum=0),
    "provider": _provider,
    "model_path": _string,
    "threads": lambda v: _integer(v, minimum=1),
    "n_ctx": lambda v: _integer(v, minimum=64),
}


def _unset(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | tuple) and not value)


class _Accumulator:
    """Validated values gathered layer by layer (later layers overwrite key by key)."""

    def __init__(self) -> None:
        self.top: dict[str, Any] = {}
        self.endpoints: dict[str, dict[str, Any]] = {}
        self.models: dict[str, tuple[str, ...]] = {}
        self.temperatures: dict[str, float] = {}
        self.problems: list[str] = []

    def _check(self, source: str, key: str, check: Any, value: Any) -> tuple[bool, Any]:
        try:
            return True, check(value)
        except ValueError as exc:
            # never echo what may hold a secret (a pasted key, a URL with a password)
            secret = key.endswith(("api_key_env", "base_url")) or key == "endpoint"
            shown = "" if secret else f", not {value!r}"
            self.problems.append(f"{source}: llm.{key} must be {exc}{shown}")
            return False, None

    def _table(self, source: str, key: str, value: Any) -> Mapping[str, Any] | None:
        if _unset(value):
            return None
        if not isinstance(value, Mapping):
            self.problems.append(f"{source}: llm.{key} must be a table")
            return None
        return value

    def apply(self, source: str, data: Any) -> None:
        if not data:
            return
        if not isinstance(data, Mapping):
            self.problems.append(f"{source}: [llm] must be a table")
            return
        table: Mapping[str, Any] = data
        for key, value in table.items():
            if _unset(value):
                continue
            if key in _TOP:
                ok, checked = self._check(source, key, _TOP[key], value)
                if ok:
                    self.top[key] = checked
            elif key in ("endpoint", "api_key_env"):
                field_name = "base_url" if key == "endpoint" else key
                ok, checked = self._check(source, key, _ENDPOINT[field_name], value)
                if ok:
                    self.endpoints.setdefault("default", {})[field_name] = checked
            elif key == "model":
                ok, checked = self._check(source, key, _models, value)
                if ok and checked:
                    for stage in STAGES:
                        self.models[stage] = checked
            elif key not in ("endpoints", "models", "temperatures"):
                self.problems.append(f"{source}: unknown setting llm.{key}")
        self._apply_endpoints(source, table.get("endpoints"))
        self._apply_stages(source, table.get("models"), "models")
        self._apply_stages(source, table.get("temperatures"), "temperatures")

    def _apply_endpoints(self, source: str, value: Any) -> None:
        endpoints = self._table(source, "endpoints", value)
        for name, raw in (endpoints or {}).items():
            if not isinstance(name, str) or not _ENDPOINT_NAME.match(name):
                self.problems.append(
                    f"{source}: llm.endpoints.{name} is not a valid endpoint name "
                    "(letters, digits, '_', '.', '-')"
                )
                continue
            entry = self._table(source, f"endpoints.{name}", raw)
            for key, item in (entry or {}).items():
                if _unset(item):
                    continue
                if key not in _ENDPOINT:
                    self.problems.append(f"{source}: unknown setting llm.endpoints.{name}.{key}")
                    continue
                ok, checked = self._check(source, f"endpoints.{name}.{key}", _ENDPOINT[key], item)
                if ok:
                    self.endpoints.setdefault(name, {})[key] = checked

    def _apply_stages(self, source: str, value: Any, section: str) -> None:
        stages = self._table(source, section, value)
        for stage, item in (stages or {}).items():
            if _unset(item):
                continue
            if stage not in STAGES:
                self.problems.append(
                    f"{source}: unknown stage llm.{section}.{stage} (one of {', '.join(STAGES)})"
                )
                continue
            if section == "models":
                ok, checked = self._check(source, f"models.{stage}", _models, item)
                if ok and checked:
                    self.models[stage] = checked
            else:
                ok, checked = self._check(source, f"temperatures.{stage}", _temperature, item)
                if ok:
                    self.temperatures[stage] = checked

    def build(self, environ: Mapping[str, str]) -> LlmConfig:
        endpoints: dict[str, EndpointConfig] = {}
        default = dict(self.endpoints.get("default", {}))
        if "base_url" not in default and default.get("provider") != "local":
            url = (environ.get("OPENAI_BASE_URL") or OPENAI_URL).strip().rstrip("/")
            if has_userinfo(url):
                self.problems.append(
                    "OPENAI_BASE_URL holds user:password, which hive-ls leaves out of every "
                    "request (put the key in OPENAI_API_KEY)"
                )
                url = without_userinfo(url)
            default["base_url"] = url
            default.setdefault("api_key_env", "OPENAI_API_KEY")
        endpoints["default"] = EndpointConfig("default", **default)
        for name, values in self.endpoints.items():
            if name != "default":
                endpoints[name] = EndpointConfig(name, **values)
        models = dict(self.models)
        env_model = environ.get("HIVE_LS_MODEL", "").strip()
        if not models and env_model:
            models = dict.fromkeys(STAGES, (env_model,))
        refs = {
            stage: tuple(_ref(text, endpoints) for text in chain) for stage, chain in models.items()
        }
        known = {f.name for f in fields(LlmConfig)}
        top = {key: value for key, value in self.top.items() if key in known}
        config = LlmConfig(endpoints=endpoints, models=refs)
        return replace(config, temperatures={**DEFAULT_TEMPERATURES, **self.temperatures}, **top)


def _temperature(value: Any) -> float:
    number = _number(value, minimum=0)
    if number > 2:
        raise ValueError("a number between 0 and 2")
    return number


def _ref(text: str, endpoints: Mapping[str, EndpointConfig]) -> ModelRef:
    prefix, sep, rest = text.partition(":")
    if sep and rest and prefix in endpoints:
        return ModelRef(prefix, rest)
    return ModelRef("default", text)
