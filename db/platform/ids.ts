/**
 * Time-ordered UUIDs (v7): unique across devices without coordination, and index-friendly because
 * new keys sort after old ones on the device that made them.
 */
import { uuidv7 } from 'uuidv7';

export function newId(): string {
  return uuidv7();
}
