"""SQL tracker store that protects the people who talk to the bot.

* Phone numbers and e-mail addresses in user messages (text, parse data, metadata)
  are redacted before the events are written (mbc.privacy.redact).
* When the person confirmed "forget me" (the core's reply sets the slot ``pending`` to
  ``forgotten``; the request alone asks for a YES first), every stored
  event of that conversation is deleted (and any SMS pages waiting for MORE) and
  nothing more is written.
* Conversations arrive under pseudonymous per-channel keys (``twilio:<hmac>``,
  ``rest:<hmac>``, see mbc.privacy.conversation_key), so the log lines name keys only.

Use it in endpoints.yml as ``type: addons.tracker_store.PrivacySQLTrackerStore`` with
the usual SQLTrackerStore settings (dialect, db, url, ...).
"""

from __future__ import annotations

import copy
import itertools
import logging
from collections.abc import Iterator
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from mbc.privacy import forget_pending, redact, redact_any

logger = logging.getLogger(__name__)
FORGOTTEN = "forgotten"  # value of the ``pending`` slot once deletion is confirmed


def _redacted(event: Any) -> Any:
    if not isinstance(event, UserUttered):
        return event
    clean = copy.deepcopy(event)
    clean.text = redact(event.text) if event.text else event.text
    if isinstance(clean.parse_data, dict):
        clean.parse_data = redact_any(clean.parse_data)
    if getattr(clean, "metadata", None):
        clean.metadata = redact_any(clean.metadata)
    return clean


def _sqlite_wal(dbapi_connection: Any, _: Any) -> None:
    """WAL journal + synchronous=NORMAL: a commit no longer waits for a full fsync of the
    database file. Committed messages survive a crash or restart of the server process;
    only a power loss can drop the last few. Readers no longer block the writer."""
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


class PrivacySQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            from sqlalchemy import event

            event.listen(self.engine, "connect", _sqlite_wal)
            self.engine.dispose()  # reconnect with the pragmas

    async def save(self, tracker: DialogueStateTracker) -> None:
        if tracker.get_slot("pending") == FORGOTTEN:
            with self.session_scope() as session:
                session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == tracker.sender_id).delete()
                forget_pending(session, tracker.sender_id)  # SMS pages waiting for MORE (the opt-out stays)
                session.commit()
            logger.info("forgot conversation %s at the person's request", tracker.sender_id)
            return
        await super().save(tracker)

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        stored = self._event_query(session, tracker.sender_id, fetch_events_from_all_sessions=False).count()
        return (_redacted(e) for e in itertools.islice(tracker.events, stored, len(tracker.events)))
