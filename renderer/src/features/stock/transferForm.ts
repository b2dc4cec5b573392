/**
 * The send-stock form's values (as typed) and the `inventory.transfer` input they make, checked
 * with the contract's own schema: the same problems at the same fields as a refused save.
 */
import { transferInput, type TransferInput } from '@contract/inventory';
import { checkWith, numberFromText, type Checked } from '../../lib/contractResolver';
import { newFormKey } from '../../lib/formKey';
import type { QuantityIn } from './receiveForm';

/** The lot choice that leaves it to the core: the lots first to expire go first. */
export const firstToExpire = '';

export interface TransferLineValues {
  itemId: string;
  quantityIn: QuantityIn;
  quantity: string;
  lotId: string;
}

export interface TransferFormValues {
  fromSiteId: string;
  toSiteId: string;
  lines: TransferLineValues[];
  reference: string;
  note: string;
  receiveNow: boolean;
  /** The form's own key, new after every save: the same form saved twice sends stock once. */
  formKey: string;
}

export const emptyLine = (): TransferLineValues => ({
  itemId: '',
  quantityIn: 'packs',
  quantity: '',
  lotId: firstToExpire,
});

export function emptyTransfer(fromSiteId: string, toSiteId: string): TransferFormValues {
  return {
    fromSiteId,
    toSiteId,
    lines: [emptyLine()],
    reference: '',
    note: '',
    receiveNow: false,
    formKey: newFormKey(),
  };
}

/** The form field for a field the core names; null for what the form does not show. */
export function transferFieldOf(field: string | undefined): string | null {
  if (field === undefined) return null;
  const line = /^lines\.(\d+)\.(\w+)$/.exec(field);
  if (line) {
    const [, index, name] = line;
    if (name === 'packs' || name === 'units') return `lines.${index}.quantity`;
    if (name === 'itemId' || name === 'lotId') return `lines.${index}.${name}`;
    return null;
  }
  return ['fromSiteId', 'toSiteId', 'reference', 'note'].includes(field) ? field : null;
}

export function checkTransfer(values: TransferFormValues): { checked: Checked<TransferInput>; input: TransferInput } {
  const filled = (value: string) => value.trim() !== '';
  const input = {
    fromSiteId: values.fromSiteId,
    toSiteId: values.toSiteId,
    lines: values.lines.map((line) => ({
      itemId: line.itemId,
      [line.quantityIn]: numberFromText(line.quantity),
      ...(line.lotId === firstToExpire ? {} : { lotId: line.lotId }),
    })),
    ...(filled(values.reference) ? { reference: values.reference } : {}),
    ...(filled(values.note) ? { note: values.note } : {}),
    receiveNow: values.receiveNow,
    formKey: values.formKey,
  } as TransferInput;
  const checked = checkWith(transferInput, input);
  return { checked: checked.success ? { success: true, data: input } : checked, input };
}
