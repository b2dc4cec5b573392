/**
 * Table types for Kysely: one interface per table, named after it (see migrations/ for the
 * constraints). Column names are snake_case as stored; domain functions map rows to the camelCase
 * shapes the contract returns.
 */
import type { Generated, Selectable } from 'kysely';
import type {
  SiteType,
  ItemCategory,
  NaloxoneForm,
  StaffRole,
  ParticipantCodeFormula,
  Language,
  ServiceKind,
  FieldEntryKind,
  ContactType,
  ReversalOutcome,
  UnmetReason,
  MovementKind,
  MovementSource,
  VoidKind,
} from '../contract/vocabulary';
import type { AuditAction, AuditEntity } from '../contract/audit';

/** SQLite STRICT tables have no boolean type: flags are 0 or 1. */
export type Flag = 0 | 1;

/** Columns every record carries, for sync: who made it, on which device, when. */
interface Created {
  origin_device_id: string;
  created_by: string;
  created_at: string;
}
interface CreatedAndUpdated extends Created {
  updated_at: string;
}

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
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProgramSettingsTable {
  id: 'program';
  program_name: string;
  time_zone: string;
  participant_code_formula: ParticipantCodeFormula;
  syringes_per_container: number;
  syringes_per_pound: number;
  expiry_warning_days: number;
  small_cell_threshold: number;
  stock_start_date: string;
  default_language: Language;
  updated_by: string;
  updated_at: string;
}

export interface SitesTable extends CreatedAndUpdated {
  id: string;
  name: string;
  site_type: SiteType;
  active: Flag;
}

export interface ItemsTable extends CreatedAndUpdated {
  id: string;
  name: string;
  sku: string | null;
  category: ItemCategory;
  unit: string;
  units_per_pack: number;
  naloxone_form: NaloxoneForm | null;
  doses_per_unit: number | null;
  tracks_lots: Flag;
  is_kit: Flag;
  is_common: Flag;
  active: Flag;
}

export interface KitVersionsTable extends Created {
  id: string;
  kit_item_id: string;
  version: number;
}

export interface KitComponentsTable {
  kit_version_id: string;
  component_item_id: string;
  units: number;
}

export interface LotsTable extends Created {
  id: string;
  item_id: string;
  lot_number: string;
  expires_on: string | null;
  kit_version_id: string | null;
}

export interface ServiceTypesTable extends CreatedAndUpdated {
  id: string;
  name: string;
  kind: ServiceKind;
  sort_order: number;
  active: Flag;
}

export interface ParticipantsTable extends CreatedAndUpdated {
  id: string;
  code: string;
  formula: ParticipantCodeFormula;
  merged_into_id: string | null;
  canonical_id: string;
  first_seen_on: string | null;
  first_seen_site_id: string | null;
}

export interface ParticipantMergesTable extends Created {
  id: string;
  kind: 'merge' | 'unmerge';
  from_participant_id: string;
  into_participant_id: string;
  undoes_merge_id: string | null;
  reason: string;
}

export interface FieldEntriesTable extends CreatedAndUpdated {
  id: string;
  kind: FieldEntryKind;
  status: 'active' | 'voided';
  current_revision: number;
  /** The current revision's instant, site and day: a copy the lists page by (0005). */
  current_occurred_at: string;
  current_site_id: string;
  current_local_date: string;
}

/** A daily rollup's monthly twin (0007): the same sums, keyed by month (2026-03) instead of day. */
export type MonthlyOf<Daily extends { local_date: string }> = Omit<Daily, 'local_date'> & { month: string };

/** Distinct participants per month, quarter and year, per site and for all sites (site ''). */
export interface PeriodParticipantsTable {
  period: string;
  site_id: string;
  participants: number;
}

/** Each code under every string one or two deletions away from it: the near-match index (0006). */
export interface ParticipantCodeVariantsTable {
  variant: string;
  code: string;
}

/** Which items each entry's current revision holds, in list order: the item filter's index. */
export interface FieldEntryItemTimesTable {
  item_id: string;
  kind: FieldEntryKind;
  occurred_at: string;
  entry_id: string;
}

export interface FieldEntryRevisionsTable extends Created {
  id: string;
  entry_id: string;
  revision: number;
  /** The revision this one corrects (0007): null for an entry's first. */
  replaces_revision_id: string | null;
  site_id: string;
  occurred_at: string;
  local_date: string;
  contact_type: ContactType | null;
  participant_id: string | null;
  contacts: number;
  on_behalf_of: number;
  collected_counted: number;
  collected_containers: number;
  collected_pounds: number;
  syringes_per_container: number;
  syringes_per_pound: number;
  collected_estimated: number;
  note: string | null;
  moves_stock: Flag;
  change_reason: string | null;
}

/** View: the current revision of every entry that is not voided. */
export interface CurrentRevisionsView extends FieldEntryRevisionsTable {
  kind: FieldEntryKind;
}

export interface FieldEntryLinesTable {
  id: string;
  revision_id: string;
  line_no: number;
  item_id: string;
  units: number;
  lot_id: string | null;
  kit_version_id: string | null;
  doses_per_unit: number | null;
}

export interface FieldEntryServicesTable {
  revision_id: string;
  service_type_id: string;
}

export interface FieldEntryReversalsTable {
  id: string;
  revision_id: string;
  outcome: ReversalOutcome;
  doses_used: number | null;
  note: string | null;
}

export interface FieldEntryUnmetRequestsTable {
  id: string;
  revision_id: string;
  item_id: string;
  reason: UnmetReason;
  units: number | null;
}

export interface FieldEntryVoidsTable extends Created {
  id: string;
  entry_id: string;
  /** Since 0004: voided with a reason, or undone by its author right after saving. */
  kind: Generated<VoidKind>;
  reason: string;
}

export interface ReceiptsTable extends Created {
  id: string;
  site_id: string;
  item_id: string;
  lot_id: string | null;
  source: string | null;
  packs: number | null;
  units_per_pack: number;
  units: number;
  received_at: string;
  local_date: string;
  note: string | null;
}

export interface StockMovementsTable extends Created {
  id: string;
  kind: MovementKind;
  site_id: string;
  item_id: string;
  lot_id: string | null;
  units: number;
  shortfall: number;
  occurred_at: string;
  local_date: string;
  source_type: MovementSource;
  source_id: string;
  source_revision_id: string | null;
  reverses_movement_id: string | null;
}

export interface StockBalancesTable {
  site_id: string;
  item_id: string;
  lot_key: string;
  lot_id: string | null;
  units: number;
}

export interface AuditLogTable {
  seq: Generated<number>;
  id: string;
  at: string;
  staff_id: string | null;
  device_id: string;
  action: AuditAction;
  entity_type: AuditEntity;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface DailySiteCountsTable {
  site_id: string;
  local_date: string;
  encounters: number;
  anonymous_encounters: number;
  tallies: number;
  tally_contacts: number;
  secondary_encounters: number;
  secondary_people: number;
  collected_counted: number;
  collected_estimated: number;
  reversals: number;
}

export interface DailyItemUnitsTable {
  site_id: string;
  local_date: string;
  item_id: string;
  units: number;
  units_in_kits: number;
  doses: number;
}

export interface DailyServiceCountsTable {
  site_id: string;
  local_date: string;
  service_type_id: string;
  count: number;
}

export interface DailyUnmetRequestsTable {
  site_id: string;
  local_date: string;
  item_id: string;
  count: number;
}

export interface ParticipantSiteDaysTable {
  participant_id: string;
  site_id: string;
  local_date: string;
  encounters: number;
  first_at: string;
}

export interface PresetsTable extends CreatedAndUpdated {
  id: string;
  name: string;
  /** JSON array of { itemId, quantity }. */
  lines_json: string;
  sort_order: number;
  active: Flag;
}

export interface Database {
  device: DeviceTable;
  staff: StaffTable;
  program_settings: ProgramSettingsTable;
  sites: SitesTable;
  items: ItemsTable;
  kit_versions: KitVersionsTable;
  kit_components: KitComponentsTable;
  lots: LotsTable;
  service_types: ServiceTypesTable;
  participants: ParticipantsTable;
  participant_merges: ParticipantMergesTable;
  field_entries: FieldEntriesTable;
  field_entry_item_times: FieldEntryItemTimesTable;
  participant_code_variants: ParticipantCodeVariantsTable;
  monthly_site_counts: MonthlyOf<DailySiteCountsTable>;
  monthly_item_units: MonthlyOf<DailyItemUnitsTable>;
  monthly_service_counts: MonthlyOf<DailyServiceCountsTable>;
  monthly_unmet_requests: MonthlyOf<DailyUnmetRequestsTable>;
  period_participants: PeriodParticipantsTable;
  field_entry_revisions: FieldEntryRevisionsTable;
  current_revisions: CurrentRevisionsView;
  field_entry_lines: FieldEntryLinesTable;
  field_entry_services: FieldEntryServicesTable;
  field_entry_reversals: FieldEntryReversalsTable;
  field_entry_unmet_requests: FieldEntryUnmetRequestsTable;
  field_entry_voids: FieldEntryVoidsTable;
  receipts: ReceiptsTable;
  stock_movements: StockMovementsTable;
  stock_balances: StockBalancesTable;
  audit_log: AuditLogTable;
  daily_site_counts: DailySiteCountsTable;
  daily_item_units: DailyItemUnitsTable;
  daily_service_counts: DailyServiceCountsTable;
  daily_unmet_requests: DailyUnmetRequestsTable;
  participant_site_days: ParticipantSiteDaysTable;
  presets: PresetsTable;
}

export type StaffRow = Selectable<StaffTable>;
export type SiteRow = Selectable<SitesTable>;
export type ItemRow = Selectable<ItemsTable>;
export type ParticipantRow = Selectable<ParticipantsTable>;
export type ProgramSettingsRow = Selectable<ProgramSettingsTable>;
export type ServiceTypeRow = Selectable<ServiceTypesTable>;
export type LotRow = Selectable<LotsTable>;
export type FieldEntryRow = Selectable<FieldEntriesTable>;
export type FieldEntryRevisionRow = Selectable<FieldEntryRevisionsTable>;
export type StockMovementRow = Selectable<StockMovementsTable>;
export type PresetRow = Selectable<PresetsTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type FieldEntryVoidRow = Selectable<FieldEntryVoidsTable>;
