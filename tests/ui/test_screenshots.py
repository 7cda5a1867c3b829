"""`kiosk screenshots` renders every screen in every language."""

from kiosk.ui.screenshots import render_all

SCREENS = [
    "welcome",
    "help",
    "welcome-large-text",
    "welcome-refused",
    "card_entry",
    "pin",
    "session",
    "session-large-text",
    "session-countdown",
    "finish",
    "finish-phone",
    "account",
    "account-offline",
    "session-offline",
    "session-staff-called",
    "staff_pin",
    "diagnostics",
    "diagnostics-catalog-offline",
    "diagnostics-queue",
    "diagnostics-conflict",
    "diagnostics-catalog",
    "diagnostics-alerts",
    "diagnostics-logs",
    "returns",
    "survey-quick",
    "survey-thanks",
    "survey-intro",
    "survey-question",
    "survey-profile",
    "survey-suggestion",
]


def test_every_screen_in_every_language(demo_settings, tmp_path, qapp):
    written = render_all(demo_settings, tmp_path, size=(1280, 800))
    assert sorted(p.name for p in written) == sorted(f"{s}-{lang}.png" for s in SCREENS for lang in ("id", "en"))
    assert all(p.stat().st_size > 10_000 for p in written)  # real pictures, not blank files
