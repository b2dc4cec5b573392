import { z } from 'zod';
import { staffRoles } from '../schema';

export const noInput = z.object({}).strict();

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
