/**
 * A step taken with a reason someone types (a void, a merge, an unmerge): the reason, where its
 * refusals show (at the reason, or above the buttons for anything else) and the order of checks:
 * the contract's own rules first, so a missing reason never leaves the computer, then the core.
 */
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { ContractCallError } from '../api/client';
import { errorCodeOf } from '../i18n/errors';
import { issuesOf } from './serverErrors';

type Problem = { code: string; field?: string | undefined };

export function useReasonStep({ focusReason = true }: { focusReason?: boolean } = {}) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (focusReason) reasonField.current?.focus();
  }, [focusReason]);

  const showProblems = (problems: Problem[]) => {
    const atReason = problems.find((problem) => problem.field === 'reason');
    const elsewhere = problems.find((problem) => problem.field !== 'reason');
    setReasonError(atReason?.code ?? null);
    setFormError(elsewhere?.code ?? null);
    if (atReason) reasonField.current?.focus();
  };

  /** Checks `input` against `schema`, then sends it; what is refused is shown where it belongs. */
  const take = async <I>(schema: z.ZodType, input: I, send: (input: I) => Promise<void>): Promise<void> => {
    const checked = schema.safeParse(input);
    if (!checked.success) {
      showProblems(checked.error.issues.map((issue) => ({ code: issue.message, field: String(issue.path[0] ?? '') })));
      return;
    }
    try {
      await send(input);
    } catch (error) {
      if (error instanceof ContractCallError) showProblems(issuesOf(error.error));
      else showProblems([{ code: errorCodeOf(error) }]);
    }
  };

  return { reason, setReason, reasonError, formError, reasonField, take };
}
