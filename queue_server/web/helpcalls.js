/* The calls for help (呼叫导服) on the staff pages — the guide desk's `/help-desk` and the
 * help panel of the dashboard `/admin`, one code for both: the open calls with 已处理, the
 * chime and flash for a new call, the reminder while calls stay open (the hall's
 * `help_remind_s`), the overdue mark in words (`help_overdue_min`), the rule stated in a
 * sentence, and 撤销 / Undo for a few seconds after 已处理.
 *
 * Plain ES2015 without modules, loaded after hallq.js and staff.js; a page passes STRINGS to
 * its HallQStaff.Page. Server strings go in as text.
 */
(function (global) {
  'use strict';
  var H = global.HallQ;
  var S = global.HallQStaff;

  // [key, 中文, English]: both languages side by side, so neither is forgotten.
  var STRINGS = [
    ['help_hall', '大厅', 'Hall'],
    ['help_device', '取号机 {device}', 'Kiosk {device}'],
    ['help_screen', '停留在“{screen}”', 'on “{screen}”'],
    ['help_at', '{t} 呼叫', 'called at {t}'],
    ['help_waiting', '已等候 {t}', 'waiting {t}'],
    ['help_answer', '已处理', 'Answered'],
    ['help_lang_zh', '中文界面', 'Chinese'],
    ['help_lang_en', '英文界面', 'English'],
    ['help_overdue', '超时未处理', 'Overdue'],
    ['help_rules', '有求助未处理时，每 {remind}再次响铃提醒；等候超过 {overdue}标为“超时未处理”。',
      'While a call is open the chime rings again every {remind}; a call waiting over {overdue} is marked “Overdue”.'],
    ['help_rules_quiet', '等候超过 {overdue}的求助标为“超时未处理”（不重复响铃提醒）。',
      'A call waiting over {overdue} is marked “Overdue” (the chime does not ring again).'],
    ['help_undo_text', '已处理：{where} · {device}', 'Answered: {where} · {device}'],
    ['help_undo', '撤销（{n}）', 'Undo ({n})'],
    ['sc_home', '首页', 'Home'],
    ['sc_matters', '事项列表', 'Matter list'],
    ['sc_guide', '办事指南', 'Guide'],
    ['sc_green', '绿色通道', 'Green channel'],
    ['sc_identity', '身份证号输入', 'ID number'],
    ['sc_appointment', '预约签到', 'Appointment check-in'],
    ['sc_requeue', '过号重排', 'Re-queue'],
    ['sc_ticket', '取号结果', 'Ticket'],
    ['sc_closed', '非取号时段', 'Closed']
  ];

  // A call turns amber, then red, after waiting this long (seconds).
  var WARN_S = 120;
  var LATE_S = 300;
  var NEW_MS = 10000; // a new call stands out this long
  var FLASH_MS = 3000;
  var UNDO_MS = 8000; // how long 撤销 stays after 已处理

  /**
   * The open calls for help, oldest first: where, which kiosk, the screen and language the
   * citizen was on, since when, the wait ticking, and 已处理. A call that appears after the
   * first showing rings the chime (when switched on), flashes the page and stands out for a
   * while; the count goes to the document title. While calls are open the chime rings (and
   * the page flashes) again every `remind_s`, counted from the last ring; a call waiting
   * `overdue_s` is marked overdue, in colour and in words.
   * opts: list, empty, count (elements); sound (the switch's button; optional), soundKey;
   * rules (optional: the element stating the reminder and overdue rule); undo (true when the
   * page offers 撤销 after 已处理, in its #undo box with #undo-text, #undo-button, #undo-error);
   * onChange() (a call answered or reopened here, or answered elsewhere first: fetch again).
   */
  function HelpCalls(page, opts) {
    this.page = page;
    this.opts = opts;
    this.sound = opts.sound ? new S.SoundSwitch(page, opts.sound, opts.soundKey) : null;
    this.calls = [];
    this.cells = [];
    this.firstSeen = {}; // call id → when this page first showed it (0: already open)
    this.primed = false; // calls open when the page is opened are not "new"
    this.flashTimer = 0;
    this.settings = null; // {remind_s, overdue_s}: the hall's, with the calls
    this.remindAt = 0; // when the reminder rings next; 0 while nothing is open
    this.undo = opts.undo ? new Undo(this, {
      box: document.getElementById('undo'),
      text: document.getElementById('undo-text'),
      button: document.getElementById('undo-button'),
      error: document.getElementById('undo-error')
    }) : null;
  }

  /** Forget what was seen (signed out, another zone): what is open then is not new. */
  HelpCalls.prototype.reset = function () {
    this.calls = [];
    this.firstSeen = {};
    this.primed = false;
    this.settings = null;
    this.remindAt = 0;
    this.page.setBadge(0);
    this.renderRules();
  };

  /** Signed out: forget everything, the offer to undo too. */
  HelpCalls.prototype.leave = function () {
    this.reset();
    if (this.undo) this.undo.offer(null);
  };

  HelpCalls.prototype.waited = function (call) {
    return Math.max(0, (this.page.now() - Date.parse(call.at)) / 1000);
  };

  HelpCalls.prototype.place = function (call) {
    return call.zone ? this.page.zoneName(call.zone) : this.page.t('help_hall');
  };

  HelpCalls.prototype.screenName = function (code) {
    return this.page.has('sc_' + code) ? this.page.t('sc_' + code) : code;
  };

  /** Show `calls` (the server's open calls, oldest first) under the hall's `settings`
   * ({remind_s, overdue_s}); ring for the new ones. */
  HelpCalls.prototype.show = function (calls, settings) {
    var self = this;
    var fresh = 0;
    var at = Date.now();
    calls.forEach(function (c) {
      if (self.firstSeen[c.id] !== undefined) return;
      self.firstSeen[c.id] = self.primed ? at : 0;
      if (self.primed) fresh += 1;
    });
    this.primed = true;
    this.calls = calls;
    this.settings = {
      remind_s: settings && settings.remind_s > 0 ? settings.remind_s : 0,
      overdue_s: settings && settings.overdue_s > 0 ? settings.overdue_s : 0
    };
    this.render();
    this.page.setBadge(calls.length);
    if (fresh) this.announce();
  };

  /** Ring (if switched on) and flash; the reminder counts again from here. */
  HelpCalls.prototype.announce = function () {
    if (this.sound) this.sound.ring();
    var body = document.body;
    body.classList.remove('help-flash');
    void body.offsetWidth; // restart the animation when calls come in a row
    body.classList.add('help-flash');
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(function () { body.classList.remove('help-flash'); }, FLASH_MS);
    var ms = this.remindMs();
    this.remindAt = ms ? Date.now() + ms : 0;
  };

  HelpCalls.prototype.remindMs = function () {
    return this.settings && this.settings.remind_s ? this.settings.remind_s * 1000 : 0;
  };

  /** While calls are open, ring (and flash) again every `remind_s`: a call left waiting in a
   * noisy hall is not missed. The chime still sounds only once someone switched it on. */
  HelpCalls.prototype.remind = function () {
    var ms = this.remindMs();
    if (!ms || !this.calls.length) {
      this.remindAt = 0;
    } else if (!this.remindAt) {
      this.remindAt = Date.now() + ms;
    } else if (Date.now() >= this.remindAt) {
      this.announce();
    }
  };

  /** "1 分钟" for whole minutes, else "n 秒": the hall's settings in the rule's sentence. */
  HelpCalls.prototype.span = function (seconds) {
    if (seconds % 60 === 0) return this.page.t('minutes', { n: seconds / 60 });
    return this.page.t('seconds', { n: seconds });
  };

  HelpCalls.prototype.renderRules = function () {
    var box = this.opts.rules;
    if (!box) return;
    var s = this.settings;
    box.hidden = !s || !s.overdue_s;
    if (box.hidden) return;
    var overdue = this.span(s.overdue_s);
    box.textContent = s.remind_s
      ? this.page.t('help_rules', { remind: this.span(s.remind_s), overdue: overdue })
      : this.page.t('help_rules_quiet', { overdue: overdue });
  };

  /** Set a node's text only when it changes: a node under the pointer stays as it is. */
  function text(node, value) {
    if (node.textContent !== value) node.textContent = value;
  }

  /**
   * The list, updated in place (new calls, calls gone, another language): the card of a call
   * still open is kept — the same nodes, the same 已处理 button — and only the cards of new
   * calls are added and those of calls gone removed. A rebuild on every event would replace
   * the button under a finger or the pointer, and a tap landing during it would be lost
   * (mousedown on the old button, mouseup on the new one: no click).
   */
  HelpCalls.prototype.render = function () {
    var self = this;
    var list = this.opts.list;
    if (this.sound) this.sound.render(); // its text follows the language
    this.renderRules();
    if (this.undo) this.undo.render();
    H.show(this.opts.empty, this.calls.length === 0);
    text(this.opts.count, this.calls.length ? String(this.calls.length) : '');
    var kept = {};
    this.cells.forEach(function (cell) { kept[cell.call.id] = cell; });
    var cells = this.calls.map(function (c) {
      var cell = kept[c.id];
      // A card whose answer went through is not reused: the call is back (撤销), anew.
      if (cell && !cell.answered) {
        delete kept[c.id];
        cell.call = c;
      } else {
        cell = self.build(c);
      }
      self.fill(cell);
      return cell;
    });
    var current = {};
    cells.forEach(function (cell) { current[cell.call.id] = cell; });
    Object.keys(kept).forEach(function (id) {
      var li = kept[id].li;
      if (current[id] && current[id].li === li) return;
      if (li.parentNode === list) list.removeChild(li);
    });
    // Oldest first; cards already in their place are not touched (new calls come last).
    var next = list.firstChild;
    cells.forEach(function (cell) {
      if (cell.li === next) {
        next = next.nextSibling;
      } else {
        list.insertBefore(cell.li, next);
      }
    });
    while (next) { // anything else left in the list (not a card of ours)
      var after = next.nextSibling;
      list.removeChild(next);
      next = after;
    }
    this.cells = cells;
    this.paint();
  };

  /** A call's card, empty: `fill` writes its text. */
  HelpCalls.prototype.build = function (c) {
    var self = this;
    var cell = { call: c, answered: false };
    var li = H.el('li', 'help-call');
    li.setAttribute('data-help', c.id);
    var head = H.el('div', 'help-head');
    cell.where = head.appendChild(H.el('b', 'help-where'));
    cell.ago = head.appendChild(H.el('span', 'help-ago', ''));
    cell.overdue = head.appendChild(H.el('span', 'help-overdue-tag'));
    cell.overdue.hidden = true;
    li.appendChild(head);
    var meta = H.el('div', 'help-meta');
    cell.device = meta.appendChild(H.el('span', 'help-device'));
    if (c.screen) cell.screen = meta.appendChild(H.el('span', 'help-screen'));
    if (c.lang === 'zh' || c.lang === 'en') {
      cell.lang = meta.appendChild(H.el('span', 'help-lang help-lang-' + c.lang));
    }
    cell.at = meta.appendChild(H.el('span', 'help-at'));
    li.appendChild(meta);
    cell.error = li.appendChild(H.el('div', 'error'));
    cell.error.hidden = true;
    var actions = H.el('div', 'help-actions');
    cell.done = actions.appendChild(H.el('button', 'help-answer primary'));
    cell.done.type = 'button';
    cell.done.addEventListener('click', function () { self.answer(cell); });
    li.appendChild(actions);
    cell.li = li;
    return cell;
  };

  /** A card's text in the page's language (only what changed is written). */
  HelpCalls.prototype.fill = function (cell) {
    var page = this.page;
    var c = cell.call;
    text(cell.where, this.place(c));
    text(cell.overdue, page.t('help_overdue'));
    text(cell.device, page.t('help_device', { device: c.device }));
    if (cell.screen) text(cell.screen, page.t('help_screen', { screen: this.screenName(c.screen) }));
    if (cell.lang) text(cell.lang, page.t('help_lang_' + c.lang));
    text(cell.at, page.t('help_at', { t: page.clockText(c.at, !page.isToday(c.at)) }));
    text(cell.done, page.t('help_answer'));
  };

  /** " · ⚠ 超时未处理" for a call waiting `overdue_s` or longer, else "": for the words of a
   * call's alert elsewhere on the page (the dashboard's alerts bar). */
  HelpCalls.prototype.overdueNote = function (call) {
    var overdueS = this.settings ? this.settings.overdue_s : 0;
    if (!overdueS || this.waited(call) < overdueS) return '';
    return ' · ⚠ ' + this.page.t('help_overdue');
  };

  /** The waits, and how urgent each call looks. */
  HelpCalls.prototype.paint = function () {
    var self = this;
    var at = Date.now();
    var overdueS = this.settings ? this.settings.overdue_s : 0;
    this.cells.forEach(function (cell) {
      var seconds = self.waited(cell.call);
      text(cell.ago, self.page.t('help_waiting', { t: self.page.preciseDuration(seconds) }));
      var seen = self.firstSeen[cell.call.id];
      var overdue = overdueS > 0 && seconds >= overdueS;
      cell.overdue.hidden = !overdue;
      var className = 'help-call' +
        (seconds >= LATE_S ? ' help-late' : seconds >= WARN_S ? ' help-warn' : '') +
        (overdue ? ' help-overdue' : '') +
        (seen && at - seen < NEW_MS ? ' help-new' : '');
      if (cell.li.className !== className) cell.li.className = className;
    });
  };

  /** Every second: the waits, the reminder, and the countdown of 撤销. */
  HelpCalls.prototype.tick = function () {
    this.paint();
    this.remind();
    if (this.undo) this.undo.render();
  };

  /** 已处理: the call leaves every page (also when someone else was quicker); answered from
   * here, it may be taken back for a few seconds. */
  HelpCalls.prototype.answer = function (cell) {
    var self = this;
    var call = cell.call;
    var button = cell.done;
    if (button.disabled) return;
    button.disabled = true;
    H.show(cell.error, false);
    this.page.api('POST', '/api/v1/admin/help/' + call.id + '/answer').then(function (answer) {
      if (answer.status === 401) return self.page.signOut('expired');
      if (answer.status === 200 && self.undo) self.undo.offer(call);
      if (answer.status === 200 || (H.apiError(answer) || {}).code === 'help_call_answered') {
        cell.answered = true;
        self.opts.onChange();
        return;
      }
      button.disabled = false;
      self.page.showError(cell.error, answer, 'unreachable');
    }, function () {
      button.disabled = false;
      self.page.showError(cell.error, null, 'unreachable');
    });
  };

  /**
   * 撤销 / Undo: after 已处理 on this page, a bar offers for UNDO_MS to reopen the call (a
   * tap by mistake); it comes back on this page and on every other. Only the latest answer
   * has the offer. els: box, text, button, error.
   */
  function Undo(help, els) {
    var self = this;
    this.help = help;
    this.els = els;
    this.call = null;
    this.until = 0;
    els.button.addEventListener('click', function () { self.takeBack(); });
  }

  Undo.prototype.offer = function (call) {
    this.call = call;
    this.until = call ? Date.now() + UNDO_MS : 0;
    this.els.button.disabled = false;
    H.show(this.els.error, false);
    this.render();
  };

  Undo.prototype.render = function () {
    var page = this.help.page;
    var left = this.until - Date.now();
    if (!this.call || left <= 0) {
      this.call = null;
      this.els.box.hidden = true;
      return;
    }
    this.els.box.hidden = false;
    H.setText(this.els.text, page.t('help_undo_text', {
      where: this.help.place(this.call), device: this.call.device
    }));
    H.setText(this.els.button, page.t('help_undo', { n: Math.ceil(left / 1000) }));
  };

  /** Reopen the call just answered (`POST /admin/help/{id}/reopen`). */
  Undo.prototype.takeBack = function () {
    var self = this;
    var page = this.help.page;
    var call = this.call;
    var button = this.els.button;
    if (!call || button.disabled) return;
    button.disabled = true;
    var failed = function (answer) {
      self.until = Date.now() + UNDO_MS; // time to read why, and to try again
      page.showError(self.els.error, answer, 'unreachable');
    };
    page.api('POST', '/api/v1/admin/help/' + call.id + '/reopen').then(function (answer) {
      button.disabled = false;
      if (answer.status === 401) return page.signOut('expired');
      var code = (H.apiError(answer) || {}).code;
      if (answer.status === 200 || code === 'help_call_open') {
        self.offer(null);
        self.help.opts.onChange();
        return;
      }
      failed(answer);
      // Refused for good (its kiosk has called again; answered too long ago): say why, and
      // offer no second try; the list shows what is open.
      if (code === 'help_call_superseded' || code === 'help_undo_expired') {
        button.disabled = true;
        self.help.opts.onChange();
      }
    }, function () {
      button.disabled = false;
      failed(null);
    });
  };

  global.HallQHelp = { STRINGS: STRINGS, HelpCalls: HelpCalls };
})(window);
