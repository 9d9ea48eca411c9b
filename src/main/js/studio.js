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
say(loaded.draft ? 'Editing your saved draft.' : 'Editing the deployed version.');

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
    item.textContent = `${p.severity === 'error' ? 'Error' : 'Warning'}: ${p.message} (${p.rule})`;
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
    item.textContent = 'No problems found.';
    problemsList.append(item);
  }
}

async function validate() {
  const model = await xml();
  const server = await call('POST', `/studio/journeys/${processId}/check`, { xml: model });
  const problems = [...(await lintProblems()), ...(server.ok ? server.json.problems : [{ severity: 'error', elementId: null, rule: 'server', message: server.json.detail || 'The check failed' }])];
  show(problems);
  return { model, problems };
}

document.querySelector('[data-testid=validate]').addEventListener('click', async () => {
  const { problems } = await validate();
  const errors = problems.filter((p) => p.severity === 'error').length;
  say(errors ? `${errors} error(s): fix them before deploying.` : 'Ready to deploy.');
});

document.querySelector('[data-testid=save-draft]').addEventListener('click', async () => {
  const r = await call('PUT', `/studio/journeys/${processId}/draft`, { xml: await xml() });
  say(r.ok ? 'Draft saved.' : `Not saved: ${r.json.detail || r.status}`);
});

document.querySelector('[data-testid=deploy]').addEventListener('click', async () => {
  const { model, problems } = await validate();
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    say(`Not deployed: ${errors.length} error(s) remain.`);
    return;
  }
  const comment = document.querySelector('[data-testid=comment]').value;
  const r = await call('POST', `/studio/journeys/${processId}/deploy`, { xml: model, comment });
  if (r.ok) {
    say(`Deployed as version ${r.json.version}. New bookings follow it.`);
  } else {
    if (r.json.problems) {
      show(r.json.problems);
    }
    say(`Not deployed: ${r.json.detail || r.status}`);
  }
});
