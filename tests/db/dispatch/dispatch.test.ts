/** Dispatch: the one door every call goes through, and what it answers when a call cannot run. */
import { describe, expect, it } from 'vitest';
import { auditActions, auditEntities } from '../../../db/contract/audit';
import { seedDemoData } from '../../../db/demo/demo';
import { openFieldCore, openTestCore } from '../../support/core';

describe('dispatch', () => {
  it('knows no channel the contract does not name, and leaves host channels to the host', async () => {
    const { core, actor } = await openFieldCore();
    expect(core.dispatch('encounters.delete', {}, actor)).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    expect(core.dispatch('system.switchDataSet', { demo: true }, actor)).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
  });

  it('answers a refusal as an envelope with its code, field and issues, never a thrown error', async () => {
    const { core, actor } = await openFieldCore();
    expect(core.dispatch('sites.create', { name: '', siteType: 'castle' }, actor)).toEqual({
      ok: false,
      error: {
        code: 'name_required',
        message: 'Enter a name.',
        field: 'name',
        issues: [
          { code: 'name_required', message: 'Enter a name.', field: 'name' },
          { code: 'invalid_value', message: 'A value is not valid.', field: 'siteType' },
        ],
      },
    });
  });

  it('writes only audit actions and entities of the typed vocabulary', async () => {
    const core = await openTestCore({ clock: () => new Date('2026-11-22T12:00:00Z') });
    seedDemoData(core.context, { staffId: core.info.defaultStaffId }, { sites: 2, years: 0.1, seed: 3 });
    const rows = core.context.db.all(
      core.context.db.query.selectFrom('audit_log').select(['action', 'entity_type']).distinct(),
    );
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      expect(auditActions, row.action).toContain(row.action);
      expect(auditEntities, row.entity_type).toContain(row.entity_type);
    }
  });
});
