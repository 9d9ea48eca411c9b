// Bundles the studio's JavaScript (bpmn-js modeler of camunda-bpmn-js, properties panel, element
// templates, bpmnlint with our .bpmnlintrc; dmn-js for decision tables; form-js's editor) into target/classes/static/studio/ with esbuild.
// Run by Maven (generate-resources) through `npm run build:studio`; nothing is fetched at run time.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const compileConfig = require('bpmnlint/lib/support/compile-config');

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const generated = path.join(root, 'target/studio-build');
const out = path.join(root, 'target/classes/static/studio');
mkdirSync(generated, { recursive: true });
mkdirSync(out, { recursive: true });

// the same lint rules as the build's `npm run lint:bpmn`, packed for the browser
const lintrc = JSON.parse(readFileSync(path.join(root, '.bpmnlintrc'), 'utf8'));
writeFileSync(path.join(generated, 'bpmnlint-config.js'), await compileConfig(lintrc));

await build({
  entryPoints: {
    studio: path.join(root, 'src/main/js/studio.js'),
    // separate entry points: the journeys page does not load dmn-js or form-js
    rules: path.join(root, 'src/main/js/rules.js'),
  },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  outdir: out,
  alias: { 'bpmnlint-config': path.join(generated, 'bpmnlint-config.js') },
  nodePaths: [path.join(root, 'node_modules')],
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
  legalComments: 'linked',
  logLevel: 'warning',
});
// The form editor on its own: form-js's editor, viewer and properties panel must share one preact
// (npm installs three copies; two copies of preact leave the editor blank).
await build({
  entryPoints: { forms: path.join(root, 'src/main/js/forms.js') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  outdir: out,
  alias: { preact: path.join(root, 'node_modules/@bpmn-io/form-js-viewer/node_modules/preact') },
  nodePaths: [path.join(root, 'node_modules')],
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
  legalComments: 'linked',
  logLevel: 'warning',
});
console.log('studio bundle written to ' + path.relative(root, out));
