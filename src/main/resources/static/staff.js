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
 * The menu's other counts ride the same pulse (ADR 0066): "mine" (open tasks the person has) sets
 * <span data-testid="my-task-count"> and "inbox" (unread guest messages)
 * <span data-testid="inbox-unread-count">, each hidden at 0. When a count goes up, the polite live region
 * #live-counts says so in one sentence (its words in data-tasks-up / data-inbox-up), at most once
 * every few seconds and never for a count that went down: a screen reader hears new work, not every
 * heartbeat.
 *
 * Bulk actions (ADR 0066): the cards' checkboxes (input[name=task], form="bulk") stay ticked across
 * a live refresh of the list, focus stays on the same checkbox; a chosen task that left the list
 * meanwhile (someone completed or took it) stays chosen as hidden inputs of form#bulk, so the
 * report says what became of it. "Select all shown" (#bulk-all) ticks every shown card, and
 * #bulk-chosen says how many are chosen.
 *
 * Plain ES2017, no innerHTML: the new list is parsed by DOMParser from our own page (whose guest
 * text the server has escaped) and moved in as nodes.
 */
(function () {
  'use strict';

  const list = document.getElementById('task-list');
  const badgeSelector = '[data-testid="open-task-count"]';
  const inboxSelector = '[data-testid="inbox-unread-count"]';
  const mineSelector = '[data-testid="my-task-count"]';
  const seconds = Math.max(2, parseInt((list && list.dataset.refreshSeconds) || '15', 10) || 15);
  let version = list ? list.dataset.version || null : null;

  let lastEvent = 0;
  let refreshing = false;

  const live = document.getElementById('live-counts');
  const known = {};
  let announced = 0;
  let pendingAnnouncement = null;

  // one sentence per count, the latest of each, said together at most every 5 s
  function announce(key, text) {
    if (!live || !text) {
      return;
    }
    const wait = Math.max(0, announced + 5000 - Date.now());
    if (pendingAnnouncement) {
      window.clearTimeout(pendingAnnouncement.timer);
    } else {
      pendingAnnouncement = { texts: {} };
    }
    pendingAnnouncement.texts[key] = text;
    pendingAnnouncement.timer = window.setTimeout(function () {
      const texts = pendingAnnouncement.texts;
      pendingAnnouncement = null;
      announced = Date.now();
      live.textContent = ['open', 'mine', 'inbox']
        .filter(function (k) {
          return texts[k];
        })
        .map(function (k) {
          return texts[k];
        })
        .join(' ');
    }, wait);
  }

  function setBadge(selector, n, key) {
    const badge = document.querySelector(selector);
    if (!badge || typeof n !== 'number') {
      return;
    }
    const before = known[key];
    known[key] = n;
    badge.textContent = String(n);
    if (key !== 'open') {
      badge.hidden = n === 0;
    }
    if (badge.dataset.titlePattern) {
      badge.title = badge.dataset.titlePattern.replace('{0}', String(n));
      // what a screen reader says for the number (the badge itself is hidden from it)
      const words = document.querySelector('[data-words-for="' + badge.dataset.testid + '"]');
      if (words) {
        words.textContent = ' ' + badge.title;
        words.hidden = badge.hidden;
      }
    }
    if (live && typeof before === 'number' && n > before) {
      const pattern = live.dataset[{ open: 'tasksUp', mine: 'mineUp', inbox: 'inboxUp' }[key]];
      announce(key, pattern ? pattern.replace('{0}', String(n)) : '');
    }
  }

  // what the page was drawn with: a rise from there is announced
  (function () {
    const tasks = document.querySelector(badgeSelector);
    const inbox = document.querySelector(inboxSelector);
    if (tasks && /^\d+$/.test(tasks.textContent.trim())) {
      known.open = parseInt(tasks.textContent.trim(), 10);
    }
    if (inbox && /^\d+$/.test(inbox.textContent.trim())) {
      known.inbox = parseInt(inbox.textContent.trim(), 10);
    }
    const mine = document.querySelector(mineSelector);
    if (mine && /^\d+$/.test(mine.textContent.trim())) {
      known.mine = parseInt(mine.textContent.trim(), 10);
    }
  })();

  function setCount(pulse) {
    setBadge(badgeSelector, pulse.open, 'open');
    setBadge(mineSelector, pulse.mine, 'mine');
    setBadge(inboxSelector, pulse.inbox, 'inbox');
  }

  async function onPulse(pulse, by) {
    setCount(pulse);
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
      // what was ticked (and focused) stays so: the person is in the middle of choosing
      const ticked = new Map();
      list.querySelectorAll('input[name="task"]:checked').forEach(function (i) {
        const seen = list.querySelector('input[name="seen-' + i.value + '"]');
        ticked.set(i.value, seen ? seen.value : '');
      });
      const focused = document.activeElement && list.contains(document.activeElement)
        ? document.activeElement.id
        : null;
      list.replaceChildren(...Array.from(fresh.childNodes).map(function (n) {
        return document.importNode(n, true);
      }));
      list.querySelectorAll('input[name="task"]').forEach(function (i) {
        if (kept(i.value)) {
          ticked.set(i.value, null); // it is back in the list: ticked there, no longer kept aside
          keptInputs(i.value).forEach(function (k) {
            k.remove();
          });
        }
        i.checked = ticked.has(i.value);
        // who had it when it was ticked: a change since then is reported, not overwritten
        const seen = list.querySelector('input[name="seen-' + i.value + '"]');
        if (i.checked && seen && ticked.get(i.value) !== null) {
          seen.value = ticked.get(i.value);
        }
      });
      // a chosen task that left the list (done, taken) stays chosen: the report will say why
      ticked.forEach(function (seen, id) {
        if (seen !== null && !list.querySelector('input[name="task"][value="' + id + '"]')) {
          keep(id, seen);
        }
      });
      if (focused && document.getElementById(focused)) {
        document.getElementById(focused).focus();
      }
      updateChosen();
      list.dataset.refreshedAt = String(Date.now());
      list.dataset.refreshedBy = by;
    }
  }

  // bulk actions: "select all shown" and how many are chosen
  const bulkForm = document.getElementById('bulk');
  const all = document.getElementById('bulk-all');
  const chosen = document.getElementById('bulk-chosen');

  function keptInputs(id) {
    return bulkForm
      ? Array.from(bulkForm.querySelectorAll('input.kept[data-kept="' + id + '"]'))
      : [];
  }

  function kept(id) {
    return keptInputs(id).length > 0;
  }

  function keep(id, seen) {
    if (!bulkForm || kept(id)) {
      return;
    }
    [['task', id], ['seen-' + id, seen]].forEach(function (pair) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = pair[0];
      input.value = pair[1];
      input.className = 'kept';
      input.dataset.kept = id;
      bulkForm.appendChild(input);
    });
  }

  function updateChosen() {
    if (!list) {
      return;
    }
    const boxes = Array.from(list.querySelectorAll('input[name="task"]'));
    const n =
      boxes.filter(function (b) {
        return b.checked;
      }).length + (bulkForm ? bulkForm.querySelectorAll('input.kept[name="task"]').length : 0);
    if (chosen) {
      chosen.textContent = (chosen.dataset.pattern || '{0} chosen').replace('{0}', String(n));
    }
    if (all) {
      const shownTicked = boxes.filter(function (b) {
        return b.checked;
      }).length;
      all.checked = boxes.length > 0 && shownTicked === boxes.length;
      all.indeterminate = shownTicked > 0 && shownTicked < boxes.length;
    }
  }

  if (all && list) {
    all.addEventListener('change', function () {
      list.querySelectorAll('input[name="task"]').forEach(function (b) {
        b.checked = all.checked;
      });
      if (!all.checked && bulkForm) {
        bulkForm.querySelectorAll('input.kept').forEach(function (k) {
          k.remove();
        });
      }
      updateChosen();
    });
  }
  if (list) {
    list.addEventListener('change', function (event) {
      if (event.target && event.target.name === 'task') {
        updateChosen();
      }
    });
    updateChosen();
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
