/**
 * The zod rules the charter's forms share, with messages written for a person ("Give the
 * metric a name."), shown next to the field. The repository checks every write again
 * against the entity schemas; these rules only make sure a form never sends one it would refuse.
 */
import { z } from 'zod';

/** What a Mantine NumberInput holds: a number, or a string while empty or half-typed ("-", "1."). */
export type NumberFieldValue = number | string;

const MAX_PROSE = 20_000;
const MAX_SHORT = 200;

/** Free text of any length up to the prose limit. */
export const proseField = z.string().max(MAX_PROSE, `Use at most ${MAX_PROSE.toLocaleString('en')} characters.`);

/** A short line of text (up to 200 characters), may be empty. */
export const shortField = z.string().refine((value) => value.trim().length <= MAX_SHORT, {
  message: `Use at most ${MAX_SHORT} characters.`,
});

/** A unit such as "EUR", "%" or "hours" (up to 40 characters), may be empty. */
export const unitField = z.string().refine((value) => value.trim().length <= 40, {
  message: 'Use at most 40 characters.',
});

/** A required line of text: `message` when it is empty. */
export function requiredField(message: string, max = MAX_SHORT) {
  return z
    .string()
    .refine((value) => value.trim() !== '', { message })
    .refine((value) => value.trim().length <= max, { message: `Use at most ${max.toLocaleString('en')} characters.` });
}

/** The number in a NumberInput's value, null when it is empty, NaN when it is not a number. */
export function readNumber(value: NumberFieldValue): number | null {
  if (typeof value === 'number') return value;
  if (value.trim() === '') return null;
  return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN;
}

/**
 * A number field. `what` names it inside a sentence ("the budget"); `required` makes an
 * empty field an error; `min` refuses smaller numbers.
 */
export function numberField(what: string, options: { required?: boolean; min?: number } = {}) {
  const subject = what.charAt(0).toUpperCase() + what.slice(1);
  return z.union([z.number(), z.string()]).superRefine((value, context) => {
    const number = readNumber(value);
    if (number === null) {
      if (options.required === true) context.addIssue({ code: 'custom', message: `Enter ${what}.` });
      return;
    }
    if (!Number.isFinite(number)) {
      context.addIssue({ code: 'custom', message: `${subject} must be a number.` });
    } else if (options.min !== undefined && number < options.min) {
      context.addIssue({
        code: 'custom',
        message: options.min === 0 ? `${subject} must not be negative.` : `${subject} must be at least ${options.min}.`,
      });
    }
  });
}

/** A number field's value for an entity: null when empty (only call after validation). */
export function toNumberOrNull(value: NumberFieldValue): number | null {
  const number = readNumber(value);
  return number === null || Number.isNaN(number) ? null : number;
}

/** A number for a NumberInput: '' for null. */
export function toFieldValue(value: number | null): NumberFieldValue {
  return value ?? '';
}
