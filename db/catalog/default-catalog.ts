/**
 * What a new program starts with: a catalog of supplies common in US and Canadian harm reduction
 * programs, the contents of its kits, and a list of services and referrals. All are ordinary
 * records, editable (and deactivatable) afterwards. Pack sizes are the usual supplier packs.
 */
import type { ChannelInput } from '../contract';
import type { ServiceKind } from '../contract/vocabulary';

type NewItem = ChannelInput<'items.create'>;

const syringe = (name: string, isCommon = false): NewItem => ({
  name,
  category: 'syringe',
  unit: 'syringe',
  unitsPerPack: 100,
  isCommon,
});

export const defaultItems: NewItem[] = [
  // Syringes, sold in boxes of 100
  syringe('Syringe 1 mL 27G 1/2in', true),
  syringe('Syringe 1 mL 28G 1/2in', true),
  syringe('Syringe 1 mL 29G 1/2in'),
  syringe('Syringe 1 mL 30G 5/16in'),
  syringe('Syringe 0.5 mL 28G 1/2in'),
  syringe('Syringe 0.5 mL 30G 5/16in'),
  syringe('Syringe 3 mL 23G 1in'),
  // Other injection supplies
  { name: 'Cooker', category: 'other', unit: 'cooker', unitsPerPack: 100, isCommon: true },
  { name: 'Cotton filter', category: 'other', unit: 'filter', unitsPerPack: 100 },
  { name: 'Sterile water 2 mL', category: 'other', unit: 'ampoule', unitsPerPack: 100 },
  { name: 'Alcohol pad', category: 'other', unit: 'pad', unitsPerPack: 200, isCommon: true },
  { name: 'Tourniquet', category: 'other', unit: 'tourniquet', unitsPerPack: 100 },
  // Naloxone: one unit is one box or vial; reports count kits by form and doses
  {
    name: 'Naloxone nasal 4 mg (box of 2)',
    category: 'naloxone',
    unit: 'box',
    naloxoneForm: 'nasal',
    dosesPerUnit: 2,
    tracksLots: true,
    isCommon: true,
  },
  {
    name: 'Naloxone injectable 0.4 mg/mL (1 mL vial)',
    category: 'naloxone',
    unit: 'vial',
    unitsPerPack: 10,
    naloxoneForm: 'intramuscular',
    dosesPerUnit: 1,
    tracksLots: true,
  },
  // Drug checking
  { name: 'Fentanyl test strip', category: 'fentanyl_test_strip', unit: 'strip', unitsPerPack: 100, isCommon: true },
  { name: 'Xylazine test strip', category: 'xylazine_test_strip', unit: 'strip', unitsPerPack: 100 },
  // Safer smoking
  { name: 'Glass stem', category: 'smoking', unit: 'stem', unitsPerPack: 100 },
  { name: 'Mouthpiece', category: 'smoking', unit: 'mouthpiece', unitsPerPack: 100 },
  { name: 'Brass screen', category: 'smoking', unit: 'screen', unitsPerPack: 100 },
  { name: 'Push stick', category: 'smoking', unit: 'stick', unitsPerPack: 100 },
  { name: 'Foil sheet', category: 'smoking', unit: 'sheet', unitsPerPack: 100 },
  { name: 'Safer smoking kit', category: 'smoking', unit: 'kit', isKit: true },
  // Safer sex
  { name: 'External condom', category: 'safer_sex', unit: 'condom', unitsPerPack: 144, isCommon: true },
  { name: 'Internal condom', category: 'safer_sex', unit: 'condom', unitsPerPack: 100 },
  { name: 'Lubricant sachet', category: 'safer_sex', unit: 'sachet', unitsPerPack: 100 },
  // Wound care and hygiene, bought ready-made
  { name: 'Wound care kit', category: 'wound_care', unit: 'kit', isKit: true },
  { name: 'Adhesive bandage', category: 'wound_care', unit: 'bandage', unitsPerPack: 100 },
  { name: 'Hygiene kit', category: 'hygiene', unit: 'kit', isKit: true },
  // Sharps containers
  { name: 'Sharps container 1 qt', category: 'sharps_container', unit: 'container', unitsPerPack: 24 },
  { name: 'Sharps container 1 gal', category: 'sharps_container', unit: 'container', unitsPerPack: 12 },
  // Anything else
  { name: 'Other supply', category: 'other', unit: 'unit' },
];

/** Kit contents seeded as version 1, by item name. */
export const defaultKitContents: { kit: string; components: { item: string; units: number }[] }[] = [
  {
    kit: 'Safer smoking kit',
    components: [
      { item: 'Glass stem', units: 1 },
      { item: 'Mouthpiece', units: 2 },
      { item: 'Brass screen', units: 5 },
      { item: 'Push stick', units: 1 },
      { item: 'Alcohol pad', units: 2 },
    ],
  },
  {
    kit: 'Wound care kit',
    components: [
      { item: 'Adhesive bandage', units: 5 },
      { item: 'Alcohol pad', units: 4 },
    ],
  },
];

export const defaultServiceTypes: { name: string; kind: ServiceKind }[] = [
  { name: 'Naloxone training', kind: 'service' },
  { name: 'HIV test', kind: 'service' },
  { name: 'HCV test', kind: 'service' },
  { name: 'STI test', kind: 'service' },
  { name: 'Vaccination', kind: 'service' },
  { name: 'Wound care', kind: 'service' },
  { name: 'Drug checking', kind: 'service' },
  { name: 'Peer support', kind: 'service' },
  { name: 'Case management', kind: 'service' },
  { name: 'MOUD / treatment referral', kind: 'referral' },
  { name: 'Withdrawal management referral', kind: 'referral' },
  { name: 'HIV care or PrEP referral', kind: 'referral' },
  { name: 'HCV treatment referral', kind: 'referral' },
  { name: 'Primary care referral', kind: 'referral' },
  { name: 'Mental health referral', kind: 'referral' },
  { name: 'Housing referral', kind: 'referral' },
  { name: 'Food or income support referral', kind: 'referral' },
  { name: 'Legal aid referral', kind: 'referral' },
];
