"""The scale-out endpoints file expands its environment variables (Rasa only expands
unquoted ${VAR} values, so a quoted one would silently stay literal)."""

from __future__ import annotations

import subprocess

from tests.servers import ROOT, VENV_BIN, base_env

CHECK = (
    "from rasa.core.utils import AvailableEndpoints as A\n"
    "e = A.read_endpoints('endpoints.scale.yml')\n"
    "print(e.action.url, e.tracker_store.url, e.tracker_store.kwargs['db'], e.lock_store.url, e.lock_store.kwargs['port'])\n"
)


def test_scale_endpoints_expand_environment_variables() -> None:
    env = base_env() | {
        "MBC_ACTION_URL": "http://127.0.0.1:8055/webhook",
        "MBC_PG_HOST": "pg.local",
        "MBC_PG_PORT": "5432",
        "MBC_PG_DB": "mbc",
        "MBC_PG_USER": "mbc",
        "MBC_PG_PASSWORD": "secret",
        "MBC_REDIS_HOST": "redis.local",
        "MBC_REDIS_PORT": "6380",
        "MBC_REDIS_DB": "2",
    }
    r = subprocess.run(
        [str(VENV_BIN / "python"), "-c", CHECK], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.split()[-5:] == ["http://127.0.0.1:8055/webhook", "pg.local", "mbc", "redis.local", "6380"]
