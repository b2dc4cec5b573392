/**
 * Reading what a keyboard-wedge scanner types: each form a GS1 barcode arrives in, plain EAN/UPC
 * codes, the expiry's day 00 and century, and every way a scan can be wrong; then the channel,
 * which names the item whose GTIN it is.
 */
import { describe, expect, it } from 'vitest';
import { readScan } from '../../../db/inventory/barcodes';
import { openFieldCore, perform, read } from '../../support/core';
import { expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';

const GS = '\u001d';
/** A naloxone case: GTIN-13 4006381333931, stored as 14 digits. */
const caseGtin = '04006381333931';

describe('reading a scan', () => {
  const expected = { gtin: caseGtin, lotNumber: 'NX-7781', expiresOn: '2028-01-31', serial: null };

  it('reads a GS1 DataMatrix with GS separators and its symbology identifier, serial included', () => {
    expect(readScan(`]d201${caseGtin}17280131${'10NX-7781'}${GS}21SER-0042`)).toEqual({
      ...expected,
      serial: 'SER-0042',
    });
  });

  it('reads a scan whose GS was dropped: fixed-length elements end where they must, the lot runs to the end', () => {
    expect(readScan(`01${caseGtin}1728013110NX-7781`)).toEqual(expected);
    // The same with a GS1-128 and a QR identifier, and the Enter a scanner ends with.
    expect(readScan(`]C101${caseGtin}1728013110NX-7781\r\n`)).toEqual(expected);
    expect(readScan(`]Q301${caseGtin}1728013110NX-7781`)).toEqual(expected);
  });

  it('reads the printed form with parentheses', () => {
    expect(readScan(`(01)${caseGtin}(17)280131(10)NX-7781`)).toEqual(expected);
  });

  it('reads a plain EAN-13, UPC-A, EAN-8 and GTIN-14, padded to 14 digits, with or without an identifier', () => {
    const plain = (gtin: string) => ({ gtin, lotNumber: null, expiresOn: null, serial: null });
    expect(readScan('4006381333931')).toEqual(plain(caseGtin));
    expect(readScan(']E04006381333931')).toEqual(plain(caseGtin));
    expect(readScan('614141000012')).toEqual(plain('00614141000012'));
    expect(readScan('59012344')).toEqual(plain('00000059012344'));
    expect(readScan('10614141000019')).toEqual(plain('10614141000019'));
  });

  it("takes an expiry's day 00 as the month's last day, February of a leap year included", () => {
    const expiry = (yymmdd: string) => readScan(`01${caseGtin}17${yymmdd}`).expiresOn;
    expect(expiry('281100')).toBe('2028-11-30');
    expect(expiry('280200')).toBe('2028-02-29');
    expect(expiry('270200')).toBe('2027-02-28');
    expect(expiry('271200')).toBe('2027-12-31');
  });

  it("places a two-digit year in the century GS1's window gives it, from this year", () => {
    const year = new Date().getFullYear();
    const yy = (offset: number) => String((year + offset) % 100).padStart(2, '0');
    expect(readScan(`01${caseGtin}17${yy(10)}0615`).expiresOn).toBe(`${year + 10}-06-15`);
    // More than 50 years ahead by its digits is a date of the last century.
    expect(readScan(`01${caseGtin}17${yy(60)}0615`).expiresOn).toBe(`${year - 40}-06-15`);
  });

  it('refuses a GTIN whose check digit is wrong, in a GS1 barcode and alone', () => {
    expectRefused(() => readScan(`01040063813339321728013110NX-7781`), 'barcode_check_digit', 'barcode');
    expectRefused(() => readScan('4006381333932'), 'barcode_check_digit', 'barcode');
  });

  it('refuses a scan cut short, inside the GTIN or inside the expiry', () => {
    // Fourteen digits alone would be a GTIN-14: fifteen are a GTIN cut short.
    expectRefused(() => readScan('010400638133393'), 'barcode_truncated', 'barcode');
    expectRefused(() => readScan(`01${caseGtin}1728013`), 'barcode_truncated', 'barcode');
  });

  it('refuses an expiry that is no calendar day, which the parser alone would roll over', () => {
    expectRefused(() => readScan(`01${caseGtin}17281301`), 'barcode_expiry_invalid', 'barcode');
    expectRefused(() => readScan(`01${caseGtin}17270230`), 'barcode_expiry_invalid', 'barcode');
  });

  it('refuses a barcode without a GTIN, text that is no barcode, and an empty scan', () => {
    expectRefused(() => readScan('10NX-7781'), 'barcode_no_gtin', 'barcode');
    expectRefused(() => readScan('hello'), 'barcode_unreadable', 'barcode');
    // Eleven digits are no GTIN: read as GS1, they are an order number (400), which names no item.
    expectRefused(() => readScan('40063813339'), 'barcode_no_gtin', 'barcode');
    expectRefused(() => readScan(' \r\n'), 'barcode_required', 'barcode');
  });
});

describe('inventory.readBarcode', () => {
  it("names the item whose active GTIN it is, with that package's units; any role may scan", async () => {
    const { db, writer, item } = await openFieldCore();
    const naloxone = item('Naloxone nasal 4 mg (box of 2)');
    const added = perform(db, writer, 'items.addGtin', {
      itemId: naloxone.id,
      gtin: '4006381333931',
      unitsPerPack: 24,
      label: 'Case of 12',
    });
    const viewer = staffWithRole(db, writer, 'viewer');
    expect(perform(db, viewer, 'inventory.readBarcode', { barcode: `]d201${caseGtin}1728013110NX-7781` })).toEqual({
      gtin: caseGtin,
      lotNumber: 'NX-7781',
      expiresOn: '2028-01-31',
      serial: null,
      item: {
        itemId: naloxone.id,
        itemName: naloxone.name,
        unit: naloxone.unit,
        tracksLots: true,
        gtinId: added.id,
        unitsPerPack: 24,
        label: 'Case of 12',
      },
    });
  });

  it('answers a GTIN no item has with what the scan read, and refuses a retired one', async () => {
    const { db, writer, item } = await openFieldCore();
    expect(read(db, 'inventory.readBarcode', { barcode: `01${caseGtin}10NX-1` })).toEqual({
      gtin: caseGtin,
      lotNumber: 'NX-1',
      expiresOn: null,
      serial: null,
      item: null,
    });
    const added = perform(db, writer, 'items.addGtin', {
      itemId: item('Naloxone nasal 4 mg (box of 2)').id,
      gtin: caseGtin,
      unitsPerPack: 24,
    });
    perform(db, writer, 'items.updateGtin', { id: added.id, active: false });
    expectRefused(() => read(db, 'inventory.readBarcode', { barcode: caseGtin }), 'gtin_inactive', 'barcode');
  });
});
