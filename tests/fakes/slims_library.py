"""A small SLiMS library in a fresh database of the test MariaDB: the rows a
librarian would have made through SLiMS's screens (member types, loan rules,
members with bcrypt and legacy MD5 passwords, items with statuses, holidays,
a reservation), plus the bridge's backend over it on a clock the test moves.

The clock starts on Monday 2 March 2026, 10:00 in Jakarta; the library is
closed on Sundays (`holiday` row "sun") and on 9 March 2026 (a holiday date).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.bridge.db import Database, DbConfig
from kiosk.ils.passwords import bcrypt_hash
from kiosk.ils.slims import SlimsLibrary

JAKARTA = ZoneInfo("Asia/Jakarta")
START = datetime(2026, 3, 2, 10, 0, tzinfo=JAKARTA)  # a Monday
PASSWORD = "rahasia-1"
KIOSK_USER = "kiosk"

# member_id -> (name, member type, expire date, pending, password storage)
MEMBERS = {
    "M001": ("Siti Rahmawati", 1, date(2027, 12, 31), 0, "bcrypt"),
    "M002": ("Budi Santoso", 1, date(2027, 12, 31), 0, None),
    "M003": ("Rina Wulandari", 1, date(2026, 2, 28), 0, None),  # expired
    "M004": ("Agus Pratama", 1, date(2027, 12, 31), 1, None),  # pending
    "M005": ("Dewi Lestari", 1, date(2027, 12, 31), 0, "md5"),  # SLiMS 8 password
    "M006": ("Joko Susilo", 1, date(2026, 3, 5), 0, None),  # membership ends in three days
    "M007": ("Lina Marlina", 2, date(2027, 12, 31), 0, None),  # a student: loan rules apply
}
# item_code -> (title, coll_type_id, item status, location)
ITEMS = {
    "B001": ("Laskar Pelangi", 1, "0", "PST"),
    "B002": ("Bumi Manusia", 1, "0", "PST"),
    "B003": ("Ronggeng Dukuh Paruk", 1, "0", "PST"),
    "B004": ("Cantik Itu Luka", 1, "0", "PST"),
    "REF01": ("Kamus Besar Bahasa Indonesia", 2, "R", "REF"),  # status "Reference": no_loan
    "HOLD1": ("Laut Bercerita", 1, "0", "PST"),  # reserved by M002
    **{f"S{n:03d}": (f"Buku stok {n}", 1, "0", "PST") for n in range(40)},
}


@dataclass
class Clock:
    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, days: int = 0, hours: int = 0) -> None:
        self.now += timedelta(days=days, hours=hours)


@dataclass
class SlimsFixture:
    mariadb: object
    database: str
    clock: Clock = field(default_factory=Clock)

    def db(self, **options) -> Database:
        return Database(DbConfig(database=self.database, user="root", socket=self.mariadb.socket), **options)

    def backend(self, **options) -> SlimsLibrary:
        return SlimsLibrary(self.db(), loan_user=KIOSK_USER, institution="PUSAT", clock=self.clock, **options).open()

    def query(self, sql: str, *args) -> list[tuple]:
        with self.mariadb.connect(self.database) as conn, conn.cursor() as cursor:
            cursor.execute(sql, args)
            return list(cursor.fetchall())

    def execute(self, sql: str, *args) -> None:
        with self.mariadb.connect(self.database) as conn, conn.cursor() as cursor:
            cursor.execute(sql, args)

    def loans(self, item_code: str | None = None) -> list[dict]:
        columns = (
            "loan_id item_code member_id loan_date due_date renewed loan_rules_id is_lent is_return return_date uid"
        )
        where, args = ("WHERE item_code = %s", (item_code,)) if item_code else ("", ())
        rows = self.query(f"SELECT {', '.join(columns.split())} FROM loan {where} ORDER BY loan_id", *args)
        return [dict(zip(columns.split(), row)) for row in rows]

    def fines(self, member_id: str) -> list[tuple]:
        return self.query(
            "SELECT fines_date, debet, credit, description FROM fines WHERE member_id = %s ORDER BY fines_id", member_id
        )

    def lend(self, item_code: str, member_id: str, loan_date: date, due_date: date, renewed: int = 0) -> None:
        """A loan made earlier at the desk."""
        self.execute(
            "INSERT INTO loan (item_code, member_id, loan_date, due_date, renewed, loan_rules_id, is_lent, is_return,"
            " input_date, last_update, uid) VALUES (%s, %s, %s, %s, %s, 0, 1, 0, %s, %s, 1)",
            item_code,
            member_id,
            loan_date,
            due_date,
            renewed,
            loan_date,
            loan_date,
        )


def seed(fixture: SlimsFixture) -> SlimsFixture:
    today = START.date()
    x = fixture.execute
    x(
        "INSERT INTO user (user_id, username, realname, passwd) VALUES"
        " (1, 'admin', 'Admin', 'x'), (7, %s, 'Kiosk', 'x')",
        KIOSK_USER,
    )
    # Umum: 2 loans, 7 days, 1 renewal, Rp 500 a day, no grace. Pelajar: rules per collection type.
    x(
        "INSERT INTO mst_member_type (member_type_id, member_type_name, loan_limit, loan_periode, enable_reserve,"
        " reserve_limit, member_periode, reborrow_limit, fine_each_day, grace_periode, input_date) VALUES"
        " (1, 'Umum', 2, 7, 1, 2, 365, 1, 500, 0, %s), (2, 'Pelajar', 5, 14, 1, 2, 365, 2, 200, 3, %s)",
        today,
        today,
    )
    x("INSERT INTO mst_coll_type (coll_type_id, coll_type_name) VALUES (1, 'Sirkulasi'), (2, 'Referensi')")
    x("INSERT INTO mst_gmd (gmd_id, gmd_code, gmd_name, input_date) VALUES (1, 'TE', 'Text', %s)", today)
    x(
        "INSERT INTO mst_loan_rules (loan_rules_id, member_type_id, coll_type_id, gmd_id, loan_limit, loan_periode,"
        " reborrow_limit, fine_each_day, grace_periode) VALUES (5, 2, 1, 1, 3, 10, 1, 1000, 2)"
    )
    x(
        "INSERT INTO mst_item_status (item_status_id, item_status_name, no_loan) VALUES"
        " ('0', 'Tersedia', 0), ('R', 'Referensi', 1)"
    )
    x(
        "INSERT INTO mst_location (location_id, location_name, input_date, last_update) VALUES"
        " ('PST', 'Ruang Sirkulasi', %s, %s), ('REF', 'Ruang Referensi', %s, %s)",
        today,
        today,
        today,
        today,
    )
    x("INSERT INTO holiday (holiday_dayname, holiday_date, description) VALUES ('sun', NULL, NULL)")
    x("INSERT INTO holiday (holiday_dayname, holiday_date, description) VALUES ('Mon', '2026-03-09', 'Nyepi')")
    for member_id, (name, mtype, expire, pending, storage) in MEMBERS.items():
        stored = {
            "bcrypt": bcrypt_hash(PASSWORD, cost=4),
            "md5": hashlib.md5(PASSWORD.encode()).hexdigest(),
            None: None,
        }[storage]
        x(
            "INSERT INTO member (member_id, member_name, gender, member_type_id, member_email, register_date,"
            " expire_date, is_pending, mpasswd, input_date) VALUES (%s, %s, 0, %s, %s, %s, %s, %s, %s, %s)",
            member_id,
            name,
            mtype,
            f"{member_id.lower()}@example.org",
            today,
            expire,
            pending,
            stored,
            today,
        )
    for n, (code, (title, coll, status, location)) in enumerate(ITEMS.items(), 1):
        x("INSERT INTO biblio (biblio_id, gmd_id, title, sor) VALUES (%s, 1, %s, %s)", n, title, "Penulis")
        x(
            "INSERT INTO item (biblio_id, coll_type_id, item_code, location_id, item_status_id, input_date)"
            " VALUES (%s, %s, %s, %s, %s, %s)",
            n,
            coll,
            code,
            location,
            status,
            START.replace(tzinfo=None),
        )
    hold_biblio = list(ITEMS).index("HOLD1") + 1
    x(
        "INSERT INTO reserve (member_id, biblio_id, item_code, reserve_date) VALUES ('M002', %s, 'HOLD1', %s)",
        hold_biblio,
        START.replace(tzinfo=None) - timedelta(days=1),
    )
    return fixture


def slims_library(mariadb) -> SlimsFixture:
    """A fresh database holding the library above."""
    name = mariadb.fresh_database("slims.sql")
    return seed(SlimsFixture(mariadb, name))
