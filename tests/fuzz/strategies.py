"""Text a hostile peer sends: digits from other scripts, huge numbers, NaN, control bytes."""

from __future__ import annotations

from functools import cache

from hypothesis import strategies as st

# Characters that look like digits to str.isdigit() but are not ASCII, and friends.
TRICKY = "0123456789 ²³¹٠١٢٣٤٥٦٧٨٩０１２３４５６７８９.,-+eEZNaIfinty\ufffd\x00\x7f"
NASTY_VALUES = st.sampled_from(
    ["1e999999", "NaN", "sNaN", "Infinity", "-Infinity", "9" * 400, "0²0", "99991231   Z235959", "", " " * 18]
)
field_text = st.one_of(
    st.text(TRICKY, max_size=24),
    NASTY_VALUES,
    st.text(st.characters(blacklist_characters="|\r\n", blacklist_categories=["Cs"]), max_size=30),
)


@cache  # one strategy per width: building strategies is most of what a draw costs
def fixed_text(width: int):
    """A fixed-width field of the right width and any content."""
    return st.one_of(
        st.text(TRICKY, min_size=width, max_size=width),
        st.text(
            st.characters(blacklist_characters="|\r\n", blacklist_categories=["Cs"]), min_size=width, max_size=width
        ),
    )
