/**
 * The receive form's values (as typed) and the `inventory.receiveDelivery` input they make,
 * checked with the contract's own schema so the form names the problems the core would, at the
 * same fields. Each line is one item; a line filled from a scan carries the package's GTIN and
 * its units per pack, which count its packs instead of the item's own.
 */
import type { Item } from '@contract/catalog';
import type { FieldIssue } from '@contract/errors';
import { receiveDeliveryInput, type BarcodeReading, type ReceiveDeliveryInput } from '@contract/inventory';
import { checkWith, numberFromText, type Checked } from '../../lib/contractResolver';
import { newFormKey } from '../../lib/formKey';
import { localToOffsetIso, toLocalInputValue } from '../encounters/encounterForm';

export type QuantityIn = 'packs' | 'units';

/** The package a scan named, kept with its line so the units it makes show and the core can check it. */
export interface ScannedPackage {
  gtin: string;
  unitsPerPack: number;
  label: string | null;
}

export interface ReceiveLineValues {
  itemId: string;
  quantityIn: QuantityIn;
  quantity: string;
  lotNumber: string;
  expiresOn: string;
  /** Asked only when the expiry date has passed. */
  expiredConfirmed: boolean;
  /** Null when the line was filled by hand (or the scanned GTIN is on no item yet). */
  scanned: ScannedPackage | null;
  /** A GTIN scanned that no item has: offered to be saved once the item is chosen. */
  unknownGtin: string | null;
}

export interface ReceiveFormValues {
  siteId: string;
  lines: ReceiveLineValues[];
  source: string;
  reference: string;
  /** Local date and time; left as it opened, the core takes the moment of the save. */
  receivedAt: string;
  receivedAtEdited: boolean;
  note: string;
  /** The form's own key, new after every save: the same form saved twice receives the stock once. */
  formKey: string;
}

/** Not a core code: the form's own question about a lot that has already expired. */
export const expiredUnconfirmed = 'expired_unconfirmed';

export const emptyLine = (): ReceiveLineValues => ({
  itemId: '',
  quantityIn: 'packs',
  quantity: '',
  lotNumber: '',
  expiresOn: '',
  expiredConfirmed: false,
  scanned: null,
  unknownGtin: null,
});

export function emptyReceipt(siteId: string, now = new Date()): ReceiveFormValues {
  return {
    siteId,
    lines: [emptyLine()],
    source: '',
    reference: '',
    receivedAt: toLocalInputValue(now),
    receivedAtEdited: false,
    note: '',
    formKey: newFormKey(),
  };
}

/** A line filled from a scan: one pack of the package, its lot and expiry, or the GTIN no item has yet. */
export function lineFromScan(reading: BarcodeReading): ReceiveLineValues {
  return {
    ...emptyLine(),
    itemId: reading.item?.itemId ?? '',
    quantity: '1',
    lotNumber: reading.lotNumber ?? '',
    expiresOn: reading.expiresOn ?? '',
    scanned: reading.item
      ? { gtin: reading.gtin, unitsPerPack: reading.item.unitsPerPack, label: reading.item.label }
      : null,
    unknownGtin: reading.item ? null : reading.gtin,
  };
}

/** Where the empty first line of a new form is the one a scan fills; otherwise a scan adds a line. */
export const isUntouched = (line: ReceiveLineValues) =>
  line.itemId === '' && line.quantity.trim() === '' && line.lotNumber.trim() === '' && line.expiresOn === '';

const headerFields = ['siteId', 'source', 'reference', 'receivedAt', 'note'];

/** The form field for a field the core names; null for what the form does not show. */
export function receiveFieldOf(field: string | undefined): string | null {
  if (field === undefined) return null;
  const line = /^lines\.(\d+)\.(\w+)$/.exec(field);
  if (line) {
    const [, index, name] = line;
    if (name === 'packs' || name === 'units') return `lines.${index}.quantity`;
    // A scanned GTIN is not typed on the line: its refusal shows at the item it was read for.
    if (name === 'gtin') return `lines.${index}.itemId`;
    if (name === 'itemId' || name === 'lotNumber' || name === 'expiresOn') return `lines.${index}.${name}`;
    return null;
  }
  return headerFields.includes(field) ? field : null;
}

/** Whether a lot expiring on `expiresOn` has expired by `today` (both YYYY-MM-DD): it may be used on its day. */
export const hasExpired = (expiresOn: string, today: string) => expiresOn !== '' && expiresOn < today;

/** The units one pack of the line holds: the scanned package's, or the item's own pack. */
export const unitsPerPackOf = (line: ReceiveLineValues, item: Item | undefined) =>
  line.scanned?.unitsPerPack ?? item?.unitsPerPack ?? 1;

/**
 * The input a save sends: packs or units as chosen, the lot only for an item tracked by lot, the
 * scanned GTIN when the line came from one, the moment only when someone changed it, empty text
 * left out. `unconfirmed`: the lines whose lot has expired with nobody saying to receive it anyway.
 */
export function checkReceipt(
  values: ReceiveFormValues,
  context: { itemOf: (id: string) => Item | undefined; today: string },
): { checked: Checked<ReceiveDeliveryInput>; input: ReceiveDeliveryInput; unconfirmed: number[] } {
  const filled = (value: string) => value.trim() !== '';
  const tracked = (line: ReceiveLineValues) => context.itemOf(line.itemId)?.tracksLots === true;
  const expired = (line: ReceiveLineValues) => tracked(line) && hasExpired(line.expiresOn, context.today);
  const input = {
    siteId: values.siteId,
    lines: values.lines.map((line) => ({
      itemId: line.itemId,
      [line.quantityIn]: numberFromText(line.quantity),
      ...(line.scanned ? { gtin: line.scanned.gtin } : {}),
      ...(tracked(line)
        ? { lotNumber: line.lotNumber, expiresOn: filled(line.expiresOn) ? line.expiresOn : null }
        : {}),
      // The core receives an expired lot only when told so; the form asks first.
      ...(expired(line) && line.expiredConfirmed ? { expiredConfirmed: true } : {}),
    })),
    ...(filled(values.source) ? { source: values.source } : {}),
    ...(filled(values.reference) ? { reference: values.reference } : {}),
    ...(values.receivedAtEdited ? { receivedAt: localToOffsetIso(values.receivedAt) ?? values.receivedAt } : {}),
    ...(filled(values.note) ? { note: values.note } : {}),
    formKey: values.formKey,
  } as ReceiveDeliveryInput;
  const checked = checkWith(receiveDeliveryInput, input);
  // The core asks for both for an item tracked by lot; the schema cannot know which items are.
  const lotIssues: FieldIssue[] = values.lines.flatMap((line, index) =>
    tracked(line)
      ? [
          ...(filled(line.lotNumber)
            ? []
            : [{ code: 'lot_number_required' as const, message: '', field: `lines.${index}.lotNumber` }]),
          ...(filled(line.expiresOn)
            ? []
            : [{ code: 'expiry_required' as const, message: '', field: `lines.${index}.expiresOn` }]),
        ]
      : [],
  );
  const issues = [...(checked.success ? [] : checked.issues), ...lotIssues];
  return {
    checked: issues.length === 0 ? { success: true, data: input } : { success: false, issues },
    input,
    unconfirmed: values.lines.flatMap((line, index) => (expired(line) && !line.expiredConfirmed ? [index] : [])),
  };
}
