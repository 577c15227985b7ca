// Dates and times as Swedes read them: the calendar day and the clock in Europe/Stockholm, with the offset from
// UTC written out, so that a receipt says unambiguously when something happened.

const ZONE = 'Europe/Stockholm'

function parts(date: Date): Record<string, string> {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  })
  return Object.fromEntries(format.formatToParts(date).map(part => [part.type, part.value]))
}

/** The day in Stockholm as YYYY-MM-DD. */
export function stockholmDate(date: Date): string {
  const p = parts(date)
  return `${p.year}-${p.month}-${p.day}`
}

/** `2023-02-01 14:03:05 (UTC+01:00)`: Stockholm's clock and its offset from UTC at that moment. */
export function formatStockholmDateTime(date: Date): string {
  const p = parts(date)
  // longOffset gives "GMT+01:00" (or "GMT" at an offset of zero, which Stockholm never has)
  const offset = p.timeZoneName === 'GMT' ? '+00:00' : p.timeZoneName.replace('GMT', '')
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} (UTC${offset})`
}
