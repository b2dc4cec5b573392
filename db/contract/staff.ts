/** Staff: who may sign in and what their role lets them do. Deactivated, never deleted. */
import { z } from 'zod';
import { adminRoles, everyRole, read, write } from './access';
import { id, listRecordsInput, name } from './fields';
import { staffRoles } from './vocabulary';

const displayName = name(80);

export const staffOutput = z.object({
  id: z.string(),
  displayName: z.string(),
  role: z.enum(staffRoles),
  active: z.boolean(),
  createdAt: z.string(),
});
export type StaffMember = z.infer<typeof staffOutput>;

export const listStaffInput = listRecordsInput;
export type ListStaffInput = z.input<typeof listStaffInput>;

export const createStaffInput = z
  .object({
    displayName,
    role: z.enum(staffRoles, 'invalid_value'),
    active: z.boolean('invalid_value').default(true),
  })
  .strict();
export type CreateStaffInput = z.input<typeof createStaffInput>;

export const updateStaffInput = z
  .object({
    id: id('staff_member_not_found'),
    displayName: displayName.optional(),
    role: z.enum(staffRoles, 'invalid_value').optional(),
    active: z.boolean('invalid_value').optional(),
  })
  .strict();
export type UpdateStaffInput = z.input<typeof updateStaffInput>;

export const staffChannels = {
  // Colleagues' names and roles: every role sees who logged what.
  'staff.list': { input: listStaffInput, output: z.array(staffOutput), access: read(everyRole) },
  'staff.create': { input: createStaffInput, output: staffOutput, access: write(adminRoles) },
  'staff.update': { input: updateStaffInput, output: staffOutput, access: write(adminRoles) },
} as const;
