/**
 * The packaging config: the Electron fuses the security checklist asks for are set, under the key
 * and names electron-builder 26 really reads (checked against app-builder-lib's own typings, so a
 * misspelt fuse, silently ignored by the builder, fails here).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { NATIVE_MODULES } from '../../src/main/engineArgs';

const require = createRequire(import.meta.url);
// electron-builder's own YAML reader (js-yaml, untyped here).
const { load } = require('js-yaml') as { load(text: string): unknown };
const config = load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;
const builderLib = dirname(require.resolve('app-builder-lib/package.json'));
const typings = readFileSync(join(builderLib, 'out', 'configuration.d.ts'), 'utf8');

describe('electron-builder.yml', () => {
  it('sets the fuses: no RunAsNode, NODE_OPTIONS or --inspect; asar only, with integrity checks; encrypted cookies', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('uses a key and fuse names electron-builder knows', () => {
    expect(typings).toMatch(/readonly electronFuses\?: FuseOptionsV1 \| null;/);
    const fuseOptions = /export interface FuseOptionsV1 \{([\s\S]*?)\n\}/.exec(typings)?.[1] ?? '';
    for (const name of Object.keys(config.electronFuses as object)) expect(fuseOptions, name).toMatch(new RegExp(`\\n\\s+${name}\\?: boolean;`));
  });

  it('keeps outside the asar what the engine process loads from disk: the tfjs WASM binaries and each native TensorFlow package', () => {
    const unpack = config.asarUnpack as string[];
    expect(unpack).toContain('node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm');
    for (const name of NATIVE_MODULES) expect(unpack, name).toContain(`node_modules/${name}/**`);
    const platformOptions = readFileSync(join(builderLib, 'out', 'options', 'PlatformSpecificBuildOptions.d.ts'), 'utf8');
    expect(platformOptions).toMatch(/readonly asarUnpack\?: Array<string> \| string \| null;/);
  });
});
