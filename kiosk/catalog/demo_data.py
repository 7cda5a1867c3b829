"""Seed data of the demo catalog: a believable Indonesian city library.

Card and item numbers are 14-digit library numbers with a Luhn (mod-10)
check digit, patron cards starting with 2 and items with 3 — the common
Codabar convention — so they scan the same way real labels would.
"""

from __future__ import annotations


def luhn_complete(body: str) -> str:
    """Append the Luhn check digit to a string of digits."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:  # doubled positions, counted from the right before the check digit
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return body + str((10 - total % 10) % 10)


def patron_card(n: int) -> str:
    return luhn_complete(f"2900100{n:06d}")


def item_barcode(n: int) -> str:
    return luhn_complete(f"3900100{n:06d}")


LIBRARY_NAME = "Perpustakaan Umum Kota (demo)"
BRANCHES = {"PUSAT": "Perpustakaan Pusat", "TMR": "Cabang Timur", "PST": "Perpustakaan Keliling"}

# (category, item_type) -> loan days, max loans (per category), max renewals
RULES = {
    ("dewasa", "buku"): (14, 5, 2),
    ("dewasa", "media"): (7, 5, 1),
    ("anak", "buku"): (14, 3, 2),
    ("anak", "media"): (7, 3, 1),
}
FINE_LIMIT = 10_000  # rupiah: above this a patron may not borrow
FINE_PER_DAY = 500  # rupiah per day an item comes back late

# card number, name, PIN, category, blocked reason, fines, expires, language
PATRONS = [
    (patron_card(1), "Siti Rahmawati", "1234", "dewasa", None, 0, "2028-12-31", "id"),
    (patron_card(2), "Budi Santoso", "1234", "dewasa", None, 0, "2028-06-30", "id"),
    (patron_card(3), "Rina Wulandari", "1234", "dewasa", "patron_blocked", 0, "2027-03-31", "id"),
    (patron_card(4), "Agus Pratama", "1234", "dewasa", None, 25_000, "2027-09-30", "id"),
    (patron_card(5), "Putu Ayu Lestari", "1234", "anak", None, 0, "2029-01-31", "id"),
    (patron_card(6), "Joko Susilo", "1234", "dewasa", None, 2_000, "2027-11-30", "id"),
    (patron_card(7), "Maria Hutapea", "1234", "dewasa", None, 0, "2025-12-31", "en"),
]

# Email addresses the library has (SIP2 BE): emailed receipts go there. Joko gave none.
EMAILS = {card: name.lower().replace(" ", ".") + "@example.org" for card, name, *_ in PATRONS if name != "Joko Susilo"}

# n, title, author, item type, home branch, not for loan, set id, parts in set, part (1 for the item)
ITEMS = [
    (1, "Laskar Pelangi", "Andrea Hirata", "buku", "PUSAT", False, None, 1, 1),
    (2, "Sang Pemimpi", "Andrea Hirata", "buku", "PUSAT", False, None, 1, 1),
    (3, "Bumi Manusia", "Pramoedya Ananta Toer", "buku", "PUSAT", False, None, 1, 1),
    (4, "Anak Semua Bangsa", "Pramoedya Ananta Toer", "buku", "PUSAT", False, None, 1, 1),
    (5, "Cantik Itu Luka", "Eka Kurniawan", "buku", "PUSAT", False, None, 1, 1),
    (6, "Ronggeng Dukuh Paruk", "Ahmad Tohari", "buku", "PUSAT", False, None, 1, 1),
    (7, "Negeri 5 Menara", "Ahmad Fuadi", "buku", "PUSAT", False, None, 1, 1),
    (8, "Perahu Kertas", "Dee Lestari", "buku", "PUSAT", False, None, 1, 1),
    (9, "Laut Bercerita", "Leila S. Chudori", "buku", "PUSAT", False, None, 1, 1),
    (10, "Pulang", "Leila S. Chudori", "buku", "PUSAT", False, None, 1, 1),
    (11, "Saman", "Ayu Utami", "buku", "TMR", False, None, 1, 1),
    (12, "Siti Nurbaya", "Marah Rusli", "buku", "PUSAT", False, None, 1, 1),
    (13, "Layar Terkembang", "Sutan Takdir Alisjahbana", "buku", "PUSAT", False, None, 1, 1),
    (14, "Atheis", "Achdiat K. Mihardja", "buku", "TMR", False, None, 1, 1),
    (15, "Gadis Kretek", "Ratih Kumala", "buku", "PUSAT", False, None, 1, 1),
    (16, "Hujan", "Tere Liye", "buku", "PUSAT", False, None, 1, 1),
    (17, "Catatan Seorang Demonstran", "Soe Hok Gie", "buku", "PUSAT", False, None, 1, 1),
    (18, "Kamus Besar Bahasa Indonesia", "Badan Bahasa", "buku", "PUSAT", True, None, 1, 1),
    (19, "Atlas Indonesia dan Dunia", "Tim Penyusun", "buku", "PUSAT", True, None, 1, 1),
    # A two-part set (book + audio CD): one item in the catalog, two tags
    # carrying the same item id as "part 1 of 2" and "part 2 of 2".
    (20, "Belajar Bahasa Inggris (buku + CD audio)", "Tim Penyusun", "media", "PUSAT", False, "BBI", 2, 1),
    (21, "Kumpulan Cerpen Kompas 2020", "Tim Redaksi Kompas", "buku", "PUSAT", False, None, 1, 1),
    (22, "Si Kancil dan Buaya", "Cerita Rakyat", "buku", "PUSAT", False, None, 1, 1),
    (23, "Dilan 1990", "Pidi Baiq", "buku", "PUSAT", False, None, 1, 1),
    (24, "Supernova: Ksatria, Puteri, dan Bintang Jatuh", "Dee Lestari", "buku", "PUSAT", False, None, 1, 1),
    (25, "Ayat-Ayat Cinta", "Habiburrahman El Shirazy", "buku", "PUSAT", False, None, 1, 1),
]

# item n, patron card, days until due (negative: overdue)
LOANS = [
    (10, patron_card(6), 5),  # Pulang: on loan to Joko
    (23, patron_card(6), -3),  # Dilan 1990: overdue with Joko
    (22, patron_card(5), 7),  # Putu has three children's loans: at her limit
    (16, patron_card(5), 7),
    (2, patron_card(5), 7),
    (4, patron_card(2), 10),  # Budi has one loan
]

# item n, patron card: item-level holds, oldest first
HOLDS = [
    (3, patron_card(2)),  # Bumi Manusia waits for Budi: refused to anyone else
    (9, patron_card(1)),  # Laut Bercerita waits for Siti
    (10, patron_card(1)),  # Pulang (on loan to Joko) is wanted by Siti: its return goes to the hold shelf
]
