"""The stub OpenAI server itself, through the real openai client (other tests rely on it)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import openai
import pytest

from tests.openai_stub import Garbage, OpenAIStub, Status


def test_models_embeddings_streaming_and_auth() -> None:
    with OpenAIStub(default="hi there", api_key="sk-stub", models=("m1", "m2")) as api:
        client = openai.OpenAI(base_url=api.url, api_key="sk-stub", max_retries=0)
        assert [m.id for m in client.models.list()] == ["m1", "m2"]
        vectors = client.embeddings.create(model="e", input=["a", "b"])
        assert [len(d.embedding) for d in vectors.data] == [8, 8]
        again = client.embeddings.create(model="e", input="a")
        assert again.data[0].embedding == vectors.data[0].embedding
        stream = client.chat.completions.create(
            model="m1", messages=[{"role": "user", "content": "x"}], stream=True
        )
        assert "".join(chunk.choices[0].delta.content or "" for chunk in stream) == "hi there"
        wrong = openai.OpenAI(base_url=api.url, api_key="sk-wrong", max_retries=0)
        with pytest.raises(openai.AuthenticationError):
            wrong.chat.completions.create(model="m1", messages=[])
        assert [r.path for r in api.requests] == [
            "/v1/models",
            "/v1/embeddings",
            "/v1/embeddings",
            "/v1/chat/completions",
            "/v1/chat/completions",
        ]
        assert api.requests[-1].headers["authorization"] == "Bearer sk-wrong"


def test_script_callable_status_and_garbage() -> None:
    with OpenAIStub() as api:
        api.script("m", lambda request: request["messages"][0]["content"].upper())
        api.script("m", Status(503, retry_after=2), Garbage(b"oops", "text/plain"))
        body = json.dumps({"model": "m", "messages": [{"role": "user", "content": "abc"}]})

        def post() -> urllib.request.Request:
            return urllib.request.Request(
                f"{api.url}/chat/completions",
                data=body.encode(),
                headers={"Content-Type": "application/json"},
            )

        with urllib.request.urlopen(post()) as response:
            reply = json.load(response)
        assert reply["choices"][0]["message"]["content"] == "ABC"
        assert reply["usage"] == {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(post())
        assert caught.value.code == 503 and caught.value.headers["Retry-After"] == "2"
        with urllib.request.urlopen(post()) as response:
            assert response.read() == b"oops"
        with urllib.request.urlopen(post()) as response:
            assert json.load(response)["choices"][0]["message"]["content"] == "ok"  # default
        assert len(api.chat("m")) == 4 and api.chat("other") == []
        assert api.chat("m")[0].text() == "abc"
