import { z } from 'zod';
import { coordinatorRoles, everyRole, host, job, read } from './access';
import { fileHandle, noInput } from './fields';
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
  'session.current': { input: noInput, output: sessionOutput, access: read(everyRole) },
} as const;
