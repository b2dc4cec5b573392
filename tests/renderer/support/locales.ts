import en from '../../../renderer/src/locales/en.json';
import es from '../../../renderer/src/locales/es.json';

export const locales = { en, es } as const;

/** `{ a: { b: 'x' } }` to `[['a.b', 'x']]`; non-string leaves are returned as-is so tests can catch them. */
export function flatten(value: unknown, prefix = ''): [string, unknown][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, child]) => flatten(child, prefix ? `${prefix}.${key}` : key));
  }
  return [[prefix, value]];
}
