"""The pure domain core of HallQ: no I/O, no frameworks."""
