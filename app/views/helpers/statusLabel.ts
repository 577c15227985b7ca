// `{{statusLabel code}}`: the label of a reconciliation status or issue code in the page's locale.
import type { ReconciliationStatus } from '../../domain/reportTypes.ts'
import { t, type TOptions } from './t.ts'

export function statusLabel(code: ReconciliationStatus, options?: TOptions): string {
  return t(`status.${code}`, { data: options?.data })
}
