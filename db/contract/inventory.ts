/**
 * Stock: receipts into a site (in packs or units, with lot and expiry when the item is tracked by
 * lot), what is on hand per site and item, and an item's lots. On hand is derived from the ledger
 * of stock movements.
 */
import { z } from 'zod';
import { coordinatorRoles, everyRole, fieldRoles, read, write } from './access';
import {
  calendarDate,
  id,
  instant,
  listRecordsInput,
  name,
  note,
  optionalText,
  reason,
  refuseBackwardsRange,
  refuseRepeats,
  wholeNumber,
} from './fields';
import { gtin } from './catalog';
import {
  adjustmentDirections,
  adjustmentReasons,
  fieldEntryKinds,
  itemCategories,
  movementKinds,
  movementSources,
  stockStatuses,
  transferStatuses,
  transferWriteOffReasons,
} from './vocabulary';

/** Printed lot numbers are matched regardless of case and spacing at the ends. */
const lotNumber = optionalText(60, 'lot_number_too_long').transform((value) => value?.toUpperCase() ?? null);
const expiresOn = calendarDate()
  .nullish()
  .transform((value) => value ?? null);

export const receiveInput = z
  .object({
    siteId: id('site_required'),
    itemId: id('item_required'),
    /** Either packs (units = packs x the item's units per pack) or units. */
    packs: wholeNumber('packs_invalid', 1, 100_000).optional(),
    units: wholeNumber('units_invalid', 1, 10_000_000).optional(),
    lotNumber,
    expiresOn,
    /** Receiving a lot already past its expiry (to dispose of it, say) is said so in as many words. */
    expiredConfirmed: z.boolean('invalid_value').optional(),
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
  /** The delivery it came in (the first line's id; a receipt from before deliveries is its own) and its line there. */
  deliveryId: z.string(),
  deliveryLine: z.number().int(),
  reference: z.string().nullable(),
  /** The package scanned, as 14 digits; null when the line was filled by hand. */
  gtin: z.string().nullable(),
});
export type Receipt = z.infer<typeof receiptOutput>;

// Deliveries: receipts of several lines

export const maxDeliveryLines = 100;

export const deliveryLineInput = z
  .object({
    itemId: id('item_required'),
    /** Packs of the scanned package when a GTIN is given, else of the item's own pack size. */
    packs: wholeNumber('packs_invalid', 1, 100_000).optional(),
    units: wholeNumber('units_invalid', 1, 10_000_000).optional(),
    /** The package scanned for this line: one of the item's active GTINs. */
    gtin: gtin.optional(),
    lotNumber,
    expiresOn,
    expiredConfirmed: z.boolean('invalid_value').optional(),
  })
  .strict();

export const receiveDeliveryInput = z
  .object({
    siteId: id('site_required'),
    source: optionalText(120, 'source_too_long'),
    /** The supplier's delivery note, an order or a grant number. */
    reference: optionalText(120, 'reference_too_long'),
    receivedAt: instant('occurred_at_invalid').optional(),
    note,
    formKey: id('form_key_invalid').optional(),
    lines: z
      .array(deliveryLineInput, 'delivery_lines_required')
      .min(1, 'delivery_lines_required')
      .max(maxDeliveryLines, 'delivery_lines_too_many'),
  })
  .strict()
  .superRefine((delivery, context) =>
    delivery.lines.forEach((line, index) => refusePacksAndUnits(line, context, ['lines', index])),
  );
export type ReceiveDeliveryInput = z.input<typeof receiveDeliveryInput>;

export const deliveryOutput = z.object({
  /** The first line's receipt id. */
  id: z.string(),
  /** Where it is in the list's order: with localDate, the cursor for the next page. */
  key: z.number().int(),
  siteId: z.string(),
  siteName: z.string(),
  source: z.string().nullable(),
  reference: z.string().nullable(),
  receivedAt: z.string(),
  localDate: z.string(),
  note: z.string().nullable(),
  receivedBy: z.string(),
  /** Every line's units added up. */
  units: z.number().int(),
  lines: z.array(receiptOutput),
});
export type Delivery = z.infer<typeof deliveryOutput>;

export const deliveriesInput = z
  .object({
    siteId: id('site_not_found').optional(),
    /** The next page: deliveries before this one (the last of the page before). */
    before: z.object({ localDate: calendarDate(), key: z.number().int() }).strict().optional(),
    limit: wholeNumber('limit_invalid', 1, 100).optional(),
  })
  .strict();
export type DeliveriesInput = z.input<typeof deliveriesInput>;

export const deliveriesOutput = z.object({ deliveries: z.array(deliveryOutput), more: z.boolean() });

// Barcodes

/**
 * What a keyboard-wedge scanner typed: a GS1 element string (with or without its FNC1/GS
 * separators, or written with parentheses), with or without a symbology identifier, or a plain
 * EAN/UPC. Control characters are the point here (GS separates the elements), so only the length
 * is limited.
 */
export const readBarcodeInput = z
  .object({
    barcode: z
      .string('barcode_required')
      .max(400, 'barcode_unreadable')
      .refine((text) => text.trim() !== '', 'barcode_required'),
  })
  .strict();
export type ReadBarcodeInput = z.input<typeof readBarcodeInput>;

export const readBarcodeOutput = z.object({
  gtin: z.string(),
  lotNumber: z.string().nullable(),
  expiresOn: z.string().nullable(),
  serial: z.string().nullable(),
  /** The item whose active GTIN it is, and that package's units; null when no item has it yet. */
  item: z
    .object({
      itemId: z.string(),
      itemName: z.string(),
      unit: z.string(),
      tracksLots: z.boolean(),
      gtinId: z.string(),
      unitsPerPack: z.number().int(),
      label: z.string().nullable(),
    })
    .nullable(),
});
export type BarcodeReading = z.infer<typeof readBarcodeOutput>;

/** Expiry as of today in the program's time zone: expired after the expiry date, "soon" within the warning days. */
const expiryFlags = {
  expiresSoon: z.boolean(),
  expired: z.boolean(),
};

/** A lot on hold is never handed out or sent until it is released. */
const holdFlag = { onHold: z.boolean() };

export const onHandInput = z
  .object({
    siteId: id('site_not_found').optional(),
    itemId: id('item_not_found').optional(),
    category: z.enum(itemCategories, 'invalid_value').optional(),
    /** Also every active item a site holds none of (status `out`), at every active site asked for. */
    includeEmpty: z.boolean('invalid_value').optional(),
  })
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
    unitsPerPack: z.number().int(),
    /** Every unit at the site, with or without a lot. Negative after a shortfall: a count is due. */
    units: z.number().int(),
    /** What can be handed out: units in lots neither expired nor on hold, and units held without a lot (never below zero). */
    available: z.number().int(),
    /** Units sent to this site and not yet confirmed: in no site's on hand until they are. */
    incoming: z.number().int(),
    status: z.enum(stockStatuses),
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
        ...holdFlag,
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
    ...holdFlag,
  }),
);
export type Lots = z.infer<typeof lotsOutput>;

export const holdLotInput = z.object({ lotId: id('lot_not_found'), held: z.boolean('invalid_value'), reason }).strict();
export type HoldLotInput = z.input<typeof holdLotInput>;

// Transfers

export const maxTransferLines = 100;

/** A quantity in packs (x the item's units per pack) or in units, never both and never neither. */
function refusePacksAndUnits(
  line: { packs?: number | undefined; units?: number | undefined },
  context: z.RefinementCtx,
  at: PropertyKey[],
): void {
  if (line.packs === undefined && line.units === undefined) {
    context.addIssue({ code: 'custom', message: 'quantity_invalid', path: [...at, 'packs'] });
  }
  if (line.packs !== undefined && line.units !== undefined) {
    context.addIssue({ code: 'custom', message: 'quantity_packs_or_units', path: [...at, 'units'] });
  }
}

export const transferLineInput = z
  .object({
    itemId: id('item_required'),
    packs: wholeNumber('packs_invalid', 1, 100_000).optional(),
    units: wholeNumber('units_invalid', 1, 10_000_000).optional(),
    /** A lot picked by hand; otherwise the lots first to expire go first. */
    lotId: id('lot_not_found').nullish(),
  })
  .strict();

export const transferInput = z
  .object({
    fromSiteId: id('site_required'),
    toSiteId: id('site_required'),
    lines: z
      .array(transferLineInput, 'transfer_lines_required')
      .min(1, 'transfer_lines_required')
      .max(maxTransferLines, 'transfer_lines_too_many'),
    /** An instant with its offset; absent: now. */
    sentAt: instant('occurred_at_invalid').optional(),
    /** A packing slip or a reference the sites share. */
    reference: optionalText(120, 'reference_too_long'),
    note,
    /**
     * Both sites are run from this database: the stock arrives in the same step. Laptops that
     * sync leave it false, and the receiving site confirms what came.
     */
    receiveNow: z.boolean('invalid_value').optional(),
    formKey: id('form_key_invalid').optional(),
  })
  .strict()
  .superRefine((transfer, context) => {
    if (transfer.fromSiteId === transfer.toSiteId) {
      context.addIssue({ code: 'custom', message: 'transfer_same_site', path: ['toSiteId'] });
    }
    transfer.lines.forEach((line, index) => refusePacksAndUnits(line, context, ['lines', index]));
    refuseRepeats(
      transfer.lines,
      (line) => `${line.itemId}|${line.lotId ?? ''}`,
      context,
      'transfer_line_repeated',
      (index) => ['lines', index, 'itemId'],
    );
  });
export type TransferInput = z.input<typeof transferInput>;

export const receiveTransferInput = z
  .object({
    transferId: id('transfer_not_found'),
    /**
     * What came, per line of the transfer; absent: everything still in transit. A line not named
     * stays in transit (the rest may come later).
     */
    lines: z
      .array(
        z
          .object({
            line: wholeNumber('transfer_line_unknown', 1, maxTransferLines),
            /** Units that arrived. */
            received: wholeNumber('units_invalid', 0, 10_000_000),
            /** Units that will not arrive, and why: written off at once. */
            writtenOff: wholeNumber('units_invalid', 0, 10_000_000).optional(),
            reason: z.enum(transferWriteOffReasons, 'write_off_reason_required').optional(),
          })
          .strict()
          .superRefine((line, context) => {
            if ((line.writtenOff ?? 0) > 0 && line.reason === undefined) {
              context.addIssue({ code: 'custom', message: 'write_off_reason_required', path: ['reason'] });
            }
          }),
      )
      .min(1, 'transfer_lines_required')
      .max(maxTransferLines, 'transfer_lines_too_many')
      .optional(),
    receivedAt: instant('occurred_at_invalid').optional(),
    note,
  })
  .strict()
  .superRefine((receipt, context) => {
    if (!receipt.lines) return;
    refuseRepeats(
      receipt.lines,
      (line) => String(line.line),
      context,
      'transfer_line_repeated',
      (index) => ['lines', index, 'line'],
    );
    if (receipt.lines.every((line) => line.received === 0 && (line.writtenOff ?? 0) === 0)) {
      context.addIssue({ code: 'custom', message: 'quantity_invalid', path: ['lines', 0, 'received'] });
    }
  });
export type ReceiveTransferInput = z.input<typeof receiveTransferInput>;

export const cancelTransferInput = z.object({ transferId: id('transfer_not_found'), reason }).strict();
export type CancelTransferInput = z.input<typeof cancelTransferInput>;

export const writeOffTransferInput = z
  .object({
    transferId: id('transfer_not_found'),
    reason: z.enum(transferWriteOffReasons, 'write_off_reason_required'),
    occurredAt: instant('occurred_at_invalid').optional(),
    note,
  })
  .strict();
export type WriteOffTransferInput = z.input<typeof writeOffTransferInput>;

export const transfersInput = z
  .object({
    /** Transfers from or to this site. */
    siteId: id('site_not_found').optional(),
    status: z.enum(transferStatuses, 'invalid_value').optional(),
    limit: wholeNumber('limit_invalid', 1, 500).optional(),
  })
  .strict();
export type TransfersInput = z.input<typeof transfersInput>;

export const transferOutput = z.object({
  id: z.string(),
  fromSiteId: z.string(),
  fromSiteName: z.string(),
  toSiteId: z.string(),
  toSiteName: z.string(),
  sentAt: z.string(),
  localDate: z.string(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(transferStatuses),
  sentBy: z.string(),
  lines: z.array(
    z.object({
      line: z.number().int(),
      itemId: z.string(),
      itemName: z.string(),
      unit: z.string(),
      unitsPerPack: z.number().int(),
      lotId: z.string().nullable(),
      lotNumber: z.string().nullable(),
      expiresOn: z.string().nullable(),
      sent: z.number().int(),
      received: z.number().int(),
      writtenOff: z.number().int(),
      /** Sent, less what arrived and what was written off; all of it returns on a cancellation. */
      inTransit: z.number().int(),
    }),
  ),
  events: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['received', 'cancelled', 'written_off']),
      occurredAt: z.string(),
      localDate: z.string(),
      note: z.string().nullable(),
      by: z.string(),
      lines: z.array(
        z.object({
          line: z.number().int(),
          units: z.number().int(),
          reason: z.enum(transferWriteOffReasons).nullable(),
        }),
      ),
    }),
  ),
});
export type Transfer = z.infer<typeof transferOutput>;

// Adjustments

/** A reason to adjust stock: one of Outpost's own (its id is its name in adjustmentReasons) or one the program added. */
export const adjustmentReasonOutput = z.object({
  id: z.string(),
  builtIn: z.boolean(),
  /** Outpost's own reasons are named by their id, in the reader's language; the program's by this. */
  name: z.string(),
  direction: z.enum(adjustmentDirections),
  active: z.boolean(),
});
export type AdjustmentReasonRecord = z.infer<typeof adjustmentReasonOutput>;

export const createAdjustmentReasonInput = z
  .object({ name: name(80), direction: z.enum(adjustmentDirections, 'invalid_value') })
  .strict();
export type CreateAdjustmentReasonInput = z.input<typeof createAdjustmentReasonInput>;

/** Outpost's own reason by its name, or one the program added by its id. */
const adjustmentReasonId = z.union(
  [z.enum(adjustmentReasons), id('adjustment_reason_not_found')],
  'adjustment_reason_not_found',
);

export const updateAdjustmentReasonInput = z
  .object({
    /** Outpost's own reasons are named here only to be refused with what to do instead. */
    id: adjustmentReasonId,
    name: name(80).optional(),
    direction: z.enum(adjustmentDirections, 'invalid_value').optional(),
    active: z.boolean('invalid_value').optional(),
  })
  .strict();
export type UpdateAdjustmentReasonInput = z.input<typeof updateAdjustmentReasonInput>;

export const adjustInput = z
  .object({
    siteId: id('site_required'),
    /** None chosen is said so, not taken for a reason that does not exist. */
    reason: z.string('adjustment_reason_required').min(1, 'adjustment_reason_required').pipe(adjustmentReasonId),
    lines: z
      .array(
        z
          .object({
            itemId: id('item_required'),
            units: wholeNumber('units_invalid', 1, 10_000_000),
            /** Required when the reason goes either way; otherwise the reason's own way, or absent. */
            direction: z.enum(['add', 'remove'], 'invalid_value').optional(),
            /** The lot the units are in: needed to add units of an item tracked by lot. */
            lotId: id('lot_not_found').nullish(),
          })
          .strict(),
        'adjustment_lines_required',
      )
      .min(1, 'adjustment_lines_required')
      .max(maxTransferLines, 'adjustment_lines_too_many'),
    occurredAt: instant('occurred_at_invalid').optional(),
    note,
    formKey: id('form_key_invalid').optional(),
  })
  .strict()
  .superRefine((adjustment, context) =>
    refuseRepeats(
      adjustment.lines,
      (line) => `${line.itemId}|${line.lotId ?? ''}`,
      context,
      'adjustment_line_repeated',
      (index) => ['lines', index, 'itemId'],
    ),
  );
export type AdjustInput = z.input<typeof adjustInput>;

export const adjustmentOutput = z.object({
  id: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  reason: adjustmentReasonOutput,
  occurredAt: z.string(),
  localDate: z.string(),
  note: z.string().nullable(),
  by: z.string(),
  lines: z.array(
    z.object({
      line: z.number().int(),
      itemId: z.string(),
      itemName: z.string(),
      unit: z.string(),
      lotId: z.string().nullable(),
      lotNumber: z.string().nullable(),
      /** Signed: added to the site's stock, or taken off it. */
      units: z.number().int(),
    }),
  ),
});
export type Adjustment = z.infer<typeof adjustmentOutput>;

export const adjustmentsInput = z
  .object({ siteId: id('site_not_found').optional(), limit: wholeNumber('limit_invalid', 1, 500).optional() })
  .strict();

// Stock card

export const stockCardInput = z
  .object({
    siteId: id('site_required'),
    itemId: id('item_required'),
    /** One lot's movements only; absent: every lot and stock held without one. */
    lotId: id('lot_not_found').optional(),
    /** Days in the program's time zone, both included. */
    from: calendarDate().optional(),
    to: calendarDate().optional(),
    /** The next page: rows before this one (the last row of the page before). */
    before: z
      .object({ at: instant('occurred_at_invalid'), key: z.number().int() })
      .strict()
      .optional(),
    limit: wholeNumber('limit_invalid', 1, 500).optional(),
  })
  .strict()
  .superRefine((input, context) => refuseBackwardsRange(input, context));
export type StockCardInput = z.input<typeof stockCardInput>;

export const stockCardOutput = z.object({
  siteName: z.string(),
  itemName: z.string(),
  unit: z.string(),
  unitsPerPack: z.number().int(),
  /** On hand now (of the lot, when one is asked for). */
  balance: z.number().int(),
  rows: z.array(
    z.object({
      /** Where this row is in the card's order; with `at`, the cursor for the next page. */
      key: z.number().int(),
      at: z.string(),
      localDate: z.string(),
      kind: z.enum(movementKinds),
      /** Undoes an earlier row: an entry corrected or voided, a transfer cancelled. */
      reversal: z.boolean(),
      /**
       * The record the row came from, and what a reader of the card needs to know it by: each
       * field is null for the sources it does not describe.
       */
      source: z.object({
        type: z.enum(movementSources),
        id: z.string().nullable(),
        /** A field entry's kind. */
        entryKind: z.enum(fieldEntryKinds).nullable(),
        /** An adjustment's reason. */
        reason: adjustmentReasonOutput.nullable(),
        /** A transfer's sites. */
        fromSiteName: z.string().nullable(),
        toSiteName: z.string().nullable(),
        /** Who a receipt came from (a supplier, a funder). */
        supplier: z.string().nullable(),
        /** A receipt's or a transfer's reference (a packing slip). */
        reference: z.string().nullable(),
      }),
      lotId: z.string().nullable(),
      lotNumber: z.string().nullable(),
      /** Signed: in or out of the site. */
      units: z.number().int(),
      /** Units a handing out had no record of (a count is due). */
      shortfall: z.number().int(),
      /** On hand just after this row. */
      balance: z.number().int(),
    }),
  ),
  /** Whether older rows are left for another page. */
  more: z.boolean(),
});
export type StockCard = z.infer<typeof stockCardOutput>;

export const inventoryChannels = {
  'inventory.receive': { input: receiveInput, output: receiptOutput, access: write(coordinatorRoles) },
  'inventory.receiveDelivery': {
    input: receiveDeliveryInput,
    output: deliveryOutput,
    access: write(coordinatorRoles),
  },
  'inventory.deliveries': { input: deliveriesInput, output: deliveriesOutput, access: read(everyRole) },
  'inventory.readBarcode': { input: readBarcodeInput, output: readBarcodeOutput, access: read(everyRole) },
  'inventory.onHand': { input: onHandInput, output: onHandOutput, access: read(everyRole) },
  'inventory.lots': { input: lotsInput, output: lotsOutput, access: read(everyRole) },
  'inventory.holdLot': { input: holdLotInput, output: lotsOutput.element, access: write(coordinatorRoles) },
  'inventory.transfer': { input: transferInput, output: transferOutput, access: write(coordinatorRoles) },
  // Confirming what arrived is the receiving site's work, whoever is there.
  'inventory.receiveTransfer': { input: receiveTransferInput, output: transferOutput, access: write(fieldRoles) },
  'inventory.cancelTransfer': { input: cancelTransferInput, output: transferOutput, access: write(coordinatorRoles) },
  'inventory.writeOffTransfer': {
    input: writeOffTransferInput,
    output: transferOutput,
    access: write(coordinatorRoles),
  },
  'inventory.transfers': { input: transfersInput, output: z.array(transferOutput), access: read(everyRole) },
  'inventory.stockCard': { input: stockCardInput, output: stockCardOutput, access: read(everyRole) },
  'inventory.adjust': { input: adjustInput, output: adjustmentOutput, access: write(coordinatorRoles) },
  'inventory.adjustments': { input: adjustmentsInput, output: z.array(adjustmentOutput), access: read(everyRole) },
  'adjustmentReasons.list': {
    input: listRecordsInput,
    output: z.array(adjustmentReasonOutput),
    access: read(everyRole),
  },
  'adjustmentReasons.create': {
    input: createAdjustmentReasonInput,
    output: adjustmentReasonOutput,
    access: write(coordinatorRoles),
  },
  'adjustmentReasons.update': {
    input: updateAdjustmentReasonInput,
    output: adjustmentReasonOutput,
    access: write(coordinatorRoles),
  },
} as const;
