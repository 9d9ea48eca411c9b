/*
 * inbox.js: a saved reply chosen in the thread's <select data-fills="ID"> is put into the reply
 * box (as text: the value is our own, and it is never parsed as HTML).
 */
(function () {
  'use strict';
  document.querySelectorAll('select[data-fills]').forEach(function (select) {
    select.addEventListener('change', function () {
      const box = document.getElementById(select.dataset.fills);
      if (box && select.value) {
        box.value = select.value;
        box.focus();
      }
    });
  });
})();
