/** Turns schema failures into the contract's field-level errors. */
import type { z } from 'zod';
import { errorMessages, isErrorCode, OutpostError, type FieldIssue } from './errors';
import { contract, type ChannelName, type ParsedInput } from './index';

function fieldPath(path: readonly PropertyKey[]): string | undefined {
  return path.length === 0 ? undefined : path.map(String).join('.');
}

export function issuesFrom(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const field = fieldPath(issue.path);
    const base: FieldIssue = isErrorCode(issue.message)
      ? { code: issue.message, message: errorMessages[issue.message] }
      : issue.code === 'unrecognized_keys'
        ? { code: 'unknown_field', message: `Unknown field(s): ${issue.keys.join(', ')}.` }
        : { code: 'invalid_value', message: `${field ?? 'Input'}: ${issue.message}` };
    return field === undefined ? base : { ...base, field };
  });
}

export function validationError(error: z.ZodError): OutpostError {
  const issues = issuesFrom(error);
  const first = issues[0] ?? { code: 'invalid_value' as const, message: errorMessages.invalid_value };
  return new OutpostError(first.code, {
    message: first.message,
    issues,
    ...(first.field === undefined ? {} : { field: first.field }),
  });
}

/**
 * A channel's input as its schema parses it, or an OutpostError naming every bad field. The one
 * place inputs are validated: the core's dispatch for its channels, the host for host channels.
 * Absent input is an empty object, so channels without fields take `undefined` too.
 */
export function parseChannelInput<C extends ChannelName>(channel: C, input: unknown): ParsedInput<C> {
  const result = contract[channel].input.safeParse(input ?? {});
  if (!result.success) throw validationError(result.error);
  return result.data as ParsedInput<C>;
}
