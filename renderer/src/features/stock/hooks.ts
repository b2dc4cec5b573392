/**
 * The stock room's data: on hand, lots and transfers, and the writes that move stock, each
 * refreshing every read a movement changes (on hand here and on the log screen, lots, transfers).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '@contract';
import type { OnHandInput, TransfersInput } from '@contract/inventory';
import { call } from '../../api/client';
import { queryKeys } from '../../api/queries';

const lotsKey = ['inventory.lots'] as const;
const transfersKey = ['inventory.transfers'] as const;

/** How many transfers the list shows. */
export const listedTransfers = 100;

export function useOnHand(input: OnHandInput, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...queryKeys.onHand, 'stock', input],
    queryFn: () => call('inventory.onHand', input),
  });
}

export function useTransfers(input: Omit<TransfersInput, 'limit'>) {
  return useQuery({
    queryKey: [...transfersKey, input],
    queryFn: () => call('inventory.transfers', { ...input, limit: listedTransfers }),
  });
}

type StockWrite =
  | 'inventory.receive'
  | 'inventory.receiveDelivery'
  | 'inventory.transfer'
  | 'inventory.receiveTransfer'
  | 'inventory.cancelTransfer'
  | 'inventory.writeOffTransfer';

function useStockWrite<C extends StockWrite>(channel: C) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input),
    onSuccess: () =>
      Promise.all(
        [queryKeys.onHand, lotsKey, transfersKey].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      ),
  });
}

export const useReceiveDelivery = () => useStockWrite('inventory.receiveDelivery');
export const useSendTransfer = () => useStockWrite('inventory.transfer');
export const useReceiveTransfer = () => useStockWrite('inventory.receiveTransfer');
export const useCancelTransfer = () => useStockWrite('inventory.cancelTransfer');
export const useWriteOffTransfer = () => useStockWrite('inventory.writeOffTransfer');

/** What a barcode scanned means: read by the core, never cached (each scan is its own). */
export function useReadBarcode() {
  return useMutation({ mutationFn: (barcode: string) => call('inventory.readBarcode', { barcode }) });
}

/** Remembers a scanned GTIN for the item chosen for it, so the next scan of that package fills its line. */
export function useAddGtin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'items.addGtin'>) => call('items.addGtin', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.items }),
  });
}
