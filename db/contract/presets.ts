/** Presets: named bundles of supplies ("standard injection kit x2") the field screen adds in one key. */
import { z } from 'zod';
import { coordinatorRoles, everyRole, read, write } from './access';
import { id, listRecordsInput, name, quantity, refuseRepeats, sortOrder } from './fields';

const presetLine = z.object({ itemId: id('item_required'), quantity }).strict();
const lines = z
  .array(presetLine)
  .min(1, 'preset_lines_required')
  .max(50, 'lines_too_many')
  .superRefine((list, context) =>
    refuseRepeats(
      list,
      (line) => line.itemId,
      context,
      'item_repeated',
      (index) => [index, 'itemId'],
    ),
  );

export const listPresetsInput = listRecordsInput;
export type ListPresetsInput = z.input<typeof listPresetsInput>;
export const createPresetInput = z.object({ name: name(80), lines, sortOrder: sortOrder.optional() }).strict();
export type CreatePresetInput = z.input<typeof createPresetInput>;
export const updatePresetInput = z
  .object({
    id: id('preset_not_found'),
    name: name(80).optional(),
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
  'presets.list': { input: listPresetsInput, output: z.array(presetOutput), access: read(everyRole) },
  'presets.create': { input: createPresetInput, output: presetOutput, access: write(coordinatorRoles) },
  'presets.update': { input: updatePresetInput, output: presetOutput, access: write(coordinatorRoles) },
} as const;
