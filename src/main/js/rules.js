// The studio's decision table editor: dmn-js (decision tables, literal expressions, the DRD) with
// our server checks; the table is deployed only when they find no error.
import DmnModeler from 'dmn-js/lib/Modeler';
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import { wireEditor } from './studio-editor.js';

const page = document.querySelector('[data-editor]');
const name = page.dataset.editor;
const base = `/studio/rules/${name}`;
const modeler = new DmnModeler({ container: '#canvas' });
window.studioRules = { modeler };

const loaded = await (await fetch(`${base}/model`, { headers: { accept: 'application/json' } })).json();
await modeler.importXML(loaded.xml);

// one tab per decision (and the requirements diagram): the first decision table is opened
const tabs = document.querySelector('[data-testid=views]');
async function open(view) {
  await modeler.open(view);
  tabs.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.view === view.id)));
}
for (const view of modeler.getViews()) {
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.view = view.id;
  button.textContent = view.name || view.id;
  button.addEventListener('click', () => open(view));
  tabs.append(button);
}
const first = modeler.getViews().find((v) => v.type === 'decisionTable');
if (first) {
  await open(first);
}

const { say } = wireEditor({
  base,
  field: 'xml',
  content: async () => (await modeler.saveXML({ format: true })).xml,
  onProblems: (problems) => {
    document.querySelectorAll('.studio-has-error').forEach((e) => e.classList.remove('studio-has-error'));
    for (const p of problems.filter((x) => x.severity === 'error' && x.elementId)) {
      document.querySelectorAll(`[data-row-id="${CSS.escape(p.elementId)}"]`).forEach((e) => e.classList.add('studio-has-error'));
    }
  },
});
say(loaded.draft ? page.dataset.sayEditingDraft : page.dataset.sayEditingDeployed);
page.dataset.ready = 'true';
