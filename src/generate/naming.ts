/**
 * Names in generated code: construct ids derived from what people see (an integration's
 * name), unique within the generated class and stable for the same store, Terraform
 * variable names derived from them, and TypeScript literals that survive any input.
 */

/** Longest construct id derived from a name; longer names are cut at a word boundary. */
const MAX_ID_LENGTH = 48;

/**
 * A construct id from a name: lower-case ASCII letters, digits and single hyphens. Accents
 * are dropped (Café -> cafe); everything else TypeScript, Terraform or the construct tree
 * would refuse or mangle (spaces, punctuation, "/", quotes, emoji) becomes a hyphen. An id
 * that would be empty or start with a digit gets `prefix` in front, so the Terraform
 * variables named after it are valid identifiers.
 */
export function idFromName(name: string, prefix: string): string {
  // Accents and apostrophes go without a trace (Café's -> cafes), not as word breaks.
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f'\u2019]/g, '');
  let id = ascii.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (id.length > MAX_ID_LENGTH) {
    const cut = id.slice(0, MAX_ID_LENGTH);
    id = cut.includes('-') && !id.startsWith('-', MAX_ID_LENGTH) ? cut.slice(0, cut.lastIndexOf('-')) : cut;
  }
  if (id === '') return prefix;
  return /^[0-9]/.test(id) ? `${prefix}-${id}` : id;
}

/**
 * Unique ids for `wanted`, in order: the first holder of a wanted id keeps it, later ones get
 * `-2`, `-3`, ... skipping any id another item wants or already has. The same input in
 * the same order always gives the same ids.
 */
export function uniqueIds(wanted: readonly string[], reserved: Iterable<string> = []): string[] {
  const claimed = new Set([...reserved, ...wanted]);
  const given = new Set<string>(reserved);
  return wanted.map((id) => {
    if (!given.has(id)) {
      given.add(id);
      return id;
    }
    let n = 2;
    while (claimed.has(`${id}-${n}`) || given.has(`${id}-${n}`)) n++;
    const unique = `${id}-${n}`;
    given.add(unique);
    claimed.add(unique);
    return unique;
  });
}

/** A Terraform variable name (letters, digits, underscores) from a construct id and an attribute. */
export function variableName(constructId: string, attribute: string): string {
  return `${constructId.replace(/-/g, '_')}_${attribute}`;
}

/** A TypeScript string literal for any text: single-quoted, or double-quoted when that spares escapes. */
export function tsString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replace(/[\\'"\u0000-\u001f\u007f\u2028\u2029]/g, (char) => {
    switch (char) {
      case '\\':
        return '\\\\';
      case "'":
      case '"':
        return char === quote ? `\\${char}` : char;
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
  return `${quote}${escaped}${quote}`;
}

/** Text safe inside a `//` comment line: no line breaks or other control characters. */
export function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

const RESERVED_WORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with implements interface ' +
    'let package private protected public static yield any boolean number string symbol object never unknown undefined'
  ).split(' '),
);

/** Why `name` cannot name the generated class, or undefined when it can. */
export function checkClassName(name: string): string | undefined {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) || RESERVED_WORDS.has(name)) {
    return `"${name}" is not a TypeScript class name: give letters and digits starting with a letter, such as ExistingIntegrations`;
  }
  return undefined;
}
