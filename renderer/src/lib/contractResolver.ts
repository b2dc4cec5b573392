/**
 * Form checking with the contract's own schemas, its problems named the way the core names them
 * (`issuesFrom`): a form shows the same code at the same field as a refused save would.
 */
import { toNestErrors } from '@hookform/resolvers';
import type { FieldError, FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import type { FieldIssue } from '@contract/errors';
import { issuesFrom } from '@contract/validation';

export type Checked<Output> = { success: true; data: Output } | { success: false; issues: FieldIssue[] };

/** A schema's verdict on some values, as problems with codes and fields. */
export function checkWith<Output>(schema: z.ZodType<Output>, values: unknown): Checked<Output> {
  const result = schema.safeParse(values);
  return result.success ? { success: true, data: result.data } : { success: false, issues: issuesFrom(result.error) };
}

/**
 * A react-hook-form resolver from a check: each problem goes to the form field `fieldOf` names
 * for it (the first problem per field), anything the form does not show to `root.server`.
 */
export function issuesResolver<Values extends FieldValues, Output>(
  check: (values: Values) => Checked<Output>,
  fieldOf: (field: string | undefined, values: Values) => string | null = (field) => field ?? null,
): Resolver<Values, unknown, Output> {
  return (values, _context, options) => {
    const checked = check(values);
    if (checked.success) return { values: checked.data, errors: {} };
    const flat: Record<string, FieldError> = {};
    for (const issue of checked.issues) {
      const path = fieldOf(issue.field, values) ?? 'root.server';
      flat[path] ??= { type: 'validation', message: issue.code };
    }
    return { values: {}, errors: toNestErrors<Values>(flat as FieldErrors, options) };
  };
}

/** The resolver for a form whose values a contract schema checks as they are. */
export function contractResolver<Values extends FieldValues, Output>(
  schema: z.ZodType<Output, Values>,
  fieldOf?: (field: string | undefined, values: Values) => string | null,
): Resolver<Values, unknown, Output> {
  return issuesResolver((values: Values) => checkWith(schema, values), fieldOf);
}

/** A number typed in a text field; blank is not a number (the schema then says which is wrong). */
export function numberFromText(value: string): number {
  return value.trim() === '' ? Number.NaN : Number(value.trim());
}
