"""The [receipts] and [email] checks that span keys, and the SMTP password.

Run by kiosk.config.validate, so ``kiosk check-config`` and start-up agree.
Whether the printer has paper or the SMTP server answers is not checked
here: that changes by the minute and the finish screen asks at the time.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kiosk.errors import KnownError


def check(settings) -> None:
    """Raise KnownError naming ``[receipts] key`` / ``[email] key`` and what to do."""
    receipts, email = settings.receipts, settings.email
    if receipts.default not in receipts.offer:
        raise KnownError(
            f"[receipts] default: {receipts.default!r} is not in offer {list(receipts.offer)}",
            hint="make default one of the channels offered",
        )
    printers = [d.name for d in settings.devices if d.kind == "printer"]
    if receipts.printer and receipts.printer not in printers:
        raise KnownError(
            f'[receipts] printer: no [devices.{receipts.printer}] with kind = "printer" (printers: '
            f"{', '.join(printers) or 'none'})",
            hint='name a printer device, or leave printer = "" for the first one',
        )
    if not email.host:
        return
    if not email.sender or "@" not in email.sender:
        raise KnownError(
            f"[email] sender: expected the address receipts are sent from, got {email.sender!r}",
            hint='add sender = "Perpustakaan <perpustakaan@example.org>" under [email]',
        )
    ways = (("password", email.password), ("password_env", email.password_env), ("password_file", email.password_file))
    given = [name for name, value in ways if value]
    if len(given) > 1:
        raise KnownError(
            f"[email] {given[1]}: give the password one way only (also set: {given[0]})",
            hint="keep one of password, password_env, password_file",
        )
    password(settings)


def password(settings) -> str:
    """The SMTP password, from the file, its environment variable or its own file ("" = none)."""
    email = settings.email
    if email.password_env:
        value = os.environ.get(email.password_env)
        if value is None:
            raise KnownError(
                f"[email] password_env: the environment variable {email.password_env} is not set",
                hint=f"export {email.password_env}=... for the kiosk's service (check-config needs the same "
                "environment), or use password_file",
            )
        return value
    if email.password_file:
        path = Path(settings.resolve(email.password_file))
        try:
            mode = path.stat().st_mode
            value = path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise KnownError(
                f"[email] password_file: cannot read {path} ({exc})", hint="point password_file to a readable file"
            ) from exc
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise KnownError(
                f"[email] password_file: {path} can be read by others (mode {stat.filemode(mode)})",
                hint=f"chmod 600 {path}",
            )
        return value
    return email.password
