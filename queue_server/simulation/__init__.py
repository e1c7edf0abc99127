"""Discrete-event simulation of hall days, driven by the real domain core.

Windows call `queue_server.domain.dispatch.choose_next` on real `Ticket` / `WindowState`
objects; the estimate shown at issue comes from `queue_server.domain.estimate`. Pure Python
(stdlib `random`, `math`, `heapq`, `statistics`): no database, no web framework, no Qt.
See docs/SIMULATION.md.
"""
