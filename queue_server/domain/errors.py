"""Domain exceptions: each carries a stable code and a message in English and Chinese.

The API edge maps codes to HTTP statuses in one place (`queue_server.api.errors`).
"""

from __future__ import annotations


class HallqError(Exception):
    """Base of every refusal the hall can explain to a person."""

    code = "error"
    message = "The request cannot be carried out."
    message_zh = "无法办理该请求。"
    retry_after_s: int | None = None  # when asking again may succeed (a rate limit)

    def __init__(
        self,
        message: str | None = None,
        message_zh: str | None = None,
        *,
        retry_after_s: int | None = None,
    ) -> None:
        if message is not None:
            self.message = message
        if message_zh is not None:
            self.message_zh = message_zh
        if retry_after_s is not None:
            self.retry_after_s = retry_after_s
        super().__init__(self.message)


def _error(code: str, message: str, message_zh: str) -> type[HallqError]:
    name = "".join(part.title() for part in code.split("_"))
    return type(name, (HallqError,), {"code": code, "message": message, "message_zh": message_zh})


UnknownMatter = _error("unknown_matter", "No such matter in this hall.", "本大厅没有该事项。")
UnknownWindow = _error("unknown_window", "No such window in this hall.", "本大厅没有该窗口。")
UnknownZone = _error("unknown_zone", "No such function zone in this hall.", "本大厅没有该功能区。")
UnknownTicket = _error("unknown_ticket", "No such ticket.", "没有找到该号票。")
UnknownAppointment = _error(
    "unknown_appointment",
    "No appointment with this code for today.",
    "未找到今天的该预约码。",
)
DatabaseBusy = _error(
    "database_busy", "The database is busy; try again in a moment.", "系统繁忙，请稍后再试。"
)
HallClosed = _error("hall_closed", "The hall is not issuing tickets now.", "大厅现在不取号。")
QuotaExhausted = _error(
    "quota_exhausted",
    "Today's tickets for this matter are all taken.",
    "该事项今日号源已取完。",
)
NoOpenWindow = _error(
    "no_open_window", "No window serves this matter today.", "今天没有窗口办理该事项。"
)
IdLimit = _error(
    "id_limit",
    "This ID number has reached today's ticket limit.",
    "该身份证号今日取号已达上限。",
)
IdRequired = _error(
    "id_required",
    "This matter needs the applicant's ID number.",
    "该事项需要实名取号，请输入身份证号。",
)
InvalidIdNumber = _error(
    "invalid_id_number",
    "The ID number is not a valid 18-digit resident ID.",
    "身份证号码无效，请核对18位号码。",
)
GreenCategoryNotGreen = _error(
    "green_category_not_green",
    "A green-channel category goes only with priority 'green'.",
    "只有绿色通道取号（priority=green）才能填写绿色通道类别。",
)
NothingWaiting = _error("nothing_waiting", "Nobody is waiting for this window.", "当前无人排队。")
WindowPaused = _error(
    "window_paused",
    "The window is paused; resume it first.",
    "窗口已暂停服务，请先恢复。",
)
WindowClosed = _error("window_closed", "Nobody is signed in at this window.", "该窗口无人签到。")
TicketInProgress = _error(
    "ticket_in_progress",
    "Finish the current ticket first (complete, no-show, suspend or transfer).",
    "请先处理当前号票（办结、过号、挂起或转移）。",
)
NoCurrentTicket = _error(
    "no_current_ticket",
    "This window has no ticket in hand.",
    "该窗口当前没有正在办理的号票。",
)
InvalidTransition = _error(
    "invalid_transition",
    "The ticket is not in a state that allows this action.",
    "号票当前状态不允许该操作。",
)
RecallLimit = _error(
    "recall_limit",
    "The ticket has been recalled the maximum number of times; mark it as no-show.",
    "已达最大重呼次数，请按过号处理。",
)
RequeueNotAllowed = _error(
    "requeue_not_allowed",
    "Only a missed (no-show) ticket of today can be re-queued, and only once.",
    "只有今日过号的号票可以重新排队，且只能一次。",
)
AlreadyRated = _error("already_rated", "This service has already been rated.", "该次服务已评价。")
NotRateable = _error(
    "not_rateable",
    "The ticket can be rated once its service has finished.",
    "服务结束后才能评价。",
)
UnknownMaterial = _error(
    "unknown_material",
    "A missing material is not in the matter's guide.",
    "补正材料不在该事项的材料清单中。",
)
MissingMaterialsRequired = _error(
    "missing_materials_required",
    "Outcome needs_more requires the list of missing materials.",
    "补正需要列出缺少的材料。",
)
TransferTarget = _error(
    "bad_transfer",
    "Give a matter or a window to transfer to (one the target can serve).",
    "请指定可以办理的转移事项或窗口。",
)
BadCredentials = _error("bad_credentials", "Wrong staff ID or PIN.", "工号或密码错误。")
TooManyAttempts = _error(
    "too_many_attempts",
    "Too many wrong PINs; try again in a few minutes.",
    "密码错误次数过多，请几分钟后再试。",
)
NotAssigned = _error(
    "not_assigned",
    "This staff member is not assigned to this window (neither A nor B role).",
    "该工作人员不是本窗口的A角或B角。",
)
WindowTaken = _error(
    "window_taken",
    "Another staff member is signed in at this window.",
    "该窗口已有其他工作人员签到。",
)
Unauthorized = _error(
    "unauthorized", "Sign in or present a device key.", "请先登录或提供设备密钥。"
)
Forbidden = _error("forbidden", "You may not do this here.", "无权进行该操作。")
AppointmentNotDue = _error(
    "appointment_not_due",
    "It is too early to check in for this appointment.",
    "尚未到预约签到时间。",
)
AppointmentUsed = _error(
    "appointment_used", "This appointment has already been checked in.", "该预约已签到。"
)
SlotFull = _error("slot_full", "This appointment slot is full.", "该预约时段已约满。")
AlreadyBooked = _error(
    "already_booked",
    "This person already has an appointment for this matter on that day.",
    "该身份证号当天已预约该事项。",
)
IdempotencyConflict = _error(
    "idempotency_conflict",
    "This Idempotency-Key was already used for a different ticket request; "
    "use a new key for a new request.",
    "该请求标识（Idempotency-Key）已用于另一笔取号请求，新的请求请使用新的标识。",
)
ChannelMismatch = _error(
    "channel_mismatch",
    "This caller cannot issue tickets on that channel: a kiosk issues on `kiosk`, the desk "
    "and window staff on `desk`.",
    "取号渠道与调用方不符：自助取号机为kiosk，导办台和窗口工作人员为desk。",
)
BadRange = _error(
    "bad_range",
    "`to` must not be before `from`, and the range at most a year.",
    "结束日期不能早于开始日期，且范围不超过一年。",
)
PeriodNotBegun = _error(
    "period_not_begun",
    "The period starts after the hall's today; there is nothing to report yet.",
    "统计期间晚于大厅今日，尚无数据可统计。",
)

# --- hall operations: appointments, follow-ups, the guide desk -------------------------------
SlotUnavailable = _error(
    "slot_unavailable",
    "This slot cannot be booked (outside opening hours, past, or beyond the booking horizon).",
    "该时段不可预约（不在办公时间、已过或超出可预约天数）。",
)
NotBookable = _error(
    "not_bookable",
    "This matter cannot be booked in advance.",
    "该事项不提供预约。",
)
BookingLimit = _error(
    "booking_limit",
    "This ID number has reached its appointment limit.",
    "该身份证号的预约次数已达上限。",
)
BookingRateLimit = _error(
    "booking_rate_limit",
    "Too many bookings from this network; try again later, or book at the guide desk.",
    "该网络预约过于频繁，请稍后再试，或到大厅导办台预约。",
)
AppointmentCancelled = _error(
    "appointment_cancelled", "This appointment has been cancelled.", "该预约已取消。"
)
AppointmentPast = _error(
    "appointment_past",
    "The appointment's slot has begun; it can no longer be cancelled.",
    "预约时段已开始，不能再取消。",
)
IdMismatch = _error(
    "id_mismatch",
    "The ID number does not match the one this appointment was booked with.",
    "身份证号与预约时填写的不一致。",
)
UnknownFollowup = _error("unknown_followup", "No such follow-up.", "没有找到该差评回访记录。")
FollowupClosed = _error(
    "followup_closed", "This follow-up is already closed.", "该差评回访已办结。"
)
NoteRequired = _error(
    "note_required",
    "Write a note of what was done (it is kept with the follow-up).",
    "请填写处理说明（将随回访记录存档）。",
)

# --- calls for help (呼叫导服) ------------------------------------------------------------
UnknownHelpCall = _error("unknown_help_call", "No such call for help.", "没有找到该求助记录。")
HelpCallAnswered = _error(
    "help_call_answered",
    "This call for help has already been answered.",
    "该求助已有工作人员处理。",
)
HelpCallOpen = _error(
    "help_call_open",
    "This call for help is not answered: there is no answer to take back.",
    "该求助尚未处理，无需撤销。",
)
HelpUndoExpired = _error(
    "help_undo_expired",
    "This call was answered too long ago: the answer can no longer be taken back.",
    "该求助已处理较久，不能再撤销。",
)
HelpCallSuperseded = _error(
    "help_call_superseded",
    "This kiosk has called again since: answer its newer call instead of reopening this one.",
    "该取号机此后已再次呼叫，请处理它的新求助，无需撤销此条。",
)
