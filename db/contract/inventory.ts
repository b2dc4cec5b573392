/**
 * Stock: receipts into a site (in packs or units, with lot and expiry when the item is tracked by
 * lot), what is on hand per site and item, and an item's lots. On hand is derived from the ledger
 * of stock movements.
 */
import { z } from 'zod';
import { coordinatorRoles, everyRole, read, write } from './access';
import { calendarDate, id, instant, note, optionalText, wholeNumber } from './fields';
import { itemCategories } from './vocabulary';

export const receiveInput = z
  .object({
    siteId: id('site_required'),
    itemId: id('item_required'),
    /** Either packs (units = packs x the item's units per pack) or units. */
    packs: wholeNumber('packs_invalid', 1, 100_000).optional(),
    units: wholeNumber('units_invalid', 1, 10_000_000).optional(),
    /** Printed lot numbers are matched regardless of case and spacing at the ends. */
    lotNumber: optionalText(60, 'lot_number_too_long').transform((value) => value?.toUpperCase() ?? null),
    expiresOn: calendarDate()
      .nullish()
      .transform((value) => value ?? null),
    /** Who the stock came from or who paid for it (a supplier, a health department, a grant). */
    source: optionalText(120, 'source_too_long'),
    /** An instant with its offset; absent: now. */
    receivedAt: instant('occurred_at_invalid').optional(),
    note,
  })
  .strict()
  .superRefine((receipt, context) => {
    if (receipt.packs === undefined && receipt.units === undefined) {
      context.addIssue({ code: 'custom', message: 'quantity_invalid', path: ['packs'] });
    }
    if (receipt.packs !== undefined && receipt.units !== undefined) {
      context.addIssue({ code: 'custom', message: 'quantity_packs_or_units', path: ['units'] });
    }
  });
export type ReceiveInput = z.input<typeof receiveInput>;

export const receiptOutput = z.object({
  id: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  unit: z.string(),
  lotId: z.string().nullable(),
  lotNumber: z.string().nullable(),
  expiresOn: z.string().nullable(),
  source: z.string().nullable(),
  /** Null when the quantity was given in units. */
  packs: z.number().int().nullable(),
  /** The item's units per pack when received (the catalog may change later). */
  unitsPerPack: z.number().int(),
  units: z.number().int(),
  receivedAt: z.string(),
  localDate: z.string(),
  note: z.string().nullable(),
  receivedBy: z.string(),
});
export type Receipt = z.infer<typeof receiptOutput>;

/** Expiry as of today in the program's time zone: expired after the expiry date, "soon" within the warning days. */
const expiryFlags = {
  expiresSoon: z.boolean(),
  expired: z.boolean(),
};

export const onHandInput = z
  .object({ siteId: id('site_not_found').optional(), itemId: id('item_not_found').optional() })
  .strict();
export type OnHandInput = z.input<typeof onHandInput>;

export const onHandOutput = z.array(
  z.object({
    siteId: z.string(),
    siteName: z.string(),
    itemId: z.string(),
    itemName: z.string(),
    category: z.enum(itemCategories),
    unit: z.string(),
    /** Every unit at the site, with or without a lot. Negative after a shortfall: a count is due. */
    units: z.number().int(),
    /** Units not assigned to a lot (items not tracked by lot, or shortfalls of tracked ones). */
    unitsWithoutLot: z.number().int(),
    /** Lots with units on hand, first to expire first. */
    lots: z.array(
      z.object({
        lotId: z.string(),
        lotNumber: z.string(),
        expiresOn: z.string().nullable(),
        units: z.number().int(),
        ...expiryFlags,
      }),
    ),
  }),
);
export type OnHand = z.infer<typeof onHandOutput>;

export const lotsInput = z.object({ itemId: id('item_required') }).strict();
export type LotsInput = z.input<typeof lotsInput>;

export const lotsOutput = z.array(
  z.object({
    id: z.string(),
    itemId: z.string(),
    lotNumber: z.string(),
    expiresOn: z.string().nullable(),
    /** On hand across all sites. */
    units: z.number().int(),
    ...expiryFlags,
  }),
);
export type Lots = z.infer<typeof lotsOutput>;

export const inventoryChannels = {
  'inventory.receive': { input: receiveInput, output: receiptOutput, access: write(coordinatorRoles) },
  'inventory.onHand': { input: onHandInput, output: onHandOutput, access: read(everyRole) },
  'inventory.lots': { input: lotsInput, output: lotsOutput, access: read(everyRole) },
} as const;
