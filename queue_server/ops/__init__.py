"""Operations tools for the hall's IT staff: `hallq backup`, `hallq restore`, `hallq audit`.

Nothing here runs inside the server: each command opens the database itself, does one job and
exits. The server's own code paths (services, repositories) are not involved, so the tools keep
working when the server is down — which is when they are needed most.
"""
