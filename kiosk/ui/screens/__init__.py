"""One module per screen of the kiosk."""
