/**
 * What a domain operation is: a plain function that receives a handle for its lane and the parsed
 * input, once dispatch has validated the input and checked access. A write returns its result and
 * the changes it made to each record (dispatch appends one audit row per change); it never opens a
 * transaction, checks a role or writes the audit log itself.
 */
import type { RecordChange } from '../audit/audit-log';
import type {
  CallChannelName,
  ChannelLane,
  ChannelOutput,
  JobChannelName,
  JobResult,
  OperationChannelName,
  ParsedInput,
} from '../contract';
import type { FileMode } from '../contract/files';
import type { JobProgress } from '../contract/jobs';
import type { ReadableDatabase, WritableDatabase } from '../platform/database';
import type { Writer } from '../platform/records';
import type { StaffRow } from '../platform/schema';

export type { RecordChange, Writer };

/** What this core is, for the few reads that report on it. */
export interface CoreFacts {
  deviceId: string;
  appVersion: string;
  demo: boolean;
}

/** The files a call was handed, by handle: the only files an operation may touch. */
export interface FileAccess {
  /** The path behind `handle`, when it was handed to this call for `mode`; otherwise a refusal. */
  pathOf(handle: string, mode: FileMode): string;
  /**
   * Writes the file behind `handle`: the file chosen to save, or `name` inside the folder chosen.
   * `write` fills a new file at the path it is given, and only a whole file takes the chosen name.
   */
  write<T>(
    handle: string,
    name: string,
    write: (partPath: string) => T | Promise<T>,
  ): Promise<{ value: T; name: string; bytes: number }>;
}

export interface ReadScope {
  db: ReadableDatabase;
  files: FileAccess;
  /** The acting staff member: active, and allowed on this channel. */
  staff: StaffRow;
  core: CoreFacts;
}

export interface WriteScope {
  db: WritableDatabase;
  writer: Writer;
  staff: StaffRow;
}

export interface Written<T> {
  value: T;
  changes: RecordChange[];
}

export function written<T>(value: T, ...changes: RecordChange[]): Written<T> {
  return { value, changes };
}

/** How a job reports where it is and learns it was cancelled. */
export interface JobControl {
  /** Says how far the job is, and gives way to the thread's other messages; throws once it is cancelled. */
  step(progress: JobProgress): Promise<void>;
}

export interface JobScope extends ReadScope {
  job: JobControl;
}

export type ReadOperation<C extends CallChannelName> = (scope: ReadScope, input: ParsedInput<C>) => ChannelOutput<C>;
export type WriteOperation<C extends CallChannelName> = (
  scope: WriteScope,
  input: ParsedInput<C>,
) => Written<ChannelOutput<C>>;
/** Long read work, in steps: it never writes, so a cancelled job leaves nothing behind. */
export type JobOperation<C extends JobChannelName> = (scope: JobScope, input: ParsedInput<C>) => Promise<JobResult<C>>;

/** The operation behind a channel: its lane in the contract decides which kind. */
export type Operation<C extends OperationChannelName> = C extends JobChannelName
  ? JobOperation<C>
  : C extends CallChannelName
    ? ChannelLane<C> extends 'write'
      ? WriteOperation<C>
      : ReadOperation<C>
    : never;

/** A domain's operations, one per channel it owns. */
export type Operations<C extends OperationChannelName> = { [K in C]: Operation<K> };
