/*
 * staff.js: keeps a staff page current without a reload.
 *
 * - The menu's open-task count (<span data-testid="open-task-count">) is refreshed from
 *   GET /tasks/pulse ({"open": n, "version": "..."}) every N seconds.
 * - On the tasklist (<div id="task-list" data-refresh-seconds="N">), when the version changes
 *   (a task appeared, was taken, done or escalated), the page is fetched again and the list is
 *   replaced with the new one when it differs, keeping the filters (the same URL).
 *
 * Pushed first: the page listens to GET /tasks/events (server-sent events, ADR 0063), whose
 * "pulse" events carry the same {"open", "version"} as soon as a task changes; every replica reads
 * the changes from PostgreSQL, so this works behind any load balancer. The poll stays as the
 * fallback: while the stream is alive (an event within the last 45 s, it sends one every 20 s) the
 * poll does not ask; when it is not (no EventSource, a proxy that buffers), the poll does.
 * The list remembers what refreshed it last in data-refreshed-by ("events" or "poll").
 *
 * Plain ES2017, no innerHTML: the new list is parsed by DOMParser from our own page (whose guest
 * text the server has escaped) and moved in as nodes.
 */
(function () {
  'use strict';

  const list = document.getElementById('task-list');
  const badgeSelector = '[data-testid="open-task-count"]';
  const seconds = Math.max(2, parseInt((list && list.dataset.refreshSeconds) || '15', 10) || 15);
  let version = list ? list.dataset.version || null : null;

  let lastEvent = 0;
  let refreshing = false;

  function setCount(open) {
    const badge = document.querySelector(badgeSelector);
    if (badge) {
      badge.textContent = String(open);
      const pattern = badge.dataset.titlePattern || '{0} open tasks';
      badge.title = pattern.replace('{0}', String(open));
    }
  }

  async function onPulse(pulse, by) {
    setCount(pulse.open);
    if (refreshing) {
      return; // the list is being fetched; a later pulse brings what it misses
    }
    if (list && version !== null && pulse.version !== version) {
      refreshing = true;
      try {
        await refreshList(by);
      } finally {
        refreshing = false;
      }
    }
    version = pulse.version;
  }

  if (window.EventSource) {
    const stream = new EventSource('/tasks/events');
    stream.addEventListener('pulse', function (event) {
      lastEvent = Date.now();
      try {
        onPulse(JSON.parse(event.data), 'events');
      } catch (e) {
        // a malformed event: the next one or the poll will do
      }
    });
    document.documentElement.dataset.liveUpdates = 'events';
  }

  async function refreshList(by) {
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
      list.dataset.refreshedBy = by;
    }
  }

  async function tick() {
    if (Date.now() - lastEvent < 45000) {
      window.setTimeout(tick, seconds * 1000);
      return;
    }
    try {
      const response = await fetch('/tasks/pulse', {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' }
      });
      if (response.ok) {
        await onPulse(await response.json(), 'poll');
      }
    } catch (e) {
      // offline for a moment: try again at the next tick
    }
    window.setTimeout(tick, seconds * 1000);
  }

  window.setTimeout(tick, seconds * 1000);
})();
