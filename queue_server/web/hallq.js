/* HallQ browser helpers shared by the phone pages (status, booking), the hall TV and the
 * staff pages (supervision, guide desk).
 *
 * Plain ES2015 without modules, so that older smart-TV browsers run it too.
 * Every server string reaches the page through textContent, never innerHTML.
 */
(function (global) {
  'use strict';

  /** A new element with an optional class and text (set as text, never parsed as HTML). */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** Set the text of the element with this id (no-op when it is missing). */
  function setText(id, text) {
    var node = typeof id === 'string' ? document.getElementById(id) : id;
    if (node) node.textContent = text === undefined || text === null ? '' : String(text);
    return node;
  }

  function show(id, visible) {
    var node = typeof id === 'string' ? document.getElementById(id) : id;
    if (node) node.hidden = !visible;
    return node;
  }

  /** fetch → {status, body, date}; rejects only when the server cannot be reached. */
  function request(method, url, body, timeoutMs) {
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = 0;
    if (controller) timer = setTimeout(function () { controller.abort(); }, timeoutMs || 10000);
    var opts = {
      method: method,
      cache: 'no-store',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' }
    };
    if (controller) opts.signal = controller.signal;
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    return fetch(url, opts).then(function (resp) {
      clearTimeout(timer);
      var date = resp.headers.get('Date');
      return resp.text().then(function (text) {
        var parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
        return { status: resp.status, body: parsed, date: date ? new Date(date) : null };
      });
    }, function (err) {
      clearTimeout(timer);
      throw err;
    });
  }

  function getJSON(url) { return request('GET', url); }
  function postJSON(url, body) { return request('POST', url, body); }

  /** The bilingual error of an API answer, or null. */
  function apiError(answer) {
    var err = answer && answer.body && answer.body.error;
    return err && typeof err === 'object' ? err : null;
  }

  function query(name) {
    var match = new RegExp('[?&]' + name + '=([^&#]*)').exec(location.search);
    if (!match) return null;
    try { return decodeURIComponent(match[1].replace(/\+/g, ' ')); } catch (e) { return null; }
  }

  var ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var ID_CHECK = '10X98765432';

  /**
   * A resident ID number (GB 11643) in its canonical form (fullwidth digits folded, a final
   * upper-case X), or null when it cannot be one: the server's own rule
   * (queue_server/domain/identity.py), so a mistyped digit is caught before anything is sent.
   */
  function normalizeIdNumber(raw) {
    var value = String(raw === undefined || raw === null ? '' : raw);
    if (value.normalize) value = value.normalize('NFKC');
    value = value.trim().toUpperCase();
    if (!/^[0-9]{17}[0-9X]$/.test(value)) return null;
    var year = +value.slice(6, 10);
    var month = +value.slice(10, 12);
    var day = +value.slice(12, 14);
    var born = new Date(0);
    born.setUTCFullYear(year, month - 1, day); // (not Date.UTC: it maps years 0-99 to 19xx)
    if (year < 1 || born.getUTCFullYear() !== year || born.getUTCMonth() !== month - 1 ||
        born.getUTCDate() !== day) return null;
    var sum = 0;
    for (var i = 0; i < 17; i++) sum += (+value.charAt(i)) * ID_WEIGHTS[i];
    return ID_CHECK.charAt(sum % 11) === value.charAt(17) ? value : null;
  }

  function pad2(n) { return (n < 10 ? '0' : '') + n; }

  /** Clock parts of `date` in the hall's time zone (falls back to the device's zone). */
  function zonedParts(date, timeZone) {
    if (timeZone && global.Intl && Intl.DateTimeFormat) {
      try {
        var fmt = new Intl.DateTimeFormat('en-US', {
          timeZone: timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric',
          day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short'
        });
        var parts = {};
        fmt.formatToParts(date).forEach(function (p) { parts[p.type] = p.value; });
        var days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
        return {
          year: +parts.year, month: +parts.month, day: +parts.day,
          hour: +parts.hour % 24, minute: +parts.minute, second: +parts.second,
          weekday: days.indexOf(parts.weekday)
        };
      } catch (e) { /* unknown zone or old browser: use the device clock */ }
    }
    return {
      year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate(),
      hour: date.getHours(), minute: date.getMinutes(), second: date.getSeconds(),
      weekday: date.getDay()
    };
  }

  function hhmm(p) { return pad2(p.hour) + ':' + pad2(p.minute); }
  function hhmmss(p) { return hhmm(p) + ':' + pad2(p.second); }

  /**
   * The live event stream (`WS /api/v1/events`), kept open: reconnects with a growing,
   * jittered back-off (a whole hall of phones must not reconnect in one instant), and
   * reconnects at once when the page becomes visible or the network comes back.
   *
   * opts: url() → the WebSocket URL to open now; onMessage(msg); onOnline(bool).
   */
  function LiveSocket(opts) {
    this.opts = opts;
    this.ws = null;
    this.online = false;
    this.wanted = false;
    this.delay = 1000;
    this.retryTimer = 0;
    this.openTimer = 0;
    var self = this;
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) self.kick();
    });
    global.addEventListener('online', function () { self.kick(); });
  }

  LiveSocket.prototype.start = function () {
    this.wanted = true;
    if (!this.ws) this.connect();
  };

  LiveSocket.prototype.stop = function () {
    this.wanted = false;
    clearTimeout(this.retryTimer);
    this.drop();
  };

  /** Reconnect now if the stream is down (page shown again, network back). */
  LiveSocket.prototype.kick = function () {
    if (!this.wanted || (this.ws && this.online)) return;
    clearTimeout(this.retryTimer);
    this.drop();
    this.delay = 1000;
    this.connect();
  };

  /** Drop the connection and open a fresh one (new URL, or a stream that went quiet). */
  LiveSocket.prototype.restart = function () {
    if (!this.wanted) return;
    clearTimeout(this.retryTimer);
    this.drop();
    this.connect();
  };

  LiveSocket.prototype.connect = function () {
    var self = this;
    var ws;
    try {
      ws = new WebSocket(this.opts.url());
    } catch (e) {
      this.lost(null);
      return;
    }
    this.ws = ws;
    clearTimeout(this.openTimer);
    this.openTimer = setTimeout(function () { self.lost(ws); }, 10000);
    ws.onopen = function () {
      if (ws !== self.ws) return;
      clearTimeout(self.openTimer);
    };
    ws.onmessage = function (e) {
      if (ws !== self.ws) return;
      var msg;
      try { msg = JSON.parse(e.data); } catch (err) { return; }
      if (!msg || typeof msg !== 'object') return;
      if (msg.type === 'hello') {
        self.delay = 1000; // a working stream: reset the back-off
        self.setOnline(true);
      }
      self.opts.onMessage(msg);
    };
    ws.onclose = function () { self.lost(ws); };
    ws.onerror = function () { self.lost(ws); };
  };

  LiveSocket.prototype.lost = function (ws) {
    if (ws !== this.ws) return;
    this.drop();
    if (!this.wanted) return;
    var self = this;
    var wait = this.delay * (0.7 + 0.3 * Math.random());
    this.delay = Math.min(this.delay * 2, 10000);
    this.retryTimer = setTimeout(function () { self.connect(); }, wait);
  };

  LiveSocket.prototype.drop = function () {
    clearTimeout(this.openTimer);
    var ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try { ws.close(); } catch (e) { /* already closed */ }
    }
    this.setOnline(false);
  };

  LiveSocket.prototype.setOnline = function (online) {
    if (online === this.online) return;
    this.online = online;
    if (this.opts.onOnline) this.opts.onOnline(online);
  };

  function eventsUrl(params) {
    var proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    var parts = [];
    Object.keys(params).forEach(function (k) {
      if (params[k] !== null && params[k] !== undefined && params[k] !== '') {
        parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(params[k]));
      }
    });
    var search = parts.length ? '?' + parts.join('&') : '';
    return proto + '//' + location.host + '/api/v1/events' + search;
  }

  /**
   * A two-tone chime made by the Web Audio API (no sound file). Browsers let audio start
   * only after a user gesture on the page: call unlock() from one (a tap, a key); until then
   * ready() is false and play() does nothing. `played` counts the chimes whose tones really
   * ran to their end in a running AudioContext; onplayed(n) and onchange() report.
   */
  function Chime() {
    this.ctx = null;
    this.played = 0;
    this.onplayed = null;
    this.onchange = null;
  }

  Chime.TONES = [[880, 0], [659.25, 0.32]]; // A5 then E5: [Hz, start in seconds]

  Chime.prototype.supported = function () {
    return !!(global.AudioContext || global.webkitAudioContext);
  };

  /** Create or resume the AudioContext: only works inside a user gesture's handler. */
  Chime.prototype.unlock = function () {
    var Ctx = global.AudioContext || global.webkitAudioContext;
    if (!Ctx) return;
    var self = this;
    if (!this.ctx) {
      try { this.ctx = new Ctx(); } catch (e) { return; }
      this.ctx.onstatechange = function () { if (self.onchange) self.onchange(); };
    }
    if (this.ctx.state !== 'running' && this.ctx.resume) {
      this.ctx.resume().then(null, function () { /* still no gesture: stays suspended */ });
    }
    if (this.onchange) this.onchange();
  };

  Chime.prototype.ready = function () {
    return !!this.ctx && this.ctx.state === 'running';
  };

  /** Ring once; false when the browser does not let the page sound yet. */
  Chime.prototype.play = function () {
    if (!this.ready()) return false;
    var ctx = this.ctx;
    var self = this;
    var start = ctx.currentTime + 0.02;
    var last = null;
    Chime.TONES.forEach(function (tone) {
      var at = start + tone[1];
      var osc = ctx.createOscillator();
      var gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = tone[0];
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.4, at + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.9);
      osc.connect(gain);
      gain.connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.95);
      last = osc;
    });
    last.onended = function () {
      self.played += 1;
      if (self.onplayed) self.onplayed(self.played);
    };
    return true;
  };

  global.HallQ = {
    el: el,
    setText: setText,
    show: show,
    getJSON: getJSON,
    postJSON: postJSON,
    apiError: apiError,
    query: query,
    normalizeIdNumber: normalizeIdNumber,
    pad2: pad2,
    zonedParts: zonedParts,
    hhmm: hhmm,
    hhmmss: hhmmss,
    LiveSocket: LiveSocket,
    Chime: Chime,
    eventsUrl: eventsUrl
  };
})(window);
