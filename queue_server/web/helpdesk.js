/* The guide desk's page `/help-desk` (导办台 · 求助): the open calls for help from the
 * kiosks, large enough to read from a step away, with 已处理 on each, a chime, a flash and
 * the count in the title when a new one comes in. Sign in as the desk or an admin.
 * GET /api/v1/admin/help on sign-in, on every help.* event of WS /api/v1/events (and each
 * reconnection), and every 30 s; the waits tick every second from the server's clock.
 * A desk may follow one zone (功能区): `?zone=A` or the selector, remembered in this browser;
 * the list and the event stream are then that zone's (and the kiosks' in no zone).
 * While calls are open the chime rings again every `remind_s` (the hall's setting); a call
 * waiting `overdue_s` is marked overdue. 已处理 offers 撤销 / Undo for a few seconds.
 * Sign-in and text are staff.js's; the calls, with their chime, reminder, overdue mark and
 * undo, are helpcalls.js's: both shared with `/admin`.
 */
(function () {
  'use strict';
  var H = window.HallQ;
  var S = window.HallQStaff;
  var HelpCalls = window.HallQHelp.HelpCalls;

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
      'This hall has no zone “{zone}”: showing the calls of all zones.']
  ];
  var REFRESH_MS = 30000;
  var EVENT_DELAY_MS = 100; // calls and answers that come together make one fetch
  var ZONE_KEY = 'hallq.desk.zone';

  var open = null; // the last answer of GET /admin/help: {at, seq, calls, remind_s, overdue_s}
  var zone = initialZone(); // the zone followed; '' = every zone
  var zoneReady = !zone; // a zone from the URL or storage is checked against the catalogue
  var badZone = ''; // a zone asked for that the hall does not have (shown in a note)

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
    strings: window.HallQHelp.STRINGS.concat(STRINGS),
    roles: ['desk', 'admin'],
    storage: 'hallq.desk',
    refused: 'not_desk',
    title: 'title',
    onEnter: function () { follow(); },
    onLeave: function () {
      socket.stop();
      open = null;
      help.leave();
    },
    onLang: function () {
      help.render();
      fillZones();
      renderNotes();
    }
  });
  var help = new HelpCalls(P, {
    list: document.getElementById('help'),
    empty: document.getElementById('help-empty'),
    count: document.getElementById('help-count'),
    sound: document.getElementById('sound-toggle'),
    soundKey: 'hallq.desk.sound',
    rules: document.getElementById('desk-rules'),
    undo: true,
    onChange: function () { refresh(); }
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
        help.show(open.calls, open);
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
  function renderNotes() {
    var note = document.getElementById('zone-note');
    note.textContent = badZone ? P.t('zone_unknown', { zone: badZone }) : '';
    note.hidden = !badZone;
  }

  function tick() {
    P.tickClock();
    help.tick();
  }

  document.getElementById('zone-filter').addEventListener('change', function (ev) {
    badZone = '';
    renderNotes();
    chooseZone(ev.target.value);
  });
  P.start();
  P.loadCatalog(catalogLoaded);
  setInterval(tick, 1000);
  setInterval(function () { scheduleRefresh(0); }, REFRESH_MS);
})();
