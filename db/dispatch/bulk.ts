/**
 * The bulk path: many writes at once, with what dispatch guarantees for one. First-run setup, the
 * demo generator, and later spreadsheet imports and sync use it.
 *
 * - `performMany` runs one channel for many inputs: every input is validated before anything is
 *   written (a refusal names the input by its index), access is checked for each, all of it is one
 *   transaction, and each record changed gets its audit row under the channel's name.
 * - `bulkWrite` is for writes that are no channel (the program's first settings, generated demo
 *   data): admins only, one transaction per call, its changes audited under a bulk action.
 */
import { authorize } from '../access/authorize';
import type { WriteScope, Written } from '../access/operations';
import type { BulkAction } from '../contract/audit';
import { adminRoles, write } from '../contract/access';
import type { ChannelInput, ChannelOutput, WriteChannelName } from '../contract';
import type { Actor } from '../contract/envelope';
import { OutpostError } from '../contract/errors';
import { parseChannelInput } from '../contract/validation';
import { appendChanges, runWrite, writeScope, type CoreContext } from './dispatch';
import { recordRuleChecks } from './operations';

/** The refusal of one input in a batch, with its fields prefixed by the input's index. */
function inBatch(error: unknown, index: number): unknown {
  if (!(error instanceof OutpostError)) return error;
  const at = (field: string | undefined) => (field === undefined ? `${index}` : `${index}.${field}`);
  return new OutpostError(error.code, {
    message: error.message,
    field: at(error.field),
    issues: error.issues.map((issue) => ({ ...issue, field: at(issue.field) })),
  });
}

export function performMany<C extends WriteChannelName>(
  context: CoreContext,
  channel: C,
  inputs: readonly ChannelInput<C>[],
  actor: Actor,
): ChannelOutput<C>[] {
  const parsed = inputs.map((input, index) => {
    try {
      return parseChannelInput(channel, input);
    } catch (error) {
      throw inBatch(error, index);
    }
  });
  return context.db.transaction(() =>
    parsed.map((input, index) => {
      try {
        return runWrite(context, channel, input, actor);
      } catch (error) {
        throw inBatch(error, index);
      }
    }),
  );
}

const bulkAccess = write(adminRoles);

export function bulkWrite<T>(
  context: CoreContext,
  actor: Actor,
  action: BulkAction,
  work: (scope: WriteScope) => Written<T>,
): T {
  return context.db.transaction(() => {
    const scope = writeScope(context, authorize(context.db, bulkAccess, actor.staffId, {}, recordRuleChecks));
    const { value, changes } = work(scope);
    appendChanges(context.db, scope.writer, action, changes);
    return value;
  });
}
