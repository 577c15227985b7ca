// The Luhn (mod 10) check digit that Swedish bankgiro numbers and personal identity numbers end in.

/** True when the last digit of `digits` is the Luhn check digit of the digits before it. */
export function hasValidLuhnCheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false
  let sum = 0
  // from the right: the check digit itself is weighted 1, the digit before it 2, and so on alternately
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}
