/**
 * Count sessions' data: the list, one count with its lines, and the writes. A figure entered
 * refreshes the count it is on; posting moves stock, so it refreshes on hand and lots too.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '@contract';
import type { CountsInput } from '@contract/counts';
import { call } from '../../../api/client';
import { queryKeys } from '../../../api/queries';

const countsKey = ['inventory.counts'] as const;
const countKey = ['inventory.count'] as const;

export function useCounts(input: CountsInput) {
  return useQuery({ queryKey: [...countsKey, input], queryFn: () => call('inventory.counts', input) });
}

export function useCount(countId: string | null) {
  return useQuery({
    enabled: countId !== null,
    queryKey: [...countKey, countId],
    queryFn: () => call('inventory.count', { countId: countId! }),
  });
}

type CountWrite =
  | 'inventory.startCount'
  | 'inventory.addCountLine'
  | 'inventory.enterCount'
  | 'inventory.postCount'
  | 'inventory.cancelCount';

function useCountWrite<C extends CountWrite>(channel: C, movesStock = false) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input),
    onSuccess: () =>
      Promise.all(
        [
          countsKey,
          countKey,
          ...(movesStock ? [queryKeys.onHand, ['inventory.lots'], ['inventory.stockCard']] : []),
        ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      ),
  });
}

export const useStartCount = () => useCountWrite('inventory.startCount');
export const useAddCountLine = () => useCountWrite('inventory.addCountLine');
export const useEnterCount = () => useCountWrite('inventory.enterCount');
export const usePostCount = () => useCountWrite('inventory.postCount', true);
export const useCancelCount = () => useCountWrite('inventory.cancelCount');
