/**
 * A stand-in for the preload's `window.outpost`: the only thing the renderer tests fake. The real
 * client, hooks, forms and validation run on top of it.
 */
import { vi, type Mock } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput, ContractError, Envelope } from '../../../db/contract';
import type { About, Session } from '../../../db/contract/system';
import type { Item, Site } from '../../../db/contract/catalog';
import type { Encounter } from '../../../db/contract/encounters';

export const sites: Site[] = [
  { id: '0190f5a0-0000-7000-8000-000000000001', name: 'Downtown drop-in', siteType: 'drop_in', active: true },
  { id: '0190f5a0-0000-7000-8000-000000000002', name: 'Van 1', siteType: 'mobile_van', active: true },
];

export const items: Item[] = [
  {
    id: '0190f5a0-0000-7000-8000-000000000101',
    name: 'Syringe 1 mL 28G 1/2in',
    category: 'syringe',
    unit: 'syringe',
    active: true,
  },
  {
    id: '0190f5a0-0000-7000-8000-000000000102',
    name: 'Naloxone nasal 4 mg (box of 2)',
    category: 'naloxone',
    unit: 'box',
    active: true,
  },
  {
    id: '0190f5a0-0000-7000-8000-000000000103',
    name: 'Fentanyl test strip',
    category: 'fentanyl_test_strip',
    unit: 'strip',
    active: true,
  },
];

export const session: Session = {
  staffId: '0190f5a0-0000-7000-8000-000000000201',
  displayName: 'Sam Rivera',
  role: 'outreach_worker',
};

export const about: About = {
  appVersion: '0.1.0',
  databasePath: '/home/sam/.config/Outpost/outpost.sqlite',
  schemaVersion: 1,
  deviceId: '0190f5a0-0000-7000-8000-000000000301',
  demo: false,
};

export function encounter(overrides: Partial<Encounter> = {}): Encounter {
  return {
    id: '0190f5a0-0000-7000-8000-000000000401',
    siteId: sites[0]!.id,
    siteName: sites[0]!.name,
    occurredAt: '2026-11-22T18:15:00.000Z',
    participantCode: 'MA0785',
    loggedBy: session.displayName,
    lines: [{ itemId: items[0]!.id, itemName: items[0]!.name, unit: 'syringe', quantity: 10 }],
    ...overrides,
  };
}

type Handler<C extends ChannelName> = (input: ChannelInput<C>) => Promise<Envelope<ChannelOutput<C>>>;
export type FakeBridge = { [C in ChannelName]: Mock<Handler<C>> };

export const ok = <T>(data: T): Envelope<T> => ({ ok: true, data });
export const refused = (error: ContractError): Envelope<never> => ({ ok: false, error });

export interface FakeData {
  about?: Partial<About>;
  sites?: Site[];
  items?: Item[];
  encounters?: Encounter[];
}

/** Installs a fake bridge answering like the core; `encounters.log` echoes a saved encounter. */
export function installFakeBridge(data: FakeData = {}): FakeBridge {
  const siteList = data.sites ?? sites;
  const bridge: FakeBridge = {
    'system.about': vi.fn(async () => ok({ ...about, ...data.about })),
    'session.current': vi.fn(async () => ok(session)),
    'sites.list': vi.fn(async () => ok(siteList)),
    'items.list': vi.fn(async () => ok(data.items ?? items)),
    'encounters.list': vi.fn(async () => ok(data.encounters ?? [])),
    'encounters.log': vi.fn(async (input) =>
      ok(
        encounter({
          siteId: input.siteId,
          siteName: siteList.find((site) => site.id === input.siteId)?.name ?? '',
          occurredAt: new Date(input.occurredAt).toISOString(),
          participantCode: input.participantCode ?? null,
          lines: [],
        }),
      ),
    ),
  };
  window.outpost = bridge;
  return bridge;
}
