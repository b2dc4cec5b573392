/** A refused call's problems, and how a form shows them at the fields they name. */
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { ErrorCode, FieldIssue } from '@contract/errors';
import { ContractCallError } from '../api/client';

/** Every problem a refused call reports, whether it came as a list or as a single error. */
export function issuesOf(error: {
  code: ErrorCode;
  message: string;
  field?: string;
  issues?: FieldIssue[];
}): FieldIssue[] {
  if (error.issues && error.issues.length > 0) return error.issues;
  return [{ code: error.code, message: error.message, ...(error.field === undefined ? {} : { field: error.field }) }];
}

/**
 * Puts a refused save's problems next to the fields they name, focusing the first; anything else
 * goes to the form's own alert. `formFieldOf` names the form field for a core field, or null
 * when the form does not show it.
 */
export function showServerErrors<V extends FieldValues>(
  error: unknown,
  formFieldOf: (field: string) => string | null,
  setError: UseFormSetError<V>,
): void {
  if (!(error instanceof ContractCallError)) {
    setError('root.server', { type: 'server', message: 'internal_error' });
    return;
  }
  let first = true;
  for (const issue of issuesOf(error.error)) {
    const field = issue.field === undefined ? null : formFieldOf(issue.field);
    if (field !== null) {
      setError(field as Path<V>, { type: 'server', message: issue.code }, { shouldFocus: first });
      first = false;
    } else {
      setError('root.server', { type: 'server', message: issue.code });
    }
  }
}

/** For forms whose fields carry the core's own names: the field itself when the form shows it. */
export const sameNamedField =
  (isField: (field: string) => boolean) =>
  (field: string): string | null =>
    isField(field) ? field : null;
