/* The hall TV `/display[?zone=A]`: the call being made, recent calls, windows, waiting.
 *
 * Starts from GET /api/v1/state, then follows WS /api/v1/events (all zones, so that every
 * `seq` arrives and a gap is a real gap; other zones are filtered here). After a gap, a
 * reconnect or a quiet stream it re-syncs from /state.
 *
 * Many windows are paged like the Qt TV's grid: at most PER_PAGE_MAX tiles a page, fewer when
 * the screen is too small for tiles of a legible size (--tile-base-min, --tile-min in
 * display.css), pages filled evenly in window order and turned every `?page_s=` seconds.
 * display.css lays the screen out (landscape, or one column in portrait); the script measures
 * the grid it is given, and measures again whenever that changes size.
 */
(function () {
  'use strict';
  var H = window.HallQ;

  var HIGHLIGHT_MS = 10000; // a new call stays highlighted this long …
  var NEXT_CALL_MS = 4000; // … or this long when more calls are waiting to be shown
  var RECENT_ROWS = 5;
  var WAITING_REFRESH_MS = 1500;
  var WATCH_MS = 30000;
  var OFFLINE_SHOW_MS = 1200; // a socket being restarted is not worth a red banner
  var PER_PAGE_MAX = 20; // as the Qt TV (tv_grid.PER_PAGE)
  var PAGE_S = 10; // seconds a page of windows stays, as the Qt TV; ?page_s=N (1 to 600)
  // A tile in units of its base font size (the grid's font-size): the width that holds a
  // status line and a 4-character ticket, the height of its three lines and padding.
  var TILE_W_EM = 9;
  var TILE_H_EM = 5.4;
  var TILE_PAD_EM = 1.5; // horizontal padding and the coloured edge
  var WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
  var WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  var STATUS = {
    serving: ['办理中', 'Serving'],
    called: ['叫号中', 'Calling'],
    open: ['空闲', 'Available'],
    paused: ['暂停服务', 'Paused'],
    closed: ['未开放', 'Closed']
  };
  var WAITING_TYPES = {
    'ticket.issued': 1, 'ticket.called': 1, 'ticket.requeued': 1, 'ticket.returned': 1,
    'ticket.transferred': 1, 'ticket.cancelled': 1
  };
  var RELEASE_TYPES = {
    'ticket.completed': 1, 'ticket.no_show': 1, 'ticket.suspended': 1,
    'ticket.transferred': 1, 'ticket.cancelled': 1
  };

  var zone = (H.query('zone') || '').trim() || null;
  var zoneReady = !zone; // a zone asked for is resolved against the catalogue (code or prefix)
  var hall = { name: '', name_en: '', timezone: 'Asia/Shanghai', notice: '', notice_en: '' };
  var zones = {}; // code -> {name, name_en}
  var zoneOrder = [];
  var windowZone = {}; // window number -> zone (all windows, to filter events)
  var windows = []; // this screen's windows, in config order
  var byNumber = {};
  var calls = []; // newest first
  var waiting = {};
  var lastSeq = null;
  var syncing = false;
  var held = [];
  var firstSync = true;
  var lastCallShown = 0; // seq of the newest call given the highlight
  var heroQueue = [];
  var heroCall = null;
  var heroTimer = 0;
  var heroFlashing = false;
  var waitingTimer = 0;
  var offlineTimer = 0;
  var lastHeard = Date.now();
  var clockSkew = 0; // server time − device time, from the Date header
  var retrySync = 1000;
  var badZone = false;
  var pageS = readPageS();
  var grid = { perPage: PER_PAGE_MAX, key: '' }; // the layout; key: what it was made for
  var page = 0;

  var socket = new H.LiveSocket({
    url: function () { return H.eventsUrl({ since: lastSeq }); },
    onMessage: onMessage,
    onOnline: setOnline
  });

  function readPageS() {
    var n = Number(H.query('page_s'));
    return isFinite(n) && n >= 1 && n <= 600 ? n : PAGE_S;
  }

  // --- time ---------------------------------------------------------------------------------
  function now() { return new Date(Date.now() + clockSkew); }

  function learnClock(answer) {
    if (!answer || !answer.date || isNaN(answer.date.getTime())) return;
    var skew = answer.date.getTime() - Date.now();
    if (Math.abs(skew) > 3000) clockSkew = skew; // the Date header has whole seconds
  }

  function dayKey(p) { return p.year + '-' + p.month + '-' + p.day; }

  function tickClock() {
    var p = H.zonedParts(now(), hall.timezone);
    H.setText('clock-time', H.hhmmss(p));
    H.setText('clock-date', p.year + '年' + p.month + '月' + p.day + '日 ' +
      (WEEKDAYS[p.weekday] || '') + ' ' + (WEEKDAYS_EN[p.weekday] || ''));
    if (p.second === 0) { // the hall day may have turned
      if (heroCall && !heroFlashing && !isToday(heroCall)) {
        heroCall = null;
        renderHero();
      }
      renderRecent();
    }
  }

  // --- catalogue: names, notice -------------------------------------------------------------
  function loadCatalog() {
    H.getJSON('/api/v1/catalog').then(function (answer) {
      if (answer.status !== 200 || !answer.body || !answer.body.hall) {
        setTimeout(loadCatalog, 5000);
        return;
      }
      learnClock(answer);
      var body = answer.body;
      hall.name = body.hall.name || '';
      hall.name_en = body.hall.name_en || '';
      hall.timezone = body.hall.timezone || hall.timezone;
      hall.notice = body.hall.notice || '';
      hall.notice_en = body.hall.notice_en || '';
      zoneOrder = [];
      (body.zones || []).forEach(function (z) {
        zones[z.code] = z;
        zoneOrder.push(z.code);
      });
      (body.windows || []).forEach(function (w) { windowZone[w.number] = w.zone; });
      if (!zoneReady) {
        zoneReady = true;
        zone = zoneCode(zone) || zone; // an unknown one is refused by /state: said on screen
        resync();
      }
      renderHeader();
      renderTicker();
      renderWaiting();
      tickClock();
    }, function () { setTimeout(loadCatalog, 5000); });
  }

  /** The zone's code for `asked`: a code of the hall, or a ticket prefix (`A`) of one. */
  function zoneCode(asked) {
    if (zones[asked]) return asked;
    var up = asked.toUpperCase();
    var found = zoneOrder.filter(function (code) {
      return String(zones[code].prefix || '').toUpperCase() === up;
    });
    return found.length === 1 ? found[0] : null;
  }

  // --- state and events ---------------------------------------------------------------------
  function stateUrl() {
    return '/api/v1/state' + (zone ? '?zone=' + encodeURIComponent(zone) : '');
  }

  /** Take a fresh snapshot; events that arrive meanwhile are held and applied after it. */
  function resync() {
    if (syncing || !zoneReady) return; // the catalogue's answer starts the first one
    syncing = true;
    H.getJSON(stateUrl()).then(function (answer) {
      if (zone && (answer.status === 404 || answer.status === 422)) {
        badZone = true; // a typo in the TV's address: say so instead of "reconnecting"
        syncing = false;
        renderHeader();
        renderWaiting();
        clearTimeout(offlineTimer);
        H.show('conn', false);
        setTimeout(resync, 60000);
        return;
      }
      if (answer.status !== 200 || !answer.body || typeof answer.body.seq !== 'number') {
        throw new Error('bad snapshot');
      }
      badZone = false;
      learnClock(answer);
      applySnapshot(answer.body);
      syncing = false;
      retrySync = 1000;
      var pending = held;
      held = [];
      pending.forEach(function (msg) {
        if (syncing) held.push(msg); // a gap among them started another snapshot
        else handle(msg, true);
      });
      socket.start();
    }).catch(function () {
      syncing = false;
      setTimeout(resync, retrySync);
      retrySync = Math.min(retrySync * 2, 10000);
    });
  }

  function applySnapshot(snap) {
    if (lastSeq !== null && snap.seq < lastSeq) lastCallShown = 0; // the event log restarted
    lastSeq = snap.seq;
    windows = [];
    byNumber = {};
    (snap.windows || []).forEach(function (w) {
      var copy = {
        number: w.number, name: w.name || '', name_en: w.name_en || '', zone: w.zone,
        status: w.status, pause_reason: w.pause_reason || '', current: w.current || null,
        current_status: w.current_status || null
      };
      windows.push(copy);
      byNumber[w.number] = copy;
      windowZone[w.number] = w.zone;
    });
    calls = (snap.calls || []).map(function (c) {
      return { seq: c.seq, type: c.type, number: c.number, window: c.window, at: c.at };
    });
    waiting = snap.waiting || {};
    var newest = calls[0] || null;
    if (firstSync) {
      firstSync = false;
      lastCallShown = newest ? newest.seq : 0;
      if (newest && isToday(newest)) heroCall = newest;
    } else if (newest && newest.seq > lastCallShown) {
      queueHero(newest); // a call made while we were away: show it once
    }
    renderAll();
  }

  function onMessage(msg) {
    lastHeard = Date.now();
    if (syncing) {
      held.push(msg);
      return;
    }
    handle(msg);
  }

  function handle(msg, wasHeld) {
    if (typeof msg.seq !== 'number') return;
    if (msg.type === 'hello') {
      // After the replay of what we missed, the server's seq must be ours. More: events
      // were lost (too many to replay); less: the server's log went back (a new database),
      // unless the hello is older than a snapshot taken since.
      if (lastSeq === null || msg.seq > lastSeq || (msg.seq < lastSeq && !wasHeld)) resync();
      return;
    }
    if (lastSeq === null) {
      resync();
      return;
    }
    if (msg.seq <= lastSeq) return; // already applied (a replay overlapping the feed)
    if (msg.seq > lastSeq + 1) {
      held.push(msg);
      resync();
      return;
    }
    lastSeq = msg.seq;
    apply(msg);
  }

  function inZone(ev) {
    if (!zone) return true;
    var z = ev.zone || (ev.window ? windowZone[ev.window] : null);
    return !z || z === zone;
  }

  function apply(ev) {
    if (!inZone(ev)) return;
    var w = ev.window ? byNumber[ev.window] : null;
    var type = ev.type;
    if (type === 'ticket.called' || type === 'ticket.recalled') {
      var call = { seq: ev.seq, type: type, number: ev.ticket, window: ev.window, at: ev.at };
      calls.unshift(call);
      if (calls.length > 40) calls.length = 40;
      if (w) {
        w.current = ev.ticket;
        w.current_status = 'called';
        if (w.status === 'closed') w.status = 'open';
      }
      queueHero(call);
    } else if (type === 'ticket.serving') {
      if (w && w.current === ev.ticket) w.current_status = 'serving';
    } else if (RELEASE_TYPES[type]) {
      if (w && w.current === ev.ticket) {
        w.current = null;
        w.current_status = null;
      }
    } else if (type === 'window.opened' || type === 'window.resumed') {
      if (w) {
        w.status = 'open';
        w.pause_reason = '';
      }
    } else if (type === 'window.paused') {
      if (w) {
        w.status = 'paused';
        w.pause_reason = typeof ev.reason === 'string' ? ev.reason : '';
      }
    } else if (type === 'window.closed') {
      if (w) {
        w.status = 'closed';
        w.current = null;
        w.current_status = null;
      }
    }
    if (WAITING_TYPES[type]) scheduleWaiting();
    if (type.indexOf('ticket.') === 0 && type !== 'ticket.evaluated') renderRecent();
    renderWindows();
  }

  /** Waiting counts change with many events; read them from /state, at most every 1.5 s. */
  function scheduleWaiting() {
    if (waitingTimer) return;
    waitingTimer = setTimeout(function () {
      var want = lastSeq;
      H.getJSON(stateUrl()).then(function (answer) {
        waitingTimer = 0;
        var snap = answer.body;
        if (answer.status !== 200 || !snap || typeof snap.seq !== 'number') return;
        if (snap.seq < want) {
          scheduleWaiting(); // an older snapshot than what we show: ask again
          return;
        }
        waiting = snap.waiting || {};
        renderWaiting();
      }, function () { waitingTimer = 0; });
    }, WAITING_REFRESH_MS);
  }

  /** A stream that stays quiet while /state moves on is dead (a half-open connection). */
  function watch() {
    if (syncing || lastSeq === null || Date.now() - lastHeard < WATCH_MS) return;
    H.getJSON(stateUrl()).then(function (answer) {
      if (answer.status !== 200 || !answer.body) return;
      learnClock(answer);
      var seen = lastSeq;
      if (answer.body.seq >= seen) {
        waiting = answer.body.waiting || waiting; // e.g. a new hall day began
        renderWaiting();
      }
      if (answer.body.seq > seen) {
        setTimeout(function () {
          if (lastSeq === seen) { // still nothing: the socket is deaf
            socket.restart();
            resync();
          }
        }, 3000);
      }
      lastHeard = Date.now();
    }, function () { socket.restart(); });
  }

  // --- connection indicator -----------------------------------------------------------------
  function setOnline(online) {
    clearTimeout(offlineTimer);
    document.body.setAttribute('data-conn', online ? 'online' : 'offline');
    if (online) {
      H.show('conn', false);
    } else {
      offlineTimer = setTimeout(function () { H.show('conn', true); }, OFFLINE_SHOW_MS);
    }
  }

  // --- the call being made ------------------------------------------------------------------
  function queueHero(call) {
    if (call.seq <= lastCallShown) return;
    lastCallShown = call.seq;
    heroQueue.push(call);
    if (heroQueue.length > 3) heroQueue.splice(0, heroQueue.length - 3); // a long outage
    if (!heroFlashing) nextHero();
  }

  function nextHero() {
    clearTimeout(heroTimer);
    var call = heroQueue.shift();
    if (!call) {
      heroFlashing = false;
      renderHero();
      return;
    }
    heroCall = call;
    heroFlashing = true;
    renderHero();
    var started = Date.now();
    heroTimer = setTimeout(function step() {
      // Each call gets NEXT_CALL_MS; the last one keeps the highlight up to HIGHLIGHT_MS.
      if (heroQueue.length || Date.now() - started >= HIGHLIGHT_MS) nextHero();
      else heroTimer = setTimeout(step, 250);
    }, NEXT_CALL_MS);
  }

  function renderHero() {
    var hero = document.getElementById('hero');
    var call = heroCall;
    H.show('hero-call', !!call);
    H.show('hero-sub', !!call);
    H.show('hero-sub-en', !!call);
    H.show('hero-empty', !call);
    hero.className = 'hero' + (heroFlashing ? ' hero-flash' : '');
    if (!call) return;
    H.setText('hero-number', call.number);
    H.setText('hero-window', call.window);
    var w = byNumber[call.window];
    var name = w && w.name ? w.name + ' · ' : '';
    H.setText('hero-sub', name + '请 ' + call.number + ' 号到 ' + call.window + ' 号窗口办理');
    H.setText('hero-sub-en', 'Ticket ' + call.number + ', please go to window ' + call.window +
      (w && w.name_en ? ' (' + w.name_en + ')' : ''));
    // Restart the CSS animation for a repeated highlight.
    var num = document.getElementById('hero-call');
    num.className = 'hero-call';
    fitHero();
    void num.offsetWidth;
    num.className = 'hero-call' + (heroFlashing ? ' hero-pop' : '');
  }

  /** Long numbers or windows ("E001 → 40 号窗口") shrink to the panel's width. */
  function fitHero() {
    var hero = document.getElementById('hero');
    var line = document.getElementById('hero-call');
    line.style.fontSize = '';
    var room = hero.clientWidth * 0.92;
    var wide = line.offsetWidth; // the line is max-content wide
    if (wide > room && room > 0) {
      var size = parseFloat(window.getComputedStyle(line).fontSize);
      line.style.fontSize = Math.floor(size * room / wide) + 'px';
    }
    ['hero-sub', 'hero-sub-en'].forEach(function (id) { // the window's name: shrink, not cut
      var sub = document.getElementById(id);
      sub.style.fontSize = '';
      if (sub.scrollWidth <= sub.clientWidth || !sub.clientWidth) return;
      var px = parseFloat(window.getComputedStyle(sub).fontSize);
      sub.style.fontSize = Math.max(vminVar('--tile-min', 1.4),
        Math.floor(px * sub.clientWidth / sub.scrollWidth)) + 'px';
    });
  }

  // --- rendering ----------------------------------------------------------------------------
  function renderAll() {
    renderHeader();
    renderHero();
    renderRecent();
    renderWindows();
    renderWaiting();
  }

  function renderHeader() {
    H.setText('hall-name', hall.name || '政务服务大厅');
    H.setText('hall-name-en', hall.name_en || 'Government Service Hall');
    if (hall.name) document.title = hall.name + ' · 叫号显示屏';
    var label = document.getElementById('zone-label');
    if (zone) {
      var z = zones[zone];
      label.textContent = '';
      if (z) {
        label.appendChild(H.el('span', 'zone-name', z.name));
        if (z.name_en) label.appendChild(H.el('span', 'en', z.name_en));
      } else if (badZone || zoneOrder.length) {
        label.appendChild(H.el('span', 'zone-name', '没有功能区 “' + zone + '”'));
        label.appendChild(H.el('span', 'en', 'Unknown zone — check the address'));
      }
    }
    H.show(label, !!zone && label.childNodes.length > 0);
  }

  function isToday(call) {
    var d = new Date(call.at);
    if (isNaN(d.getTime())) return true;
    return dayKey(H.zonedParts(d, hall.timezone)) === dayKey(H.zonedParts(now(), hall.timezone));
  }

  function renderRecent() {
    var list = document.getElementById('recent-list');
    var seen = {};
    var rows = [];
    for (var i = 0; i < calls.length && rows.length < RECENT_ROWS; i++) {
      var c = calls[i];
      if (seen[c.number] || !isToday(c)) continue; // a recall is not a new line
      seen[c.number] = true;
      rows.push(c);
    }
    while (list.firstChild) list.removeChild(list.firstChild);
    rows.forEach(function (c, idx) {
      var li = H.el('li', 'recent-row' + (idx === 0 ? ' recent-first' : ''));
      li.appendChild(H.el('span', 'r-number', c.number));
      var win = H.el('span', 'r-window');
      win.appendChild(H.el('b', '', c.window));
      win.appendChild(H.el('small', '', ' 号窗口'));
      li.appendChild(win);
      var d = new Date(c.at);
      li.appendChild(H.el('span', 'r-time', isNaN(d.getTime()) ? '' :
        H.hhmm(H.zonedParts(d, hall.timezone))));
      list.appendChild(li);
    });
    for (var k = rows.length; k < RECENT_ROWS; k++) {
      list.appendChild(H.el('li', 'recent-row empty')); // keep the rows' height
    }
  }

  function tileState(w) {
    if (w.status === 'closed') return 'closed';
    if (w.status === 'paused') return 'paused';
    if (w.current) return w.current_status === 'serving' ? 'serving' : 'called';
    return 'open';
  }

  // --- the window grid, paged --------------------------------------------------------------
  function pageCount() {
    return Math.max(1, Math.ceil(windows.length / grid.perPage));
  }

  /** The windows of page `p`, in order, pages filled evenly — none more than one window
   * fuller than another, the fuller first (53 by 11 → 11, 11, 11, 10, 10; as the Qt TV's
   * `page_items`). The grid is shaped for the fullest page, so tiles keep their size. */
  function pageWindows(p) {
    var pages = pageCount();
    var base = Math.floor(windows.length / pages);
    var fuller = windows.length % pages;
    var start = p * base + Math.min(p, fuller);
    return windows.slice(start, start + base + (p < fuller ? 1 : 0));
  }

  function renderWindows(turned) {
    var box = document.getElementById('windows');
    var key = windows.length + ':' + window.innerWidth + 'x' + window.innerHeight + ':' +
      box.clientWidth + 'x' + box.clientHeight;
    if (key !== grid.key) layoutGrid(key);
    var pages = pageCount();
    if (page >= pages) page = 0;
    var shown = pageWindows(page);
    var same = box.childNodes.length === shown.length && shown.every(function (w, i) {
      return box.childNodes[i].getAttribute('data-window') === String(w.number);
    });
    if (!same) {
      while (box.firstChild) box.removeChild(box.firstChild);
      shown.forEach(function (w) { box.appendChild(makeTile(w)); });
    }
    shown.forEach(function (w, i) { fillTile(box.childNodes[i], w); });
    var label = document.getElementById('page-no');
    label.textContent = pages > 1 ? (page + 1) + '/' + pages : '';
    H.show(label, pages > 1);
    if (turned && !same) { // a short fade says "another page", not "everything changed"
      box.classList.remove('turn');
      void box.offsetWidth;
      box.classList.add('turn');
    }
  }

  function turnPage() {
    if (pageCount() < 2) return;
    page = (page + 1) % pageCount();
    renderWindows(true);
  }

  function makeTile(w) {
    var tile = H.el('div', 'win');
    tile.setAttribute('data-window', String(w.number));
    var head = H.el('div', 'win-head');
    head.appendChild(H.el('span', 'win-no', w.number));
    var status = H.el('span', 'win-status');
    status.appendChild(H.el('span', 'win-st'));
    status.appendChild(H.el('span', 'win-st-en'));
    head.appendChild(status);
    tile.appendChild(head);
    tile.appendChild(H.el('div', 'win-name', w.name));
    tile.appendChild(H.el('div', 'win-ticket'));
    return tile;
  }

  function fillTile(tile, w) {
    var st = tileState(w);
    tile.className = 'win win-' + st;
    tile.querySelector('.win-st').textContent = STATUS[st][0];
    var en = tile.querySelector('.win-st-en');
    en.textContent = STATUS[st][1];
    en.className = 'win-st-en';
    tile.querySelector('.win-name').textContent = w.name;
    var ticket = tile.querySelector('.win-ticket');
    ticket.textContent = '';
    if (st === 'paused' && w.pause_reason) {
      ticket.appendChild(H.el('span', 'win-reason', w.pause_reason));
    } else {
      ticket.textContent = st === 'serving' || st === 'called' ? w.current : '—';
    }
    fitTile(tile);
  }

  /** A long name or ticket shrinks to its tile, never below --tile-min; a status whose English
   * does not fit next to the window number shows only the Chinese. */
  function fitTile(tile) {
    var least = vminVar('--tile-min', 1.4);
    ['.win-name', '.win-ticket', '.win-reason'].forEach(function (sel) {
      var el = tile.querySelector(sel);
      if (!el) return;
      el.style.fontSize = '';
      if (el.scrollWidth <= el.clientWidth || !el.clientWidth) return;
      var size = parseFloat(window.getComputedStyle(el).fontSize);
      el.style.fontSize = Math.max(least, Math.floor(size * el.clientWidth / el.scrollWidth)) +
        'px';
    });
    var head = tile.querySelector('.win-head');
    var status = tile.querySelector('.win-status');
    if (head.scrollWidth > head.clientWidth || status.scrollWidth > status.clientWidth) {
      tile.querySelector('.win-st-en').className = 'win-st-en dropped';
    }
  }

  /** A length of display.css given in vmin (a custom property), in px. */
  function vminVar(name, fallback) {
    var raw = window.getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    var m = /^([0-9.]+)vmin$/.exec(raw);
    var vmin = Math.min(window.innerWidth, window.innerHeight) / 100;
    return (m ? parseFloat(m[1]) : fallback) * vmin;
  }

  /** The widest window name of this screen at the smallest tile text, in px. */
  function widestName(box) {
    var probe = H.el('span', 'win-name measure');
    probe.style.fontSize = vminVar('--tile-min', 1.4) + 'px';
    box.appendChild(probe);
    var widest = 0;
    windows.forEach(function (w) {
      probe.textContent = w.name;
      widest = Math.max(widest, probe.getBoundingClientRect().width);
    });
    box.removeChild(probe);
    return Math.ceil(widest) + 2;
  }

  /** Columns, rows and base font size for `count` tiles, the largest that fit the grid;
   * `nameW`: a tile must also hold a name that wide. */
  function shapeFor(count, W, Hh, gap, nameW) {
    var best = null;
    for (var cols = 1; cols <= count; cols++) {
      var rows = Math.ceil(count / cols);
      var tw = (W - gap * (cols - 1)) / cols;
      var th = (Hh - gap * (rows - 1)) / rows;
      var size = Math.min(tw / TILE_W_EM, th / TILE_H_EM, (tw - nameW) / TILE_PAD_EM);
      if (!best || size > best.size) best = { cols: cols, rows: rows, size: size };
    }
    return best;
  }

  /** The most windows a page holds with tiles no smaller than --tile-base-min (at most
   * PER_PAGE_MAX), and the grid's columns, row height and font size for them. */
  function layoutGrid(key) {
    var box = document.getElementById('windows');
    var W = box.clientWidth;
    var Hh = box.clientHeight;
    if (!W || !Hh) return;
    grid.key = key;
    var n = Math.max(windows.length, 1);
    var gap = parseFloat(window.getComputedStyle(box).rowGap) || 8;
    var least = vminVar('--tile-base-min', 2);
    var nameW = widestName(box);
    var shape = null;
    var perPage = 1;
    for (var per = Math.min(n, PER_PAGE_MAX); per >= 1; per--) {
      var size = Math.ceil(n / Math.ceil(n / per)); // pages are filled evenly
      shape = shapeFor(size, W, Hh, gap, nameW);
      perPage = per;
      if (shape.size >= least) break;
    }
    if (shape.size < least) { // a name too long for any tile: it gets an ellipsis, not a page
      for (per = Math.min(n, PER_PAGE_MAX); per >= 1; per--) {
        shape = shapeFor(Math.ceil(n / Math.ceil(n / per)), W, Hh, gap, 0);
        perPage = per;
        if (shape.size >= least) break;
      }
    }
    grid.perPage = perPage;
    // Tiles fill the panel; a lone window does not become a giant slab.
    var rowsUsed = Math.max(shape.rows, 2);
    var th = Math.floor((Hh - gap * (rowsUsed - 1)) / rowsUsed);
    var font = Math.max(Math.min(shape.size, th / TILE_H_EM), 1);
    box.style.gridTemplateColumns = 'repeat(' + shape.cols + ', minmax(0, 1fr))';
    box.style.gridAutoRows = th + 'px';
    box.style.fontSize = Math.floor(font * 10) / 10 + 'px';
  }

  function renderWaiting() {
    var box = document.getElementById('waiting');
    while (box.firstChild) box.removeChild(box.firstChild);
    var codes = zone ? [zone] : (zoneOrder.length ? zoneOrder : Object.keys(waiting));
    if (badZone) codes = [];
    box.className = 'waiting' + (codes.length > 3 ? ' waiting-many' : '');
    // Portrait puts the cells in rows of at most three, filled evenly (4 → 2 + 2).
    var rows = Math.ceil(Math.max(codes.length, 1) / 3);
    box.style.setProperty('--wait-cols', String(Math.ceil(Math.max(codes.length, 1) / rows)));
    codes.forEach(function (code) {
      var z = zones[code] || { name: code, name_en: '' };
      var cell = H.el('div', 'wait-cell');
      var names = H.el('div', 'wait-names');
      names.appendChild(H.el('span', 'wait-zone', z.name));
      if (z.name_en) names.appendChild(H.el('span', 'en', z.name_en));
      cell.appendChild(names);
      var count = H.el('div', 'wait-count');
      count.appendChild(H.el('small', '', '等候 '));
      count.appendChild(H.el('b', '', waiting[code] || 0));
      count.appendChild(H.el('small', '', ' 人'));
      cell.appendChild(count);
      box.appendChild(cell);
    });
  }

  function renderTicker() {
    var text = document.getElementById('ticker-text');
    var parts = [hall.notice, hall.notice_en].filter(function (s) { return !!s; });
    var joined = parts.join('　　　') || '欢迎光临 · Welcome';
    text.textContent = joined.replace(/\s*\n\s*/g, ' ');
    fitTicker();
  }

  function fitTicker() {
    var text = document.getElementById('ticker-text');
    var track = document.getElementById('ticker-track');
    var speed = Math.max(track.clientWidth * 0.07, 40); // px per second
    text.style.animationDuration = Math.max(10, text.scrollWidth / speed) + 's';
  }

  // --- start --------------------------------------------------------------------------------
  var resizeTimer = 0;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      renderWindows(); // lays the grid out again for the new size
      fitTicker();
      fitHero();
    }, 150);
  });
  if (window.ResizeObserver) {
    // In portrait the grid gets the height that the header and the waiting cells leave, and
    // those change with the hall's names and the counts: lay the grid out again then too.
    var relayout = 0;
    new window.ResizeObserver(function () {
      if (!relayout) {
        relayout = requestAnimationFrame(function () {
          relayout = 0;
          renderWindows();
        });
      }
    }).observe(document.getElementById('windows'));
  }
  document.body.setAttribute('data-conn', 'offline');
  offlineTimer = setTimeout(function () { H.show('conn', true); }, 5000); // never connected
  renderAll();
  tickClock();
  setInterval(tickClock, 1000);
  setInterval(watch, 10000);
  setInterval(turnPage, pageS * 1000);
  if (document.fonts && document.fonts.ready) { // names are measured: again with the real font
    document.fonts.ready.then(function () {
      grid.key = '';
      renderWindows();
    });
  }
  loadCatalog();
  resync();
}());
