/** The OutpostError an operation refuses with; fails the test when it does not refuse. */
import { OutpostError } from '../../db/contract/errors';

export function refusal(work: () => unknown): OutpostError {
  try {
    work();
  } catch (error) {
    if (error instanceof OutpostError) return error;
    throw error;
  }
  throw new Error('Expected the operation to be refused.');
}
