/**
 * Every record Outpost seeds has a Spanish name, so a new program reading in Spanish sees no
 * English catalog; a name someone gave a record is never translated.
 */
import { describe, expect, it } from 'vitest';
import { defaultItems, defaultServiceTypes } from '../../../db/catalog/default-catalog';
import { hasSeededTranslation, seededName } from '../../../db/contract/seeded-names';

const seeded = [
  ...defaultItems.map((item) => item.name),
  ...defaultServiceTypes.map((type) => type.name),
  'Main site',
  'Default staff member',
];

describe('seeded names', () => {
  it.each(seeded)('%s has a Spanish name of its own', (name) => {
    expect(hasSeededTranslation(name)).toBe(true);
    expect(seededName(name, 'es')).not.toBe(name);
    expect(seededName(name, 'es-US')).toBe(seededName(name, 'es'));
  });

  it('gives two seeded records two Spanish names', () => {
    const spanish = seeded.map((name) => seededName(name, 'es'));
    expect(new Set(spanish).size).toBe(seeded.length);
  });

  it('keeps English names in English and leaves names nobody seeded as they are', () => {
    expect(seededName('Main site', 'en')).toBe('Main site');
    expect(seededName('Sitio del parque', 'es')).toBe('Sitio del parque');
    expect(hasSeededTranslation('Sitio del parque')).toBe(false);
  });
});
