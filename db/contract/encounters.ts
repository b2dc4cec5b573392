import { z } from 'zod';

export const maxQuantity = 10_000;
export const maxLines = 100;

/** Codes are stored upper-case so "ma0785" and "MA0785" are the same participant. */
export const participantCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9-]{1,32}$/, 'participant_code_format');

export const encounterLineInput = z
  .object({
    itemId: z.uuid('item_required'),
    quantity: z
      .number('quantity_invalid')
      .int('quantity_whole')
      .min(1, 'quantity_positive')
      .max(maxQuantity, 'quantity_too_large'),
  })
  .strict();

export const logEncounterInput = z
  .object({
    siteId: z.uuid('site_required'),
    /** An instant with its offset, e.g. 2026-11-22T10:15:00-08:00; stored as UTC. */
    occurredAt: z.iso.datetime({ offset: true, error: 'occurred_at_invalid' }),
    /** Absent or null: an anonymous walk-in. */
    participantCode: participantCode.nullish(),
    lines: z.array(encounterLineInput).max(maxLines, 'lines_too_many'),
  })
  .strict()
  .superRefine((input, context) => {
    const seen = new Set<string>();
    input.lines.forEach((line, index) => {
      if (seen.has(line.itemId)) {
        context.addIssue({ code: 'custom', message: 'item_repeated', path: ['lines', index, 'itemId'] });
      }
      seen.add(line.itemId);
    });
  });
export type LogEncounterInput = z.input<typeof logEncounterInput>;

export const listEncountersInput = z
  .object({ limit: z.number().int('limit_invalid').min(1, 'limit_invalid').max(500, 'limit_invalid').optional() })
  .strict();

export const encounterOutput = z.object({
  id: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  occurredAt: z.string(),
  participantCode: z.string().nullable(),
  loggedBy: z.string(),
  lines: z.array(
    z.object({
      itemId: z.string(),
      itemName: z.string(),
      unit: z.string(),
      quantity: z.number().int(),
    }),
  ),
});
export type Encounter = z.infer<typeof encounterOutput>;
