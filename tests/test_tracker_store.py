"""stores/tracker_store.py: the cache never hands out a tracker that differs from the database."""
import asyncio
import json
import sqlite3
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, BotUttered, SessionStarted, SlotSet,
                                     UserUttered)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from stores.tracker_store import CachedSQLTrackerStore

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


def run(coro):
    return asyncio.new_event_loop().run_until_complete(coro)


def store(domain, db, **kwargs):
    return CachedSQLTrackerStore(domain=domain, dialect="sqlite", db=str(db), **kwargs)


def turn(text, intent="program_length"):
    return [UserUttered(text, {"name": intent, "confidence": 0.9}),
            ActionExecuted("action_answer_faq"), BotUttered("answer", {"custom": {"answer_id": intent}}),
            ActionExecuted("action_listen")]


def state(tracker):
    s = tracker.current_state(EventVerbosity.ALL)
    s.pop("latest_event_time", None)
    return s


def new_conversation(domain, sender="c1"):
    tracker = DialogueStateTracker(sender, domain.slots)
    tracker.update_with_events([ActionExecuted("action_session_start"), SessionStarted(),
                                ActionExecuted("action_listen")], domain)
    tracker.update_with_events(turn("how long is it"), domain)
    return tracker


def second_turn(a, domain, sender="c1"):
    """A conversation as Rasa leaves it after two turns: the second turn ran on a tracker loaded from
    the database (which starts at SessionStarted, so only from then on does it match the stored count)."""
    run(a.save(new_conversation(domain, sender)))
    tracker = run(a.retrieve(sender))
    tracker.update_with_events(turn("and after that?"), domain)
    run(a.save(tracker))
    return tracker


def test_cached_tracker_equals_the_database(domain, tmp_path):
    db = tmp_path / "t.db"
    a = store(domain, db)
    tracker = second_turn(a, domain)
    cached = run(a.retrieve("c1"))
    assert cached is tracker and a.hits == 1
    from_db = run(store(domain, db, cache_size=0).retrieve("c1"))
    assert state(from_db) == state(cached)
    cached.update_with_events(turn("can I work", "working_during_iop") + [SlotSet("crisis_active", True)],
                              domain)
    run(a.save(cached))  # the cached path: appends only the new events
    again = run(a.retrieve("c1"))
    assert again is cached and a.hits == 2
    from_db = run(store(domain, db, cache_size=0).retrieve("c1"))
    assert state(from_db) == state(again) and from_db.get_slot("crisis_active") is True


def test_a_write_by_another_replica_is_seen(domain, tmp_path):
    db = tmp_path / "t.db"
    a, b = store(domain, db), store(domain, db)
    mine = second_turn(a, domain)
    other = run(b.retrieve("c1"))
    other.update_with_events(turn("can I work", "working_during_iop"), domain)
    run(b.save(other))
    seen = run(a.retrieve("c1"))
    assert seen is not mine and a.hits == 0
    assert [e.text for e in seen.events if isinstance(e, UserUttered)] == [
        "how long is it", "and after that?", "can I work"]


def test_a_failed_save_caches_nothing(domain, tmp_path):
    db = tmp_path / "t.db"
    a = store(domain, db)
    tracker = second_turn(a, domain)
    assert run(a.retrieve("c1")) is tracker
    tracker.update_with_events(turn("lost turn", "thanks"), domain)
    with sqlite3.connect(db) as con:  # the database fails under the save
        con.execute("ALTER TABLE events RENAME TO events_away")
    with pytest.raises(Exception):
        run(a.save(tracker))
    with sqlite3.connect(db) as con:
        con.execute("ALTER TABLE events_away RENAME TO events")
    again = run(a.retrieve("c1"))
    assert again is not tracker
    assert [e.text for e in again.events if isinstance(e, UserUttered)] == ["how long is it", "and after that?"]


def without_time(data):
    event = json.loads(data)
    event.pop("timestamp")
    return event


def test_saving_a_cached_tracker_writes_what_sqltrackerstore_writes(domain, tmp_path):
    from rasa.core.tracker_store import SQLTrackerStore
    rows = {}
    for kind in ("cached", "plain"):
        db = tmp_path / f"{kind}.db"
        s = store(domain, db) if kind == "cached" else SQLTrackerStore(domain, dialect="sqlite", db=str(db))
        first = new_conversation(domain)
        run(s.save(first))
        for text in ("and after that?", "can I work", "thanks"):
            tracker = run(s.retrieve("c1"))
            tracker.update_with_events(turn(text), domain)
            run(s.save(tracker))
        with sqlite3.connect(db) as con:
            rows[kind] = [row[:4] + (without_time(row[4]),) for row in con.execute(
                "SELECT sender_id, type_name, intent_name, action_name, data FROM events ORDER BY id")]
        if kind == "cached":
            assert s.hits == 2  # the last two turns took the cached path
    assert rows["cached"] == rows["plain"] and len(rows["plain"]) == 19


def test_a_tracker_changed_after_saving_is_not_reused(domain, tmp_path):
    db = tmp_path / "t.db"
    a = store(domain, db)
    tracker = second_turn(a, domain)
    tracker.update_with_events([SlotSet("crisis_active", True)], domain)  # never saved
    again = run(a.retrieve("c1"))
    assert again is not tracker and a.hits == 0
    assert len(again.events) == len(tracker.events) - 1
    assert not any(isinstance(e, SlotSet) for e in again.events)


def test_a_new_session_in_the_turn_is_not_cached(domain, tmp_path):
    db = tmp_path / "t.db"
    a = store(domain, db)
    second_turn(a, domain)
    tracker = run(a.retrieve("c1"))
    tracker.update_with_events([ActionExecuted("action_session_start"), SessionStarted(),
                                ActionExecuted("action_listen")] + turn("hello", "greet"), domain)
    run(a.save(tracker))
    fresh = run(a.retrieve("c1"))
    assert fresh is not tracker and a.hits == 1  # only the retrieve before the new session was a hit
    assert [e.text for e in fresh.events if isinstance(e, UserUttered)] == ["hello"]


def test_the_cache_is_bounded(domain, tmp_path):
    a = store(domain, tmp_path / "t.db", cache_size=2)
    for sender in ("c1", "c2", "c3"):
        second_turn(a, domain, sender)
    assert list(a._cache) == ["c2", "c3"]
    misses = a.misses
    assert run(a.retrieve("c1")) is not None and a.misses == misses + 1



def test_trackers_read_and_never_saved_are_not_kept_forever(domain, tmp_path):
    a = store(domain, tmp_path / "t.db", cache_size=2)
    for sender in ("c1", "c2", "c3", "c4"):  # read from the cache and never saved (e.g. the tracker API)
        tracker = second_turn(a, domain, sender)
        assert run(a.retrieve(sender)) is tracker
    assert list(a._handed_out) == ["c3", "c4"] and not a._cache


def test_sqlite_uses_write_ahead_logging_and_syncs_every_commit(domain, tmp_path):
    db = tmp_path / "t.db"
    a = store(domain, db)
    second_turn(a, domain)
    with a.engine.connect() as con:  # a pooled connection, as every query of the store gets one
        assert con.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    with sqlite3.connect(db) as con:  # another process's view: committed turns are there
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("SELECT count(*) FROM events WHERE type_name = 'user'").fetchone()[0] == 2
    assert (tmp_path / "t.db-wal").exists()


def test_the_journal_mode_can_be_changed_and_a_wrong_one_is_a_clear_error(domain, tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_SQLITE_JOURNAL_MODE", "delete")
    a = store(domain, tmp_path / "t.db")
    second_turn(a, domain)
    with sqlite3.connect(tmp_path / "t.db") as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    monkeypatch.setenv("TRACKER_SQLITE_JOURNAL_MODE", "fast")
    with pytest.raises(ValueError, match="TRACKER_SQLITE_JOURNAL_MODE"):
        store(domain, tmp_path / "u.db")


def test_a_server_killed_mid_conversation_loses_nothing(model_path, tmp_path):
    """Rasa killed without warning (SIGKILL, as in a crash or power cut of the process) and started
    again on the same database: the conversation, crisis state included, goes on where it was."""
    import os
    import signal

    from evaluation.servers import BotStack, contract
    with BotStack(model=model_path, workdir=str(tmp_path)) as first:
        assert contract(first.send("k1", "i keep thinking about ending my life"))["answer_id"] == "crisis_resources"
        assert contract(first.send("k1", "how long does iop last"))["answer_id"] == "program_length"
        rasa = first.procs[-1]
        os.killpg(rasa.pid, signal.SIGKILL)
        rasa.wait()
    with sqlite3.connect(tmp_path / "tracker.db") as con:
        users = [row[0] for row in con.execute(
            "SELECT json_extract(data, '$.text') FROM events WHERE sender_id = 'k1' AND type_name = 'user'")]
    assert users == ["i keep thinking about ending my life", "how long does iop last"]
    with BotStack(model=model_path, workdir=str(tmp_path)) as second:
        later = second.send("k1", "can i keep working during it")
        assert contract(later)["answer_id"] == "working_during_iop"
        assert "988" in later[-1]["text"]  # the crisis state survived: the gentle reminder is still there
