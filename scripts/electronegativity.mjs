#!/usr/bin/env node
/**
 * Electron security scan (Doyensec's electronegativity) over src/main, src/preload and
 * src/renderer, offline, failing on any finding above LOW that .electronegativity.json does not
 * list as a false positive (with its reason). Usage: `npm run security`.
 *
 * The package's CLI is not used: it needs a newer `commander` than the one npm hoists here. Its
 * programmatic runner is, with the two network calls it makes replaced before it loads: the
 * translation download at start-up (the bundled English strings are used) and the Electron
 * release list (that check is excluded in the config; Electron's version is pinned by the lock
 * file and given to the scan from node_modules/electron).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const pkgDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const fromPkg = createRequire(join(pkgDir, 'package.json'));
const config = JSON.parse(readFileSync(join(root, '.electronegativity.json'), 'utf8'));

/** Put `exports` in require's cache under the file `id` resolves to, so nothing else loads there. */
function preload(id, exports) {
  const filename = fromPkg.resolve(id);
  require.cache[filename] = { id: filename, filename, loaded: true, exports, children: [], paths: [] };
}
// No network: every request `got` would make fails at once.
const offline = () => Promise.reject(new Error('electronegativity runs offline here'));
preload('got', Object.assign(offline, { default: offline }));
// Translations: the bundled locale files only (the original first tries to download newer ones).
const i18n = fromPkg('i18n');
preload('./dist/locales/i18n.js', async () => {
  i18n.configure({ locales: ['en-US'], defaultLocale: 'en-US', directory: join(pkgDir, 'dist', 'locales'), updateFiles: false, objectNotation: true, retryInDefaultLocale: true, register: globalThis });
  i18n.setLocale('en-US');
});

const run = fromPkg('./dist/runner.js');
const SEVERITY = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'];
const failAbove = SEVERITY.indexOf(config.failAbove);
if (failAbove < 0) throw new Error(`.electronegativity.json: failAbove must be one of ${SEVERITY.join(', ')}`);
const electronVersion = fromPkg(join(root, 'node_modules', 'electron', 'package.json')).version;

// One scan of src, so the global checks (navigation limits, permission handler, CSP) see main
// and the renderer together; only findings in the scanned folders count.
const result = await run({
  input: join(root, 'src'),
  isRelative: true,
  electronVersionOverride: electronVersion,
  excludeFromScan: config.excludedChecks.map((c) => c.check),
});
const inScope = (file) => file === 'N/A' || config.folders.some((f) => file.startsWith(`${f}/`));
const known = (issue) => config.falsePositives.find((fp) => fp.check === issue.id && fp.file === issue.file);
const used = new Set();
const failures = [];
for (const issue of result.issues) {
  if (!inScope(issue.file)) continue;
  const level = SEVERITY.indexOf(issue.severity.name);
  const fp = known(issue);
  const where = `${issue.file}:${issue.location.line}`;
  if (fp) {
    used.add(fp);
    console.log(`ok    ${issue.id} ${issue.severity.name} ${where}: listed false positive (${fp.reason})`);
  } else if (level > failAbove) {
    failures.push(`${issue.id} ${issue.severity.name}/${issue.confidence.name} at ${where}: ${issue.description} ${issue.shortenedURL}`);
  } else {
    console.log(`note  ${issue.id} ${issue.severity.name} ${where} (at or below ${config.failAbove}, not failing)`);
  }
}
for (const e of result.errors) {
  if (!e.tolerable && inScope(e.file.replace(`${join(root, 'src')}/`, ''))) failures.push(`could not parse ${e.file}: ${e.message}`);
}
// A listed false positive that no longer occurs must be removed, so the list stays true.
for (const fp of config.falsePositives) if (!used.has(fp)) failures.push(`stale entry in .electronegativity.json: ${fp.check} in ${fp.file} no longer occurs; remove it`);

console.log(`electronegativity ${fromPkg('./package.json').version} (Electron ${electronVersion}): ${result.atomicChecks} atomic and ${result.globalChecks} global checks over ${config.folders.join(', ')}`);
if (failures.length > 0) {
  console.error(`\n${failures.length} finding(s) above ${config.failAbove}:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(`no findings above ${config.failAbove} besides the ${used.size} listed false positives`);
