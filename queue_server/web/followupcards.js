/* A 好差评 follow-up on the staff pages — the leads' page `/followups` and the follow-ups
 * panel of the dashboard `/admin`, one code for both: the card's head (ticket number, rating,
 * a time), the citizen's own words, and the form that records a contact or closes the
 * follow-up with a resolution (POST /api/v1/followups/{id}/contact|close), a refusal shown
 * under it in both languages. Each page lays out the rest of its card itself (the
 * dashboard's compact, the leads' page with the deadlines in words and the notes) and keeps
 * its own wording of the resolutions (`res_contacted`, `res_fixed`, `res_appeal`).
 *
 * Plain ES2015 without modules, loaded after hallq.js and staff.js; a page passes STRINGS to
 * its HallQStaff.Page before its own. Server strings go in as text.
 */
(function (global) {
  'use strict';
  var H = global.HallQ;

  // [key, 中文, English]: both languages side by side, so neither is forgotten.
  var STRINGS = [
    ['fu_resolution', '办结方式', 'Resolution'],
    ['fu_note', '处理说明（必填）', 'Note (required)'],
    ['fu_save', '保存', 'Save'],
    ['fu_cancel', '取消', 'Cancel']
  ];
  var RESOLUTIONS = ['contacted', 'fixed', 'appeal'];
  var NOTE_MAX = 500; // as the server's FollowupContactIn / FollowupCloseIn

  /** The head of a card: the ticket number, the rating in words, and `timeText`. */
  function head(P, f, timeText) {
    var div = H.el('div', 'fu-head');
    div.appendChild(H.el('b', 'fu-number', f.ticket));
    div.appendChild(H.el('span', 'fu-rating r' + f.rating,
      P.lang === 'en' ? f.rating_label_en : f.rating_label));
    div.appendChild(H.el('span', 'fu-time', timeText));
    return div;
  }

  /** The citizen's reasons and comment, quoted; null when they said nothing. */
  function said(f) {
    var words = (f.reasons || []).concat(f.comment ? [f.comment] : []).join('；');
    return words ? H.el('div', 'fu-said', '“' + words + '”') : null;
  }

  /**
   * `list`'s cards, updated in place: the card (its element `li`) of an item still present
   * is kept — the same nodes, the same buttons, an open form with what is typed in it — and
   * `fill(card, item)` rewrites only what changed; cards of new items come from
   * `make(item)`, those of items gone are removed. A rebuild on every refetch replaced the
   * button under the pointer, and a click landing during it was lost (mousedown on the old
   * button, mouseup on the new one). `cards` (id → card) is the last call's answer.
   */
  function keyed(list, cards, items, make, fill) {
    var focused = list.contains(document.activeElement) ? document.activeElement : null;
    var next = {};
    var nodes = items.map(function (f) {
      var card = cards[f.id] || make(f);
      next[f.id] = card;
      fill(card, f);
      return card.li;
    });
    // In order; cards already in their place are not touched; anything else goes.
    var at = list.firstChild;
    nodes.forEach(function (li) {
      if (li === at) {
        at = at.nextSibling;
      } else {
        list.insertBefore(li, at);
      }
    });
    while (at) {
      var after = at.nextSibling;
      list.removeChild(at);
      at = after;
    }
    // A card moved (another order) loses the focus of its note: give it back.
    if (focused && focused.isConnected && document.activeElement !== focused) focused.focus();
    return next;
  }

  /** Put `nodes` (nulls skipped) in `box` unless it shows the same already: a card's words
   * are rewritten only when they changed. */
  function refill(box, nodes) {
    var fresh = document.createElement(box.tagName);
    nodes.forEach(function (n) { if (n) fresh.appendChild(n); });
    if (fresh.innerHTML === box.innerHTML) return;
    box.textContent = '';
    while (fresh.firstChild) box.appendChild(fresh.firstChild);
  }

  /** Set a node's text only when it changes: a node under the pointer stays as it is. */
  function setText(node, value) {
    if (node.textContent !== value) node.textContent = value;
  }

  /**
   * The form to record a contact (`kind` 'contact') or close (`kind` 'close') follow-up `f`:
   * {form, note, relabel} (the form element, its note's textarea, and relabel() to put its
   * words in the page's language, what is typed kept); the caller places the form and
   * focuses the note. A refusal (no note, closed meanwhile, the server
   * unreachable) shows in the form's error box in both languages.
   * opts: labels (the note and the resolution get visible labels; else the note's placeholder
   * says what it is), placeholder (text key of the note's placeholder), rows (of the note),
   * small (small buttons), onSaved() (recorded: the form may go), onCancel(),
   * onRefused() (before the refusal shows), onExpired() (401: the session is over).
   */
  function form(P, f, kind, opts) {
    var el = H.el('form', 'fu-form');
    el.noValidate = true;
    el.setAttribute('data-kind', kind);
    var select = null;
    if (kind === 'close') {
      select = H.el('select');
      select.name = 'resolution';
      RESOLUTIONS.forEach(function (r) {
        var option = H.el('option', '');
        option.value = r;
        select.appendChild(option);
      });
      el.appendChild(labelled(opts.labels && 'fu_resolution', select));
    }
    var note = H.el('textarea');
    note.name = 'note';
    note.maxLength = NOTE_MAX;
    note.rows = opts.rows;
    el.appendChild(labelled(opts.labels && 'fu_note', note));
    var error = H.el('div', 'error');
    error.id = 'fu-error-' + f.id;
    error.setAttribute('role', 'alert');
    error.hidden = true;
    el.appendChild(error);
    var row = H.el('div', 'fu-actions');
    var save = H.el('button', opts.small ? 'small primary' : 'primary');
    save.type = 'submit';
    var cancel = H.el('button', opts.small ? 'small' : '');
    cancel.type = 'button';
    cancel.addEventListener('click', function () { opts.onCancel(); });
    row.appendChild(save);
    row.appendChild(cancel);
    el.appendChild(row);
    el.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var body = { note: note.value };
      if (select) body.resolution = select.value;
      save.disabled = true;
      error.hidden = true;
      P.api('POST', '/api/v1/followups/' + f.id + '/' + kind, body).then(function (answer) {
        save.disabled = false;
        if (answer.status === 401 && opts.onExpired) return opts.onExpired();
        if (answer.status === 200) return opts.onSaved();
        if (opts.onRefused) opts.onRefused();
        P.showError(error, answer, 'unreachable'); // e.g. no note; closed meanwhile
      }, function () {
        save.disabled = false;
        P.showError(error, null, 'unreachable');
      });
    });
    relabel();
    return { form: el, note: note, relabel: relabel };

    function relabel() {
      if (select) {
        Array.prototype.forEach.call(select.options, function (option) {
          setText(option, P.t('res_' + option.value));
        });
      }
      if (note.placeholder !== P.t(opts.placeholder)) note.placeholder = P.t(opts.placeholder);
      Array.prototype.forEach.call(el.querySelectorAll('[data-label]'), function (span) {
        setText(span, P.t(span.getAttribute('data-label')));
      });
      setText(save, P.t('fu_save'));
      setText(cancel, P.t('fu_cancel'));
    }

    function labelled(key, control) {
      if (!key) return control;
      var label = H.el('label', 'fu-field');
      label.appendChild(H.el('span', '', '')).setAttribute('data-label', key);
      label.appendChild(control);
      return label;
    }
  }

  /** Take away the form open on `card` (card.made, from form()), if any. */
  function closeForm(card) {
    var open = card.made && card.made.form;
    if (open && open.parentNode) open.parentNode.removeChild(open);
    card.made = null;
  }

  global.HallQFollowups = {
    STRINGS: STRINGS, head: head, said: said, form: form, closeForm: closeForm,
    keyed: keyed, refill: refill, setText: setText
  };
})(window);
