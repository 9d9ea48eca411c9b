/*
 * staff.js: keeps a staff page current without a reload.
 *
 * - The menu's open-task count (<span data-testid="open-task-count">) is refreshed from
 *   GET /tasks/pulse ({"open": n, "version": "..."}) every N seconds.
 * - On the tasklist (<div id="task-list" data-refresh-seconds="N">), when the version changes
 *   (a task appeared, was taken, done or escalated), the page is fetched again and the list is
 *   replaced with the new one when it differs, keeping the filters (the same URL).
 *
 * Polling, not a push channel: every replica answers it from PostgreSQL, so it works behind any
 * load balancer. Plain ES2017, no innerHTML: the new list is parsed by DOMParser from our own page
 * (whose guest text the server has escaped) and moved in as nodes.
 */
(function () {
  'use strict';

  const list = document.getElementById('task-list');
  const badgeSelector = '[data-testid="open-task-count"]';
  const seconds = Math.max(2, parseInt((list && list.dataset.refreshSeconds) || '15', 10) || 15);
  let version = list ? list.dataset.version || null : null;

  function setCount(open) {
    const badge = document.querySelector(badgeSelector);
    if (badge) {
      badge.textContent = String(open);
      badge.title = open + ' open tasks';
    }
  }

  async function refreshList() {
    const response = await fetch(window.location.href, {
      credentials: 'same-origin',
      headers: { Accept: 'text/html' }
    });
    if (!response.ok) {
      return;
    }
    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
    const fresh = doc.getElementById('task-list');
    if (fresh && list && fresh.innerHTML !== list.innerHTML) {
      list.replaceChildren(...Array.from(fresh.childNodes).map(function (n) {
        return document.importNode(n, true);
      }));
      list.dataset.refreshedAt = String(Date.now());
    }
  }

  async function tick() {
    try {
      const response = await fetch('/tasks/pulse', {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' }
      });
      if (response.ok) {
        const pulse = await response.json();
        setCount(pulse.open);
        if (list && version !== null && pulse.version !== version) {
          await refreshList();
        }
        version = pulse.version;
      }
    } catch (e) {
      // offline for a moment: try again at the next tick
    }
    window.setTimeout(tick, seconds * 1000);
  }

  window.setTimeout(tick, seconds * 1000);
})();
