"""Qt Widgets user interface: screens, view model, simulator panel."""
