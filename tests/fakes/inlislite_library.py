"""A small INLISLite v3.2 library in a fresh database of the test MariaDB: the
rows a librarian would have made through INLISLite's settings screens (member
types with loan limits and fines, a weekday rule, material types, loan
categories per member, violation and fine types, holidays, the weekend
settings), members with OPAC passwords, collections with statuses, an OPAC
booking, plus the bridge's backend over it on a clock the test moves.

The clock starts on Monday 2 March 2026, 10:00 in Jakarta; Saturdays and
Sundays are closed (IsSaturdayHoliday/IsSundayHoliday "True") and so is
Wednesday 11 March 2026 (a `holidays` row).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta

from kiosk.bridge.db import Database, DbConfig
from kiosk.ils.inlislite import InlisliteLibrary

from .slims_library import START, Clock

PASSWORD = "rahasia-1"
KIOSK_USER = "kiosk"
LATE = 1  # jenis_pelanggaran "Terlambat": the lowest ID, the desk form's preselected type

# MemberNo -> (ID, name, jenis_anggota, StatusAnggota_id, EndDate, OPAC password?)
MEMBERS = {
    "A001": (101, "Siti Rahmawati", 1, 3, date(2027, 12, 31), True),
    "A002": (102, "Budi Santoso", 1, 3, date(2027, 12, 31), False),
    "A003": (103, "Rina Wulandari", 1, 3, date(2026, 2, 28), False),  # membership ended
    "A004": (104, "Agus Pratama", 1, 5, date(2027, 12, 31), False),  # StatusAnggota suspended
    "A005": (105, "Dewi Lestari", 1, 3, date(2027, 12, 31), False),  # a suspension (pelanggaran) still running
    "A006": (106, "Joko Susilo", 1, 1, date(2027, 12, 31), False),  # not active yet (status 1)
    "A007": (107, "Lina Marlina", 2, 3, date(2027, 12, 31), False),  # a student: 14 days, 5 books
}
# NomorBarcode -> (title, worksheet, Status_id, Rule_id, Category_id)
ITEMS = {
    "INV001": ("Laskar Pelangi", 1, 1, 1, 1),
    "INV002": ("Bumi Manusia", 1, 1, 1, 1),
    "INV003": ("Ronggeng Dukuh Paruk", 1, 1, 1, 1),
    "INV004": ("Cantik Itu Luka", 1, 1, 1, 1),
    "REF001": ("Kamus Besar Bahasa Indonesia", 1, 1, 2, 1),  # Rule_id 2: tidak dapat dipinjam
    "RUSAK1": ("Negeri 5 Menara", 1, 3, 1, 1),  # Status_id 3: rusak (damaged), not available
    "DEWASA": ("Saman", 1, 1, 1, 2),  # category 2: only some members may borrow it
    "BOOK01": ("Laut Bercerita", 1, 1, 1, 1),  # booked in the OPAC by A002
    "MAJ001": ("Majalah Tempo", 2, 1, 1, 1),  # worksheet "Terbitan Berkala": 3 days
    **{f"S{n:03d}": (f"Buku stok {n}", 1, 1, 1, 1) for n in range(40)},
}


@dataclass
class InlisliteFixture:
    mariadb: object
    database: str
    clock: Clock = field(default_factory=Clock)

    def db(self, **options) -> Database:
        return Database(DbConfig(database=self.database, user="root", socket=self.mariadb.socket), **options)

    def backend(self, **options) -> InlisliteLibrary:
        return InlisliteLibrary(
            self.db(), loan_user=KIOSK_USER, institution="PUSAT", clock=self.clock, **options
        ).open()

    def query(self, sql: str, *args) -> list[tuple]:
        with self.mariadb.connect(self.database) as conn, conn.cursor() as cursor:
            cursor.execute(sql, args)
            return list(cursor.fetchall())

    def execute(self, sql: str, *args) -> None:
        with self.mariadb.connect(self.database) as conn, conn.cursor() as cursor:
            cursor.execute(sql, args)

    def loan_items(self, barcode: str | None = None) -> list[dict]:
        columns = "ID CollectionLoan_id LoanDate DueDate ActualReturn LoanStatus Collection_id member_id CreateBy"
        where, args = ("WHERE c.NomorBarcode = %s", (barcode,)) if barcode else ("", ())
        rows = self.query(
            f"SELECT {', '.join('cli.' + c for c in columns.split())} FROM collectionloanitems AS cli"
            f" JOIN collections AS c ON c.ID = cli.Collection_id {where} ORDER BY cli.ID",
            *args,
        )
        return [dict(zip(columns.split(), row)) for row in rows]

    def loans(self) -> list[dict]:
        columns = "ID CollectionCount Member_id LocationLibrary_id CreateBy"
        rows = self.query(f"SELECT {', '.join(columns.split())} FROM collectionloans ORDER BY ID")
        return [dict(zip(columns.split(), row)) for row in rows]

    def status(self, barcode: str) -> int:
        return self.query("SELECT Status_id FROM collections WHERE NomorBarcode = %s", barcode)[0][0]

    def violations(self, member_no: str) -> list[dict]:
        columns = "CollectionLoan_id CollectionLoanItem_id JenisPelanggaran_id JenisDenda_id JumlahDenda JumlahSuspend"
        rows = self.query(
            f"SELECT {', '.join('p.' + c for c in columns.split())} FROM pelanggaran AS p JOIN members AS m"
            " ON m.ID = p.Member_id WHERE m.MemberNo = %s ORDER BY p.ID",
            member_no,
        )
        return [dict(zip(columns.split(), row)) for row in rows]

    def lend(self, barcode: str, member_no: str, loan_date: date, due_date: date, loan_id: str = "26020100001"):
        """A loan made earlier at the desk."""
        member_id = MEMBERS[member_no][0]
        (collection_id,) = self.query("SELECT ID FROM collections WHERE NomorBarcode = %s", barcode)[0]
        self.execute(
            "INSERT INTO collectionloans (ID, CollectionCount, Member_id, LocationLibrary_id, CreateBy)"
            " VALUES (%s, 1, %s, 1, 1)",
            loan_id,
            member_id,
        )
        self.execute(
            "INSERT INTO collectionloanitems (CollectionLoan_id, LoanDate, DueDate, LoanStatus, Collection_id,"
            " member_id, CreateBy) VALUES (%s, %s, %s, 'Loan', %s, %s, 1)",
            loan_id,
            loan_date,
            due_date,
            collection_id,
            member_id,
        )
        self.execute("UPDATE collections SET Status_id = 5 WHERE ID = %s", collection_id)


def seed(fixture: InlisliteFixture) -> InlisliteFixture:
    now = START.replace(tzinfo=None)
    x = fixture.execute
    x("INSERT INTO users (ID, username, Fullname, password) VALUES (1, 'admin', 'Admin', 'x'), (9, %s, 'Kiosk', 'x')",
      KIOSK_USER)  # fmt: skip
    x("INSERT INTO location_library (ID, Code, Name) VALUES (1, 'PST', 'Perpustakaan Pusat'), (2, 'CAB', 'Cabang')")
    x("INSERT INTO locations (ID, Code, Name, LocationLibrary_id) VALUES (1, 'SIR', 'Ruang Sirkulasi', 1)")
    x(
        "INSERT INTO settingparameters (Name, Value) VALUES ('IsSaturdayHoliday', 'True'), ('IsSundayHoliday', 'True'),"
        " ('PeminjamanLewatJatuhTempo', '0')"
    )
    x("INSERT INTO holidays (Dates, Names) VALUES ('2026-03-11', 'Libur')")
    x("INSERT INTO jenis_pelanggaran (ID, JenisPelanggaran) VALUES (1, 'Terlambat'), (2, 'Rusak'), (3, 'Hilang')")
    x("INSERT INTO jenis_denda (ID, Code, Name) VALUES (1, 'D', 'Denda Uang'), (5, 'S', 'Suspend')")
    # Umum: 2 books, 7 days, Rp 1.000 a day, 1 renewal of 7 days. Pelajar: 5 books, 14 days, suspension 2 days.
    x(
        "INSERT INTO jenis_anggota (id, jenisanggota, MaxPinjamKoleksi, MaxLoanDays, DendaType, DendaTenorJumlah,"
        " DendaTenorSatuan, DendaPerTenor, DendaTenorMultiply, DaySuspend, SuspendType, SuspendTenorJumlah,"
        " SuspendTenorSatuan, SuspendTenorMultiply, DayPerpanjang, CountPerpanjang) VALUES"
        " (1, 'Umum', 2, 7, 'Berkelipatan', 1, 'Hari', 1000, 1, 0, NULL, 1, 'Hari', 1, 7, 1),"
        " (2, 'Pelajar', 5, 14, 'Berkelipatan', 1, 'Hari', 500, 1, 2, 'Konstan', 1, 'Hari', 1, 7, 2)"
    )
    x("INSERT INTO worksheets (ID, Name, MaxLoanDays) VALUES (1, 'Monograf', NULL), (2, 'Terbitan Berkala', 3)")
    for no, (mid, name, jenis, status, end, has_password) in MEMBERS.items():
        x(
            "INSERT INTO members (ID, MemberNo, Fullname, Email, RegisterDate, EndDate, JenisAnggota_id,"
            " StatusAnggota_id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            mid, no, name, f"{no.lower()}@example.org", now, end, jenis, status,
        )  # fmt: skip
        x("INSERT INTO memberloanauthorizecategory (Member_id, CategoryLoan_id) VALUES (%s, 1)", mid)
        if has_password:
            x(
                "INSERT INTO membersonline (NoAnggota, Password, Status) VALUES (%s, %s, 'ACTIVE')",
                no,
                hashlib.sha1(PASSWORD.encode()).hexdigest().upper(),
            )
    x("INSERT INTO memberloanauthorizecategory (Member_id, CategoryLoan_id) VALUES (107, 2)")  # A007: category 2 too
    # A005 was suspended 5 days on 28 February: may borrow again from 5 March.
    x(
        "INSERT INTO pelanggaran (CollectionLoan_id, CollectionLoanItem_id, JenisPelanggaran_id, JenisDenda_id,"
        " JumlahDenda, JumlahSuspend, Paid, Member_id, Collection_id, CreateDate) VALUES"
        " ('26020100009', 0, 1, 5, 0, 5, 0, 105, 0, '2026-02-28 09:00:00')"
    )
    for n, (code, (title, worksheet, status, rule, category)) in enumerate(ITEMS.items(), 1):
        x("INSERT INTO catalogs (ID, Title, Author, Worksheet_id) VALUES (%s, %s, 'Penulis', %s)", n, title, worksheet)
        x(
            "INSERT INTO collections (ID, NomorBarcode, Catalog_id, Location_id, Rule_id, Category_id, Status_id,"
            " Location_Library_id, JumlahEksemplar) VALUES (%s, %s, %s, 1, %s, %s, %s, 1, 1)",
            1000 + n, code, n, rule, category, status,
        )  # fmt: skip
    x(
        "UPDATE collections SET BookingMemberID = 'A002', BookingExpiredDate = %s WHERE NomorBarcode = 'BOOK01'",
        now + timedelta(days=2),
    )
    x("INSERT INTO bookinglogs (memberId, collectionId, bookingDate, bookingExpired) VALUES ('A002', %s, %s, %s)",
      1000 + list(ITEMS).index("BOOK01") + 1, now, now + timedelta(days=2))  # fmt: skip
    return fixture


def inlislite_library(mariadb) -> InlisliteFixture:
    """A fresh database holding the library above."""
    name = mariadb.fresh_database("inlislite.sql")
    return seed(InlisliteFixture(mariadb, name))
