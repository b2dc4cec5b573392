/** Data the log screen reads and writes: participants, soft stock, presets, services, saves and undo. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Encounter, Tally } from '@contract/field-entries';
import type { EntrySubmission } from '../features/encounters/encounterForm';
import { call, ContractCallError } from './client';
import { fetchFieldEntryPage, queryKeys, refreshAfterEntryChange } from './hooks';

/** Codes starting with, or close to, what was typed (typos, swapped characters). */
export function useParticipantSearch(query: string) {
  return useQuery({
    enabled: query !== '',
    queryKey: [...queryKeys.participants, 'search', query],
    queryFn: () => call('participants.search', { query, limit: 6 }),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}

/** A participant with their last visit; null when nobody has the code yet. */
export function useParticipant(code: string | null) {
  return useQuery({
    enabled: code !== null && code !== '',
    queryKey: [...queryKeys.participants, 'get', code],
    queryFn: async () => {
      try {
        return await call('participants.get', { code: code ?? '' });
      } catch (error) {
        if (error instanceof ContractCallError && error.error.code === 'participant_not_found') return null;
        throw error;
      }
    },
  });
}

/** Stock on hand at a site, by item: shown softly beside each quantity, never blocking a save. */
export function useOnHandAtSite(siteId: string) {
  return useQuery({
    enabled: siteId !== '',
    queryKey: [...queryKeys.onHand, siteId],
    queryFn: async () => {
      const rows = await call('inventory.onHand', { siteId });
      return new Map(rows.map((row) => [row.itemId, row.units]));
    },
  });
}

export function usePresets() {
  return useQuery({ queryKey: queryKeys.presets, queryFn: () => call('presets.list', {}) });
}

export function useServiceTypes() {
  return useQuery({ queryKey: queryKeys.serviceTypes, queryFn: () => call('serviceTypes.list', {}) });
}

/**
 * The latest encounters and tallies together, newest first. Under the encounters key, so every
 * save, correction, void and undo refreshes it.
 */
export function useRecentEntries(limit = 30) {
  return useQuery({
    queryKey: [...queryKeys.encounters, 'recent', limit],
    queryFn: async () => (await fetchFieldEntryPage({}, null, limit)).entries,
  });
}

function useRefreshAfterWrite() {
  const queryClient = useQueryClient();
  return () => refreshAfterEntryChange(queryClient);
}

/** Logs or corrects an encounter or a tally, as the form's submission says. */
export function useSaveEntry() {
  const refresh = useRefreshAfterWrite();
  return useMutation({
    mutationFn: (submission: EntrySubmission): Promise<Encounter | Tally> => {
      switch (submission.channel) {
        case 'encounters.log':
          return call('encounters.log', submission.input);
        case 'tallies.log':
          return call('tallies.log', submission.input);
        case 'encounters.correct':
          return call('encounters.correct', submission.input);
        case 'tallies.correct':
          return call('tallies.correct', submission.input);
      }
    },
    onSuccess: refresh,
  });
}

/** Takes back the last save, through the undo channel: the record says it was undone, not voided. */
export function useUndoEntry() {
  const refresh = useRefreshAfterWrite();
  return useMutation({
    mutationFn: (entry: Encounter | Tally): Promise<Encounter | Tally> =>
      entry.kind === 'encounter' ? call('encounters.undo', { id: entry.id }) : call('tallies.undo', { id: entry.id }),
    onSuccess: refresh,
  });
}
