// `{{#if (eq a b)}}`: strict equality in templates.
export function eq(a: unknown, b: unknown): boolean {
  return a === b
}
