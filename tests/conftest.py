"""Shared fixtures. Integration tests start the real bot through evaluation.servers.BotStack."""
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

EVAL_DIR = Path(os.environ.get("EVAL_DIR", ROOT.parent / "shared" / "eval"))


@pytest.fixture(scope="session")
def model_path() -> str:
    from evaluation.servers import latest_model
    try:
        return latest_model()
    except FileNotFoundError as e:
        pytest.fail(str(e))


@pytest.fixture(scope="session")
def bot(model_path):
    """The bot as `make run` starts it (Rasa + action server), shared by the tests that only chat."""
    from evaluation.servers import BotStack
    with BotStack(model=model_path) as stack:
        yield stack
