// The addresses of the pages, built in one place so that links and routes cannot drift apart.
import type { Dimension } from '../domain/types.ts'

const programme = (code: string) => `/programmes/${encodeURIComponent(code)}`

export const paths = {
  overview: () => '/',
  summary: (code: string, programmeYear: number) => `${programme(code)}/years/${programmeYear}/summary`,
  distribution: (code: string, dimension: Dimension) => `${programme(code)}/distributions/${dimension}`,
  reconciliation: (code: string, programmeYear: number, query: Record<string, string | undefined> = {}) => {
    const search = new URLSearchParams()
    for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') search.set(name, value)
    const text = search.toString()
    return `${programme(code)}/years/${programmeYear}/reconciliation${text === '' ? '' : `?${text}`}`
  },
}
