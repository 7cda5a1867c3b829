"""An answer given at a kiosk that is offline and then loses power is still
in the journal when it starts again: SIGKILL right after the patron taps."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from kiosk import config
from kiosk.journal import Journal

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from kiosk import config
    from kiosk.app import build
    from kiosk.catalog import demo_data as d
    from kiosk.flow import KioskFlow

    settings = config.load(sys.argv[1])
    kiosk = build(settings, threaded=True)
    kiosk.catalog.reachable = False  # an offline day

    def submit(op, on_done, on_error):
        future = kiosk.circulation.submit(op)
        error = future.exception()
        on_error(error) if error else on_done(future.result())

    flow = KioskFlow(kiosk, submit)
    flow.card_presented(d.patron_card(1))
    flow.pin_entered("1234")
    flow.on_code(d.item_barcode(1))
    flow.finish()
    flow.end_session()
    flow.survey.start()
    flow.survey.choose("4")
    flow.survey.choose("3")
    flow.survey.stop()
    os.kill(os.getpid(), signal.SIGKILL)  # the power goes, nothing is closed
    """
)


def test_an_answer_survives_a_power_cut_on_an_offline_day(demo_settings, tmp_path):
    path = tmp_path / "kiosk.toml"
    journal_path = demo_settings.resolve(demo_settings.journal.path)
    text = Path(config.demo_config_path()).read_text(encoding="utf-8")
    text = text.replace('path = "../var/demo-journal.sqlite3"', f'path = "{journal_path}"')
    text = text.replace('path = "../var/demo-catalog.sqlite3"', f'path = "{tmp_path / "catalog.sqlite3"}"')
    text = text.replace("full_every_n = 3", "full_every_n = 1").replace("one_tap = true", "one_tap = false")
    path.write_text(text, encoding="utf-8")
    child = subprocess.run([sys.executable, "-c", CHILD, str(path)], cwd=ROOT, capture_output=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    journal = Journal.open(journal_path)
    try:
        [answer] = journal.survey_answers()
        assert (answer.values["U1"], answer.values["U2"], answer.values["U3"]) == (4, 3, None)
        assert journal.counts()["queued"] == 1  # and the loan it followed, waiting for the catalog
    finally:
        journal.close()
