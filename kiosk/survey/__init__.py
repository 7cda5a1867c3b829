"""The public satisfaction survey (Survei Kepuasan Masyarakat, SKM) the
kiosk asks after a visit: the questionnaire, the IKM computation, the
answers' one CSV format and the screen logic. No Qt here."""
