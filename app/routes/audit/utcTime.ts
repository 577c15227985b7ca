// Moments as the audit page and the import results show them: ISO 8601 in UTC to the second, `2023-02-01T13:03:05Z`.

export function utcTime(value: Date | string | null | undefined): string {
  if (value === null || value === undefined) return ''
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
