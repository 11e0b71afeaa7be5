"""Durable per-conversation channel state: SMS opt-out, the pages waiting for "MORE",
and the platform message ids already handled (replay de-duplication).

Small tables in a SQL database (SQLAlchemy Core, no Rasa imports). The channels put
them in the tracker store's database when it is SQL (so every server replica sharing the
tracker store shares them, and a restart keeps them), else in ``var/channels.db``.

Rows are keyed by (channel, conversation key): the key is the HMAC of the phone number
(mbc.privacy.conversation_key), never the number. Rows written before keys existed are
converted when the tables are opened: an opt-out is re-keyed (it must survive), a
waiting page is dropped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import itertools
import json

import sqlalchemy as sa

from mbc.privacy import conversation_key, is_conversation_key

metadata = sa.MetaData()

optout = sa.Table(
    "mbc_channel_optout",
    metadata,
    sa.Column("channel", sa.String(32), primary_key=True),
    sa.Column("sender", sa.String(128), primary_key=True),
    sa.Column("opted_out_at", sa.DateTime, nullable=False),
)

pending = sa.Table(
    "mbc_channel_pending",
    metadata,
    sa.Column("channel", sa.String(32), primary_key=True),
    sa.Column("sender", sa.String(128), primary_key=True),
    sa.Column("pages", sa.Text, nullable=False),  # JSON list of strings
    sa.Column("updated_at", sa.DateTime, nullable=False),
)


# Platform message ids already handled, so a retried webhook is answered once. Ids are
# kept as SHA-256 digests (fixed length) for SEEN_TTL, then pruned.
seen = sa.Table(
    "mbc_channel_seen",
    metadata,
    sa.Column("channel", sa.String(32), primary_key=True),
    sa.Column("message_id", sa.String(64), primary_key=True),
    sa.Column("seen_at", sa.DateTime, nullable=False, index=True),
)

PENDING_TTL = dt.timedelta(days=1)
SEEN_TTL = dt.timedelta(days=1)  # platforms retry within minutes to hours; a day covers that
PRUNE_EVERY = 200  # inserts


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class ChannelState:
    def __init__(self, engine: sa.engine.Engine) -> None:
        self.engine = engine
        metadata.create_all(engine, tables=[optout, pending, seen], checkfirst=True)
        self._rekey_legacy_rows()
        self._inserts = itertools.count(1)

    def _rekey_legacy_rows(self) -> None:
        """Opt-outs stored under a raw phone number get its key; raw-keyed pages go."""
        with contextlib.suppress(sa.exc.IntegrityError):  # another replica did it at the same moment
            self._rekey(self.engine)

    @staticmethod
    def _rekey(engine: sa.engine.Engine) -> None:
        with engine.begin() as conn:
            rows = conn.execute(sa.select(optout.c.channel, optout.c.sender, optout.c.opted_out_at)).all()
            for channel, sender, when in rows:
                if is_conversation_key(sender):
                    continue
                try:
                    key = conversation_key(channel, sender)
                except ValueError:  # not one of our channels: leave the row alone
                    continue
                conn.execute(optout.delete().where(optout.c.channel == channel, optout.c.sender == sender))
                exists = conn.execute(
                    sa.select(optout.c.sender).where(optout.c.channel == channel, optout.c.sender == key)
                ).first()
                if exists is None:
                    conn.execute(optout.insert().values(channel=channel, sender=key, opted_out_at=when))
            for channel, sender in conn.execute(sa.select(pending.c.channel, pending.c.sender)).all():
                if not is_conversation_key(sender):
                    conn.execute(pending.delete().where(pending.c.channel == channel, pending.c.sender == sender))

    @classmethod
    def from_url(cls, url: str) -> ChannelState:
        return cls(sa.create_engine(url, future=True))

    # opt-out
    def is_opted_out(self, channel: str, sender: str) -> bool:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(optout.c.sender).where(optout.c.channel == channel, optout.c.sender == sender)
            ).first()
        return row is not None

    def set_opted_out(self, channel: str, sender: str, opted_out: bool) -> None:
        with self.engine.begin() as conn:
            conn.execute(optout.delete().where(optout.c.channel == channel, optout.c.sender == sender))
            if opted_out:
                conn.execute(optout.insert().values(channel=channel, sender=sender, opted_out_at=_now()))

    # pages waiting for MORE
    def pending_pages(self, channel: str, sender: str) -> list[str]:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(pending.c.pages).where(pending.c.channel == channel, pending.c.sender == sender)
            ).first()
        return list(json.loads(row[0])) if row else []

    def set_pending_pages(self, channel: str, sender: str, pages: list[str]) -> None:
        """Replace the waiting pages (and drop anyone's left unread for a day: no phone
        numbers kept longer than needed)."""
        with self.engine.begin() as conn:
            conn.execute(
                pending.delete().where(
                    (pending.c.channel == channel) & (pending.c.sender == sender)
                    | (pending.c.updated_at < _now() - PENDING_TTL)
                )
            )
            if pages:
                conn.execute(
                    pending.insert().values(channel=channel, sender=sender, pages=json.dumps(pages), updated_at=_now())
                )

    # replayed webhooks
    def first_delivery(self, channel: str, message_id: str) -> bool:
        """True the first time a platform message id is seen (within SEEN_TTL), False for
        a retry or replay. Atomic across replicas sharing the database (primary key)."""
        digest = hashlib.sha256(message_id.encode("utf-8")).hexdigest()
        try:
            with self.engine.begin() as conn:
                conn.execute(seen.insert().values(channel=channel, message_id=digest, seen_at=_now()))
        except sa.exc.IntegrityError:
            with self.engine.begin() as conn:  # seen before: a replay, unless it is older than the window
                stale = conn.execute(
                    seen.delete().where(
                        seen.c.channel == channel,
                        seen.c.message_id == digest,
                        seen.c.seen_at < _now() - SEEN_TTL,
                    )
                ).rowcount
                if not stale:
                    return False
                conn.execute(seen.insert().values(channel=channel, message_id=digest, seen_at=_now()))
        if next(self._inserts) % PRUNE_EVERY == 0:
            self.prune_seen()
        return True

    def prune_seen(self) -> int:
        with self.engine.begin() as conn:
            return int(conn.execute(seen.delete().where(seen.c.seen_at < _now() - SEEN_TTL)).rowcount or 0)
