/**
 * The adjust-stock form's values (as typed) and the `inventory.adjust` input they make. The
 * contract's own schema checks the input; the form also checks ahead what the core would refuse
 * with the figures on screen (a direction for a reason that goes either way, a lot for units added
 * to an item tracked by lot, no more taken off than the site or the lot holds), at the same fields.
 */
import type { Item } from '@contract/catalog';
import type { FieldIssue } from '@contract/errors';
import { adjustInput, type AdjustInput, type AdjustmentReasonRecord, type OnHand } from '@contract/inventory';
import { checkWith, numberFromText, type Checked } from '../../lib/contractResolver';
import { newFormKey } from '../../lib/formKey';
import type { QuantityIn } from './receiveForm';

/** The lot choice that leaves it to the core: stock is taken from the lots first to expire. */
export const firstToExpire = '';

/** Which way a line moves stock, asked only when the reason goes either way. */
export type LineDirection = '' | 'add' | 'remove';

export interface AdjustLineValues {
  itemId: string;
  lotId: string;
  direction: LineDirection;
  quantityIn: QuantityIn;
  quantity: string;
}

export interface AdjustFormValues {
  siteId: string;
  reason: string;
  lines: AdjustLineValues[];
  note: string;
  /** The form's own key, new after every save: the same form saved twice adjusts the stock once. */
  formKey: string;
}

export const emptyAdjustLine = (): AdjustLineValues => ({
  itemId: '',
  lotId: firstToExpire,
  direction: '',
  quantityIn: 'units',
  quantity: '',
});

export function emptyAdjustment(siteId: string): AdjustFormValues {
  return { siteId, reason: '', lines: [emptyAdjustLine()], note: '', formKey: newFormKey() };
}

/** What the form knows to check a line against: the catalog, the reasons, and the site's stock by item. */
export interface AdjustContext {
  items: readonly Item[];
  reasons: readonly AdjustmentReasonRecord[];
  stock: ReadonlyMap<string, OnHand[number]>;
}

/** The way a line goes: the reason's own, or the one picked for a reason that goes either way. */
export function lineDirection(reason: AdjustmentReasonRecord | undefined, line: AdjustLineValues): LineDirection {
  if (!reason) return '';
  return reason.direction === 'either' ? line.direction : reason.direction;
}

/** The units a line names: as typed, or its packs times the item's units per pack; NaN when not a whole number. */
export function lineUnits(line: AdjustLineValues, item: Item | undefined): number {
  const typed = numberFromText(line.quantity);
  if (line.quantityIn === 'units') return typed;
  if (!Number.isInteger(typed) || typed < 1 || typed > 100_000) return Number.NaN;
  return typed * (item?.unitsPerPack ?? 1);
}

/** The form field for a field the core names; null for what the form does not show. */
export function adjustFieldOf(field: string | undefined): string | null {
  if (field === undefined) return null;
  const line = /^lines\.(\d+)\.(\w+)$/.exec(field);
  if (line) {
    const [, index, name] = line;
    if (name === 'units') return `lines.${index}.quantity`;
    if (name === 'itemId' || name === 'lotId' || name === 'direction') return `lines.${index}.${name}`;
    return null;
  }
  return ['siteId', 'reason', 'note'].includes(field) ? field : null;
}

function aheadOfTheCore(values: AdjustFormValues, context: AdjustContext): FieldIssue[] {
  const reason = context.reasons.find((candidate) => candidate.id === values.reason);
  const issues: FieldIssue[] = [];
  const at = (index: number, name: string, code: FieldIssue['code']) =>
    issues.push({ code, message: code, field: `lines.${index}.${name}` });
  values.lines.forEach((line, index) => {
    const item = context.items.find((candidate) => candidate.id === line.itemId);
    if (!reason || !item) return;
    const direction = lineDirection(reason, line);
    if (direction === '') {
      at(index, 'direction', 'adjustment_direction_required');
      return;
    }
    const held = context.stock.get(item.id);
    const lot = held?.lots.find((candidate) => candidate.lotId === line.lotId);
    if (direction === 'add' && item.tracksLots && line.lotId === firstToExpire)
      at(index, 'lotId', 'adjustment_lot_required');
    if (direction === 'add' && lot?.onHold) at(index, 'lotId', 'lot_on_hold');
    const units = lineUnits(line, item);
    if (direction !== 'remove' || !Number.isInteger(units)) return;
    if (line.lotId !== firstToExpire && units > (lot?.units ?? 0)) at(index, 'units', 'lot_units_exceeded');
    else if (line.lotId === firstToExpire && units > (held?.units ?? 0)) at(index, 'units', 'adjustment_exceeds_stock');
  });
  return issues;
}

export function checkAdjustment(
  values: AdjustFormValues,
  context: AdjustContext,
): { checked: Checked<AdjustInput>; input: AdjustInput } {
  const reason = context.reasons.find((candidate) => candidate.id === values.reason);
  const input = {
    siteId: values.siteId,
    reason: values.reason,
    lines: values.lines.map((line) => {
      const direction = reason?.direction === 'either' && line.direction !== '' ? { direction: line.direction } : {};
      return {
        itemId: line.itemId,
        units: lineUnits(
          line,
          context.items.find((item) => item.id === line.itemId),
        ),
        ...direction,
        ...(line.lotId === firstToExpire ? {} : { lotId: line.lotId }),
      };
    }),
    ...(values.note.trim() === '' ? {} : { note: values.note }),
    formKey: values.formKey,
  } as AdjustInput;
  const checked = checkWith(adjustInput, input);
  // Packs typed wrong read as packs, not as the units they would have made.
  const issues = (checked.success ? [] : checked.issues).map((issue) => {
    const line = /^lines\.(\d+)\.units$/.exec(issue.field ?? '');
    const typedIn = line ? values.lines[Number(line[1])]?.quantityIn : undefined;
    return typedIn === 'packs' ? { ...issue, code: 'packs_invalid' as const, message: 'packs_invalid' } : issue;
  });
  const ahead = aheadOfTheCore(values, context).filter(
    (issue) => !issues.some((earlier) => earlier.field === issue.field),
  );
  const all = [...issues, ...ahead];
  return { checked: all.length === 0 ? { success: true, data: input } : { success: false, issues: all }, input };
}
