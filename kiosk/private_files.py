"""Files that hold personal data (the journal, the demo catalog, the site's
hash salt): created 0600 in folders the kiosk creates 0700, whatever the
process's umask, and tightened when an older kiosk left them readable.

SQLite creates a database's ``-wal`` and ``-shm`` files with the mode of the
database file itself, so making that file private first covers them; the
ones an older kiosk left behind are tightened here too.
"""

from __future__ import annotations

import logging
import os
import secrets
import tempfile
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")

log = logging.getLogger(__name__)


def private_dir(path: Path) -> None:
    """``path`` and the missing folders above it, each created 0700 (mkdir's mode is cut by the umask)."""
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue  # made by another process meanwhile
        os.chmod(folder, DIR_MODE)


def create_private(path: Path) -> None:
    """Create ``path`` empty and 0600 (in 0700 folders) if it is missing; an existing file is left
    alone until it has proved to be ours (:func:`tighten`), so a path mistyped onto some other
    file never changes that file."""
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    except FileExistsError:
        return
    try:
        os.fchmod(fd, FILE_MODE)  # the umask may have cut FILE_MODE; never widened beyond it
    finally:
        os.close(fd)


def tighten(path: Path) -> None:
    """Make ``path`` and SQLite's side files beside it 0600 (an older kiosk left them 0644)."""
    for file in (path, *(path.with_name(path.name + suffix) for suffix in SQLITE_SIDE_FILES)):
        try:
            if file.stat().st_mode & 0o777 != FILE_MODE:
                os.chmod(file, FILE_MODE)
        except FileNotFoundError:
            pass
        except OSError as exc:  # another user's file: say so, it still works
            log.warning("%s is readable by others and cannot be made private (%s)", file, exc.strerror)


def site_secret(path: Path) -> str:
    """The secret kept in ``path`` (0600), generated at random the first time it is asked for
    (created exclusively, so a second process never overwrites it). ValueError when the file
    holds no usable secret: it is never replaced, as the hashes made with it would be lost."""
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    except FileExistsError:
        secret = path.read_text(encoding="ascii", errors="replace").strip()
        if len(secret) < 32:
            raise ValueError(f"{path} holds no usable secret") from None
        return secret
    secret = secrets.token_hex(32)
    try:
        os.fchmod(fd, FILE_MODE)
        os.write(fd, f"{secret}\n".encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    return secret


def unwritable_folder(path: Path) -> Path | None:
    """The folder that stops ``path`` being created or written by this user (its nearest existing
    folder, tried with a scratch file: permissions, a read-only disk, root's limits), or None."""
    folder = next((p for p in (path.parent, *path.parent.parents) if p.exists()), path.parent)
    try:
        with tempfile.TemporaryFile(dir=folder):
            return None
    except OSError:
        return folder
