"""What a 10 tells the return station over SIP2: not on loan, late with
the fine, the sort bin (CL), and whom a hold waits for (DA)."""

from datetime import date, timedelta

from kiosk.models import Destination
from tests.fakes.sip2_kiosk import PASSWORD, USERNAME, library
from tests.fakes.sip2_server import FakeSip2Server


def test_a_late_return_carries_its_fine_and_a_hold_its_patron(catalog_for):
    ils = library(checkin_not_charged_ok=True, currency="IDR")
    ils.lend("I1", "P1", due=date.today() - timedelta(days=5))  # five days late on the kiosk's return date
    ils.place_hold("I1", "P2")
    ils.update_item("I1", sort_bin="H3")
    with FakeSip2Server(ils, username=USERNAME, password=PASSWORD) as srv:
        catalog = catalog_for(srv)
        back = catalog.checkin("I1")
        shelf = catalog.checkin("I2")  # never lent
    assert back.ok and back.late and back.fine == 2500 and back.was_on_loan
    assert back.destination is Destination.HOLD_SHELF and back.sort_bin == "H3" and back.hold_patron == "Budi Santoso"
    assert back.screen_message == ""  # "Item was overdue" is said in the patron's language instead
    assert shelf.ok and not shelf.was_on_loan and not shelf.late
