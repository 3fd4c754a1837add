/**
 * Attribute validators shared by the provider's schemas and, through them, by the
 * constructs' synth-time checks. Each returns the problem and its fix, or undefined.
 */
import type { PlainValue } from '../framework/types';

export type Validator = (value: PlainValue) => string | undefined;

export function url(options: { schemes: readonly string[] }): Validator {
  return (value) => {
    if (typeof value !== 'string') return undefined;
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      return `"${value}" is not a valid URL: give an absolute URL such as ${options.schemes[0]}://example.com/path`;
    }
    const scheme = parsed.protocol.replace(/:$/, '');
    if (!options.schemes.includes(scheme)) {
      return `"${value}" uses the ${scheme} scheme: use ${options.schemes.join(' or ')}`;
    }
    if (!parsed.hostname) return `"${value}" has no host: give an absolute URL with a host name`;
    return undefined;
  };
}

export function lengthBetween(min: number, max: number): Validator {
  return (value) => {
    if (typeof value !== 'string') return undefined;
    if (value.length < min) return min === 1 ? 'must not be empty: give a value' : `must have at least ${min} characters`;
    if (value.length > max) return `is ${value.length} characters long: shorten it to at most ${max}`;
    return undefined;
  };
}

export function oneOf(allowed: readonly string[]): Validator {
  return (value) => {
    if (typeof value !== 'string' || allowed.includes(value)) return undefined;
    return `"${value}" is not allowed: use one of ${allowed.join(', ')}`;
  };
}

export function nonEmptyString(): Validator {
  return lengthBetween(1, Number.MAX_SAFE_INTEGER);
}

/** Accepts the empty string (an attribute's way of saying "none"), else applies `validator`. */
export function emptyOr(validator: Validator): Validator {
  return (value) => (value === '' ? undefined : validator(value));
}

/** Applies `each` to every element of a list or set value. */
export function eachElement(each: Validator): Validator {
  return (value) => {
    if (!Array.isArray(value)) return undefined;
    for (const element of value) {
      const problem = each(element);
      if (problem) return problem;
    }
    return undefined;
  };
}

export function allOf(...validators: Validator[]): Validator {
  return (value) => {
    for (const validate of validators) {
      const problem = validate(value);
      if (problem) return problem;
    }
    return undefined;
  };
}
