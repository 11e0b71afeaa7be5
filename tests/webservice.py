"""Start and stop the web service (python -m web) for tests, on a free loopback port."""

from __future__ import annotations

import os
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers import ROOT, VENV_BIN, base_env, free_port, wait_until


@dataclass
class WebService:
    workdir: Path
    bot_url: str = "http://127.0.0.1:5005"
    port: int = 0
    proc: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def origin(self) -> str:
        return self.url

    def start(self) -> None:
        self.port = self.port or free_port()
        log = self.workdir / f"web-{self.port}.log"
        self.proc = subprocess.Popen(
            [str(VENV_BIN / "python"), "-m", "web", "--port", str(self.port), "--bot-url", self.bot_url],
            cwd=ROOT,
            env=base_env(),
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until(f"{self.url}/healthz", self.proc, 120, log)

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc = None
