/** The bulk path keeps what dispatch guarantees for one call: validation first, access, one transaction, audit. */
import { describe, expect, it } from 'vitest';
import { written } from '../../../db/access/operations';
import type { ChannelInput } from '../../../db/contract';
import type { Actor } from '../../../db/contract/envelope';
import type { Core } from '../../../db/runtime/core';
import { bulkWrite, performMany } from '../../../db/dispatch/bulk';
import { auditChanges } from '../../support/audit';
import { openFieldCore, read } from '../../support/core';
import { databaseState, expectNothingChanged, expectRefused } from '../../support/refusal';
import { staffWithRole } from '../../support/staff';

/** A batch of two new sites: Van 1, then `second`. */
function vanAnd(core: Core, actor: Actor, second: ChannelInput<'sites.create'>) {
  return performMany(core.context, 'sites.create', [{ name: 'Van 1', siteType: 'mobile_van' }, second], actor);
}

describe('performMany', () => {
  it('runs one channel for every input in one transaction, each record audited under the channel', async () => {
    const { core, db, writer } = await openFieldCore();
    const sites = vanAnd(core, writer, { name: 'Park loop', siteType: 'street_outreach' });
    expect(sites.map((site) => site.name)).toEqual(['Van 1', 'Park loop']);
    expect(read(db, 'sites.list', {}).map((site) => site.name)).toEqual(['Main site', 'Park loop', 'Van 1']);
    expect(auditChanges(db, 'sites.create').slice(-2)).toEqual(
      sites.map((site) => ({ entity: 'site', id: site.id, before: undefined, after: site })),
    );
  });

  it('validates every input before writing any, naming the input by its index', async () => {
    const { core, db, writer } = await openFieldCore();
    const before = databaseState(db);
    const error = expectRefused(
      () => vanAnd(core, writer, { name: '\u200b', siteType: 'mobile_van' }),
      'name_required',
      '1.name',
    );
    expect(error.issues.map((issue) => issue.field)).toEqual(['1.name']);
    expectNothingChanged(db, before);
  });

  it('writes nothing when one input is refused by its operation or by access', async () => {
    const { core, db, writer } = await openFieldCore();
    const before = databaseState(db);
    expectRefused(() => vanAnd(core, writer, { name: 'VAN 1', siteType: 'fixed' }), 'site_name_taken', '1.name');
    expectNothingChanged(db, before);
    const viewer = staffWithRole(db, writer, 'viewer');
    const withViewer = databaseState(db);
    expectRefused(
      () => performMany(core.context, 'sites.create', [{ name: 'Van 2', siteType: 'mobile_van' }], viewer),
      'not_permitted',
    );
    expectNothingChanged(db, withViewer);
  });
});

describe('bulkWrite', () => {
  it('is for admins, runs in one transaction and audits its changes under its action', async () => {
    const { core, db, writer } = await openFieldCore();
    const coordinator = staffWithRole(db, writer, 'coordinator');
    expectRefused(() => bulkWrite(core.context, coordinator, 'demo.generate', () => written(null)), 'not_permitted');
    const before = databaseState(db);
    expect(() =>
      bulkWrite(core.context, writer, 'demo.generate', ({ db: tx }) => {
        tx.run(tx.query.updateTable('program_settings').set({ program_name: 'Halfway' }));
        throw new Error('the disk is full');
      }),
    ).toThrow('the disk is full');
    expectNothingChanged(db, before);
    bulkWrite(core.context, writer, 'demo.generate', () =>
      written(null, { entity: 'database', id: core.info.deviceId, after: { generated: true } }),
    );
    expect(auditChanges(db, 'demo.generate')).toEqual([
      { entity: 'database', id: core.info.deviceId, before: undefined, after: { generated: true } },
    ]);
  });
});
