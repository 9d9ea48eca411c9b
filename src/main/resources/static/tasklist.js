/*
 * tasklist.js: shows a Camunda user-task form on the staff task page and completes the task.
 *
 * Needs /vendor/form-js/form-viewer.umd.js (global FormViewer) loaded before it, and on the page:
 *   <div id="task-form" data-form-url="…" data-submit-url="…" data-done-url="…"
 *        [data-submit-label="Complete task"]></div>
 *   <div id="task-form-errors" role="alert"></div>
 *   <meta name="_csrf" content="…"> and <meta name="_csrf_header" content="…">
 *
 * 1. GET data-form-url → {"schema": …, "data": …}; render it with the form-js viewer. A schema
 *    without a submit button gets one, placed after the form.
 * 2. On submit, form-js validates and shows its own errors; only a valid form is sent:
 *    POST {"data": …} as JSON with the CSRF header to data-submit-url.
 * 3. 200/204 → go to data-done-url. 400 problem+json → "field: message" lines and the detail.
 *    404/409 → the problem's detail. Anything else, or no answer → a generic message.
 * 4. With data-draft-url (the guest's survey): what is typed is kept as a draft while the form is
 *    filled in — POST {"data": …} there a moment after the last change, and when the page is left —
 *    so the answers are back when the link is opened again. An element #draft-status, if present,
 *    says when the draft was saved (its text from data-draft-saved-label). A draft is only saved
 *    once the person has changed something themselves (typing, a tap), never for the form's own
 *    first render, so "saved" never shows before the guest touched anything.
 * 5. Words: form-js checks fields in English ("Field is required."). With data-msg-required,
 *    data-msg-email, data-msg-phone, data-msg-maxlength, data-msg-minlength, data-msg-max,
 *    data-msg-min and data-msg-pattern ({0} for the number) its messages are shown in the page's
 *    language instead; data-msg-generic and data-msg-load-failed replace the page's own errors.
 *
 * Plain ES2017, no eval, no innerHTML: server text is written with textContent only.
 */
(function () {
  'use strict';

  const host = document.getElementById('task-form');
  const errorBox = document.getElementById('task-form-errors');
  if (!host || !window.FormViewer) {
    return;
  }

  const GENERIC = host.dataset.msgGeneric || 'The task could not be completed. Please try again.';
  const LOAD_FAILED =
    host.dataset.msgLoadFailed || 'The form could not be loaded. Please reload the page.';

  // form-js's own validation messages and the page's words for them ({0}: the number)
  const VALIDATION = [
    [/^Field is required\.$/, 'msgRequired'],
    [/^Field must be a valid email\.$/, 'msgEmail'],
    [/^Field must be a valid\s+international phone number\./, 'msgPhone'],
    [/^Field must have maximum length of (\d+)\.$/, 'msgMaxlength'],
    [/^Field must have minimum length of (\d+)\.$/, 'msgMinlength'],
    [/^Field must have maximum value of (\S+)\.$/, 'msgMax'],
    [/^Field must have minimum value of (\S+)\.$/, 'msgMin'],
    [/^Field must match pattern /, 'msgPattern']
  ];

  function localise(text) {
    for (let i = 0; i < VALIDATION.length; i++) {
      const match = VALIDATION[i][0].exec(text);
      const words = host.dataset[VALIDATION[i][1]];
      if (match && words) {
        return words.replace('{0}', match[1] || '');
      }
    }
    return null;
  }

  function localiseErrors() {
    host.querySelectorAll('.fjs-form-field-error').forEach(function (box) {
      const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      let node = walker.nextNode();
      while (node) {
        const words = localise(node.nodeValue.trim());
        if (words !== null) {
          node.nodeValue = words;
        }
        node = walker.nextNode();
      }
    });
  }

  if (host.dataset.msgRequired) {
    new MutationObserver(localiseErrors).observe(host, {
      childList: true,
      subtree: true,
      characterData: true
    });
  }

  function meta(name) {
    const el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : null;
  }

  function showErrors(lines) {
    errorBox.textContent = '';
    lines.filter(Boolean).forEach(function (line) {
      const p = document.createElement('p');
      p.textContent = line;
      errorBox.appendChild(p);
    });
  }

  function hasSubmitButton(components) {
    return (components || []).some(function (c) {
      return (c.type === 'button' && c.action === 'submit') || hasSubmitButton(c.components);
    });
  }

  async function readProblem(response) {
    const type = response.headers.get('Content-Type') || '';
    if (!/json/.test(type)) {
      return {};
    }
    try {
      return (await response.json()) || {};
    } catch (e) {
      return {};
    }
  }

  let busy = false;

  function jsonHeaders() {
    const headers = {
      'Content-Type': 'application/json',
      Accept: 'application/json, application/problem+json'
    };
    const csrfHeader = meta('_csrf_header');
    const csrfToken = meta('_csrf');
    if (csrfHeader && csrfToken) {
      headers[csrfHeader] = csrfToken;
    }
    return headers;
  }

  // Drafts: only the latest typed state is sent, once it differs from the last one saved.
  let draftTimer = null;
  let draftPending = null;
  let draftSaved = null;
  let submitted = false;

  async function saveDraft(keepalive) {
    draftTimer = null;
    const body = draftPending;
    if (!host.dataset.draftUrl || submitted || body === null || body === draftSaved) {
      return;
    }
    try {
      const response = await fetch(host.dataset.draftUrl, {
        method: 'POST',
        headers: jsonHeaders(),
        credentials: 'same-origin',
        keepalive: !!keepalive,
        body: body
      });
      if (response.status === 204 || response.status === 200) {
        draftSaved = body;
        const status = document.getElementById('draft-status');
        if (status) {
          status.textContent = host.dataset.draftSavedLabel || 'Draft saved';
        }
      }
    } catch (e) {
      // a lost draft is not worth an error message: the guest can still send the answers
    }
  }

  // Whether the person has changed anything themselves (not the form's own first render).
  let touched = false;
  ['input', 'change', 'click', 'keydown'].forEach(function (type) {
    host.addEventListener(
      type,
      function (event) {
        if (event.isTrusted) {
          touched = true;
        }
      },
      true
    );
  });

  function draftChanged(data) {
    if (!touched) {
      return;
    }
    draftPending = JSON.stringify({ data: data });
    if (draftTimer) {
      clearTimeout(draftTimer);
    }
    draftTimer = setTimeout(saveDraft, 800);
  }

  async function complete(data, button) {
    if (busy) {
      return;
    }
    busy = true;
    if (button) {
      button.disabled = true;
    }
    showErrors([]);
    if (draftTimer) {
      clearTimeout(draftTimer);
      draftTimer = null;
    }
    try {
      const response = await fetch(host.dataset.submitUrl, {
        method: 'POST',
        headers: jsonHeaders(),
        credentials: 'same-origin',
        body: JSON.stringify({ data: data })
      });
      if (response.status === 200 || response.status === 204) {
        submitted = true;
        window.location.assign(host.dataset.doneUrl);
        return;
      }
      const problem = await readProblem(response);
      if (response.status === 400) {
        const lines = (Array.isArray(problem.errors) ? problem.errors : []).map(function (e) {
          return e.field + ': ' + e.message;
        });
        lines.push(problem.detail || (lines.length ? '' : problem.title || GENERIC));
        showErrors(lines);
      } else if (response.status === 404 || response.status === 409) {
        showErrors([problem.detail || problem.title || GENERIC]);
      } else {
        showErrors([GENERIC + ' (HTTP ' + response.status + ')']);
      }
    } catch (e) {
      showErrors([GENERIC]);
    } finally {
      busy = false;
      if (button) {
        button.disabled = false;
      }
    }
  }

  async function start() {
    let payload;
    try {
      const response = await fetch(host.dataset.formUrl, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin'
      });
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      payload = await response.json();
    } catch (e) {
      showErrors([LOAD_FAILED]);
      return;
    }

    const form = new window.FormViewer.Form({ container: host });
    try {
      await form.importSchema(payload.schema, payload.data || {});
    } catch (e) {
      showErrors([LOAD_FAILED]);
      return;
    }

    let button = null;
    if (!hasSubmitButton(payload.schema && payload.schema.components)) {
      // Wrapped in .fjs-container so that form-js.css styles it like a form-js button.
      const bar = document.createElement('div');
      bar.className = 'fjs-container task-complete-bar';
      button = document.createElement('button');
      button.type = 'button';
      button.className = 'fjs-button task-complete';
      button.textContent = host.dataset.submitLabel || 'Complete task';
      button.addEventListener('click', function () {
        form.submit();
      });
      bar.appendChild(button);
      host.appendChild(bar);
    }

    if (host.dataset.draftUrl) {
      draftSaved = JSON.stringify({ data: payload.data || {} });
      form.on('changed', function (event) {
        draftChanged(event.data);
      });
      window.addEventListener('pagehide', function () {
        saveDraft(true);
      });
    }

    form.on('submit', function (event) {
      // form-js has already marked the invalid fields; nothing is sent then.
      if (Object.keys(event.errors || {}).length > 0) {
        return;
      }
      complete(event.data, button);
    });
  }

  start();
})();
