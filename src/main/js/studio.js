// The studio's journey modeler: Camunda 8 modeler (bpmn-js with the zeebe properties panel and
// our element templates), bpmnlint with the Camunda 8.8 rules in the browser, and our server-side
// rules; problems are listed and marked on the canvas, deployment is refused while errors remain.
import Modeler from 'camunda-bpmn-js/lib/camunda-cloud/Modeler';
import lintModule from 'bpmn-js-bpmnlint';
import lintConfig from 'bpmnlint-config';
import 'camunda-bpmn-js/dist/assets/camunda-cloud-modeler.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';

const page = document.querySelector('[data-journey]');
const processId = page.dataset.journey;
const csrfHeader = document.querySelector('meta[name=_csrf_header]').content;
const csrfToken = document.querySelector('meta[name=_csrf]').content;
const problemsList = document.querySelector('[data-testid=problems]');
const statusLine = document.querySelector('[data-testid=status]');

function say(text) {
  statusLine.textContent = text;
}

// a sentence in the page's language (the page's #studio-words, from the bundles), else the English
// given here; {0}, {1} take the arguments
function w(key, english, ...args) {
  const found = document.querySelector(`#studio-words [data-key="${key}"]`);
  const text = found && found.textContent ? found.textContent : english;
  return text.replace(/\{(\d+)\}/g, (m, i) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json', [csrfHeader]: csrfToken },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = response.status === 204 ? {} : await response.json();
  return { ok: response.ok, status: response.status, json };
}

const templates = await (await fetch('/studio/element-templates.json')).json();

const modeler = new Modeler({
  container: '#canvas',
  propertiesPanel: { parent: '#properties' },
  elementTemplates: templates,
  additionalModules: [lintModule],
  linting: { bpmnlint: lintConfig, active: true },
});
window.studio = { modeler };

const loaded = await (await fetch(`/studio/journeys/${processId}/model`, { headers: { accept: 'application/json' } })).json();
await modeler.importXML(loaded.xml);
modeler.get('canvas').zoom('fit-viewport');
say(loaded.draft ? w('editing.draft', 'Editing your saved draft.') : w('editing.deployed', 'Editing the deployed version.'));
// a template the modeler refuses (it does not match the element templates schema) would be missing
// from the append menu without a word
if (modeler.get('elementTemplates').getAll().length < templates.length) {
  say(w('templates.missing', 'Some step templates could not be loaded: ask whoever installed Guest Journey.'));
}

async function xml() {
  return (await modeler.saveXML({ format: true })).xml;
}

// bpmnlint's findings, as the linting module computed them for the current diagram
async function lintProblems() {
  const linting = modeler.get('linting');
  const issues = await linting.lint();
  const found = [];
  for (const [elementId, list] of Object.entries(issues)) {
    for (const issue of list) {
      found.push({
        severity: issue.category === 'error' ? 'error' : 'warning',
        elementId: elementId === modeler.getDefinitions().rootElements[0]?.id ? null : elementId,
        rule: 'bpmnlint/' + issue.rule,
        message: issue.message,
      });
    }
  }
  return found;
}

const overlays = modeler.get('overlays');
const registry = modeler.get('elementRegistry');
const canvas = modeler.get('canvas');
let marked = [];

function show(problems) {
  overlays.remove({ type: 'studio-problem' });
  marked.forEach((id) => registry.get(id) && canvas.removeMarker(id, 'studio-has-error'));
  marked = [];
  problemsList.replaceChildren();
  for (const p of problems) {
    const item = document.createElement('li');
    item.className = p.severity;
    item.dataset.severity = p.severity;
    if (p.elementId) {
      item.dataset.element = p.elementId;
    }
    item.textContent = `${p.severity === 'error' ? w('error', 'Error') : w('warning', 'Warning')}: ${p.message} (${p.rule})`;
    if (p.elementId && registry.get(p.elementId)) {
      item.addEventListener('click', () => {
        modeler.get('selection').select(registry.get(p.elementId));
        canvas.scrollToElement(registry.get(p.elementId));
      });
      if (p.severity === 'error') {
        canvas.addMarker(p.elementId, 'studio-has-error');
        marked.push(p.elementId);
        const badge = document.createElement('div');
        badge.className = 'studio-problem-badge';
        badge.dataset.testid = 'canvas-problem';
        badge.dataset.element = p.elementId;
        badge.title = p.message;
        badge.textContent = '!';
        overlays.add(p.elementId, 'studio-problem', { position: { top: -12, right: 12 }, html: badge });
      }
    }
    problemsList.append(item);
  }
  if (problems.length === 0) {
    const item = document.createElement('li');
    item.textContent = w('problems.none', 'No problems found.');
    problemsList.append(item);
  }
}

// A refused request's problem: its detail and, for invalid fields, each field and its reason
function fieldProblems(json) {
  const errors = Array.isArray(json.errors) ? json.errors : [];
  if (errors.length === 0) {
    return [{ severity: 'error', elementId: json.element || null, rule: 'server', message: json.detail || json.title || 'The request was refused' }];
  }
  return errors.map((e) => ({ severity: 'error', elementId: null, rule: `field ${e.field}`, message: `${e.field}: ${e.message}` }));
}

function problemText(json) {
  const errors = Array.isArray(json.errors) ? json.errors : [];
  const detail = json.detail || json.title || '';
  return errors.length ? `${detail} (${errors.map((e) => `${e.field}: ${e.message}`).join('; ')})` : detail;
}

async function validate() {
  const model = await xml();
  const server = await call('POST', `/studio/journeys/${processId}/check`, { xml: model });
  const problems = [...(await lintProblems()), ...(server.ok ? server.json.problems : fieldProblems(server.json))];
  show(problems);
  return { model, problems };
}

document.querySelector('[data-testid=validate]').addEventListener('click', async () => {
  const { problems } = await validate();
  const errors = problems.filter((p) => p.severity === 'error').length;
  say(errors ? w('check.errors', '{0} error(s): fix them before deploying.', errors) : w('check.ready', 'Ready to deploy.'));
});

document.querySelector('[data-testid=save-draft]').addEventListener('click', async () => {
  const comment = document.querySelector('[data-testid=comment]').value;
  const r = await call('PUT', `/studio/journeys/${processId}/draft`, { xml: await xml(), comment });
  if (!r.ok) {
    show(fieldProblems(r.json));
  }
  say(r.ok ? w('draft.saved', 'Draft saved.') : w('draft.notsaved', 'Not saved: {0}', problemText(r.json) || r.status));
});

document.querySelector('[data-testid=deploy]').addEventListener('click', async () => {
  const { model, problems } = await validate();
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    say(w('deploy.errors', 'Not deployed: {0} error(s) remain.', errors.length));
    return;
  }
  const comment = document.querySelector('[data-testid=comment]').value;
  const r = await call('POST', `/studio/journeys/${processId}/deploy`, { xml: model, comment });
  if (r.ok) {
    say(w('deployed', 'Deployed as version {0}. New bookings follow it.', r.json.version));
    await loadVersions();
  } else {
    show(r.json.problems || fieldProblems(r.json));
    say(w('deploy.not', 'Not deployed: {0}', problemText(r.json) || r.status));
  }
});

// ---- Simulation: the draft's timeline next to the deployed one's, on a booking or a made-up stay
const simPanel = document.querySelector('[data-testid=simulation-panel]');

function element(tag, attributes, text) {
  const e = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([k, v]) => { if (v !== null && v !== undefined) e.setAttribute(k, v); });
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

// the outcome in the page's language (data-word-outcome-* on the panel), else its code
function outcomeWords(outcome) {
  const key = `wordOutcome${String(outcome).split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`;
  return simPanel.dataset[key] || outcome;
}

function timeline(list, lines) {
  list.replaceChildren();
  for (const l of lines) {
    const item = element('li', {
      'data-element': l.elementId, 'data-outcome': l.outcome, 'data-kind': l.kind, 'data-time': l.localTime, class: `sim-${l.outcome}`,
    });
    item.append(element('span', { class: 'sim-when', 'data-testid': 'sim-when' }, l.at));
    item.append(' · ');
    item.append(element('strong', { 'data-testid': 'sim-label' }, l.label));
    item.append(' ');
    item.append(element('span', { class: 'badge' }, outcomeWords(l.outcome)));
    if (l.why) {
      item.append(element('div', { class: 'hint', 'data-testid': 'sim-why' }, l.why));
    }
    list.append(item);
  }
  if (lines.length === 0) {
    list.append(element('li', {}, simPanel.dataset.wordNothing));
  }
}

if (simPanel) {
  const bookingSelect = simPanel.querySelector('[data-testid=simulate-booking]');
  const houseSelect = simPanel.querySelector('[data-testid=made-up-house]');
  const languageSelect = simPanel.querySelector('[data-testid=made-up-language]');
  const madeUp = simPanel.querySelector('[data-testid=made-up]');
  const stays = (await call('GET', '/studio/simulation/stays')).json;
  for (const b of stays.bookings || []) {
    bookingSelect.append(element('option', { value: b.id }, b.label));
  }
  for (const h of stays.houses || []) {
    houseSelect.append(element('option', { value: h.id }, `${h.name} (${h.timeZone})`));
  }
  const languages = () => {
    const house = (stays.houses || []).find((h) => String(h.id) === houseSelect.value);
    languageSelect.replaceChildren(...(house ? house.languages : []).map((l) => element('option', { value: l }, l)));
  };
  houseSelect.addEventListener('change', languages);
  languages();
  const inDays = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
  simPanel.querySelector('[data-testid=made-up-arrival]').value = inDays(14);
  simPanel.querySelector('[data-testid=made-up-departure]').value = inDays(17);
  const toggle = () => { madeUp.hidden = bookingSelect.value !== ''; };
  bookingSelect.addEventListener('change', toggle);
  if ((stays.bookings || []).length) {
    bookingSelect.value = String(stays.bookings[0].id);
  }
  toggle();

  simPanel.querySelector('[data-testid=simulate]').addEventListener('click', async () => {
    const body = { xml: await xml() };
    if (bookingSelect.value) {
      body.bookingId = Number(bookingSelect.value);
    } else {
      const v = (id) => simPanel.querySelector(`[data-testid=${id}]`).value;
      body.madeUp = {
        propertyId: Number(v('made-up-house')), arrival: v('made-up-arrival'), departure: v('made-up-departure'),
        partySize: Number(v('made-up-party')), language: v('made-up-language'), channel: v('made-up-channel'),
      };
    }
    const r = await call('POST', `/studio/journeys/${processId}/simulate`, body);
    if (!r.ok) {
      show(fieldProblems(r.json));
      say(w('simulate.not', 'Not simulated: {0}', problemText(r.json) || r.status));
      return;
    }
    simPanel.querySelector('[data-testid=simulation-stay]').textContent = `${r.json.stay} · ${r.json.timeZone}`;
    simPanel.querySelector('[data-testid=timeline-deployed-title]').textContent =
      `${simPanel.dataset.wordDeployed} (${simPanel.dataset.wordVersion} ${r.json.deployedVersion})`;
    timeline(simPanel.querySelector('[data-testid=timeline-draft]'), r.json.draft);
    timeline(simPanel.querySelector('[data-testid=timeline-deployed]'), r.json.deployed);
    say(w('simulated', 'Simulated.'));
  });
}

// ---- Versions: history, what changed, roll back
const versionsBody = document.querySelector('[data-testid=versions]');
const diffList = document.querySelector('[data-testid=diff]');

async function showDiff(from, to) {
  const r = await call('GET', `/studio/journeys/${processId}/diff?from=${from}&to=${to}`);
  document.querySelector('[data-testid=diff-title]').textContent = `${from} → ${to}`;
  diffList.replaceChildren();
  if (!r.ok) {
    diffList.append(element('li', {}, problemText(r.json)));
    return;
  }
  for (const c of r.json.changes) {
    diffList.append(element('li', { 'data-kind': c.kind, 'data-element': c.elementId }, c.text));
  }
  if (r.json.changes.length === 0) {
    diffList.append(element('li', {}, versionsBody.dataset.wordNochange));
  }
}

async function loadVersions() {
  const r = await call('GET', `/studio/journeys/${processId}/versions`);
  if (!r.ok) {
    return;
  }
  versionsBody.replaceChildren();
  for (const v of r.json.versions) {
    const row = element('tr', { 'data-version': v.number, 'data-live': v.live });
    row.append(element('td', {}, `${v.number}${v.live ? ` (${versionsBody.dataset.wordLive})` : ''}`));
    row.append(element('td', {}, v.deployedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, '').slice(0, 16)));
    row.append(element('td', {}, v.deployedBy || (v.origin === 'packaged' ? versionsBody.dataset.wordShipped : '')));
    row.append(element('td', { 'data-testid': 'version-comment' }, v.comment || ''));
    const actions = element('td');
    if (v.number > 1) {
      const compare = element('button', { type: 'button', 'data-testid': 'compare' }, versionsBody.dataset.wordCompare);
      compare.addEventListener('click', () => showDiff(v.number - 1, v.number));
      actions.append(compare);
    }
    if (!v.live) {
      const back = element('button', { type: 'button', 'data-testid': 'roll-back' }, versionsBody.dataset.wordRollback);
      back.addEventListener('click', async () => {
        const comment = document.querySelector('[data-testid=comment]').value;
        const d = await call('POST', `/studio/journeys/${processId}/versions/${v.number}/roll-back`, { comment });
        if (d.ok) {
          say(w('rolledback', 'Rolled back: version {0} deployed again as version {1}.', v.number, d.json.version));
          await loadVersions();
        } else {
          show(d.json.problems || fieldProblems(d.json));
          say(w('rollback.not', 'Not rolled back: {0}', problemText(d.json) || d.status));
        }
      });
      actions.append(back);
    }
    row.append(actions);
    versionsBody.append(row);
  }
}

await loadVersions();
window.studio.ready = true;
