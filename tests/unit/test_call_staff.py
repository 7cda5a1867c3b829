"""The call-staff button's logic without Qt: one alert per call, on the
worker; the light command on the I/O pool; the notice until cleared."""

from kiosk.call_staff import ALERT_KIND, StaffCall
from kiosk.circulation import OnJournal
from kiosk.config import CallStaffSettings
from kiosk.worker import Offload


class FakeJournal:
    def __init__(self):
        self.alerts = []

    def add_alert(self, kind, message, item_id=""):
        self.alerts.append((kind, message))


def test_one_call_one_alert_then_the_light_and_a_notice_until_cleared():
    journal, ran, submitted, notices = FakeJournal(), [], [], []

    def submit(op, on_done, on_error):
        submitted.append(type(op))
        on_done(op.fn(journal) if isinstance(op, OnJournal) else op.fn())

    call = StaffCall(CallStaffSettings(light_command=("lamp", "on")), "Kiosk 2", submit, run_light=ran.append)
    call.connect(notices.append)
    call.call("session")
    call.call("session")  # a second press while staff are on their way
    assert journal.alerts == [(ALERT_KIND, "a patron asks for help at Kiosk 2 (screen: session)")]
    assert submitted == [OnJournal, Offload]  # the journal on its worker, the lamp off the screen's thread
    assert ran == [("lamp", "on")]
    assert call.open and notices == [True]
    call.clear()
    assert not call.open and notices == [True, False]
    call.call("welcome")  # a new visit may call again
    assert len(journal.alerts) == 2


def test_no_light_configured_runs_nothing():
    submitted = []
    call = StaffCall(CallStaffSettings(), "K", lambda op, done, err: submitted.append(type(op)))
    call.call("help")
    assert submitted == [OnJournal]
