/** Messages between the core's owner (main or the harness) and the core worker thread. */
import type { CoreInfo } from './core';
import type { Actor, ContractError, Envelope } from '../contract/envelope';

export type ToCore = { kind: 'call'; id: number; channel: string; input: unknown; actor: Actor } | { kind: 'close' };

export type FromCore =
  | { kind: 'ready'; info: CoreInfo }
  | { kind: 'failed'; error: ContractError }
  | { kind: 'result'; id: number; envelope: Envelope<unknown> }
  | { kind: 'closed' };
