"""Subcommands of ``kiosk``: one module per group, each with
``register(commands, diag)`` adding its parsers with a ``handler``.

A new feature adds its module to COMMAND_MODULES; nothing else changes.
"""

COMMAND_MODULES = [
    "kiosk.commands.gui",
    "kiosk.commands.setup",
    "kiosk.commands.status",
    "kiosk.commands.barcodes",
    "kiosk.commands.demo_ils",
    "kiosk.commands.transactions",
    "kiosk.commands.sync",
    "kiosk.commands.rfid",
    "kiosk.commands.report",
]
