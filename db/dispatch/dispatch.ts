/**
 * The one dispatch every call goes through, from Electron, the harness, the command line and the
 * tests alike. For each call, once: validate the input against the contract, check access, open
 * the transaction for a write, build the writer, run the domain operation, append one audit row
 * per record it changed, and turn refusals into the contract's errors.
 */
import { basename, join } from 'node:path';
import { authorize } from '../access/authorize';
import type {
  CoreFacts,
  FileAccess,
  JobControl,
  JobScope,
  ReadScope,
  RecordChange,
  Writer,
  WriteScope,
  Written,
} from '../access/operations';
import { appendAudit } from '../audit/audit-log';
import type { AuditAction } from '../contract/audit';
import {
  contract,
  isChannelName,
  laneOf,
  type CallChannelName,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type JobChannelName,
  type JobResult,
  type WriteChannelName,
} from '../contract';
import type { Lane } from '../contract/access';
import { fileFieldsOf, handlesIn, type FileGrants, type FileMode } from '../contract/files';
import { isPlainFileName } from '../contract/fields';
import { keyOfExisting } from '../platform/keys';
import { writeFileAtomically } from '../platform/output-files';
import { contractErrorOf, failure, success, type Actor, type ContractError, type Envelope } from '../contract/envelope';
import { OutpostError } from '../contract/errors';
import { parseChannelInput } from '../contract/validation';
import type { OutpostDatabase, WritableDatabase } from '../platform/database';
import { requireSetUp } from '../system/setup';
import { operations, recordRuleChecks } from './operations';

/** What the core runs on: its database and what it knows of itself. */
export interface CoreContext {
  db: OutpostDatabase;
  core: CoreFacts;
}

/** Answers a call as the contract's envelope; never throws. */
export function dispatch(
  context: CoreContext,
  channel: string,
  input: unknown,
  actor: Actor,
  files: FileGrants = {},
): Envelope<unknown> {
  try {
    return success(perform(context, channel as CallChannelName, input as never, actor, files));
  } catch (error) {
    return errorEnvelope(error);
  }
}

/** The channel as dispatch knows it, or a refusal: host, runtime and job channels have doors of their own. */
function requireLane<L extends Lane>(channel: string, lanes: readonly L[]): ChannelName {
  if (!isChannelName(channel) || !(lanes as readonly Lane[]).includes(laneOf(channel))) {
    throw new OutpostError('unknown_channel', { message: `There is no channel named "${channel}" here.` });
  }
  return channel;
}

/** Runs a read or a write and returns its result, or throws the OutpostError that refused it. */
export function perform<C extends CallChannelName>(
  context: CoreContext,
  channel: C,
  rawInput: ChannelInput<C>,
  actor: Actor,
  files: FileGrants = {},
): ChannelOutput<C> {
  requireLane(channel, ['read', 'write']);
  requireSetUp(context.db, channel);
  const input = parseChannelInput(channel, rawInput);
  const rule = contract[channel].access;
  const { db } = context;
  if (rule.lane === 'write') {
    return db.transaction(() => runWrite(context, channel as C & WriteChannelName, input, actor) as ChannelOutput<C>);
  }
  const staff = authorize(db, rule, actor.staffId, input, recordRuleChecks);
  const scope: ReadScope = { db, staff, core: context.core, files: fileAccess(files) };
  return (operations[channel] as (scope: ReadScope, input: unknown) => ChannelOutput<C>)(scope, input);
}

/**
 * Checks a job's input and access now (a refusal answers the call that starts it), and returns
 * the work to run, step by step, under `job`.
 */
export function prepareJob<C extends JobChannelName>(
  context: CoreContext,
  channel: C,
  rawInput: unknown,
  actor: Actor,
  files: FileGrants = {},
): (job: JobControl) => Promise<JobResult<C>> {
  requireLane(channel, ['job']);
  requireSetUp(context.db, channel);
  const input = parseChannelInput(channel, rawInput);
  const staff = authorize(context.db, contract[channel].access, actor.staffId, input, recordRuleChecks);
  // A file the host did not hand over, or handed over for another use, refuses the job before it starts.
  if (handlesIn(input).some((handle) => !Object.hasOwn(files, handle))) {
    throw new OutpostError('file_not_found', { field: 'file' });
  }
  for (const [field, modes] of fileFieldsOf(contract[channel].input)) {
    const handle = (input as Record<string, unknown>)[field];
    if (typeof handle === 'string' && !modes.includes(files[handle]!.mode)) {
      throw new OutpostError('file_not_found', { field });
    }
  }
  const access = fileAccess(files);
  const run = operations[channel] as (scope: JobScope, input: unknown) => Promise<JobResult<C>>;
  return (job) => run({ db: context.db, staff, core: context.core, files: access, job }, input);
}

/** The files handed to one call: a handle it was not handed, or for another use, is refused. */
function fileAccess(grants: FileGrants): FileAccess {
  const grantOf = (handle: string, modes: readonly FileMode[]) => {
    const grant = Object.hasOwn(grants, handle) ? grants[handle] : undefined;
    if (!grant || !modes.includes(grant.mode)) throw new OutpostError('file_not_found', { field: 'file' });
    return grant;
  };
  return {
    pathOf: (handle, mode) => grantOf(handle, [mode]).path,
    async write(handle, name, write) {
      const grant = grantOf(handle, ['write', 'folder']);
      if (grant.mode === 'folder' && !isPlainFileName(name)) throw new OutpostError('file_name_invalid');
      const target = grant.mode === 'folder' ? join(grant.path, name) : grant.path;
      const { value, bytes } = await writeFileAtomically(target, write);
      return { value, name: basename(target), bytes };
    },
  };
}

/**
 * One write of a checked input, inside the transaction its caller opened: access, the operation,
 * and an audit row per record it changed. A single call and a batch both run writes this way.
 */
export function runWrite<C extends WriteChannelName>(
  context: CoreContext,
  channel: C,
  input: unknown,
  actor: Actor,
): ChannelOutput<C> {
  const staff = authorize(context.db, contract[channel].access, actor.staffId, input, recordRuleChecks);
  const scope = writeScope(context, staff);
  const run = operations[channel] as (scope: WriteScope, input: unknown) => Written<ChannelOutput<C>>;
  const { value, changes } = run(scope, input);
  appendChanges(context.db, scope.writer, channel, changes);
  return value;
}

export function writeScope(context: CoreContext, staff: WriteScope['staff']): WriteScope {
  const { deviceId } = context.core;
  const keys = { deviceKey: keyOfExisting(context.db, 'device', deviceId), staffKey: staff.key };
  const writer: Writer = { deviceId, staffId: staff.id, keys };
  return { db: context.db, writer, staff };
}

export function appendChanges(
  db: WritableDatabase,
  writer: Writer,
  action: AuditAction,
  changes: readonly RecordChange[],
): void {
  for (const change of changes) appendAudit(db, writer, action, change);
}

/** A refusal as the contract carries it; anything unexpected is logged here and answered as internal_error. */
export function refusalOf(error: unknown): ContractError {
  if (error instanceof OutpostError) return contractErrorOf(error);
  // Unexpected failures are logged in full here but never shown raw: they may contain data.
  console.error('[outpost core] unexpected error:', error);
  return { code: 'internal_error', message: new OutpostError('internal_error').message };
}

export function errorEnvelope(error: unknown): Envelope<never> {
  return failure(refusalOf(error));
}
