"""The Rasa command line as this project runs it: `python scripts/run_rasa.py run|train|shell|test ...`.

It is `python -m rasa` with two differences, both about memory and start-up (reports/bench.md):

1. TensorFlow's optional import of JAX is switched off, for every command. TensorFlow imports JAX only
   when it is installed (inside `try: ... except ImportError`) and Rasa never uses it; it comes with
   TensorFlow's own requirements. Saves about 65 MB and 0.8 s per start.

2. `run` and `shell` with a model whose every graph component is in TENSORFLOW_FREE do not load
   TensorFlow at all. Rasa imports TensorFlow at start-up whatever the model (base classes and type
   hints of its neural components), which is 400+ MB of the server's ~520 MB and most of its start-up.
   Our pipeline (count vectors, logistic regression, rules, our components) never calls it. So
   `tensorflow` and `keras` are served by inert placeholder modules: importing them works, nothing
   in them computes. Any other model (DIET, TED, ResponseSelector, anything not listed) gets the real
   TensorFlow, as does every other command (`train`, `test`, ...), and RASA_LOAD_TENSORFLOW=1 forces
   it. spaCy's thinc is imported first with TensorFlow absent, so it knows TensorFlow is not there.
"""
import importlib.abc
import importlib.machinery
import json
import os
import sys
import tarfile
import types
from pathlib import Path
from typing import Iterable, List, Optional, Set

sys.modules.setdefault("jax", None)  # `import jax` now raises ImportError, which TensorFlow expects

# Graph components known to run without TensorFlow (read from the model's metadata.json). Anything
# else, including every neural component, means the real TensorFlow is loaded.
TENSORFLOW_FREE = frozenset({
    "components.crisis_detector.CrisisDetector",
    "components.crisis_windows.CrisisWindowSplitter",
    "components.intent_classifier.LinearIntentClassifier",
    "components.scope_guard.ScopeGuard",
    "components.sentence_encoder.SentenceEncoderFeaturizer",
    "components.word_vectors.WordVectorFeaturizer",
    "rasa.core.policies.ensemble.DefaultPolicyPredictionEnsemble",
    "rasa.core.policies.rule_policy.RulePolicy",
    "rasa.graph_components.converters.nlu_message_converter.NLUMessageConverter",
    "rasa.graph_components.providers.domain_provider.DomainProvider",
    "rasa.graph_components.providers.rule_only_provider.RuleOnlyDataProvider",
    "rasa.nlu.classifiers.regex_message_handler.RegexMessageHandler",
    "rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer.CountVectorsFeaturizer",
    "rasa.nlu.tokenizers.whitespace_tokenizer.WhitespaceTokenizer",
})
PLACEHOLDER_PACKAGES = ("tensorflow", "keras", "tensorboard", "tensorflow_addons", "tensorflow_hub",
                        "tensorflow_text", "tensorflow_probability")


def model_components(model: Path) -> Set[str]:
    """The classes of the model's prediction graph, from metadata.json inside the archive."""
    with tarfile.open(model, "r:gz") as archive:
        member = archive.extractfile("metadata.json")
        if member is None:
            raise ValueError("no metadata.json")
        metadata = json.load(member)
    return {node["uses"] for node in metadata["predict_schema"]["nodes"].values()}


def model_argument(argv: List[str]) -> Optional[Path]:
    """The --model/-m argument, or the newest archive in models/ (Rasa's default)."""
    for i, arg in enumerate(argv):
        if arg in ("--model", "-m") and i + 1 < len(argv):
            path = Path(argv[i + 1])
            break
        if arg.startswith("--model="):
            path = Path(arg.split("=", 1)[1])
            break
    else:
        path = Path("models")
    if path.is_dir():
        archives = sorted(path.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
        return archives[-1] if archives else None
    return path if path.is_file() else None


def can_skip_tensorflow(argv: List[str]) -> bool:
    if os.environ.get("RASA_LOAD_TENSORFLOW") == "1" or not argv or argv[0] not in ("run", "shell"):
        return False
    if len(argv) > 1 and argv[1] in ("actions", "nlu"):  # `rasa run actions`, `rasa shell nlu`
        return False
    model = model_argument(argv)
    if model is None:
        return False
    try:
        return model_components(model) <= TENSORFLOW_FREE
    except (OSError, ValueError, KeyError, tarfile.TarError, json.JSONDecodeError):
        return False  # unreadable here: let Rasa load it (and report any problem) with TensorFlow


class _Placeholder(type):
    """An inert stand-in for any TensorFlow/Keras name: subclassable, callable, never computes."""

    def __getattr__(cls, name: str) -> "_Placeholder":
        if name.startswith("__"):
            raise AttributeError(name)
        return _Placeholder(f"{cls.__name__}.{name}", (), {"__module__": cls.__module__})

    def __call__(cls, *args, **kwargs):
        if len(args) == 1 and callable(args[0]) and not kwargs:
            return args[0]  # used as a decorator at import time (tf.function, register_...)
        return cls

    def __bool__(cls) -> bool:
        return False

    def __iter__(cls):
        return iter(())

    def __getitem__(cls, item):
        return cls

    def __or__(cls, other):
        return cls

    __ror__ = __or__


class _PlaceholderModule(types.ModuleType):
    def __getattr__(self, name: str) -> _Placeholder:
        if name.startswith("__"):
            raise AttributeError(name)
        return _Placeholder(f"{self.__name__}.{name}", (), {"__module__": self.__name__})


class _PlaceholderFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path, target=None):
        if fullname.split(".")[0] in PLACEHOLDER_PACKAGES:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        module = _PlaceholderModule(spec.name)
        module.__path__ = []
        module.__version__ = "0.0.0+not-loaded"
        return module

    def exec_module(self, module) -> None:
        pass


def skip_tensorflow() -> None:
    if any(name.split(".")[0] in PLACEHOLDER_PACKAGES for name in sys.modules):
        return  # already imported: too late to leave it out
    for name in PLACEHOLDER_PACKAGES:
        sys.modules[name] = None  # ImportError for thinc's optional import
    import thinc.compat  # noqa: F401  (records has_tensorflow = False)
    for name in PLACEHOLDER_PACKAGES:
        del sys.modules[name]
    sys.meta_path.insert(0, _PlaceholderFinder())
    os.environ["RASA_TENSORFLOW_LOADED"] = "0"


def limit_blas_threads(argv: List[str], environ=os.environ) -> None:
    """Serving (`run`, `shell`): one BLAS thread unless the operator says otherwise. The sentence encoder
    (components/sentence_encoder.py) multiplies one message at a time; a second BLAS thread bought no
    latency there and doubled the CPU time per message, busy-waiting on a core the action server needs
    (reports/bench.md item 37). Set before numpy is imported, which is when OpenBLAS reads it."""
    if argv and argv[0] in ("run", "shell"):
        environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def main(argv: Iterable[str]) -> None:
    argv = list(argv)
    limit_blas_threads(argv)
    if can_skip_tensorflow(argv):
        skip_tensorflow()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main(sys.argv[1:])
