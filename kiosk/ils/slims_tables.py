"""SLiMS's rows as the bridge reads and writes them: members with their type,
items with title, status and location, open loans, loan rules, reservations,
fines and holidays (the tables of tests/fakes/schema/slims.sql). No rules
here — those are `kiosk.ils.slims` and `kiosk.ils.slims_rules`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kiosk.bridge.db import all_rows, one, write  # noqa: F401 - the backend writes through these

from .slims_rules import DAY_NAMES, Calendar, Terms

CALENDAR_TTL_S = 60.0


@dataclass(frozen=True)
class Member:
    member_id: str
    name: str
    email: str
    expire_date: date
    pending: bool
    mpasswd: str | None
    member_type_id: int
    terms: Terms
    enable_reserve: bool
    reserve_limit: int


@dataclass(frozen=True)
class Item:
    item_code: str
    title: str
    author: str
    biblio_id: int
    coll_type_id: int
    gmd_id: int
    no_loan: bool
    location_id: str
    location_name: str


@dataclass(frozen=True)
class Loan:
    loan_id: int
    item_code: str
    member_id: str
    loan_date: date
    due_date: date
    renewed: int
    loan_rules_id: int
    return_date: date | None


MEMBER_SQL = (
    "SELECT m.member_id, m.member_name, m.member_email, m.expire_date, m.is_pending, m.mpasswd, m.member_type_id,"
    " mt.loan_limit, mt.loan_periode, mt.reborrow_limit, mt.fine_each_day, mt.grace_periode, mt.enable_reserve,"
    " mt.reserve_limit FROM member AS m LEFT JOIN mst_member_type AS mt ON m.member_type_id = mt.member_type_id"
    " WHERE m.member_id = %s"
)
ITEM_SQL = (
    "SELECT i.item_code, b.title, b.sor, i.biblio_id, i.coll_type_id, b.gmd_id, ist.no_loan, i.location_id,"
    " loc.location_name FROM item AS i LEFT JOIN biblio AS b ON b.biblio_id = i.biblio_id"
    " LEFT JOIN mst_item_status AS ist ON ist.item_status_id = i.item_status_id"
    " LEFT JOIN mst_location AS loc ON loc.location_id = i.location_id WHERE i.item_code = %s"
)
OPEN_LOAN_SQL = (
    "SELECT loan_id, item_code, member_id, loan_date, due_date, renewed, loan_rules_id, return_date FROM loan"
    " WHERE item_code = %s AND is_lent = 1 AND is_return = 0 ORDER BY loan_id LIMIT 1"
)
RULE_COLUMNS = "loan_rules_id, loan_limit, loan_periode, reborrow_limit, fine_each_day, grace_periode"


def _int(value) -> int:
    return int(value or 0)


def member(conn, card: str) -> Member | None:
    row = one(conn, MEMBER_SQL, card)
    if row is None:
        return None
    mid, name, email, expire, pending, mpasswd, mtype, limit, period, reborrow, fine, grace, reserve, rlimit = row
    terms = Terms(0, _int(limit), _int(period), _int(reborrow), _int(fine), _int(grace))
    return Member(
        mid, name, email or "", expire, bool(pending), mpasswd, _int(mtype), terms, bool(reserve), _int(rlimit)
    )


def item(conn, item_code: str) -> Item | None:
    row = one(conn, ITEM_SQL, item_code)
    if row is None:
        return None
    code, title, sor, biblio, coll, gmd, no_loan, loc, loc_name = row
    return Item(
        code, title or "", sor or "", _int(biblio), _int(coll), _int(gmd), bool(no_loan), loc or "", loc_name or ""
    )


def open_loan(conn, item_code: str) -> Loan | None:
    row = one(conn, OPEN_LOAN_SQL, item_code)
    return Loan(row[0], row[1], row[2], row[3], row[4], row[5], _int(row[6]), row[7]) if row else None


def terms(conn, member: Member, item: Item) -> Terms:
    """setLoanRules: (coll type, GMD), then coll type alone, then GMD alone; else the member type's.
    SLiMS leaves a condition out when the item has no coll type (or GMD), so "coll type alone"
    then matches every rule of the member type; one query keeps that order of preference."""
    if not item.coll_type_id and not item.gmd_id:
        return member.terms
    coll = f"coll_type_id = {int(item.coll_type_id)}" if item.coll_type_id else "TRUE"
    gmd = f"gmd_id = {int(item.gmd_id)}" if item.gmd_id else "TRUE"
    tiers = (f"({coll} AND {gmd})", coll, gmd)
    row = one(
        conn,
        f"SELECT {RULE_COLUMNS} FROM mst_loan_rules WHERE member_type_id = %s AND ({' OR '.join(tiers)})"
        f" ORDER BY CASE WHEN {tiers[0]} THEN 1 WHEN {tiers[1]} THEN 2 ELSE 3 END, loan_rules_id LIMIT 1",
        member.member_type_id,
    )
    return Terms(*(_int(v) for v in row)) if row is not None else member.terms


def rule_by_id(conn, loan_rules_id: int) -> Terms | None:
    if not loan_rules_id:
        return None
    row = one(conn, f"SELECT {RULE_COLUMNS} FROM mst_loan_rules WHERE loan_rules_id = %s", loan_rules_id)
    return Terms(*(_int(v) for v in row)) if row else None


def reservers(conn, item_code: str) -> list[str]:
    """Who reserved the item, first come first (SLiMS: ORDER BY reserve_date)."""
    rows = all_rows(
        conn, "SELECT member_id FROM reserve WHERE item_code = %s ORDER BY reserve_date, reserve_id", item_code
    )
    return [member_id for (member_id,) in rows]


def fines_due(conn, member_id: str) -> Decimal:
    row = one(
        conn, "SELECT COALESCE(SUM(debet), 0) - COALESCE(SUM(credit), 0) FROM fines WHERE member_id = %s", member_id
    )
    return max(Decimal(row[0] or 0), Decimal(0))


def reborrow_limit(conn, member: Member, item: Item) -> int:
    """loan_list.php: the rule of the member type and collection type, else the member type's."""
    row = one(
        conn,
        "SELECT reborrow_limit FROM mst_loan_rules WHERE member_type_id = %s AND coll_type_id = %s"
        " ORDER BY loan_rules_id LIMIT 1",
        member.member_type_id,
        item.coll_type_id,
    )
    return int(row[0]) if row is not None and row[0] is not None else member.terms.reborrow_limit


class Holidays:
    """The `holiday` table, read again after a minute (SLiMS reads it at each staff login)."""

    def __init__(self) -> None:
        self._cached: tuple[float, Calendar] | None = None

    def get(self, conn) -> Calendar:
        cached = self._cached
        if cached is not None and time.monotonic() - cached[0] < CALENDAR_TTL_S:
            return cached[1]
        days, dates = set(), set()
        for dayname, day in all_rows(conn, "SELECT holiday_dayname, holiday_date FROM holiday"):
            if day is None:
                if (dayname or "").lower() in DAY_NAMES:
                    days.add(dayname.lower())
            else:
                dates.add(day)
        calendar = Calendar(frozenset(days), frozenset(dates))
        self._cached = (time.monotonic(), calendar)
        return calendar
