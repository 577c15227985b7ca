// The password rules: 8 to 128 characters, not a common password, not the user's own address.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const MIN_PASSWORD_LENGTH = 8
export const MAX_PASSWORD_LENGTH = 128

const listFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../seeds/reference/common-passwords.txt')
let common: Set<string> | undefined

function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(listFile, 'utf8')
      .split('\n')
      .map(line => line.trim().toLowerCase())
      .filter(Boolean),
  )
  return common
}

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'like_email'

/** Counts characters as a user does (code points), so å is one character. */
export function checkPassword(password: string, email = ''): PasswordProblem | undefined {
  const length = [...password].length
  if (length < MIN_PASSWORD_LENGTH) return 'too_short'
  if (length > MAX_PASSWORD_LENGTH) return 'too_long'
  const lower = password.toLowerCase()
  // a common password with digits or ! appended is still common ("Password123!")
  const stem = lower.replace(/[\d!.?]+$/, '')
  if (commonPasswords().has(lower) || commonPasswords().has(stem) || /^(.)\1*$/.test(lower)) return 'common'
  const local = email.toLowerCase().split('@')[0]
  if (local.length >= 3 && (lower === email.toLowerCase() || lower.includes(local))) return 'like_email'
  return undefined
}

export const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `the password must have at least ${MIN_PASSWORD_LENGTH} characters`,
  too_long: `the password may have at most ${MAX_PASSWORD_LENGTH} characters`,
  common: 'the password is too common; choose another',
  like_email: 'the password must not contain the e-mail address',
}
