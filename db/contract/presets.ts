/** Presets: named bundles of supplies ("standard injection kit x2") the field screen adds in one key. */
import { z } from 'zod';

const name = z.string('name_required').trim().min(1, 'name_required').max(80, 'name_too_long');
const presetLine = z
  .object({
    itemId: z.uuid('item_required'),
    quantity: z
      .number('quantity_invalid')
      .int('quantity_whole')
      .min(1, 'quantity_positive')
      .max(10_000, 'quantity_too_large'),
  })
  .strict();
const lines = z
  .array(presetLine)
  .min(1, 'preset_lines_required')
  .max(50, 'lines_too_many')
  .superRefine((list, context) => {
    const seen = new Set<string>();
    list.forEach((line, index) => {
      if (seen.has(line.itemId))
        context.addIssue({ code: 'custom', message: 'item_repeated', path: [index, 'itemId'] });
      seen.add(line.itemId);
    });
  });
const sortOrder = z
  .number()
  .int('sort_order_invalid')
  .min(-100_000, 'sort_order_invalid')
  .max(100_000, 'sort_order_invalid');

export const listPresetsInput = z.object({ includeInactive: z.boolean().optional() }).strict();
export type ListPresetsInput = z.input<typeof listPresetsInput>;
export const createPresetInput = z.object({ name, lines, sortOrder: sortOrder.optional() }).strict();
export type CreatePresetInput = z.input<typeof createPresetInput>;
export const updatePresetInput = z
  .object({
    id: z.uuid('preset_not_found'),
    name: name.optional(),
    lines: lines.optional(),
    sortOrder: sortOrder.optional(),
    active: z.boolean('invalid_value').optional(),
  })
  .strict();
export type UpdatePresetInput = z.input<typeof updatePresetInput>;

export const presetOutput = z.object({
  id: z.string(),
  name: z.string(),
  lines: z.array(z.object({ itemId: z.string(), itemName: z.string(), unit: z.string(), quantity: z.number().int() })),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type Preset = z.infer<typeof presetOutput>;

export const presetChannels = {
  'presets.list': { input: listPresetsInput, output: z.array(presetOutput) },
  'presets.create': { input: createPresetInput, output: presetOutput },
  'presets.update': { input: updatePresetInput, output: presetOutput },
} as const;
