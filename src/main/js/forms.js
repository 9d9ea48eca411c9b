// The studio's form editor: form-js's editor (palette, canvas, properties panel) with our server
// checks; a form that drops a field the journeys or the app read is refused, the field named.
import { FormEditor } from '@bpmn-io/form-js-editor';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-editor/dist/assets/properties-panel.css';
import { wireEditor } from './studio-editor.js';

const page = document.querySelector('[data-editor]');
const key = page.dataset.editor;
const base = `/studio/forms/${key}`;
const editor = new FormEditor({ container: document.querySelector('#form-editor') });
window.studioForms = { editor };

const loaded = await (await fetch(`${base}/schema`, { headers: { accept: 'application/json' } })).json();
await editor.importSchema(JSON.parse(loaded.schema));

const { say } = wireEditor({
  base,
  field: 'schema',
  content: async () => JSON.stringify(editor.saveSchema(), null, 2),
});
say(loaded.draft ? page.dataset.sayEditingDraft : page.dataset.sayEditingDeployed);
page.dataset.ready = 'true';
