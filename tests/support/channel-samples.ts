/**
 * A valid input for every channel, in an order where later ones use what earlier ones made (an
 * encounter to correct, a merge to undo): `saved` holds each channel's answer as it comes.
 */
import type { ChannelName } from '../../db/contract';
import type { Actor } from '../../db/contract/envelope';
import { perform, type openFieldCore } from './core';
import { testSetup } from './test-setup';
import { tempDatabasePath } from './temp-files';

type Field = Awaited<ReturnType<typeof openFieldCore>>;

export function channelSamples(
  { core, db, site, items, item }: Field,
  actor: Actor,
  saved: Record<string, unknown>,
): { [C in ChannelName]: () => unknown } {
  const now = new Date().toISOString();
  /** A day already past wherever the program is. */
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  const idOf = (channel: ChannelName) => (saved[channel] as { id: string }).id;
  /** A correction of the entry `channel` saved, on top of its first revision. */
  const correctionOf = (channel: 'encounters.log' | 'tallies.log', reason: string) => ({
    id: idOf(channel),
    expectedRevision: 1,
    reason,
    siteId: site.id,
    occurredAt: now,
  });
  const naloxone = item('Naloxone nasal 4 mg (box of 2)');
  const vanTransfer = (units: number) => ({
    fromSiteId: site.id,
    toSiteId: idOf('sites.create'),
    lines: [{ itemId: naloxone.id, units }],
  });
  const lotToHold = () => {
    saved['lotToHold'] ??= perform(db, actor, 'inventory.receive', {
      siteId: site.id,
      itemId: naloxone.id,
      units: 2,
      lotNumber: 'HOLD-1',
      expiresOn: '2028-03-31',
    });
    return (saved['lotToHold'] as { lotId: string }).lotId;
  };
  const sentBefore = (name: string) =>
    ((saved[name] as { id: string } | undefined) ??= perform(db, actor, 'inventory.transfer', vanTransfer(1))).id;
  return {
    'system.opening': () => ({}),
    'system.about': () => ({}),
    'system.setupStatus': () => ({}),
    // Refused here (the core is set up already): its answer on a new database is tested with setup.
    'system.setup': () => testSetup,
    'system.verify': () => ({}),
    // This very database, handed over as if someone had chosen it.
    'system.verifyFile': () => ({ file: core.grantFile(core.info.databasePath, 'read').handle }),
    'files.chooseOpen': () => ({ kind: 'outpostDatabase' }),
    'files.chooseSave': () => ({ kind: 'outpostDatabase', suggestedName: 'copy.sqlite' }),
    'files.chooseFolder': () => ({}),
    // A new file in a fresh folder, handed over as if someone had chosen to save there.
    'system.saveCopy': () => ({ file: core.grantFile(tempDatabasePath('copy.sqlite'), 'write').handle }),
    'session.current': () => ({}),
    // The verify job started above: followed, then cancelled (it may already have ended).
    'jobs.get': () => ({ jobId: (saved['system.verify'] as { jobId: string }).jobId }),
    'jobs.cancel': () => ({ jobId: (saved['system.verify'] as { jobId: string }).jobId }),
    'system.switchDataSet': () => ({ demo: true }),
    'settings.get': () => ({}),
    'settings.update': () => ({ programName: 'Eastside Harm Reduction' }),
    'settings.refilePreview': () => ({}),
    // Into the zone the field core is in: nothing is misfiled, so it moves nothing.
    'settings.refile': () => ({ timeZone: 'America/Los_Angeles' }),
    'staff.list': () => ({}),
    'staff.create': () => ({ displayName: 'Riley', role: 'outreach_worker' }),
    'staff.update': () => ({ id: (saved['staff.create'] as { id: string }).id, displayName: 'Riley S.' }),
    'sites.list': () => ({}),
    'sites.create': () => ({ name: 'Van 2', siteType: 'mobile_van' }),
    'sites.update': () => ({ id: (saved['sites.create'] as { id: string }).id, name: 'Van Two' }),
    'items.list': () => ({ includeInactive: true }),
    'items.create': () => ({ name: 'Wide-mouth cooker', category: 'other', unit: 'cooker', unitsPerPack: 100 }),
    'items.update': () => ({ id: (saved['items.create'] as { id: string }).id, isCommon: true }),
    'items.setKitContents': () => ({
      itemId: item('Safer smoking kit').id,
      components: [{ itemId: (saved['items.create'] as { id: string }).id, units: 2 }],
    }),
    'items.kitContents': () => ({ itemId: item('Safer smoking kit').id, allVersions: true }),
    // A case of naloxone boxes, as its label prints the GTIN-13.
    'items.addGtin': () => ({ itemId: naloxone.id, gtin: '4006381333931', unitsPerPack: 24, label: 'Case of 12' }),
    'items.gtins': () => ({ itemId: naloxone.id, includeInactive: true }),
    'items.updateGtin': () => ({ id: idOf('items.addGtin'), label: 'Case of 12 boxes' }),
    'serviceTypes.list': () => ({}),
    'serviceTypes.create': () => ({ name: 'Dental referral', kind: 'referral' }),
    'serviceTypes.update': () => ({ id: (saved['serviceTypes.create'] as { id: string }).id, sortOrder: 1 }),
    'presets.create': () => ({ name: 'Standard injection kit x2', lines: [{ itemId: items[0]!.id, quantity: 20 }] }),
    'presets.update': () => ({ id: (saved['presets.create'] as { id: string }).id, sortOrder: 3 }),
    'presets.list': () => ({}),
    'inventory.receive': () => ({
      siteId: site.id,
      itemId: naloxone.id,
      packs: 3,
      lotNumber: 'NX-1',
      expiresOn: '2028-01-31',
      source: 'State grant',
    }),
    // The case added above, scanned from its DataMatrix: lot and expiry after a GS.
    'inventory.readBarcode': () => ({ barcode: ']d2010400638133393117280131\u001d10NX-1' }),
    'inventory.receiveDelivery': () => ({
      siteId: site.id,
      source: 'State grant',
      reference: 'PO-2291',
      lines: [
        { itemId: naloxone.id, packs: 1, gtin: '04006381333931', lotNumber: 'NX-1', expiresOn: '2028-01-31' },
        { itemId: items[0]!.id, units: 100 },
      ],
    }),
    'inventory.deliveries': () => ({ siteId: site.id, limit: 5 }),
    'inventory.onHand': () => ({ siteId: site.id }),
    'inventory.lots': () => ({ itemId: naloxone.id }),
    // A lot of its own, received before the first call: held, then released by a second call.
    'inventory.holdLot': () => ({
      lotId: lotToHold(),
      held: saved['inventory.holdLot'] === undefined,
      reason: 'Recall',
    }),
    // Two units of the lot just received, to the van made above; received one unit at a time.
    'inventory.transfer': () => vanTransfer(2),
    'inventory.receiveTransfer': () => ({ transferId: idOf('inventory.transfer'), lines: [{ line: 1, received: 1 }] }),
    // Each closes a transfer of its own, sent before its first call.
    'inventory.cancelTransfer': () => ({ transferId: sentBefore('toCancel'), reason: 'Sent to the wrong van' }),
    'inventory.writeOffTransfer': () => ({ transferId: sentBefore('toWriteOff'), reason: 'lost' }),
    'inventory.transfers': () => ({ siteId: site.id }),
    'inventory.stockCard': () => ({ siteId: site.id, itemId: naloxone.id }),
    'adjustmentReasons.list': () => ({}),
    'adjustmentReasons.create': () => ({ name: 'Given to a partner agency', direction: 'remove' }),
    'adjustmentReasons.update': () => ({ id: idOf('adjustmentReasons.create'), name: 'Passed to a partner agency' }),
    // A box of the lot received above, found in a cupboard.
    'inventory.adjust': () => ({
      siteId: site.id,
      reason: 'found',
      lines: [{ itemId: naloxone.id, units: 1, lotId: (saved['inventory.receive'] as { lotId: string }).lotId }],
    }),
    'inventory.adjustments': () => ({ siteId: site.id }),
    // A count of the naloxone at the site, with a lot found on the shelf, one line counted and
    // posted; the samples after it use no naloxone.
    'inventory.startCount': () => ({ siteId: site.id, scope: 'category', category: 'naloxone' }),
    'inventory.addCountLine': () => ({
      countId: idOf('inventory.startCount'),
      itemId: naloxone.id,
      lotNumber: 'FOUND-1',
      expiresOn: '2028-06-30',
    }),
    'inventory.enterCount': () => ({ countId: idOf('inventory.startCount'), line: 1, packs: 1, units: 4 }),
    'inventory.postCount': () => ({ countId: idOf('inventory.startCount') }),
    // A count of its own, started once the first is posted.
    'inventory.cancelCount': () => ({
      countId: ((saved['countToCancel'] as { id: string } | undefined) ??= perform(db, actor, 'inventory.startCount', {
        siteId: site.id,
        scope: 'site',
      })).id,
      reason: 'Started at the wrong site',
    }),
    'inventory.counts': () => ({ siteId: site.id }),
    'inventory.count': () => ({ countId: idOf('inventory.startCount') }),
    'participants.buildCode': () => ({
      formula: 'mother_month_year',
      answers: { motherFirstName: 'Maria', birthMonth: '7', birthYear: '1985' },
    }),
    'participants.create': () => ({ code: 'QQ0101' }),
    'participants.search': () => ({ query: 'QQ01' }),
    'participants.get': () => ({ code: 'QQ0101' }),
    'encounters.log': () => ({
      siteId: site.id,
      occurredAt: now,
      participantCode: 'AB12',
      lines: [{ itemId: items[0]!.id, quantity: 3 }],
    }),
    'encounters.correct': () => ({
      ...correctionOf('encounters.log', 'quantity'),
      participantCode: 'AB12',
      lines: [{ itemId: items[0]!.id, quantity: 2 }],
    }),
    'encounters.get': () => ({ id: idOf('encounters.log') }),
    'encounters.list': () => ({ limit: 10 }),
    'encounters.history': () => ({ id: idOf('encounters.log') }),
    'encounters.void': () => ({ id: idOf('encounters.log'), reason: 'entered twice' }),
    // Undo takes back a save just made: one of its own.
    'encounters.undo': () => ({
      id: core.perform('encounters.log', { siteId: site.id, occurredAt: now, contactOnly: true, lines: [] }, actor).id,
    }),
    'tallies.log': () => ({ siteId: site.id, occurredAt: now, contacts: 12, lines: [] }),
    'tallies.correct': () => ({
      ...correctionOf('tallies.log', 'recount'),
      contacts: 14,
      lines: [],
    }),
    'tallies.get': () => ({ id: idOf('tallies.log') }),
    'tallies.history': () => ({ id: idOf('tallies.log') }),
    // The next page after the logged tally: the cursor is the last entry of a page.
    'tallies.list': () => {
      const logged = saved['tallies.log'] as { id: string; occurredAt: string };
      return { limit: 5, before: { occurredAt: logged.occurredAt, id: logged.id } };
    },
    'tallies.void': () => ({ id: idOf('tallies.log'), reason: 'entered twice' }),
    'tallies.undo': () => ({
      id: core.perform('tallies.log', { siteId: site.id, occurredAt: now, contacts: 3, lines: [] }, actor).id,
    }),
    'participants.merge': () => ({
      fromCode: 'QQ0101',
      intoCode: 'AB12',
      reason: 'same person, answered differently',
    }),
    'participants.merges': () => ({ code: 'AB12' }),
    'participants.duplicates': () => ({ siteId: site.id, limit: 10 }),
    'participants.unmerge': () => ({
      mergeId: (saved['participants.merge'] as { mergeId: string }).mergeId,
      reason: 'merged by mistake',
    }),
    'collections.log': () => ({
      siteId: site.id,
      collectedOn: twoDaysAgo,
      source: 'kiosk',
      collected: { counted: 120 },
    }),
    'collections.correct': () => ({
      id: idOf('collections.log'),
      expectedRevision: 1,
      reason: 'recounted',
      siteId: site.id,
      collectedOn: twoDaysAgo,
      source: 'kiosk',
      collected: { counted: 118 },
    }),
    'collections.get': () => ({ id: idOf('collections.log') }),
    'collections.list': () => ({
      siteId: site.id,
      limit: 5,
      before: { collectedOn: twoDaysAgo, id: idOf('collections.log') },
    }),
    'collections.void': () => ({ id: idOf('collections.log'), reason: 'logged twice' }),
  };
}
