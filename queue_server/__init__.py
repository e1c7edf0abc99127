"""HallQ queue server: domain core, persistence, API, live events and statistics."""
