# The two commands of the README: `make demo` and `make test` (and `make lint`,
# `make bench`). Each installs what is missing (Debian packages, a local
# virtual environment) and is safe to run again.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PYTEST_ARGS ?=

# Qt's runtime libraries (PySide6 wheels bring Qt itself, not these) and a font.
DEBS_QT  := libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 fonts-dejavu-core
# What Qt's xcb platform plugin needs to open a window on a real X display.
DEBS_X11 := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0 \
            libxcb-shape0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1
# What Qt's wayland platform plugin loads, for a kiosk under a Wayland compositor such as cage.
DEBS_WAYLAND := libwayland-cursor0 libwayland-egl1
DEBS_PY  := python3 python3-venv
# pyusb's backend for USB receipt printers (driver "escpos-usb").
DEBS_PRINTER := libusb-1.0-0
# Audio cues (kiosk/sounds.py) play through aplay when no PipeWire/PulseAudio player is there.
DEBS_AUDIO := alsa-utils
# Test-only, so `make demo` does not pull them: pyzbar (the optional zbar
# decoder, which the tests exercise) loads libzbar0 at run time, and the
# label test rasterises the PDF it printed with Ghostscript; the email TLS test makes its certificate
# with openssl; the ILS bridge tests start their own throwaway MariaDB server (mariadbd).
DEBS_TEST := libzbar0 ghostscript openssl mariadb-server
# The real-screen tests: a bare X server (and xwininfo to ask it), and cage with the Xwayland it needs.
DEBS_TEST += xvfb x11-utils cage xwayland
# deploy/ is checked with the tools that read it: promtool (metrics, alert
# rules) and systemd-analyze (the units).
DEBS_TEST += prometheus systemd

.PHONY: demo test fuzz lint bench install print-runtime-debs system-deps system-deps-test translations screenshots clean

demo: $(VENV)/.installed-app
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY$$QT_QPA_PLATFORM" ]; then \
	  echo "No display here (DISPLAY is not set). Run the demo on a desktop, or on a virtual one:"; \
	  echo "    apt-get install -y xvfb && xvfb-run -a -s '-screen 0 1920x1080x24' make demo"; \
	  exit 2; fi
	$(BIN)/kiosk demo

test: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

# The fuzz tests (tests/fuzz/) at FUZZ_EXAMPLES inputs each, with a count per target at the
# end; `make test` runs them at a modest size. `make fuzz FUZZ_EXAMPLES=10000` for a shorter run.
# FUZZ_JOBS processes share the targets (pytest-xdist; default one per core).
FUZZ_EXAMPLES ?= 1000000
FUZZ_JOBS ?= auto
fuzz: $(VENV)/.installed-test
	KIOSK_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/fuzz -q \
		-n $(FUZZ_JOBS) --dist worksteal $(PYTEST_ARGS)

# Checks only: nothing is rewritten (run `ruff format` / `ruff check --fix` by hand).
lint: $(VENV)/.installed-lint
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

# Every benchmark in bench/, each in its own interpreter, one JSON object per line.
bench: $(VENV)/.installed-test
	@set -e; for name in $$($(BIN)/python bench/run.py --list); do \
	  QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py $$name --json; done

# The kiosk on this machine as a service: /opt/kiosk, /etc/kiosk, systemd units,
# udev rules, a `kiosk` user (README, "Deployment"). Run as root.
install:
	tools/install.sh

print-runtime-debs:
	@echo $(DEBS_QT) $(DEBS_X11) $(DEBS_WAYLAND) $(DEBS_AUDIO) $(DEBS_PRINTER)

system-deps:
	@command -v $(PYTHON) >/dev/null 2>&1 && $(PYTHON) -c 'import ensurepip, venv' 2>/dev/null \
	  || tools/ensure-debs.sh $(DEBS_PY)
	@tools/ensure-debs.sh $(DEBS_QT) $(DEBS_X11) $(DEBS_WAYLAND) $(DEBS_AUDIO) $(DEBS_PRINTER)

system-deps-test: system-deps
	@tools/ensure-debs.sh $(DEBS_TEST)

$(BIN)/python:
	@$(MAKE) --no-print-directory system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	@$(MAKE) --no-print-directory system-deps
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	@$(MAKE) --no-print-directory system-deps-test
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@ $(VENV)/.installed-app

$(VENV)/.installed-lint: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[lint]'
	@touch $@

# Refresh the .ts files from the sources (keeps existing translations),
# then compile the .qm files the kiosk loads.
translations: $(VENV)/.installed-app
	$(BIN)/pyside6-lupdate $$(find kiosk -name '*.py' | sort) -no-obsolete -locations none \
	  -ts kiosk/ui/translations/kiosk_id.ts kiosk/ui/translations/kiosk_en.ts
	$(BIN)/pyside6-lrelease kiosk/ui/translations/kiosk_id.ts kiosk/ui/translations/kiosk_en.ts

screenshots: $(VENV)/.installed-app
	QT_QPA_PLATFORM=offscreen $(BIN)/kiosk screenshots --config config/demo.toml --out docs/screenshots

clean:
	rm -rf $(VENV) var build *.egg-info
