"""The look: every text at least 7:1 against its background (WCAG AAA),
every touch target at least 64 x 64 px, type that scales with the screen's
height so 1280x800 and 1920x1080 both read well from a step away, and a
large-text variant the patron switches on in the header.

tests/ui/test_accessibility.py walks every screen's widgets and checks the
colours and sizes Qt actually applied from this sheet."""

from __future__ import annotations

INK = "#1b1b1b"
PAPER = "#f7f5f0"
ACCENT = "#00557f"  # library blue, 8.1:1 on white, 7.4:1 on paper
ACCENT_PRESSED = "#003a57"
OK = "#13592a"  # 7.7:1 on paper
REFUSED = "#a4161a"  # 7.1:1 on paper
WARN = "#6b4500"  # white on it: 8.5:1
PENDING = "#4a4a4a"
DISABLED_BG = "#dcd8cf"
DISABLED_INK = "#333333"
NOTICE = "#13592a"  # "someone is coming"

MIN_TARGET = 64  # px, both ways
LARGE_TEXT = 1.3  # how much larger "large text" makes every font


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)))
    return (lb + 0.05) / (la + 0.05)


def _luminance(colour: str) -> float:
    rgb = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def base_size(screen_height: int, large: bool = False) -> int:
    base = max(18, round(screen_height / 40))  # 20 px at 800, 27 px at 1080
    return round(base * LARGE_TEXT) if large else base


# Qt's min-height/min-width are the content's: a button's box adds its padding and border.
_BUTTON_PAD_V, _BUTTON_PAD_H, _BORDER = 8, 24, 3
_BOX = 2 * (_BUTTON_PAD_V + _BORDER)


def stylesheet(screen_height: int, large: bool = False) -> str:
    """Large text makes reading text 30% larger; titles, which are large already, grow less, so a
    screen at 1280x800 still holds its countdown and its buttons."""
    base = base_size(screen_height, large)
    normal = base_size(screen_height)
    target = max(MIN_TARGET, round(base * 2.6)) - _BOX  # content height of a button 64+ px tall
    header = max(MIN_TARGET, round(base * 2.4)) - _BOX
    key = max(MIN_TARGET, round(base * 2.6)) - _BOX
    wide = MIN_TARGET - 2 * (_BUTTON_PAD_H + _BORDER)
    title = max(round(normal * 1.8), round(base * 1.4))
    subtitle = max(round(normal * 1.3), round(base * 1.1))
    field = max(round(normal * 1.8), round(base * 1.4))
    return f"""
    QWidget {{ background: {PAPER}; color: {INK}; font-size: {base}px; }}
    QLabel#title {{ font-size: {title}px; font-weight: 600; }}
    QLabel#subtitle {{ font-size: {subtitle}px; }}
    QLabel#message {{ font-size: {round(base * 1.2)}px; color: {REFUSED}; font-weight: 600; }}
    QLabel#headerName {{ font-size: {round(base * 1.1)}px; font-weight: 600; }}
    QLabel#offlineBadge {{ background: {WARN}; color: white; padding: 6px 14px; border-radius: 8px; }}
    QLabel#deviceAlert {{ background: {REFUSED}; color: white; padding: 6px 14px; border-radius: 8px; }}
    QPushButton {{ background: {ACCENT}; color: white; border: {_BORDER}px solid {ACCENT}; border-radius: 10px;
                   padding: {_BUTTON_PAD_V}px {_BUTTON_PAD_H}px; min-height: {target}px; min-width: {wide}px;
                   font-size: {round(base * 1.1)}px; }}
    QPushButton:pressed {{ background: {ACCENT_PRESSED}; border-color: {ACCENT_PRESSED}; }}
    QPushButton:disabled {{ background: {DISABLED_BG}; color: {DISABLED_INK}; border-color: {DISABLED_BG}; }}
    QPushButton[secondary="true"] {{ background: white; color: {ACCENT}; }}
    QPushButton[secondary="true"]:pressed {{ background: {ACCENT_PRESSED}; color: white; }}
    QPushButton[header="true"] {{ min-height: {header}px; min-width: {MIN_TARGET - 2 * (14 + _BORDER)}px;
                                  padding: {_BUTTON_PAD_V}px 14px; font-size: {base}px; }}
    QPushButton[header="true"]:checked {{ background: {ACCENT}; color: white; }}
    QPushButton[pinKey="true"] {{ min-width: {round(base * 4.4)}px; min-height: {key}px;
                                  font-size: {round(base * 1.6)}px; }}
    QLineEdit {{ font-size: {field}px; padding: 8px; border: 3px solid {ACCENT}; border-radius: 10px;
                 background: white; color: {INK}; lineedit-password-character: 9679; }}
    QListWidget {{ background: white; color: {INK}; border: 2px solid #8a8578; border-radius: 10px; }}
    QListWidget::item {{ padding: 10px; border-bottom: 1px solid #d0ccc2; }}
    QFrame#countdown, QFrame#staffComing {{ padding: 0px; }}
    QFrame#countdown {{ background: {WARN}; border-radius: 12px; }}
    QFrame#countdown QLabel {{ background: {WARN}; color: white; font-size: {round(base * 1.3)}px; }}
    QFrame#staffComing {{ background: {NOTICE}; border-radius: 12px; }}
    QFrame#staffComing QLabel {{ background: {NOTICE}; color: white; font-size: {round(base * 1.3)}px;
                                 font-weight: 600; }}
    QLabel[outcome="ok"] {{ color: {OK}; }}
    QLabel[outcome="refused"] {{ color: {REFUSED}; font-weight: 600; }}
    QLabel[outcome="pending"] {{ color: {PENDING}; }}
    QLabel[role="heading"] {{ font-size: {round(base * 1.3)}px; font-weight: 600; }}
    QLabel[diag="ok"] {{ color: {INK}; }}
    QLabel[diag="bad"] {{ color: {REFUSED}; font-weight: 600; }}
    QFrame[diagRow="true"] {{ background: white; border: 2px solid #d0ccc2; border-radius: 10px; }}
    QFrame[diagRow="true"] QLabel {{ background: white; }}
    QPushButton[nav="true"] {{ min-width: {base * 8}px; }}
    QPushButton[nav="true"]:checked {{ background: {ACCENT}; color: white; }}
    QPushButton[danger="true"] {{ color: {REFUSED}; border-color: {REFUSED}; }}
    QPushButton#diagExitConfirm {{ background: {REFUSED}; color: white; }}
    QFrame#diagExitConfirmBar {{ border: 3px solid {REFUSED}; border-radius: 12px; }}
    """
