/**
 * The collection form's values (text, as typed) and what the contract takes from them, checked
 * with the contract's own schemas so the form names the same problems at the same fields a
 * refused save would.
 */
import { correctCollectionInput, logCollectionInput, type Collection } from '@contract/collections';
import type { CollectionSource } from '@contract/vocabulary';
import { checkWith, numberFromText } from '../../lib/contractResolver';
import { localDateOf } from '../../lib/calendar';
import { newFormKey } from '../../lib/formKey';

export interface CollectionFormValues {
  siteId: string;
  collectedOn: string;
  source: CollectionSource;
  counted: string;
  containers: string;
  pounds: string;
  note: string;
  /** A correction's reason; unused when logging. */
  reason: string;
  /** The form's own key, new after every save: the same form saved twice is logged once. */
  formKey: string;
}

/** The form's own fields, by the names the core gives them. */
const formFields: Record<string, keyof CollectionFormValues> = {
  siteId: 'siteId',
  collectedOn: 'collectedOn',
  source: 'source',
  'collected.counted': 'counted',
  'collected.containers': 'containers',
  'collected.pounds': 'pounds',
  note: 'note',
  reason: 'reason',
};

export function formFieldOf(field: string | undefined): keyof CollectionFormValues | null {
  return field === undefined ? null : (formFields[field] ?? null);
}

/** Today on the program's calendar: the core refuses a day after it, whatever this computer's zone. */
export function today(timeZone: string, now = new Date()): string {
  return localDateOf(now, timeZone);
}

export function emptyCollection(siteId: string, day: string): CollectionFormValues {
  return {
    siteId,
    collectedOn: day,
    source: 'kiosk',
    counted: '',
    containers: '',
    pounds: '',
    note: '',
    reason: '',
    formKey: newFormKey(),
  };
}

/** A collection's values in the form, to correct it. */
export function valuesOf(collection: Collection): CollectionFormValues {
  const shown = (value: number) => (value === 0 ? '' : String(value));
  return {
    siteId: collection.siteId,
    collectedOn: collection.collectedOn,
    source: collection.source,
    counted: shown(collection.collected.counted),
    containers: shown(collection.collected.containers),
    pounds: shown(collection.collected.pounds),
    note: collection.note ?? '',
    reason: '',
    formKey: '',
  };
}

/** A number typed, or nothing when the field is left blank. */
const optionalNumber = (text: string) => (text.trim() === '' ? undefined : numberFromText(text));

/** A number typed, for the estimate shown as it is typed: 0 for anything that is not a number yet. */
export const readNumber = (text: string) => {
  const value = optionalNumber(text);
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : 0;
};

function sharedInput(values: CollectionFormValues) {
  const collected = {
    counted: optionalNumber(values.counted),
    containers: optionalNumber(values.containers),
    pounds: optionalNumber(values.pounds),
  };
  return {
    siteId: values.siteId,
    collectedOn: values.collectedOn,
    source: values.source,
    collected: Object.fromEntries(Object.entries(collected).filter(([, value]) => value !== undefined)),
    note: values.note.trim() === '' ? null : values.note,
  };
}

export function checkLog(values: CollectionFormValues) {
  return checkWith(logCollectionInput, { ...sharedInput(values), formKey: values.formKey });
}

export function checkCorrection(values: CollectionFormValues, collection: Collection) {
  return checkWith(correctCollectionInput, {
    ...sharedInput(values),
    id: collection.id,
    expectedRevision: collection.revision,
    reason: values.reason,
  });
}
