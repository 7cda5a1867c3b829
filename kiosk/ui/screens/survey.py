"""The survey screens: the one-tap faces after a visit, and the full SKM
questionnaire one question at a time (intro, questions, suggestion,
thank-you). What they show comes from kiosk.survey; the wording of the
questions is the survey's own bilingual content (kiosk/survey/questionnaire.py),
the screens' own words go through Qt's translations."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.survey.flow import Step
from kiosk.survey.questionnaire import QUICK_FACES, QUICK_PROMPT, SUGGESTION_MAX, text
from kiosk.ui import style
from kiosk.ui.keyboard import OnScreenKeyboard
from kiosk.ui.screens.base import ScreenBase
from kiosk.ui.widgets import button, label, set_text

translate = QCoreApplication.translate
MAX_OPTIONS = 6
# Survey buttons are bigger than the kiosk's minimum: a patron answers at arm's length, in passing.
SURVEY_STYLE = f"""
QPushButton {{ min-height: 72px; }}
QPushButton[option="true"] {{ min-height: 84px; text-align: center; }}
QPushButton[face="true"] {{ padding-top: 150px; background: white;
                            color: {style.INK}; border: 3px solid {style.ACCENT}; }}
QPushButton[keyboardKey="true"] {{ min-height: 64px; min-width: 64px; padding: 4px; }}
QPushButton[keyboardKey="true"]:checked {{ background: {style.ACCENT}; color: white; }}
QLabel[prompt="true"] {{ font-weight: 600; }}
QLabel#anonymousNote {{ color: {style.INK}; }}
QProgressBar {{ border: 2px solid {style.ACCENT}; border-radius: 8px; background: white; max-height: 18px; }}
QProgressBar::chunk {{ background: {style.ACCENT}; border-radius: 6px; }}
"""


def anonymous_note() -> str:
    return translate(
        "Survey",
        "Anonymous: your answers are not linked to your card, your name or your visit; only the hour is kept.",
    )


class FaceButton(QPushButton):
    """One of the four faces, from a deep frown (1) to a broad smile (4), drawn, so no emoji font is needed."""

    def __init__(self, value: int) -> None:
        super().__init__()
        self.value = value
        self.setObjectName(f"quickFace{value}")
        self.setFocusPolicy(Qt.NoFocus)
        self.setProperty("face", True)
        self.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
        self.setFixedSize(230, 230)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        size = min(self.width() - 40, 130)
        box = QRectF((self.width() - size) / 2, 18, size, size)
        painter.setPen(QPen(QColor(style.ACCENT), 6))
        painter.drawEllipse(box)
        painter.setBrush(QColor(style.ACCENT))
        for x in (0.35, 0.65):
            painter.drawEllipse(QPointF(box.left() + size * x, box.top() + size * 0.38), size * 0.05, size * 0.05)
        painter.setBrush(Qt.NoBrush)
        curve = (-0.22, -0.08, 0.08, 0.22)[self.value - 1]  # mouth's bend: negative frowns
        y = box.top() + size * (0.68 - curve / 2)
        mouth = QPainterPath(QPointF(box.left() + size * 0.3, y))
        mouth.quadTo(QPointF(box.center().x(), y + size * curve * 2), QPointF(box.left() + size * 0.7, y))
        painter.drawPath(mouth)
        painter.end()


class QuickSurveyScreen(ScreenBase):
    """After a visit: one tap on a face, or skip; the idle countdown runs meanwhile."""

    screen_name = "survey_quick"

    def __init__(self, vm) -> None:
        super().__init__(vm)
        self.setStyleSheet(SURVEY_STYLE)
        self.title = label("title")
        self.faces = [FaceButton(int(value)) for value, _ in QUICK_FACES]
        for face in self.faces:
            face.clicked.connect(lambda _checked=False, v=face.value: vm.quick_chosen(v))
        self.skip = button("quickSkip", secondary=True)
        self.skip.clicked.connect(vm.skip)
        self.note = label("anonymousNote")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addSpacing(24)
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addStretch()
        for face in self.faces:
            row.addWidget(face)
        row.addStretch()
        layout.addLayout(row)
        layout.addSpacing(24)
        skip_row = QHBoxLayout()
        skip_row.addStretch()
        skip_row.addWidget(self.skip)
        skip_row.addStretch()
        layout.addLayout(skip_row)
        layout.addStretch(1)
        layout.addWidget(self.note)
        self.retranslate()

    def retranslate(self) -> None:
        lang = self.vm.language
        self.title.setText(text(QUICK_PROMPT, lang))
        for face, (_, wording) in zip(self.faces, QUICK_FACES):
            set_text(face, text(wording, lang))
        set_text(self.skip, translate("Survey", "Skip"))
        self.note.setText(anonymous_note())


class SurveyScreen(ScreenBase):
    """The full questionnaire: one page per step, a progress bar, and skip always there."""

    screen_name = "survey"

    def __init__(self, vm) -> None:
        super().__init__(vm)
        self.setStyleSheet(SURVEY_STYLE)
        self.progress_text = label("surveyProgressText", align=Qt.AlignLeft | Qt.AlignVCenter)
        self.progress_text.setWordWrap(False)  # "Pertanyaan 12 dari 14" on one line
        self.progress = QProgressBar()
        self.progress.setObjectName("surveyProgress")
        self.progress.setTextVisible(False)
        self.pages = QStackedWidget()
        self.intro, self.question, self.suggestion, self.thanks = (
            self._intro_page(),
            self._question_page(),
            self._suggestion_page(),
            self._thanks_page(),
        )
        for page in (self.intro, self.question, self.suggestion, self.thanks):
            self.pages.addWidget(page)
        self.note = label("anonymousNote")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.progress_text)
        top.addWidget(self.progress, 1)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.note)
        vm.survey_changed.connect(self.render)
        vm.screen_changed.connect(lambda _name: self.render())
        self.retranslate()

    # -- pages ---------------------------------------------------------------------------
    def _intro_page(self) -> QWidget:
        page = QWidget()
        self.intro_title = label("title")
        self.intro_text = label("subtitle")
        self.start = button("surveyStart")
        self.start.clicked.connect(self.vm.start)
        self.decline = button("surveyDecline", secondary=True)
        self.decline.clicked.connect(self.vm.skip)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.intro_title)
        layout.addSpacing(16)
        layout.addWidget(self.intro_text)
        layout.addSpacing(32)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.decline)
        row.addSpacing(32)
        row.addWidget(self.start)
        row.addStretch()
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _question_page(self) -> QWidget:
        page = QWidget()
        self.prompt = label("subtitle")
        self.prompt.setProperty("prompt", True)
        self.options = []
        grid = QGridLayout()
        grid.setSpacing(16)
        for i in range(MAX_OPTIONS):
            b = button(f"surveyOption{i + 1}", secondary=True)
            b.setProperty("option", True)
            b.clicked.connect(lambda _checked=False, i=i: self._chosen(i))
            self.options.append(b)
            grid.addWidget(b, i // 2, i % 2)
        self.skip = button("surveySkip", secondary=True)
        self.skip.clicked.connect(self.vm.skip)
        self.stop = button("surveyStop", secondary=True)
        self.stop.clicked.connect(self.vm.stop)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.prompt)
        layout.addSpacing(24)
        layout.addLayout(grid)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.stop)
        row.addStretch()
        row.addWidget(self.skip)
        layout.addLayout(row)
        return page

    def _suggestion_page(self) -> QWidget:
        page = QWidget()
        self.suggestion_prompt = label("subtitle")
        self.suggestion_prompt.setProperty("prompt", True)
        self.suggestion_hint = label("hint")
        self.field = QLineEdit()
        self.field.setObjectName("suggestionField")
        self.field.setMaxLength(SUGGESTION_MAX)
        self.field.setFocusPolicy(Qt.NoFocus)  # typed on the screen's keys; a scanner's keys go to the window
        self.keyboard = OnScreenKeyboard(self.field)
        self.keyboard.typed.connect(self.vm.typing)
        self.send = button("surveySend")
        self.send.clicked.connect(lambda: self.vm.finish(self.field.text()))
        self.suggestion_skip = button("surveySuggestionSkip", secondary=True)
        self.suggestion_skip.clicked.connect(self.vm.skip)
        layout = QVBoxLayout(page)
        layout.addWidget(self.suggestion_prompt)
        layout.addWidget(self.suggestion_hint)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.suggestion_skip)
        row.addWidget(self.send)
        layout.addLayout(row)
        layout.addWidget(self.keyboard, 1)
        return page

    def _thanks_page(self) -> QWidget:
        page = QWidget()
        self.thanks_title = label("title")
        self.thanks_text = label("subtitle")
        self.done = button("surveyDone")
        self.done.clicked.connect(self.vm.leave)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.thanks_title)
        layout.addWidget(self.thanks_text)
        layout.addSpacing(32)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.done)
        row.addStretch()
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    # -- showing a step ------------------------------------------------------------------
    def _chosen(self, i: int) -> None:
        self.vm.choose(self.vm.question.options[i][0])

    def retranslate(self) -> None:
        self.intro_title.setText(translate("Survey", "Help us improve our service"))
        self.intro_text.setText(
            translate(
                "Survey",
                "The public satisfaction survey: 13 short questions and a suggestion, about two minutes. "
                "Every question can be skipped.",
            )
        )
        set_text(self.start, translate("Survey", "Start"))
        set_text(self.decline, translate("Survey", "No, thank you"))
        set_text(self.skip, translate("Survey", "Skip"))
        set_text(self.stop, translate("Survey", "End the survey"))
        self.suggestion_prompt.setText(translate("Survey", "Any suggestion for the library? (optional)"))
        self.suggestion_hint.setText(translate("Survey", "Please do not write your name or card number."))
        set_text(self.send, translate("Survey", "Send"))
        set_text(self.suggestion_skip, translate("Survey", "Skip"))
        self.keyboard.retranslate(
            translate("Survey", "Shift"), translate("Survey", "space"), translate("Survey", "Delete")
        )
        self.thanks_title.setText(translate("Survey", "Thank you!"))
        self.thanks_text.setText(translate("Survey", "Your answer helps us serve you better."))
        set_text(self.done, translate("Survey", "Done"))
        self.note.setText(anonymous_note())
        self.render()

    def render(self) -> None:
        step = self.vm.step
        page = {Step.INTRO: self.intro, Step.QUESTION: self.question, Step.SUGGESTION: self.suggestion}
        self.pages.setCurrentWidget(page.get(step, self.thanks))
        asking = step in (Step.QUESTION, Step.SUGGESTION)
        self.progress_text.setVisible(asking)
        self.progress.setVisible(asking)
        if asking:
            self.progress.setRange(0, self.vm.total_steps)
            self.progress.setValue(self.vm.position)
            self.progress_text.setText(
                translate("Survey", "Question %1 of %2")
                .replace("%1", str(self.vm.position))
                .replace("%2", str(self.vm.total_steps))
            )
        lang, question = self.vm.language, self.vm.question  # the page behind the intro shows the first
        self.prompt.setText(text(question.prompt, lang))
        for i, b in enumerate(self.options):
            b.setVisible(i < len(question.options))
            set_text(b, text(question.options[i][1], lang) if i < len(question.options) else "—")
        if step is not Step.SUGGESTION or self.vm.screen.value != self.screen_name:
            self.keyboard.reset()  # a suggestion never stays on screen for the next patron
