/**
 * Why a validator refused a value, as data (messages.ts `ValueProblem`). The schemas' own rules carry a code from
 * VALUE_RULES as their zod message, so no English sentence is written into a schema; zod's built-in checks are read
 * from the issue's fields.
 */
import type { z } from 'zod';
import { VALUE_RULES, ValueProblem, ValueRule } from './messages';

/** The zod message of a rule this project states itself: its code, read back by valueProblem. */
export function rule(code: ValueRule): string {
  return code;
}

function isRule(text: string): text is ValueRule {
  return (VALUE_RULES as readonly string[]).includes(text);
}

export function valueProblem(issue: z.core.$ZodIssue): ValueProblem {
  if (isRule(issue.message)) {
    const header =
      issue.code === 'custom' ? (issue.params as { header?: unknown } | undefined)?.header : undefined;
    return typeof header === 'string' ? { rule: issue.message, header } : { rule: issue.message };
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return { rule: 'unknownKeys', keys: issue.keys.slice(0, 10) };
    case 'invalid_value':
      return { rule: 'oneOf', values: issue.values.map((v) => JSON.stringify(v)) };
    case 'invalid_type':
      return { rule: 'type', expected: String(issue.expected) };
    case 'too_small':
      return { rule: 'atLeast', limit: Number(issue.minimum) };
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'set')
        return { rule: 'tooMany', limit: Number(issue.maximum) };
      if (issue.origin === 'string') return { rule: 'tooLong', limit: Number(issue.maximum) };
      return { rule: 'atMost', limit: Number(issue.maximum) };
    default:
      return { rule: 'other', detail: issue.message };
  }
}
