/** Data fetching through TanStack Query: cached reads, and writes that refresh what they change. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../db/contract';
import { reloadPage } from '../lib/page';
import { call } from './client';

export const queryKeys = {
  about: ['system.about'] as const,
  session: ['session.current'] as const,
  sites: ['sites.list'] as const,
  items: ['items.list'] as const,
  encounters: ['encounters.list'] as const,
};

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

export function useRecentEncounters(limit = 50) {
  return useQuery({ queryKey: [...queryKeys.encounters, limit], queryFn: () => call('encounters.list', { limit }) });
}

export function useLogEncounter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'encounters.log'>) => call('encounters.log', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.encounters }),
  });
}

/** Opens the demo database (or goes back to the program's); the page then starts afresh on it. */
export function useSwitchDataSet() {
  return useMutation({
    mutationFn: (input: ChannelInput<'system.switchDataSet'>) => call('system.switchDataSet', input),
    onSuccess: () => reloadPage(),
  });
}
