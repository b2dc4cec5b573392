import { z } from 'zod';
import { itemCategories, siteTypes } from '../schema';

export const listCatalogInput = z.object({ includeInactive: z.boolean().optional() }).strict();

export const siteOutput = z.object({
  id: z.string(),
  name: z.string(),
  siteType: z.enum(siteTypes),
  active: z.boolean(),
});
export type Site = z.infer<typeof siteOutput>;

export const itemOutput = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(itemCategories),
  unit: z.string(),
  active: z.boolean(),
});
export type Item = z.infer<typeof itemOutput>;
