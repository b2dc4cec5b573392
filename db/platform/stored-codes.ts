/**
 * Kinds stored as small numbers in the compact tables (0009): a code is the value's position in
 * its vocabulary list, from 1. The lists only ever grow at their end, so a code never changes
 * meaning; CHECK constraints bound each column.
 */
import {
  adjustmentReasons,
  collectionSources,
  fieldEntryKinds,
  movementKinds,
  movementSources,
  transferWriteOffReasons,
} from '../contract/vocabulary';

function codesOf<Value extends string>(values: readonly Value[]) {
  return {
    code(value: Value): number {
      const index = values.indexOf(value);
      if (index < 0) throw new Error(`"${value}" has no stored code.`);
      return index + 1;
    },
    value(code: number): Value {
      const value = values[code - 1];
      if (value === undefined) throw new Error(`Stored code ${code} names nothing.`);
      return value;
    },
  };
}

export const storedCodes = {
  entryKind: codesOf(fieldEntryKinds),
  movementKind: codesOf(movementKinds),
  movementSource: codesOf(movementSources),
  collectionSource: codesOf(collectionSources),
  transferWriteOffReason: codesOf(transferWriteOffReasons),
  adjustmentReason: codesOf(adjustmentReasons),
};
