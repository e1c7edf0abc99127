"""Counter-side apps: staff console, hall TV, window display, evaluator, voice announcer."""
