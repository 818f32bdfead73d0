#!/usr/bin/env bash
# Builds the Python package into a virtual environment and runs its tests and the check
# that the hand-written stubs match the module.
source "$(dirname "$0")/lib.sh"

VENV="$ROOT/.venv"
PY="$VENV/bin/python"

step "python virtual environment (.venv) with maturin, pytest, mypy, pandas, polars, openpyxl, pyarrow, dask.distributed and cryptography (the independent checkpoint verifier)"
if [ ! -x "$PY" ]; then
    python3 -m venv "$VENV"
fi
"$PY" -m pip install --quiet --upgrade pip
"$PY" -m pip install --quiet "maturin>=1.16,<2" "pytest>=7" "mypy>=1.10" pandas polars "openpyxl>=3.1" "distributed>=2024.1" "pyarrow>=14" "cryptography>=42"

step "maturin develop (bindings-python)"
(cd "$ROOT/bindings-python" && VIRTUAL_ENV="$VENV" PATH="$VENV/bin:$PATH" maturin develop --quiet)

step "pytest (bindings-python/tests)"
"$PY" -m pytest -q "$ROOT/bindings-python/tests"

step "stubs match the module (mypy stubtest) and type-check the tests (mypy --strict)"
(cd "$ROOT/bindings-python" && "$PY" -m mypy.stubtest mubiao && "$PY" -m mypy --strict tests python/mubiao)
