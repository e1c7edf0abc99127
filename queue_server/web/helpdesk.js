/* The guide desk's page `/help-desk` (导办台 · 求助): the open calls for help from the
 * kiosks, large enough to read from a step away, with 已处理 on each, a chime, a flash and
 * the count in the title when a new one comes in. Sign in as the desk or an admin.
 * GET /api/v1/admin/help on sign-in, on every help.* event of WS /api/v1/events (and each
 * reconnection), and every 30 s; the waits tick every second from the server's clock.
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
      'The browser lets the page sound only after a tap: tap “Tap to allow sound”.']
  ];
  var REFRESH_MS = 30000;
  var EVENT_DELAY_MS = 100; // calls and answers that come together make one fetch

  var open = null; // the last answer of GET /admin/help: {at, seq, calls}
  var socket = new H.LiveSocket({
    url: function () { return H.eventsUrl({ since: open ? open.seq : null }); },
    onMessage: function (msg) {
      // (Re)connected, or a call made or answered: the server says what is open now.
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
    onEnter: function () {
      refresh();
      socket.start();
    },
    onLeave: function () {
      socket.stop();
      open = null;
      help.reset();
    },
    onLang: function () { help.render(); }
  });
  var help = new S.HelpCalls(P, {
    list: document.getElementById('help'),
    empty: document.getElementById('help-empty'),
    count: document.getElementById('help-count'),
    sound: document.getElementById('sound-toggle'),
    soundKey: 'hallq.desk.sound',
    onAnswered: function () { refresh(); }
  });

  var fetcher = new S.Refresher(P, function () {
    return P.api('GET', '/api/v1/admin/help').then(function (answer) {
      if (answer.status === 401) return P.signOut('expired');
      if (answer.status === 403) return P.signOut('not_desk');
      if (answer.status === 200 && answer.body && Array.isArray(answer.body.calls)) {
        open = answer.body;
        P.serverTime(open.at);
        help.show(open.calls);
      }
    });
  }, EVENT_DELAY_MS);

  function scheduleRefresh(delay) { fetcher.soon(delay); }

  function refresh() { fetcher.now(); }

  function tick() {
    P.tickClock();
    help.tick();
  }

  P.start();
  P.loadCatalog(function () { if (open) help.render(); });
  setInterval(tick, 1000);
  setInterval(function () { scheduleRefresh(0); }, REFRESH_MS);
})();
