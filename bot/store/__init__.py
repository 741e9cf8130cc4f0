"""Persistence: the durable delivery queue and the handlers' state, SQLite or PostgreSQL."""

from bot.store.db import init_db, make_engine, migrate, open_existing
from bot.store.deliveries import Delivery, DeliveryStore, utcnow
from bot.store.state import SqlStateStore

__all__ = ["Delivery", "DeliveryStore", "SqlStateStore", "init_db", "make_engine", "migrate", "open_existing",
           "utcnow"]
