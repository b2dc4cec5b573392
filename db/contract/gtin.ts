/**
 * GTINs, the numbers printed under a package's barcode: GTIN-8 (EAN-8), GTIN-12 (UPC-A), GTIN-13
 * (EAN-13) and GTIN-14 (a case, ITF-14 or GS1-128). Stored padded with zeros to 14 digits, so a
 * scan matches whatever length the label prints. Pure rules both sides use: the settings field
 * checks what is typed as the core will.
 */
import type { ErrorCode } from './errors';

export const gtinLengths = [8, 12, 13, 14] as const;

/**
 * The GS1 check digit of the digits before it: from the right, digits are weighted 3, 1, 3, ...
 * and the check digit brings the sum up to a multiple of 10.
 */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let index = 0; index < body.length; index += 1) {
    const fromRight = body.length - index;
    sum += Number(body[index]) * (fromRight % 2 === 1 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** A GTIN of any length as 14 digits, or why it is not one. Spaces and dashes people type are let go. */
export function normalizeGtin(
  text: string,
  codes: { invalid: ErrorCode; checkDigit: ErrorCode } = { invalid: 'gtin_invalid', checkDigit: 'gtin_check_digit' },
): { gtin: string } | { problem: ErrorCode } {
  const digits = text.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits) || !(gtinLengths as readonly number[]).includes(digits.length)) {
    return { problem: codes.invalid };
  }
  const gtin = digits.padStart(14, '0');
  if (Number(gtin[13]) !== gtinCheckDigit(gtin.slice(0, 13))) return { problem: codes.checkDigit };
  return { gtin };
}
