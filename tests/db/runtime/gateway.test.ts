import { describe, expect, it } from 'vitest';
import { channelNames, contract, hostChannelNames, laneOf } from '../../../db/contract';
import { operations } from '../../../db/dispatch/operations';
import { createGateway, type CoreCaller } from '../../../db/runtime/gateway';
import { channelSamples } from '../../support/channel-samples';
import { countRows, noFileChosen, openFieldCore } from '../../support/core';

/** The gateway in front of a real core on a real SQLite file, as main and the harness use it. */
async function gatewayOverRealCore() {
  const field = await openFieldCore();
  const calls: string[] = [];
  const caller: CoreCaller = {
    call: async (channel, input, actor) => {
      calls.push(channel);
      return field.core.call(channel, input, actor);
    },
  };
  // The host's own channel (switching to the demo database) is answered by the host, not the core.
  const hostCalls: unknown[] = [];
  const gateway = createGateway(caller, {
    ...noFileChosen,
    'system.switchDataSet': async (input) => {
      hostCalls.push(input);
      return { ok: true, data: { demo: input.demo, databasePath: '/data/outpost-demo.sqlite' } };
    },
  });
  return { ...field, gateway, calls, hostCalls };
}

describe('the contract', () => {
  it('declares every channel once, with its access, and a domain operation for each on a core lane', () => {
    expect(Object.keys(contract).sort()).toEqual([...channelNames].sort());
    expect(hostChannelNames).toEqual([
      'files.chooseOpen',
      'files.chooseSave',
      'files.chooseFolder',
      'system.switchDataSet',
    ]);
    const operationChannels = channelNames.filter((name) => ['read', 'write', 'job'].includes(laneOf(name)));
    expect(Object.keys(operations).sort()).toEqual([...operationChannels].sort());
    expect(channelNames.filter((name) => laneOf(name) === 'runtime')).toEqual([
      'system.opening',
      'jobs.get',
      'jobs.cancel',
    ]);
    for (const channel of channelNames) expect(contract[channel].access.roles.length, channel).toBeGreaterThan(0);
    expect(new Set(channelNames).size).toBe(channelNames.length);
  });

  it('answers every channel with data that matches its declared output', async () => {
    const field = await gatewayOverRealCore();
    const { gateway, actor } = field;
    const saved: Record<string, unknown> = {};
    const samples = channelSamples(field, actor, saved);
    for (const [channel, sample] of Object.entries(samples) as [(typeof channelNames)[number], () => unknown][]) {
      const envelope = await gateway.invoke(channel, sample(), actor);
      if (channel === 'system.setup') {
        // Set up once already: its answer on a new database is checked in tests/db/system/setup.test.ts.
        expect(envelope).toMatchObject({ ok: false, error: { code: 'setup_already_done' } });
        continue;
      }
      if (!envelope.ok) throw new Error(`${channel} failed: ${envelope.error.code} ${envelope.error.message}`);
      expect(() => contract[channel].output.parse(envelope.data), channel).not.toThrow();
      saved[channel] = envelope.data;
    }
  });
});

describe('the gateway', () => {
  it('hands host channels to the host, validated and access-checked, and never to the core', async () => {
    const { gateway, actor, calls, hostCalls } = await gatewayOverRealCore();
    expect(await gateway.invoke('system.switchDataSet', { demo: true }, actor)).toMatchObject({
      ok: true,
      data: { demo: true },
    });
    expect(await gateway.invoke('system.switchDataSet', { demo: 'yes' }, actor)).toMatchObject({
      ok: false,
      error: { field: 'demo' },
    });
    expect(hostCalls).toEqual([{ demo: true }]);
    // The core was only asked who is acting (for the role check), once, for the valid call.
    expect(calls).toEqual(['session.current']);
    const hostless = createGateway({ call: async () => ({ ok: true, data: null }) });
    expect(await hostless.invoke('system.switchDataSet', { demo: true }, actor)).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
  });

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

  it('validates input before any operation runs, with field-level errors, and writes nothing', async () => {
    const { core, gateway, actor, site, items } = await gatewayOverRealCore();
    const auditRowsBefore = countRows(core, 'audit_log');
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
    expect(countRows(core, 'field_entries')).toBe(0);
    expect(countRows(core, 'audit_log')).toBe(auditRowsBefore);
  });

  it('refuses unknown fields and wrong types rather than ignoring them', async () => {
    const { gateway, actor, site } = await gatewayOverRealCore();
    expect(
      await gateway.invoke(
        'encounters.log',
        { siteId: site.id, occurredAt: new Date().toISOString(), contactOnly: true, lines: [], name: 'Jane' },
        actor,
      ),
    ).toMatchObject({ ok: false, error: { code: 'unknown_field' } });
    expect(await gateway.invoke('encounters.list', { limit: '10' }, actor)).toMatchObject({
      ok: false,
      error: { field: 'limit' },
    });
    expect(
      await gateway.invoke('encounters.list', { before: { occurredAt: new Date().toISOString(), id: 7 } }, actor),
    ).toMatchObject({ ok: false, error: { code: 'cursor_invalid', field: 'before.id' } });
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
