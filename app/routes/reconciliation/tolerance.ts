// The tolerance of the reconciliation form: a strict parse of whole kronor into öre.

// 13 digits of kronor stay well inside Number.MAX_SAFE_INTEGER once multiplied into öre
const PLAIN = /^\d{1,13}$/
// "1 000 000" as a Swede writes it: groups of three after a space or a no-break space
const GROUPED = /^\d{1,3}(?:[ \u00a0]\d{3}){1,4}$/

/** Öre for a whole number of kronor (0 or more); undefined for anything else: signs, decimals, letters. */
export function parseToleranceOre(text: string): number | undefined {
  const trimmed = text.trim()
  if (!PLAIN.test(trimmed) && !GROUPED.test(trimmed)) return undefined
  return Number(trimmed.replace(/\D/g, '')) * 100
}
