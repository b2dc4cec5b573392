/**
 * Program settings: the program's name, time zone, participant-code formula, the factors used to
 * estimate collected syringes, and reporting thresholds. Changing them never rewrites past records:
 * each record stores the local date and factors it was written with.
 */
import { z } from 'zod';
import { adminRoles, everyRole, read, write } from './access';
import { calendarDate, name, noInput, wholeNumber } from './fields';
import { fieldEntryKinds, languages, participantCodeFormulas } from './vocabulary';
import { timeZoneNamed } from './calendar';

/**
 * A program's time zone: one of the IANA zones the calendar knows ("America/Vancouver", "UTC"),
 * in any letter case, stored as the list spells it. Abbreviations ("PST") and offsets ("+05:00")
 * are refused: they do not say which daylight-time rules apply.
 */
export const programTimeZone = z
  .string('time_zone_invalid')
  .trim()
  .transform((value, context) => {
    const zone = timeZoneNamed(value);
    if (zone === undefined) {
      context.addIssue({ code: 'custom', message: 'time_zone_invalid' });
      return z.NEVER;
    }
    return zone;
  });

export const syringeFactor = (code: string) => z.number(code).gt(0, code).max(100_000, code);
export const updateSettingsInput = z
  .object({
    programName: name(120, 'program_name_too_long'),
    timeZone: programTimeZone,
    participantCodeFormula: z.enum(participantCodeFormulas, 'invalid_value'),
    syringesPerContainer: syringeFactor('syringes_per_container_invalid'),
    syringesPerPound: syringeFactor('syringes_per_pound_invalid'),
    expiryWarningDays: wholeNumber('expiry_warning_days_invalid', 0, 3650),
    smallCellThreshold: wholeNumber('small_cell_threshold_invalid', 1, 100),
    /** The day stock tracking starts: history before it counts in reports but moves no stock. */
    stockStartDate: calendarDate(),
    defaultLanguage: z.enum(languages, 'invalid_value'),
  })
  .partial()
  .strict();
export type UpdateSettingsInput = z.input<typeof updateSettingsInput>;

export const settingsOutput = z.object({
  programName: z.string(),
  timeZone: z.string(),
  participantCodeFormula: z.enum(participantCodeFormulas),
  syringesPerContainer: z.number(),
  syringesPerPound: z.number(),
  expiryWarningDays: z.number().int(),
  smallCellThreshold: z.number().int(),
  stockStartDate: z.string(),
  defaultLanguage: z.enum(languages),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type ProgramSettings = z.infer<typeof settingsOutput>;

/**
 * Entries filed on a day of another time zone (the program's zone was changed after they were
 * logged): how many, over which days, and whether they may be re-filed now.
 */
export const refileSummary = z.object({
  /** The program's time zone, which re-filing dates them in. */
  timeZone: z.string(),
  /** The zone the program had before its time zone was last changed (null when it never was). */
  previousTimeZone: z.string().nullable(),
  entries: z.number().int(),
  encounters: z.number().int(),
  tallies: z.number().int(),
  /** The first and last day touched, filed on now or to be filed on (null when nothing moves). */
  firstDate: z.string().nullable(),
  lastDate: z.string().nullable(),
});
export type RefileSummary = z.infer<typeof refileSummary>;

export const refilePreviewOutput = refileSummary.extend({
  /** A few of the entries, earliest first, with the day they are filed on and the day they move to. */
  examples: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(fieldEntryKinds),
      occurredAt: z.string(),
      filedOn: z.string(),
      refiledOn: z.string(),
    }),
  ),
  /** Closed months among the days touched: re-filing is offered only while there are none. */
  closedMonths: z.array(z.string()),
});
export type RefilePreview = z.infer<typeof refilePreviewOutput>;

/** The zone the caller saw in the preview: re-filing into another one is refused. */
export const refileInput = z.object({ timeZone: z.string('time_zone_invalid') }).strict();

export const settingsChannels = {
  'settings.get': { input: noInput, output: settingsOutput, access: read(everyRole) },
  'settings.update': { input: updateSettingsInput, output: settingsOutput, access: write(adminRoles) },
  // Whoever may change the time zone may re-file what it misdated.
  'settings.refilePreview': { input: noInput, output: refilePreviewOutput, access: read(adminRoles) },
  'settings.refile': { input: refileInput, output: refileSummary, access: write(adminRoles) },
} as const;
