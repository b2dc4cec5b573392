/**
 * The names of every channel, with no dependencies, so the sandboxed preload can expose exactly
 * these without bundling the schemas. `contract` in ./index.ts must define each one (checked by tsc).
 */
export const channelNames = [
  'system.about',
  'session.current',
  'sites.list',
  'items.list',
  'encounters.log',
  'encounters.list',
] as const;

export type ChannelName = (typeof channelNames)[number];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && (channelNames as readonly string[]).includes(value);
}
