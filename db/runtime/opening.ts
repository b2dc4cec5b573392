/**
 * How far the core is from open, as `system.opening` answers it: opening, converting an older
 * file (with the phase and how far into it), open, or failed and why. Kept from the writer's
 * messages by whoever starts the core, so the window can show a conversion of minutes as it goes.
 */
import { contractErrorOf, failure, success, type ContractError, type Envelope } from '../contract/envelope';
import { OutpostError } from '../contract/errors';
import type { Opening } from '../contract/opening';
import { parseChannelInput } from '../contract/validation';
import type { ConversionProgress } from '../platform/conversion';

/** What a core that is open answers. */
export const opened: Opening = { state: 'open', progress: null, error: null };

/** `system.opening`: its input checked like any channel's, then the state as it is now. */
export function answerOpening(rawInput: unknown, status: Opening): Envelope<Opening> {
  try {
    parseChannelInput('system.opening', rawInput ?? {});
  } catch (error) {
    return failure(contractErrorOf(error as OutpostError));
  }
  return success(status);
}

export interface OpeningTracker {
  status(): Opening;
  converting(progress: ConversionProgress): void;
  open(): void;
  failed(error: unknown): void;
}

export function trackOpening(): OpeningTracker {
  let status: Opening = { state: 'opening', progress: null, error: null };
  return {
    status: () => status,
    converting({ phase, done, total }) {
      status = { state: 'converting', progress: { phase, done, total }, error: null };
    },
    open() {
      status = opened;
    },
    failed(error) {
      const refusal: ContractError =
        error instanceof OutpostError
          ? contractErrorOf(error)
          : { code: 'core_unavailable', message: error instanceof Error ? error.message : String(error) };
      status = { state: 'failed', progress: null, error: refusal };
    },
  };
}
