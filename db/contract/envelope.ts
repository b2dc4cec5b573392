/** Every answer that crosses the contract: a value, or an error the caller can show. */
import type { ErrorCode, FieldIssue, OutpostError } from './errors';

export interface ContractError {
  /** Stable machine code; the renderer translates `errors.<code>`. */
  code: ErrorCode;
  /** Plain English, for logs and the command line. */
  message: string;
  /** Dotted path of the input field at fault, e.g. `lines.0.quantity`. */
  field?: string;
  /** Every problem found, when there are several (a form marks each field). */
  issues?: FieldIssue[];
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ContractError };

export function success<T>(data: T): Envelope<T> {
  return { ok: true, data };
}

export function failure(error: ContractError): Envelope<never> {
  return { ok: false, error };
}

/** A refusal as it travels: only its code, message, field and issues, never a stack. */
export function contractErrorOf(error: OutpostError): ContractError {
  return {
    code: error.code,
    message: error.message,
    ...(error.field === undefined ? {} : { field: error.field }),
    issues: error.issues,
  };
}

/** Who is acting: carried with every call from the session held by main (or the harness). */
export interface Actor {
  staffId: string;
}
