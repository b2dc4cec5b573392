/**
 * Every error the core reports on purpose, by stable code. The renderer shows `errors.<code>` from
 * its locale files (a test checks each code is translated); `message` here is plain English for
 * logs and the command line. Schemas use these codes as their messages.
 */
export const errorMessages = {
  // Input validation
  site_required: 'Choose a site.',
  item_required: 'Choose an item for each supply line.',
  item_repeated: 'This item is already in the list; change its quantity instead.',
  quantity_invalid: 'Enter a quantity.',
  quantity_whole: 'Enter a whole number.',
  quantity_positive: 'Quantity must be at least 1.',
  quantity_too_large: 'Quantity must be at most 10,000.',
  lines_too_many: 'An encounter can have at most 100 supply lines.',
  occurred_at_invalid: 'Enter a valid date and time.',
  participant_code_format: 'A participant code uses 1 to 32 letters, digits or dashes.',
  limit_invalid: 'The list size must be a whole number from 1 to 500.',
  cursor_invalid: 'The list cannot continue from that point; start it again from the top.',
  date_range_backwards: 'The range ends before it starts: choose an end date on or after the start date.',
  invalid_value: 'A value is not valid.',
  setup_sites_required: 'Add at least one site.',
  setup_sites_too_many: 'Set up at most 50 sites here; add more later in Settings.',
  setup_item_unknown: 'That item is not in the default catalog.',
  setup_required: 'Set up the program first.',
  setup_already_done: 'This program is already set up; change its settings in Settings.',
  unknown_field: 'The request has a field this version does not know.',
  // Domain rules
  occurred_at_future: 'The date and time is in the future.',
  occurred_at_too_early: 'The date is before the year 2000.',
  site_not_found: 'That site does not exist.',
  site_inactive: 'That site is no longer active.',
  item_not_found: 'That item is not in the catalog.',
  item_inactive: 'That item is no longer offered.',
  staff_not_found: 'The signed-in staff member is not known to this database.',
  staff_inactive: 'The signed-in staff member has been deactivated.',
  not_permitted: 'Your role does not allow this.',
  // Field entries (encounters and tallies)
  entry_not_found: 'That encounter or tally does not exist.',
  entry_voided: 'That record has been voided and can no longer be changed.',
  entry_changed_meanwhile: 'Someone changed this record meanwhile; reload it and try again.',
  reason_required: 'Give a reason.',
  reason_too_long: 'The reason must be at most 500 characters.',
  note_too_long: 'The note must be at most 500 characters.',
  contacts_invalid: 'Contacts must be a whole number from 1 to 100,000.',
  on_behalf_of_invalid: 'The number of other people must be a whole number from 0 to 1,000.',
  collected_invalid: 'Enter a count of at least 0.',
  containers_invalid: 'Enter a number of containers from 0 to 10,000.',
  pounds_invalid: 'Enter a weight from 0 to 100,000 pounds.',
  service_type_not_found: 'That service or referral type does not exist.',
  service_type_inactive: 'That service or referral type is no longer offered.',
  service_repeated: 'This service is already listed.',
  lot_not_found: 'That lot does not exist for this item.',
  unmet_request_repeated: 'This item is already listed as an unmet request.',
  doses_used_invalid: 'Doses used must be a whole number from 1 to 50.',
  participant_not_found: 'That participant code does not exist.',
  date_invalid: 'Enter a date as YYYY-MM-DD.',
  preset_not_found: 'That preset does not exist.',
  preset_name_taken: 'Another preset already has this name.',
  preset_lines_required: 'Add at least one item to the preset.',
  wrong_kind: 'That record is not of this kind (encounter or tally).',
  entry_change_not_permitted:
    'Outreach workers can correct or void only their own entries of the last 48 hours. Ask a coordinator.',
  undo_not_yours: 'Only the person who saved an entry can undo it. Void it with a reason instead.',
  undo_too_late: 'It is too late to undo this save. Void it with a reason instead.',
  undo_after_correction: 'This entry has been corrected since it was saved. Void it with a reason instead.',
  entry_empty:
    'Nothing is recorded yet. Add supplies, syringes collected, a service or a report, or mark it a contact with no supplies.',
  form_key_invalid: 'This form cannot be saved as it is; open a new one.',
  // Collections (kiosks, drop boxes, sweeps)
  collection_empty: 'Enter the syringes counted, or the containers or weight collected.',
  collection_counted_or_estimated:
    'Enter either the syringes counted or the containers and weight, not both: they would count the same syringes twice.',
  collected_on_future: 'The day collected is in the future.',
  collection_not_found: 'That collection does not exist.',
  collection_voided: 'That collection has been voided and can no longer be changed.',
  collection_change_not_permitted:
    'Outreach workers can correct or void only their own collections of the last 48 hours. Ask a coordinator.',
  // Participants and their codes
  code_answer_missing: 'Answer this question, or mark it as declined.',
  code_answer_too_long: 'This answer is too long.',
  code_required: 'Type the code; it cannot be declined.',
  code_letters_invalid: 'Enter letters (A to Z; accents are ignored), or mark the question as declined.',
  code_letters_count: 'Enter exactly 4 letters.',
  code_month_invalid: 'Enter a month from 1 to 12.',
  code_day_invalid: 'Enter a day of the month from 1 to 31.',
  code_year_invalid: 'Enter a year of birth as 4 digits, from 1900 to 2099.',
  code_year_short_invalid: 'Enter the year of birth as 2 digits (or 4).',
  code_choice_invalid: 'Choose one of the options, or mark the question as declined.',
  participant_code_taken: 'This code is already taken. If this is a different person, add a suffix letter.',
  participant_code_too_long: 'With a suffix letter this code would be longer than 32 characters.',
  participant_code_unfit:
    "This new code does not follow the program's code formula. Check it, or build it from the questions.",
  // Said by the log form, before anything is sent: a typo must not become a new person unseen.
  participant_new_unconfirmed:
    'Nobody has this code yet. Press Enter in the code to add a new participant, or choose a close match.',
  participant_suffixes_used_up: 'Every suffix for this code is already taken.',
  participant_search_query_required: 'Type at least one letter or digit to search.',
  participant_id_or_code: 'Give a participant code or an id (one of the two).',
  participant_merge_same: 'A code cannot be merged into itself.',
  participant_already_merged:
    'This code is already merged into another one. Merge that one instead, or undo its merge first.',
  participant_merge_circular: 'The other code is already merged into this one.',
  merge_not_found: 'That merge does not exist.',
  merge_already_undone: 'That merge has already been undone.',
  merge_not_latest: 'Only the latest merge of this code can be undone.',
  // Settings, staff, the catalog and stock
  name_required: 'Enter a name.',
  name_invalid: 'A name is one line of text without control characters.',
  text_invalid: 'Remove the control characters from this text.',
  name_too_long: 'The name is too long.',
  program_name_too_long: 'The program name must be at most 120 characters.',
  time_zone_invalid: 'Choose a time zone from the list (for example America/Vancouver).',
  refile_time_zone_changed: "The program's time zone changed meanwhile; look at what would move again.",
  refile_month_closed: 'Some of these entries are in a closed month, so they cannot be re-filed.',
  syringes_per_container_invalid: 'Syringes per container must be more than 0 and at most 100,000.',
  syringes_per_pound_invalid: 'Syringes per pound must be more than 0 and at most 100,000.',
  expiry_warning_days_invalid: 'Expiry warning days must be a whole number from 0 to 3,650.',
  small_cell_threshold_invalid: 'The small-number threshold must be a whole number from 1 to 100.',
  site_name_taken: 'Another site already has this name.',
  staff_member_not_found: 'That staff member does not exist.',
  last_admin: 'At least one active admin must remain: make someone else an admin first.',
  item_name_taken: 'Another item already has this name.',
  sku_taken: 'Another item already has this SKU.',
  sku_too_long: 'The SKU must be at most 60 characters.',
  unit_required: 'Enter the unit items are handed out in (for example syringe, box, kit).',
  unit_too_long: 'The unit must be at most 40 characters.',
  units_per_pack_invalid: 'Units per pack must be a whole number from 1 to 100,000.',
  naloxone_form_required: 'Choose the naloxone form: nasal or intramuscular.',
  doses_per_unit_required: 'Enter the doses per unit of this naloxone product.',
  doses_per_unit_invalid: 'Doses per unit must be a whole number from 1 to 100.',
  naloxone_only_field: 'Only naloxone items have a form and doses per unit.',
  kit_naloxone_field: 'A kit has no naloxone form or doses per unit of its own: the items in it have them.',
  category_locked:
    'The category cannot change once this item has been received or handed out: reports count it by category.',
  doses_per_unit_locked:
    'Doses per unit cannot change once this item has been received or handed out: reports count doses from it.',
  naloxone_form_locked:
    'The naloxone form cannot change once this item has been received or handed out: reports count kits by form.',
  item_in_kit: 'This item is part of a kit, so it cannot be a kit itself.',
  not_a_kit: 'That item is not a kit.',
  components_required: 'Add at least one item to the kit.',
  components_too_many: 'A kit can have at most 100 different items.',
  component_is_kit: 'A kit cannot contain another kit.',
  component_is_self: 'A kit cannot contain itself.',
  component_repeated: 'This item is already in the kit; change its units instead.',
  component_units_invalid: 'Units must be a whole number from 1 to 10,000.',
  service_type_name_taken: 'Another service or referral type already has this name.',
  sort_order_invalid: 'The position must be a whole number from -100,000 to 100,000.',
  quantity_packs_or_units: 'Enter the quantity either in packs or in units, not both.',
  packs_invalid: 'Packs must be a whole number from 1 to 100,000.',
  units_invalid: 'Units must be a whole number from 1 to 10,000,000.',
  receipt_too_large: 'A receipt can be at most 10,000,000 units.',
  lot_number_required: 'Enter the lot number: this item is tracked by lot.',
  lot_number_too_long: 'The lot number must be at most 60 characters.',
  expiry_required: 'Enter the expiry date: this item is tracked by lot.',
  lot_not_tracked: 'This item is not tracked by lot: leave the lot number and expiry date empty.',
  lot_expiry_mismatch:
    'This lot is already recorded with a different expiry date. Check the lot number and the expiry date.',
  lot_on_hold: 'This lot is on hold: choose another lot, or release it first.',
  lot_hold_unchanged: 'This lot is already in that state.',
  expiry_in_past: 'This expiry date has passed. Check it, or confirm that you are receiving expired stock.',
  source_too_long: 'The source must be at most 120 characters.',
  received_before_stock_start: "The receipt is dated before the program's stock start date.",
  // Barcodes and GTINs
  gtin_invalid: 'A GTIN is the 8, 12, 13 or 14 digits under the barcode.',
  gtin_check_digit:
    'The last digit of this GTIN does not match the others. Compare it with the number printed under the barcode.',
  gtin_taken: 'Another item already has this GTIN.',
  gtin_on_this_item: 'This item already has this GTIN. If it was retired, reactivate it instead.',
  gtin_not_found: 'That GTIN is not recorded for this item.',
  gtin_unknown: 'No item has this GTIN yet. Choose the item, and add the GTIN to it in Settings.',
  gtin_inactive: 'This GTIN is retired. Choose the item by hand, or reactivate the GTIN in Settings.',
  gtin_other_item: 'This GTIN belongs to another item. Look again at the item on this line.',
  gtin_label_too_long: 'The package name must be at most 80 characters.',
  barcode_required: 'Scan a barcode or type its digits.',
  barcode_unreadable:
    'This barcode could not be read as a GTIN or a GS1 barcode. Scan it again, or fill the line by hand.',
  barcode_truncated: 'The barcode seems cut short. Scan it again.',
  barcode_check_digit: "The barcode's GTIN does not add up (its last digit is wrong). Scan it again.",
  barcode_no_gtin: 'This barcode carries no GTIN, so the item cannot be told from it. Fill the line by hand.',
  barcode_expiry_invalid: 'The expiry date in this barcode is not a real date. Enter the expiry date by hand.',
  // Deliveries (receipts of several lines)
  delivery_lines_required: 'Add at least one item to receive.',
  delivery_lines_too_many: 'At most 100 lines can be received together.',
  // Transfers
  transfer_lines_required: 'Add at least one item to the transfer.',
  transfer_lines_too_many: 'A transfer can have at most 100 lines.',
  transfer_line_repeated: 'This item (and lot) is already on the transfer; change its quantity instead.',
  transfer_same_site: 'A transfer goes to another site: choose a different one.',
  reference_too_long: 'The reference must be at most 120 characters.',
  transfer_not_found: 'That transfer does not exist.',
  transfer_line_unknown: 'That line is not on this transfer.',
  write_off_reason_required: 'Say why the stock did not arrive: short, damaged or lost.',
  transfer_exceeds_stock:
    'The sending site does not have that many units available. Check the quantity, or count the stock first.',
  lot_units_exceeded: 'This lot holds fewer units at this site.',
  transfer_not_in_transit: 'Nothing of this transfer is still in transit.',
  transfer_cancel_too_late:
    'Part of this transfer was already received or written off, so it can no longer be cancelled.',
  transfer_more_than_in_transit: 'That is more than is still in transit on this line.',
  transfer_received_before_sent: 'The receipt is dated before the transfer was sent.',
  sent_before_stock_start: "The transfer is dated before the program's stock start date.",
  stock_start_after_movements:
    'Stock has already moved before that date. The stock start date can only move to the day of the first movement or earlier.',
  // Adjustments
  adjustment_reason_not_found: 'That reason does not exist.',
  adjustment_reason_required: 'Choose a reason for the adjustment.',
  adjustment_reason_inactive: 'That reason is retired: choose another one.',
  adjustment_reason_name_taken: 'Another reason already has this name.',
  adjustment_reason_built_in: "Outpost's own reasons cannot be changed; add one of the program's own instead.",
  adjustment_lines_required: 'Add at least one item to the adjustment.',
  adjustment_lines_too_many: 'An adjustment can have at most 100 lines.',
  adjustment_line_repeated: 'This item (and lot) is already on the adjustment; change its quantity instead.',
  adjustment_direction_required: 'This reason can add or remove stock: say which.',
  adjustment_direction_mismatch: 'This reason only moves stock the other way.',
  adjustment_exceeds_stock:
    'The site does not have that many units on hand. Check the quantity, or count the stock first.',
  adjustment_lot_required: 'Choose the lot: this item is tracked by lot.',
  adjusted_before_stock_start: "The adjustment is dated before the program's stock start date.",
  // Counts
  count_scope_invalid: 'Choose what to count: the whole site, one category or one lot.',
  count_category_required: 'Choose the category to count.',
  count_lot_required: 'Choose the lot to count.',
  count_scope_mismatch: 'A category goes with a count of one category, a lot with a count of one lot.',
  count_not_found: 'That count does not exist.',
  count_not_open: 'This count is already posted or cancelled; start a new count instead.',
  count_already_open: 'A count is already open at this site. Post or cancel it first, or enter your figures on it.',
  count_in_future: 'A count is of the shelf as it stands now or stood earlier: choose a moment that has passed.',
  counted_before_stock_start: "The count is dated before the program's stock start date.",
  count_moment_taken: 'Another count at this site is of this very moment: choose another time.',
  count_nothing_to_count: 'There is nothing to count here: this site holds none of these items.',
  count_line_unknown: 'That line is not on this count.',
  count_line_repeated: 'This item (and lot) is already on the count; enter its figure on its line.',
  count_line_out_of_scope: 'This item is not part of what this count covers.',
  count_lot_or_new_lot: 'Choose a lot already recorded, or enter a new lot number and expiry, not both.',
  counted_required: 'Enter what is on the shelf (0 when there is none).',
  counted_invalid: 'Enter the count as a whole number from 0 to 10,000,000.',
  count_nothing_counted: 'Nothing has been counted yet: enter at least one line before posting.',
  // Jobs
  job_not_found: 'That job does not exist, or its result was already fetched.',
  job_cancelled: 'The job was cancelled. Nothing was changed.',
  // Files
  file_handle_invalid: 'Choose the file with Outpost: a file name or path typed in is not accepted.',
  file_not_found: 'That file is no longer available to Outpost. Choose it again.',
  file_not_outpost: 'That file is not an Outpost database that this version can read.',
  file_too_large: 'That file is too large.',
  file_dialog_unavailable: 'Files are chosen by uploading them here.',
  file_name_invalid: 'A file name is one to 200 characters, with no folder in it.',
  file_not_writable: 'Outpost could not write that file. Choose another place, or make room on the disk.',
  copy_check_failed: 'The copy did not match the database, so it was not kept. Try again.',
  // Hosts and the database
  unknown_channel: 'There is no such channel.',
  forbidden_sender: 'This request did not come from Outpost itself and was refused.',
  database_too_new: 'This database was written by a newer version of Outpost. Update Outpost to open it.',
  database_too_old:
    'This copy was made by an earlier version of Outpost, which this version does not check. Nothing was changed.',
  migration_failed: 'Updating the database failed. The database was left as it was.',
  conversion_failed: 'Converting the database to the new version failed. The database was left as it was.',
  conversion_unclean_file:
    'The database was not closed properly. Open it once with Outpost and close it, then try again. Nothing was changed.',
  not_enough_space:
    'There is not enough free space on the disk to update the database. Make room and open Outpost again. Nothing was changed.',
  core_unavailable: 'The database is not available right now. Nothing was changed.',
  internal_error: 'Something went wrong. Nothing was changed.',
} as const;

export type ErrorCode = keyof typeof errorMessages;
export const errorCodes = Object.keys(errorMessages) as [ErrorCode, ...ErrorCode[]];

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorMessages, value);
}

export interface FieldIssue {
  code: ErrorCode;
  message: string;
  field?: string;
}

export class OutpostError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly issues: FieldIssue[];

  constructor(code: ErrorCode, options: { field?: string; issues?: FieldIssue[]; message?: string } = {}) {
    super(options.message ?? errorMessages[code]);
    this.name = 'OutpostError';
    this.code = code;
    this.field = options.field;
    this.issues = options.issues ?? [
      { code, message: this.message, ...(options.field === undefined ? {} : { field: options.field }) },
    ];
  }
}

export class DatabaseTooNewError extends OutpostError {
  constructor(known: number, found: number | string) {
    super('database_too_new', {
      message:
        `This database was written by a newer version of Outpost (schema ${found}); this version knows schema ${known}. ` +
        'Update Outpost to open it. Nothing was changed.',
    });
  }
}
