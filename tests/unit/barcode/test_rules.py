"""What scanned codes mean: check digits, rule matching and config validation."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.barcode.rules import (
    Rule,
    RuleSet,
    code39_mod43_valid,
    ean13_valid,
    isbn10_valid,
    luhn_valid,
)

# A typical library configuration: Codabar patron cards and item labels in
# the 14-digit "2/3 + institution + sequence + check" scheme, ISBNs on books.
LIBRARY_RULES = [
    {"name": "patron card", "kind": "patron", "prefix": "2", "length": 14, "symbologies": ["codabar"], "check": "luhn"},
    {"name": "item label", "kind": "item", "prefix": "3", "length": 14, "symbologies": ["codabar"], "check": "luhn"},
    {"name": "isbn", "kind": "item", "prefix": "978", "length": 13, "symbologies": ["ean13"], "check": "ean13"},
    {
        "name": "old label",
        "kind": "item",
        "min_length": 6,
        "max_length": 12,
        "symbologies": ["code39"],
        "check": "code39_mod43",
    },
]

# Patron 2 / institution 1234 / sequence 00001234 / check 4.  Luhn by hand over
# 2123400001234: doubling every other digit from the right gives
# 2*2+2*2+4*2+0+0+2*2+4*2 = 28, the rest 1+3+0+0+1+3 = 8, 36 -> check 4.
PATRON_CARD = "21234000012344"


@pytest.fixture(scope="module")
def rules():
    return RuleSet.from_config(LIBRARY_RULES)


# --- check digits on published examples ------------------------------------


@pytest.mark.parametrize(
    "check, code",
    [
        (luhn_valid, "79927398713"),  # the textbook Luhn example
        (luhn_valid, PATRON_CARD),
        (ean13_valid, "9780306406157"),  # ISBN 978-0-306-40615-7
        (ean13_valid, "9780131103627"),  # ISBN of K&R, The C Programming Language 2e
        (ean13_valid, "4006381333931"),  # a retail EAN-13
        (isbn10_valid, "0306406152"),  # ISBN 0-306-40615-2
        (isbn10_valid, "080442957X"),  # ISBN 0-8044-2957-X, check value 10
        (code39_mod43_valid, "LIB12345M"),  # as python-barcode prints it
    ],
)
def test_published_codes_pass_their_check(check, code):
    assert check(code)


@pytest.mark.parametrize(
    "check, code",
    [
        (luhn_valid, "79927398710"),
        (luhn_valid, "2123400001234A"),
        (ean13_valid, "9780306406158"),
        (ean13_valid, "978030640615"),  # check digit missing
        (isbn10_valid, "0306406153"),
        (isbn10_valid, "08044295X7"),  # X only allowed last
        (code39_mod43_valid, "LIB12345N"),
    ],
)
def test_corrupted_codes_fail_their_check(check, code):
    assert not check(code)


# --- classification ----------------------------------------------------------


def test_codabar_card_is_a_patron_with_start_stop_characters_stripped(rules):
    result = rules.classify(f"A{PATRON_CARD}B", "codabar")
    assert result.accepted
    assert (result.kind, result.rule, result.normalized) == ("patron", "patron card", PATRON_CARD)
    assert result.message_key == "barcode.accepted.patron"


def test_isbn_on_a_book_is_an_item(rules):
    result = rules.classify("9780306406157", "ean13")
    assert (result.kind, result.rule, result.normalized) == ("item", "isbn", "9780306406157")


def test_mistyped_card_number_is_refused_for_its_check_digit(rules):
    result = rules.classify("21234000012345", None)
    assert not result.accepted
    assert result.kind is None
    assert (result.reason, result.rule, result.message_key) == (
        "check_digit",
        "patron card",
        "barcode.rejected.check_digit",
    )


def test_truncated_card_number_is_refused_for_its_length(rules):
    assert rules.classify("2123400001234", "codabar").reason == "length"


def test_barcode_type_the_library_does_not_use_is_refused_as_such(rules):
    result = rules.classify(PATRON_CARD, "code128")
    assert (result.reason, result.message_key) == ("symbology", "barcode.rejected.symbology")
    assert rules.classify("https://example.org", "qrcode").reason == "symbology"


def test_code_no_rule_is_about_is_unknown(rules):
    result = rules.classify("4006381333931", "ean13")  # a DVD's retail EAN, not an ISBN
    assert (result.reason, result.rule, result.message_key) == ("no_rule", None, "barcode.rejected.no_rule")
    assert rules.classify("999", "codabar").reason == "no_rule"
    assert rules.classify("", None).reason == "no_rule"
    assert RuleSet([]).classify(PATRON_CARD, "codabar").reason == "no_rule"


def test_first_matching_rule_wins():
    rules = RuleSet.from_config(
        [
            {"name": "staff card", "kind": "patron", "prefix": "29", "length": 14, "check": "luhn"},
            {"name": "patron card", "kind": "patron", "prefix": "2", "length": 14, "check": "luhn"},
        ]
    )
    assert rules.classify("29999000000018", "codabar").rule == "staff card"
    assert rules.classify(PATRON_CARD, "codabar").rule == "patron card"


def test_keyboard_wedge_scan_without_symbology_still_classifies(rules):
    # Wedge scanners type the code, often with its Codabar framing and a CR/LF.
    assert rules.classify(f"A{PATRON_CARD}B\r\n", None).normalized == PATRON_CARD
    assert rules.classify("9780306406157\n", None).kind == "item"


def test_code39_letters_that_look_like_codabar_framing_are_kept():
    rules = RuleSet.from_config([{"name": "any", "kind": "item"}])
    assert rules.classify("A123B", "code39").normalized == "A123B"


def test_code39_check_character_may_be_a_space(rules):
    # Mod-43 value 38 is the space character, a legitimate final character.
    assert code39_mod43_valid("HUKBK93WP ")
    assert rules.classify("HUKBK93WP ", "code39").rule == "old label"


def test_isbn10_accepts_lowercase_check_x_and_normalises_it():
    rules = RuleSet.from_config([{"name": "isbn10", "kind": "item", "length": 10, "check": "isbn10"}])
    assert rules.classify("080442957x", None).normalized == "080442957X"


def _luhn_digit(body: str) -> str:
    """Reference Luhn check digit, written independently of the module under test."""
    digits = [int(d) for d in reversed(body)]
    total = sum(sum(divmod(d * 2, 10)) if i % 2 == 0 else d for i, d in enumerate(digits))
    return str(-total % 10)


def _ean_digit(body: str) -> str:
    return str(-sum(int(d) * (1, 3)[i % 2] for i, d in enumerate(body)) % 10)


def _one_digit_changed(data, code: str) -> str:
    position = data.draw(st.integers(0, len(code) - 1))
    replacement = data.draw(st.sampled_from([d for d in "0123456789" if d != code[position]]))
    return code[:position] + replacement + code[position + 1 :]


@given(body=st.text("0123456789", min_size=13, max_size=13), data=st.data())
def test_any_single_digit_error_on_a_card_number_is_rejected(rules, body, data):
    card = "2" + body[:12]
    card += _luhn_digit(card)
    assert rules.classify(card, "codabar").accepted
    assert not rules.classify(_one_digit_changed(data, card), "codabar").accepted


@given(body=st.text("0123456789", min_size=9, max_size=9), data=st.data())
def test_any_single_digit_error_on_an_isbn_is_rejected(rules, body, data):
    isbn = "978" + body
    isbn += _ean_digit(isbn)
    assert rules.classify(isbn, "ean13").accepted
    assert not rules.classify(_one_digit_changed(data, isbn), "ean13").accepted


# --- configuration -----------------------------------------------------------


def test_rule_from_config_fills_defaults():
    rule = Rule.from_mapping({"name": "anything", "kind": "item"})
    assert (rule.prefix, rule.min_length, rule.max_length, rule.check) == ("", None, None, "none")
    assert rule.symbologies is None  # any
    exact = Rule.from_mapping({"name": "card", "kind": "patron", "length": 14, "symbologies": "Codabar"})
    assert (exact.min_length, exact.max_length, exact.symbologies) == (14, 14, frozenset({"codabar"}))


@pytest.mark.parametrize(
    "entry, key",
    [
        ({"name": "x", "kind": "item", "min_lenght": 3}, "min_lenght"),
        ({"kind": "item"}, "name"),
        ({"name": "x", "kind": "book"}, "kind"),
        ({"name": "x", "kind": "item", "prefix": 2}, "prefix"),
        ({"name": "x", "kind": "item", "length": "14"}, "length"),
        ({"name": "x", "kind": "item", "length": True}, "length"),
        ({"name": "x", "kind": "item", "max_length": 0}, "max_length"),
        ({"name": "x", "kind": "item", "min_length": 9, "max_length": 3}, "min_length"),
        ({"name": "x", "kind": "item", "length": 9, "min_length": 3}, "length"),
        ({"name": "x", "kind": "item", "symbologies": ["codabar", "code-128"]}, "symbologies"),
        ({"name": "x", "kind": "item", "symbologies": []}, "symbologies"),
        ({"name": "x", "kind": "item", "check": "mod11"}, "check"),
    ],
)
def test_bad_config_names_the_offending_key(entry, key):
    with pytest.raises(ValueError, match=f"'{key}'"):
        Rule.from_mapping(entry)


def test_duplicate_rule_names_are_refused():
    with pytest.raises(ValueError, match="duplicate rule name 'card'"):
        RuleSet.from_config([{"name": "card", "kind": "patron"}, {"name": "card", "kind": "item"}])
