import { z } from 'zod';
import { adminRoles, coordinatorRoles, everyRole, host, job, read } from './access';
import { fileHandle, noInput, outputFile } from './fields';
import { jobStartedOutput } from './jobs';
import { staffRoles } from './vocabulary';

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

export const systemChannels = {
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
