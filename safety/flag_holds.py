"""Red flags held per sender for 7 days, so that ``/restart``, a new session or session expiry
cannot reopen the stretches; "forget me" erases the hold with the conversation."""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy import Column, DateTime, Integer, String, create_engine, delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, declarative_base

import settings
from safety.levels import Level

logger = logging.getLogger(__name__)

HOLD_PERIOD = timedelta(days=7)

Base = declarative_base()


class FlagHold(Base):
    """The most serious level told by one sender, and when it was last told."""

    __tablename__ = "red_flag_holds"
    # A hash, not the sender id: the hold needs to recognise the sender, not to know who it is.
    sender_key = Column(String(64), primary_key=True)
    level = Column(Integer, nullable=False)
    flagged_at = Column(DateTime, nullable=False)


def _sender_key(sender_id: str) -> str:
    return hashlib.sha256(sender_id.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class FlagHolds:
    """Where red flags outlive the conversation; a store that fails never blocks the session's gate."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        Base.metadata.create_all(engine)

    def hold(self, sender_id: str, level: Level, now: datetime | None = None) -> None:
        """Keep stretches closed for ``sender_id`` for the next 7 days (the more serious level wins)."""
        if level == Level.CLEAR:
            return
        now = now or _now()
        key = _sender_key(sender_id)
        try:
            with Session(self._engine) as session, session.begin():
                row = session.get(FlagHold, key)
                if row is None:
                    session.add(FlagHold(sender_key=key, level=int(level), flagged_at=now))
                    return
                if now - row.flagged_at > HOLD_PERIOD:
                    row.level = int(level)
                else:
                    row.level = max(row.level, int(level))
                row.flagged_at = now
        except SQLAlchemyError:
            logger.exception("A red flag could not be held beyond this session")

    def held_level(self, sender_id: str, now: datetime | None = None) -> Level | None:
        """The level told by ``sender_id`` in the last 7 days, if any."""
        now = now or _now()
        try:
            with Session(self._engine) as session:
                row = session.execute(
                    select(FlagHold).where(FlagHold.sender_key == _sender_key(sender_id))
                ).scalar_one_or_none()
        except SQLAlchemyError:
            logger.exception("Held red flags could not be read; only this session's answers count")
            return None
        if row is None or now - row.flagged_at > HOLD_PERIOD:
            return None
        return Level(row.level)

    def forget(self, sender_id: str) -> None:
        """Erase the hold ("forget me")."""
        with Session(self._engine) as session, session.begin():
            session.execute(delete(FlagHold).where(FlagHold.sender_key == _sender_key(sender_id)))


_holds: dict[str, FlagHolds] = {}


def flag_holds() -> FlagHolds:
    """The holds of the configured store (``FLAG_STORE_URL``)."""
    url = settings.flag_store_url()
    if url not in _holds:
        settings.ensure_var_dir()
        _holds[url] = FlagHolds(create_engine(url))
    return _holds[url]
