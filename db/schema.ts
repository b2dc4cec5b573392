/**
 * Table types for Kysely: one interface per table, named after it. Column names are snake_case
 * as stored; domain functions map rows to the camelCase shapes the contract returns.
 */
import type { Insertable, Selectable } from 'kysely';

export const siteTypes = ['fixed', 'drop_in', 'mobile_van', 'street_outreach', 'satellite', 'mail_delivery'] as const;
export type SiteType = (typeof siteTypes)[number];

export const itemCategories = [
  'syringe',
  'naloxone',
  'smoking',
  'safer_sex',
  'fentanyl_test_strip',
  'xylazine_test_strip',
  'wound_care',
  'hygiene',
  'sharps_container',
  'other',
] as const;
export type ItemCategory = (typeof itemCategories)[number];

export const staffRoles = ['admin', 'coordinator', 'outreach_worker', 'viewer'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** SQLite STRICT tables have no boolean type: flags are 0 or 1. */
export type Flag = 0 | 1;

export interface DeviceTable {
  id: string;
  created_at: string;
}

export interface StaffTable {
  id: string;
  display_name: string;
  role: StaffRole;
  active: Flag;
  origin_device_id: string;
  created_at: string;
  updated_at: string;
}

export interface SitesTable {
  id: string;
  name: string;
  site_type: SiteType;
  active: Flag;
  origin_device_id: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ItemsTable {
  id: string;
  name: string;
  category: ItemCategory;
  unit: string;
  active: Flag;
  origin_device_id: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface EncountersTable {
  id: string;
  site_id: string;
  occurred_at: string;
  participant_code: string | null;
  origin_device_id: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface EncounterLinesTable {
  id: string;
  encounter_id: string;
  item_id: string;
  quantity: number;
  origin_device_id: string;
  created_by: string;
  created_at: string;
}

export interface Database {
  device: DeviceTable;
  staff: StaffTable;
  sites: SitesTable;
  items: ItemsTable;
  encounters: EncountersTable;
  encounter_lines: EncounterLinesTable;
}

export type StaffRow = Selectable<StaffTable>;
export type SiteRow = Selectable<SitesTable>;
export type ItemRow = Selectable<ItemsTable>;
export type EncounterRow = Selectable<EncountersTable>;
export type NewEncounter = Insertable<EncountersTable>;
export type NewEncounterLine = Insertable<EncounterLinesTable>;
