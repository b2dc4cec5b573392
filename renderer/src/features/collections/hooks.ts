/** The collections feature's data: the recent list, and saves, corrections and voids that refresh it. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '@contract';
import { call } from '../../api/client';

const collectionsKey = ['collections.list'] as const;

/** How many of the latest collections the screen shows. */
export const recentCollections = 50;

export function useRecentCollections() {
  return useQuery({
    queryKey: [...collectionsKey, { limit: recentCollections }],
    queryFn: () => call('collections.list', { limit: recentCollections }),
  });
}

/** A write on collections, refreshing the list once it is done. */
function useCollectionWrite<C extends 'collections.log' | 'collections.correct' | 'collections.void'>(channel: C) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: collectionsKey }),
  });
}

export const useLogCollection = () => useCollectionWrite('collections.log');
export const useCorrectCollection = () => useCollectionWrite('collections.correct');
export const useVoidCollection = () => useCollectionWrite('collections.void');
