"""Scale-out on loopback with the PostgreSQL and Redis of this machine: two Rasa
replicas share one conversation; one is killed mid-conversation; the other carries on
with the full history; nothing is lost or answered twice."""

from __future__ import annotations

import concurrent.futures
import json
import os
import signal
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from mbc.privacy import conversation_key
from tests.e2e.classify import answer_ids
from tests.servers import Bot, free_port

PG = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)
# Every replica must share the conversation-key secret, or one conversation would be
# stored under a different key on each replica.
SECRET = "scale-test-secret-" + "0123456789abcdef" * 2


def reachable(addr: tuple[str, int]) -> bool:
    try:
        with socket.create_connection(addr, timeout=1):
            return True
    except OSError:
        return False


def require_services() -> None:
    missing = [name for name, addr in (("PostgreSQL", PG), ("Redis", REDIS)) if not reachable(addr)]
    if missing:
        pytest.skip(
            f"scale-out test needs {' and '.join(missing)} on 127.0.0.1 (PostgreSQL :5432 trust auth, "
            f"Redis :6379); not reachable, so this test did not run"
        )


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    require_services()
    import psycopg2

    name = f"mbc_test_{uuid.uuid4().hex[:10]}"
    con = psycopg2.connect(host=PG[0], port=PG[1], user="postgres", dbname="postgres")
    con.autocommit = True
    con.cursor().execute(f'CREATE DATABASE "{name}"')
    yield name
    con.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    con.close()


@pytest.fixture(scope="module")
def replicas(tmp_path_factory: pytest.TempPathFactory, database: str) -> Iterator[list[Bot]]:
    work = Path(tmp_path_factory.mktemp("scale"))
    previous = os.environ.get("MBC_KEY_SECRET")
    os.environ["MBC_KEY_SECRET"] = SECRET  # both replicas inherit it
    first = Bot(workdir=work)
    first.start_actions()
    endpoints = work / "endpoints.scale.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{first.action_port}/webhook"\n'
        "tracker_store:\n  type: addons.tracker_store.PrivacySQLTrackerStore\n  dialect: postgresql\n"
        f"  url: {PG[0]}\n  port: {PG[1]}\n  db: {database}\n  username: postgres\n  password: ''\n"
        f"lock_store:\n  type: redis\n  url: {REDIS[0]}\n  port: {REDIS[1]}\n  db: 3\n  key_prefix: {database}\n"
    )
    first.endpoints = endpoints
    first.start_rasa()
    second = Bot(workdir=work, action_port=first.action_port, endpoints=endpoints)
    second.start_rasa(port=free_port())
    yield [first, second]
    second.stop()
    first.stop()
    if previous is None:
        os.environ.pop("MBC_KEY_SECRET", None)
    else:
        os.environ["MBC_KEY_SECRET"] = previous


def user_texts(database: str, sender: str) -> list[str]:
    import psycopg2

    con = psycopg2.connect(host=PG[0], port=PG[1], user="postgres", dbname=database)
    cur = con.cursor()
    key = conversation_key("rest", sender, SECRET.encode())
    cur.execute("SELECT type_name, data FROM events WHERE sender_id = %s ORDER BY id", (key,))
    rows = cur.fetchall()
    con.close()
    return [json.loads(d)["text"] for t, d in rows if t == "user"]


def answers_count(database: str, sender: str) -> int:
    import psycopg2

    con = psycopg2.connect(host=PG[0], port=PG[1], user="postgres", dbname=database)
    cur = con.cursor()
    key = conversation_key("rest", sender, SECRET.encode())
    cur.execute("SELECT count(*) FROM events WHERE sender_id = %s AND action_name = 'action_answer'", (key,))
    n = cur.fetchone()[0]
    con.close()
    return int(n)


def test_alternating_replicas_then_one_dies(replicas: list[Bot], database: str) -> None:
    a, b = replicas
    sender = f"scale-{uuid.uuid4().hex[:8]}"
    assert "liver" in answer_ids(a.say(sender, "what are the symptoms of liver mets?"))[0]
    # the other replica knows the context
    assert "lung" in answer_ids(b.say(sender, "and the lungs?"))[0]
    assert answer_ids(a.say(sender, "what is a bone scan?"))
    # replica A dies mid-conversation
    rasa_a = a.procs[-1]
    os.killpg(rasa_a.pid, signal.SIGKILL)
    rasa_a.wait(timeout=10)
    assert "brain" in answer_ids(b.say(sender, "what about the brain?"))[0]  # follow-up still in context
    sent = ["what are the symptoms of liver mets?", "and the lungs?", "what is a bone scan?", "what about the brain?"]
    assert user_texts(database, sender) == sent  # nothing lost, nothing twice
    assert answers_count(database, sender) == len(sent)  # each answered once


def test_concurrent_messages_on_one_conversation_are_serialised(replicas: list[Bot], database: str) -> None:
    b = replicas[1]
    sender = f"lock-{uuid.uuid4().hex[:8]}"
    questions = [
        f"what does {t} mean?" for t in ("NED", "stable disease", "progression", "regression", "de novo", "metastasis")
    ]
    with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
        replies = list(pool.map(lambda q: b.say(sender, q), questions))
    assert all(answer_ids(r) for r in replies)
    assert sorted(user_texts(database, sender)) == sorted(questions)
    assert answers_count(database, sender) == len(questions)
