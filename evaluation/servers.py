"""Start and stop the real bot (Rasa server + rasa-sdk action server) as child processes.

One place for how the bot is launched, shared by `make run` (via scripts/run.sh using the same
commands), the integration tests, `make eval` and `make bench`.

    with BotStack(model=latest_model()) as bot:
        replies = bot.send("user-1", "how long does iop last?")
        contract(replies)  # {"answer_id": "program_length", "sources": [...]}
"""
from __future__ import annotations

import glob
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def latest_model(models_dir: Path = ROOT / "models") -> str:
    """Path of the newest trained model archive; raises with a clear message when there is none."""
    models = sorted(glob.glob(str(models_dir / "*.tar.gz")), key=os.path.getmtime)
    if not models:
        raise FileNotFoundError(f"no trained model in {models_dir}: run `make train` first")
    return models[-1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_json(method: str, url: str, body: Any = None, headers: Optional[dict] = None,
              timeout: float = 60.0) -> Any:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        raw = resp.read()
    return json.loads(raw) if raw else None


def contract(messages: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The reply contract of one bot turn: the last `custom` object that carries an answer_id."""
    found: Dict[str, Any] = {}
    for m in messages or []:
        custom = m.get("custom")
        if isinstance(custom, dict) and "answer_id" in custom:
            found = custom
    return found


def reply_text(messages: List[Dict[str, Any]]) -> str:
    return "\n".join(m["text"] for m in messages or [] if m.get("text"))


class BotStack:
    """Rasa (REST + the channels in `credentials`) and, unless with_actions=False, the action server."""

    def __init__(self, model: Optional[str] = None, *, with_actions: bool = True,
                 port: Optional[int] = None, action_port: Optional[int] = None,
                 credentials: str = str(ROOT / "credentials.yml"),
                 endpoints: str = str(ROOT / "endpoints.yml"),
                 env: Optional[Dict[str, str]] = None, workdir: Optional[str] = None,
                 startup_timeout: float = 240.0, extra_args: Optional[List[str]] = None,
                 rasa_command: Optional[List[str]] = None):
        self.model = model or latest_model()
        self.with_actions = with_actions
        self.port = port or free_port()
        self.action_port = action_port or free_port()
        self.credentials = credentials
        self.endpoints = endpoints
        self.workdir = workdir or tempfile.mkdtemp(prefix="botstack-")
        self.startup_timeout = startup_timeout
        self.extra_args = extra_args or []
        # How Rasa is started: as this project serves it (scripts/run_rasa.py, also used by `make run`),
        # or e.g. ["-m", "rasa"] for plain Rasa (the benchmark's baseline).
        self.rasa_command = rasa_command or [str(ROOT / "scripts" / "run_rasa.py")]
        self.env = dict(os.environ)
        self.env.update({
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{self.action_port}/webhook",
            "TRACKER_DB": os.path.join(self.workdir, "tracker.db"),
            "PYTHONPATH": str(ROOT),
        })
        self.env.update(env or {})
        self.procs: List[subprocess.Popen] = []
        self.logs: Dict[str, str] = {}
        self.startup_s: Optional[float] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _spawn(self, name: str, args: List[str]) -> subprocess.Popen:
        log_path = os.path.join(self.workdir, f"{name}.log")
        self.logs[name] = log_path
        log = open(log_path, "wb")
        proc = subprocess.Popen(args, cwd=str(ROOT), env=self.env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
        self.procs.append(proc)
        return proc

    def start(self) -> "BotStack":
        t0 = time.monotonic()
        if self.with_actions:
            self._spawn("actions", [PYTHON, "-m", "rasa_sdk", "--actions", "actions",
                                    "--port", str(self.action_port)])
        self._spawn("rasa", [PYTHON, *self.rasa_command, "run", "--model", self.model,
                             "--port", str(self.port), "--interface", "127.0.0.1",
                             "--credentials", self.credentials, "--endpoints", self.endpoints,
                             *self.extra_args])
        self._wait_ready(t0)
        self.startup_s = time.monotonic() - t0
        return self

    def _wait_ready(self, t0: float) -> None:
        checks = [f"{self.url}/"]
        if self.with_actions:
            checks.append(f"http://127.0.0.1:{self.action_port}/health")
        pending = list(checks)
        while pending:
            for p in self.procs:
                if p.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"bot process exited early ({p.args[1:3]}), log:\n{self.tail()}")
            if time.monotonic() - t0 > self.startup_timeout:
                self.stop()
                raise TimeoutError(f"bot not ready after {self.startup_timeout}s, log:\n{self.tail()}")
            try:
                urllib.request.urlopen(pending[0], timeout=2).read()
                pending.pop(0)
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.3)

    def tail(self, lines: int = 40) -> str:
        out = []
        for name, path in self.logs.items():
            try:
                text = Path(path).read_text(errors="replace").splitlines()[-lines:]
            except OSError:
                text = []
            out.append(f"--- {name} ---\n" + "\n".join(text))
        return "\n".join(out)

    def send(self, sender: str, text: str, timeout: float = 60.0) -> List[Dict[str, Any]]:
        """One message through the REST channel, as a real client sends it."""
        return http_json("POST", f"{self.url}/webhooks/rest/webhook",
                         {"sender": sender, "message": text}, timeout=timeout) or []

    def stop(self) -> None:
        for p in self.procs:
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for p in self.procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
        self.procs = []

    def __enter__(self) -> "BotStack":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()
