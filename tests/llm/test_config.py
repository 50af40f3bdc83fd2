"""LlmConfig.from_layers: layering, validation, flat keys and environment defaults."""

from __future__ import annotations

from hive_ls.llm.config import NOT_READY, OPENAI_URL, LlmConfig, ModelRef


def test_defaults_without_anything() -> None:
    config, problems = LlmConfig.from_layers([], {})
    assert problems == []
    assert config.ready() == NOT_READY
    assert config.timeout_s == 60 and config.max_tokens == 1024 and config.fanout == 2
    assert config.retries == 2 and config.max_cost_usd == 0.5 and config.run_tests is False
    default = config.endpoint("default")
    assert default.base_url == OPENAI_URL and default.api_key_env == "OPENAI_API_KEY"
    assert config.temperature("generator") == 0.7 and config.temperature("validator") == 0.0
    assert config.chain("generator") == ()


def test_environment_defaults() -> None:
    environ = {"OPENAI_BASE_URL": "http://127.0.0.1:9/v1/", "HIVE_LS_MODEL": "tiny"}
    config, problems = LlmConfig.from_layers([], environ)
    assert problems == []
    assert config.ready() is None
    assert config.endpoint("default").base_url == "http://127.0.0.1:9/v1"
    for stage in ("generator", "refiner", "validator", "curator"):
        assert config.chain(stage) == (ModelRef("default", "tiny"),)


def test_hive_ls_model_only_when_no_layer_names_a_model() -> None:
    layers = [("config.toml", {"models": {"generator": "default:big"}})]
    config, _ = LlmConfig.from_layers(layers, {"HIVE_LS_MODEL": "tiny"})
    assert config.chain("generator") == (ModelRef("default", "big"),)
    assert config.chain("refiner") == ()


def test_layers_merge_key_by_key() -> None:
    toml = {
        "timeout_s": 30,
        "fanout": 3,
        "endpoints": {
            "router": {
                "base_url": "https://openrouter.example/api/v1",
                "api_key_env": "OPENROUTER_API_KEY",
                "price_in": 0.15,
                "price_out": 0.6,
            }
        },
        "models": {"generator": ["router:a", "router:b"], "curator": "router:c"},
        "temperatures": {"generator": 0.9},
    }
    init_options = {"fanout": 1, "endpoints": {"router": {"price_out": 1.0}}}
    workspace = {"models": {"curator": "router:d"}, "temperatures": {"curator": 0.1}}
    config, problems = LlmConfig.from_layers(
        [("config.toml", toml), ("initializationOptions", init_options), ("settings", workspace)],
        {},
    )
    assert problems == []
    assert config.timeout_s == 30 and config.fanout == 1
    router = config.endpoint("router")
    assert router.price_in == 0.15 and router.price_out == 1.0
    assert router.api_key_env == "OPENROUTER_API_KEY"
    assert config.chain("generator") == (ModelRef("router", "a"), ModelRef("router", "b"))
    assert config.chain("curator") == (ModelRef("router", "d"),)
    assert config.temperature("generator") == 0.9 and config.temperature("curator") == 0.1
    assert config.temperature("refiner") == 0.2
    assert router.cost(1_000_000, 1_000_000) == 1.15


def test_flat_vscode_keys_and_model_strings() -> None:
    flat = {
        "endpoint": "http://localhost:8080/v1",
        "api_key_env": "MY_KEY",
        "models": {"generator": "llama3:8b", "refiner": ["default:x", "y"]},
    }
    config, problems = LlmConfig.from_layers([("settings", flat)], {"OPENAI_BASE_URL": "http://z"})
    assert problems == []
    default = config.endpoint("default")
    assert default.base_url == "http://localhost:8080/v1" and default.api_key_env == "MY_KEY"
    # "llama3" is not an endpoint name, so the whole string is a model on default
    assert config.chain("generator") == (ModelRef("default", "llama3:8b"),)
    assert [str(r) for r in config.chain("refiner")] == ["default:x", "default:y"]


def test_configured_endpoint_needs_no_key_unless_named() -> None:
    config, _ = LlmConfig.from_layers([("t", {"endpoint": "http://127.0.0.1:1/v1"})], {})
    assert config.endpoint("default").api_key_env == ""


def test_invalid_values_are_reported_and_fall_back() -> None:
    bad = {
        "timeout_s": -1,
        "max_tokens": "many",
        "fanout": 99,
        "run_tests": "yes",
        "colour": "blue",
        "endpoints": {
            "x": {"base_url": "ftp://nope", "provider": "cloud", "price_in": -2, "wat": 1},
            "bad:name": {"base_url": "http://a"},
        },
        "models": {"generator": 42, "judge": "m"},
        "temperatures": {"generator": 5},
    }
    config, problems = LlmConfig.from_layers(
        [("config.toml", {"fanout": 4}), ("settings", bad)], {}
    )
    assert config.timeout_s == 60 and config.max_tokens == 1024 and config.fanout == 4
    assert config.run_tests is False and config.temperature("generator") == 0.7
    assert config.endpoint("x").base_url == "" and config.endpoint("x").provider == "openai"
    assert all(p.startswith("settings: ") for p in problems)
    joined = "\n".join(problems)
    for key in (
        "llm.timeout_s",
        "llm.max_tokens",
        "llm.fanout",
        "llm.run_tests",
        "llm.colour",
        "llm.endpoints.x.base_url",
        "llm.endpoints.x.provider",
        "llm.endpoints.x.price_in",
        "llm.endpoints.x.wat",
        "llm.endpoints.bad:name",
        "llm.models.generator",
        "llm.models.judge",
        "llm.temperatures.generator",
    ):
        assert key in joined, key
    assert len(problems) == 13


def test_non_table_layer_and_nulls() -> None:
    config, problems = LlmConfig.from_layers(
        [
            ("a", "nonsense"),
            ("b", {"timeout_s": None, "models": None, "endpoint": ""}),
            ("c", None),
        ],
        {},
    )
    assert problems == ["a: [llm] must be a table"]
    assert config.timeout_s == 60


def test_a_pasted_key_is_never_echoed() -> None:
    secret = "sk-live-abcdef0123456789"
    _, problems = LlmConfig.from_layers([("settings", {"api_key_env": secret})], {})
    assert len(problems) == 1 and "api_key_env" in problems[0]
    assert secret not in problems[0]
