/* The citizen's ticket page `/t/{token}`: live status, people ahead, the call, 好差评. */
(function () {
  'use strict';
  var H = window.HallQ;

  // [key, 中文, English]: both languages side by side, so neither is forgotten.
  var STRINGS = [
    ['hall_fallback', '政务服务大厅', 'Government Service Hall'],
    ['page_title', '排队进度查询', 'Queue status'],
    ['loading', '正在查询…', 'Loading…'],
    ['your_number', '您的号码', 'Your number'],
    ['green', '绿色通道', 'Priority lane'],
    ['ahead', '前面还有', 'People ahead'],
    ['people', '人', ''],
    ['wait', '预计等待', 'Estimated wait'],
    ['minutes', '分钟', 'min'],
    ['soon', '即将叫号', 'Soon'],
    ['windows', '办理窗口', 'Windows'],
    ['issued', '取号时间', 'Issued at'],
    ['window_n', '{n} 号窗口', 'Window {n}'],
    ['window_list_sep', '、', ', '],
    ['next_title', '快到您了', 'You are next'],
    ['next_text', '您是下一位，请在窗口附近留意叫号。',
      'Please stay near the windows and listen for your number.'],
    ['call_title', '轮到您了，请到', 'It\'s your turn — go to'],
    ['call_text', '请携带号票和材料前往办理', 'Please bring your slip and documents.'],
    ['recalled', '已重复呼叫 {n} 次，请尽快前往，以免过号',
      'Called again ({n}×): please hurry, or the call will lapse'],
    ['serving_title', '您正在办理业务', 'You are being served at'],
    ['serving_text', '办理完成后请对本次服务进行评价', 'Please rate the service when it is finished.'],
    ['st_waiting', '等候中', 'Waiting'],
    ['st_called', '已叫号，请到 {n} 号窗口', 'Called — go to window {n}'],
    ['st_serving', '办理中', 'Being served'],
    ['st_done', '已办结', 'Completed'],
    ['st_no_show', '过号', 'Missed'],
    ['st_suspended', '挂起', 'On hold'],
    ['st_cancelled', '已取消', 'Cancelled'],
    ['oc_accepted', '已受理，将按承诺时限办结', 'Accepted; it will be completed within the promised time'],
    ['oc_needs_more', '需补正材料', 'Documents missing'],
    ['oc_rejected', '不予受理', 'Not accepted'],
    ['oc_consulted', '咨询完毕', 'Enquiry answered'],
    ['noshow_title', '您已过号', 'You missed your call'],
    ['noshow_text', '请携带号票到自助取号机扫描二维码重新排队（扫码重新排队），每张号票限一次。',
      'Scan the QR code of your slip at a self-service kiosk to join the queue again ' +
      '(once per ticket).'],
    ['suspended_title', '业务已挂起', 'Your case is on hold'],
    ['suspended_text', '请按窗口告知备齐所缺材料，返回后到导办台或原窗口出示号票，将优先为您办理。',
      'Bring the missing documents you were told about, then show your slip at the help desk ' +
      'or the window; you will be served first.'],
    ['cancelled_text', '此号票已取消。如仍需办理，请重新取号。',
      'This ticket was cancelled. Please take a new ticket if you still need service.'],
    ['rate_title', '请对本次服务进行评价', 'Please rate this service'],
    ['rate_hint', '您的评价将帮助我们改进服务（好差评）。', 'Your rating helps us improve.'],
    ['reasons_title', '请选择不满意的原因（可多选）', 'What went wrong? (tick all that apply)'],
    ['comment', '意见建议（选填）', 'Comments (optional)'],
    ['submit', '提交评价', 'Submit rating'],
    ['submitting', '正在提交…', 'Sending…'],
    ['pick_level', '请先选择评价等级。', 'Please choose a rating first.'],
    ['thanks_title', '感谢您的评价！', 'Thank you for your rating!'],
    ['thanks_text', '您的评价：{label}。我们会认真对待每一条意见。',
      'Your rating: {label}. Every opinion counts.'],
    ['rated_title', '您已评价', 'Already rated'],
    ['rated_text', '本次服务已评价，感谢您的反馈。',
      'This service has been rated. Thank you for your feedback.'],
    ['rate_failed', '提交失败：{msg}', 'Could not send: {msg}'],
    ['offline', '网络不稳定，请稍后重试。', 'The network is unstable; please try again.'],
    ['live', '实时更新中', 'Live updates on'],
    ['connecting', '正在连接实时更新…', 'Connecting to live updates…'],
    ['reconnecting', '连接中断，正在重连…', 'Connection lost, reconnecting…'],
    ['updated', '更新于 {t}', 'Updated {t}'],
    ['fetch_failed', '暂时无法获取最新状态，正在重试…', 'Cannot get the latest status right now; retrying…'],
    ['keep_open', '请保持本页面打开，叫号时将自动更新。',
      'Keep this page open: it updates by itself when you are called.'],
    ['book_link', '下次办事可在线预约', 'Coming again? Book a time online'],
    ['book_again_link', '补齐材料后可在线预约再来办理', 'Book a time online to come back with the documents'],
    ['lang_button', 'EN', '中文'],
    ['lang_label', 'Switch to English', '切换到中文']
  ];
  var TEXT = { zh: {}, en: {} };
  STRINGS.forEach(function (row) {
    TEXT.zh[row[0]] = row[1];
    TEXT.en[row[0]] = row[2];
  });
  // The national 好差评 scale, best first; the zh label is what is stored.
  var LEVELS = [
    { rating: 5, zh: '非常满意', en: 'Very satisfied' },
    { rating: 4, zh: '满意', en: 'Satisfied' },
    { rating: 3, zh: '基本满意', en: 'Basically satisfied' },
    { rating: 2, zh: '不满意', en: 'Dissatisfied' },
    { rating: 1, zh: '非常不满意', en: 'Very dissatisfied' }
  ];
  var REASONS = [
    { zh: '等候时间过长', en: 'Waited too long' },
    { zh: '服务态度不好', en: 'Unfriendly staff' },
    { zh: '办理效率低', en: 'Slow service' },
    { zh: '一次性告知不到位', en: 'Not told everything needed at once' },
    { zh: '要求材料过多或重复提交', en: 'Too many or repeated documents' },
    { zh: '办事流程繁琐', en: 'Complicated procedure' },
    { zh: '其他', en: 'Other' }
  ];
  var POLL_MS = 15000;
  var HALL_KEY = 'hallq.hall';
  var HALL_TTL_MS = 6 * 3600 * 1000;

  var token = tokenFromPath();
  var lang = initialLang();
  var ticket = null;
  var hall = { name: '', name_en: '', timezone: '', windows: {} };
  var lastUpdate = null;
  var chosen = 0;
  var submitting = false;
  var ratedNow = null; // the rating just submitted from this page
  var alreadyRated = false;
  var zone = null;
  var refetchTimer = 0;
  var pollTimer = 0;
  var inFlight = false;
  var again = false;
  var done = false; // nothing more can happen to this ticket: stop listening
  var builtLang = null;
  var everOnline = false;
  var socket = new H.LiveSocket({
    url: function () { return H.eventsUrl({ zone: zone }); },
    onMessage: function (msg) {
      // Any event of the zone may move this ticket (people ahead, open windows); after a
      // hello (a new connection) some may have been missed. Tokens are not in events: the
      // ticket is recognised by its number, unique in the hall day.
      scheduleRefetch(msg.type === 'hello' || (!!ticket && msg.ticket === ticket.number));
    },
    onOnline: function (online) {
      if (online) everOnline = true;
      renderFooter();
    }
  });

  function tokenFromPath() {
    var m = /\/t\/([^/?#]+)/.exec(location.pathname);
    if (!m) return '';
    try { return decodeURIComponent(m[1]); } catch (e) { return ''; }
  }

  function initialLang() {
    var q = H.query('lang');
    if (q === 'en' || q === 'zh') {
      remember(q);
      return q;
    }
    var saved = null;
    try { saved = localStorage.getItem('hallq.lang'); } catch (e) { saved = null; }
    return saved === 'en' ? 'en' : 'zh';
  }

  function remember(value) {
    try { localStorage.setItem('hallq.lang', value); } catch (e) { /* private mode */ }
  }

  function t(key, vars) {
    var s = TEXT[lang][key];
    if (s === undefined) s = TEXT.zh[key] || key;
    if (vars) {
      Object.keys(vars).forEach(function (k) { s = s.split('{' + k + '}').join(String(vars[k])); });
    }
    return s;
  }

  // --- loading -----------------------------------------------------------------------------
  function load() {
    if (!token) {
      notFound();
      return;
    }
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    H.getJSON('/api/v1/tickets/' + encodeURIComponent(token)).then(function (answer) {
      inFlight = false;
      if (answer.status === 200 && answer.body && answer.body.number) {
        H.show('fetch-error', false);
        lastUpdate = new Date();
        update(answer.body);
      } else if (answer.status === 404 || answer.status === 422) {
        notFound(); // (a token that cannot be one may be refused as bad input)
      } else {
        failed();
      }
      if (again) {
        again = false;
        load();
      }
    }, function () {
      inFlight = false;
      failed();
    });
  }

  function scheduleRefetch(soon) {
    if (done) return;
    clearTimeout(refetchTimer);
    // A jittered delay: one call moves every phone of the zone, spread their requests.
    var delay = soon ? 150 : 400 + Math.random() * 900;
    refetchTimer = setTimeout(load, delay);
  }

  function startPolling() {
    clearInterval(pollTimer);
    pollTimer = setInterval(function () { if (!document.hidden) load(); }, POLL_MS);
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden && !done) load(); // phones freeze background pages: catch up
    });
  }

  function failed() {
    H.setText('fetch-error', t('fetch_failed'));
    H.show('fetch-error', true);
    if (!ticket) H.show('loading', true);
  }

  function notFound() {
    done = true;
    socket.stop();
    clearInterval(pollTimer);
    H.show('loading', false);
    H.show('ticket', false);
    H.show('fetch-error', false);
    H.show('foot', false);
    H.show('notfound', true);
    document.title = '未找到号票 · Ticket not found';
  }

  function update(body) {
    ticket = body;
    var finished = ticket.status === 'cancelled' || (ticket.status === 'done' && ticket.rated);
    if (finished && !done) {
      done = true; // nothing more will happen to it
      socket.stop();
      clearInterval(pollTimer);
    } else if (!done && (!socket.wanted || ticket.zone !== zone)) {
      zone = ticket.zone; // follow the ticket's zone (a transfer may move it)
      if (socket.wanted) socket.restart();
      else socket.start();
    }
    render();
  }

  /** Hall name, time zone and window names: from /catalog once, then from this phone. */
  function loadHall() {
    var cached = null;
    try { cached = JSON.parse(localStorage.getItem(HALL_KEY) || 'null'); } catch (e) { cached = null; }
    if (cached && cached.at > Date.now() - HALL_TTL_MS && cached.windows) {
      useHall(cached);
      return;
    }
    // The catalogue is large (every matter's guide); only these few names are kept.
    H.getJSON('/api/v1/catalog').then(function (answer) {
      var body = answer.body;
      if (answer.status !== 200 || !body || !body.hall) return;
      var info = {
        at: Date.now(), name: body.hall.name || '', name_en: body.hall.name_en || '',
        timezone: body.hall.timezone || '', windows: {}
      };
      (body.windows || []).forEach(function (w) {
        info.windows[w.number] = { name: w.name || '', name_en: w.name_en || '' };
      });
      try { localStorage.setItem(HALL_KEY, JSON.stringify(info)); } catch (e) { /* full */ }
      useHall(info);
    }, function () { /* the hall name is a nicety */ });
  }

  function useHall(info) {
    hall.name = String(info.name || '');
    hall.name_en = String(info.name_en || '');
    hall.timezone = String(info.timezone || '');
    hall.windows = info.windows || {};
    render();
  }

  // --- rendering ---------------------------------------------------------------------------
  function windowName(n) {
    var w = hall.windows[n];
    if (!w) return '';
    return lang === 'en' ? (w.name_en || w.name || '') : (w.name || '');
  }

  function statusText(tk) {
    if (tk.status === 'called') return t('st_called', { n: tk.window });
    return t('st_' + tk.status);
  }

  function applyStatic() {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    var nodes = document.querySelectorAll('[data-t]');
    for (var i = 0; i < nodes.length; i++) {
      nodes[i].textContent = t(nodes[i].getAttribute('data-t'));
    }
    var btn = document.getElementById('lang-toggle');
    btn.textContent = t('lang_button');
    btn.setAttribute('aria-label', t('lang_label'));
    H.setText('hall-name',
      (lang === 'en' ? (hall.name_en || hall.name) : hall.name) || t('hall_fallback'));
    if (builtLang !== lang) buildRatingChoices();
  }

  function render() {
    applyStatic();
    renderFooter();
    if (!ticket) return;
    var tk = ticket;
    H.show('loading', false);
    H.show('ticket', true);
    H.setText('number', tk.number);
    H.setText('matter', lang === 'en' ? (tk.matter_name_en || tk.matter_name) : tk.matter_name);
    var chip = H.setText('status-chip', statusText(tk));
    chip.className = 'chip chip-' + tk.status;
    H.show('green-chip', tk.priority === 'green');
    document.title = tk.number + ' · ' + statusText(tk);

    var called = tk.status === 'called' || tk.status === 'serving';
    H.show('banner-call', called);
    if (called) {
      var box = document.getElementById('banner-call');
      box.className = 'banner ' + (tk.status === 'called' ? 'banner-call' : 'banner-serving');
      H.setText('banner-call-title', t(tk.status === 'called' ? 'call_title' : 'serving_title'));
      H.setText('banner-window-no', t('window_n', { n: tk.window }));
      var name = windowName(tk.window);
      H.setText('banner-window-name', name);
      H.show('banner-window-name', !!name);
      var hint = tk.status === 'called' ? 'call_text' : 'serving_text';
      H.setText('banner-call-text', tk.status === 'called' && tk.recalls > 0
        ? t('recalled', { n: tk.recalls }) : t(hint));
    }

    var waiting = tk.status === 'waiting' && tk.waiting_ahead !== null;
    H.show('stats', waiting);
    H.show('banner-next', waiting && tk.waiting_ahead === 0);
    if (waiting) {
      H.setText('ahead', tk.waiting_ahead);
      var soon = tk.waiting_ahead === 0;
      H.setText('wait', soon ? t('soon') : tk.estimated_wait_min);
      H.show('wait-unit', !soon);
    }
    renderNote(tk);

    var wins = tk.window ? [tk.window] : (tk.windows || []);
    H.show('row-windows', wins.length > 0);
    H.setText('windows', wins.map(function (n) { return t('window_n', { n: n }); })
      .join(t('window_list_sep')));
    H.setText('issued', formatTime(tk.issued_at));
    renderRating(tk);
  }

  function renderNote(tk) {
    var title = '';
    var text = '';
    if (tk.status === 'no_show') {
      title = t('noshow_title');
      text = t('noshow_text');
    } else if (tk.status === 'suspended') {
      title = t('suspended_title');
      text = t('suspended_text');
    } else if (tk.status === 'cancelled') {
      title = t('st_cancelled');
      text = t('cancelled_text');
    } else if (tk.status === 'done' && tk.outcome && tk.outcome !== 'done') {
      title = t('oc_' + tk.outcome);
    }
    var note = H.show('note', !!title);
    note.className = 'card note note-' + tk.status;
    H.setText('note-title', title);
    H.setText('note-text', text);
    H.show('note-text', !!text);
  }

  function formatTime(iso) {
    if (!iso) return '';
    var d = new Date(iso);
    if (isNaN(d.getTime())) return '';
    return H.hhmm(H.zonedParts(d, hall.timezone));
  }

  function renderFooter() {
    var online = socket.online;
    var live = !done && ticket;
    H.show('foot', !!ticket);
    document.getElementById('live-dot').className = 'dot ' + (online ? 'dot-on' : 'dot-off');
    H.show('live-dot', !!live);
    var state = online ? 'live' : (everOnline ? 'reconnecting' : 'connecting');
    H.setText('live-text', live ? t(state) : '');
    H.setText('updated', lastUpdate
      ? t('updated', { t: H.hhmmss(H.zonedParts(lastUpdate, hall.timezone)) }) : '');
    H.show('keep-open', !!live && ticket.status !== 'done');
    renderBookLink();
  }

  /** Once the visit is over: booking the next one (the same matter when documents were missing). */
  function renderBookLink() {
    var over = !!ticket && (ticket.status === 'done' || ticket.status === 'cancelled');
    var link = H.show('book-link', over);
    if (!over) return;
    var again = ticket.outcome === 'needs_more';
    link.textContent = t(again ? 'book_again_link' : 'book_link');
    link.setAttribute('href', again ? '/book?matter=' + encodeURIComponent(ticket.matter) : '/book');
  }

  // --- 好差评 ------------------------------------------------------------------------------
  function buildRatingChoices() {
    builtLang = lang;
    var box = document.getElementById('levels');
    while (box.firstChild) box.removeChild(box.firstChild);
    LEVELS.forEach(function (level) {
      var label = H.el('label', 'level' + (chosen === level.rating ? ' level-on' : ''));
      var input = H.el('input');
      input.type = 'radio';
      input.name = 'rating';
      input.value = String(level.rating);
      input.checked = chosen === level.rating;
      input.addEventListener('change', function () { choose(level.rating); });
      label.appendChild(input);
      var starBox = H.el('span', 'stars');
      starBox.setAttribute('aria-hidden', 'true');
      starBox.appendChild(H.el('span', 'star-on', repeat('★', level.rating)));
      starBox.appendChild(H.el('span', 'star-off', repeat('★', 5 - level.rating)));
      label.appendChild(starBox);
      label.appendChild(H.el('span', 'level-name', level[lang]));
      box.appendChild(label);
    });
    var list = document.getElementById('reason-list');
    var ticked = {};
    var old = list.querySelectorAll('input');
    for (var i = 0; i < old.length; i++) ticked[old[i].value] = old[i].checked;
    while (list.firstChild) list.removeChild(list.firstChild);
    REASONS.forEach(function (reason) {
      var label = H.el('label', 'reason');
      var input = H.el('input');
      input.type = 'checkbox';
      input.value = reason.zh;
      input.checked = !!ticked[reason.zh];
      label.appendChild(input);
      label.appendChild(H.el('span', '', reason[lang]));
      list.appendChild(label);
    });
  }

  function repeat(ch, n) {
    var s = '';
    for (var i = 0; i < n; i++) s += ch;
    return s;
  }

  function choose(rating) {
    chosen = rating;
    var labels = document.querySelectorAll('#levels .level');
    for (var i = 0; i < labels.length; i++) {
      var input = labels[i].querySelector('input');
      labels[i].className = 'level' + (+input.value === rating ? ' level-on' : '');
    }
    H.show('reasons', rating <= 2);
    document.getElementById('rating-submit').disabled = submitting;
    H.show('rating-error', false);
  }

  function renderRating(tk) {
    var rateable = tk.status === 'done';
    var rated = tk.rated || alreadyRated || ratedNow !== null;
    H.show('rating', rateable && !rated);
    H.show('thanks', rateable && rated);
    if (rated) {
      var level = ratedNow === null ? null : LEVELS[5 - ratedNow];
      H.setText('thanks-title', t(level ? 'thanks_title' : 'rated_title'));
      H.setText('thanks-text', level ? t('thanks_text', { label: level[lang] }) : t('rated_text'));
    }
    H.show('reasons', chosen > 0 && chosen <= 2);
    var submit = document.getElementById('rating-submit');
    submit.disabled = submitting || !chosen;
    submit.textContent = t(submitting ? 'submitting' : 'submit');
  }

  function submitRating(e) {
    e.preventDefault();
    if (submitting) return;
    if (!chosen) {
      H.setText('rating-error', t('pick_level'));
      H.show('rating-error', true);
      return;
    }
    var reasons = [];
    if (chosen <= 2) {
      var boxes = document.querySelectorAll('#reason-list input:checked');
      for (var i = 0; i < boxes.length; i++) reasons.push(boxes[i].value);
    }
    var body = {
      rating: chosen, reasons: reasons,
      comment: document.getElementById('comment').value.slice(0, 500)
    };
    submitting = true;
    render();
    H.postJSON('/api/v1/tickets/' + encodeURIComponent(token) + '/evaluation', body)
      .then(function (answer) {
        submitting = false;
        var err = H.apiError(answer);
        if (answer.status === 201) {
          ratedNow = chosen;
          update(answer.body);
        } else if (err && err.code === 'already_rated') {
          alreadyRated = true; // rated meanwhile (another tab, the counter's evaluator)
          render();
        } else {
          showRatingError(err ? (lang === 'en' ? err.message : err.message_zh) : t('offline'));
        }
      }, function () {
        submitting = false;
        showRatingError(t('offline'));
      });
  }

  function showRatingError(msg) {
    render();
    H.setText('rating-error', t('rate_failed', { msg: msg }));
    H.show('rating-error', true);
  }

  // --- start -------------------------------------------------------------------------------
  document.getElementById('lang-toggle').addEventListener('click', function () {
    lang = lang === 'en' ? 'zh' : 'en';
    remember(lang);
    render();
  });
  document.getElementById('rating-form').addEventListener('submit', submitRating);
  applyStatic();
  load();
  loadHall();
  startPolling();
}());
