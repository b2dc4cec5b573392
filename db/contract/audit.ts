/**
 * The words of the audit log (the contract's, so an audit screen can translate them). An action is the channel that made the change, or one of the few
 * writes that are not channels (first-run setup, demo data); the entity is the kind of record
 * changed. Actions written by earlier versions stay members, so every row of an existing chain
 * still reads as a known action.
 */
import { channelNames, type ChannelName } from './channel-names';

/** Writes that are not channels: the bulk path names them. */
export const bulkActions = ['demo.generate', 'system.convert'] as const;
export type BulkAction = (typeof bulkActions)[number];

/** Actions earlier versions wrote, before actions were channel names. New rows never use them. */
export const earlierActions = [
  'encounter.log',
  'encounter.correct',
  'encounter.void',
  'tally.log',
  'tally.correct',
  'tally.void',
  'settings.create',
] as const;

export type AuditAction = ChannelName | BulkAction | (typeof earlierActions)[number];

export const auditActions: readonly AuditAction[] = [...channelNames, ...bulkActions, ...earlierActions];

export function isAuditAction(value: string): value is AuditAction {
  return (auditActions as readonly string[]).includes(value);
}

export const auditEntities = [
  'program_settings',
  'staff',
  'site',
  'item',
  'service_type',
  'preset',
  'participant',
  'participant_merge',
  'encounter',
  'tally',
  'receipt',
  'lot',
  'database',
  'collection',
  'transfer',
  'adjustment',
  'adjustment_reason',
  'item_gtin',
  'count',
] as const;
export type AuditEntity = (typeof auditEntities)[number];
