"""The IKM of PermenPANRB No. 14 Tahun 2017, computed in this one place.

Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi
Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat
Unit Penyelenggara Pelayanan Publik, Lampiran, Bab III (metode survei,
pengolahan data):

- nine elements (unsur) U1..U9, each answered on a four-point scale
  (nilai persepsi 1..4);
- NRR per element = sum of its answers / number of answers to it
  (nilai rata-rata per unsur);
- weight per element = number of weights / number of elements
  = 1/9 ≈ 0.111 (bobot nilai rata-rata tertimbang);
- NRR tertimbang = NRR x weight; IKM = Σ NRR tertimbang x 25, the
  conversion to the 25-100 scale (nilai dasar 25);
- the table "Nilai Persepsi, Interval IKM, Interval Konversi IKM, Mutu
  Pelayanan dan Kinerja Unit Pelayanan":

      persepsi  interval NRR     interval konversi  mutu  kinerja
      1         1,00 - 2,5996    25,00 - 64,99      D     Tidak Baik
      2         2,60 - 3,064     65,00 - 76,60      C     Kurang Baik
      3         3,0644 - 3,532   76,61 - 88,30      B     Baik
      4         3,5324 - 4,00    88,31 - 100,00     A     Sangat Baik

  The converted intervals have gaps of 0.01 (64.99/65.00 ...): the grade
  is read from the IKM rounded to two decimals, as the table is.
- the sample: the regulation points to the Krejcie and Morgan (1970)
  table for the minimum number of respondents given the population.

Weights are exact (1/9), not 0.111 rounded: hand calculations that round
the weight to 0.111 come out up to 0.1 % lower. An element nobody answered
(every respondent skipped it) is left out and the weight is 1 / number of
elements answered ("total unsur yang terisi").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ELEMENTS = ("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9")
SCALE = (1, 2, 3, 4)
CONVERSION = 25  # nilai dasar: NRR 1..4 -> IKM 25..100


@dataclass(frozen=True)
class Grade:
    letter: str  # mutu pelayanan
    name_id: str  # kinerja unit pelayanan, as the regulation names it
    name_en: str
    low: float  # lowest IKM (converted, two decimals) of this grade


# Lampiran PermenPANRB 14/2017, tabel nilai persepsi / interval konversi IKM; lowest grade first.
GRADES = (
    Grade("D", "Tidak Baik", "Poor", 25.00),
    Grade("C", "Kurang Baik", "Fair", 65.00),
    Grade("B", "Baik", "Good", 76.61),
    Grade("A", "Sangat Baik", "Very good", 88.31),
)


def grade(ikm: float) -> Grade:
    """The grade of an IKM on the 25-100 scale (rounded to two decimals first, as the table reads)."""
    value = round(ikm, 2)
    if not 25.0 <= value <= 100.0:
        raise ValueError(f"an IKM is between 25 and 100, got {ikm}")
    return GRADES[bisect.bisect_right([g.low for g in GRADES], value) - 1]


@dataclass(frozen=True)
class ElementResult:
    element: str
    answers: int
    total: int
    nrr: float  # nilai rata-rata
    weight: float
    weighted: float  # NRR tertimbang
    counts: tuple[int, int, int, int]  # how many answered 1, 2, 3, 4


@dataclass(frozen=True)
class IkmResult:
    respondents: int
    elements: tuple[ElementResult, ...]
    ikm: float | None  # None: no answers
    grade: Grade | None

    @property
    def weighted_total(self) -> float:
        return sum(e.weighted for e in self.elements)


def compute(responses: Iterable[Mapping[str, int | None]]) -> IkmResult:
    """The IKM of a set of responses, each a mapping U1..U9 -> 1..4 or None (skipped)."""
    counts = {e: [0, 0, 0, 0] for e in ELEMENTS}
    respondents = 0
    for response in responses:
        answered = False
        for element in ELEMENTS:
            value = response.get(element)
            if value is None:
                continue
            if value not in SCALE:
                raise ValueError(f"{element}: a value 1-4, got {value!r}")
            counts[element][value - 1] += 1
            answered = True
        respondents += answered
    filled = [e for e in ELEMENTS if sum(counts[e])]
    weight = 1 / len(filled) if filled else 0.0
    results = []
    for element in ELEMENTS:
        c = counts[element]
        n = sum(c)
        total = sum(v * k for v, k in zip(SCALE, c))
        nrr = total / n if n else 0.0
        results.append(
            ElementResult(element, n, total, nrr, weight if n else 0.0, nrr * weight if n else 0.0, tuple(c))
        )
    if not filled:
        return IkmResult(respondents, tuple(results), None, None)
    ikm = sum(r.weighted for r in results) * CONVERSION
    return IkmResult(respondents, tuple(results), ikm, grade(ikm))


# Krejcie, R. V. & Morgan, D. W. (1970), "Determining sample size for research activities",
# Educational and Psychological Measurement 30, 607-610, Table 1: population N -> sample S.
# The regulation's Lampiran reproduces this table for the minimum number of respondents.
KREJCIE_MORGAN = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44), (55, 48),
    (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76), (100, 80), (110, 86),
    (120, 92), (130, 97), (140, 103), (150, 108), (160, 113), (170, 118), (180, 123), (190, 127), (200, 132),
    (210, 136), (220, 140), (230, 144), (240, 148), (250, 152), (260, 155), (270, 159), (280, 162), (290, 165),
    (300, 169), (320, 175), (340, 181), (360, 186), (380, 191), (400, 196), (420, 201), (440, 205), (460, 210),
    (480, 214), (500, 217), (550, 226), (600, 234), (650, 242), (700, 248), (750, 254), (800, 260), (850, 265),
    (900, 269), (950, 274), (1000, 278), (1100, 285), (1200, 291), (1300, 297), (1400, 302), (1500, 306),
    (1600, 310), (1700, 313), (1800, 317), (1900, 320), (2000, 322), (2200, 327), (2400, 331), (2600, 335),
    (2800, 338), (3000, 341), (3500, 346), (4000, 351), (4500, 354), (5000, 357), (6000, 361), (7000, 364),
    (8000, 367), (9000, 368), (10000, 370), (15000, 375), (20000, 377), (30000, 379), (40000, 380),
    (50000, 381), (75000, 382), (1000000, 384),
)  # fmt: skip


def minimum_sample(population: int) -> int:
    """The table's sample for ``population``: a population between two rows takes the larger
    row's sample (never fewer respondents than the table asks); above a million, 384."""
    if population <= 0:
        raise ValueError(f"a population is a positive number, got {population}")
    rows = [n for n, _ in KREJCIE_MORGAN]
    i = bisect.bisect_left(rows, population)
    if i == len(rows):
        return KREJCIE_MORGAN[-1][1]
    return min(population, KREJCIE_MORGAN[i][1])


def krejcie_morgan_formula(population: int) -> float:
    """The formula the table was computed from (chi-square 3.841 for 1 degree of freedom at 95 %,
    P = 0.5, d = 0.05); tests check the table against it."""
    chi2, p, d = 3.841, 0.5, 0.05
    return chi2 * population * p * (1 - p) / (d * d * (population - 1) + chi2 * p * (1 - p))
