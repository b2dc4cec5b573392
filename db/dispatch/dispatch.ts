/**
 * The one dispatch every call goes through, from Electron, the harness, the command line and the
 * tests alike. For each call, once: validate the input against the contract, check access, open
 * the transaction for a write, build the writer, run the domain operation, append one audit row
 * per record it changed, and turn refusals into the contract's errors.
 */
import { authorize } from '../access/authorize';
import type { CoreFacts, ReadScope, RecordChange, Writer, WriteScope, Written } from '../access/operations';
import { appendAudit } from '../audit/audit-log';
import type { AuditAction } from '../contract/audit';
import {
  contract,
  isChannelName,
  isHostChannel,
  type ChannelInput,
  type ChannelOutput,
  type CoreChannelName,
} from '../contract';
import { contractErrorOf, failure, success, type Actor, type Envelope } from '../contract/envelope';
import { OutpostError } from '../contract/errors';
import { parseChannelInput } from '../contract/validation';
import type { OutpostDatabase, WritableDatabase } from '../platform/database';
import { operations, recordRuleChecks } from './operations';

/** What the core runs on: its database and what it knows of itself. */
export interface CoreContext {
  db: OutpostDatabase;
  core: CoreFacts;
}

/** Answers a call as the contract's envelope; never throws. */
export function dispatch(context: CoreContext, channel: string, input: unknown, actor: Actor): Envelope<unknown> {
  try {
    return success(perform(context, channel as CoreChannelName, input as never, actor));
  } catch (error) {
    return errorEnvelope(error);
  }
}

/** Runs a call and returns its result, or throws the OutpostError that refused it. */
export function perform<C extends CoreChannelName>(
  context: CoreContext,
  channel: C,
  rawInput: ChannelInput<C>,
  actor: Actor,
): ChannelOutput<C> {
  if (!isChannelName(channel) || isHostChannel(channel)) {
    // Host channels (switching data sets) never reach the core: the host answers them.
    throw new OutpostError('unknown_channel', { message: `There is no channel named "${String(channel)}".` });
  }
  const input = parseChannelInput(channel, rawInput);
  const rule = contract[channel].access;
  const { db } = context;
  if (rule.lane === 'write') {
    return db.transaction(() => {
      const scope = writeScope(context, authorize(db, rule, actor.staffId, input, recordRuleChecks));
      const run = operations[channel] as (scope: WriteScope, input: unknown) => Written<ChannelOutput<C>>;
      const { value, changes } = run(scope, input);
      appendChanges(db, scope.writer, channel, changes);
      return value;
    });
  }
  const staff = authorize(db, rule, actor.staffId, input, recordRuleChecks);
  const scope: ReadScope = { db, staff, core: context.core };
  return (operations[channel] as (scope: ReadScope, input: unknown) => ChannelOutput<C>)(scope, input);
}

export function writeScope(context: CoreContext, staff: WriteScope['staff']): WriteScope {
  const writer: Writer = { deviceId: context.core.deviceId, staffId: staff.id };
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

export function errorEnvelope(error: unknown): Envelope<never> {
  if (error instanceof OutpostError) return failure(contractErrorOf(error));
  // Unexpected failures are logged in full here but never shown raw: they may contain data.
  console.error('[outpost core] unexpected error:', error);
  return failure({ code: 'internal_error', message: new OutpostError('internal_error').message });
}
