"""The SKM questionnaire as the kiosk asks it, in Indonesian and English.

The nine elements and their four-point answers follow the sample
questionnaire in the Lampiran of PermenPANRB No. 14 Tahun 2017, worded
for a library's lending service; answer 1 is the worst and 4 the best,
as the regulation scores them. The respondent profile is the form's
(umur, jenis kelamin, pendidikan, pekerjaan), every question optional.
This is the survey's content, so it lives with the survey and is
shared by the screens, the reports and the CSV format.
"""

from __future__ import annotations

from dataclasses import dataclass

Text = tuple[str, str]  # (Bahasa Indonesia, English)


def text(value: Text, lang: str) -> str:
    return value[0] if lang == "id" else value[1]


@dataclass(frozen=True)
class Question:
    key: str  # "U1".."U9", or a profile column name
    title: Text  # the element's name as the regulation gives it (for reports)
    prompt: Text  # what the patron reads
    options: tuple[tuple[str, Text], ...]  # (stored value, wording); U1..U9 store "1".."4"


def _scale(*wordings: Text) -> tuple[tuple[str, Text], ...]:
    return tuple((str(i), w) for i, w in enumerate(wordings, start=1))


ELEMENT_QUESTIONS = (
    Question(
        "U1",
        ("Persyaratan", "Requirements"),
        (
            "Apakah syarat untuk memakai layanan ini (kartu anggota, PIN) sesuai dengan layanannya?",
            "Do the requirements for this service (library card, PIN) suit the service?",
        ),
        _scale(
            ("Tidak sesuai", "Not suitable"),
            ("Kurang sesuai", "Somewhat unsuitable"),
            ("Sesuai", "Suitable"),
            ("Sangat sesuai", "Very suitable"),
        ),
    ),
    Question(
        "U2",
        ("Sistem, mekanisme, dan prosedur", "System, mechanism and procedure"),
        (
            "Seberapa mudah cara meminjam dan mengembalikan buku di sini?",
            "How easy is it to borrow and return books here?",
        ),
        _scale(
            ("Tidak mudah", "Not easy"),
            ("Kurang mudah", "Not very easy"),
            ("Mudah", "Easy"),
            ("Sangat mudah", "Very easy"),
        ),
    ),
    Question(
        "U3",
        ("Waktu penyelesaian", "Time to complete"),
        ("Seberapa cepat layanan yang Anda terima hari ini?", "How quick was the service you received today?"),
        _scale(
            ("Tidak cepat", "Not quick"),
            ("Kurang cepat", "Not very quick"),
            ("Cepat", "Quick"),
            ("Sangat cepat", "Very quick"),
        ),
    ),
    Question(
        "U4",
        ("Biaya/tarif", "Cost/fee"),
        (
            "Bagaimana biaya layanan perpustakaan (keanggotaan, denda) menurut Anda?",
            "What do you think of the library's charges (membership, fines)?",
        ),
        _scale(
            ("Sangat mahal", "Very expensive"),
            ("Cukup mahal", "Rather expensive"),
            ("Murah", "Cheap"),
            ("Gratis", "Free"),
        ),
    ),
    Question(
        "U5",
        ("Produk spesifikasi jenis pelayanan", "Service product as specified"),
        (
            "Apakah yang Anda terima (buku, lama pinjam) sesuai dengan yang dijanjikan perpustakaan?",
            "Did you get what the library promises (books, loan period)?",
        ),
        _scale(
            ("Tidak sesuai", "No"),
            ("Kurang sesuai", "Partly"),
            ("Sesuai", "Yes"),
            ("Sangat sesuai", "Fully"),
        ),
    ),
    Question(
        "U6",
        ("Kompetensi pelaksana", "Staff competence"),
        (
            "Bagaimana kemampuan petugas perpustakaan dalam membantu Anda?",
            "How capable are the library staff at helping you?",
        ),
        _scale(
            ("Tidak kompeten", "Not capable"),
            ("Kurang kompeten", "Not very capable"),
            ("Kompeten", "Capable"),
            ("Sangat kompeten", "Very capable"),
        ),
    ),
    Question(
        "U7",
        ("Perilaku pelaksana", "Staff behaviour"),
        ("Bagaimana kesopanan dan keramahan petugas?", "How polite and friendly are the staff?"),
        _scale(
            ("Tidak sopan dan ramah", "Not polite or friendly"),
            ("Kurang sopan dan ramah", "Not very polite or friendly"),
            ("Sopan dan ramah", "Polite and friendly"),
            ("Sangat sopan dan ramah", "Very polite and friendly"),
        ),
    ),
    Question(
        "U8",
        ("Penanganan pengaduan, saran, dan masukan", "Handling of complaints and suggestions"),
        (
            "Bagaimana perpustakaan menangani pengaduan, saran, dan masukan?",
            "How does the library handle complaints and suggestions?",
        ),
        _scale(
            ("Tidak ada", "There is no way to make them"),
            ("Ada tetapi tidak berfungsi", "There is a way, but nothing happens"),
            ("Berfungsi kurang maksimal", "They are handled, but not well"),
            ("Dikelola dengan baik", "They are handled well"),
        ),
    ),
    Question(
        "U9",
        ("Sarana dan prasarana", "Facilities"),
        (
            "Bagaimana sarana dan prasarana perpustakaan (ruang baca, rak, mesin ini)?",
            "How good are the library's facilities (reading room, shelves, this machine)?",
        ),
        _scale(
            ("Buruk", "Poor"),
            ("Cukup", "Fair"),
            ("Baik", "Good"),
            ("Sangat baik", "Very good"),
        ),
    ),
)

PROFILE_QUESTIONS = (
    Question(
        "age",
        ("Usia", "Age"),
        ("Berapa usia Anda?", "How old are you?"),
        (
            ("<18", ("Di bawah 18 tahun", "Under 18")),
            ("18-24", ("18-24 tahun", "18-24")),
            ("25-34", ("25-34 tahun", "25-34")),
            ("35-44", ("35-44 tahun", "35-44")),
            ("45-54", ("45-54 tahun", "45-54")),
            ("55+", ("55 tahun ke atas", "55 or over")),
        ),
    ),
    Question(
        "sex",
        ("Jenis kelamin", "Sex"),
        ("Jenis kelamin Anda?", "Your sex?"),
        (("L", ("Laki-laki", "Male")), ("P", ("Perempuan", "Female"))),
    ),
    Question(
        "education",
        ("Pendidikan", "Education"),
        ("Pendidikan terakhir Anda?", "Your highest education?"),
        (
            ("SD", ("SD ke bawah", "Primary school or less")),
            ("SMP", ("SMP", "Junior high school")),
            ("SMA", ("SMA/SMK", "Senior high school")),
            ("D1-D3", ("D1-D3", "Diploma (D1-D3)")),
            ("D4-S1", ("D4/S1", "Bachelor (D4/S1)")),
            ("S2+", ("S2 ke atas", "Master or higher")),
        ),
    ),
    Question(
        "occupation",
        ("Pekerjaan", "Occupation"),
        ("Pekerjaan Anda?", "Your occupation?"),
        (
            ("pelajar", ("Pelajar/mahasiswa", "Student")),
            ("PNS", ("PNS", "Civil servant")),
            ("TNI/POLRI", ("TNI/Polri", "Armed forces/police")),
            ("swasta", ("Pegawai swasta", "Private employee")),
            ("wirausaha", ("Wirausaha", "Self-employed")),
            ("lainnya", ("Lainnya", "Other")),
        ),
    ),
)

PROFILE_KEYS = tuple(q.key for q in PROFILE_QUESTIONS)
QUESTIONS = ELEMENT_QUESTIONS + PROFILE_QUESTIONS
BY_KEY = {q.key: q for q in QUESTIONS}

# The one-tap question after a visit: four faces, scored like the elements (1 worst .. 4 best).
QUICK_PROMPT: Text = ("Bagaimana layanan kami hari ini?", "How was our service today?")
QUICK_FACES = _scale(
    ("Buruk", "Poor"),
    ("Kurang", "Not good"),
    ("Baik", "Good"),
    ("Sangat baik", "Very good"),
)
SUGGESTION_MAX = 500  # characters of free text
