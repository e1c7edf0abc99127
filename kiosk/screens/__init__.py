"""The kiosk's screens: thin widgets that show what the controller hands them."""
