/**
 * The catalog: sites (where supplies go out from), items (what goes out), kits (items assembled
 * from other items, by version) and the service and referral types an encounter can record.
 */
import { z } from 'zod';
import { coordinatorRoles, everyRole, read, write } from './access';
import type { ErrorCode } from './errors';
import { normalizeGtin } from './gtin';
import { id, label, listRecordsInput, name, optionalText, sortOrder, wholeNumber } from './fields';
import {
  itemCategories,
  naloxoneForms,
  serviceKinds,
  siteTypes,
  type ItemCategory,
  type NaloxoneForm,
} from './vocabulary';

export const listCatalogInput = listRecordsInput;

// Sites

export const siteOutput = z.object({
  id: z.string(),
  name: z.string(),
  siteType: z.enum(siteTypes),
  active: z.boolean(),
  /** When the program added it: a computer that remembers no site starts on the first one added. */
  createdAt: z.string(),
});
export type Site = z.infer<typeof siteOutput>;

export const createSiteInput = z.object({ name: name(80), siteType: z.enum(siteTypes, 'invalid_value') }).strict();
export type CreateSiteInput = z.input<typeof createSiteInput>;

export const updateSiteInput = z
  .object({
    id: id('site_not_found'),
    name: name(80).optional(),
    siteType: z.enum(siteTypes, 'invalid_value').optional(),
    active: z.boolean('invalid_value').optional(),
  })
  .strict();
export type UpdateSiteInput = z.input<typeof updateSiteInput>;

// Items

export const itemOutput = z.object({
  id: z.string(),
  name: z.string(),
  sku: z.string().nullable(),
  category: z.enum(itemCategories),
  unit: z.string(),
  unitsPerPack: z.number().int(),
  naloxoneForm: z.enum(naloxoneForms).nullable(),
  dosesPerUnit: z.number().int().nullable(),
  tracksLots: z.boolean(),
  isKit: z.boolean(),
  isCommon: z.boolean(),
  active: z.boolean(),
});
export type Item = z.infer<typeof itemOutput>;

const itemFields = {
  name: name(120),
  sku: optionalText(60, 'sku_too_long'),
  category: z.enum(itemCategories, 'invalid_value'),
  unit: label(40, { required: 'unit_required', tooLong: 'unit_too_long' }),
  /** How many units come in the pack stock is received in (a box of 100 syringes). */
  unitsPerPack: wholeNumber('units_per_pack_invalid', 1, 100_000),
  naloxoneForm: z.enum(naloxoneForms, 'invalid_value').nullable(),
  dosesPerUnit: wholeNumber('doses_per_unit_invalid', 1, 100).nullable(),
  tracksLots: z.boolean('invalid_value'),
  isKit: z.boolean('invalid_value'),
  /** Shown first on the field screen. */
  isCommon: z.boolean('invalid_value'),
  active: z.boolean('invalid_value'),
};

export interface NaloxoneFields {
  category: ItemCategory;
  isKit: boolean;
  naloxoneForm: NaloxoneForm | null;
  dosesPerUnit: number | null;
}

/**
 * Loose naloxone items need a form and doses per unit (reports count kits by form, and doses). A
 * naloxone kit has neither: the naloxone items in it carry them. Other items have neither too.
 */
export function naloxoneFieldIssues(
  item: NaloxoneFields,
): { code: ErrorCode; field: 'naloxoneForm' | 'dosesPerUnit' }[] {
  const isNaloxone = item.category === 'naloxone';
  const needsThem = isNaloxone && !item.isKit;
  const check = (field: 'naloxoneForm' | 'dosesPerUnit', required: ErrorCode) => {
    const given = item[field] !== null;
    if (needsThem && !given) return [{ code: required, field }];
    if (!needsThem && given)
      return [{ code: isNaloxone ? ('kit_naloxone_field' as const) : ('naloxone_only_field' as const), field }];
    return [];
  };
  return [...check('naloxoneForm', 'naloxone_form_required'), ...check('dosesPerUnit', 'doses_per_unit_required')];
}

export const createItemInput = z
  .object({
    name: itemFields.name,
    sku: itemFields.sku,
    category: itemFields.category,
    unit: itemFields.unit,
    unitsPerPack: itemFields.unitsPerPack.default(1),
    naloxoneForm: itemFields.naloxoneForm.default(null),
    dosesPerUnit: itemFields.dosesPerUnit.default(null),
    tracksLots: itemFields.tracksLots.default(false),
    isKit: itemFields.isKit.default(false),
    isCommon: itemFields.isCommon.default(false),
    active: itemFields.active.default(true),
  })
  .strict()
  .superRefine((item, context) => {
    for (const issue of naloxoneFieldIssues(item))
      context.addIssue({ code: 'custom', message: issue.code, path: [issue.field] });
  });
export type CreateItemInput = z.input<typeof createItemInput>;

/** Only the fields given change; the naloxone rule is checked on the item as it will be. */
export const updateItemInput = z
  .object({
    id: id('item_not_found'),
    name: itemFields.name.optional(),
    sku: itemFields.sku.optional(),
    category: itemFields.category.optional(),
    unit: itemFields.unit.optional(),
    unitsPerPack: itemFields.unitsPerPack.optional(),
    naloxoneForm: itemFields.naloxoneForm.optional(),
    dosesPerUnit: itemFields.dosesPerUnit.optional(),
    tracksLots: itemFields.tracksLots.optional(),
    isKit: itemFields.isKit.optional(),
    isCommon: itemFields.isCommon.optional(),
    active: itemFields.active.optional(),
  })
  .strict();
export type UpdateItemInput = z.input<typeof updateItemInput>;

// GTINs: the packages an item comes in

/** A GTIN as typed or scanned (8, 12, 13 or 14 digits), checked and padded to 14 digits. */
export const gtin = z.string('gtin_invalid').transform((text, context) => {
  const found = normalizeGtin(text);
  if ('gtin' in found) return found.gtin;
  context.addIssue({ code: 'custom', message: found.problem });
  return z.NEVER;
});

/** What a package is called on the shelf ("Box of 100", "Case of 10 boxes"); optional. */
const gtinLabel = optionalText(80, 'gtin_label_too_long');

export const itemGtinOutput = z.object({
  id: z.string(),
  itemId: z.string(),
  /** 14 digits. */
  gtin: z.string(),
  /** Units inside this package: a box and a case of the same item differ. */
  unitsPerPack: z.number().int(),
  label: z.string().nullable(),
  active: z.boolean(),
});
export type ItemGtin = z.infer<typeof itemGtinOutput>;

export const itemGtinsInput = z
  .object({ itemId: id('item_not_found'), includeInactive: listRecordsInput.shape.includeInactive })
  .strict();
export type ItemGtinsInput = z.input<typeof itemGtinsInput>;

export const addItemGtinInput = z
  .object({
    itemId: id('item_not_found'),
    gtin,
    unitsPerPack: itemFields.unitsPerPack,
    label: gtinLabel,
  })
  .strict();
export type AddItemGtinInput = z.input<typeof addItemGtinInput>;

/** The GTIN itself and its item never change (retire it and add another instead). */
export const updateItemGtinInput = z
  .object({
    id: id('gtin_not_found'),
    unitsPerPack: itemFields.unitsPerPack.optional(),
    label: gtinLabel.optional(),
    active: z.boolean('invalid_value').optional(),
  })
  .strict();
export type UpdateItemGtinInput = z.input<typeof updateItemGtinInput>;

// Kits

export const maxKitComponents = 100;

export const kitComponentInput = z
  .object({
    itemId: id('item_required'),
    units: wholeNumber('component_units_invalid', 1, 10_000),
  })
  .strict();

export const setKitContentsInput = z
  .object({
    itemId: id('item_required'),
    components: z.array(kitComponentInput).min(1, 'components_required').max(maxKitComponents, 'components_too_many'),
  })
  .strict()
  .superRefine((kit, context) => {
    const seen = new Set<string>();
    kit.components.forEach((component, index) => {
      const path = ['components', index, 'itemId'];
      if (component.itemId === kit.itemId) context.addIssue({ code: 'custom', message: 'component_is_self', path });
      else if (seen.has(component.itemId)) context.addIssue({ code: 'custom', message: 'component_repeated', path });
      seen.add(component.itemId);
    });
  });
export type SetKitContentsInput = z.input<typeof setKitContentsInput>;

export const kitContentsInput = z
  .object({ itemId: id('item_required'), allVersions: z.boolean('invalid_value').optional() })
  .strict();
export type KitContentsInput = z.input<typeof kitContentsInput>;

export const kitVersionOutput = z.object({
  id: z.string(),
  kitItemId: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  components: z.array(
    z.object({
      itemId: z.string(),
      itemName: z.string(),
      category: z.enum(itemCategories),
      unit: z.string(),
      units: z.number().int(),
    }),
  ),
});
export type KitVersion = z.infer<typeof kitVersionOutput>;

export const kitContentsOutput = z.object({
  itemId: z.string(),
  /** Null until contents are first set. */
  current: kitVersionOutput.nullable(),
  /** Every version, newest first; only when asked for. */
  versions: z.array(kitVersionOutput).optional(),
});
export type KitContents = z.infer<typeof kitContentsOutput>;

// Service and referral types

export const serviceTypeOutput = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(serviceKinds),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type ServiceType = z.infer<typeof serviceTypeOutput>;

export const listServiceTypesInput = z
  .object({
    includeInactive: listRecordsInput.shape.includeInactive,
    kind: z.enum(serviceKinds, 'invalid_value').optional(),
  })
  .strict();
export type ListServiceTypesInput = z.input<typeof listServiceTypesInput>;

export const createServiceTypeInput = z
  .object({
    name: name(80),
    kind: z.enum(serviceKinds, 'invalid_value'),
    /** Absent: after the last one. */
    sortOrder: sortOrder.optional(),
  })
  .strict();
export type CreateServiceTypeInput = z.input<typeof createServiceTypeInput>;

export const updateServiceTypeInput = z
  .object({
    id: id('service_type_not_found'),
    name: name(80).optional(),
    kind: z.enum(serviceKinds, 'invalid_value').optional(),
    sortOrder: sortOrder.optional(),
    active: z.boolean('invalid_value').optional(),
  })
  .strict();
export type UpdateServiceTypeInput = z.input<typeof updateServiceTypeInput>;

export const catalogChannels = {
  'sites.list': { input: listCatalogInput, output: z.array(siteOutput), access: read(everyRole) },
  'sites.create': { input: createSiteInput, output: siteOutput, access: write(coordinatorRoles) },
  'sites.update': { input: updateSiteInput, output: siteOutput, access: write(coordinatorRoles) },
  'items.list': { input: listCatalogInput, output: z.array(itemOutput), access: read(everyRole) },
  'items.create': { input: createItemInput, output: itemOutput, access: write(coordinatorRoles) },
  'items.update': { input: updateItemInput, output: itemOutput, access: write(coordinatorRoles) },
  'items.setKitContents': { input: setKitContentsInput, output: kitVersionOutput, access: write(coordinatorRoles) },
  'items.kitContents': { input: kitContentsInput, output: kitContentsOutput, access: read(everyRole) },
  'items.gtins': { input: itemGtinsInput, output: z.array(itemGtinOutput), access: read(everyRole) },
  'items.addGtin': { input: addItemGtinInput, output: itemGtinOutput, access: write(coordinatorRoles) },
  'items.updateGtin': { input: updateItemGtinInput, output: itemGtinOutput, access: write(coordinatorRoles) },
  'serviceTypes.list': { input: listServiceTypesInput, output: z.array(serviceTypeOutput), access: read(everyRole) },
  'serviceTypes.create': { input: createServiceTypeInput, output: serviceTypeOutput, access: write(coordinatorRoles) },
  'serviceTypes.update': { input: updateServiceTypeInput, output: serviceTypeOutput, access: write(coordinatorRoles) },
} as const;
