/**
 * Table types for Kysely: one interface per table, named after it (see migrations/ for the
 * constraints, and 0009 for which tables are compact and why). Column names are snake_case as
 * stored; domain functions map rows to the camelCase shapes the contract returns. `*_key` columns
 * hold a record's local key, `*_ms` columns an instant in milliseconds since 1970 (UTC).
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
  ContactType,
  ReversalOutcome,
  UnmetReason,
  VoidKind,
  TransferStatus,
  AdjustmentDirection,
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

/** Every record's local number: compact, used by every reference from the facts (0009). */
interface Keyed {
  key: Generated<number>;
}

/** Who wrote a fact and when, compactly (0009): local keys and milliseconds since 1970 (UTC). */
interface Written {
  origin_device_key: number;
  created_by_key: number;
  created_ms: number;
}

export interface DeviceTable extends Keyed {
  id: string;
  created_at: string;
}

export interface StaffTable extends Keyed {
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

export interface SitesTable extends Keyed, CreatedAndUpdated {
  id: string;
  name: string;
  site_type: SiteType;
  active: Flag;
}

export interface ItemsTable extends Keyed, CreatedAndUpdated {
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

export interface KitVersionsTable extends Keyed, Created {
  id: string;
  kit_item_id: string;
  version: number;
}

export interface KitComponentsTable {
  kit_version_id: string;
  component_item_id: string;
  units: number;
}

export interface LotsTable extends Keyed, Created {
  id: string;
  item_id: string;
  lot_number: string;
  expires_on: string | null;
  kit_version_id: string | null;
  /** The latest of the lot's holds (0013): a held lot is never allocated. */
  on_hold: Generated<Flag>;
}

/** A lot put on hold or released (0013): facts, the latest of which lots.on_hold caches. */
export interface LotHoldsTable extends Keyed, Written {
  id: string;
  lot_key: number;
  held: Flag;
  reason: string;
  occurred_ms: number;
}

export interface ServiceTypesTable extends Keyed, CreatedAndUpdated {
  id: string;
  name: string;
  kind: ServiceKind;
  sort_order: number;
  active: Flag;
}

export interface ParticipantsTable extends Keyed, CreatedAndUpdated {
  id: string;
  code: string;
  formula: ParticipantCodeFormula;
  merged_into_id: string | null;
  canonical_id: string;
  first_seen_on: string | null;
  first_seen_site_id: string | null;
}

export interface ParticipantMergesTable extends Keyed, Created {
  id: string;
  kind: 'merge' | 'unmerge';
  from_participant_id: string;
  into_participant_id: string;
  undoes_merge_id: string | null;
  reason: string;
}

/** kind is a stored code (storedCodes.entryKind). */
export interface FieldEntriesTable extends Keyed, Written {
  id: string;
  kind: number;
  status: 'active' | 'voided';
  current_revision: number;
  /** The current revision's instant, site and day: a copy the lists page by. */
  current_occurred_ms: number;
  current_site_key: number;
  current_local_date: string;
  updated_ms: number;
  /** The form the entry was first saved from (its UUID's 16 bytes), when the caller named one (0010). */
  form_key?: Uint8Array | null;
}

/** A daily rollup's monthly twin: the same sums, keyed by month (2026-03) instead of day. */
export type MonthlyOf<Daily extends { local_date: string }> = Omit<Daily, 'local_date'> & { month: string };

/** Distinct participants per month, quarter and year, per site and for all sites (site_key 0). */
export interface PeriodParticipantsTable {
  period: string;
  site_key: number;
  participants: number;
}

/** Each code under every string one or two deletions away from it: the near-match index. */
export interface ParticipantCodeVariantsTable {
  variant: string;
  code: string;
}

/** Which items each entry's current revision holds, in list order: the item filter's index. */
export interface FieldEntryItemTimesTable {
  item_key: number;
  kind: number;
  occurred_ms: number;
  entry_key: number;
}

export interface FieldEntryRevisionsTable extends Keyed, Written {
  id: string;
  entry_key: number;
  revision: number;
  /** The revision this one corrects: null for an entry's first. */
  replaces_revision_key: number | null;
  site_key: number;
  occurred_ms: number;
  local_date: string;
  contact_type: ContactType | null;
  participant_key: number | null;
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
  kind: number;
}

export interface FieldEntryLinesTable {
  revision_key: number;
  line_no: number;
  item_key: number;
  units: number;
  lot_key: number | null;
  kit_version_key: number | null;
  doses_per_unit: number | null;
}

export interface FieldEntryServicesTable {
  revision_key: number;
  service_type_key: number;
}

export interface FieldEntryReversalsTable {
  revision_key: number;
  reversal_no: number;
  outcome: ReversalOutcome;
  doses_used: number | null;
  note: string | null;
}

export interface FieldEntryUnmetRequestsTable {
  revision_key: number;
  request_no: number;
  item_key: number;
  reason: UnmetReason;
  units: number | null;
}

export interface FieldEntryVoidsTable extends Keyed, Created {
  id: string;
  entry_key: number;
  /** Voided with a reason, or undone by its author right after saving. */
  kind: Generated<VoidKind>;
  reason: string;
}

/** Syringes collected away from an encounter (0011): where each stands now, what the list pages by. */
export interface CollectionsTable extends Keyed, Written {
  id: string;
  status: 'active' | 'voided';
  current_revision: number;
  current_site_key: number;
  current_local_date: string;
  /** The form the collection was first saved from (its UUID's 16 bytes), when the caller named one. */
  form_key: Uint8Array | null;
  updated_ms: number;
}

/** source is a stored code (storedCodes.collectionSource). */
export interface CollectionRevisionsTable extends Keyed, Written {
  id: string;
  collection_key: number;
  revision: number;
  replaces_revision_key: number | null;
  site_key: number;
  /** The day it was collected, as typed. */
  local_date: string;
  source: number;
  collected_counted: number;
  collected_containers: number;
  collected_pounds: number;
  syringes_per_container: number;
  syringes_per_pound: number;
  collected_estimated: number;
  note: string | null;
  change_reason: string | null;
}

export interface CollectionVoidsTable extends Keyed, Written {
  id: string;
  collection_key: number;
  reason: string;
}

export interface ReceiptsTable extends Keyed, Created {
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
  /** Lines received together (0014): the first line's id, and this line's place among them. */
  delivery_id: string | null;
  delivery_line: number | null;
  reference: string | null;
  /** The package scanned, as 14 digits. */
  gtin: string | null;
  form_key: Uint8Array | null;
}

/** kind and source_type are stored codes (storedCodes.movementKind, storedCodes.movementSource). */
export interface StockMovementsTable extends Keyed, Written {
  kind: number;
  site_key: number;
  item_key: number;
  lot_key: number | null;
  units: number;
  shortfall: number;
  occurred_ms: number;
  local_date: string;
  source_type: number;
  source_key: number;
  source_revision_key: number | null;
  reverses_movement_key: number | null;
}

/** Stock sent from one site to another (0013); status caches where it stands. */
export interface TransfersTable extends Keyed, Written {
  id: string;
  from_site_key: number;
  to_site_key: number;
  sent_ms: number;
  sent_local_date: string;
  reference: string | null;
  note: string | null;
  status: TransferStatus;
  form_key: Uint8Array | null;
}

export interface TransferLinesTable {
  transfer_key: number;
  line: number;
  item_key: number;
  lot_key: number | null;
  units: number;
}

export interface TransferEventsTable extends Keyed, Written {
  id: string;
  transfer_key: number;
  kind: 'received' | 'cancelled' | 'written_off';
  occurred_ms: number;
  local_date: string;
  note: string | null;
}

/** reason is a stored code (storedCodes.transferWriteOffReason), on write-offs only. */
export interface TransferEventLinesTable {
  event_key: number;
  line: number;
  units: number;
  reason: number | null;
}

/** Reasons to adjust stock that the program added (0013). */
export interface AdjustmentReasonsTable extends Keyed, CreatedAndUpdated {
  id: string;
  name: string;
  direction: AdjustmentDirection;
  active: Flag;
}

/** reason is a stored code (storedCodes.adjustmentReason); custom_reason_key names the program's own instead. */
export interface AdjustmentsTable extends Keyed, Written {
  id: string;
  site_key: number;
  reason: number | null;
  custom_reason_key: number | null;
  occurred_ms: number;
  local_date: string;
  note: string | null;
  form_key: Uint8Array | null;
}

/** A package an item comes in, by its GTIN padded to 14 digits, with the units inside (0014). */
export interface ItemGtinsTable extends Keyed, CreatedAndUpdated {
  id: string;
  item_key: number;
  gtin: string;
  units_per_pack: number;
  label: string | null;
  active: Flag;
}

/** A count of a site's shelf at one moment (0014); only status changes, verify recomputes it. */
export interface CountsTable extends Keyed, Written {
  id: string;
  site_key: number;
  scope: 'site' | 'category' | 'lot';
  category: string | null;
  lot_key: number | null;
  counted_ms: number;
  local_date: string;
  note: string | null;
  status: Generated<'open' | 'posted' | 'cancelled'>;
  form_key: Uint8Array | null;
}

export interface CountLinesTable extends Written {
  count_key: number;
  line: number;
  item_key: number;
  lot_key: number | null;
}

/** A quantity counted on a line; the latest entry of a line is its count. */
export interface CountEntriesTable extends Keyed, Written {
  id: string;
  count_key: number;
  line: number;
  counted_units: number;
}

export interface CountEventsTable extends Keyed, Written {
  id: string;
  count_key: number;
  kind: 'posted' | 'cancelled';
  occurred_ms: number;
  note: string | null;
}

/** A movement dated before a posted count's moment that arrived after it, and its correction. */
export interface CountReviewsTable extends Keyed, Written {
  count_key: number;
  line: number;
  movement_key: number;
  correction_key: number;
}

export interface AdjustmentLinesTable {
  adjustment_key: number;
  line: number;
  item_key: number;
  lot_key: number | null;
  units: number;
}

/** lot_key 0: an item not tracked by lot. */
export interface StockBalancesTable {
  site_key: number;
  item_key: number;
  lot_key: number;
  units: number;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at_ms: number;
  staff_key: number | null;
  device_key: number;
  action: AuditAction;
  entity_type: AuditEntity;
  entity_key: number;
  before_json: string | null;
  after_json: string | null;
  /** 16 bytes: the digest of a result kept as a fact (then after_json is null). */
  after_digest: Uint8Array | null;
  /** 16 bytes. */
  hash: Uint8Array;
}

export interface DailySiteCountsTable {
  site_key: number;
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
  site_key: number;
  local_date: string;
  item_key: number;
  units: number;
  units_in_kits: number;
  doses: number;
}

export interface DailyServiceCountsTable {
  site_key: number;
  local_date: string;
  service_type_key: number;
  count: number;
}

export interface DailyUnmetRequestsTable {
  site_key: number;
  local_date: string;
  item_key: number;
  count: number;
}

export interface ParticipantSiteDaysTable {
  participant_key: number;
  site_key: number;
  local_date: string;
  encounters: number;
  first_ms: number;
}

export interface PresetsTable extends Keyed, CreatedAndUpdated {
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
  collections: CollectionsTable;
  collection_revisions: CollectionRevisionsTable;
  /** View: the current revision of every collection that is not voided. */
  current_collections: CollectionRevisionsTable;
  collection_voids: CollectionVoidsTable;
  stock_movements: StockMovementsTable;
  transfers: TransfersTable;
  transfer_lines: TransferLinesTable;
  transfer_events: TransferEventsTable;
  transfer_event_lines: TransferEventLinesTable;
  lot_holds: LotHoldsTable;
  adjustment_reasons: AdjustmentReasonsTable;
  adjustments: AdjustmentsTable;
  adjustment_lines: AdjustmentLinesTable;
  item_gtins: ItemGtinsTable;
  counts: CountsTable;
  count_lines: CountLinesTable;
  count_entries: CountEntriesTable;
  count_events: CountEventsTable;
  count_reviews: CountReviewsTable;
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
export type AdjustmentReasonRow = Selectable<AdjustmentReasonsTable>;
export type SiteRow = Selectable<SitesTable>;
export type ItemRow = Selectable<ItemsTable>;
export type ParticipantRow = Selectable<ParticipantsTable>;
export type ProgramSettingsRow = Selectable<ProgramSettingsTable>;
export type ServiceTypeRow = Selectable<ServiceTypesTable>;
export type LotRow = Selectable<LotsTable>;
export type KitVersionRow = Selectable<KitVersionsTable>;
export type FieldEntryRow = Selectable<FieldEntriesTable>;
export type FieldEntryRevisionRow = Selectable<FieldEntryRevisionsTable>;
export type StockMovementRow = Selectable<StockMovementsTable>;
export type PresetRow = Selectable<PresetsTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type FieldEntryVoidRow = Selectable<FieldEntryVoidsTable>;
export type CollectionRow = Selectable<CollectionsTable>;
export type CollectionRevisionRow = Selectable<CollectionRevisionsTable>;
