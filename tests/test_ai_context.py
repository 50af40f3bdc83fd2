"""The context builder on the Python fixture and small workspaces; secret files and values."""

from __future__ import annotations

from pathlib import Path

import pytest

from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.features.ai_context import AiContext, build_context
from hive_ls.features.ai_text import estimate_tokens
from hive_ls.features.secrets import REDACTED, is_secret_path, redact
from tests.helpers import FIXTURES, indexed, indexed_pyshop, path_of

PYSHOP = FIXTURES / "pyshop"


def pyshop() -> tuple[GraphSync, Snapshot]:
    return indexed_pyshop()[1:]


def built(root: Path) -> tuple[GraphSync, Snapshot]:
    return indexed(root)[1:]


def offset_of(snap: Snapshot, path: str, needle: bytes) -> int:
    return snap.files[path].data.index(needle)


def context_at(tail: str, needle: bytes, **options: object) -> AiContext:
    sync, snap = pyshop()
    path = path_of(snap, tail)
    return build_context(sync, snap, path, offset_of(snap, path, needle), **options)  # type: ignore[arg-type]


def roles(ctx: AiContext) -> dict[str, str]:
    return {item.qname: item.role for item in ctx.items}


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


# ---- the target and its neighbours -----------------------------------------------------------


def test_target_is_the_enclosing_definition_with_callers_callees_and_tests() -> None:
    ctx = context_at("shop/cart.py", b"subtotal = sum")
    assert ctx.target.qname == "shop.cart.Cart.total"
    assert ctx.target.relpath == "shop/cart.py"
    assert ctx.target.start_line == 20
    assert ctx.target.text.startswith("def total(self):")
    found = roles(ctx)
    assert found["shop.cart.Cart"] == "class"
    assert found["shop.pricing.price"] == "callee"
    assert found["shop.pricing.with_tax"] == "callee"
    assert found["shop.cart.Cart.checkout"] == "caller"
    assert found["test_cart.test_total"] == "test"
    assert "shop.cart.Cart.total" not in found  # the target is not an item of its own


def test_one_step_away_comes_before_two_steps_away() -> None:
    ctx = context_at("shop/cart.py", b"subtotal = sum")
    order = [item.qname for item in ctx.items]
    # checkout calls total; app.main calls checkout (two steps)
    assert order.index("shop.cart.Cart.checkout") < order.index("app.main")
    scores = {item.qname: item.score for item in ctx.items}
    assert scores["shop.cart.Cart.checkout"] > scores["app.main"]
    assert [item.score for item in ctx.items] == sorted(
        (item.score for item in ctx.items), reverse=True
    )


def test_the_enclosing_class_is_summarised_with_member_signatures() -> None:
    ctx = context_at("shop/cart.py", b"subtotal = sum")
    summary = next(item for item in ctx.items if item.role == "class")
    assert summary.text.startswith("class Cart(Model):")
    assert "def add(self, item, qty=1)" in summary.text
    assert "self.items.append" not in summary.text  # bodies are left out


def test_render_puts_the_target_first_with_headers() -> None:
    ctx = context_at("shop/cart.py", b"subtotal = sum")
    text = ctx.render()
    assert text.startswith("### target: shop.cart.Cart.total (shop/cart.py:20)\ndef total(self):")
    assert "### callee: shop.pricing.price (shop/pricing.py:6)\ndef price(item):" in text
    assert "### test: test_cart.test_total (tests/test_cart.py:10)" in text
    assert ctx.tokens_used == ctx.target.tokens + sum(item.tokens for item in ctx.items)
    assert abs(estimate_tokens(text) - ctx.tokens_used) <= len(ctx.items) + 1


def test_module_level_position_targets_the_module() -> None:
    ctx = context_at("app.py", b"import shop.pricing")
    assert ctx.target.key.endswith("app.py::")
    assert ctx.target.kind == "module"
    assert "import shop.pricing" in ctx.target.text
    assert {item.role for item in ctx.items} >= {"sibling"}


# ---- the budget ------------------------------------------------------------------------------


def test_the_budget_is_respected_and_what_does_not_fit_is_counted() -> None:
    full = context_at("shop/cart.py", b"subtotal = sum")
    small = context_at("shop/cart.py", b"subtotal = sum", budget_tokens=150)
    assert small.budget == 150
    assert small.tokens_used <= 150
    assert len(small.items) < len(full.items)
    assert small.dropped > 0


def test_long_definitions_are_cut_to_their_head(tmp_path: Path) -> None:
    body = "\n".join(f"    total += {n}  # step {n}" for n in range(300))
    write(
        tmp_path,
        {
            "long.py": f"def long_helper():\n    total = 0\n{body}\n    return total\n",
            "main.py": "from long import long_helper\n\n\ndef main():\n    return long_helper()\n",
        },
    )
    sync, snap = built(tmp_path)
    path = path_of(snap, "main.py")
    ctx = build_context(sync, snap, path, offset_of(snap, path, b"return long_helper"), 600)
    helper = next(item for item in ctx.items if item.qname == "long.long_helper")
    assert helper.trimmed
    assert helper.text.startswith("def long_helper():\n    total = 0")
    assert "more lines" in helper.text
    assert "step 299" not in helper.text
    assert ctx.tokens_used <= 600


def test_a_long_target_is_cut_to_half_the_budget(tmp_path: Path) -> None:
    body = "\n".join(f"    value = value + {n}" for n in range(500))
    write(tmp_path, {"big.py": f"def big(value):\n{body}\n    return value\n"})
    sync, snap = built(tmp_path)
    path = path_of(snap, "big.py")
    ctx = build_context(sync, snap, path, offset_of(snap, path, b"value + 7"), 400)
    assert ctx.target.tokens <= 200
    assert ctx.target.text.startswith("def big(value):")
    assert ctx.tokens_used <= 400


# ---- ranking signals -------------------------------------------------------------------------


def test_recently_edited_files_get_a_boost() -> None:
    sync, snap = pyshop()
    path = path_of(snap, "shop/cart.py")
    offset = offset_of(snap, path, b"subtotal = sum")
    app = path_of(snap, "app.py")
    plain = {i.qname: i.score for i in build_context(sync, snap, path, offset).items}
    boosted = {
        i.qname: i.score for i in build_context(sync, snap, path, offset, recent=[app]).items
    }
    assert boosted["app.main"] > plain["app.main"]
    assert boosted["shop.pricing.price"] == plain["shop.pricing.price"]


def test_recent_files_without_a_graph_link_are_outlined() -> None:
    sync, snap = pyshop()
    path = path_of(snap, "shop/pricing.py")
    offset = offset_of(snap, path, b"return len")
    base = path_of(snap, "shop/base.py")
    ctx = build_context(sync, snap, path, offset, recent=[base])
    outline = next(item for item in ctx.items if item.role == "recent")
    assert outline.relpath == "shop/base.py"
    assert "class Model" in outline.text
    assert "def validate(model)" in outline.text


def test_similar_code_comes_from_the_hook() -> None:
    sync, snap = pyshop()
    path = path_of(snap, "shop/pricing.py")
    offset = offset_of(snap, path, b"return len")
    seen: list[str] = []
    base = path_of(snap, "shop/base.py")
    validate = f"{base}::shop.base.validate::function#0"

    def similar(text: str) -> list[str]:
        seen.append(text)
        return [validate]

    ctx = build_context(sync, snap, path, offset, similar=similar)
    assert seen and seen[0].startswith("def price(item):")
    found = roles(ctx)
    assert found["shop.base.validate"] == "similar"


def test_central_code_ranks_higher_among_equals(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "lib.py": "def popular():\n    return 1\n\n\ndef lonely():\n    return 2\n",
            "users.py": "from lib import popular\n\n\n"
            + "".join(f"def user{n}():\n    return popular()\n\n\n" for n in range(5)),
            "main.py": "from lib import lonely, popular\n\n\n"
            "def main():\n    return lonely() + popular()\n",
        },
    )
    sync, snap = built(tmp_path)
    path = path_of(snap, "main.py")
    ctx = build_context(sync, snap, path, offset_of(snap, path, b"return lonely"))
    order = [item.qname for item in ctx.items]
    assert order.index("lib.popular") < order.index("lib.lonely")


# ---- secrets ---------------------------------------------------------------------------------


def test_files_with_secret_names_are_never_included(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "credentials.py": "def load_credentials():\n    return 'x'\n",
            "app_secrets.py": "def token():\n    return 'y'\n",
            "main.py": "from credentials import load_credentials\nfrom app_secrets import token\n"
            "\n\ndef main():\n    return load_credentials() + token()\n",
        },
    )
    sync, snap = built(tmp_path)
    path = path_of(snap, "main.py")
    ctx = build_context(sync, snap, path, offset_of(snap, path, b"return load"))
    assert all(not is_secret_path(item.path) for item in ctx.items)
    assert "load_credentials():" not in ctx.render().replace("return load_credentials()", "")


def test_secret_values_are_redacted(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "config.py": 'def connect():\n    password = "hunter2"\n'
            '    key = "sk-proj-abcdefghijklmnopqrstuvwx"\n    return password, key\n',
            "main.py": "from config import connect\n\n\ndef main():\n    return connect()\n",
        },
    )
    sync, snap = built(tmp_path)
    path = path_of(snap, "main.py")
    ctx = build_context(sync, snap, path, offset_of(snap, path, b"return connect"))
    text = ctx.render()
    assert "def connect():" in text
    assert "hunter2" not in text
    assert "sk-proj" not in text
    assert f"password = {REDACTED}" in text
    assert ctx.redactions == 2


def test_ignored_files_are_not_in_the_snapshot_nor_the_context(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".gitignore": "private_impl.py\n",
            "private_impl.py": "def hidden():\n    return 'do not show'\n",
            "main.py": "from private_impl import hidden\n\n\ndef main():\n    return hidden()\n",
        },
    )
    sync, snap = built(tmp_path)
    assert not any(p.endswith("private_impl.py") for p in snap.files)
    path = path_of(snap, "main.py")
    ctx = build_context(sync, snap, path, offset_of(snap, path, b"return hidden"))
    assert "do not show" not in ctx.render()
    assert all(not item.path.endswith("private_impl.py") for item in ctx.items)


@pytest.mark.parametrize(
    "name",
    [
        ".env",
        ".env.production",
        "deploy/server.pem",
        "tls.key",
        "/home/u/.ssh/id_rsa",
        "id_ed25519.pub",
        "aws_credentials.json",
        "my_secrets.py",
        ".npmrc",
        ".pypirc",
        "Client_Secret.JSON",
    ],
)
def test_secret_file_names(name: str) -> None:
    assert is_secret_path(name)


@pytest.mark.parametrize("name", ["main.py", "keyboard.py", "environment.py", "src/token_io.rs"])
def test_ordinary_file_names(name: str) -> None:
    assert not is_secret_path(name)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ('client = OpenAI(api_key="sk-abcdefghijklmnopqrstuvwxyz123456")', "client = OpenAI("),
        ("AWS_ACCESS_KEY_ID = AKIAIOSFODNN7EXAMPLE", "AWS_ACCESS_KEY_ID = "),
        ("token: ghp_0123456789abcdefghijABCDEFGHIJ012345", "token"),
        ("SLACK = 'xoxb-1234567890-abcdefghij'", "SLACK = "),
        ('password = "correct horse"', "password = "),
        ("db_password: str = 'p4ss'", "db_password: str = "),
        ('{"api_key": "abc123"}', '{"api_key": '),
        ("url = 'postgres://admin:s3cr3t@db:5432/app'", "url = "),
    ],
)
def test_secret_values(text: str, kept: str) -> None:
    found = redact(text)
    assert found.replaced == 1
    assert REDACTED in found.text
    assert found.text.startswith(kept)
    for secret in ("sk-abc", "AKIA", "ghp_", "xoxb", "correct horse", "p4ss", "abc123", "s3cr3t"):
        assert secret not in found.text


def test_pem_blocks_are_redacted_whole() -> None:
    text = (
        "KEY = '''\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabcdef\n"
        "-----END RSA PRIVATE KEY-----\n'''\nafter = 1\n"
    )
    found = redact(text)
    assert "MIIE" not in found.text
    assert "after = 1" in found.text
    cut = redact("x = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg")  # cut off inside
    assert "MIIEvQ" not in cut.text


def test_ordinary_code_is_left_alone() -> None:
    text = (
        "def check(password):\n    if password == other:\n        return token_count + 1\n"
        "    skip = 'sk-'\n    return 'normal string'\n"
    )
    assert redact(text) == (text, 0)
