#!/usr/bin/env bash
# Print the path of a Python that Rasa 3.6 supports (3.8, 3.9 or 3.10), or explain what to install.
# Order: $PYTHON, python3.10/3.9/3.8 on PATH (only if they actually run), pyenv installs.
set -u
ok() { "$1" -c 'import sys, venv; sys.exit(0 if (3, 8) <= sys.version_info[:2] <= (3, 10) else 1)' >/dev/null 2>&1; }
candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
for v in 3.10 3.9 3.8; do
  command -v "python$v" >/dev/null 2>&1 && candidates+=("$(command -v "python$v")")
done
for d in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10* "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.9* \
         "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.8* /usr/local/bin /usr/bin; do
  for exe in "$d"/bin/python3 "$d"/python3.10 "$d"/python3.9 "$d"/python3.8; do
    [ -x "$exe" ] && candidates+=("$exe")
  done
done
for c in "${candidates[@]}"; do
  if ok "$c"; then echo "$c"; exit 0; fi
done
if [ -n "${PYTHON:-}" ]; then
  echo "PYTHON=$PYTHON is not a working Python 3.8-3.10." >&2
fi
cat >&2 <<'MSG'
No Python 3.8-3.10 found; Rasa 3.6 needs one (it does not run on 3.11+).
Install one, then run make again, for example:
  - Debian/Ubuntu:  apt-get install python3.10 python3.10-venv   (where your release has it)
  - pyenv:          pyenv install 3.10.13
  - or point to one: make run PYTHON=/path/to/python3.10
MSG
exit 1
