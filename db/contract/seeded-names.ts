/**
 * The names Outpost gives the records it seeds (the default catalog, services and referrals, the
 * first site, the first staff member), in each interface language. They are stored in English;
 * a record whose name is still its seeded one is shown in the reader's language, and one someone
 * renamed keeps the name they gave it.
 */
import type { Language } from './vocabulary';

/** English seeded name -> Spanish. Terms follow docs/glossary.md. */
const spanish: Record<string, string> = {
  'Main site': 'Sitio principal',
  'Default staff member': 'Integrante inicial del personal',
  // Items: sizes keep the units printed on US boxes (mL, G, inches as pulg.).
  'Syringe 1 mL 27G 1/2in': 'Jeringa 1 mL 27G 1/2 pulg.',
  'Syringe 1 mL 28G 1/2in': 'Jeringa 1 mL 28G 1/2 pulg.',
  'Syringe 1 mL 29G 1/2in': 'Jeringa 1 mL 29G 1/2 pulg.',
  'Syringe 1 mL 30G 5/16in': 'Jeringa 1 mL 30G 5/16 pulg.',
  'Syringe 0.5 mL 28G 1/2in': 'Jeringa 0.5 mL 28G 1/2 pulg.',
  'Syringe 0.5 mL 30G 5/16in': 'Jeringa 0.5 mL 30G 5/16 pulg.',
  'Syringe 3 mL 23G 1in': 'Jeringa 3 mL 23G 1 pulg.',
  Cooker: 'Cazoleta',
  'Cotton filter': 'Filtro de algodón',
  'Sterile water 2 mL': 'Agua estéril 2 mL',
  'Alcohol pad': 'Toallita con alcohol',
  Tourniquet: 'Torniquete',
  'Naloxone nasal 4 mg (box of 2)': 'Naloxona nasal 4 mg (caja de 2)',
  'Naloxone injectable 0.4 mg/mL (1 mL vial)': 'Naloxona inyectable 0.4 mg/mL (frasco de 1 mL)',
  'Fentanyl test strip': 'Tira reactiva de fentanilo',
  'Xylazine test strip': 'Tira reactiva de xilacina',
  'Glass stem': 'Pipa de vidrio',
  Mouthpiece: 'Boquilla',
  'Brass screen': 'Filtro de latón',
  'Push stick': 'Varilla empujadora',
  'Foil sheet': 'Hoja de aluminio',
  'Safer smoking kit': 'Kit para fumar más seguro',
  'External condom': 'Condón externo',
  'Internal condom': 'Condón interno',
  'Lubricant sachet': 'Sobre de lubricante',
  'Wound care kit': 'Kit de cuidado de heridas',
  'Adhesive bandage': 'Curita',
  'Hygiene kit': 'Kit de higiene',
  'Sharps container 1 qt': 'Contenedor para objetos punzocortantes 1 qt',
  'Sharps container 1 gal': 'Contenedor para objetos punzocortantes 1 gal',
  'Other supply': 'Otro insumo',
  // Services and referrals.
  'Naloxone training': 'Capacitación sobre naloxona',
  'HIV test': 'Prueba de VIH',
  'HCV test': 'Prueba de hepatitis C',
  'STI test': 'Prueba de ITS',
  Vaccination: 'Vacunación',
  'Wound care': 'Cuidado de heridas',
  'Drug checking': 'Análisis de sustancias',
  'Peer support': 'Apoyo entre pares',
  'Case management': 'Manejo de casos',
  'MOUD / treatment referral': 'Derivación a MOUD / tratamiento',
  'Withdrawal management referral': 'Derivación a manejo de la abstinencia',
  'HIV care or PrEP referral': 'Derivación a atención del VIH o PrEP',
  'HCV treatment referral': 'Derivación a tratamiento de hepatitis C',
  'Primary care referral': 'Derivación a atención primaria',
  'Mental health referral': 'Derivación a salud mental',
  'Housing referral': 'Derivación a vivienda',
  'Food or income support referral': 'Derivación a apoyo alimentario o de ingresos',
  'Legal aid referral': 'Derivación a asistencia legal',
};

/** `name` in `language` when it is a seeded name never renamed; otherwise `name` itself. */
export function seededName(name: string, language: Language | string): string {
  if (language.startsWith('es')) return spanish[name] ?? name;
  return name;
}

/** Whether `name` is one of the seeded names with a translation (for tests and the glossary check). */
export function hasSeededTranslation(name: string): boolean {
  return Object.hasOwn(spanish, name);
}
