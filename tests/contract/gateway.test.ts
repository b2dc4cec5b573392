import { describe, expect, it } from 'vitest';
import { channelNames, contract } from '../../db/contract';
import { createGateway, type CoreCaller } from '../../db/contract/gateway';
import { handlers } from '../../db/handlers';
import { countRows, openFieldCore } from '../support/core';

/** The gateway in front of a real core on a real SQLite file, as main and the harness use it. */
async function gatewayOverRealCore() {
  const field = await openFieldCore();
  const calls: string[] = [];
  const caller: CoreCaller = {
    call: async (channel, input, actor) => {
      calls.push(channel);
      return field.core.dispatch(channel, input, actor);
    },
  };
  return { ...field, gateway: createGateway(caller), calls };
}

describe('the contract', () => {
  it('declares every channel once, and the core handles each of them', () => {
    expect(Object.keys(contract).sort()).toEqual([...channelNames].sort());
    expect(Object.keys(handlers).sort()).toEqual([...channelNames].sort());
    expect(new Set(channelNames).size).toBe(channelNames.length);
  });

  it('answers every channel with data that matches its declared output', async () => {
    const { gateway, actor, site, items } = await gatewayOverRealCore();
    const samples: Record<(typeof channelNames)[number], unknown> = {
      'system.about': {},
      'session.current': {},
      'sites.list': {},
      'items.list': { includeInactive: true },
      'encounters.log': {
        siteId: site.id,
        occurredAt: new Date().toISOString(),
        participantCode: 'AB12',
        lines: [{ itemId: items[0]!.id, quantity: 3 }],
      },
      'encounters.list': { limit: 10 },
    };
    for (const channel of channelNames) {
      const envelope = await gateway.invoke(channel, samples[channel], actor);
      if (!envelope.ok) throw new Error(`${channel} failed: ${envelope.error.message}`);
      expect(() => contract[channel].output.parse(envelope.data), channel).not.toThrow();
    }
  });
});

describe('the gateway', () => {
  it('refuses an unknown channel without reaching the core', async () => {
    const { gateway, actor, calls } = await gatewayOverRealCore();
    expect(await gateway.invoke('encounters.delete', {}, actor)).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    expect(await gateway.invoke('__proto__', {}, actor)).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    expect(calls).toEqual([]);
  });

  it('validates input before the core sees it, with field-level errors, and writes nothing', async () => {
    const { core, gateway, actor, site, items, calls } = await gatewayOverRealCore();
    const envelope = await gateway.invoke(
      'encounters.log',
      { siteId: site.id, occurredAt: 'yesterday', lines: [{ itemId: items[0]!.id, quantity: -1 }] },
      actor,
    );
    expect(envelope).toMatchObject({
      ok: false,
      error: {
        code: 'occurred_at_invalid',
        field: 'occurredAt',
        issues: [
          { code: 'occurred_at_invalid', field: 'occurredAt' },
          { code: 'quantity_positive', field: 'lines.0.quantity' },
        ],
      },
    });
    expect(calls).toEqual([]);
    expect(countRows(core, 'encounters')).toBe(0);
  });

  it('refuses unknown fields and wrong types rather than ignoring them', async () => {
    const { gateway, actor, site } = await gatewayOverRealCore();
    expect(
      await gateway.invoke(
        'encounters.log',
        { siteId: site.id, occurredAt: new Date().toISOString(), lines: [], name: 'Jane' },
        actor,
      ),
    ).toMatchObject({ ok: false, error: { code: 'unknown_field' } });
    expect(await gateway.invoke('encounters.list', { limit: '10' }, actor)).toMatchObject({
      ok: false,
      error: { field: 'limit' },
    });
    expect(await gateway.invoke('sites.list', 'everything', actor)).toMatchObject({
      ok: false,
      error: { code: 'invalid_value' },
    });
  });

  it('passes domain errors from the core through as envelopes', async () => {
    const { gateway, actor, items } = await gatewayOverRealCore();
    const envelope = await gateway.invoke(
      'encounters.log',
      {
        siteId: '01900000-0000-7000-8000-000000000000',
        occurredAt: new Date().toISOString(),
        lines: [{ itemId: items[0]!.id, quantity: 1 }],
      },
      actor,
    );
    expect(envelope).toEqual({
      ok: false,
      error: {
        code: 'site_not_found',
        message: 'That site does not exist.',
        field: 'siteId',
        issues: [{ code: 'site_not_found', message: 'That site does not exist.', field: 'siteId' }],
      },
    });
  });
});
