/**
 * The words Outpost records things with: site types, item categories, roles, kinds of entries and
 * movements. Shared by the contract, the tables (CHECK constraints list the same values) and the
 * renderer (which translates each one).
 */
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

export const naloxoneForms = ['nasal', 'intramuscular'] as const;
export type NaloxoneForm = (typeof naloxoneForms)[number];

/** Most access first, least last (`newStaffRole` relies on it). */
export const staffRoles = ['admin', 'coordinator', 'outreach_worker', 'viewer'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const participantCodeFormulas = [
  'gender_letters_year',
  'mother_month_year',
  'surname_mother_day',
  'free',
] as const;
export type ParticipantCodeFormula = (typeof participantCodeFormulas)[number];

export const languages = ['en', 'es'] as const;
export type Language = (typeof languages)[number];

export const serviceKinds = ['service', 'referral'] as const;
export type ServiceKind = (typeof serviceKinds)[number];

export const fieldEntryKinds = ['encounter', 'tally'] as const;
export type FieldEntryKind = (typeof fieldEntryKinds)[number];

/** How an entry was taken back: voided with a reason, or undone by its author right after saving. */
export const voidKinds = ['void', 'undo'] as const;
export type VoidKind = (typeof voidKinds)[number];

export const contactTypes = ['in_person', 'delivery', 'phone', 'virtual'] as const;
export type ContactType = (typeof contactTypes)[number];

export const reversalOutcomes = ['survived', 'died', 'unknown'] as const;
export type ReversalOutcome = (typeof reversalOutcomes)[number];

export const unmetReasons = ['out_of_stock', 'not_carried'] as const;
export type UnmetReason = (typeof unmetReasons)[number];

export const movementKinds = [
  'receipt',
  'distribution',
  'transfer_sent',
  'transfer_received',
  'adjustment',
  'kit_assembly',
  'kit_disassembly',
  'count_correction',
  'disposal',
] as const;
export type MovementKind = (typeof movementKinds)[number];

export const movementSources = [
  'field_entry',
  'receipt',
  'transfer',
  'adjustment',
  'kit_assembly',
  'count',
  'disposal',
] as const;
export type MovementSource = (typeof movementSources)[number];

/**
 * How an item stands at a site, the most pressing first: a balance below zero (more was handed out
 * than the records hold) needs a count; a lot past its expiry is to be taken off the shelf; a lot
 * on hold (a recall) waits for a decision; none left to hand out is out; a lot within the warning
 * days is expiring.
 */
export const stockStatuses = ['needs_count', 'expired', 'on_hold', 'out', 'expiring', 'ok'] as const;
export type StockStatus = (typeof stockStatuses)[number];

/** Where a transfer stands: in transit until the receiving site confirms it, or its stock goes back or is written off. */
export const transferStatuses = ['in_transit', 'received', 'cancelled', 'written_off'] as const;
export type TransferStatus = (typeof transferStatuses)[number];

/** Why sent stock never arrived: fewer came than the slip says, some came damaged, or none came. */
export const transferWriteOffReasons = ['short', 'damaged', 'lost'] as const;
export type TransferWriteOffReason = (typeof transferWriteOffReasons)[number];

/**
 * Outpost's own reasons to change a site's stock outside distribution, receipts and transfers, each
 * with the way it moves stock. Stored by position (from 1): the list only grows at its end.
 */
export const adjustmentReasons = [
  'damaged',
  'expired',
  'donated',
  'lost',
  'found',
  'count_correction',
  'disposal',
  'recalled',
] as const;
export type AdjustmentReason = (typeof adjustmentReasons)[number];

export const adjustmentDirections = ['remove', 'add', 'either'] as const;
export type AdjustmentDirection = (typeof adjustmentDirections)[number];

/** Donations go both ways (given to the program, or passed on to another); a count correction too. */
export const adjustmentReasonDirections: Record<AdjustmentReason, AdjustmentDirection> = {
  damaged: 'remove',
  expired: 'remove',
  donated: 'either',
  lost: 'remove',
  found: 'add',
  count_correction: 'either',
  disposal: 'remove',
  recalled: 'remove',
};

/** Where syringes were collected when no encounter was: emptied from a kiosk or a drop box, a sweep of an area. */
export const collectionSources = ['kiosk', 'drop_box', 'community_sweep', 'other'] as const;
export type CollectionSource = (typeof collectionSources)[number];
