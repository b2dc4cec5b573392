/** Program settings: one row, read by every write that needs the time zone or a factor. */
import type { Operations, WriteScope } from '../access/operations';
import { written } from '../access/operations';
import type { ParsedInput } from '../contract';
import { OutpostError } from '../contract/errors';
import type { ProgramSettings } from '../contract/settings';
import type { ReadableDatabase } from '../platform/database';
import { definedOnly, refuse } from '../platform/records';
import type { ProgramSettingsRow, ProgramSettingsTable } from '../platform/schema';

export function readSettings(db: ReadableDatabase): ProgramSettingsRow {
  // Fixed SQL through a cached statement: every save reads the settings.
  const settings = db.statement(`SELECT * FROM program_settings WHERE id = 'program'`).get() as
    ProgramSettingsRow | undefined;
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

type SettingsColumns = Partial<Omit<ProgramSettingsTable, 'id' | 'updated_by' | 'updated_at'>>;

function toColumns(input: ParsedInput<'settings.update'>): SettingsColumns {
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
function updateSettings({ db, writer }: WriteScope, input: ParsedInput<'settings.update'>) {
  const changes = toColumns(input);
  const before = readSettings(db);
  const changed = Object.entries(changes).some(([column, value]) => before[column as keyof SettingsColumns] !== value);
  if (!changed) return written(toSettings(before));
  // Stock that moved before the new start would fall outside the ledger's history: a later start is
  // refused while any movement is dated before it. An earlier one takes nothing away.
  if (changes.stock_start_date !== undefined && changes.stock_start_date > before.stock_start_date) {
    const movedBefore = db
      .statement('SELECT 1 FROM stock_movements WHERE local_date < ? LIMIT 1')
      .get(changes.stock_start_date);
    if (movedBefore !== undefined) refuse('stock_start_after_movements', 'stockStartDate');
  }
  db.run(
    db.query
      .updateTable('program_settings')
      .set({ ...changes, updated_by: writer.staffId, updated_at: db.nowIso() })
      .where('id', '=', 'program'),
  );
  const after = toSettings(readSettings(db));
  return written(after, { entity: 'program_settings', id: 'program', before: toSettings(before), after });
}

export const settingsOperations: Operations<'settings.get' | 'settings.update'> = {
  'settings.get': ({ db }) => toSettings(readSettings(db)),
  'settings.update': updateSettings,
};
