/**
 * Errors the main process reports to the user or the renderer. Each has a stable code, the
 * file path (or IPC channel) it concerns and a sentence a student can act on; the texts live in
 * one table so they stay consistent.
 */

export const HOST_ERROR_TEXT = {
  not_a_project: 'Only SNN Studio projects (*.snn) can be opened or saved here.',
  not_found: 'The file does not exist any more; it may have been moved or deleted.',
  too_large: 'The file is larger than 64 MB, which is more than any project should be.',
  not_a_file: 'This is a folder or a device, not a project file.',
  permission: 'You do not have permission to use this file; choose another folder.',
  disk_full: 'The disk is full; the previous version of the file was kept. Free some space and save again.',
  read_failed: 'The file could not be read.',
  write_failed: 'The file could not be saved; the previous version was kept.',
  not_allowed: 'This file was not chosen by you in this session, so the app will not write to it. Use Save As….',
  bad_sender: 'A request came from a page that is not the SNN Studio window and was refused.',
  engine_missing: 'The simulation engine is not part of this build; run `npm run build` first.',
  bad_arguments: 'A request to the desktop host had malformed arguments and was refused.',
} as const;

export type HostErrorCode = keyof typeof HOST_ERROR_TEXT;

/** An error with a code, the path or channel it concerns, and an actionable message. */
export class HostError extends Error {
  readonly code: HostErrorCode;
  readonly path: string;

  constructor(code: HostErrorCode, path: string, detail?: string) {
    // The code goes into the message too: Electron passes only `message` across IPC.
    super(`[${code}] ${path}: ${HOST_ERROR_TEXT[code]}${detail ? ` (${detail})` : ''}`);
    this.name = 'HostError';
    this.code = code;
    this.path = path;
  }
}

/** Map a Node fs error code to our table, so the student sees "disk full" rather than "ENOSPC". */
export function hostErrorFromFs(err: unknown, path: string, fallback: 'read_failed' | 'write_failed'): HostError {
  if (err instanceof HostError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const detail = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'ENOENT':
      return new HostError('not_found', path);
    case 'ENOSPC':
    case 'EDQUOT':
      return new HostError('disk_full', path);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new HostError('permission', path);
    case 'EISDIR':
      return new HostError('not_a_file', path);
    default:
      return new HostError(fallback, path, detail);
  }
}
