"""The look: high contrast, large touch targets (at least 64 px tall),
type that scales with the screen's height so 1280x800 and 1920x1080 both
read well from a step away."""

from __future__ import annotations

INK = "#1b1b1b"
PAPER = "#f7f5f0"
ACCENT = "#00557f"  # library blue, 8.6:1 on white
OK = "#1d6b2f"
REFUSED = "#a4161a"
WARN = "#8a5a00"


def stylesheet(screen_height: int) -> str:
    base = max(18, round(screen_height / 40))  # 20 px at 800, 27 px at 1080
    return f"""
    QWidget {{ background: {PAPER}; color: {INK}; font-size: {base}px; }}
    QLabel#title {{ font-size: {round(base * 2)}px; font-weight: 600; }}
    QLabel#subtitle {{ font-size: {round(base * 1.3)}px; }}
    QLabel#message {{ font-size: {round(base * 1.2)}px; color: {REFUSED}; font-weight: 600; }}
    QLabel#headerName {{ font-size: {round(base * 1.1)}px; font-weight: 600; }}
    QLabel#offlineBadge {{ background: {WARN}; color: white; padding: 6px 14px; border-radius: 8px; }}
    QLabel#deviceAlert {{ background: {REFUSED}; color: white; padding: 6px 14px; border-radius: 8px; }}
    QPushButton {{ background: {ACCENT}; color: white; border: none; border-radius: 10px;
                   padding: 12px 28px; min-height: {round(base * 2.6)}px; font-size: {round(base * 1.1)}px; }}
    QPushButton:pressed {{ background: #003a57; }}
    QPushButton:disabled {{ background: #8a8a8a; }}
    QPushButton[secondary="true"] {{ background: white; color: {ACCENT}; border: 3px solid {ACCENT}; }}
    QPushButton[language="true"] {{ min-width: {base * 9}px; min-height: {round(base * 1.8)}px; padding: 6px 18px; }}
    QPushButton[language="true"]:checked {{ background: {ACCENT}; color: white; }}
    QPushButton#staffButton {{ background: transparent; color: #9a9a9a; min-height: 0; padding: 4px 10px; }}
    QPushButton[pinKey="true"] {{ min-width: {round(base * 4.4)}px; min-height: {round(base * 2.8)}px;
                                  font-size: {round(base * 1.6)}px; }}
    QLineEdit {{ font-size: {round(base * 2)}px; padding: 8px; border: 3px solid {ACCENT}; border-radius: 10px;
                 background: white; lineedit-password-character: 9679; }}
    QListWidget {{ background: white; border: 2px solid #d0ccc2; border-radius: 10px; }}
    QListWidget::item {{ padding: 10px; border-bottom: 1px solid #e4e0d6; }}
    QFrame#countdown {{ background: {WARN}; border-radius: 12px; }}
    QFrame#countdown QLabel {{ background: {WARN}; color: white; font-size: {round(base * 1.3)}px; }}
    QLabel[outcome="ok"] {{ color: {OK}; }}
    QLabel[outcome="refused"] {{ color: {REFUSED}; font-weight: 600; }}
    QLabel[outcome="pending"] {{ color: #555555; }}
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
