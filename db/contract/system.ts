import { z } from 'zod';
import { adminRoles, coordinatorRoles, everyRole, host, job, read, write } from './access';
import { createSiteInput } from './catalog';
import { fileHandle, name, noInput, outputFile } from './fields';
import { jobStartedOutput } from './jobs';
import { programTimeZone, settingsOutput, syringeFactor } from './settings';
import { itemCategories, languages, participantCodeFormulas, staffRoles } from './vocabulary';

export const aboutOutput = z.object({
  appVersion: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
  deviceId: z.string(),
  demo: z.boolean(),
});
export type About = z.infer<typeof aboutOutput>;

export const sessionOutput = z.object({
  staffId: z.string(),
  displayName: z.string(),
  role: z.enum(staffRoles),
});
export type Session = z.infer<typeof sessionOutput>;

export const verifyOutput = z.object({
  ok: z.boolean(),
  integrity: z.string(),
  foreignKeyViolations: z.number().int(),
  ledger: z.object({ balances: z.number().int(), mismatches: z.number().int() }),
  rollups: z.array(z.object({ table: z.string(), rows: z.number().int(), mismatches: z.number().int() })),
  audit: z.object({ rows: z.number().int(), intact: z.boolean(), brokenAtSeq: z.number().int().nullable() }),
});
export type VerifyReport = z.infer<typeof verifyOutput>;

/** A copy that was written and checked: its name, its size, and how many audit rows it holds. */
export const savedCopyOutput = z.object({
  name: z.string(),
  bytes: z.number().int(),
  auditRows: z.number().int(),
});
export type SavedCopy = z.infer<typeof savedCopyOutput>;

export const switchDataSetInput = z.object({ demo: z.boolean('invalid_value') }).strict();
export const switchDataSetOutput = z.object({ demo: z.boolean(), databasePath: z.string() });
export type SwitchDataSet = z.infer<typeof switchDataSetOutput>;

/**
 * What the first-run screen needs: whether the program still has to be set up, and the default
 * catalog to choose its first items from (by name, as the catalog seeds them; kits bring their
 * contents).
 */
export const setupStatusOutput = z.object({
  needed: z.boolean(),
  catalog: z.array(
    z.object({
      name: z.string(),
      category: z.enum(itemCategories),
      isCommon: z.boolean(),
      isKit: z.boolean(),
      components: z.array(z.string()),
    }),
  ),
});
export type SetupStatus = z.infer<typeof setupStatusOutput>;

/** A new program's first settings, sites and items: everything the first-run screen asks. */
export const setupInput = z
  .object({
    programName: name(120, 'program_name_too_long'),
    language: z.enum(languages, 'invalid_value'),
    timeZone: programTimeZone,
    participantCodeFormula: z.enum(participantCodeFormulas, 'invalid_value'),
    sites: z
      .array(createSiteInput, 'setup_sites_required')
      .min(1, 'setup_sites_required')
      .max(50, 'setup_sites_too_many'),
    /** Names from the default catalog (setupStatus's); a kit's contents come with it. */
    items: z.array(z.string('setup_item_unknown'), 'invalid_value').max(200, 'invalid_value'),
    syringesPerContainer: syringeFactor('syringes_per_container_invalid'),
    syringesPerPound: syringeFactor('syringes_per_pound_invalid'),
  })
  .strict();
export type SetupInput = z.input<typeof setupInput>;

export const systemChannels = {
  'system.setupStatus': { input: noInput, output: setupStatusOutput, access: read(everyRole) },
  // Once, on a new database: the program's settings, first sites, items, services and referrals.
  'system.setup': { input: setupInput, output: settingsOutput, access: write(adminRoles) },
  // Anyone may try Outpost on the separate demo database: it never touches the program's data.
  'system.switchDataSet': { input: switchDataSetInput, output: switchDataSetOutput, access: host(everyRole) },
  'system.about': { input: noInput, output: aboutOutput, access: read(everyRole) },
  // A job on the read lane: saves go on while every table is checked.
  'system.verify': { input: noInput, output: jobStartedOutput, result: verifyOutput, access: job(coordinatorRoles) },
  // The same check on another Outpost database someone chose (a copy from another laptop, a backup).
  'system.verifyFile': {
    input: z.object({ file: fileHandle }).strict(),
    output: jobStartedOutput,
    result: verifyOutput,
    access: job(coordinatorRoles),
  },
  // The whole database, written as one consistent copy to a file or folder the person chose, then
  // checked. Everything in it is sensitive: only an admin may make one.
  'system.saveCopy': {
    input: z.object({ file: outputFile }).strict(),
    output: jobStartedOutput,
    result: savedCopyOutput,
    access: job(adminRoles),
  },
  'session.current': { input: noInput, output: sessionOutput, access: read(everyRole) },
} as const;
