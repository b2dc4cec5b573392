/** The renderer tests' stand-in for the core applies the contract, as the core does. */
import { describe, expect, it } from 'vitest';
import { contractViolations, installFakeBridge, ok, sites } from './fakeBridge';

describe('the fake bridge', () => {
  it('refuses an input the contract refuses, as the core would, without asking the fake', async () => {
    const bridge = installFakeBridge();
    const answer = await window.outpost!['sites.create']({ name: '\u200b', siteType: 'fixed' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'name_required', field: 'name' } });
    expect(bridge['sites.create']).not.toHaveBeenCalled();
    const unknownField = await window.outpost!['encounters.list']({ limit: 10, everything: true } as never);
    expect(unknownField).toMatchObject({ ok: false, error: { code: 'unknown_field' } });
    // The renderer never sends what the core refuses: each such call fails the test that made it.
    expect(contractViolations.splice(0)).toEqual([
      'sites.create was sent an input the core refuses (name_required at name)',
      'encounters.list was sent an input the core refuses (unknown_field at the input)',
    ]);
  });

  it('passes valid input to the fake as the renderer sent it', async () => {
    const bridge = installFakeBridge();
    await window.outpost!['sites.create']({ name: ' Van 2 ', siteType: 'mobile_van' });
    expect(bridge['sites.create']).toHaveBeenCalledWith({ name: ' Van 2 ', siteType: 'mobile_van' });
  });

  it('flags a faked answer that does not match the output schema', async () => {
    const bridge = installFakeBridge();
    bridge['sites.list'].mockResolvedValueOnce(ok([{ ...sites[0]!, siteType: 'castle' }] as never));
    await window.outpost!['sites.list']({});
    expect(contractViolations.splice(0)).toEqual([expect.stringContaining('sites.list answered')]);
    bridge['sites.list'].mockResolvedValueOnce({ ok: false, error: { code: 'no_such_code', message: 'x' } } as never);
    await window.outpost!['sites.list']({});
    expect(contractViolations.splice(0)).toEqual(['sites.list refused with an unknown code: no_such_code']);
  });
});
