/** Messages between the core's owner (main or the harness) and its two worker threads. */
import type { CoreInfo } from './core';
import type { Actor, ContractError, Envelope } from '../contract/envelope';
import type { FileGrants } from '../contract/files';
import type { JobProgress } from '../contract/jobs';
import type { ConversionProgress } from '../platform/conversion';

/** The writer answers calls on the one connection that writes; the reader runs jobs on a read-only one. */
export type CoreLane = 'writer' | 'reader';

export type ToCore =
  | { kind: 'call'; id: number; channel: string; input: unknown; actor: Actor; files: FileGrants }
  | { kind: 'start-job'; jobId: string; channel: string; input: unknown; actor: Actor; files: FileGrants }
  | { kind: 'cancel-job'; jobId: string }
  | { kind: 'close' };

export type FromCore =
  /** The writer is converting an older file on opening: how far it is. */
  | { kind: 'converting'; progress: ConversionProgress }
  | { kind: 'ready'; info: CoreInfo }
  | { kind: 'failed'; error: ContractError }
  | { kind: 'result'; id: number; envelope: Envelope<unknown> }
  | { kind: 'job-started'; jobId: string }
  | { kind: 'job-refused'; jobId: string; error: ContractError }
  | { kind: 'job-progress'; jobId: string; progress: JobProgress }
  | { kind: 'job-ended'; jobId: string; envelope: Envelope<unknown> }
  | { kind: 'closed' };
