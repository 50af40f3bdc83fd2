#!/usr/bin/env bash
# The test command: installs what the tests need into .venv, then runs every check.
# Usage: bash tests/run.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
. .venv/bin/activate
python -m pip install -q --disable-pip-version-check -e '.[test]'
echo "== ruff";        ruff check server tests bench && ruff format --check server tests bench
echo "== mypy";        mypy
echo "== import-linter"; lint-imports
echo "== editors";     bash editors/test.sh --no-pytest  # installs, VS Code tier; pytest below runs tests/editors
echo "== pytest";      python -m pytest "$@"
echo "== bench";       python -m bench.run --quick --check  # exit 1 on a 2x regression of a ratio to a floor or a peer
