"""The bridge's own table in the ILS database: what it was about to write.

SLiMS's MyISAM tables have no transactions, so an operation that writes two
rows (a return and its fine, a loan and the reservation it fulfils) can be
cut between them by a crash, a kill or a power cut. Before its first write
the bridge records the operation and every value it will write in
`kiosk_bridge_intent`; after its last write it deletes that row. At the next
start, every row left is an operation cut short: the backend looks at what
reached the ILS's tables and finishes it (or, when nothing did, drops it —
the kiosk never got a "done" and asks again), and logs which.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

TABLE = "kiosk_bridge_intent"
CREATE_TABLE = f"""CREATE TABLE IF NOT EXISTS {TABLE} (
  intent_id int(11) NOT NULL AUTO_INCREMENT,
  op varchar(16) NOT NULL,
  item_code varchar(20) NOT NULL,
  member_id varchar(20) NOT NULL,
  detail text NOT NULL,
  started_at datetime NOT NULL,
  PRIMARY KEY (intent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci"""


@dataclass(frozen=True)
class Intent:
    intent_id: int
    op: str
    item_code: str
    member_id: str
    detail: dict
    started_at: datetime


def ensure_table(conn) -> None:
    with conn.cursor() as cursor:
        cursor.execute(CREATE_TABLE)


def begin(conn, op: str, item_code: str, member_id: str, detail: dict, now: datetime) -> int:
    with conn.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (op, item_code, member_id, detail, started_at) VALUES (%s, %s, %s, %s, %s)",
            (op, item_code, member_id, json.dumps(detail, default=str), now),
        )
        return cursor.lastrowid


def finish(conn, intent_id: int) -> None:
    with conn.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE intent_id = %s", (intent_id,))


def pending(conn) -> list[Intent]:
    with conn.cursor() as cursor:
        cursor.execute(
            f"SELECT intent_id, op, item_code, member_id, detail, started_at FROM {TABLE} ORDER BY intent_id"
        )
        return [Intent(i, op, item, member, json.loads(detail), at) for i, op, item, member, detail, at in cursor]
