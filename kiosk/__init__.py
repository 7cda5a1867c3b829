"""Self-service library circulation kiosk."""
