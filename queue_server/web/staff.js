/* What the signed-in staff pages share — the supervision dashboard `/admin`, the guide
 * desk's `/help-desk` and the department leads' `/followups`: their bilingual text, the
 * sign-in (staff ID + PIN, no window; the token stays in sessionStorage for this tab), the
 * server's clock, the sound switch, and fetching what a page shows. The calls for help
 * themselves are helpcalls.js's.
 *
 * Plain ES2015 without modules, like hallq.js (loaded first); server strings go in as text.
 */
(function (global) {
  'use strict';
  var H = global.HallQ;

  // [key, 中文, English]: what both pages say; a page's own strings come on top.
  var COMMON = [
    ['hall_fallback', '政务服务大厅', 'Government Service Hall'],
    ['online', '实时更新中', 'Live'],
    ['offline', '连接中断，正在重连…', 'Reconnecting…'],
    ['logout', '退出', 'Sign out'],
    ['lang_button', 'EN', '中文'],
    ['staff_id', '工号', 'Staff ID'],
    ['pin', '密码', 'PIN'],
    ['login', '登录', 'Sign in'],
    ['signing_in', '正在登录…', 'Signing in…'],
    ['fill_in', '请输入工号和密码。', 'Enter your staff ID and PIN.'],
    ['expired', '登录已失效，请重新登录。', 'Your session has ended; please sign in again.'],
    ['unreachable', '无法连接服务器，请稍后再试。', 'The server cannot be reached; try again shortly.'],
    ['seconds', '{n} 秒', '{n} s'],
    ['minutes', '{n} 分钟', '{n} min'],
    ['min_sec', '{m} 分 {s} 秒', '{m} min {s} s'],
    ['hour_min', '{h} 小时 {m} 分', '{h} h {m} min'],
    ['sound_off', '开启提示音', 'Enable sound'],
    ['sound_on', '提示音已开启', 'Sound on'],
    ['sound_blocked', '点此启用提示音', 'Tap to allow sound'],
    ['sound_unsupported', '此浏览器无法发声', 'No sound in this browser']
  ];

  function parseJSON(text) {
    try { return text ? JSON.parse(text) : null; } catch (e) { return null; }
  }

  function localGet(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  function localSet(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* private mode: this page only */ }
  }

  /**
   * The bar and the sign-in form every staff page has, put at the top of <body> when the page
   * starts: the same markup for all three pages, written once here. Its words are the page's
   * text keys (data-t), filled in by renderStatic in the page's language.
   */
  var SHELL =
    '<header class="bar">' +
    '<div class="brand"><img class="logo" src="/web/icon.svg" alt="">' +
    '<div class="brand-text"><div class="hall-name" id="hall-name"></div>' +
    '<div class="sub" data-t="title"></div></div></div>' +
    '<div class="bar-right">' +
    '<div class="live" id="live" data-state="offline" role="status" hidden>' +
    '<span class="dot"></span><span id="live-text" data-t="offline"></span></div>' +
    '<div class="clock" id="clock">--:--:--</div>' +
    '<button type="button" class="ghost" id="lang-toggle"></button>' +
    '<div class="who" id="who" hidden><span id="who-name"></span>' +
    '<button type="button" class="ghost" id="logout" data-t="logout"></button></div>' +
    '</div></header>' +
    '<main class="login-view" id="login-view">' +
    '<form class="card login" id="login-form" autocomplete="off" novalidate>' +
    '<h1 data-t="login_title"></h1><p class="hint" data-t="login_hint"></p>' +
    '<label><span data-t="staff_id"></span>' +
    '<input id="staff-id" name="staff_id" required maxlength="40" autocapitalize="off"' +
    ' spellcheck="false" autocomplete="username"></label>' +
    '<label><span data-t="pin"></span>' +
    '<input id="pin" name="pin" type="password" inputmode="numeric" required maxlength="32"' +
    ' autocomplete="current-password"></label>' +
    '<div class="error" id="login-error" role="alert" hidden></div>' +
    '<button type="submit" class="primary" id="login-submit" data-t="login"></button>' +
    '</form></main>';

  /** Put the shared bar and sign-in form first in <body> (once), with the page's words. */
  function buildShell(page) {
    if (document.getElementById('login-view')) return;
    var holder = document.createElement('div');
    holder.innerHTML = SHELL; // a constant: no server text goes through innerHTML
    var body = document.body;
    var first = body.firstChild;
    while (holder.firstChild) body.insertBefore(holder.firstChild, first);
    page.renderStatic();
  }

  /**
   * One signed-in staff page.
   * opts: strings ([key, 中文, English] of the page), roles (who may use it), storage (the
   * sessionStorage prefix, e.g. 'hallq.admin'), refused (text key for another role),
   * title (text key of the page's name), onEnter(), onLeave(), onLang().
   */
  function Page(opts) {
    var text = { zh: {}, en: {} };
    COMMON.concat(opts.strings).forEach(function (s) {
      text.zh[s[0]] = s[1];
      text.en[s[0]] = s[2];
    });
    this.opts = opts;
    this.text = text;
    this.lang = initialLang();
    this.token = this.load('token') || '';
    this.hall = { name: '', name_en: '', timezone: 'Asia/Shanghai' };
    this.zones = {};
    this.skew = 0; // server clock − device clock
    this.badge = 0; // shown in the document title: open calls for help
    buildShell(this);
  }

  function initialLang() {
    var q = H.query('lang');
    if (q === 'en' || q === 'zh') return q;
    return localGet('hallq.lang') === 'en' ? 'en' : 'zh';
  }

  Page.prototype.t = function (key, vars) {
    var s = this.text[this.lang][key];
    if (s === undefined) s = this.text.zh[key] || key;
    Object.keys(vars || {}).forEach(function (k) { s = s.split('{' + k + '}').join(vars[k]); });
    return s;
  };

  Page.prototype.has = function (key) { return this.text[this.lang][key] !== undefined; };

  Page.prototype.load = function (key) {
    try { return sessionStorage.getItem(this.opts.storage + '.' + key); } catch (e) { return null; }
  };

  Page.prototype.store = function (key, value) {
    var name = this.opts.storage + '.' + key;
    try {
      if (value === null) sessionStorage.removeItem(name);
      else sessionStorage.setItem(name, value);
    } catch (e) { /* private mode: the session lasts as long as the page */ }
  };

  /** fetch with the staff token → {status, body}; rejects when the server is unreachable. */
  Page.prototype.api = function (method, url, body) {
    var opts = { method: method, cache: 'no-store', headers: { Accept: 'application/json' } };
    if (this.token) opts.headers.Authorization = 'Bearer ' + this.token;
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    return fetch(url, opts).then(function (resp) {
      return resp.text().then(function (text) {
        return { status: resp.status, body: parseJSON(text) };
      });
    });
  };

  /** A refusal in the page's language first, then the other one. */
  Page.prototype.showError = function (id, answer, fallbackKey) {
    var box = typeof id === 'string' ? document.getElementById(id) : id;
    box.textContent = '';
    var err = H.apiError(answer);
    var en = this.lang === 'en';
    var first = err ? (en ? err.message : err.message_zh) : this.t(fallbackKey);
    var second = err ? (en ? err.message_zh : err.message)
      : this.text[en ? 'zh' : 'en'][fallbackKey];
    box.appendChild(H.el('div', '', first));
    if (second && second !== first) box.appendChild(H.el('div', 'other', second));
    box.hidden = false;
  };

  // --- the server's clock -------------------------------------------------------------------
  Page.prototype.serverTime = function (iso) {
    var at = Date.parse(iso);
    if (!isNaN(at)) this.skew = at - Date.now();
  };

  Page.prototype.now = function () { return Date.now() + this.skew; };

  Page.prototype.clockText = function (iso, withDay) {
    var p = H.zonedParts(new Date(iso), this.hall.timezone);
    var day = this.lang === 'en' ? H.pad2(p.month) + '-' + H.pad2(p.day) + ' '
      : p.month + '月' + p.day + '日 ';
    return (withDay ? day : '') + H.hhmm(p);
  };

  Page.prototype.isToday = function (iso) {
    var a = H.zonedParts(new Date(iso), this.hall.timezone);
    var b = H.zonedParts(new Date(this.now()), this.hall.timezone);
    return a.year === b.year && a.month === b.month && a.day === b.day;
  };

  /** "n 秒" under a minute, else whole minutes: waits against a target. */
  Page.prototype.duration = function (seconds) {
    if (seconds < 60) return this.t('seconds', { n: Math.floor(seconds) });
    return this.t('minutes', { n: Math.floor(seconds / 60) });
  };

  /** To the second under an hour: a wait someone is watching. */
  Page.prototype.preciseDuration = function (seconds) {
    var s = Math.floor(seconds);
    if (s < 60) return this.t('seconds', { n: s });
    if (s < 3600) return this.t('min_sec', { m: Math.floor(s / 60), s: H.pad2(s % 60) });
    return this.t('hour_min', { h: Math.floor(s / 3600), m: H.pad2(Math.floor(s / 60) % 60) });
  };

  Page.prototype.zoneName = function (code) {
    var z = this.zones[code];
    if (!z) return code || '';
    return this.lang === 'en' ? (z.name_en || z.name) : z.name;
  };

  Page.prototype.hallName = function () {
    var name = this.lang === 'en' ? (this.hall.name_en || this.hall.name) : this.hall.name;
    return name || this.t('hall_fallback');
  };

  /** The hall's name, zones and time zone from the public catalogue (retried until it
   * comes); then(catalogue) for what else a page reads of it. */
  Page.prototype.loadCatalog = function (then) {
    var self = this;
    var retry = function () { setTimeout(function () { self.loadCatalog(then); }, 5000); };
    H.getJSON('/api/v1/catalog').then(function (answer) {
      var body = answer.body;
      if (answer.status !== 200 || !body || !body.hall) return retry(); // e.g. 503 busy
      self.hall.name = body.hall.name || '';
      self.hall.name_en = body.hall.name_en || '';
      self.hall.timezone = body.hall.timezone || self.hall.timezone;
      (body.zones || []).forEach(function (z) { self.zones[z.code] = z; });
      self.renderStatic();
      if (then) then(body);
    }, retry);
  };

  // --- text on the page ---------------------------------------------------------------------
  Page.prototype.renderStatic = function () {
    var self = this;
    document.documentElement.lang = this.lang === 'en' ? 'en' : 'zh-CN';
    Array.prototype.forEach.call(document.querySelectorAll('[data-t]'), function (node) {
      node.textContent = self.t(node.getAttribute('data-t'));
    });
    var online = document.getElementById('live').getAttribute('data-state') === 'online';
    H.setText('live-text', this.t(online ? 'online' : 'offline'));
    H.setText('lang-toggle', this.t('lang_button'));
    H.setText('hall-name', this.hallName());
    this.renderTitle();
  };

  /** "(2) 页面 · 大厅": a background tab shows how many calls for help are open. */
  Page.prototype.renderTitle = function () {
    var title = this.t(this.opts.title) + ' · ' + this.hallName();
    document.title = (this.badge ? '(' + this.badge + ') ' : '') + title;
  };

  Page.prototype.setBadge = function (n) {
    this.badge = n;
    this.renderTitle();
  };

  Page.prototype.setLive = function (online) {
    document.getElementById('live').setAttribute('data-state', online ? 'online' : 'offline');
    H.setText('live-text', this.t(online ? 'online' : 'offline'));
  };

  Page.prototype.tickClock = function () {
    H.setText('clock', H.hhmmss(H.zonedParts(new Date(this.now()), this.hall.timezone)));
  };

  Page.prototype.toggleLang = function () {
    this.lang = this.lang === 'en' ? 'zh' : 'en';
    localSet('hallq.lang', this.lang);
    this.renderStatic();
    if (this.opts.onLang) this.opts.onLang();
  };

  // --- sign-in ------------------------------------------------------------------------------
  Page.prototype.showView = function (view) {
    document.body.setAttribute('data-view', view);
    H.show('login-view', view === 'login');
    H.show('dash', view === 'dash');
    H.show('who', view === 'dash');
    H.show('live', view === 'dash'); // no stream is wanted before sign-in
  };

  Page.prototype.allowed = function (role) {
    return this.opts.roles.indexOf(role) >= 0;
  };

  /** Back to the sign-in form; the session is ended on the server too. */
  Page.prototype.signOut = function (messageKey) {
    var old = this.token;
    this.token = '';
    this.store('token', null);
    this.store('name', null);
    if (this.opts.onLeave) this.opts.onLeave();
    if (old) {
      fetch('/api/v1/auth/logout', {
        method: 'POST', headers: { Authorization: 'Bearer ' + old }
      }).catch(function () { /* the session expires by itself */ });
    }
    this.showView('login');
    H.show('login-error', false);
    if (messageKey) this.showError('login-error', null, messageKey);
    document.getElementById('pin').value = '';
  };

  Page.prototype.submitLogin = function (ev) {
    ev.preventDefault();
    var self = this;
    var staffId = document.getElementById('staff-id').value.trim();
    var pin = document.getElementById('pin').value;
    H.show('login-error', false);
    if (!staffId || !pin) {
      this.showError('login-error', null, 'fill_in');
      return;
    }
    var button = document.getElementById('login-submit');
    button.disabled = true;
    button.textContent = this.t('signing_in');
    this.token = '';
    this.api('POST', '/api/v1/auth/login', { staff_id: staffId, pin: pin }).then(function (answer) {
      button.disabled = false;
      button.textContent = self.t('login');
      if (answer.status !== 200 || !answer.body || !answer.body.token) {
        self.showError('login-error', answer, 'unreachable');
        return;
      }
      self.token = answer.body.token;
      if (!self.allowed(answer.body.role)) {
        self.signOut(self.opts.refused); // not this page's role: end the session just opened
        return;
      }
      self.store('token', self.token);
      self.store('name', answer.body.staff && answer.body.staff.name || staffId);
      self.enter(answer.body.staff);
    }, function () {
      button.disabled = false;
      button.textContent = self.t('login');
      self.showError('login-error', null, 'unreachable');
    });
  };

  /** A reload keeps the tab's session: ask the server whose token it is. */
  Page.prototype.resume = function () {
    var self = this;
    if (!this.token) {
      this.showView('login');
      return;
    }
    this.api('GET', '/api/v1/auth/me').then(function (answer) {
      if (answer.status === 200 && answer.body && self.allowed(answer.body.role)) {
        self.enter({ id: answer.body.id, name: self.load('name') || answer.body.id });
      } else if (answer.status === 200) {
        self.signOut(self.opts.refused);
      } else {
        self.signOut(answer.status === 401 ? 'expired' : null);
      }
    }, function () { self.showView('login'); });
  };

  Page.prototype.enter = function (staff) {
    H.setText('who-name', staff && (staff.name || staff.id) || '');
    document.getElementById('pin').value = '';
    this.showView('dash');
    if (this.opts.onEnter) this.opts.onEnter();
  };

  /** Wire the sign-in form, sign-out and language buttons; show the page. */
  Page.prototype.start = function () {
    var self = this;
    document.getElementById('login-form').addEventListener('submit', function (ev) {
      self.submitLogin(ev);
    });
    document.getElementById('logout').addEventListener('click', function () { self.signOut(null); });
    document.getElementById('lang-toggle').addEventListener('click', function () {
      self.toggleLang();
    });
    this.renderStatic();
    this.tickClock();
    this.resume();
  };

  // --- the sound switch ---------------------------------------------------------------------
  /**
   * 开启提示音: a button that turns the chime on or off, remembered in localStorage under
   * `key`. Browsers keep a page silent until a user gesture, so after a reload the chime
   * stays "blocked" until the next tap or key anywhere on the page. The state and the number
   * of chimes played are on <body data-sound data-chimes> (what the browser tests read).
   */
  function SoundSwitch(page, button, key) {
    var self = this;
    this.page = page;
    this.button = button;
    this.key = key;
    this.chime = new H.Chime();
    this.wanted = localGet(key) === 'on';
    this.chime.onchange = function () { self.render(); };
    this.chime.onplayed = function (n) { document.body.setAttribute('data-chimes', String(n)); };
    document.body.setAttribute('data-chimes', '0');
    button.addEventListener('click', function () {
      if (self.state() === 'blocked') {
        self.chime.unlock(); // this tap is the gesture the browser waited for
      } else if (self.state() !== 'unsupported') {
        self.wanted = !self.wanted;
        localSet(self.key, self.wanted ? 'on' : 'off');
        if (self.wanted) {
          self.chime.unlock();
          self.chime.play(); // so one hears it works, and how loud it is
        }
      }
      self.render();
    });
    // Any tap or key on the page lets a remembered "on" sound again.
    ['pointerdown', 'keydown', 'touchend'].forEach(function (type) {
      document.addEventListener(type, function () {
        if (self.wanted && !self.chime.ready()) self.chime.unlock();
      }, true);
    });
    this.render();
  }

  SoundSwitch.prototype.state = function () {
    if (!this.chime.supported()) return 'unsupported';
    if (!this.wanted) return 'off';
    return this.chime.ready() ? 'on' : 'blocked';
  };

  /** Ring if the user wants sound and the browser lets the page make it. */
  SoundSwitch.prototype.ring = function () {
    return this.wanted && this.chime.play();
  };

  SoundSwitch.prototype.render = function () {
    var state = this.state();
    document.body.setAttribute('data-sound', state);
    this.button.setAttribute('data-state', state);
    this.button.setAttribute('aria-pressed', state === 'on' || state === 'blocked' ? 'true' : 'false');
    this.button.disabled = state === 'unsupported';
    this.button.textContent = this.page.t('sound_' + state);
  };

  /* What a page shows, fetched one request at a time while signed in. `load()` fetches and
   * applies it (a promise; a rejection is a failed fetch). `now()` fetches at once, or once
   * more after the fetch in flight, `delay` ms after it; `soon(ms)` fetches within `ms`,
   * coalescing the calls that come meanwhile (events arriving together make one fetch); a
   * failed fetch is tried again after 5 s. */
  function Refresher(page, load, delay) {
    this.page = page;
    this.load = load;
    this.delay = delay;
    this.timer = 0;
    this.inFlight = false;
    this.again = false;
  }

  Refresher.prototype.soon = function (ms) {
    var self = this;
    if (!this.page.token || this.timer) return;
    this.timer = setTimeout(function () {
      self.timer = 0;
      self.now();
    }, ms);
  };

  Refresher.prototype.now = function () {
    var self = this;
    if (!this.page.token) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    this.load().then(function () {
      self.inFlight = false;
      if (self.again) {
        self.again = false;
        self.soon(self.delay);
      }
    }, function () {
      self.inFlight = false;
      self.soon(5000);
    });
  };

  global.HallQStaff = { Page: Page, SoundSwitch: SoundSwitch, Refresher: Refresher };
})(window);
