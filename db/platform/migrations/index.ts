/**
 * Every migration, imported statically so bundles ship them (a folder scan would find nothing
 * inside an Electron bundle). Names sort in the order they run; never rename or edit a released one.
 */
import type { Migration } from 'kysely/migration';
import * as coreModel from './0001_core_model';
import * as presets from './0002_presets';
import * as entryListOrder from './0003_entry_list_order';
import * as voidKinds from './0004_void_kinds';
import * as listPaths from './0005_list_paths';
import * as codeVariants from './0006_code_variants';
import * as monthlyFigures from './0007_monthly_figures';
import * as visitsByTime from './0008_visits_by_time';
import * as compactFile from './0009_compact_file';
import * as formKeys from './0010_form_keys';
import * as collections from './0011_collections';
import * as naloxoneKits from './0012_naloxone_kits';
import * as stockRoom from './0013_stock_room';
import * as countsAndBarcodes from './0014_counts_and_barcodes';

export const migrations: Record<string, Migration> = {
  '0001_core_model': coreModel,
  '0002_presets': presets,
  '0003_entry_list_order': entryListOrder,
  '0004_void_kinds': voidKinds,
  '0005_list_paths': listPaths,
  '0006_code_variants': codeVariants,
  '0007_monthly_figures': monthlyFigures,
  '0008_visits_by_time': visitsByTime,
  '0009_compact_file': compactFile,
  '0010_form_keys': formKeys,
  '0011_collections': collections,
  '0012_naloxone_kits': naloxoneKits,
  '0013_stock_room': stockRoom,
  '0014_counts_and_barcodes': countsAndBarcodes,
};

export const latestSchemaVersion = Object.keys(migrations).length;
