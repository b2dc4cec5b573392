/**
 * Every core channel's operation, gathered from the domains, and every record rule's check. The
 * mapped types make tsc fail when a channel in the contract has no operation, when an operation
 * is of the wrong lane, or when a record rule named in the contract has no check.
 */
import type { Operations } from '../access/operations';
import type { RecordRuleChecks } from '../access/authorize';
import { gtinOperations } from '../catalog/gtins';
import { itemOperations } from '../catalog/items';
import { kitOperations } from '../catalog/kits';
import { serviceTypeOperations } from '../catalog/service-types';
import { siteOperations } from '../catalog/sites';
import { collectionOperations, isOwnRecentCollection } from '../collections/collections';
import type { OperationChannelName } from '../contract';
import { refileOperations } from '../field-entries/refile';
import { fieldEntryOperations, isOwnRecentEntry } from '../field-entries/save';
import { barcodeOperations } from '../inventory/barcodes';
import { receiptOperations } from '../inventory/receipts';
import { stockOperations } from '../inventory/stock';
import { transferOperations } from '../inventory/transfers';
import { adjustmentOperations } from '../inventory/adjustments';
import { countOperations } from '../inventory/counts';
import { stockCardOperations } from '../inventory/stock-card';
import { duplicateOperations } from '../participants/duplicates';
import { mergeOperations } from '../participants/merges';
import { participantOperations } from '../participants/participants';
import { searchOperations } from '../participants/search';
import { presetOperations } from '../presets/presets';
import { settingsOperations } from '../settings/settings';
import { staffOperations } from '../staff/staff';
import { setupOperations } from '../system/setup';
import { systemOperations } from '../system/system';

export const operations: Operations<OperationChannelName> = {
  ...systemOperations,
  ...setupOperations,
  ...settingsOperations,
  ...refileOperations,
  ...staffOperations,
  ...siteOperations,
  ...itemOperations,
  ...gtinOperations,
  ...kitOperations,
  ...serviceTypeOperations,
  ...participantOperations,
  ...searchOperations,
  ...mergeOperations,
  ...duplicateOperations,
  ...fieldEntryOperations,
  ...presetOperations,
  ...receiptOperations,
  ...barcodeOperations,
  ...transferOperations,
  ...adjustmentOperations,
  ...countOperations,
  ...stockCardOperations,
  ...stockOperations,
  ...collectionOperations,
};

export const recordRuleChecks: RecordRuleChecks = {
  ownRecentEntry: isOwnRecentEntry,
  ownRecentCollection: isOwnRecentCollection,
};
