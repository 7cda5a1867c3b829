"""``kiosk run`` fills a real screen — a bare X server with no window
manager (Xvfb), and a Wayland kiosk compositor (cage, headless) — and
``kiosk demo`` puts the kiosk and the whole simulator side by side on
1920x1080. The display servers come with the Makefile's test debs."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def probe(mode: str, env: dict) -> dict:
    run = subprocess.run(
        [sys.executable, "-m", "tests.integration.screen_probe", mode],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def read_line(fifo: Path, process: subprocess.Popen) -> str:
    """The first line written to ``fifo``; fails (instead of hanging) if ``process`` dies first."""
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        data = b""
        while not data.endswith(b"\n"):
            ready, _, _ = select.select([fd], [], [], 60)
            assert ready and process.poll() is None, "the compositor did not start its client"
            chunk = os.read(fd, 256)
            assert chunk, "the compositor's client closed the pipe without a word"
            data += chunk
        return data.decode().strip()
    finally:
        os.close(fd)


@pytest.fixture
def bare_x():
    """An X server with no window manager; its display number comes back once it accepts clients."""
    if not shutil.which("Xvfb"):
        pytest.fail("Xvfb not installed: `make test` installs it (DEBS_TEST), or apt-get install xvfb x11-utils")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as f:
        display = f.readline().strip()  # blocks until the server is ready
    env = {**os.environ, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb"}
    env.pop("WAYLAND_DISPLAY", None)
    yield env
    server.terminate()
    server.wait(timeout=10)


def test_kiosk_run_fills_a_bare_x_screen(bare_x):
    report = probe("run", bare_x)
    assert report["platform"] == "xcb" and report["screen"] == [0, 0, 1920, 1080]
    assert report["kiosk"]["exposed"]
    assert report["kiosk"]["x11"] == [0, 0, 1920, 1080]  # the server's word, not only Qt's


def test_demo_shows_kiosk_and_the_whole_simulator_side_by_side(bare_x):
    report = probe("demo", bare_x)
    kiosk, simulator = report["kiosk"]["x11"], report["simulator"]["x11"]
    assert kiosk[2:] == [1280, 800]
    assert simulator[0] >= kiosk[0] + kiosk[2]  # beside it, not over it
    assert simulator[0] + simulator[2] <= 1920 and simulator[1] + simulator[3] <= 1080  # all of it on screen
    assert report["simulator"]["fits"]  # and nothing in it squeezed below its minimum


def test_kiosk_run_fills_a_cage_kiosk_compositor():
    if not (shutil.which("cage") and shutil.which("Xwayland")):
        pytest.fail("cage or Xwayland not installed: `make test` installs them, or apt-get install cage xwayland")
    root = Path(tempfile.mkdtemp(prefix="kiosk-cage-"))
    try:
        root.chmod(0o777)
        runtime = root / "runtime"
        runtime.mkdir(mode=0o700)
        ready, hold = root / "ready", root / "hold"
        for fifo in (ready, hold):
            os.mkfifo(fifo)
            fifo.chmod(0o666)  # past the umask: cage's client may run as nobody
        wlr = {"WLR_BACKENDS": "headless", "WLR_LIBINPUT_NO_DEVICES": "1", "WLR_RENDERER": "pixman"}
        # cage refuses to run as root; as root it runs as nobody and the probe joins it through its socket.
        as_user = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if os.geteuid() == 0 else []
        if as_user:
            shutil.chown(runtime, "nobody", "nogroup")
        client = f'echo "$WAYLAND_DISPLAY" > {ready}; cat {hold} > /dev/null'
        cage = subprocess.Popen(
            [*as_user, "cage", "--", "sh", "-c", client],
            env={**wlr, "PATH": os.environ["PATH"], "XDG_RUNTIME_DIR": str(runtime), "HOME": str(root)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        socket = read_line(ready, cage)  # cage has started its client: the compositor is up
        try:
            env = {
                **os.environ,
                "QT_QPA_PLATFORM": "wayland",
                "XDG_RUNTIME_DIR": str(runtime),
                "WAYLAND_DISPLAY": str(runtime / socket),
            }
            env.pop("DISPLAY", None)
            report = probe("run", env)
        finally:
            with open(hold, "w") as f:
                f.write("done\n")
            cage.wait(timeout=30)
        assert report["platform"] == "wayland" and report["kiosk"]["exposed"]
        screen = report["screen"]
        assert report["kiosk"]["qt"][2:] == screen[2:]  # the compositor gave it the whole output
    finally:
        shutil.rmtree(root, ignore_errors=True)
