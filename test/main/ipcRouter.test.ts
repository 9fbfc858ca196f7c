import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { HostError } from '../../src/main/errors';
import {
  type InvokeHandlers,
  type SendHandlers,
  type SenderInfo,
  guardInvoke,
  guardSend,
  makeSenderCheck,
  registerIpc,
} from '../../src/main/ipcRouter';
import { isAppUrl } from '../../src/main/windowSecurity';
import { invokeSchemas, sendSchemas } from '../../src/shared/ipc';

const MAIN_ID = 7;
const check = makeSenderCheck(() => MAIN_ID, (url) => isAppUrl(url));
const topFrame = (url: string) => ({ url, parent: null });

function event(id: number, frame: SenderInfo['senderFrame']): IpcMainInvokeEvent & IpcMainEvent {
  return { sender: { id }, senderFrame: frame } as unknown as IpcMainInvokeEvent & IpcMainEvent;
}
const trusted = event(MAIN_ID, topFrame('app://snn/index.html'));

describe('sender check', () => {
  it('trusts only the main window top frame on the app origin', () => {
    expect(check(trusted)).toBe(true);
    expect(check(event(8, topFrame('app://snn/index.html')))).toBe(false); // another window
    expect(check(event(MAIN_ID, { url: 'app://snn/index.html', parent: {} }))).toBe(false); // an iframe
    expect(check(event(MAIN_ID, topFrame('https://evil.example/')))).toBe(false); // navigated away
    expect(check(event(MAIN_ID, topFrame('file:///etc/passwd')))).toBe(false);
    expect(check(event(MAIN_ID, null))).toBe(false); // frame gone
  });

  it('trusts nobody before the window exists', () => {
    expect(makeSenderCheck(() => null, () => true)(trusted)).toBe(false);
  });

  it('in development trusts the dev server origin only', () => {
    const dev = makeSenderCheck(() => MAIN_ID, (url) => isAppUrl(url, 'http://localhost:5173/'));
    expect(dev(event(MAIN_ID, topFrame('http://localhost:5173/index.html')))).toBe(true);
    expect(dev(event(MAIN_ID, topFrame('http://localhost:5174/')))).toBe(false);
    expect(dev(event(MAIN_ID, topFrame('app://snn/index.html')))).toBe(false);
  });
});

describe('guardInvoke', () => {
  it('passes validated arguments to the handler', async () => {
    const handler = vi.fn(async (_e: IpcMainInvokeEvent, path: string) => ({ name: 'a.snn', handle: path, text: '{}' }));
    const guarded = guardInvoke('file:open-path', check, handler);
    await expect(guarded(trusted, '/home/u/a.snn')).resolves.toEqual({ name: 'a.snn', handle: '/home/u/a.snn', text: '{}' });
    expect(handler).toHaveBeenCalledWith(trusted, '/home/u/a.snn');
  });

  it('refuses another sender before looking at the arguments, with a clear error', async () => {
    const handler = vi.fn();
    const guarded = guardInvoke('file:open-path', check, handler as unknown as InvokeHandlers['file:open-path']);
    const err = (await guarded(event(99, topFrame('app://snn/')), '/a.snn').catch((e: unknown) => e)) as HostError;
    expect(err).toBeInstanceOf(HostError);
    expect(err.code).toBe('bad_sender');
    expect(err.message).toMatch(/^\[bad_sender\] file:open-path: .*not the SNN Studio window/);
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['a number instead of a path', [42], /argument \[0\]/],
    ['an empty path', [''], /argument \[0\]: a file path cannot be empty/],
    ['a missing argument', [], /argument list: .*>=1 items/],
    ['an extra argument', ['/a.snn', 'extra'], /bad_arguments/],
    ['an object', [{ toString: () => '/a.snn' }], /argument \[0\]/],
  ])('refuses %s', async (_label, args, message) => {
    const handler = vi.fn();
    const guarded = guardInvoke('file:open-path', check, handler as unknown as InvokeHandlers['file:open-path']);
    const err = (await guarded(trusted, ...args).catch((e: unknown) => e)) as HostError;
    expect(err.code).toBe('bad_arguments');
    expect(err.message).toMatch(message);
    expect(handler).not.toHaveBeenCalled();
  });

  it('validates nested objects (an autosave with a negative time or extra keys)', async () => {
    const handler = vi.fn(async () => undefined);
    const guarded = guardInvoke('autosave:write', check, handler);
    const good = { name: 'n.snn', handle: null, text: '{}', savedAt: 5 };
    await guarded(trusted, good);
    expect(handler).toHaveBeenCalledTimes(1);
    const bad1 = (await guarded(trusted, { ...good, savedAt: -1 }).catch((e: unknown) => e)) as HostError;
    expect(bad1.message).toMatch(/argument \[0\]\.savedAt/);
    const bad2 = (await guarded(trusted, { ...good, extra: 'x' }).catch((e: unknown) => e)) as HostError;
    expect(bad2.code).toBe('bad_arguments');
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('save takes (text, handle|null, name, saveAs:boolean) and refuses a string for saveAs', async () => {
    const handler = vi.fn(async () => null);
    const guarded = guardInvoke('file:save', check, handler);
    await guarded(trusted, '{}', null, 'Untitled', false);
    const err = (await guarded(trusted, '{}', null, 'Untitled', 'yes').catch((e: unknown) => e)) as HostError;
    expect(err.message).toMatch(/argument \[3\]/);
    expect(handler).toHaveBeenCalledTimes(1);
  });
});

describe('guardSend', () => {
  it('reports refused messages through onRefused and never calls the handler', () => {
    const handler = vi.fn();
    const refused: HostError[] = [];
    const guarded = guardSend('window:document-state', check, handler, (e) => refused.push(e));
    guarded(trusted, 'net.snn', true);
    guarded(event(3, topFrame('app://snn/')), 'x', true);
    guarded(trusted, 'x'.repeat(1000), true);
    guarded(trusted, 'net.snn', 'dirty');
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler).toHaveBeenCalledWith(trusted, 'net.snn', true);
    expect(refused.map((e) => e.code)).toEqual(['bad_sender', 'bad_arguments', 'bad_arguments']);
  });
});

describe('registerIpc', () => {
  it('registers every channel of the contract, each guarded', async () => {
    const handled = new Map<string, (e: IpcMainInvokeEvent, ...a: unknown[]) => unknown>();
    const listened = new Map<string, (e: IpcMainEvent, ...a: unknown[]) => void>();
    const ipc = {
      handle: (c: string, l: (e: IpcMainInvokeEvent, ...a: unknown[]) => unknown) => void handled.set(c, l),
      on: (c: string, l: (e: IpcMainEvent, ...a: unknown[]) => void) => listened.set(c, l),
    };
    const invoke = Object.fromEntries(Object.keys(invokeSchemas).map((c) => [c, vi.fn(async () => null)])) as unknown as InvokeHandlers;
    const send = Object.fromEntries(Object.keys(sendSchemas).map((c) => [c, vi.fn()])) as unknown as SendHandlers;
    registerIpc(ipc, check, invoke, send, () => undefined);
    expect([...handled.keys()].sort()).toEqual(Object.keys(invokeSchemas).sort());
    expect([...listened.keys()].sort()).toEqual(Object.keys(sendSchemas).sort());
    for (const [channel, listener] of handled) {
      await expect(Promise.resolve(listener(event(1, topFrame('app://snn/'))))).rejects.toMatchObject({ code: 'bad_sender', path: channel });
    }
  });
});
