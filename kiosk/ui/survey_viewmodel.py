"""The survey screens' view model: the Qt face of kiosk.survey.flow.SurveyFlow.
Every tap is a sign of a person, so each one restarts the idle clock first."""

from __future__ import annotations

from PySide6.QtCore import Signal

from kiosk.flow import KioskFlow
from kiosk.survey.flow import Step
from kiosk.survey.questionnaire import Question
from kiosk.ui.i18n import Languages
from kiosk.ui.viewmodels import ViewModel


class SurveyViewModel(ViewModel):
    survey_changed = Signal()

    def __init__(self, flow: KioskFlow, languages: Languages) -> None:
        super().__init__(flow, languages)
        self.survey = flow.survey
        flow.survey_changed.connect(self.survey_changed.emit)

    @property
    def language(self) -> str:
        return self.languages.current or self.flow.language

    @property
    def step(self) -> Step:
        return self.survey.step

    @property
    def question(self) -> Question:
        return self.survey.question

    @property
    def position(self) -> int:
        return self.survey.position

    @property
    def total_steps(self) -> int:
        return self.survey.total_steps

    def quick_chosen(self, value: int) -> None:
        self.flow.touch()
        self.survey.quick_chosen(value)

    def start(self) -> None:
        self.flow.touch()
        self.survey.start()

    def choose(self, value: str) -> None:
        self.flow.touch()
        self.survey.choose(value)

    def skip(self) -> None:
        self.flow.touch()
        self.survey.skip()

    def stop(self) -> None:
        self.flow.touch()
        self.survey.stop()

    def finish(self, suggestion: str) -> None:
        self.flow.touch()
        self.survey.finish(suggestion)

    def leave(self) -> None:
        self.survey.leave()

    def typing(self) -> None:
        """A key on the on-screen keyboard: the patron is still here."""
        self.flow.touch()
