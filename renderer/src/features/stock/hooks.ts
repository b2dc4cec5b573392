/**
 * The stock room's data: on hand, lots, transfers, adjustments and stock cards, and the writes
 * that move stock, each refreshing every read a movement changes (on hand here and on the log
 * screen, lots, transfers, adjustments, stock cards).
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '@contract';
import type { OnHandInput, StockCardInput, TransfersInput } from '@contract/inventory';
import { call } from '../../api/client';
import { queryKeys } from '../../api/queries';

const lotsKey = ['inventory.lots'] as const;
const transfersKey = ['inventory.transfers'] as const;
const adjustmentsKey = ['inventory.adjustments'] as const;
const reasonsKey = ['adjustmentReasons.list'] as const;
/**
 * Under the on-hand key: whatever moves stock and refreshes on hand (a field entry's save too)
 * refreshes the cards as well.
 */
const stockCardKey = [...queryKeys.onHand, 'card'] as const;

/** How many transfers the list shows. */
export const listedTransfers = 100;

/** How many adjustments the list under the Adjust form shows. */
export const listedAdjustments = 20;

/** How many movements one page of a stock card shows. */
export const stockCardPage = 50;

/** The on-hand read as a query: the Stock screen and the log screen ask it alike, so both show the same figures. */
export function onHandQuery(input: OnHandInput) {
  return {
    queryKey: [...queryKeys.onHand, 'stock', input] as const,
    queryFn: () => call('inventory.onHand', input),
  };
}

export function useOnHand(input: OnHandInput, enabled = true) {
  return useQuery({ enabled, ...onHandQuery(input) });
}

/** Every lot of an item, with what each holds across all sites and whether it is on hold. */
export function useLotsOf(itemId: string) {
  return useQuery({
    enabled: itemId !== '',
    queryKey: [...lotsKey, itemId],
    queryFn: () => call('inventory.lots', { itemId }),
  });
}

export function useAdjustments(siteId: string) {
  return useQuery({
    enabled: siteId !== '',
    queryKey: [...adjustmentsKey, siteId],
    queryFn: () => call('inventory.adjustments', { siteId, limit: listedAdjustments }),
  });
}

/** Outpost's own reasons and the program's; the retired ones too when `includeInactive`. */
export function useAdjustmentReasons(includeInactive = false) {
  return useQuery({
    queryKey: [...reasonsKey, includeInactive],
    queryFn: () => call('adjustmentReasons.list', { includeInactive }),
  });
}

/** A stock card, newest first, a page at a time: each page starts before the last row of the one before. */
export function useStockCard(input: Omit<StockCardInput, 'before' | 'limit'>) {
  return useInfiniteQuery({
    queryKey: [...stockCardKey, input],
    initialPageParam: undefined as StockCardInput['before'],
    queryFn: ({ pageParam }) =>
      call('inventory.stockCard', { ...input, limit: stockCardPage, ...(pageParam ? { before: pageParam } : {}) }),
    getNextPageParam: (page) => {
      const last = page.rows.at(-1);
      return page.more && last ? { at: last.at, key: last.key } : undefined;
    },
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
  | 'inventory.writeOffTransfer'
  | 'inventory.adjust'
  | 'inventory.holdLot';

function useStockWrite<C extends StockWrite>(channel: C) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input),
    onSuccess: () =>
      Promise.all(
        [queryKeys.onHand, lotsKey, transfersKey, adjustmentsKey].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
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
export const useAdjust = () => useStockWrite('inventory.adjust');
export const useHoldLot = () => useStockWrite('inventory.holdLot');

function useReasonWrite<C extends 'adjustmentReasons.create' | 'adjustmentReasons.update'>(channel: C) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input),
    // A renamed reason is renamed in the adjustments already listed too.
    onSuccess: () =>
      Promise.all([reasonsKey, adjustmentsKey].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

export const useCreateReason = () => useReasonWrite('adjustmentReasons.create');
export const useUpdateReason = () => useReasonWrite('adjustmentReasons.update');
