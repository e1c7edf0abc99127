"""HallQ touch kiosk: Qt screens plus Qt-free slip rendering and ESC/POS printing."""
