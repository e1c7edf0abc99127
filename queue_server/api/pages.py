"""Browser pages: the citizen's phone status page `/t/{token}`, booking from a phone `/book`,
and the hall TV `/display`.

The pages are static files from `queue_server/web/`; their scripts read the token, matter or
zone from `location` and talk to `/api/v1`, so nothing from the request is ever templated into
HTML.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import FileResponse

router = APIRouter(tags=["pages"], include_in_schema=False)

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".woff2": "font/woff2",
}
# Revalidate on every load (cheap: 304 by ETag), so a hall TV picks up an upgrade on reload.
BASE_HEADERS = {
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
}
# The token is in the page's URL: never leak it in a Referer; no framing; only our own files.
PAGE_HEADERS = {
    **BASE_HEADERS,
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
        "script-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    ),
}


def serve_page(request: Request, name: str, headers: dict[str, str]) -> Response:
    """A file of `web/` with its content type, an ETag, and 304 when the browser has it."""
    path = WEB_DIR / name
    media_type = CONTENT_TYPES.get(path.suffix)
    if media_type is None or path.parent != WEB_DIR or not path.is_file():
        raise HTTPException(status_code=404)
    response = FileResponse(path, media_type=media_type, headers=headers, stat_result=os.stat(path))
    etag = response.headers["etag"]
    if etag in (tag.strip().removeprefix("W/") for tag in _if_none_match(request)):
        return Response(status_code=304, headers={**headers, "ETag": etag})
    return response


def _if_none_match(request: Request) -> list[str]:
    return request.headers.get("if-none-match", "").split(",")


@router.get("/t/{token}")
def phone_page(token: str, request: Request) -> Response:
    """The ticket's live status page, opened by scanning the slip's QR code."""
    del token  # read by the page's script from location, never templated
    return serve_page(request, "phone.html", PAGE_HEADERS)


@router.get("/book")
def book_page(request: Request) -> Response:
    """预约 from a phone: pick a matter (`?matter=CODE` preselects it), a day and a slot; look
    up or cancel a booking by its code."""
    return serve_page(request, "book.html", PAGE_HEADERS)


@router.get("/display")
def display_page(request: Request) -> Response:
    """The hall TV in a browser (`?zone=A` for one zone's screen)."""
    return serve_page(request, "display.html", PAGE_HEADERS)


@router.get("/web/{name}")
def web_asset(name: str, request: Request) -> Response:
    """Scripts, styles and icons of the pages."""
    return serve_page(request, name, BASE_HEADERS)
