"""Start and stop the real servers for end-to-end tests (loopback only)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def base_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="3",
        PYTHONPATH=str(ROOT),
        SANIC_HOST="127.0.0.1",
    )
    return env


def wait_until(url: str, proc: subprocess.Popen, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=1).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.25)
    raise TimeoutError(f"{url} not ready after {timeout}s:\n{log.read_text()[-3000:]}")


@dataclass
class Bot:
    workdir: Path
    rasa_port: int = 0
    action_port: int = 0
    procs: list[subprocess.Popen] = field(default_factory=list)
    endpoints: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def start_actions(self) -> None:
        self.action_port = self.action_port or free_port()
        log = self.workdir / "actions.log"
        proc = subprocess.Popen(
            [str(VENV_BIN / "python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(self.action_port)],
            cwd=ROOT,
            env=base_env(),
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.procs.append(proc)
        wait_until(f"http://127.0.0.1:{self.action_port}/health", proc, 60, log)

    def write_endpoints(self, extra: str = "") -> Path:
        self.endpoints = self.workdir / "endpoints.yml"
        self.endpoints.write_text(
            f'action_endpoint:\n  url: "http://127.0.0.1:{self.action_port}/webhook"\n'
            f'tracker_store:\n  type: addons.tracker_store.PrivacySQLTrackerStore\n  dialect: sqlite\n'
            f'  db: "{self.workdir / "tracker.db"}"\n{extra}'
        )
        return self.endpoints

    def start_rasa(
        self,
        credentials: Path | None = None,
        port: int | None = None,
        cors: list[str] | None = None,
    ) -> subprocess.Popen:
        """``cors``: origins allowed to call the server from a browser (Rasa's ``--cors``);
        None (the default) passes no ``--cors`` at all."""
        self.rasa_port = port or self.rasa_port or free_port()
        endpoints = self.endpoints or self.write_endpoints()
        log = self.workdir / f"rasa-{self.rasa_port}.log"
        proc = subprocess.Popen(
            [
                str(VENV_BIN / "python"),
                "-m",
                "addons.serve",
                "run",
                "--model",
                str(ROOT / "models" / "mbc.tar.gz"),
                "--endpoints",
                str(endpoints),
                "--credentials",
                str(credentials or ROOT / "credentials.yml"),
                "--interface",
                "127.0.0.1",
                "--port",
                str(self.rasa_port),
                *(["--cors", *cors] if cors else []),
            ],
            cwd=ROOT,
            env=base_env(),
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.procs.append(proc)
        wait_until(f"{self.url}/", proc, 120, log)
        return proc

    def say(self, sender: str, message: str, timeout: float = 30) -> list[dict]:
        r = requests.post(
            f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=timeout
        )
        r.raise_for_status()
        return r.json()

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        self.procs.clear()


def texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text", "") for m in messages if m.get("text"))


def customs(messages: list[dict]) -> list[dict]:
    return [m["custom"] for m in messages if isinstance(m.get("custom"), dict)]


def cleanup(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
