// The package ships no typings: these cover the one function Outpost calls, as its README
// documents it. It throws a string (not an Error) naming what it could not read.
declare module 'gs1-barcode-parser-mod' {
  export interface ParsedElement {
    ai: string;
    dataTitle: string;
    data: string | number | Date;
    unit: string;
    /** The untouched characters the element was read from. */
    raw: string;
    /** A date element's day as YYYY-MM-DD (the GS1 century window and day 00 applied); '' otherwise. */
    isoDate: string;
  }
  export function parseBarcode(barcode: string): { codeName: string; parsedCodeItems: ParsedElement[] };
}
