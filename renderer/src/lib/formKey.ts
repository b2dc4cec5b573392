/**
 * A new form's key, a UUID made when the form opens (and anew after a save or an undo): the core
 * answers a second save of the same form (a double press, a retry) with its first, never a second record.
 */
export const newFormKey = (): string => crypto.randomUUID();
