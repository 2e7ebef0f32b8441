"""The Rasa command line as this project runs it: `python scripts/run_rasa.py run|train|shell|test ...`.

It is `python -m rasa` with one difference: TensorFlow's optional import of JAX is switched off.
TensorFlow imports JAX only when it is installed (inside `try: ... except ImportError`) and Rasa never
uses it, but it comes with TensorFlow's own requirements, so it is installed. Not importing it saves
about 65 MB of resident memory and 0.8 s per start (reports/bench.md).
"""
import sys

sys.modules.setdefault("jax", None)  # `import jax` now raises ImportError, which TensorFlow expects

from rasa.__main__ import main  # noqa: E402  (after the switch above, on purpose)

if __name__ == "__main__":
    main()
