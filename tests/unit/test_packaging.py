"""The wheel carries what `kiosk demo` needs: the demo config is package data,
the clone's config/demo.toml is that same file, and an installed kiosk keeps
the demo's data out of site-packages."""

from __future__ import annotations

import fnmatch
import importlib.resources
import tomllib
from pathlib import Path

from kiosk import config

ROOT = Path(__file__).resolve().parents[2]
PACKAGED = importlib.resources.files("kiosk") / "defaults" / "demo.toml"


def _package_data() -> list[str]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["setuptools"]["package-data"]["kiosk"]


def test_the_demo_config_is_in_the_package_and_loads():
    assert PACKAGED.is_file()
    with importlib.resources.as_file(PACKAGED) as path:
        settings = config.load(path)
    assert settings.catalog.kind == "demo"
    assert {d.driver for d in settings.devices} == {"simulated"}  # no hardware, no ILS


def test_package_data_ships_every_file_of_kiosk_defaults():
    patterns = _package_data()
    package = ROOT / "kiosk"
    files = [p.relative_to(package).as_posix() for p in (package / "defaults").iterdir() if p.is_file()]
    assert "defaults/demo.toml" in files
    unshipped = [f for f in files if not any(fnmatch.fnmatch(f, pat) for pat in patterns)]
    assert unshipped == [], "add these to [tool.setuptools.package-data] in pyproject.toml"


def test_the_clones_config_demo_toml_is_the_packaged_file():
    # A copy would drift from what the wheel ships; README and people use this path.
    assert (ROOT / "config" / "demo.toml").resolve() == Path(str(PACKAGED)).resolve()
    assert config.demo_config_path() == ROOT / "config" / "demo.toml"


def test_installed_the_demo_keeps_its_data_in_the_users_state_folder(tmp_path, monkeypatch):
    # An installed package: kiosk/ in site-packages with no config/ beside it.
    site = tmp_path / "site-packages" / "kiosk"
    (site / "defaults").mkdir(parents=True)
    (site / "defaults" / "demo.toml").write_bytes(Path(str(PACKAGED)).read_bytes())
    monkeypatch.setattr(config, "__file__", str(site / "config.py"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = config.demo_config_path()
    assert path == tmp_path / "state" / "kiosk" / "demo" / "demo.toml"
    settings = config.load(path)
    assert settings.resolve(settings.journal.path).parent == tmp_path / "state" / "kiosk" / "var"
    assert not any((tmp_path / "site-packages").rglob("*.sqlite3"))
    # A newer kiosk's defaults replace the copy an older one left.
    path.write_text("# stale\n")
    assert config.demo_config_path().read_bytes() == Path(str(PACKAGED)).read_bytes()
