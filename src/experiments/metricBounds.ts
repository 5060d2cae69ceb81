import { z } from 'zod';

/**
 * What a measured metric can be. D is a mean squared error of images whose
 * pixels lie in [0, 1] (the identity baseline adds noise of sigma <= 4, so
 * D stays below 20): a D beyond MAX_D is no measurement, and such a value
 * stretched the plots' axes to 1e304 before it was refused. C is an error
 * rate; P and the training critic's estimate may be negative but are finite;
 * standard errors are not negative; n counts test images.
 *
 * Each check returns why a value is impossible, or null. The same checks
 * guard export files, the database and link results.
 */

export const MAX_D = 1e6;

type Problem = string | null;

function shown(x: unknown): string {
  if (typeof x === 'number') return String(x);
  if (x === null) return 'null';
  if (typeof x === 'string') return `a string (${JSON.stringify(x.slice(0, 20))})`;
  return Array.isArray(x) ? 'an array' : `a ${typeof x}`;
}

export function finiteProblem(x: number): Problem {
  return Number.isFinite(x) ? null : `${x} is not a finite number`;
}

export function distortionProblem(x: number): Problem {
  return finiteProblem(x) ?? (x < 0 ? `${x} is negative` : x > MAX_D ? `${x} is above ${MAX_D}, more than any mean squared error of images` : null);
}

export function errorRateProblem(x: number): Problem {
  return finiteProblem(x) ?? (x >= 0 && x <= 1 ? null : `${x} is outside [0, 1]`);
}

export function standardErrorProblem(x: number): Problem {
  return finiteProblem(x) ?? (x < 0 ? `${x} is negative` : null);
}

export function countProblem(x: number): Problem {
  return Number.isInteger(x) && x >= 1 ? null : `${x} is not a whole number of at least 1`;
}

/** A number; anything else (Infinity and NaN included) is named in the issue. */
function number() {
  return z.number({ error: (iss) => (iss.input === undefined ? 'missing' : typeof iss.input === 'number' ? `${iss.input} is not a finite number` : `expected a number, got ${shown(iss.input)}`) });
}

function bounded(problem: (x: number) => Problem) {
  return number().superRefine((x, ctx) => {
    const p = problem(x);
    if (p) ctx.addIssue({ code: 'custom', message: p, input: x });
  });
}

export const DistortionSchema = bounded(distortionProblem);
export const ErrorRateSchema = bounded(errorRateProblem);
/** P and Ptrain: critic estimates, of either sign. */
export const FiniteSchema = number();
export const StandardErrorSchema = bounded(standardErrorProblem);
export const CountSchema = bounded(countProblem);
