"""What the survey screens do, without Qt: when a visit gets the one-tap
question or the full questionnaire, which question shows, what a tap, a
skip or walking away does, and the answer written to the journal.

The kiosk's flow (kiosk/flow.py) calls :meth:`SurveyFlow.visit_ended`
when a patron finishes a checkout or a return on purpose (not on an idle
timeout, not when a second patron takes over), and hands the survey
screens' ticks and timeouts to it. Answers go to the journal through the
circulation worker; the patron never waits for the write.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from kiosk.config import SurveySettings
from kiosk.survey.answers import Answer
from kiosk.survey.questionnaire import ELEMENT_QUESTIONS, QUESTIONS, SUGGESTION_MAX, Question
from kiosk.survey.skm import ELEMENTS

log = logging.getLogger(__name__)

QUICK_SCREEN, FULL_SCREEN = "survey_quick", "survey"
THANKS_S = 5  # the thank-you stays this long, or until tapped


class Step(str, enum.Enum):
    QUICK = "quick"  # four faces
    INTRO = "intro"  # "help us improve": start or no thanks
    QUESTION = "question"  # one question of QUESTIONS
    SUGGESTION = "suggestion"  # free text on the on-screen keyboard
    THANKS = "thanks"


# on_journal(fn, on_done): fn(journal) runs on the circulation worker, on_done(result) back on the caller's thread.
OnJournal = Callable[[Callable[[Any], Any], Callable[[Any], None]], None]


class SurveyFlow:
    """One survey at a time; ``step`` and ``index`` say what the screen shows."""

    def __init__(
        self,
        settings: SurveySettings,
        source: str,
        *,
        show: Callable[[str | None], None],  # a survey screen, or None: back to the kiosk's home (and language)
        set_language: Callable[[str], None],
        at_home: Callable[[], bool],  # nobody has started a new visit meanwhile
        on_journal: OnJournal,
        changed: Callable[[], None],
        idle_timeout_s: int,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.settings = settings
        self.source = source
        self._show, self._at_home, self._on_journal, self._changed = show, at_home, on_journal, changed
        self._set_language = set_language
        self.language = ""  # the patron's language at the end of the visit: the survey asks in it
        self._idle_timeout_s = idle_timeout_s
        self._clock = clock
        self.visits = 0
        self.step = Step.QUICK
        self.index = 0
        self.values: dict[str, str | None] = {}
        self.suggestion = ""
        self.quick: int | None = None

    # -- when to ask ---------------------------------------------------------------------
    def visit_ended(self, language: str) -> None:
        """A patron finished a visit in ``language``: maybe ask. Whether staff run a survey
        period is read from the journal (``kiosk survey start`` may have changed it since)."""
        if not self.settings.enabled:
            return
        self.language = language
        self.visits += 1
        self._on_journal(lambda journal: journal.survey_period_open(), self._decide)

    def _decide(self, period_started: str | None) -> None:
        if not self._at_home():
            return  # the next patron is already here
        n = self.settings.full_every_n
        if period_started or (n and self.visits % n == 0):
            self._begin(Step.INTRO, FULL_SCREEN)
        elif self.settings.one_tap:
            self._begin(Step.QUICK, QUICK_SCREEN)

    def _begin(self, step: Step, screen: str) -> None:
        self.step, self.index = step, 0
        self.values, self.suggestion, self.quick = {}, "", None
        self._set_language(self.language)
        self._show(screen)
        self._changed()

    # -- what the screen shows -----------------------------------------------------------
    @property
    def question(self) -> Question:
        return QUESTIONS[self.index]

    @property
    def total_steps(self) -> int:
        """Questions plus the suggestion, for the progress indicator."""
        return len(QUESTIONS) + 1

    @property
    def position(self) -> int:
        """1-based position of the current step in the questionnaire."""
        return len(QUESTIONS) + 1 if self.step is Step.SUGGESTION else self.index + 1

    def timeout_s(self) -> int:
        return {Step.QUICK: self.settings.one_tap_s, Step.THANKS: THANKS_S}.get(self.step, self._idle_timeout_s)

    def shows_countdown(self) -> bool:
        """The idle countdown banner: not over a thank-you."""
        return self.step is not Step.THANKS

    # -- input ---------------------------------------------------------------------------------
    def quick_chosen(self, value: int) -> None:
        self.quick = value
        self._save()
        self._thank()

    def start(self) -> None:
        """The intro's "start": the first question."""
        self.step, self.index = Step.QUESTION, 0
        self._changed()

    def choose(self, value: str) -> None:
        if self.step is Step.QUESTION:
            self.values[self.question.key] = value
            self._next()

    def skip(self) -> None:
        """Skip this question (or the one-tap, the intro, the suggestion): never required."""
        if self.step is Step.QUESTION:
            self.values[self.question.key] = None
            self._next()
        elif self.step is Step.SUGGESTION:
            self.finish("")
        else:
            self.leave()

    def finish(self, suggestion: str) -> None:
        """The suggestion typed (or none): the questionnaire is done."""
        self.suggestion = suggestion.strip()[:SUGGESTION_MAX]
        self._save()
        self._thank()

    def stop(self) -> None:
        """ "Stop the survey": what was answered so far is kept."""
        self._save()
        self._thank()

    def leave(self) -> None:
        """Back to the kiosk's home, keeping any answer given; the survey is over."""
        if self.step in (Step.QUESTION, Step.SUGGESTION):
            self._save()
        self._show(None)

    def timed_out(self) -> None:
        """Nobody answered for a while: the patron has gone; what they answered is kept."""
        log.info("survey left unanswered at %s", self.step.value)
        self.leave()

    def _next(self) -> None:
        if self.index + 1 < len(QUESTIONS):
            self.index += 1
        else:
            self.step = Step.SUGGESTION
        self._changed()

    def _thank(self) -> None:
        self.step = Step.THANKS
        self._show(FULL_SCREEN)
        self._changed()

    # -- the answer ------------------------------------------------------------------------------
    def answer(self) -> Answer | None:
        """The anonymous answer of what was given so far, or None if nothing was."""
        if self.quick is not None:
            return Answer.new(self._clock(), self.source, kind="quick", quick=self.quick)
        values = {e: int(v) if (v := self.values.get(e)) else None for e in ELEMENTS}
        profile = {q.key: self.values.get(q.key) for q in QUESTIONS if q not in ELEMENT_QUESTIONS}
        if not any(values.values()) and not any(profile.values()) and not self.suggestion:
            return None
        return Answer.new(self._clock(), self.source, values=values, profile=profile, suggestion=self.suggestion)

    def _save(self) -> None:
        answer = self.answer()
        self.values, self.suggestion, self.quick = {}, "", None  # saved once, whatever happens next
        if answer is not None:
            self._on_journal(lambda journal: journal.add_survey_answer(answer), lambda _: None)
