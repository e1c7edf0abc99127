/* The guide desk's page `/help-desk` (导办台 · 求助): the open calls for help from the
 * kiosks, large enough to read from a step away, with 已处理 on each, a chime, a flash and
 * the count in the title when a new one comes in. Sign in as the desk or an admin.
 * GET /api/v1/admin/help on sign-in, on every help.* event of WS /api/v1/events (and each
 * reconnection), and every 30 s; the waits tick every second from the server's clock.
 * A desk may follow one zone (功能区): `?zone=A` or the selector, remembered in this browser;
 * the list and the event stream are then that zone's (and the kiosks' in no zone).
 * While calls are open the chime rings again every `remind_s` (the hall's setting); a call
 * waiting `overdue_s` is marked overdue. 已处理 offers 撤销 / Undo for a few seconds.
 * Sign-in, text, the list and the chime are staff.js's, shared with `/admin`.
 */
(function () {
  'use strict';
  var H = window.HallQ;
  var S = window.HallQStaff;

  // [key, 中文, English]: both languages side by side, so neither is forgotten.
  var STRINGS = [
    ['title', '导办台 · 求助', 'Guide desk · Help calls'],
    ['login_title', '导办台登录', 'Guide desk sign-in'],
    ['login_hint', '请使用导办台或管理员的工号和密码登录。',
      'Sign in with the guide desk\'s or an administrator\'s staff ID and PIN.'],
    ['not_desk', '该账号不是导办台或管理员账号，无权处理求助。',
      'This account is not the guide desk\'s or an administrator\'s; it cannot answer calls for help.'],
    ['open_calls', '待处理的求助', 'Calls for help'],
    ['help_none', '暂无待处理的求助', 'Nobody is waiting for help'],
    ['hint_off', '提示音未开启：有新求助时不会响铃。', 'Sound is off: a new call will not ring.'],
    ['hint_blocked', '浏览器要先点一下页面才允许发声：请点“点此启用提示音”。',
      'The browser lets the page sound only after a tap: tap “Tap to allow sound”.'],
    ['zone_label', '功能区', 'Zone'],
    ['zone_all', '全部功能区', 'All zones'],
    ['zone_unknown', '本大厅没有功能区“{zone}”，现显示全部功能区的求助。',
      'This hall has no zone “{zone}”: showing the calls of all zones.'],
    ['rules', '有求助未处理时，每 {remind}再次响铃提醒；等候超过 {overdue}标为“超时未处理”。',
      'While a call is open the chime rings again every {remind}; a call waiting over {overdue} is marked “Overdue”.'],
    ['rules_quiet', '等候超过 {overdue}的求助标为“超时未处理”（不重复响铃提醒）。',
      'A call waiting over {overdue} is marked “Overdue” (the chime does not ring again).'],
    ['every_s', '{n} 秒', '{n} s'],
    ['every_min', '{n} 分钟', '{n} min'],
    ['undo_text', '已处理：{where} · {device}', 'Answered: {where} · {device}'],
    ['undo', '撤销（{n}）', 'Undo ({n})']
  ];
  var REFRESH_MS = 30000;
  var EVENT_DELAY_MS = 100; // calls and answers that come together make one fetch
  var UNDO_MS = 8000; // how long 撤销 stays after 已处理
  var ZONE_KEY = 'hallq.desk.zone';

  var open = null; // the last answer of GET /admin/help: {at, seq, calls, remind_s, overdue_s}
  var zone = initialZone(); // the zone followed; '' = every zone
  var zoneReady = !zone; // a zone from the URL or storage is checked against the catalogue
  var badZone = ''; // a zone asked for that the hall does not have (shown in a note)
  var remindAt = 0; // when the reminder rings next; 0 while nothing is open
  var undo = { call: null, until: 0 };

  var socket = new H.LiveSocket({
    url: function () {
      return H.eventsUrl({ since: open ? open.seq : null, zone: zone || null });
    },
    onMessage: function (msg) {
      // (Re)connected, or a call made, answered or reopened: the server says what is open now.
      if (msg.type === 'hello' || String(msg.type).indexOf('help.') === 0) {
        scheduleRefresh(EVENT_DELAY_MS);
      }
    },
    onOnline: function (online) { P.setLive(online); }
  });
  var P = new S.Page({
    strings: STRINGS,
    roles: ['desk', 'admin'],
    storage: 'hallq.desk',
    refused: 'not_desk',
    title: 'title',
    onEnter: function () { follow(); },
    onLeave: function () {
      socket.stop();
      open = null;
      help.reset();
      offerUndo(null);
    },
    onLang: function () {
      help.render();
      fillZones();
      renderNotes();
      renderUndo();
    }
  });
  var help = new S.HelpCalls(P, {
    list: document.getElementById('help'),
    empty: document.getElementById('help-empty'),
    count: document.getElementById('help-count'),
    sound: document.getElementById('sound-toggle'),
    soundKey: 'hallq.desk.sound',
    onAnswered: function (call) {
      offerUndo(call);
      refresh();
    },
    onAnnounce: function () {
      var ms = remindMs();
      remindAt = ms ? Date.now() + ms : 0;
    }
  });

  var fetcher = new S.Refresher(P, function () {
    var asked = zone;
    var url = '/api/v1/admin/help' + (asked ? '?zone=' + encodeURIComponent(asked) : '');
    return P.api('GET', url).then(function (answer) {
      if (asked !== zone) return; // another zone was chosen meanwhile: it is fetched next
      if (answer.status === 401) return P.signOut('expired');
      if (answer.status === 403) return P.signOut('not_desk');
      if ((H.apiError(answer) || {}).code === 'unknown_zone') return unknownZone(asked);
      if (answer.status === 200 && answer.body && Array.isArray(answer.body.calls)) {
        open = answer.body;
        P.serverTime(open.at);
        help.overdueS = open.overdue_s || 0;
        renderNotes();
        help.show(open.calls);
      }
    });
  }, EVENT_DELAY_MS);

  function scheduleRefresh(delay) { fetcher.soon(delay); }

  function refresh() { fetcher.now(); }

  /** Follow the chosen zone from now on: its event stream and its list. */
  function follow() {
    if (!P.token || !zoneReady) return;
    socket.stop();
    socket.start();
    refresh();
  }

  // --- the zone followed --------------------------------------------------------------------
  function localGet(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  function localSet(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* private mode: this page only */ }
  }

  /** `?zone=` first (and remembered), else this browser's last choice. */
  function initialZone() {
    var asked = H.query('zone');
    if (asked !== null) {
      localSet(ZONE_KEY, asked.trim());
      return asked.trim();
    }
    return localGet(ZONE_KEY) || '';
  }

  /** The zone's code for `asked`: a code of the hall, or a ticket prefix (`A`) of one. */
  function zoneCode(asked) {
    if (!asked || P.zones[asked]) return asked;
    var up = asked.toUpperCase();
    var found = Object.keys(P.zones).filter(function (code) {
      return String(P.zones[code].prefix || '').toUpperCase() === up;
    });
    return found.length === 1 ? found[0] : null;
  }

  function chooseZone(code) {
    zone = code;
    localSet(ZONE_KEY, code);
    if (H.query('zone') !== null && window.history && history.replaceState) {
      var url = new URL(location.href);
      if (code) url.searchParams.set('zone', code);
      else url.searchParams.delete('zone');
      history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
    open = null;
    remindAt = 0;
    help.reset(); // calls already open in the new zone do not ring as new
    fillZones();
    follow();
  }

  function unknownZone(asked) {
    badZone = asked;
    chooseZone('');
    renderNotes();
  }

  /** The catalogue is in: check the zone asked for, and offer the hall's zones. */
  function catalogLoaded() {
    if (!zoneReady) {
      zoneReady = true;
      var code = zoneCode(zone);
      if (code === null) {
        unknownZone(zone);
      } else if (code !== zone) {
        chooseZone(code);
      } else {
        follow();
      }
    }
    fillZones();
    if (open) help.render();
  }

  function fillZones() {
    var select = document.getElementById('zone-filter');
    while (select.options.length > 1) select.remove(1);
    Object.keys(P.zones).forEach(function (code) {
      var z = P.zones[code];
      var option = document.createElement('option');
      option.value = code;
      option.textContent = P.zoneName(code) + (z.prefix ? ' (' + z.prefix + ')' : '');
      select.appendChild(option);
    });
    select.value = zone;
    select.options[0].textContent = P.t('zone_all');
  }

  // --- what the page tells the desk ---------------------------------------------------------
  function span(seconds) {
    if (seconds % 60 === 0) return P.t('every_min', { n: seconds / 60 });
    return P.t('every_s', { n: seconds });
  }

  function renderNotes() {
    var note = document.getElementById('zone-note');
    note.textContent = badZone ? P.t('zone_unknown', { zone: badZone }) : '';
    note.hidden = !badZone;
    var rules = document.getElementById('desk-rules');
    rules.hidden = !open;
    if (!open) return;
    var overdue = span(open.overdue_s || 0);
    rules.textContent = open.remind_s > 0
      ? P.t('rules', { remind: span(open.remind_s), overdue: overdue })
      : P.t('rules_quiet', { overdue: overdue });
  }

  // --- the reminder -------------------------------------------------------------------------
  function remindMs() { return open && open.remind_s > 0 ? open.remind_s * 1000 : 0; }

  /** While calls are open, ring (and flash) again every `remind_s`: a call left waiting in a
   * noisy hall is not missed. The chime still sounds only once the desk has switched it on. */
  function remind() {
    var ms = remindMs();
    if (!ms || !open.calls.length) {
      remindAt = 0;
    } else if (!remindAt) {
      remindAt = Date.now() + ms;
    } else if (Date.now() >= remindAt) {
      help.announce(); // onAnnounce sets the next one
    }
  }

  // --- 撤销 / Undo --------------------------------------------------------------------------
  function offerUndo(call) {
    undo.call = call;
    undo.until = call ? Date.now() + UNDO_MS : 0;
    H.show('undo-error', false);
    renderUndo();
  }

  function renderUndo() {
    var box = document.getElementById('undo');
    var left = undo.until - Date.now();
    if (!undo.call || left <= 0) {
      undo.call = null;
      box.hidden = true;
      return;
    }
    box.hidden = false;
    H.setText('undo-text', P.t('undo_text', {
      where: help.place(undo.call), device: undo.call.device
    }));
    H.setText('undo-button', P.t('undo', { n: Math.ceil(left / 1000) }));
  }

  /** Reopen the call just answered: it comes back here and on every other page. */
  function takeBack() {
    var call = undo.call;
    var button = document.getElementById('undo-button');
    if (!call || button.disabled) return;
    button.disabled = true;
    P.api('POST', '/api/v1/admin/help/' + call.id + '/reopen').then(function (answer) {
      button.disabled = false;
      if (answer.status === 401) return P.signOut('expired');
      if (answer.status === 200 || (H.apiError(answer) || {}).code === 'help_call_open') {
        offerUndo(null);
        refresh();
        return;
      }
      undo.until = Date.now() + UNDO_MS; // time to read why, and to try again
      P.showError('undo-error', answer, 'unreachable');
    }, function () {
      button.disabled = false;
      undo.until = Date.now() + UNDO_MS;
      P.showError('undo-error', null, 'unreachable');
    });
  }

  function tick() {
    P.tickClock();
    help.tick();
    remind();
    renderUndo();
  }

  document.getElementById('zone-filter').addEventListener('change', function (ev) {
    badZone = '';
    renderNotes();
    chooseZone(ev.target.value);
  });
  document.getElementById('undo-button').addEventListener('click', takeBack);
  P.start();
  P.loadCatalog(catalogLoaded);
  setInterval(tick, 1000);
  setInterval(function () { scheduleRefresh(0); }, REFRESH_MS);
})();
