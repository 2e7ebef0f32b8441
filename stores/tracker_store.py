"""CachedSQLTrackerStore: Rasa's SQLTrackerStore, plus an in-process cache of recently saved trackers.

Why: Rasa's SQLTrackerStore rebuilds the tracker for every message: it loads every event of the
conversation session, JSON-decodes it and replays it. A profile under 20 concurrent conversations put
that at about a quarter of the Rasa server's CPU (reports/bench.md).

How it stays correct. The database is always the truth; the cache only saves rebuilding what the
database already holds:
  * `save` writes to the database exactly as SQLTrackerStore does. Only after the write succeeds is the
    tracker kept, with a fingerprint of what the database now holds for that conversation (the number
    of its stored events and the highest event id). A tracker whose events are not exactly the stored
    session (a session that restarted in this turn) is not kept.
  * `retrieve` takes the tracker out of the cache (so no two callers ever share one object) and checks
    the fingerprint against the database with one small query. If anything changed there (another
    replica wrote to this conversation, events were deleted, the tracker was changed after saving), it
    falls back to a normal load from the database.
  * Saving a tracker the cache handed out checks the fingerprint again and, when the database is
    unchanged, appends only the events after the ones it held (no need to count the stored session
    again). Rows are written with the same columns and JSON as SQLTrackerStore writes them.
  * A turn that fails before saving leaves nothing in the cache, so the next message reloads from the
    database. A restart starts with an empty cache. Nothing is ever only in memory.
The cache holds at most `cache_size` conversations (least recently saved are dropped; default 200,
env TRACKER_CACHE_SIZE; 0 turns it off). Conversation text stays in process memory only, as it does
while Rasa handles a message; it is never logged.

Works with any SQL dialect SQLTrackerStore supports (SQLite by default, PostgreSQL for several replicas:
see README "Scaling out").

SQLite only: SQLAlchemy 1.4 opens a new SQLite connection for every query on a file database (NullPool),
and SQLite's default rollback journal syncs the disk several times per commit. Here the connections are
pooled and the database uses write-ahead logging (journal_mode=WAL) with synchronous=FULL: every commit
is still synced to disk before it returns (nothing committed is lost on a crash or power cut), with fewer
syncs per commit, and reads never wait for a write. The log lives next to the database (`tracker.db-wal`,
`tracker.db-shm`). WAL does not work on network filesystems: set TRACKER_SQLITE_JOURNAL_MODE=delete there.
"""
from __future__ import annotations

import json
import logging
import os
from collections import OrderedDict
from typing import Any, Optional, Text, Tuple

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

DEFAULT_CACHE_SIZE = 200
DEFAULT_SQLITE_JOURNAL_MODE = "wal"
SQLITE_JOURNAL_MODES = ("wal", "delete", "truncate", "persist")


class CachedSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that reuses the tracker it saved last, when the database still matches it."""

    def __init__(self, *args: Any, cache_size: Optional[int] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite" and self.engine.url.database not in (None, "", ":memory:"):
            self._pool_sqlite(os.environ.get("TRACKER_SQLITE_JOURNAL_MODE", DEFAULT_SQLITE_JOURNAL_MODE))
        if cache_size is None:
            cache_size = int(os.environ.get("TRACKER_CACHE_SIZE", DEFAULT_CACHE_SIZE))
        self.cache_size = max(0, int(cache_size))
        # sender_id -> (tracker, its number of events when saved, database fingerprint after the save)
        self._cache: "OrderedDict[Text, Tuple[DialogueStateTracker, int, Tuple[int, int]]]" = OrderedDict()
        # trackers retrieve() handed out from the cache, until they are saved (sender_id -> entry); a
        # tracker read and never saved (the tracker API, the widget's history) is forgotten in turn
        self._handed_out: "OrderedDict[Text, Tuple[DialogueStateTracker, int, Tuple[int, int]]]" = OrderedDict()
        self.hits = 0
        self.misses = 0

    def _pool_sqlite(self, journal_mode: Text) -> None:
        """Replace Rasa's SQLite engine (a new connection per query) by a pooled one whose every
        connection uses `journal_mode` (WAL by default) and synchronous=FULL."""
        import sqlalchemy as sa
        from sqlalchemy.orm import sessionmaker
        from sqlalchemy.pool import QueuePool

        journal_mode = journal_mode.strip().lower()
        if journal_mode not in SQLITE_JOURNAL_MODES:
            raise ValueError(f"TRACKER_SQLITE_JOURNAL_MODE must be one of {', '.join(SQLITE_JOURNAL_MODES)}, "
                             f"not {journal_mode!r}")
        url = self.engine.url
        self.engine.dispose()
        # Rasa calls the store from its event loop's thread; check_same_thread=False only lets the pool
        # hand a connection to whichever thread asks next (never to two at once).
        engine = sa.create_engine(url, poolclass=QueuePool, pool_size=4, max_overflow=4,
                                  connect_args={"check_same_thread": False})

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute(f"PRAGMA journal_mode={journal_mode}")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.close()

        self.engine = engine
        self.sessionmaker = sessionmaker(bind=engine)
        self.journal_mode = journal_mode

    def _fingerprint(self, sender_id: Text) -> Tuple[int, int]:
        """(number of stored events, highest event id) of the conversation, all sessions: any write
        (by this process, another replica or a retention job) changes it. One indexed query."""
        import sqlalchemy as sa

        table = self.SQLEvent.__tablename__
        with self.session_scope() as session:
            count, max_id = session.execute(
                sa.text(f"SELECT count(*), max(id) FROM {table} WHERE sender_id = :sender_id"),
                {"sender_id": sender_id}).one()
        return int(count or 0), int(max_id or 0)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        self._handed_out.pop(sender_id, None)
        entry = self._cache.pop(sender_id, None)
        if entry is not None:
            tracker, length, fingerprint = entry
            if len(tracker.events) == length and self._fingerprint(sender_id) == fingerprint:
                self.hits += 1
                self._put(self._handed_out, sender_id, entry)
                return tracker
            logger.debug("tracker cache: stale entry dropped")
        self.misses += 1
        return await super().retrieve(sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        sender_id = tracker.sender_id
        self._cache.pop(sender_id, None)
        handed_out = self._handed_out.pop(sender_id, None)
        if handed_out is not None and handed_out[0] is tracker and self.event_broker is None:
            written, fingerprint = self._save_after_hit(tracker, handed_out[1], handed_out[2])
            if written:
                if fingerprint is not None:
                    self._keep(tracker, fingerprint)
                return
        await super().save(tracker)  # raises on failure: nothing is cached then
        if not self.cache_size:
            return
        with self.session_scope() as session:
            stored = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).count()
        if len(tracker.events) == stored:  # else it holds more than the stored session (a new session)
            self._keep(tracker, self._fingerprint(sender_id))

    def _keep(self, tracker: DialogueStateTracker, fingerprint: Tuple[int, int]) -> None:
        self._put(self._cache, tracker.sender_id, (tracker, len(tracker.events), fingerprint))

    def _put(self, entries: "OrderedDict[Text, Any]", sender_id: Text, entry: Any) -> None:
        """Add an entry; the oldest ones go once there are more than cache_size."""
        entries[sender_id] = entry
        while len(entries) > self.cache_size:
            entries.popitem(last=False)

    def _save_after_hit(self, tracker: DialogueStateTracker, length: int,
                        fingerprint: Tuple[int, int]) -> Tuple[bool, Optional[Tuple[int, int]]]:
        """Save a tracker this store handed out from the cache: when the database still holds exactly
        what it held then, the first `length` events are stored and only the rest are new, so the
        count query SQLTrackerStore.save makes is not needed. Returns (written, new fingerprint to
        cache the tracker with, or None when a new session started in this turn: a tracker loaded
        from the database would then hold only the new session). Nothing is written when the database
        changed meanwhile; the caller then saves the usual way."""
        if len(tracker.events) < length or self._fingerprint(tracker.sender_id) != fingerprint:
            return False, None
        new_events = list(tracker.events)[length:]
        with self.session_scope() as session:
            rows = [self._row(tracker.sender_id, event) for event in new_events]
            session.add_all(rows)
            session.flush()
            max_id = max([fingerprint[1]] + [row.id for row in rows])
            session.commit()
        if any(isinstance(event, SessionStarted) for event in new_events):
            return True, None
        return True, (fingerprint[0] + len(rows), max_id)

    def _row(self, sender_id: Text, event: Any) -> Any:
        """One event as SQLTrackerStore stores it (same columns, same JSON)."""
        data = event.as_dict()
        return self.SQLEvent(sender_id=sender_id, type_name=event.type_name, timestamp=data.get("timestamp"),
                             intent_name=data.get("parse_data", {}).get("intent", {}).get("name"),
                             action_name=data.get("name"), data=json.dumps(data))
