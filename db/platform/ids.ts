/**
 * Time-ordered UUIDs (v7): unique across devices without coordination, and index-friendly because
 * new keys sort after old ones on the device that made them.
 */
import { uuidv7 } from 'uuidv7';

export function newId(): string {
  return uuidv7();
}

/** A UUID's 16 bytes, as the file stores ids it only ever looks up (form keys). */
export function idBytes(id: string): Buffer {
  return Buffer.from(id.replaceAll('-', ''), 'hex');
}
