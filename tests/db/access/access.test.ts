/**
 * Access, as the contract declares it and dispatch enforces it: every channel for every role, the
 * viewer kept from writes and from participant codes (through the gateway, as the app calls), the
 * record rule that lets outreach workers change only their own recent entries, and staff who are
 * unknown or deactivated.
 */
import { describe, expect, it } from 'vitest';
import { contract, laneOf, type ChannelName, type CoreChannelName } from '../../../db/contract';
import { accessFor, newStaffRole, recordRules } from '../../../db/contract/access';
import { staffRoles } from '../../../db/contract/vocabulary';
import { createGateway } from '../../../db/runtime/gateway';
import { channelSamples } from '../../support/channel-samples';
import { noFileChosen, openFieldCore, perform } from '../../support/core';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';

const checked = (channel: ChannelName) => laneOf(channel) !== 'host' && laneOf(channel) !== 'runtime';

describe('the access table', () => {
  it('lets each role call exactly the channels the contract gives it', async () => {
    const field = await openFieldCore();
    const { core, db, writer } = field;
    const staff = Object.fromEntries(
      staffRoles.map((role) => [role, role === 'admin' ? writer : staffWithRole(db, writer, role)]),
    );
    const saved: Record<string, unknown> = {};
    const samples = channelSamples(field, writer, saved);
    const seen: string[] = [];
    for (const channel of Object.keys(samples) as ChannelName[]) {
      // Host channels are the host's; following a job is its starter's alone (tests/db/runtime/jobs.test.ts).
      if (!checked(channel)) continue;
      // The admin first, so later samples find what they need; then every other role.
      for (const role of ['admin', 'coordinator', 'outreach_worker', 'viewer'] as const) {
        const envelope = await core.call(channel, samples[channel](), staff[role]!);
        const access = accessFor(contract[channel].access, role);
        const code = envelope.ok ? null : envelope.error.code;
        if (access === 'none') expect(code, `${role} on ${channel}`).toBe('not_permitted');
        else if (access === 'full') expect(code, `${role} on ${channel}`).not.toBe('not_permitted');
        // The samples' entries are the admin's: a role limited to its own may not touch them.
        else expect(code, `${role} on ${channel}`).toBe(recordRules[access.rule].refusal);
        if (role === 'admin') {
          // Set up once already, setup answers as it does on a set-up program (tests/db/dispatch/first-run.test.ts).
          if (channel === 'system.setup') expect(code).toBe('setup_already_done');
          else if (!envelope.ok) throw new Error(`${channel} failed for the admin: ${envelope.error.code}`);
          else saved[channel] = envelope.data;
        }
        seen.push(`${channel}:${role}`);
      }
    }
    expect(seen).toHaveLength((Object.keys(contract) as ChannelName[]).filter(checked).length * 4);
  });

  it('keeps participant codes from viewers, and lets them read what holds no one', () => {
    const codeChannels: CoreChannelName[] = [
      'encounters.get',
      'encounters.list',
      'tallies.list',
      'participants.search',
      'participants.get',
      'participants.buildCode',
      'participants.merges',
    ];
    for (const channel of codeChannels) expect(accessFor(contract[channel].access, 'viewer'), channel).toBe('none');
    for (const channel of ['sites.list', 'items.list', 'inventory.onHand', 'settings.get'] as const)
      expect(accessFor(contract[channel].access, 'viewer'), channel).toBe('full');
  });

  it('offers new staff the role that may call the fewest channels, and no write', () => {
    const channels = Object.keys(contract) as ChannelName[];
    const reach = (role: (typeof staffRoles)[number]) =>
      channels.filter((channel) => accessFor(contract[channel].access, role) !== 'none');
    expect(newStaffRole).toBe('viewer');
    for (const role of staffRoles) expect(reach(newStaffRole).length).toBeLessThanOrEqual(reach(role).length);
    const writes = channels.filter((channel) => laneOf(channel) === 'write');
    for (const channel of writes) expect(accessFor(contract[channel].access, newStaffRole), channel).toBe('none');
  });
});

describe('a viewer, through the gateway', () => {
  it('is refused on a write channel and on reading participant codes, and nothing changes', async () => {
    const { core, db, writer, site, item } = await openFieldCore();
    perform(db, writer, 'encounters.log', {
      siteId: site.id,
      occurredAt: '2026-11-20T10:00:00Z',
      participantCode: 'MA0785',
      lines: [{ itemId: item('Syringe 1 mL 28G 1/2in').id, quantity: 10 }],
    });
    const viewer = staffWithRole(db, writer, 'viewer');
    const gateway = createGateway({ call: async (channel, input, actor) => core.call(channel, input, actor) });
    const before = databaseState(db);
    const refused = { ok: false, error: { code: 'not_permitted' } };
    expect(
      await gateway.invoke(
        'encounters.log',
        { siteId: site.id, occurredAt: '2026-11-20T11:00:00Z', contactOnly: true, lines: [] },
        viewer,
      ),
    ).toMatchObject(refused);
    expect(await gateway.invoke('sites.create', { name: 'Van 7', siteType: 'mobile_van' }, viewer)).toMatchObject(
      refused,
    );
    expect(await gateway.invoke('encounters.list', {}, viewer)).toMatchObject(refused);
    expect(await gateway.invoke('participants.search', { query: 'MA07' }, viewer)).toMatchObject(refused);
    expect(await gateway.invoke('participants.get', { code: 'MA0785' }, viewer)).toMatchObject(refused);
    expectNothingChanged(db, before);
    // What holds no one is theirs to read.
    expect(await gateway.invoke('sites.list', {}, viewer)).toMatchObject({ ok: true });
    expect(await gateway.invoke('session.current', {}, viewer)).toMatchObject({ ok: true, data: { role: 'viewer' } });
  });

  it('may still try the demo data: a host channel checked against the role the core knows', async () => {
    const { core, db, writer } = await openFieldCore();
    const viewer = staffWithRole(db, writer, 'viewer');
    const switched: unknown[] = [];
    const gateway = createGateway(
      { call: async (channel, input, actor) => core.call(channel, input, actor) },
      {
        ...noFileChosen,
        'system.switchDataSet': async (input) => {
          switched.push(input);
          return { ok: true, data: { demo: input.demo, databasePath: '/demo.sqlite' } };
        },
      },
    );
    expect(await gateway.invoke('system.switchDataSet', { demo: true }, viewer)).toMatchObject({ ok: true });
    perform(db, writer, 'staff.update', { id: viewer.staffId, active: false });
    expect(await gateway.invoke('system.switchDataSet', { demo: true }, viewer)).toMatchObject({
      ok: false,
      error: { code: 'staff_inactive' },
    });
    expect(switched).toEqual([{ demo: true }]);
  });
});

describe("an outreach worker's own recent entries", () => {
  async function workerWithEntries() {
    let now = new Date('2026-11-22T12:00:00Z');
    const field = await openFieldCore({ clock: () => now });
    const { db, writer, site } = field;
    const worker = staffWithRole(db, writer, 'outreach_worker');
    const entry = (actor: typeof writer) =>
      perform(db, actor, 'encounters.log', {
        siteId: site.id,
        occurredAt: now.toISOString(),
        contactOnly: true,
        lines: [],
      });
    const correction = (id: string) => ({
      id,
      expectedRevision: 1,
      reason: 'wrong site',
      siteId: site.id,
      occurredAt: '2026-11-22T11:00:00Z',
      contactOnly: true,
      lines: [],
    });
    return {
      ...field,
      worker,
      entry,
      correction,
      later: (hours: number) => (now = new Date(now.getTime() + hours * 3_600_000)),
    };
  }

  it('may be corrected and voided by the worker who logged them, for 48 hours', async () => {
    const { db, worker, entry, correction, later } = await workerWithEntries();
    const own = entry(worker);
    later(47);
    expect(perform(db, worker, 'encounters.correct', correction(own.id)).revision).toBe(2);
    expect(perform(db, worker, 'encounters.void', { id: own.id, reason: 'entered twice' }).status).toBe('voided');
  });

  it("may not be someone else's, nor older than 48 hours; a coordinator may change either", async () => {
    const { db, writer, worker, entry, correction, later } = await workerWithEntries();
    const admins = entry(writer);
    const old = entry(worker);
    later(49);
    const before = databaseState(db);
    expectRefused(() => perform(db, worker, 'encounters.correct', correction(admins.id)), 'entry_change_not_permitted');
    expectRefused(
      () => perform(db, worker, 'encounters.void', { id: old.id, reason: 'x' }),
      'entry_change_not_permitted',
    );
    expectNothingChanged(db, before);
    const coordinator = staffWithRole(db, writer, 'coordinator');
    expect(perform(db, coordinator, 'encounters.correct', correction(old.id)).changedBy).toBe('Test coordinator');
    expect(perform(db, coordinator, 'encounters.void', { id: admins.id, reason: 'entered twice' }).status).toBe(
      'voided',
    );
  });

  it('reports an entry that does not exist as not found, for limited roles too', async () => {
    const { db, worker } = await workerWithEntries();
    expectRefused(
      () => perform(db, worker, 'encounters.void', { id: '01900000-0000-7000-8000-000000000000', reason: 'x' }),
      'entry_not_found',
      'id',
    );
  });
});

describe('who is acting', () => {
  it('must be known to this database and active, on reads as on writes', async () => {
    const { db, writer } = await openFieldCore();
    expectRefused(
      () => perform(db, { staffId: '01900000-0000-7000-8000-000000000000' }, 'sites.list', {}),
      'staff_not_found',
    );
    const dormant = staffWithRole(db, writer, 'coordinator');
    perform(db, writer, 'staff.update', { id: dormant.staffId, active: false });
    expectRefused(() => perform(db, dormant, 'items.list', {}), 'staff_inactive');
    expectRefused(
      () => perform(db, dormant, 'sites.create', { name: 'Van 8', siteType: 'mobile_van' }),
      'staff_inactive',
    );
  });
});
