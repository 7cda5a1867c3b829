"""The library behind the fake SIP2 ACS: the demo rule model
(`kiosk.ils.demo.DemoLibrary`) in memory, empty, with the knobs set the way
Koha's C4/SIP behaves, because the kiosk will mostly meet Koha: a checkout of
an item already charged to the same patron is a *renewal* (C4/SIP/ILS.pm
`checkout`, renew_ok), a return of an item not on loan is refused unless
`checkin_not_charged_ok` (Koha's `checked_in_ok`), and fees and holds can be
paid and placed at the kiosk. Its clock stands still at 2024-05-06 10:30.

Every applied state change is in `transactions`, so a test can assert
"exactly one loan" after any network fault.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from kiosk.ils.demo import DemoLibrary, Transaction

__all__ = ["FakeIls", "Transaction"]


class FakeIls(DemoLibrary):
    """An empty library: one patron category and item type (the demo's "dewasa" and "buku")
    with `loan_days`, no loan limit and three renewals; add patrons and items."""

    def __init__(
        self,
        institution_id: str = "MAIN",
        *,
        currency: str = "EUR",
        loan_days: int = 14,
        fine_limit: Decimal = Decimal("5.00"),
        no_block_profile: str = "koha",
        own_loan_checkout: str = "renew",
        checkin_not_charged_ok: bool = False,
        clock: Callable[[], datetime] = lambda: datetime(2024, 5, 6, 10, 30, 0),
    ) -> None:
        super().__init__(
            ":memory:",
            location=institution_id,
            library_name="Fake Library",
            currency=currency,
            fine_limit=fine_limit,
            no_block_profile=no_block_profile,
            own_loan_checkout=own_loan_checkout,
            checkin_not_charged_ok=checkin_not_charged_ok,
            self_service_payments=True,
            farewell="Thank you!",
            clock=clock,
            seed=False,
        )
        self.add_rule("dewasa", "buku", loan_days=loan_days, max_loans=10_000, max_renewals=3)
