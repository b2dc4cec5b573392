/**
 * Barcodes as a keyboard-wedge scanner types them into a field: a GS1 element string (GS1-128,
 * DataMatrix, QR) with FNC1 sent as GS (ASCII 29), or with the GS dropped by a scanner set up that
 * way (fixed-length elements such as (01) and (17) still end where they must; a variable one such
 * as the lot (10) then runs to the end), or written in its printed form "(01)...(17)...(10)...",
 * each with or without a leading symbology identifier ("]C1", "]d2", "]Q3"); or a plain EAN/UPC,
 * which carries only its GTIN. The element string itself is read by gs1-barcode-parser-mod (the
 * GS1 table of identifiers, the century window for two-digit years, day 00 as the month's last
 * day); the GTIN's check digit and the expiry's calendar are checked here, since it takes both
 * as they come.
 */
import { parseBarcode, type ParsedElement } from 'gs1-barcode-parser-mod';
import type { Operations } from '../access/operations';
import type { ParsedInput } from '../contract';
import type { BarcodeReading } from '../contract/inventory';
import type { ErrorCode } from '../contract/errors';
import { normalizeGtin } from '../contract/gtin';
import type { ReadableDatabase } from '../platform/database';
import { refuse } from '../platform/records';
import { gtinRow } from '../catalog/gtins';

export interface ScannedPackage {
  /** 14 digits, check digit verified. */
  gtin: string;
  lotNumber: string | null;
  /** YYYY-MM-DD. */
  expiresOn: string | null;
  serial: string | null;
}

const field = 'barcode';

/** Symbology identifiers of the EAN/UPC family (]E0 EAN-13 and UPC-A, ]E4 EAN-8) and ITF (]I0, ]I1). */
const retailSymbology = /^\](E[0-4]|I[01])/;
const bareGtin = /^(\d{8}|\d{12}|\d{13}|\d{14})$/;

function gtinOf(digits: string): string {
  const found = normalizeGtin(digits, { invalid: 'barcode_unreadable', checkDigit: 'barcode_check_digit' });
  return 'gtin' in found ? found.gtin : refuse(found.problem, field);
}

/** What the library's refusal (a string it throws) means for the person scanning. */
function refusalOf(thrown: unknown): ErrorCode {
  const text = String(thrown);
  if (text.startsWith('truncated')) return 'barcode_truncated';
  if (/in date$/.test(text)) return 'barcode_expiry_invalid';
  return 'barcode_unreadable';
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * An expiry (17) as the calendar day it names. The library rolls a month 13 or a 31 February
 * over into the next month; such a label is misprinted or misread, never meant.
 */
function expiryOf(element: ParsedElement): string {
  const month = Number(element.raw.slice(2, 4));
  const day = Number(element.raw.slice(4, 6));
  const year = Number(element.isoDate.slice(0, 4));
  if (!/^\d{6}$/.test(element.raw) || month < 1 || month > 12 || day > daysInMonth(year, month)) {
    return refuse('barcode_expiry_invalid', field);
  }
  return element.isoDate;
}

const textOf = (element: ParsedElement | undefined) =>
  element === undefined || String(element.data).trim() === '' ? null : String(element.data).trim();

/** The package a scan names, with its lot, expiry and serial when it carries them. */
export function readScan(scanned: string): ScannedPackage {
  // A scanner ends with Enter (or Tab); the GS separating elements is not white space and stays.
  const text = scanned.trim();
  if (text === '') return refuse('barcode_required', field);
  const retail = text.replace(retailSymbology, '');
  if (bareGtin.test(retail)) return { gtin: gtinOf(retail), lotNumber: null, expiresOn: null, serial: null };
  let elements: ParsedElement[];
  try {
    elements = parseBarcode(text).parsedCodeItems;
  } catch (thrown) {
    return refuse(refusalOf(thrown), field);
  }
  const element = (ai: string) => elements.find((candidate) => candidate.ai === ai);
  const gtin = element('01');
  if (gtin === undefined) return refuse(elements.length === 0 ? 'barcode_unreadable' : 'barcode_no_gtin', field);
  const expiry = element('17');
  return {
    gtin: gtinOf(gtin.raw),
    lotNumber: textOf(element('10')),
    expiresOn: expiry === undefined ? null : expiryOf(expiry),
    serial: textOf(element('21')),
  };
}

/** A scan, and the item whose active GTIN it is (null when no item has it yet). */
function readBarcode({ db }: { db: ReadableDatabase }, input: ParsedInput<'inventory.readBarcode'>): BarcodeReading {
  const scanned = readScan(input.barcode);
  const row = gtinRow(db, scanned.gtin);
  if (row === undefined) return { ...scanned, item: null };
  if (row.active !== 1) return refuse('gtin_inactive', field);
  const item = db
    .statement('SELECT id, name, unit, tracks_lots, active FROM items WHERE key = ?')
    .get(row.item_key) as { id: string; name: string; unit: string; tracks_lots: number; active: number };
  if (item.active !== 1) return refuse('item_inactive', field);
  return {
    ...scanned,
    item: {
      itemId: item.id,
      itemName: item.name,
      unit: item.unit,
      tracksLots: item.tracks_lots === 1,
      gtinId: row.id,
      unitsPerPack: row.units_per_pack,
      label: row.label,
    },
  };
}

export const barcodeOperations: Operations<'inventory.readBarcode'> = {
  'inventory.readBarcode': readBarcode,
};
