/* The department lead's page `/followups` (差评回访): the 好差评 follow-ups of the lead's own
 * department (an admin signed in here sees every department's). The open ones come most
 * urgent first, with their contact and closing deadlines and overdue marks in words; each
 * has a form to record a contact (回访) and one to close it with a resolution and a note.
 * The ones closed lately are listed below with their notes.
 * GET /api/v1/followups on sign-in, on every event of WS /api/v1/events that concerns the
 * department (a rating of one of its matters — a bad one opens a follow-up — or a follow-up
 * of it opened, contacted or closed), on each reconnection, and every 30 s (deadlines pass
 * without events). Sign-in, text and the clock are staff.js's, shared with `/admin` and
 * `/help-desk`; a card's head, the citizen's words and the contact / close form are
 * followupcards.js's, shared with `/admin`'s follow-ups panel.
 */
(function () {
  'use strict';
  var H = window.HallQ;
  var S = window.HallQStaff;
  var F = window.HallQFollowups;

  // [key, 中文, English]: both languages side by side, so neither is forgotten.
  var STRINGS = [
    ['title', '差评回访', 'Follow-ups'],
    ['login_title', '差评回访登录', 'Follow-ups sign-in'],
    ['login_hint', '请使用本单位首席代表的工号和密码登录（管理员可查看全部单位）。',
      'Sign in with your department lead\'s staff ID and PIN (administrators see every department).'],
    ['not_lead', '该账号不是单位首席代表或管理员，无权处理差评回访。',
      'This account is neither a department lead nor an administrator; it cannot handle follow-ups.'],
    ['dept_title', '{dept} · 差评回访', 'Follow-ups · {dept}'],
    ['all_title', '全部单位 · 差评回访', 'Follow-ups · all departments'],
    ['rules', '差评须在联系时限内回访市民，并在办结时限前整改办结；逾期的标注“逾期”。',
      'Call the citizen back by the contact deadline and close the follow-up by the closing deadline; late ones are marked “overdue”.'],
    ['summary', '待办 {n} 件', '{n} open'],
    ['summary_late', '，其中逾期 {n} 件', ', {n} overdue'],
    ['open_title', '待办', 'Open'],
    ['open_none', '暂无待办的差评回访。', 'No follow-ups open.'],
    ['closed_title', '近期已办结', 'Closed lately'],
    ['closed_none', '暂无已办结的差评回访。', 'None closed yet.'],
    ['rated_at', '{t} 评价', 'rated {t}'],
    ['closed_at', '{t} 办结', 'closed {t}'],
    ['window', '{n}号窗口', 'window {n}'],
    ['served_by', '经办人 {id}', 'served by {id}'],
    ['contact_due', '联系时限 {t}', 'Contact by {t}'],
    ['contacted_at', '已联系 {t}', 'Contacted {t}'],
    ['fix_due', '办结时限 {t}', 'Close by {t}'],
    ['contact_late', '⚠ 联系逾期', '⚠ Contact overdue'],
    ['fix_late', '⚠ 办结逾期', '⚠ Overdue to close'],
    ['kind_contact', '联系', 'Contact'],
    ['kind_close', '办结', 'Closed'],
    ['contact', '记录联系', 'Log contact'],
    ['close', '办结', 'Close'],
    ['note_hint_contact', '如：已电话联系市民，说明原因并致歉', 'e.g. called the citizen, explained and apologised'],
    ['note_hint_close', '如：已对窗口人员批评教育，高峰时段增开窗口', 'e.g. the clerk was spoken to; one more window opens at peak hours'],
    ['res_contacted', '已联系解释', 'Contacted and explained'],
    ['res_fixed', '已整改', 'Fixed'],
    ['res_appeal', '申诉（差评有异议）', 'Appeal (rating disputed)']
  ];
  var DEBOUNCE_MS = 300;
  var REFRESH_MS = 30000;
  var CLOSED_SHOWN = 20;

  var department = null; // the lead's department code; null: every department (an admin)
  var departments = {}; // code → {name, name_en}, from the catalogue
  var matterDepartment = {}; // matter code → department code, from the catalogue
  var open = [];
  var closed = [];
  var loaded = false;
  var openCards = {}; // follow-up id → its card in the open list (F.keyed)
  var editing = null; // the card whose form is open (one at a time)

  var socket = new H.LiveSocket({
    url: function () { return H.eventsUrl({}); },
    onMessage: function (msg) {
      // A reconnection may have missed events: the server says what is open now.
      if (msg.type === 'hello' ? loaded : concerns(msg)) fetcher.soon(DEBOUNCE_MS);
    },
    onOnline: function (online) { P.setLive(online); }
  });
  var P = new S.Page({
    strings: F.STRINGS.concat(STRINGS),
    roles: ['lead', 'admin'],
    storage: 'hallq.followups',
    refused: 'not_lead',
    title: 'title',
    onEnter: function () { whoAmI(); },
    onLeave: function () {
      socket.stop();
      department = null;
      open = [];
      closed = [];
      loaded = false;
      editing = null;
      // The next one signed in here starts afresh: no form left open, nothing typed.
      openCards = F.keyed(document.getElementById('open'), openCards, [], null, null);
      render();
    },
    onLang: function () { render(); } // an open form's words too, what is typed kept
  });

  function t(key, vars) { return P.t(key, vars); }

  // --- data ---------------------------------------------------------------------------------
  /** Whose follow-ups these are: the lead's department (from the server), or all. */
  function whoAmI() {
    P.api('GET', '/api/v1/auth/me').then(function (answer) {
      if (answer.status === 401) return P.signOut('expired');
      if (answer.status !== 200 || !answer.body) {
        P.showError('list-error', answer, 'unreachable');
        setTimeout(function () { if (P.token) whoAmI(); }, 5000);
        return;
      }
      department = answer.body.role === 'lead' ? answer.body.department || '' : null;
      renderHead();
      fetcher.now();
      socket.start();
    }, function () {
      P.showError('list-error', null, 'unreachable');
      setTimeout(function () { if (P.token) whoAmI(); }, 5000);
    });
  }

  var fetcher = new S.Refresher(P, function () {
    return Promise.all([
      P.api('GET', '/api/v1/followups?status=open&limit=500'),
      P.api('GET', '/api/v1/followups?status=closed&limit=' + CLOSED_SHOWN)
    ]).then(function (answers) {
      var first = answers[0];
      if (first.status === 401) return P.signOut('expired');
      if (first.status === 403) return P.signOut('not_lead');
      if (first.status !== 200 || !Array.isArray(first.body)) {
        P.showError('list-error', first, 'unreachable');
        return;
      }
      H.show('list-error', false);
      open = first.body;
      if (answers[1].status === 200 && Array.isArray(answers[1].body)) closed = answers[1].body;
      loaded = true;
      render();
    }, function (err) {
      P.showError('list-error', null, 'unreachable');
      throw err; // the refresher tries again
    });
  }, DEBOUNCE_MS);

  /** An event about this department's ratings or follow-ups (an admin's: any). */
  function concerns(msg) {
    var type = String(msg.type || '');
    if (type === 'ticket.evaluated') return mine(matterDepartment[msg.matter]);
    if (type.indexOf('followup.') === 0) return mine(msg.department);
    return false;
  }

  function mine(code) {
    return department === null || code === undefined || code === department;
  }

  // --- rendering ----------------------------------------------------------------------------
  function render() {
    renderHead();
    renderOpen();
    renderClosed();
  }

  function isLate(f) { return !!(f.contact_overdue || f.fix_overdue); }

  function departmentName(code) {
    var d = departments[code];
    if (!d) {
      var f = open.concat(closed).filter(function (x) { return x.department === code; })[0];
      d = f ? { name: f.department_name, name_en: f.department_name_en } : null;
    }
    if (!d) return code;
    return P.lang === 'en' ? (d.name_en || d.name) : (d.name || code);
  }

  function when(iso) { return P.clockText(iso, !P.isToday(iso)); }

  function renderHead() {
    H.setText('dept-title', department === null ? t('all_title')
      : t('dept_title', { dept: departmentName(department) }));
    var late = open.filter(isLate).length;
    var summary = document.getElementById('summary');
    summary.className = 'fu-summary' + (late ? ' has-late' : '');
    summary.textContent = loaded
      ? t('summary', { n: open.length }) + (late ? t('summary_late', { n: late }) : '') : '';
  }

  /** Most urgent first: overdue ones, then by the next deadline (contact, else closing). */
  function byUrgency(a, b) {
    var late = (isLate(a) ? 0 : 1) - (isLate(b) ? 0 : 1);
    if (late) return late;
    var due = Date.parse(nextDue(a)) - Date.parse(nextDue(b));
    return due || a.id - b.id;
  }

  function nextDue(f) { return f.contacted_at ? f.fix_due : f.contact_due; }

  function renderOpen() {
    H.setText('open-count', open.length ? String(open.length) : '');
    H.show('open-empty', loaded && open.length === 0);
    openCards = F.keyed(document.getElementById('open'), openCards,
      open.slice().sort(byUrgency), openCard, fillOpen);
  }

  function meta(f) {
    var parts = [P.lang === 'en' ? (f.matter_name_en || f.matter_name) : f.matter_name];
    if (department === null) parts.push(departmentName(f.department));
    if (f.window) parts.push(t('window', { n: f.window }));
    if (f.staff_id) parts.push(t('served_by', { id: f.staff_id }));
    return H.el('div', 'fu-meta', parts.filter(Boolean).join(' · '));
  }

  function notes(f) {
    if (!f.notes || !f.notes.length) return null;
    var ol = H.el('ol', 'fu-notes');
    f.notes.forEach(function (n) {
      var li = H.el('li', 'fu-note fu-note-' + n.kind);
      li.appendChild(H.el('span', 'fu-note-time', when(n.at)));
      var kind = t('kind_' + n.kind) + (n.resolution ? '（' + t('res_' + n.resolution) + '）' : '');
      li.appendChild(H.el('b', 'fu-note-kind', kind));
      li.appendChild(H.el('span', 'fu-note-who', String(n.actor || '').replace(/^staff:/, '')));
      li.appendChild(H.el('span', 'fu-note-text', n.note));
      ol.appendChild(li);
    });
    return ol;
  }

  function append(parent, children) {
    children.forEach(function (c) { if (c) parent.appendChild(c); });
  }

  /** An open follow-up's card, empty: `fillOpen` writes its words. Its buttons and an open
   * form stay while the follow-up is listed (F.keyed). */
  function openCard(f) {
    var card = { f: f, made: null, buttons: {} };
    var li = card.li = H.el('li', 'fu');
    li.setAttribute('data-followup', f.id);
    card.body = li.appendChild(H.el('div', 'fu-body'));
    var actions = li.appendChild(H.el('div', 'fu-actions'));
    ['contact', 'close'].forEach(function (kind) {
      var button = H.el('button', kind === 'close' ? 'primary' : '');
      button.type = 'button';
      button.setAttribute('data-action', kind);
      button.addEventListener('click', function () { openForm(card, kind); });
      card.buttons[kind] = actions.appendChild(button);
    });
    return card;
  }

  function fillOpen(card, f) {
    card.f = f;
    var className = 'fu' + (isLate(f) ? ' fu-late' : '');
    if (card.li.className !== className) card.li.className = className;
    var dues = H.el('div', 'fu-dues');
    if (f.contacted_at) {
      dues.appendChild(H.el('span', 'due ok due-contact', t('contacted_at', { t: when(f.contacted_at) })));
    } else {
      dues.appendChild(H.el('span', 'due due-contact' + (f.contact_overdue ? ' late' : ''),
        t('contact_due', { t: when(f.contact_due) })));
      if (f.contact_overdue) dues.appendChild(H.el('span', 'late-tag', t('contact_late')));
    }
    dues.appendChild(H.el('span', 'due due-fix' + (f.fix_overdue ? ' late' : ''),
      t('fix_due', { t: P.clockText(f.fix_due, true) })));
    if (f.fix_overdue) dues.appendChild(H.el('span', 'late-tag', t('fix_late')));
    F.refill(card.body, [F.head(P, f, t('rated_at', { t: when(f.opened_at) })), meta(f),
      F.said(f), dues, notes(f)]);
    F.setText(card.buttons.contact, t('contact'));
    F.setText(card.buttons.close, t('close'));
    if (card.made) card.made.relabel();
  }

  function renderClosed() {
    var list = document.getElementById('closed');
    list.textContent = '';
    H.show('closed-empty', loaded && closed.length === 0);
    closed.forEach(function (f) {
      var li = H.el('li', 'fu fu-closed');
      li.setAttribute('data-followup', f.id);
      var resolution = f.resolution ? H.el('div', 'fu-dues') : null;
      if (resolution) {
        resolution.appendChild(H.el('span', 'due ok fu-resolution', t('res_' + f.resolution)));
      }
      append(li, [F.head(P, f, t('closed_at', { t: when(f.closed_at || f.opened_at) })), meta(f),
        F.said(f), resolution, notes(f)]);
      list.appendChild(li);
    });
  }

  // --- recording a contact, closing ---------------------------------------------------------
  function openForm(card, kind) {
    if (editing) closeForm(editing);
    card.made = F.form(P, card.f, kind, {
      labels: true,
      placeholder: 'note_hint_' + kind,
      rows: 3,
      onSaved: function () {
        closeForm(card);
        fetcher.now();
      },
      onCancel: function () { closeForm(card); },
      onExpired: function () { P.signOut('expired'); }
    });
    editing = card;
    card.li.appendChild(card.made.form);
    card.made.note.focus();
  }

  function closeForm(card) {
    F.closeForm(card);
    if (editing === card) editing = null;
  }

  // --- start --------------------------------------------------------------------------------
  P.start();
  P.loadCatalog(function (catalog) {
    (catalog.departments || []).forEach(function (d) { departments[d.code] = d; });
    (catalog.matters || []).forEach(function (m) { matterDepartment[m.code] = m.department; });
    P.tickClock(); // now in the hall's time zone
    render();
  });
  setInterval(function () { P.tickClock(); }, 1000);
  setInterval(function () { fetcher.soon(0); }, REFRESH_MS);
})();
