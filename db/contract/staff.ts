/** Staff: who may sign in and what their role lets them do. Deactivated, never deleted. */
import { z } from 'zod';
import { staffRoles } from '../platform/schema';

const displayName = z.string('name_required').trim().min(1, 'name_required').max(80, 'name_too_long');

export const staffOutput = z.object({
  id: z.string(),
  displayName: z.string(),
  role: z.enum(staffRoles),
  active: z.boolean(),
  createdAt: z.string(),
});
export type StaffMember = z.infer<typeof staffOutput>;

export const listStaffInput = z.object({ includeInactive: z.boolean().optional() }).strict();
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
    id: z.uuid('staff_member_not_found'),
    displayName: displayName.optional(),
    role: z.enum(staffRoles, 'invalid_value').optional(),
    active: z.boolean('invalid_value').optional(),
  })
  .strict();
export type UpdateStaffInput = z.input<typeof updateStaffInput>;

export const staffChannels = {
  'staff.list': { input: listStaffInput, output: z.array(staffOutput) },
  'staff.create': { input: createStaffInput, output: staffOutput },
  'staff.update': { input: updateStaffInput, output: staffOutput },
} as const;
