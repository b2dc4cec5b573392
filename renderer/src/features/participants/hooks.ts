/**
 * The Participants screen's data: likely duplicates, one code looked up, merges and unmerges.
 * Everything sits under the participants key, so a merge refreshes the lists, the search and
 * every last visit shown elsewhere.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '@contract';
import type { DuplicateSide } from '@contract/participants';
import { call, ContractCallError } from '../../api/client';
import { queryKeys } from '../../api/queries';

/** How many merges and unmerges the screen lists, newest first. */
export const mergeListSize = 100;

export function useDuplicates(siteId: string) {
  return useQuery({
    queryKey: [...queryKeys.participants, 'duplicates', siteId],
    queryFn: () => call('participants.duplicates', siteId === '' ? {} : { siteId }),
  });
}

export function useMerges() {
  return useQuery({
    queryKey: [...queryKeys.participants, 'merges'],
    queryFn: () => call('participants.merges', { limit: mergeListSize }),
  });
}

/** A code typed by hand as one side of a merge, with its group's visits; null when nobody has it. */
export async function lookUpCode(code: string): Promise<DuplicateSide | null> {
  try {
    const found = await call('participants.get', { code });
    return { participantId: found.participantId, code: found.code, visits: found.visits, lastVisit: found.lastVisit };
  } catch (error) {
    if (error instanceof ContractCallError && error.error.code === 'participant_not_found') return null;
    throw error;
  }
}

/** What a merge or unmerge changes: whose visits are whose, so every participant read and every list. */
function useRefreshAfterRegroup() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [queryKeys.participants, queryKeys.encounters].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
}

export function useMerge() {
  const refresh = useRefreshAfterRegroup();
  return useMutation({
    mutationFn: (input: ChannelInput<'participants.merge'>) => call('participants.merge', input),
    onSuccess: refresh,
  });
}

export function useUnmerge() {
  const refresh = useRefreshAfterRegroup();
  return useMutation({
    mutationFn: (input: ChannelInput<'participants.unmerge'>) => call('participants.unmerge', input),
    onSuccess: refresh,
  });
}
