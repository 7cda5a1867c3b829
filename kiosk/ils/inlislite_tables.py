"""INLISLite v3.2's rows as the bridge reads them: members with their type,
status, suspension and OPAC password; collections with title, status,
booking and location; open loan items; the rule hierarchy; the calendar
(the tables of tests/fakes/schema/inlislite.sql). No rules here — those are
`kiosk.ils.inlislite` and `kiosk.ils.inlislite_rules`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from kiosk.bridge.db import all_rows, one

from .inlislite_rules import Calendar, Penalty, first_set

STATUS_AVAILABLE, STATUS_ON_LOAN = 1, 5  # collectionstatus: Tersedia, Dipinjam
MEMBER_ACTIVE, MEMBER_SUSPENDED = 3, 5  # status_anggota
RULE_LOANABLE = 1  # collectionrules: Dapat dipinjam
ONLINE_ACTIVE = "ACTIVE"  # membersonline.Status of an account that may log in


def _date(value) -> date | None:
    return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class Member:
    id: int
    member_no: str
    name: str
    email: str
    end_date: date | None
    status: int
    jenis_anggota_id: int
    password: str | None  # membersonline.Password: upper-case SHA-1
    suspended_until: date | None  # validatePelanggaran: the last day a suspension still runs


@dataclass(frozen=True)
class Item:
    id: int
    barcode: str
    title: str
    author: str
    status_id: int
    rule_id: int
    category_id: int
    worksheet_id: int
    location: str
    booked_by: str | None  # MemberNo of a booking made in the OPAC and not yet expired


@dataclass(frozen=True)
class Loan:
    item_loan_id: int  # collectionloanitems.ID
    loan_id: str  # collectionloans.ID
    member_id: int
    member_no: str
    collection_id: int
    loan_date: date
    due_date: date


MEMBER_SQL = (
    "SELECT m.ID, m.MemberNo, m.Fullname, m.Email, m.EndDate, m.StatusAnggota_id, m.JenisAnggota_id,"
    " (SELECT o.Password FROM membersonline AS o WHERE o.NoAnggota = m.MemberNo AND o.Status = %s"
    "  ORDER BY o.ID LIMIT 1),"
    " (SELECT MAX(DATE_ADD(DATE(p.CreateDate), INTERVAL p.JumlahSuspend DAY)) FROM pelanggaran AS p"
    "  WHERE p.Member_id = m.ID AND p.JumlahSuspend > 0)"
    " FROM members AS m WHERE m.MemberNo = %s"
)
ITEM_SQL = (
    "SELECT c.ID, c.NomorBarcode, cat.Title, cat.Author, c.Status_id, c.Rule_id, c.Category_id, cat.Worksheet_id,"
    " loc.Name, c.BookingMemberID, c.BookingExpiredDate FROM collections AS c"
    " LEFT JOIN catalogs AS cat ON cat.ID = c.Catalog_id LEFT JOIN locations AS loc ON loc.ID = c.Location_id"
    " WHERE c.NomorBarcode = %s"
)
LOAN_SQL = (
    "SELECT cli.ID, cli.CollectionLoan_id, cli.member_id, m.MemberNo, cli.Collection_id, cli.LoanDate, cli.DueDate"
    " FROM collectionloanitems AS cli JOIN members AS m ON m.ID = cli.member_id"
    " WHERE cli.LoanStatus = 'Loan' AND {where} ORDER BY cli.ID"
)
RULE_COLUMNS = (
    "DendaType, DendaPerTenor, DendaTenorJumlah, DendaTenorSatuan, DendaTenorMultiply,"
    " DaySuspend, SuspendType, SuspendTenorJumlah, SuspendTenorSatuan, SuspendTenorMultiply"
)


def member(conn, card: str) -> Member | None:
    row = one(conn, MEMBER_SQL, ONLINE_ACTIVE, card)
    if row is None:
        return None
    mid, no, name, email, end, status, jenis, password, until = row
    last_suspended = _date(until) - timedelta(days=1) if until else None  # free again on `until`
    return Member(int(mid), no, name or "", email or "", _date(end), int(status or 0), int(jenis or 0), password,
                  last_suspended)  # fmt: skip


def item(conn, barcode: str, now: datetime) -> Item | None:
    row = one(conn, ITEM_SQL, barcode)
    if row is None:
        return None
    cid, code, title, author, status, rule, category, worksheet, location, booker, booking_ends = row
    booked = booker if booker and booking_ends and booking_ends >= now else None
    return Item(int(cid), code, title or "", author or "", int(status or 0), int(rule or 0), int(category or 0),
                int(worksheet or 0), location or "", booked)  # fmt: skip


def _loan(row) -> Loan:
    return Loan(int(row[0]), row[1], int(row[2]), row[3], int(row[4]), _date(row[5]), _date(row[6]))


def open_loan(conn, collection_id: int) -> Loan | None:
    row = one(conn, LOAN_SQL.format(where="cli.Collection_id = %s") + " LIMIT 1", collection_id)
    return _loan(row) if row else None


def open_loans(conn, member_id: int) -> list[tuple[str, date]]:
    """(barcode, due date) of the member's items on loan."""
    rows = all_rows(
        conn,
        "SELECT c.NomorBarcode, cli.DueDate FROM collectionloanitems AS cli JOIN collections AS c"
        " ON c.ID = cli.Collection_id WHERE cli.member_id = %s AND cli.LoanStatus = 'Loan' ORDER BY cli.ID",
        member_id,
    )
    return [(code, _date(due)) for code, due in rows]


def may_borrow_category(conn, member: Member, item: Item) -> bool:
    """IsMemberCanLoanOnItem: the member's loan categories (memberloanauthorizecategory) hold the item's."""
    return (
        one(
            conn,
            "SELECT 1 FROM memberloanauthorizecategory WHERE Member_id = %s AND CategoryLoan_id = %s",
            member.id,
            item.category_id,
        )
        is not None
    )


def setting(conn, name: str) -> str:
    row = one(conn, "SELECT Value FROM settingparameters WHERE Name = %s", name)
    return (row[0] or "") if row else ""


def calendar(conn) -> Calendar:
    settings = dict(
        all_rows(
            conn,
            "SELECT Name, Value FROM settingparameters WHERE Name IN ('IsSaturdayHoliday', 'IsSundayHoliday')",
        )
    )
    days = frozenset(_date(d) for (d,) in all_rows(conn, "SELECT Dates FROM holidays"))
    return Calendar(settings.get("IsSaturdayHoliday") == "True", settings.get("IsSundayHoliday") == "True", days)


def _hari(today: date) -> str:
    return f"FROM peraturan_peminjaman_hari WHERE DayIndex = {today.isoweekday()} ORDER BY ID LIMIT 1"


def _tanggal(today: date) -> str:
    return f"FROM peraturan_peminjaman_tanggal WHERE '{today.isoformat()}' BETWEEN TanggalAwal AND TanggalAkhir ORDER BY ID LIMIT 1"  # noqa: E501


def _values(conn, columns: str, today: date, item: Item, member: Member) -> dict[str, tuple | None]:
    return {
        "hari": one(conn, f"SELECT {columns} {_hari(today)}"),
        "tanggal": one(conn, f"SELECT {columns} {_tanggal(today)}"),
        "worksheet": one(conn, f"SELECT {columns} FROM worksheets WHERE ID = %s", item.worksheet_id),
        "jenis_anggota": one(conn, f"SELECT {columns} FROM jenis_anggota WHERE id = %s", member.jenis_anggota_id),
    }


def rule_value(conn, column: str, today: date, item: Item, member: Member) -> int:
    """cekValueHirarkiSirkulasi: today's weekday rule, a date-range rule, the material type, the member type."""
    found = _values(conn, column, today, item, member)
    return first_set(*((row[0] if row else None) for row in found.values()))


def penalty_rule(conn, today: date, item: Item, member: Member) -> Penalty:
    """The violation form's rule: the first of date range, weekday, member type, material type with a
    fine or a suspension."""
    found = _values(conn, RULE_COLUMNS, today, item, member)
    for source in ("tanggal", "hari", "jenis_anggota", "worksheet"):
        row = found[source]
        if row is None:
            continue
        ftype, per, ften, funit, fmul, sdays, stype, sten, sunit, smul = row
        rule = Penalty(ftype or "", int(per or 0), int(ften or 1), funit or "hari", int(fmul or 0),
                       int(sdays or 0), stype or "", int(sten or 1), sunit or "hari", int(smul or 0))  # fmt: skip
        if rule.any:
            return rule
    return Penalty()


def fines_due(conn, member_id: int) -> Decimal:
    row = one(
        conn,
        "SELECT COALESCE(SUM(JumlahDenda), 0) FROM pelanggaran WHERE Member_id = %s AND (Paid IS NULL OR Paid = 0)",
        member_id,
    )
    return Decimal(row[0] or 0)


def booked_items(conn, member_no: str, now: datetime) -> list[str]:
    rows = all_rows(
        conn,
        "SELECT NomorBarcode FROM collections WHERE BookingMemberID = %s AND BookingExpiredDate >= %s ORDER BY ID",
        member_no,
        now,
    )
    return [code for (code,) in rows]
