/**
 * Registers the IPC handlers of src/shared/ipc.ts so that every call is first checked for its
 * sender (the main window's top frame, on the app's own URL) and then for its arguments (the
 * zod schema of the channel). A refused call throws a HostError whose message says why.
 */
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import {
  type InvokeArgs,
  type InvokeChannel,
  type InvokeResults,
  type SendArgs,
  type SendChannel,
  invokeSchemas,
  sendSchemas,
} from '../shared/ipc';
import { HostError } from './errors';
import { jsonPath } from '../shared/problems';

/** What we read from an IPC event to decide whether to trust it. */
export interface SenderInfo {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export type SenderCheck = (event: SenderInfo) => boolean;

/** Trust only the main window's top frame showing the app's own page. */
export function makeSenderCheck(mainWebContentsId: () => number | null, isAppUrl: (url: string) => boolean): SenderCheck {
  return (event) => {
    const id = mainWebContentsId();
    const frame = event.senderFrame;
    return id !== null && event.sender.id === id && frame !== null && frame.parent === null && isAppUrl(frame.url);
  };
}

/** Validate an argument list against a channel's schema; the error names the argument at fault. */
export function parseArgs<S extends z.ZodType>(channel: string, schema: S, args: unknown[]): z.infer<S> {
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = !issue
    ? 'unknown problem'
    : issue.path.length > 0
      ? `argument ${jsonPath(issue.path)}: ${issue.message}`
      : `argument list: ${issue.message}`;
  throw new HostError('bad_arguments', channel, where);
}

/** The part of ipcMain we use. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => void): unknown;
}

export type InvokeHandlers = {
  [C in InvokeChannel]: (event: IpcMainInvokeEvent, ...args: InvokeArgs<C>) => Promise<InvokeResults[C]> | InvokeResults[C];
};

export type SendHandlers = {
  [C in SendChannel]: (event: IpcMainEvent, ...args: SendArgs<C>) => void;
};

/** Wrap one invoke handler with the sender and argument checks. */
export function guardInvoke<C extends InvokeChannel>(
  channel: C,
  check: SenderCheck,
  handler: InvokeHandlers[C],
): (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<InvokeResults[C]> {
  return async (event, ...args) => {
    if (!check(event)) throw new HostError('bad_sender', channel);
    const parsed = parseArgs(channel, invokeSchemas[channel], args) as InvokeArgs<C>;
    return (handler as (e: IpcMainInvokeEvent, ...a: InvokeArgs<C>) => Promise<InvokeResults[C]>)(event, ...parsed);
  };
}

/** Wrap one send handler; a refused message is reported through `onRefused` (there is no reply to carry it). */
export function guardSend<C extends SendChannel>(
  channel: C,
  check: SenderCheck,
  handler: SendHandlers[C],
  onRefused: (error: HostError) => void,
): (event: IpcMainEvent, ...args: unknown[]) => void {
  return (event, ...args) => {
    try {
      if (!check(event)) throw new HostError('bad_sender', channel);
      const parsed = parseArgs(channel, sendSchemas[channel], args) as SendArgs<C>;
      (handler as (e: IpcMainEvent, ...a: SendArgs<C>) => void)(event, ...parsed);
    } catch (err) {
      onRefused(err instanceof HostError ? err : new HostError('bad_arguments', channel, String(err)));
    }
  };
}

/** Register every channel of the contract; a missing handler is a type error. */
export function registerIpc(
  ipc: IpcMainLike,
  check: SenderCheck,
  invoke: InvokeHandlers,
  send: SendHandlers,
  onRefused: (error: HostError) => void,
): void {
  for (const channel of Object.keys(invokeSchemas) as InvokeChannel[]) {
    ipc.handle(channel, guardInvoke(channel, check, invoke[channel] as InvokeHandlers[typeof channel]));
  }
  for (const channel of Object.keys(sendSchemas) as SendChannel[]) {
    ipc.on(channel, guardSend(channel, check, send[channel] as SendHandlers[typeof channel], onRefused));
  }
}
