/**
 * The receive form's values (as typed) and the `inventory.receive` input they make, checked with
 * the contract's own schema so the form names the problems the core would, at the same fields.
 */
import type { Item } from '@contract/catalog';
import type { FieldIssue } from '@contract/errors';
import { receiveInput, type ReceiveInput } from '@contract/inventory';
import { checkWith, numberFromText, type Checked } from '../../lib/contractResolver';
import { localToOffsetIso, toLocalInputValue } from '../encounters/encounterForm';

export type QuantityIn = 'packs' | 'units';

export interface ReceiveFormValues {
  siteId: string;
  itemId: string;
  quantityIn: QuantityIn;
  quantity: string;
  lotNumber: string;
  expiresOn: string;
  /** Asked only when the expiry date has passed. */
  expiredConfirmed: boolean;
  source: string;
  /** Local date and time; left as it opened, the core takes the moment of the save. */
  receivedAt: string;
  receivedAtEdited: boolean;
  note: string;
}

/** Not a core code: the form's own question about a lot that has already expired. */
export const expiredUnconfirmed = 'expired_unconfirmed';

export function emptyReceipt(siteId: string, now = new Date()): ReceiveFormValues {
  return {
    siteId,
    itemId: '',
    quantityIn: 'packs',
    quantity: '',
    lotNumber: '',
    expiresOn: '',
    expiredConfirmed: false,
    source: '',
    receivedAt: toLocalInputValue(now),
    receivedAtEdited: false,
    note: '',
  };
}

const formFields: Record<string, keyof ReceiveFormValues> = {
  siteId: 'siteId',
  itemId: 'itemId',
  packs: 'quantity',
  units: 'quantity',
  lotNumber: 'lotNumber',
  expiresOn: 'expiresOn',
  source: 'source',
  receivedAt: 'receivedAt',
  note: 'note',
};

export function receiveFieldOf(field: string | undefined): keyof ReceiveFormValues | null {
  return field === undefined ? null : (formFields[field] ?? null);
}

/** Whether a lot expiring on `expiresOn` has expired by `today` (both YYYY-MM-DD): it may be used on its day. */
export const hasExpired = (expiresOn: string, today: string) => expiresOn !== '' && expiresOn < today;

/**
 * The input a save sends: packs or units as chosen, the lot only for an item tracked by lot, the
 * moment only when someone changed it, empty text left out. `confirmationMissing`: the lot has
 * expired and nobody has said to receive it anyway.
 */
export function checkReceipt(
  values: ReceiveFormValues,
  context: { item: Item | undefined; today: string },
): { checked: Checked<ReceiveInput>; input: ReceiveInput; confirmationMissing: boolean } {
  const tracked = context.item?.tracksLots === true;
  const filled = (value: string) => value.trim() !== '';
  const input = {
    siteId: values.siteId,
    itemId: values.itemId,
    [values.quantityIn]: numberFromText(values.quantity),
    ...(tracked ? { lotNumber: values.lotNumber, expiresOn: filled(values.expiresOn) ? values.expiresOn : null } : {}),
    // The core receives an expired lot only when told so; the form asks first.
    ...(tracked && hasExpired(values.expiresOn, context.today) && values.expiredConfirmed
      ? { expiredConfirmed: true }
      : {}),
    ...(filled(values.source) ? { source: values.source } : {}),
    ...(values.receivedAtEdited ? { receivedAt: localToOffsetIso(values.receivedAt) ?? values.receivedAt } : {}),
    ...(filled(values.note) ? { note: values.note } : {}),
  } as ReceiveInput;
  const checked = checkWith(receiveInput, input);
  // The core asks for both for an item tracked by lot; the schema cannot know which items are.
  const lotIssues: FieldIssue[] = tracked
    ? [
        ...(filled(values.lotNumber)
          ? []
          : [{ code: 'lot_number_required' as const, message: '', field: 'lotNumber' }]),
        ...(filled(values.expiresOn) ? [] : [{ code: 'expiry_required' as const, message: '', field: 'expiresOn' }]),
      ]
    : [];
  const issues = [...(checked.success ? [] : checked.issues), ...lotIssues];
  return {
    checked: issues.length === 0 ? { success: true, data: input } : { success: false, issues },
    input,
    confirmationMissing: tracked && hasExpired(values.expiresOn, context.today) && !values.expiredConfirmed,
  };
}
