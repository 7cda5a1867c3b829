"""systemd's watchdog: the kiosk says READY and pings from its event loop
while its circulation worker turns, so systemd restarts a hung kiosk."""

from __future__ import annotations

import socket
from concurrent.futures import Future

import pytest

from kiosk.app import build
from kiosk.ui.app import GuiKiosk
from kiosk.watchdog import TurnProbe, Watchdog, notify, ping_interval_ms


@pytest.fixture
def systemd(tmp_path):
    """A stand-in for systemd's notify socket: a real AF_UNIX datagram socket."""
    path = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.setblocking(False)
    yield sock, {"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "30000000"}
    sock.close()


def received(sock) -> list[str]:
    messages = []
    while True:
        try:
            messages.append(sock.recv(4096).decode())
        except BlockingIOError:
            return messages


def test_notify_reaches_the_socket_systemd_names(systemd):
    sock, env = systemd
    assert notify("READY=1", env)
    assert received(sock) == ["READY=1"]


def test_nothing_is_sent_outside_systemd():
    assert not notify("READY=1", {})
    assert Watchdog(lambda: True, {}).interval_ms == 0


def test_the_ping_comes_twice_per_watchdog_period():
    assert ping_interval_ms({"WATCHDOG_USEC": "30000000"}) == 15000
    assert ping_interval_ms({"WATCHDOG_USEC": "nonsense"}) == 0


def test_a_worker_stuck_on_one_operation_stops_the_pings(systemd):
    sock, env = systemd
    stuck: Future = Future()  # an operation that never finishes
    watchdog = Watchdog(TurnProbe(lambda: stuck), env)
    assert watchdog.beat()  # the first check only asks the worker to turn
    assert not watchdog.beat()
    assert received(sock) == ["WATCHDOG=1"]
    stuck.set_result(None)
    assert watchdog.beat()


def test_the_kiosk_pings_from_its_event_loop(demo_settings, qtbot, systemd, monkeypatch):
    sock, env = systemd
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    gui = GuiKiosk(build(demo_settings, threaded=False), tick_ms=0)
    qtbot.addWidget(gui.window)
    try:
        gui.start_watchdog()
        assert received(sock) == ["READY=1\nSTATUS=serving patrons"]
        assert gui.watchdog_timer.interval() == 15000
        # No ping while the event loop does not turn...
        assert received(sock) == []
        # ...and one each time its timer fires on the loop.
        gui.watchdog_timer.setInterval(0)
        with qtbot.waitSignal(gui.watchdog_timer.timeout):
            pass
        assert "WATCHDOG=1" in received(sock)
    finally:
        gui.close()
