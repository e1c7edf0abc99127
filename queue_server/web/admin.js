/* The live supervision dashboard `/admin`: sign in as an admin (staff id + PIN, no window;
 * the token stays in sessionStorage), then GET /api/v1/admin/overview and the open
 * follow-ups, re-fetched (debounced) on every event of WS /api/v1/events and every 30 s.
 * Waits grow without events, so the longest wait per zone, the open calls for help and
 * their alerts tick every second from `oldest_since` / `at` and the server's clock.
 * Sign-in, text and the clock are staff.js's; the calls for help (their chime, the reminder
 * while one is open, the overdue mark and 撤销 / Undo after 已处理) are helpcalls.js's: both
 * shared with the guide desk's page `/help-desk`. A follow-up card's head, the citizen's
 * words and the contact / close form are followupcards.js's, shared with the leads' page
 * `/followups`.
 */
(function () {
  'use strict';
  var H = window.HallQ;
  var F = window.HallQFollowups;

  // [key, 中文, English]: both languages side by side, so neither is forgotten.
  var STRINGS = [
    ['title', '现场监管', 'Live supervision'],
    ['login_title', '管理员登录', 'Administrator sign-in'],
    ['login_hint', '请使用管理员工号和密码登录。',
      'Sign in with an administrator\'s staff ID and PIN.'],
    ['not_admin', '该账号不是管理员，无权查看现场监管。',
      'This account is not an administrator; the dashboard is for administrators only.'],
    ['all_clear', '运行正常，暂无告警', 'All clear — no alerts'],
    ['alert_wait', '{zone}：最长等候已 {wait}，超过目标 {target}',
      '{zone}: longest wait {wait}, over the {target} target'],
    ['alert_fault', '打印机故障：{printer}（{device}）{reason}',
      'Printer fault: {printer} ({device}) {reason}'],
    ['alert_followups', '差评回访逾期 {n} 件，请尽快处理', '{n} follow-up(s) of bad ratings overdue'],
    ['alert_help', '{where}：市民呼叫工作人员，已等候 {wait}',
      '{where}: a citizen is calling for staff, waiting {wait}'],
    ['dismiss', '知道了', 'Dismiss'],
    ['waiting', '等候人数', 'Waiting'],
    ['longest', '最长等候', 'Longest wait'],
    ['target', '目标 {t}', 'target {t}'],
    ['win_open', '开放', 'open'],
    ['win_paused', '暂停', 'paused'],
    ['win_closed', '未开放', 'closed'],
    ['zone_followups', '差评待办 {n}', 'Follow-ups {n}'],
    ['zone_overdue', '逾期 {n}', '{n} overdue'],
    ['zone_faults', '打印机故障 {n}', 'Printer faults {n}'],
    ['zone_help', '求助 {n}', 'Help calls {n}'],
    ['windows', '窗口状态', 'Windows'],
    ['windows_summary', '开放 {open} · 暂停 {paused} · 未开放 {closed}',
      '{open} open · {paused} paused · {closed} closed'],
    ['col_window', '窗口', 'Window'],
    ['col_zone', '功能区', 'Zone'],
    ['col_status', '状态', 'Status'],
    ['col_staff', '工作人员', 'Staff'],
    ['col_ticket', '当前号', 'Ticket'],
    ['st_open', '开放', 'Open'],
    ['st_paused', '暂停', 'Paused'],
    ['st_closed', '未开放', 'Closed'],
    ['windows_none', '目前没有开放的窗口。', 'No window is open now.'],
    ['closed_list', '未开放（{n}）：', 'Closed ({n}): '],
    ['followups', '差评回访', 'Follow-ups of bad ratings'],
    ['followups_none', '暂无待办的差评回访。', 'No follow-ups open.'],
    ['followups_more', '此处只列出最新的 {shown} 件，共 {n} 件待办。',
      'Only the newest {shown} of {n} open follow-ups are listed here.'],
    ['followups_all', '在“差评回访”页查看全部（逾期的排在最前）', 'See them all, overdue first, on the follow-ups page'],
    ['faults', '打印机故障', 'Printer faults'],
    ['faults_none', '近期没有打印机故障。', 'No printer faults lately.'],
    ['help', '求助', 'Help calls'],
    ['help_none', '暂无待处理的求助。', 'Nobody is waiting for help.'],
    ['fu_contact_due', '联系时限 {t}', 'Contact by {t}'],
    ['fu_fix_due', '办结时限 {t}', 'Close by {t}'],
    ['fu_contacted', '已联系', 'Contacted'],
    ['fu_overdue', '逾期', 'overdue'],
    ['fu_window', '{n}号窗口', 'window {n}'],
    ['fu_contact', '记录联系', 'Log contact'],
    ['fu_close', '办结', 'Close'],
    ['res_contacted', '已联系解释', 'Contacted and explained'],
    ['res_fixed', '已整改', 'Fixed'],
    ['res_appeal', '申诉', 'Appeal'],
    ['r_paper_out', '缺纸', 'out of paper'],
    ['r_offline', '离线', 'offline'],
    ['r_refused', '拒绝连接', 'connection refused'],
    ['r_timeout', '响应超时', 'timed out'],
    ['r_usb_missing', 'USB 未连接', 'USB not connected'],
    ['r_serial_missing', '串口无法打开', 'serial port unavailable'],
    ['r_driver_missing', '缺少驱动', 'driver missing'],
    ['r_io_error', '写入失败', 'write error']
  ];
  var DEBOUNCE_MS = 300;
  var REFRESH_MS = 30000;
  // The newest open follow-ups listed here. The panel is refetched on every event: with a
  // backlog, the whole list (most urgent first) is worked on /followups, and the panel says
  // how many it leaves out and links there.
  var FOLLOWUPS_SHOWN = 50;

  var overview = null;
  var followups = [];
  var followupCards = {}; // follow-up id → its card in the panel (F.keyed)
  var faultCards = {}; // a fault's seq → its row in the faults list
  var zoneCells = {};
  var socket = new H.LiveSocket({
    url: function () { return H.eventsUrl({ since: overview ? overview.seq : null }); },
    onMessage: function () { scheduleRefresh(DEBOUNCE_MS); },
    onOnline: function (online) { P.setLive(online); }
  });
  var P = new window.HallQStaff.Page({
    strings: window.HallQHelp.STRINGS.concat(F.STRINGS, STRINGS),
    roles: ['admin'],
    storage: 'hallq.admin',
    refused: 'not_admin',
    title: 'title',
    onEnter: function () {
      refresh();
      socket.start();
    },
    onLeave: function () {
      socket.stop();
      overview = null;
      help.leave();
      // The next one signed in here starts afresh: no form left open, nothing typed.
      followupCards = F.keyed(document.getElementById('followups'), followupCards, [], null, null);
      faultCards = F.keyed(document.getElementById('faults'), faultCards, [], null, null);
    },
    onLang: function () { renderAll(); }
  });
  var help = new window.HallQHelp.HelpCalls(P, {
    list: document.getElementById('help'),
    empty: document.getElementById('help-empty'),
    count: document.getElementById('help-count'),
    sound: document.getElementById('sound-toggle'),
    soundKey: 'hallq.admin.sound',
    rules: document.getElementById('help-rules'),
    undo: true,
    onChange: function () { refresh(); }
  });
  var dismissed = parseJSON(P.load('dismissed')) || {};
  var alertRows = {}; // alert key → its row in the alerts bar (updateAlerts)
  var allClear = null; // the bar's 运行正常 row, kept like the others

  // --- small helpers ------------------------------------------------------------------------
  function t(key, vars) { return P.t(key, vars); }

  function parseJSON(text) {
    try { return text ? JSON.parse(text) : null; } catch (e) { return null; }
  }

  // --- data ---------------------------------------------------------------------------------
  var fetcher = new window.HallQStaff.Refresher(P, function () {
    return Promise.all([
      P.api('GET', '/api/v1/admin/overview'),
      P.api('GET', '/api/v1/followups?status=open&limit=' + FOLLOWUPS_SHOWN)
    ]).then(function (answers) {
      var ov = answers[0];
      if (ov.status === 401) return P.signOut('expired');
      if (ov.status === 403) return P.signOut('not_admin');
      if (ov.status === 200 && ov.body && typeof ov.body.seq === 'number') {
        overview = ov.body;
        P.serverTime(overview.at);
        overview.zones.forEach(function (z) { P.zones[z.code] = P.zones[z.code] || z; });
      }
      if (answers[1].status === 200 && Array.isArray(answers[1].body)) followups = answers[1].body;
      renderAll();
    });
  }, DEBOUNCE_MS);

  function scheduleRefresh(delay) { fetcher.soon(delay); }

  function refresh() { fetcher.now(); }

  // --- rendering ----------------------------------------------------------------------------
  function renderAll() {
    if (!overview) return;
    renderZones();
    renderWindows();
    help.show(overview.help_calls || [], {
      remind_s: overview.help_remind_s, overdue_s: overview.help_overdue_s
    });
    renderFollowups();
    renderFaults();
    tick();
  }

  function waitedSeconds(zone) {
    if (!zone.waiting || !zone.oldest_since) return 0;
    return Math.max(0, (P.now() - Date.parse(zone.oldest_since)) / 1000);
  }

  function overTarget(zone) {
    return zone.waiting > 0 && waitedSeconds(zone) >= overview.wait_alert_min * 60;
  }

  function renderZones() {
    var box = document.getElementById('zones');
    box.textContent = '';
    zoneCells = {};
    overview.zones.forEach(function (z) {
      var card = H.el('article', 'card zone');
      card.setAttribute('data-zone', z.code);
      var head = H.el('header', 'zone-head');
      head.appendChild(H.el('span', 'zone-code', z.prefix || z.code));
      head.appendChild(H.el('span', 'zone-name', P.zoneName(z.code)));
      card.appendChild(head);

      var figures = H.el('div', 'figures');
      var waiting = H.el('div', 'figure');
      waiting.appendChild(H.el('div', 'label', t('waiting')));
      waiting.appendChild(H.el('div', 'value zone-waiting', z.waiting));
      figures.appendChild(waiting);
      var longest = H.el('div', 'figure');
      longest.appendChild(H.el('div', 'label', t('longest')));
      var wait = H.el('div', 'value zone-wait', '');
      longest.appendChild(wait);
      figures.appendChild(longest);
      card.appendChild(figures);

      var meter = H.el('div', 'meter');
      var fill = H.el('div', 'meter-fill');
      meter.appendChild(fill);
      card.appendChild(meter);
      card.appendChild(H.el('div', 'target', t('target', {
        t: P.duration(overview.wait_alert_min * 60)
      })));

      var chips = H.el('div', 'chips');
      chips.appendChild(H.el('span', 'chip chip-open', z.windows_open + ' ' + t('win_open')));
      chips.appendChild(H.el('span', 'chip chip-paused', z.windows_paused + ' ' + t('win_paused')));
      chips.appendChild(H.el('span', 'chip chip-closed', z.windows_closed + ' ' + t('win_closed')));
      card.appendChild(chips);

      var foot = H.el('div', 'zone-foot');
      var fu = H.el('span', 'foot-item' + (z.followups_open ? ' has' : ''),
        t('zone_followups', { n: z.followups_open }));
      if (z.followups_overdue) {
        fu.appendChild(H.el('span', 'overdue', t('zone_overdue', { n: z.followups_overdue })));
      }
      foot.appendChild(fu);
      foot.appendChild(H.el('span', 'foot-item' + (z.printer_faults ? ' bad' : ''),
        t('zone_faults', { n: z.printer_faults })));
      if (z.help_calls) {
        foot.appendChild(H.el('span', 'foot-item bad', t('zone_help', { n: z.help_calls })));
      }
      card.appendChild(foot);
      box.appendChild(card);
      zoneCells[z.code] = { card: card, wait: wait, fill: fill, zone: z };
    });
  }

  /** Open and paused windows one per row; closed ones summed up in one line below. */
  function renderWindows() {
    var body = document.getElementById('windows');
    body.textContent = '';
    var count = { open: 0, paused: 0, closed: 0 };
    var closed = [];
    overview.windows.forEach(function (w) {
      count[w.status] = (count[w.status] || 0) + 1;
      if (w.status === 'closed') {
        closed.push(w.number);
        return;
      }
      var tr = H.el('tr', 'win win-' + w.status);
      tr.setAttribute('data-window', w.number);
      var name = P.lang === 'en' ? (w.name_en || w.name) : w.name;
      var first = H.el('td', 'win-name');
      first.appendChild(H.el('b', '', w.number));
      first.appendChild(H.el('span', '', name));
      tr.appendChild(first);
      tr.appendChild(H.el('td', 'muted col-zone', P.zoneName(w.zone)));
      var st = H.el('td');
      st.appendChild(H.el('span', 'status st-' + w.status, t('st_' + w.status)));
      if (w.status === 'paused' && w.pause_reason) {
        st.appendChild(H.el('span', 'reason', w.pause_reason));
      }
      tr.appendChild(st);
      tr.appendChild(H.el('td', '', w.staff_name || w.staff_id || '—'));
      tr.appendChild(H.el('td', 'ticket', w.current || '—'));
      body.appendChild(tr);
    });
    H.show('windows-none', count.open + count.paused === 0);
    H.show('windows-table', count.open + count.paused > 0);
    H.show('windows-closed', closed.length > 0);
    H.setText('windows-closed-label', t('closed_list', { n: closed.length }));
    H.setText('windows-closed-list', closed.join(P.lang === 'en' ? ', ' : '、'));
    H.setText('windows-summary', t('windows_summary', count));
  }

  function renderFollowups() {
    H.setText('followups-count', overview.followups_open
      ? overview.followups_open + (overview.followups_overdue
        ? ' · ' + t('zone_overdue', { n: overview.followups_overdue }) : '') : '');
    renderFollowupsMore();
    H.show('followups-empty', followups.length === 0);
    followupCards = F.keyed(document.getElementById('followups'), followupCards, followups,
      followupCard, fillFollowup);
  }

  /** With more open than listed: says so plainly, and links to /followups for all of them. */
  function renderFollowupsMore() {
    var more = overview.followups_open > followups.length;
    H.show('followups-more', more);
    if (!more) return;
    H.setText('followups-more-text', t('followups_more', {
      shown: followups.length, n: overview.followups_open
    }));
    H.setText('followups-more-link', t('followups_all'));
  }

  /** A follow-up's card, empty: `fillFollowup` writes its words. Its buttons and an open
   * form stay while the follow-up is listed (F.keyed). */
  function followupCard(f) {
    var card = { f: f, made: null };
    var li = card.li = H.el('li', 'fu');
    li.setAttribute('data-followup', f.id);
    card.body = li.appendChild(H.el('div', 'fu-body'));
    var actions = li.appendChild(H.el('div', 'fu-actions'));
    card.contact = actions.appendChild(H.el('button', 'small'));
    card.contact.type = 'button';
    card.contact.addEventListener('click', function () { openForm(card, 'contact'); });
    card.close = actions.appendChild(H.el('button', 'small primary'));
    card.close.type = 'button';
    card.close.addEventListener('click', function () { openForm(card, 'close'); });
    return card;
  }

  function fillFollowup(card, f) {
    card.f = f;
    var className = 'fu' + (f.contact_overdue || f.fix_overdue ? ' fu-late' : '');
    if (card.li.className !== className) card.li.className = className;
    var en = P.lang === 'en';
    var meta = [
      (en && f.matter_name_en) || f.matter_name || f.matter,
      (en && f.department_name_en) || f.department_name || f.department
    ];
    if (f.window) meta.push(t('fu_window', { n: f.window }));
    var dues = H.el('div', 'fu-dues');
    if (f.contacted_at) {
      dues.appendChild(H.el('span', 'due ok', t('fu_contacted')));
    } else {
      dues.appendChild(H.el('span', 'due' + (f.contact_overdue ? ' late' : ''),
        t('fu_contact_due', { t: P.clockText(f.contact_due, !P.isToday(f.contact_due)) }) +
        (f.contact_overdue ? ' · ' + t('fu_overdue') : '')));
    }
    dues.appendChild(H.el('span', 'due' + (f.fix_overdue ? ' late' : ''),
      t('fu_fix_due', { t: P.clockText(f.fix_due, true) }) +
      (f.fix_overdue ? ' · ' + t('fu_overdue') : '')));
    F.refill(card.body, [F.head(P, f, P.clockText(f.opened_at, !P.isToday(f.opened_at))),
      H.el('div', 'fu-meta', meta.join(' · ')), F.said(f), dues]);
    F.setText(card.contact, t('fu_contact'));
    F.setText(card.close, t('fu_close'));
    if (card.made) card.made.relabel();
  }

  function openForm(card, kind) {
    F.closeForm(card);
    card.made = F.form(P, card.f, kind, {
      labels: false,
      placeholder: 'fu_note',
      rows: 2,
      small: true,
      onSaved: function () {
        F.closeForm(card);
        refresh();
      },
      onCancel: function () { F.closeForm(card); },
      onExpired: function () { P.signOut('expired'); }
    });
    card.li.appendChild(card.made.form);
    card.made.note.focus();
  }


  function reasonText(reason) {
    var key = 'r_' + reason;
    return P.has(key) ? t(key) : reason;
  }

  /** The printer faults, updated in place like the follow-ups (keyed by the event's seq). */
  function renderFaults() {
    var faults = (overview.printer_faults || []).map(function (f) {
      return { id: f.seq, fault: f };
    });
    H.show('faults-empty', faults.length === 0);
    H.setText('faults-count', faults.length ? String(faults.length) : '');
    faultCards = F.keyed(document.getElementById('faults'), faultCards, faults,
      function () { return { li: H.el('li', 'fault') }; },
      function (card, item) {
        var f = item.fault;
        F.refill(card.li, [H.el('span', 'fault-time', P.clockText(f.at, !P.isToday(f.at))),
          H.el('b', '', f.printer), H.el('span', 'fault-reason', reasonText(f.reason)),
          H.el('span', 'muted', deviceName(f))]);
      });
  }

  function deviceName(fault) {
    var id = String(fault.actor || '').replace(/^(device|staff):/, '');
    return fault.zone ? id + ' · ' + P.zoneName(fault.zone) : id;
  }

  /** Every second: the clock, each zone's longest wait, and the alerts. */
  function tick() {
    P.tickClock();
    if (!overview) return;
    Object.keys(zoneCells).forEach(function (code) {
      var cell = zoneCells[code];
      var seconds = waitedSeconds(cell.zone);
      cell.wait.textContent = cell.zone.waiting ? P.duration(seconds) : '—';
      var ratio = Math.min(1, seconds / Math.max(1, overview.wait_alert_min * 60));
      cell.fill.style.width = (ratio * 100).toFixed(1) + '%';
      var alarm = overTarget(cell.zone);
      cell.card.className = 'card zone' + (alarm ? ' zone-alarm' : ratio >= 0.75 ? ' zone-warn' : '');
    });
    help.tick();
    renderAlerts();
  }

  function renderAlerts() {
    var items = [];
    overview.zones.forEach(function (z) {
      if (!overTarget(z)) return;
      items.push({ kind: 'long_wait', key: 'wait:' + z.code, text: t('alert_wait', {
        zone: P.zoneName(z.code), wait: P.duration(waitedSeconds(z)),
        target: P.duration(overview.wait_alert_min * 60)
      }) });
    });
    (overview.help_calls || []).forEach(function (c) {
      items.push({ kind: 'help_call', key: 'help:' + c.id, text: t('alert_help', {
        where: help.place(c) + ' · ' + t('help_device', { device: c.device }),
        wait: P.duration(help.waited(c))
      }) + help.overdueNote(c) });
    });
    (overview.printer_faults || []).forEach(function (f) {
      if (dismissed[f.seq]) return;
      items.push({ kind: 'printer_fault', key: 'fault:' + f.seq, seq: f.seq,
        text: t('alert_fault', { printer: f.printer, device: deviceName(f),
          reason: reasonText(f.reason) }) + ' · ' + P.clockText(f.at, !P.isToday(f.at)) });
    });
    if (overview.followups_overdue) {
      items.push({ kind: 'followup_overdue', key: 'fu',
        text: t('alert_followups', { n: overview.followups_overdue }) });
    }
    updateAlerts(document.getElementById('alerts'), items);
  }

  /** Set a node's text only when it changes: a node under the pointer stays as it is. */
  function setText(node, value) {
    if (node.textContent !== value) node.textContent = value;
  }

  /** An alert's row, empty: `updateAlerts` writes its text. A printer fault's has 知道了. */
  function alertRow(item) {
    var row = { key: item.key, seq: item.seq };
    row.div = H.el('div', 'alert alert-' + item.kind);
    row.div.setAttribute('data-kind', item.kind);
    row.div.setAttribute('data-key', item.key);
    row.div.setAttribute('role', 'alert');
    row.div.appendChild(H.el('span', 'alert-icon', '!'));
    row.text = row.div.appendChild(H.el('span', 'alert-text', ''));
    if (item.seq) {
      row.button = row.div.appendChild(H.el('button', 'ghost small', ''));
      row.button.type = 'button';
      row.button.addEventListener('click', function () {
        dismissed[item.seq] = 1;
        P.store('dismissed', JSON.stringify(dismissed));
        renderAlerts();
      });
    }
    return row;
  }

  /**
   * The alerts bar, updated in place (as the help list in helpcalls.js): the row of an alert
   * still present is kept — the same nodes, the same 知道了 button — its text rewritten only
   * when it changed; rows of new alerts are added, those of alerts gone removed. Rebuilding
   * the bar whenever a wait ticked or an event came lost a click landing during the rebuild
   * (mousedown on the old button, mouseup on the new one: no click).
   */
  function updateAlerts(box, items) {
    var className = 'alerts' + (items.length ? ' has-alerts' : '');
    if (box.className !== className) box.className = className;
    var kept = alertRows;
    alertRows = {};
    var rows = items.map(function (item) {
      var row = kept[item.key] || alertRow(item);
      delete kept[item.key];
      alertRows[item.key] = row;
      setText(row.text, item.text);
      if (row.button) setText(row.button, t('dismiss'));
      return row.div;
    });
    if (!items.length) {
      allClear = allClear || H.el('div', 'alert alert-ok', '');
      setText(allClear, t('all_clear'));
      rows = [allClear];
    }
    // In order; rows already in their place are not touched; anything else goes.
    var next = box.firstChild;
    rows.forEach(function (div) {
      if (div === next) {
        next = next.nextSibling;
      } else {
        box.insertBefore(div, next);
      }
    });
    while (next) {
      var after = next.nextSibling;
      box.removeChild(next);
      next = after;
    }
  }

  // --- start --------------------------------------------------------------------------------
  P.start();
  tick();
  P.loadCatalog(renderAll);
  setInterval(tick, 1000);
  setInterval(function () { scheduleRefresh(0); }, REFRESH_MS);
})();
