"""The model layer: OpenAI-compatible endpoints, robust calls and the consensus pipeline.

Modules: ``config`` (``LlmConfig``), ``client`` (``ModelRouter``), ``robust`` (backoff,
circuit breakers, cache, history), ``local`` (llama.cpp server), ``prompts`` (templates),
``output`` (answer parsing), ``messages`` (stage prompts), ``pipeline`` (``Pipeline``),
``types`` (the values passed around) and ``errors``. Importing this package is cheap: the
``openai`` package is imported on the first model call, ``xllamacpp`` on the first local one.
"""
