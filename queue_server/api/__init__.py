"""The HTTP and WebSocket edge of the queue server."""
