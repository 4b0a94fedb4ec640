// The search-as-you-type picker (templates/tags/picker.html): the options htmx fetched as the name was typed are
// chosen with the arrow keys and Enter, or a click; Escape closes them. Choosing puts the id in the hidden field,
// fires its change event (the invoice editor's live preview listens for it), and fills the still-empty fields of the
// same [data-picker-row] that the option names in data-fill-<field>. No inline script is allowed (CSP).
(function () {
  'use strict';

  function parts(picker) {
    return {
      hidden: picker.querySelector('input[type=hidden]'),
      search: picker.querySelector('.picker-search'),
      list: picker.querySelector('.picker-options'),
      detail: picker.querySelector('.picker-chosen')
    };
  }

  function options(picker) {
    return Array.prototype.slice.call(picker.querySelectorAll('.picker-options [role=option][data-value]'));
  }

  function show(picker, open) {
    var p = parts(picker);
    p.list.hidden = !open;
    p.search.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (!open) {
      p.search.removeAttribute('aria-activedescendant');
    }
  }

  function highlight(picker, index) {
    var all = options(picker);
    if (all.length === 0) {
      return;
    }
    var i = (index + all.length) % all.length;
    all.forEach(function (o, k) { o.setAttribute('aria-selected', k === i ? 'true' : 'false'); });
    parts(picker).search.setAttribute('aria-activedescendant', all[i].id);
    all[i].scrollIntoView({ block: 'nearest' });
  }

  function highlighted(picker) {
    var all = options(picker);
    for (var k = 0; k < all.length; k++) {
      if (all[k].getAttribute('aria-selected') === 'true') {
        return k;
      }
    }
    return -1;
  }

  function set(picker, value, text, detail) {
    var p = parts(picker);
    var changed = p.hidden.value !== value;
    p.hidden.value = value;
    if (p.search.value !== text) {
      // Only when it differs: assigning moves the caret to the end, even for the same text.
      p.search.value = text;
    }
    p.search.setAttribute('data-chosen', text);
    if (p.detail) {
      p.detail.textContent = detail;
    }
    if (changed) {
      p.hidden.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }

  function choose(picker, option) {
    set(picker, option.getAttribute('data-value'), option.getAttribute('data-text'), option.getAttribute('data-detail') || '');
    var row = picker.closest('[data-picker-row]');
    if (row) {
      Array.prototype.forEach.call(option.attributes, function (a) {
        if (a.name.indexOf('data-fill-') === 0) {
          var field = row.querySelector('[name="' + a.name.substring(10) + '"]');
          if (field && !field.value) {
            field.value = a.value;
            field.dispatchEvent(new Event('change', { bubbles: true }));
          }
        }
      });
    }
    show(picker, false);
  }

  // Typing in the search field is not a change of the form: it is kept from the editor's preview trigger.
  // (htmx's own listener on the field runs, being on the field itself.)
  function isolate(root) {
    var fields = root.querySelectorAll ? root.querySelectorAll('.picker-search:not([data-isolated])') : [];
    Array.prototype.forEach.call(fields, function (field) {
      field.setAttribute('data-isolated', '');
      ['input', 'change'].forEach(function (type) {
        field.addEventListener(type, function (event) {
          event.stopPropagation();
          var picker = field.closest('[data-picker]');
          // The text no longer names the choice: nothing is chosen until an option is.
          if (type === 'input' && field.value !== field.getAttribute('data-chosen')) {
            set(picker, '', field.value, '');
          }
        });
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () { isolate(document); });
  document.addEventListener('htmx:load', function (event) { isolate(event.target); });

  // htmx names the swapped element in detail.target (the event itself may be dispatched on the search field).
  document.addEventListener('htmx:afterSwap', function (event) {
    var list = event.detail && event.detail.target ? event.detail.target : event.target;
    var picker = list.closest && list.closest('[data-picker]');
    if (picker && list.classList.contains('picker-options')) {
      show(picker, document.activeElement === parts(picker).search && list.children.length > 0);
    }
  });

  document.addEventListener('keydown', function (event) {
    var field = event.target;
    if (!field.classList || !field.classList.contains('picker-search')) {
      return;
    }
    var picker = field.closest('[data-picker]');
    var open = !parts(picker).list.hidden;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open && options(picker).length > 0) {
        show(picker, true);
      }
      var at = highlighted(picker);
      highlight(picker, event.key === 'ArrowDown' ? at + 1 : (at < 0 ? -1 : at - 1));
    } else if (event.key === 'Enter') {
      // Enter never submits the form from here (the editor's first button would save a draft).
      event.preventDefault();
      var all = options(picker);
      var k = highlighted(picker);
      if (open && (k >= 0 || all.length === 1)) {
        choose(picker, all[k >= 0 ? k : 0]);
      }
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      show(picker, false);
    }
  });

  // mousedown, not click: the search field keeps its focus, so the list is still there when the choice lands.
  document.addEventListener('mousedown', function (event) {
    var option = event.target.closest && event.target.closest('.picker-options [role=option][data-value]');
    if (option) {
      event.preventDefault();
      choose(option.closest('[data-picker]'), option);
    }
  });

  document.addEventListener('focusout', function (event) {
    var picker = event.target.closest && event.target.closest('[data-picker]');
    if (picker && !picker.contains(event.relatedTarget)) {
      show(picker, false);
    }
  });
})();
