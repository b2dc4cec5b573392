/** Program settings: one row, read by every write that needs the time zone or a factor. */
import type { z } from 'zod';
import { appendAudit } from '../audit/audit-log';
import { definedOnly } from '../catalog/catalog';
import { updateSettingsInput, type ProgramSettings, type UpdateSettingsInput } from '../contract/settings';
import { parseOrThrow } from '../contract/validation';
import type { OutpostDatabase } from '../platform/database';
import { OutpostError } from '../contract/errors';
import { writerOf, type HandlerMap } from '../runtime/operations';
import type { ProgramSettingsRow, ProgramSettingsTable } from '../platform/schema';
import { adminRoles, requireRole, type Writer } from '../access/roles';

export function readSettings(db: OutpostDatabase): ProgramSettingsRow {
  const settings = db.first(db.query.selectFrom('program_settings').selectAll().where('id', '=', 'program'));
  if (!settings) throw new OutpostError('internal_error', { message: 'Program settings are missing.' });
  return settings;
}

export function toSettings(row: ProgramSettingsRow): ProgramSettings {
  return {
    programName: row.program_name,
    timeZone: row.time_zone,
    participantCodeFormula: row.participant_code_formula,
    syringesPerContainer: row.syringes_per_container,
    syringesPerPound: row.syringes_per_pound,
    expiryWarningDays: row.expiry_warning_days,
    smallCellThreshold: row.small_cell_threshold,
    stockStartDate: row.stock_start_date,
    defaultLanguage: row.default_language,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

export function getSettings(db: OutpostDatabase): ProgramSettings {
  return toSettings(readSettings(db));
}

type SettingsColumns = Partial<Omit<ProgramSettingsTable, 'id' | 'updated_by' | 'updated_at'>>;

function toColumns(input: z.output<typeof updateSettingsInput>): SettingsColumns {
  return definedOnly({
    program_name: input.programName,
    time_zone: input.timeZone,
    participant_code_formula: input.participantCodeFormula,
    syringes_per_container: input.syringesPerContainer,
    syringes_per_pound: input.syringesPerPound,
    expiry_warning_days: input.expiryWarningDays,
    small_cell_threshold: input.smallCellThreshold,
    stock_start_date: input.stockStartDate,
    default_language: input.defaultLanguage,
  });
}

/**
 * Changes the given settings only. Past records keep the local dates and factors they were written
 * with, so nothing is recomputed here.
 */
export function updateSettings(db: OutpostDatabase, writer: Writer, rawInput: UpdateSettingsInput): ProgramSettings {
  const changes = toColumns(parseOrThrow(updateSettingsInput, rawInput));
  return db.transaction(() => {
    requireRole(db, writer, adminRoles);
    const before = readSettings(db);
    const changed = Object.entries(changes).some(
      ([column, value]) => before[column as keyof SettingsColumns] !== value,
    );
    if (!changed) return toSettings(before);
    db.run(
      db.query
        .updateTable('program_settings')
        .set({ ...changes, updated_by: writer.staffId, updated_at: db.nowIso() })
        .where('id', '=', 'program'),
    );
    const after = toSettings(readSettings(db));
    appendAudit(db, writer, {
      action: 'settings.update',
      entityType: 'program_settings',
      entityId: 'program',
      before: toSettings(before),
      after,
    });
    return after;
  });
}

export const settingsHandlers: HandlerMap<'settings.get' | 'settings.update'> = {
  'settings.get': (context) => getSettings(context.db),
  'settings.update': (context, input, actor) => updateSettings(context.db, writerOf(context, actor), input),
};
