import { describe, expect, it, vi } from 'vitest';
import { createElectronPlatform, onEnginePort, toPlatformError } from '../../src/renderer/platform/electronPlatform';
import type { SnnDesktopApi } from '../../src/shared/ipc';

describe('toPlatformError', () => {
  it("unwraps Electron's remote-method wrapper into code and sentence", () => {
    const e = toPlatformError(new Error("Error invoking remote method 'file:save': HostError: [disk_full] /home/u/a.snn: The disk is full; the previous version of the file was kept."));
    expect(e.code).toBe('disk_full');
    expect(e.message).toBe('/home/u/a.snn: The disk is full; the previous version of the file was kept.');
  });

  it('keeps unknown errors readable', () => {
    const e = toPlatformError(new Error("Error invoking remote method 'x': Error: boom"));
    expect(e.code).toBe('host_error');
    expect(e.message).toBe('boom');
  });
});

describe('createElectronPlatform', () => {
  it('maps Platform calls onto the preload API and rethrows host errors as PlatformError', async () => {
    const api = {
      openDialog: vi.fn(async () => null),
      openPath: vi.fn(async () => Promise.reject(new Error("Error invoking remote method 'file:open-path': Error: [not_allowed] /x.snn: no"))),
      save: vi.fn(async () => ({ handle: '/a.snn', name: 'a.snn' })),
      setDocumentState: vi.fn(),
    } as unknown as SnnDesktopApi;
    const platform = createElectronPlatform(api);
    expect(platform.kind).toBe('electron');
    await expect(platform.saveFile('{}', null, 'a', true)).resolves.toEqual({ handle: '/a.snn', name: 'a.snn' });
    expect(api.save).toHaveBeenCalledWith('{}', null, 'a', true);
    await expect(platform.openHandle('/x.snn')).rejects.toMatchObject({ name: 'PlatformError', code: 'not_allowed' });
    platform.setDocumentState('a.snn', true);
    expect(api.setDocumentState).toHaveBeenCalledWith('a.snn', true);
  });

  it('says clearly when the desktop API is missing', () => {
    expect(() => createElectronPlatform(undefined)).toThrow(/not running inside SNN Studio/);
  });
});

describe('onEnginePort', () => {
  it("takes the port only from the preload's same-window message", () => {
    type Msg = { source: unknown; origin: string; data: unknown; ports: unknown[] };
    const listeners = new Set<(e: Msg) => void>();
    const page = {
      location: { origin: 'app://snn' },
      addEventListener: (_t: 'message', l: (e: Msg) => void) => void listeners.add(l),
      removeEventListener: (_t: 'message', l: (e: Msg) => void) => void listeners.delete(l),
    };
    const got: Array<[unknown, unknown]> = [];
    const off = onEnginePort((port, info) => got.push([port, info]), page as never);
    const post = (source: unknown, data: unknown, ports: unknown[], origin = 'app://snn') => listeners.forEach((l) => l({ source, origin, data, ports }));
    post({}, { type: 'snn:engine-port', info: { reason: 'connected' } }, ['from-an-iframe']);
    post(page, { type: 'snn:engine-port', info: { reason: 'connected' } }, ['other-origin'], 'https://evil.example');
    post(page, { type: 'snn:engine-port', info: { reason: 'connected' } }, ['opaque-origin'], 'null');
    post(page, { type: 'other' }, ['wrong-type']);
    post(page, { type: 'snn:engine-port', info: { reason: 'connected' } }, []);
    post(page, { type: 'snn:engine-port', info: { reason: 'restarted', exitCode: 9 } }, ['port-2']);
    off();
    post(page, { type: 'snn:engine-port', info: { reason: 'connected' } }, ['after-off']);
    expect(got).toEqual([['port-2', { reason: 'restarted', exitCode: 9 }]]);
  });
});
