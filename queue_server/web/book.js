/* 预约 from a phone `/book`: matter → day and slot → ID → booked; look up or cancel by code.
 *
 * The ID number lives only in its input: it is checked here with the server's GB 11643 rule,
 * sent once, and cleared after the booking; it is never put in storage. Only booking codes
 * (the citizen's own capabilities) are remembered on the phone, to look them up again.
 */
(function () {
  'use strict';
  var H = window.HallQ;

  // [key, 中文, English]: both languages side by side, so neither is forgotten.
  var STRINGS = [
    ['hall_fallback', '政务服务大厅', 'Government Service Hall'],
    ['page_title', '预约取号', 'Book an appointment'],
    ['loading', '正在加载…', 'Loading…'],
    ['intro', '提前预约办理时段，到大厅凭预约码签到，在预约时段优先叫号。',
      'Book a time ahead, check in at the hall with your code, and be called first in your slot.'],
    ['to_lookup', '已预约？查询或取消', 'Already booked? Look up or cancel'],
    ['load_failed', '暂时无法加载可预约事项，请稍后刷新页面。',
      'Cannot load the bookable matters right now; please reload the page later.'],
    ['closed', '本大厅暂未开放在线预约，请到大厅取号办理。',
      'This hall does not take bookings online; please take a ticket at the hall.'],
    ['step_matter', '选择办理事项', 'Choose the matter'],
    ['search_label', '搜索事项（名称、拼音首字母或英文）', 'Search (name, pinyin initials or English)'],
    ['search_ph', '例如：营业执照 或 yyzz', 'e.g. business licence'],
    ['match_count', '共 {n} 项可预约', '{n} matters can be booked'],
    ['match_some', '找到 {n} 项', '{n} found'],
    ['no_match', '没有找到匹配的可预约事项，请换个关键词。', 'No bookable matter matches; try another word.'],
    ['not_bookable_pre', '“{name}”不提供在线预约，请到大厅自助取号机取号。也可在下方选择其他事项。',
      '“{name}” cannot be booked online; please take a ticket at a kiosk in the hall, or choose ' +
      'another matter below.'],
    ['unknown_pre', '未找到链接中的事项，请在下方选择。', 'The matter in the link was not found; please choose below.'],
    ['change', '更换', 'Change'],
    ['step_time', '选择日期和时段', 'Choose a day and time'],
    ['day_legend', '日期', 'Day'],
    ['slot_legend', '时段', 'Time'],
    ['slot_len', '（每段 {n} 分钟）', '({n} minutes each)'],
    ['today', '今天', 'Today'],
    ['tomorrow', '明天', 'Tomorrow'],
    ['left', '余 {n}', '{n} left'],
    ['full', '已约满', 'Full'],
    ['no_days', '近期没有可预约的时段，请稍后再试或到大厅取号。',
      'No times are open in the coming days; try again later or take a ticket at the hall.'],
    ['no_slots', '这一天已没有可预约的时段，请选择其他日期。', 'No times are left on this day; please choose another.'],
    ['step_id', '申请人信息', 'Applicant'],
    ['id_label', '身份证号', 'Resident ID number'],
    ['optional', '（选填）', '(optional)'],
    ['id_hint', '18位居民身份证号，仅用于核验预约，不会保存在本机。',
      'The 18-character resident ID: used to check the booking only, never kept on this phone.'],
    ['id_required', '请填写申请人的身份证号。', 'Please enter the applicant\'s ID number.'],
    ['id_invalid', '身份证号码无效，请核对18位号码。', 'The ID number is not a valid 18-digit resident ID.'],
    ['phone_label', '手机号（选填）', 'Mobile number (optional)'],
    ['phone_hint', '仅在需要时供大厅联系您。', 'Only for the hall to reach you if needed.'],
    ['phone_invalid', '手机号格式不正确，请只填写数字。', 'The phone number is not valid; digits only, please.'],
    ['step_confirm', '确认预约', 'Confirm'],
    ['row_matter', '办理事项', 'Matter'],
    ['row_time', '预约时段', 'Time'],
    ['row_checkin', '签到时间', 'Check in'],
    ['row_id', '申请人', 'Applicant'],
    ['row_ticket', '号码', 'Ticket'],
    ['pick_all', '请先选择事项、日期和时段。', 'Please choose a matter, a day and a time first.'],
    ['submit', '确认预约', 'Book this time'],
    ['submitting', '正在提交…', 'Booking…'],
    ['offline', '网络不稳定，请稍后重试。', 'The network is unstable; please try again.'],
    ['done_title', '预约成功', 'Booked'],
    ['code_label', '预约码', 'Booking code'],
    ['kiosk_hint', '到大厅后，请在自助取号机点击“预约签到”并输入此预约码；也可向导办台工作人员出示。',
      'At the hall, choose “Appointment check-in” on a self-service kiosk and key in this ' +
      'code, or show it at the help desk.'],
    ['checkin_note', '请在签到时间内到自助取号机签到；迟到将按现场取号排队。',
      'Check in at a kiosk within the check-in time; later arrivals are served as walk-ins.'],
    ['materials_title', '请携带以下材料', 'Please bring'],
    ['form_original', '原件', 'original'],
    ['form_copy', '复印件', 'copy'],
    ['form_original_and_copy', '原件及复印件', 'original and copy'],
    ['copies', '{form} {n} 份', '{form} ×{n}'],
    ['note', '注：{text}', 'Note: {text}'],
    ['save_hint', '请截图或记下预约码：查询、取消和签到都需要它。',
      'Take a screenshot or note the code: you need it to check in, look up or cancel.'],
    ['book_again', '再预约一项', 'Book another'],
    ['lookup_title', '查询或取消预约', 'Look up or cancel a booking'],
    ['lookup_btn', '查询', 'Look up'],
    ['looking', '正在查询…', 'Looking up…'],
    ['code_invalid', '预约码由字母和数字组成，请核对。', 'A booking code has letters and digits only; please check it.'],
    ['recent', '本机最近的预约：', 'Booked on this phone:'],
    ['cancel_id_label', '身份证号（与预约时填写的一致）', 'ID number (as given when booking)'],
    ['cancel_btn', '取消预约', 'Cancel this booking'],
    ['cancelling', '正在取消…', 'Cancelling…'],
    ['cancelled_ok', '预约已取消，名额已释放。', 'The booking is cancelled and its place freed.'],
    ['st_booked', '已预约', 'Booked'],
    ['st_checked_in', '已签到', 'Checked in'],
    ['st_late', '迟到签到', 'Checked in late'],
    ['st_no_show', '未按时签到', 'Missed'],
    ['st_cancelled', '已取消', 'Cancelled'],
    ['date', '{m}月{d}日 {w}', '{w} {d} {mon}'],
    ['date_short', '{m}月{d}日', '{d} {mon}'],
    ['foot', '预约码是办理凭证，请勿转发他人。', 'Your booking code is your pass: do not share it.'],
    ['lang_button', 'EN', '中文'],
    ['lang_label', 'Switch to English', '切换到中文']
  ];
  var TEXT = { zh: {}, en: {} };
  STRINGS.forEach(function (row) {
    TEXT.zh[row[0]] = row[1];
    TEXT.en[row[0]] = row[2];
  });
  var WEEKDAYS = {
    zh: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
    en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
  };
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var CODES_KEY = 'hallq.book.codes'; // booking codes only — never the ID number
  var MAX_CODES = 5;

  var lang = initialLang();
  var hall = { name: '', name_en: '', timezone: '' };
  var guides = {}; // matter code → its catalogue entry (guide, department)
  var departments = {};
  var offer = null; // GET /appointments/matters
  var matters = []; // bookable matters with their search fields
  var pre = { code: H.query('matter'), note: '', known: null }; // ?matter=CODE
  var chosen = { matter: null, day: null, slot: null };
  var days = null; // the chosen matter's open days
  var slots = null; // the chosen day's slots
  var seq = { days: 0, slots: 0 };
  var messages = {
    load: null, time: null, id: null, phone: null, book: null, lookup: null, cancel: null
  };
  var busy = { book: false, lookup: false, cancel: false };
  var booking = null; // the booking just made
  var found = null; // the booking looked up
  var cancelledNow = false;

  function initialLang() {
    var q = H.query('lang');
    if (q === 'en' || q === 'zh') {
      try { localStorage.setItem('hallq.lang', q); } catch (e) { /* private mode */ }
      return q;
    }
    var saved = null;
    try { saved = localStorage.getItem('hallq.lang'); } catch (e) { saved = null; }
    return saved === 'en' ? 'en' : 'zh';
  }

  function t(key, vars) {
    var s = TEXT[lang][key];
    if (s === undefined) s = TEXT.zh[key] || key;
    if (vars) {
      Object.keys(vars).forEach(function (k) { s = s.split('{' + k + '}').join(String(vars[k])); });
    }
    return s;
  }

  function byId(id) { return document.getElementById(id); }

  /** A message to show: a key of STRINGS, or the server's bilingual error. */
  function localMsg(key, vars) { return { key: key, vars: vars }; }
  function serverMsg(err) { return { err: err }; }
  function msgText(msg) {
    if (!msg) return '';
    if (msg.err) return lang === 'en' ? msg.err.message : (msg.err.message_zh || msg.err.message);
    return t(msg.key, msg.vars);
  }
  function answerMsg(answer) {
    var err = H.apiError(answer);
    return err ? serverMsg(err) : localMsg('offline');
  }
  function showMsg(id, msg) {
    H.setText(id, msgText(msg));
    H.show(id, !!msg);
  }

  function name(item) {
    if (!item) return '';
    return lang === 'en' ? (item.name_en || item.name || '') : (item.name || '');
  }

  // --- search -------------------------------------------------------------------------------
  /** Lower case, fullwidth folded, spaces and punctuation dropped (as the kiosk searches). */
  function normalize(text) {
    var s = String(text || '');
    if (s.normalize) s = s.normalize('NFKC');
    return s.toLowerCase().replace(/[^0-9a-z\u3400-\u9fff]+/g, '');
  }

  function searchable(m) {
    var fields = [m.name, m.name_en, m.code].concat(m.keywords || []).map(normalize);
    return fields.concat(m.initials || []).filter(function (f) { return !!f; });
  }

  /** Every typed word must be in one of the matter's fields. */
  function matches(m, terms) {
    return terms.every(function (term) {
      return m.fields.some(function (f) { return f.indexOf(term) >= 0; });
    });
  }

  // --- dates and times in the hall's zone -----------------------------------------------------
  /** "12月3日 周四" / "Thu 3 Dec" of a hall day "2026-12-03" (`key` date_short: no weekday). */
  function dayLabel(iso, key) {
    var p = iso.split('-');
    var m = +p[1];
    var d = +p[2];
    return t(key || 'date', { m: m, d: d, w: weekday(iso), mon: MONTHS[m - 1] });
  }

  function weekday(iso) {
    var p = iso.split('-');
    var at = new Date(0);
    at.setUTCFullYear(+p[0], +p[1] - 1, +p[2]);
    return WEEKDAYS[lang][at.getUTCDay()];
  }

  function relativeDay(iso) {
    if (!offer) return '';
    if (iso === offer.today) return t('today');
    var at = new Date(offer.today + 'T00:00:00Z');
    at.setUTCDate(at.getUTCDate() + 1);
    return at.toISOString().slice(0, 10) === iso ? t('tomorrow') : '';
  }

  function clock(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? '' : H.hhmm(H.zonedParts(d, hall.timezone));
  }

  function span(from, until) { return clock(from) + '–' + clock(until); }

  function whenText(b) {
    return dayLabel(b.day) + ' ' + span(b.slot_start, b.slot_end);
  }

  // --- loading -------------------------------------------------------------------------------
  function load() {
    H.show('loading', true);
    messages.load = null;
    var catalog = H.getJSON('/api/v1/catalog').then(function (answer) {
      var body = answer.body;
      if (answer.status !== 200 || !body) return;
      var h = body.hall || {};
      hall = { name: h.name || '', name_en: h.name_en || '', timezone: h.timezone || '' };
      (body.departments || []).forEach(function (d) { departments[d.code] = d; });
      (body.matters || []).forEach(function (m) { guides[m.code] = m; });
    }, function () { /* names and guides are extras: booking works without them */ });
    var bookable = H.getJSON('/api/v1/appointments/matters').then(function (answer) {
      if (answer.status === 200 && answer.body && answer.body.matters) {
        offer = answer.body;
      } else {
        messages.load = answerMsg(answer);
      }
    }, function () { messages.load = localMsg('load_failed'); });
    Promise.all([catalog, bookable]).then(start);
  }

  function start() {
    H.show('loading', false);
    if (!offer) {
      if (!messages.load || !messages.load.err) messages.load = localMsg('load_failed');
      render();
      return;
    }
    matters = offer.matters.map(function (m) {
      var copy = {};
      Object.keys(m).forEach(function (k) { copy[k] = m[k]; });
      copy.fields = searchable(m);
      return copy;
    });
    if (!offer.enabled || !matters.length) {
      messages.load = localMsg('closed');
      render();
      return;
    }
    H.show('book-form', true);
    buildMatterList();
    if (pre.code) {
      var wanted = findMatter(pre.code);
      if (wanted) {
        chooseMatter(wanted.code, false);
      } else {
        pre.known = guides[pre.code] || null; // in the catalogue, but not bookable
        pre.note = pre.known ? 'not_bookable_pre' : 'unknown_pre';
      }
    }
    render();
  }

  function findMatter(code) {
    for (var i = 0; i < matters.length; i++) {
      if (matters[i].code === code) return matters[i];
    }
    return null;
  }

  // --- step 1: the matter ---------------------------------------------------------------------
  function buildMatterList() {
    var list = byId('matter-list');
    while (list.firstChild) list.removeChild(list.firstChild);
    matters.forEach(function (m) {
      var item = H.el('li');
      var button = H.el('button', 'matter-item');
      button.type = 'button';
      button.setAttribute('data-code', m.code);
      button.appendChild(H.el('span', 'matter-name'));
      button.appendChild(H.el('span', 'matter-sub'));
      button.addEventListener('click', function () { chooseMatter(m.code, true); });
      item.appendChild(button);
      list.appendChild(item);
    });
  }

  function subline(m) {
    var dept = guides[m.code] ? departments[guides[m.code].department] : null;
    var parts = [];
    if (lang === 'zh' && m.name_en) parts.push(m.name_en);
    if (dept) parts.push(name(dept));
    return parts.join(' · ');
  }

  function renderMatterList() {
    var terms = byId('matter-search').value.split(/\s+/).map(normalize).filter(function (x) {
      return !!x;
    });
    var shown = 0;
    var items = byId('matter-list').children;
    for (var i = 0; i < items.length; i++) {
      var m = matters[i];
      var hit = !terms.length || matches(m, terms);
      items[i].hidden = !hit;
      if (hit) shown++;
      var button = items[i].firstChild;
      H.setText(button.firstChild, name(m));
      H.setText(button.lastChild, subline(m));
    }
    H.setText('matter-count', terms.length ? t('match_some', { n: shown })
      : t('match_count', { n: matters.length }));
    H.show('no-match', shown === 0);
  }

  function chooseMatter(code, byHand) {
    var m = findMatter(code);
    if (!m) return;
    chosen = { matter: m, day: null, slot: null };
    days = null;
    slots = null;
    pre.note = '';
    messages.time = null;
    messages.book = null;
    render();
    loadDays(true);
    if (byHand) byId('matter-change').focus();
  }

  function changeMatter() {
    chosen = { matter: null, day: null, slot: null };
    days = null;
    slots = null;
    messages.time = null;
    messages.book = null;
    render();
    byId('matter-search').focus();
  }

  // --- step 2: day and slot -------------------------------------------------------------------
  /** The open days of the chosen matter; `pick` selects the first with places left. */
  function loadDays(pick) {
    var m = chosen.matter;
    var mine = ++seq.days;
    H.show('days-loading', days === null);
    H.getJSON('/api/v1/appointments/days?matter=' + encodeURIComponent(m.code)).then(
      function (answer) {
        if (mine !== seq.days) return;
        H.show('days-loading', false);
        if (answer.status !== 200 || !answer.body) {
          messages.time = answerMsg(answer);
          days = [];
          render();
          return;
        }
        days = answer.body.days || [];
        var still = days.some(function (d) { return d.day === chosen.day; });
        if (!still) {
          chosen.day = null;
          chosen.slot = null;
        }
        if (!chosen.day && pick) {
          var first = days.filter(function (d) { return d.remaining > 0; })[0];
          if (first) chosen.day = first.day;
        }
        render();
        if (chosen.day) loadSlots();
      },
      function () {
        if (mine !== seq.days) return;
        H.show('days-loading', false);
        messages.time = localMsg('offline');
        render();
      }
    );
  }

  function chooseDay(day) {
    if (chosen.day === day) return;
    chosen.day = day;
    chosen.slot = null;
    slots = null;
    messages.time = null;
    messages.book = null;
    render();
    loadSlots();
  }

  function loadSlots() {
    var m = chosen.matter;
    var day = chosen.day;
    var mine = ++seq.slots;
    var url = '/api/v1/appointments/slots?matter=' + encodeURIComponent(m.code) +
      '&day=' + encodeURIComponent(day);
    H.getJSON(url).then(function (answer) {
      if (mine !== seq.slots) return;
      if (answer.status !== 200 || !answer.body) {
        messages.time = answerMsg(answer);
        slots = [];
      } else {
        slots = answer.body.slots || [];
        var kept = slots.some(function (s) { return s.slot === chosen.slot && s.remaining > 0; });
        if (!kept) chosen.slot = null;
      }
      render();
    }, function () {
      if (mine !== seq.slots) return;
      messages.time = localMsg('offline');
      render();
    });
  }

  function chooseSlot(slot) {
    chosen.slot = slot;
    messages.time = null;
    messages.book = null;
    render();
  }

  function radio(group, value, checked, disabled, onPick) {
    var label = H.el('label', 'pick' + (checked ? ' pick-on' : '') + (disabled ? ' pick-off' : ''));
    var input = H.el('input');
    input.type = 'radio';
    input.name = group;
    input.value = value;
    input.checked = checked;
    input.disabled = disabled;
    input.addEventListener('change', function () { if (input.checked) onPick(value); });
    label.appendChild(input);
    return label;
  }

  function renderDays() {
    var box = byId('days');
    var focused = document.activeElement && box.contains(document.activeElement)
      ? document.activeElement.value : null;
    while (box.firstChild) box.removeChild(box.firstChild);
    (days || []).forEach(function (d) {
      var full = d.remaining <= 0;
      var label = radio('day', d.day, chosen.day === d.day, full, chooseDay);
      label.setAttribute('data-day', d.day);
      label.appendChild(H.el('span', 'pick-main', dayLabel(d.day, 'date_short')));
      var rel = relativeDay(d.day);
      label.appendChild(H.el('span', 'pick-week', rel ? weekday(d.day) + ' · ' + rel : weekday(d.day)));
      label.appendChild(H.el('span', 'pick-sub', full ? t('full') : t('left', { n: d.remaining })));
      box.appendChild(label);
    });
    restoreFocus(box, focused);
    H.show('days-box', !!days && days.length > 0);
    H.show('days-empty', !!days && days.length === 0);
  }

  function renderSlots() {
    var box = byId('slots');
    var focused = document.activeElement && box.contains(document.activeElement)
      ? document.activeElement.value : null;
    while (box.firstChild) box.removeChild(box.firstChild);
    (slots || []).forEach(function (s) {
      var full = s.remaining <= 0;
      var label = radio('slot', s.slot, chosen.slot === s.slot, full, chooseSlot);
      label.setAttribute('data-slot', s.slot);
      label.appendChild(H.el('span', 'pick-main', s.slot));
      label.appendChild(H.el('span', 'pick-sub', full ? t('full') : t('left', { n: s.remaining })));
      box.appendChild(label);
    });
    restoreFocus(box, focused);
    H.setText('slot-len', offer ? t('slot_len', { n: offer.slot_minutes }) : '');
    H.show('slots-box', !!chosen.day && slots !== null);
    H.show('slots-empty', !!slots && slots.length === 0);
  }

  /** Re-built radios keep the keyboard where it was. */
  function restoreFocus(box, value) {
    if (value === null) return;
    var inputs = box.querySelectorAll('input');
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].value === value && !inputs[i].disabled) inputs[i].focus();
    }
  }

  function chosenSlot() {
    if (!slots || !chosen.slot) return null;
    for (var i = 0; i < slots.length; i++) if (slots[i].slot === chosen.slot) return slots[i];
    return null;
  }

  // --- steps 3 and 4: the applicant, then book ------------------------------------------------
  function checkInputs() {
    var required = chosen.matter && chosen.matter.id_required;
    var raw = byId('id-number').value;
    var id = null;
    messages.id = null;
    messages.phone = null;
    if (raw.trim()) {
      id = H.normalizeIdNumber(raw);
      if (!id) messages.id = localMsg('id_invalid');
    } else if (required) {
      messages.id = localMsg('id_required');
    }
    var phone = byId('phone').value.replace(/[\s-]/g, '');
    if (phone.normalize) phone = phone.normalize('NFKC');
    if (phone && !/^\+?[0-9]{5,15}$/.test(phone)) messages.phone = localMsg('phone_invalid');
    return { id: id, phone: phone || null, ok: !messages.id && !messages.phone };
  }

  function submitBooking(e) {
    e.preventDefault();
    if (busy.book) return;
    messages.book = null;
    if (!chosen.matter || !chosen.day || !chosenSlot()) {
      messages.book = localMsg('pick_all');
      render();
      return;
    }
    var input = checkInputs();
    if (!input.ok) {
      render();
      byId(messages.id ? 'id-number' : 'phone').focus();
      return; // nothing is sent
    }
    var body = { matter: chosen.matter.code, day: chosen.day, slot: chosen.slot };
    if (input.id) body.id_number = input.id;
    if (input.phone) body.phone = input.phone;
    busy.book = true;
    render();
    H.postJSON('/api/v1/appointments', body).then(function (answer) {
      busy.book = false;
      if (answer.status === 201 && answer.body && answer.body.code) {
        booked(answer.body);
        return;
      }
      var err = H.apiError(answer);
      if (err && err.code === 'invalid_id_number') {
        messages.id = serverMsg(err);
      } else if (err && /^(slot_full|slot_unavailable)$/.test(err.code)) {
        messages.time = serverMsg(err); // shown by the slots, which are fetched again
        chosen.slot = null;
        loadDays(false);
      } else {
        messages.book = answerMsg(answer);
      }
      render();
      if (messages.time) byId('h-time').focus();
    }, function () {
      busy.book = false;
      messages.book = localMsg('offline');
      render();
    });
  }

  function booked(b) {
    booking = b;
    byId('id-number').value = ''; // the ID number goes nowhere else
    byId('phone').value = '';
    remember(b.code);
    byId('lookup-code').value = b.code;
    render();
    var done = byId('done');
    done.scrollIntoView();
    done.focus();
  }

  function bookAgain() {
    booking = null;
    chosen = { matter: null, day: null, slot: null };
    days = null;
    slots = null;
    messages.time = null;
    messages.book = null;
    byId('matter-search').value = '';
    render();
    window.scrollTo(0, 0);
    byId('matter-search').focus();
  }

  function renderMaterials(code) {
    var list = byId('materials');
    while (list.firstChild) list.removeChild(list.firstChild);
    var guide = guides[code] && guides[code].guide;
    var items = (guide && guide.materials) || [];
    items.forEach(function (item) {
      var li = H.el('li');
      li.appendChild(H.el('span', 'mat-name', name(item)));
      var form = t('form_' + item.form);
      li.appendChild(H.el('span', 'mat-form', t('copies', { form: form, n: item.copies || 1 })));
      if (item.note) li.appendChild(H.el('span', 'mat-note', t('note', { text: item.note })));
      list.appendChild(li);
    });
    H.show('done-materials', items.length > 0);
  }

  // --- look up and cancel ---------------------------------------------------------------------
  function remember(code) {
    var codes = recentCodes().filter(function (c) { return c !== code; });
    codes.unshift(code);
    try {
      localStorage.setItem(CODES_KEY, JSON.stringify(codes.slice(0, MAX_CODES)));
    } catch (e) { /* private mode */ }
  }

  function recentCodes() {
    var codes = null;
    try { codes = JSON.parse(localStorage.getItem(CODES_KEY) || '[]'); } catch (e) { codes = []; }
    if (!Array.isArray(codes)) return [];
    return codes.filter(function (c) { return typeof c === 'string' && /^[A-Z0-9-]{1,16}$/.test(c); });
  }

  function renderRecent() {
    var codes = recentCodes();
    var box = byId('recent-list');
    while (box.firstChild) box.removeChild(box.firstChild);
    codes.forEach(function (code) {
      var button = H.el('button', 'recent-code', code);
      button.type = 'button';
      button.addEventListener('click', function () {
        byId('lookup-code').value = code;
        lookUp();
      });
      box.appendChild(button);
    });
    H.show('recent', codes.length > 0);
  }

  function normalizeCode(raw) {
    var s = String(raw || '');
    if (s.normalize) s = s.normalize('NFKC');
    return s.replace(/\s+/g, '').toUpperCase();
  }

  function lookUp(e) {
    if (e) e.preventDefault();
    if (busy.lookup) return;
    var code = normalizeCode(byId('lookup-code').value);
    messages.lookup = null;
    messages.cancel = null;
    cancelledNow = false;
    if (!/^[A-Z0-9-]{1,16}$/.test(code)) {
      found = null;
      messages.lookup = localMsg('code_invalid');
      render();
      byId('lookup-code').focus();
      return;
    }
    byId('lookup-code').value = code;
    busy.lookup = true;
    render();
    H.getJSON('/api/v1/appointments/' + encodeURIComponent(code)).then(function (answer) {
      busy.lookup = false;
      if (answer.status === 200 && answer.body && answer.body.code) {
        found = answer.body;
      } else {
        found = null;
        messages.lookup = answerMsg(answer);
      }
      render();
    }, function () {
      busy.lookup = false;
      messages.lookup = localMsg('offline');
      render();
    });
  }

  function cancellable(b) {
    return b.status === 'booked' && new Date(b.slot_start).getTime() > Date.now();
  }

  function submitCancel(e) {
    e.preventDefault();
    if (busy.cancel || !found) return;
    messages.cancel = null;
    var body = {};
    if (found.id_masked) {
      var id = H.normalizeIdNumber(byId('cancel-id').value);
      if (!id) {
        messages.cancel = localMsg(byId('cancel-id').value.trim() ? 'id_invalid' : 'id_required');
        render();
        byId('cancel-id').focus();
        return;
      }
      body.id_number = id;
    }
    busy.cancel = true;
    render();
    var url = '/api/v1/appointments/' + encodeURIComponent(found.code) + '/cancel';
    H.postJSON(url, body).then(function (answer) {
      busy.cancel = false;
      if (answer.status === 200 && answer.body && answer.body.code) {
        found = answer.body;
        cancelledNow = true;
        byId('cancel-id').value = '';
        if (booking && booking.code === found.code) booking = found;
      } else {
        messages.cancel = answerMsg(answer);
      }
      render();
    }, function () {
      busy.cancel = false;
      messages.cancel = localMsg('offline');
      render();
    });
  }

  function renderLookup() {
    renderRecent();
    var button = byId('lookup-submit');
    button.disabled = busy.lookup;
    button.textContent = t(busy.lookup ? 'looking' : 'lookup_btn');
    showMsg('lookup-error', messages.lookup);
    H.show('lookup-result', !!found);
    if (!found) return;
    var b = found;
    H.setText('res-code', b.code);
    var chip = H.setText('res-status', t('st_' + b.status));
    chip.className = 'chip chip-' + b.status;
    H.setText('res-matter', lang === 'en' ? (b.matter_name_en || b.matter_name) : b.matter_name);
    H.setText('res-time', whenText(b));
    H.setText('res-checkin', span(b.check_in_from, b.check_in_until));
    H.show('res-id-row', !!b.id_masked);
    H.setText('res-id', b.id_masked || '');
    H.show('res-ticket-row', !!b.ticket);
    H.setText('res-ticket', b.ticket || '');
    H.setText('res-note', cancelledNow ? t('cancelled_ok') : '');
    H.show('res-note', cancelledNow);
    H.show('cancel-form', cancellable(b));
    H.show('cancel-id-box', !!b.id_masked);
    showMsg('cancel-error', messages.cancel);
    var cancel = byId('cancel-submit');
    cancel.disabled = busy.cancel;
    cancel.textContent = t(busy.cancel ? 'cancelling' : 'cancel_btn');
  }

  // --- rendering -------------------------------------------------------------------------------
  function applyStatic() {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    var nodes = document.querySelectorAll('[data-t]');
    for (var i = 0; i < nodes.length; i++) {
      nodes[i].textContent = t(nodes[i].getAttribute('data-t'));
    }
    byId('matter-search').placeholder = t('search_ph');
    var btn = byId('lang-toggle');
    btn.textContent = t('lang_button');
    btn.setAttribute('aria-label', t('lang_label'));
    H.setText('hall-name',
      (lang === 'en' ? (hall.name_en || hall.name) : hall.name) || t('hall_fallback'));
    document.title = t('page_title') + ' · ' + (hall.name ? name(hall) : t('hall_fallback'));
  }

  function render() {
    applyStatic();
    showMsg('load-error', messages.load);
    renderLookup();
    if (!offer || !matters.length || !offer.enabled) return;
    var m = chosen.matter;
    H.show('book-form', !booking);
    H.show('done', !!booking);
    if (booking) {
      renderDone();
      return;
    }
    showMsg('pre-note', pre.note ? localMsg(pre.note, { name: name(pre.known) }) : null);
    H.show('matter-picker', !m);
    H.show('matter-chosen', !!m);
    if (m) {
      H.setText('chosen-name', name(m));
      H.setText('chosen-sub', subline(m));
    } else {
      renderMatterList();
    }
    H.show('step-time', !!m);
    if (m) {
      renderDays();
      renderSlots();
      showMsg('time-error', messages.time);
    }
    var slot = chosenSlot();
    H.show('step-id', !!slot);
    H.show('step-confirm', !!slot);
    H.setText('id-label', t('id_label') + (m && !m.id_required ? t('optional') : ''));
    byId('id-number').setAttribute('aria-required', m && m.id_required ? 'true' : 'false');
    showMsg('id-error', messages.id);
    byId('id-number').setAttribute('aria-invalid', messages.id ? 'true' : 'false');
    showMsg('phone-error', messages.phone);
    byId('phone').setAttribute('aria-invalid', messages.phone ? 'true' : 'false');
    H.setText('sum-matter', m ? name(m) : '');
    H.setText('sum-time', slot ? dayLabel(chosen.day) + ' ' + span(slot.start, slot.end) : '');
    showMsg('book-error', messages.book);
    var submit = byId('book-submit');
    submit.disabled = busy.book;
    submit.textContent = t(busy.book ? 'submitting' : 'submit');
  }

  function renderDone() {
    var b = booking;
    H.setText('done-code', b.code);
    H.setText('done-matter', lang === 'en' ? (b.matter_name_en || b.matter_name) : b.matter_name);
    H.setText('done-time', whenText(b));
    H.setText('done-checkin', span(b.check_in_from, b.check_in_until));
    H.show('done-id-row', !!b.id_masked);
    H.setText('done-id', b.id_masked || '');
    renderMaterials(b.matter);
  }

  // --- start ---------------------------------------------------------------------------------
  byId('lang-toggle').addEventListener('click', function () {
    lang = lang === 'en' ? 'zh' : 'en';
    try { localStorage.setItem('hallq.lang', lang); } catch (e) { /* private mode */ }
    render();
  });
  byId('matter-search').addEventListener('input', renderMatterList);
  byId('matter-search').addEventListener('keydown', function (e) {
    if (e.key !== 'Enter') return;
    e.preventDefault(); // not a booking: take the only match, if there is one
    var shown = matters.filter(function (m, i) { return !byId('matter-list').children[i].hidden; });
    if (shown.length === 1) chooseMatter(shown[0].code, true);
  });
  byId('matter-change').addEventListener('click', changeMatter);
  byId('book-form').addEventListener('submit', submitBooking);
  byId('book-again').addEventListener('click', bookAgain);
  byId('lookup-form').addEventListener('submit', lookUp);
  byId('cancel-form').addEventListener('submit', submitCancel);
  ['id-number', 'phone'].forEach(function (id) {
    var key = id === 'phone' ? 'phone' : 'id';
    byId(id).addEventListener('input', function () {
      if (messages[key] || messages.book) { // corrected: the refusal no longer applies
        messages[key] = null;
        messages.book = null;
        render();
      }
    });
  });
  applyStatic();
  renderLookup();
  load();
}());
