/** Turns schema failures into the contract's field-level errors. */
import type { z } from 'zod';
import { errorMessages, isErrorCode, OutpostError, type FieldIssue } from './errors';

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

/** Parses `input` or throws an OutpostError naming every bad field. Nothing is written on failure. */
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error);
  return result.data;
}
