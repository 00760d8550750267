import { randomBytes } from 'node:crypto';

/** A document / request id shaped like the real cloud's: 32 lowercase hex characters. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

let seq = 0;
/** A request id: unique per emulator process, sortable by time. */
export function newRequestId(): string {
  seq = (seq + 1) % 1_000_000;
  return `${Date.now().toString(16)}_${seq.toString(16)}_local`;
}
