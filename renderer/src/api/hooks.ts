/** Data fetching through TanStack Query: cached reads, and writes that refresh what they change. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../db/contract';
import type { Encounter, ListEntriesInput, Tally } from '../../../db/contract/encounters';
import { reloadPage } from '../lib/page';
import { call } from './client';

export const queryKeys = {
  about: ['system.about'] as const,
  session: ['session.current'] as const,
  sites: ['sites.list'] as const,
  items: ['items.list'] as const,
  encounters: ['encounters.list'] as const,
  staff: ['staff.list'] as const,
  settings: ['settings.get'] as const,
  serviceTypes: ['serviceTypes.list'] as const,
  presets: ['presets.list'] as const,
  participants: ['participants'] as const,
  onHand: ['inventory.onHand'] as const,
};

/** What a field entry's save, correction, void or undo changes: lists, participants' last visits, stock. */
export function refreshAfterEntryChange(queryClient: ReturnType<typeof useQueryClient>) {
  return Promise.all(
    [queryKeys.encounters, queryKeys.participants, queryKeys.onHand].map((queryKey) =>
      queryClient.invalidateQueries({ queryKey }),
    ),
  );
}

/** An encounter or a tally, as the Encounters screen lists them together. */
export type FieldEntry = Encounter | Tally;

/** How many of each kind the Encounters screen asks for. */
export const entryListLimit = 200;

export function useAbout() {
  return useQuery({ queryKey: queryKeys.about, queryFn: () => call('system.about', {}) });
}

export function useSession() {
  return useQuery({ queryKey: queryKeys.session, queryFn: () => call('session.current', {}) });
}

export function useSites() {
  return useQuery({ queryKey: queryKeys.sites, queryFn: () => call('sites.list', {}) });
}

export function useItems() {
  return useQuery({ queryKey: queryKeys.items, queryFn: () => call('items.list', {}) });
}

export function useSettings() {
  return useQuery({ queryKey: queryKeys.settings, queryFn: () => call('settings.get', {}) });
}

export function useStaff() {
  return useQuery({ queryKey: queryKeys.staff, queryFn: () => call('staff.list', {}) });
}

/**
 * Encounters and tallies matching the same filters, merged newest first. Kept under the encounters
 * key, so every save, correction and void refreshes it.
 */
export function useFieldEntries(filters: ListEntriesInput, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...queryKeys.encounters, 'withTallies', filters],
    queryFn: async () => {
      const input = { ...filters, limit: entryListLimit };
      const [encounters, tallies] = await Promise.all([call('encounters.list', input), call('tallies.list', input)]);
      const entries: FieldEntry[] = [...encounters, ...tallies];
      entries.sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || b.id.localeCompare(a.id));
      return {
        entries,
        limitReached: encounters.length >= entryListLimit || tallies.length >= entryListLimit,
      };
    },
  });
}

export function useVoidEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      kind,
      ...input
    }: ChannelInput<'encounters.void'> & { kind: FieldEntry['kind'] }): Promise<FieldEntry> =>
      kind === 'encounter' ? call('encounters.void', input) : call('tallies.void', input),
    onSuccess: () => refreshAfterEntryChange(queryClient),
  });
}

/** Opens the demo database (or goes back to the program's); the page then starts afresh on it. */
export function useSwitchDataSet() {
  return useMutation({
    mutationFn: (input: ChannelInput<'system.switchDataSet'>) => call('system.switchDataSet', input),
    onSuccess: () => reloadPage(),
  });
}

/** Settings lists: inactive records too, so they can be reactivated. Under the same keys, so every change refreshes them. */
export function useAllSites() {
  return useQuery({
    queryKey: [...queryKeys.sites, 'all'],
    queryFn: () => call('sites.list', { includeInactive: true }),
  });
}

export function useAllStaff() {
  return useQuery({
    queryKey: [...queryKeys.staff, 'all'],
    queryFn: () => call('staff.list', { includeInactive: true }),
  });
}

export function useAllServiceTypes() {
  return useQuery({
    queryKey: [...queryKeys.serviceTypes, 'all'],
    queryFn: () => call('serviceTypes.list', { includeInactive: true }),
  });
}

export function useAllItems() {
  return useQuery({
    queryKey: [...queryKeys.items, 'all'],
    queryFn: () => call('items.list', { includeInactive: true }),
  });
}

/** A kit's current contents; under the items key, so every item or kit write refreshes it. */
export function useKitContents(itemId: string) {
  return useQuery({
    queryKey: [...queryKeys.items, 'kitContents', itemId],
    queryFn: () => call('items.kitContents', { itemId }),
  });
}

export function useAllPresets() {
  return useQuery({
    queryKey: [...queryKeys.presets, 'all'],
    queryFn: () => call('presets.list', { includeInactive: true }),
  });
}

type WriteChannel =
  | 'sites.create'
  | 'sites.update'
  | 'staff.create'
  | 'staff.update'
  | 'items.create'
  | 'items.update'
  | 'items.setKitContents'
  | 'serviceTypes.create'
  | 'serviceTypes.update'
  | 'presets.create'
  | 'presets.update'
  | 'settings.update';

/** A settings write that refreshes what it changes (a renamed site shows everywhere it is listed). */
export function useSettingsWrite<C extends WriteChannel>(channel: C, refreshes: readonly string[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: refreshes }),
  });
}
