"""Every refusal leaves the server as `{"error": {code, message, message_zh}}` with a 4xx."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request, WebSocket
from fastapi.exceptions import RequestValidationError, WebSocketRequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError as DBAPIDataError
from sqlalchemy.exc import OperationalError as DBAPIOperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from queue_server.domain import errors

log = logging.getLogger(__name__)

STATUS = {
    "unknown_matter": 404,
    "unknown_window": 404,
    "unknown_zone": 404,
    "unknown_ticket": 404,
    "unknown_appointment": 404,
    "hall_closed": 409,
    "quota_exhausted": 409,
    "no_open_window": 409,
    "id_limit": 429,
    "too_many_attempts": 429,
    "id_required": 422,
    "invalid_id_number": 422,
    "green_category_not_green": 422,
    "unknown_material": 422,
    "missing_materials_required": 422,
    "bad_transfer": 422,
    "bad_range": 422,
    "period_not_begun": 422,
    "bad_credentials": 401,
    "unauthorized": 401,
    "forbidden": 403,
    "not_assigned": 403,
    "slot_unavailable": 409,
    "not_bookable": 409,
    "booking_limit": 429,
    "booking_rate_limit": 429,
    "appointment_cancelled": 409,
    "appointment_past": 409,
    "id_mismatch": 403,
    "unknown_followup": 404,
    "followup_closed": 409,
    "note_required": 422,
    "database_busy": 503,
    "idempotency_conflict": 409,
    "channel_mismatch": 403,
    "unknown_help_call": 404,
    "help_call_answered": 409,
    "help_call_open": 409,
    "help_undo_expired": 409,
    "help_call_superseded": 409,
}  # everything else a domain refusal raises is a state conflict: 409


def error_response(status: int, code: str, message: str, message_zh: str) -> JSONResponse:
    return JSONResponse(
        status_code=status,
        content={"error": {"code": code, "message": message, "message_zh": message_zh}},
    )


def _too_long(where: str, ctx: dict[str, Any], value: Any) -> str:
    most = ctx.get("max_length", "")
    if isinstance(value, str):
        return f"{where} 太长（最多{most}个字符）"
    return f"{where} 项目太多（最多{most}项）"


def _too_short(where: str, ctx: dict[str, Any], value: Any) -> str:
    least = ctx.get("min_length", "")
    if least == 1:
        return f"{where} 不能为空"
    if isinstance(value, str):
        return f"{where} 太短（至少{least}个字符）"
    return f"{where} 项目太少（至少{least}项）"


def _describe(err: dict[str, Any]) -> tuple[str, str]:
    loc = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
    kind = err.get("type", "")
    where = loc or "request body"
    ctx = err.get("ctx") or {}
    zh = {
        "missing": f"缺少必填项：{where}",
        "json_invalid": "请求内容不是有效的JSON",
        "extra_forbidden": f"不认识的字段：{where}",
        "string_too_long": _too_long(where, ctx, "x"),
        "string_too_short": _too_short(where, ctx, err.get("input")),
        "too_long": _too_long(where, ctx, err.get("input")),
        "too_short": _too_short(where, ctx, err.get("input")),
        "literal_error": f"{where} 的取值无效，可选：{ctx.get('expected', '')}",
        "enum": f"{where} 的取值无效，可选：{ctx.get('expected', '')}",
        "string_pattern_mismatch": f"{where} 的格式不正确",
        "greater_than_equal": f"{where} 不能小于 {ctx.get('ge', '')}",
        "less_than_equal": f"{where} 不能大于 {ctx.get('le', '')}",
        "greater_than": f"{where} 必须大于 {ctx.get('gt', '')}",
        "less_than": f"{where} 必须小于 {ctx.get('lt', '')}",
        "int_type": f"{where} 应为整数",
        "int_parsing": f"{where} 应为整数",
        "string_type": f"{where} 应为文字",
        "bool_type": f"{where} 应为 true 或 false",
        "list_type": f"{where} 应为列表",
        "date_from_datetime_parsing": f"{where} 应为日期（YYYY-MM-DD）",
        "date_parsing": f"{where} 应为日期（YYYY-MM-DD）",
        "model_attributes_type": f"{where} 应为对象",
        "dict_type": f"{where} 应为对象",
    }.get(kind, f"{where} 的值无效")
    return f"{where}: {err.get('msg', 'invalid')}", zh


def _database_trouble(text: str) -> tuple[str, str, str]:
    """What a person should be told when the database cannot do its job."""
    text = text.lower()
    if "locked" in text or "busy" in text:
        return (
            "database_busy",
            "The database is busy; try again in a moment.",
            "系统繁忙，请稍后再试。",
        )
    if "readonly" in text or "read-only" in text:
        return (
            "database_read_only",
            "The hall database cannot be written; call the IT staff.",
            "数据库无法写入，请联系信息科。",
        )
    if "full" in text:
        return (
            "storage_full",
            "The server's disk is full; call the IT staff.",
            "服务器存储空间已满，请联系信息科。",
        )
    return (
        "database_unavailable",
        "The hall database is unavailable; try again shortly.",
        "数据库暂时无法使用，请稍后再试。",
    )


def install(app: FastAPI) -> None:
    @app.exception_handler(errors.HallqError)
    async def _domain(_req: Request, exc: errors.HallqError) -> JSONResponse:
        status = STATUS.get(exc.code, 409)
        response = error_response(status, exc.code, exc.message, exc.message_zh)
        if exc.retry_after_s is not None:
            response.headers["Retry-After"] = str(exc.retry_after_s)
        elif status == 503:
            response.headers["Retry-After"] = "2"
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(_req: Request, exc: RequestValidationError) -> JSONResponse:
        details = [_describe(e) for e in exc.errors()[:5]]
        return error_response(
            422,
            "invalid_input",
            "Invalid input — " + "; ".join(en for en, _ in details),
            "输入有误——" + "；".join(zh for _, zh in details),
        )

    @app.exception_handler(WebSocketRequestValidationError)
    async def _ws_invalid(ws: WebSocket, exc: WebSocketRequestValidationError) -> None:
        details = [_describe(e) for e in exc.errors()[:5]]
        await ws.send_denial_response(
            error_response(
                422,
                "invalid_input",
                "Invalid input — " + "; ".join(en for en, _ in details),
                "输入有误——" + "；".join(zh for _, zh in details),
            )
        )

    @app.exception_handler(DBAPIOperationalError)
    async def _database(_req: Request, exc: DBAPIOperationalError) -> JSONResponse:
        code, en, zh = _database_trouble(str(exc.orig))
        log.error("database unavailable (%s): %s", code, exc.orig)
        response = error_response(503, code, en, zh)
        response.headers["Retry-After"] = "2"
        return response

    @app.exception_handler(DBAPIDataError)
    async def _data(_req: Request, exc: DBAPIDataError) -> JSONResponse:
        # The schemas refuse what a database cannot store; this is the safety net.
        log.warning("database refused a value: %s", exc.orig)
        return error_response(
            422, "invalid_input", "A value cannot be stored.", "输入内容包含无法保存的字符。"
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_req: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:  # the body could not be parsed at all
            return error_response(
                422,
                "invalid_input",
                "The request body is not valid JSON.",
                "请求内容不是有效的JSON。",
            )
        code, en, zh = {
            404: ("not_found", "No such address.", "地址不存在。"),
            405: ("method_not_allowed", "Method not allowed here.", "不支持该请求方法。"),
            413: ("body_too_large", "The request body is too large.", "请求内容过大。"),
        }.get(exc.status_code, ("http_error", str(exc.detail), "请求无法处理。"))
        return error_response(exc.status_code, code, en, zh)

    @app.exception_handler(Exception)
    async def _crash(_req: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return error_response(
            500, "internal", "Internal error; the hall staff have been told.", "系统内部错误。"
        )
