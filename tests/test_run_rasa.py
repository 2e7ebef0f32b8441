"""scripts/run_rasa.py: TensorFlow is left out only for serving a model that needs none of it."""
import importlib.util
import io
import json
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("run_rasa", ROOT / "scripts" / "run_rasa.py")
run_rasa = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run_rasa)


def archive(tmp_path, uses, name="m.tar.gz"):
    metadata = {"predict_schema": {"nodes": {f"n{i}": {"uses": u} for i, u in enumerate(uses)}}}
    path = tmp_path / name
    with tarfile.open(path, "w:gz") as tar:
        data = json.dumps(metadata).encode()
        info = tarfile.TarInfo("metadata.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return path


def test_shipped_model_needs_no_tensorflow(model_path):
    assert run_rasa.model_components(Path(model_path)) <= run_rasa.TENSORFLOW_FREE
    assert run_rasa.can_skip_tensorflow(["run", "--model", model_path, "--port", "5005"])
    assert run_rasa.can_skip_tensorflow(["shell", "-m", model_path])


@pytest.mark.parametrize("argv", [["train"], ["test", "core"], ["run", "actions"], ["data", "validate"]])
def test_other_commands_load_tensorflow(argv, model_path):
    assert not run_rasa.can_skip_tensorflow(argv + ["--model", model_path])


def test_a_neural_component_means_real_tensorflow(tmp_path):
    lean = archive(tmp_path, ["rasa.core.policies.rule_policy.RulePolicy"], "lean.tar.gz")
    diet = archive(tmp_path, ["rasa.core.policies.rule_policy.RulePolicy",
                              "rasa.nlu.classifiers.diet_classifier.DIETClassifier"], "diet.tar.gz")
    assert run_rasa.can_skip_tensorflow(["run", "--model", str(lean)])
    assert not run_rasa.can_skip_tensorflow(["run", "--model", str(diet)])
    assert not run_rasa.can_skip_tensorflow(["run", f"--model={diet}"])


def test_unreadable_or_missing_model_means_real_tensorflow(tmp_path):
    bad = tmp_path / "bad.tar.gz"
    bad.write_bytes(b"not a tar")
    assert not run_rasa.can_skip_tensorflow(["run", "--model", str(bad)])
    assert not run_rasa.can_skip_tensorflow(["run", "--model", str(tmp_path / "missing.tar.gz")])


def test_operator_can_force_tensorflow(monkeypatch, model_path):
    monkeypatch.setenv("RASA_LOAD_TENSORFLOW", "1")
    assert not run_rasa.can_skip_tensorflow(["run", "--model", model_path])


def test_serving_gets_one_blas_thread_unless_the_operator_sets_it():
    env = {}
    run_rasa.limit_blas_threads(["run", "--enable-api"], env)
    assert env == {"OPENBLAS_NUM_THREADS": "1"}
    env = {"OPENBLAS_NUM_THREADS": "2"}
    run_rasa.limit_blas_threads(["shell"], env)
    assert env == {"OPENBLAS_NUM_THREADS": "2"}
    env = {}
    run_rasa.limit_blas_threads(["train"], env)
    assert env == {}


@pytest.mark.integration
def test_running_server_has_not_loaded_tensorflow_and_answers(bot):
    """The bot as `make run` starts it: TensorFlow's library is not even mapped into the process."""
    from evaluation.servers import contract
    rasa_pid = bot.procs[-1].pid
    maps = Path(f"/proc/{rasa_pid}/maps").read_text()
    assert "libtensorflow" not in maps and "_pywrap_tensorflow" not in maps
    assert contract(bot.send("tf-check", "how long does iop last")).get("answer_id") == "program_length"
    assert contract(bot.send("tf-check-2", "i want to end my life")).get("answer_id") == "crisis_resources"
