/**
 * The names of every channel, with no dependencies, so the sandboxed preload can expose exactly
 * these without bundling the schemas. `contract` in ./index.ts must define each one and no other
 * (checked by tsc and by tests/db/contract).
 */
export const channelNames = [
  'system.opening',
  'system.about',
  'system.verify',
  'system.verifyFile',
  'files.chooseOpen',
  'files.chooseSave',
  'files.chooseFolder',
  'system.saveCopy',
  'system.switchDataSet',
  'session.current',
  'jobs.get',
  'jobs.cancel',
  'encounters.log',
  'encounters.correct',
  'encounters.void',
  'encounters.undo',
  'encounters.get',
  'encounters.list',
  'encounters.history',
  'tallies.log',
  'tallies.correct',
  'tallies.void',
  'tallies.undo',
  'tallies.get',
  'tallies.list',
  'tallies.history',
  'presets.list',
  'presets.create',
  'presets.update',
  'participants.buildCode',
  'participants.create',
  'participants.search',
  'participants.get',
  'participants.merge',
  'participants.unmerge',
  'participants.merges',
  'settings.get',
  'settings.update',
  'staff.list',
  'staff.create',
  'staff.update',
  'sites.list',
  'sites.create',
  'sites.update',
  'items.list',
  'items.create',
  'items.update',
  'items.setKitContents',
  'items.kitContents',
  'serviceTypes.list',
  'serviceTypes.create',
  'serviceTypes.update',
  'inventory.receive',
  'inventory.onHand',
  'inventory.lots',
] as const;

export type ChannelName = (typeof channelNames)[number];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && (channelNames as readonly string[]).includes(value);
}
