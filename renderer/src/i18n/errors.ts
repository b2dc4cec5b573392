import { isErrorCode, type ErrorCode } from '@contract/errors';
import { ContractCallError } from '../api/client';

export type ErrorKey = `errors.${ErrorCode}`;

/** The locale key for an error code; anything unknown falls back to a generic message. */
export function errorKey(code: string | undefined): ErrorKey {
  return code !== undefined && isErrorCode(code) ? `errors.${code}` : 'errors.invalid_value';
}

/** The code of a failed call: the core's own code, or a generic one for anything unexpected. */
export function errorCodeOf(error: unknown): ErrorCode {
  return error instanceof ContractCallError ? error.error.code : 'internal_error';
}
