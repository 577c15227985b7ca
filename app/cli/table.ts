// Plain-text tables for the terminal: columns padded, numbers right-aligned.

export function renderTable(headers: string[], rows: (string | number)[][], rightAligned: boolean[] = []): string {
  const cells = [headers, ...rows.map(row => row.map(String))]
  const widths = headers.map((_, i) => Math.max(...cells.map(row => [...(row[i] ?? '')].length)))
  const line = (row: string[]) =>
    row
      .map((cell, i) => (rightAligned[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd()
  return [line(cells[0]), widths.map(w => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n')
}

/** 169201599 öre → "1 692 015,99": thin grouping for the terminal, comma before öre. */
export function kronorText(ore: number | null): string {
  if (ore === null) return '-'
  const sign = ore < 0 ? '-' : ''
  const abs = Math.abs(ore)
  const kronor = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')
  const rest = abs % 100
  return `${sign}${kronor}${rest === 0 ? '' : `,${String(rest).padStart(2, '0')}`}`
}
