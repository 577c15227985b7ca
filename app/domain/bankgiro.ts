// Bankgiro numbers as people write them (`123-4567`, `5050-1055`, `1234 5678`): 7 or 8 digits, the last a Luhn
// check digit. Stored as the digits only.
import { hasValidLuhnCheckDigit } from './luhn.ts'

export type BankgiroProblem = 'missing' | 'format' | 'length' | 'checkDigit'
export type BankgiroResult = { ok: true; digits: string } | { ok: false; problem: BankgiroProblem }

export function parseBankgiro(text: string): BankgiroResult {
  const value = text.trim()
  if (value === '') return { ok: false, problem: 'missing' }
  if (!/^[\d\s-]+$/.test(value)) return { ok: false, problem: 'format' }
  const digits = value.replace(/[\s-]/g, '')
  if (digits.length < 7 || digits.length > 8) return { ok: false, problem: 'length' }
  return hasValidLuhnCheckDigit(digits) ? { ok: true, digits } : { ok: false, problem: 'checkDigit' }
}

/** `1234567` → `123-4567`, `12345678` → `1234-5678`: the hyphen before the last four digits. */
export function formatBankgiro(digits: string): string {
  return `${digits.slice(0, -4)}-${digits.slice(-4)}`
}
