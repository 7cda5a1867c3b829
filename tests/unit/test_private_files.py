"""Files with personal data are private whatever the umask, and the card-hash salt is per site."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kiosk.errors import JournalError
from kiosk.ils.demo import DemoLibrary
from kiosk.journal import OLD_DEFAULT_SALT, Journal, salt_path
from kiosk.models import TxKind


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    """The loosest umask a service could run with."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_the_journal_and_its_side_files_are_0600_in_a_0700_folder(tmp_path, open_umask):
    path = tmp_path / "new" / "deeper" / "journal.sqlite3"
    journal = Journal.open(path)
    try:
        journal.begin(TxKind.CHECKOUT, "item", "29001000000019")  # makes the -wal and -shm files
        files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"), salt_path(path)]
        assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
        assert mode(path.parent) == 0o700 and mode(path.parent.parent) == 0o700
    finally:
        journal.close()


def test_an_existing_readable_journal_is_tightened(tmp_path, open_umask):
    path = tmp_path / "journal.sqlite3"
    Journal.open(path).close()
    os.chmod(path, 0o644)
    Journal.open(path).close()
    assert mode(path) == 0o600


def test_the_demo_catalog_is_0600(tmp_path, open_umask):
    path = tmp_path / "demo" / "catalog.sqlite3"
    library = DemoLibrary(path)
    library.close()
    assert mode(path) == 0o600 and mode(path.parent) == 0o700
    assert all(mode(p) == 0o600 for p in path.parent.iterdir())


def test_a_random_salt_is_made_once_per_site_and_kept(tmp_path):
    first = tmp_path / "a" / "journal.sqlite3"
    Journal.open(first).close()
    salt = salt_path(first).read_text().strip()
    assert len(salt) == 64 and salt != OLD_DEFAULT_SALT
    Journal.open(first).close()
    assert salt_path(first).read_text().strip() == salt  # the same on every start
    second = tmp_path / "b" / "journal.sqlite3"
    Journal.open(second).close()
    assert salt_path(second).read_text().strip() != salt  # another site, another salt


def test_the_salt_decides_the_card_hash(tmp_path):
    path = tmp_path / "journal.sqlite3"
    journal = Journal.open(path)
    journal.remember_patron("29001000000019", blocked=True)
    journal.close()
    reopened = Journal.open(path)
    try:
        assert reopened.known_block("29001000000019") is not None  # same salt file, same hash
    finally:
        reopened.close()


def test_the_old_example_salt_is_refused(tmp_path):
    with pytest.raises(JournalError, match="old example value"):
        Journal.open(tmp_path / "journal.sqlite3", salt=OLD_DEFAULT_SALT)


def test_a_salt_file_that_holds_nothing_usable_is_not_replaced(tmp_path):
    path = tmp_path / "journal.sqlite3"
    salt_path(path).write_text("short\n")
    with pytest.raises(JournalError, match="no usable secret"):
        Journal.open(path)
    assert salt_path(path).read_text() == "short\n"


def test_an_in_memory_demo_library_makes_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    DemoLibrary(Path(":memory:")).close()
    assert list(tmp_path.iterdir()) == []
