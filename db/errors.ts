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
  invalid_value: 'A value is not valid.',
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
  // Hosts and the database
  unknown_channel: 'There is no such channel.',
  forbidden_sender: 'This request did not come from Outpost itself and was refused.',
  database_too_new: 'This database was written by a newer version of Outpost. Update Outpost to open it.',
  migration_failed: 'Updating the database failed. The database was left as it was.',
  core_unavailable: 'The database is not available right now. Nothing was changed.',
  internal_error: 'Something went wrong. Nothing was changed.',
} as const;

export type ErrorCode = keyof typeof errorMessages;

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
