// What the studio's rules and forms editors share: calls with the session's CSRF token, the
// status line, the list of problems and the save / check / deploy buttons. The words come from the
// page (data-say-* attributes, from the studio's message bundle), so they are translated.
const csrfHeader = document.querySelector('meta[name=_csrf_header]').content;
const csrfToken = document.querySelector('meta[name=_csrf]').content;

export async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json', [csrfHeader]: csrfToken },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = response.status === 204 ? {} : await response.json();
  return { ok: response.ok, status: response.status, json };
}

/**
 * Wires the buttons of an editor page. `field` is the name of the content in the requests (xml or
 * schema), `content()` gives the edited content, `onProblems(problems)` may mark them.
 */
export function wireEditor({ base, field, content, onProblems = () => {} }) {
  const page = document.querySelector('[data-editor]');
  const words = page.dataset;
  const statusLine = document.querySelector('[data-testid=status]');
  const problemsList = document.querySelector('[data-testid=problems]');
  const say = (text) => { statusLine.textContent = text; };
  const fill = (text, n) => text.replace('{0}', n);

  function show(problems) {
    problemsList.replaceChildren();
    for (const p of problems) {
      const item = document.createElement('li');
      item.className = p.severity;
      item.dataset.severity = p.severity;
      if (p.elementId) {
        item.dataset.element = p.elementId;
      }
      item.textContent = `${p.severity === 'error' ? words.sayError : words.sayWarning}: ${p.message}`;
      problemsList.append(item);
    }
    if (problems.length === 0) {
      const item = document.createElement('li');
      item.textContent = words.sayNoProblems;
      problemsList.append(item);
    }
    onProblems(problems);
  }

  async function check() {
    const edited = await content();
    const r = await call('POST', `${base}/check`, { [field]: edited });
    const problems = r.ok ? r.json.problems : [{ severity: 'error', elementId: null, rule: 'server', message: r.json.detail || String(r.status) }];
    show(problems);
    return { edited, problems };
  }

  document.querySelector('[data-testid=validate]').addEventListener('click', async () => {
    const { problems } = await check();
    const errors = problems.filter((p) => p.severity === 'error').length;
    say(errors ? fill(words.sayErrors, errors) : words.sayReady);
  });

  document.querySelector('[data-testid=save-draft]').addEventListener('click', async () => {
    const r = await call('PUT', `${base}/draft`, { [field]: await content() });
    say(r.ok ? words.saySaved : `${words.sayNotSaved} ${r.json.detail || r.status}`);
  });

  document.querySelector('[data-testid=discard-draft]').addEventListener('click', async () => {
    const r = await call('DELETE', `${base}/draft`);
    if (r.ok) {
      window.location.reload();
    }
  });

  document.querySelector('[data-testid=deploy]').addEventListener('click', async () => {
    const { edited, problems } = await check();
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length) {
      say(fill(words.sayNotDeployed, errors.length));
      return;
    }
    const comment = document.querySelector('[data-testid=comment]').value;
    const r = await call('POST', `${base}/deploy`, { [field]: edited, comment });
    if (r.ok) {
      say(fill(words.sayDeployed, r.json.version));
    } else {
      if (r.json.problems) {
        show(r.json.problems);
      }
      say(`${fill(words.sayNotDeployed, (r.json.problems || []).filter((p) => p.severity === 'error').length)} ${r.json.detail || ''}`);
    }
  });

  return { say };
}
