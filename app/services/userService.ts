// Users: adding and disabling them (the CLI), and checking a sign-in (the web), with an audit row for each.
import { randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import type { Knex } from 'knex'
import { isRole, type Role, type SessionUser } from '../auth/roles.ts'
import { recordAudit } from '../data/auditRepository.ts'
import * as userRepository from '../data/userRepository.ts'
import { checkPassword, PASSWORD_MESSAGES } from '../domain/password.ts'

/** argon2id with the OWASP minimum of 19 MiB memory, 2 iterations. */
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

/** Failed sign-ins allowed per address (and per client) in the window before sign-in is refused for a while. */
export const SIGN_IN_LIMIT = { perEmail: 5, perIp: 20, windowMs: 15 * 60 * 1000 }

export class UserInputError extends Error {}

export interface NewUser {
  email: string
  name?: string
  role: string
  municipalityCode?: string
  /** undefined: a password is generated and returned once */
  password?: string
}

export type SignInResult = { ok: true; user: SessionUser } | { ok: false; reason: 'invalid' | 'rate_limited' }

// a hash to verify against when the user does not exist, so that both answers take the same time
let dummyHash: Promise<string> | undefined

const toSessionUser = (user: userRepository.UserRecord): SessionUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  municipalityCode: user.municipalityCode,
})

/** A password of 20 characters from a 54-letter alphabet without look-alikes (about 115 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const bytes = randomBytes(40)
  let password = ''
  // rejection sampling: no bias towards the first letters of the alphabet
  for (const byte of bytes) {
    if (byte < 256 - (256 % alphabet.length)) password += alphabet[byte % alphabet.length]
    if (password.length === 20) break
  }
  return password.length === 20 ? password : generatePassword()
}

export function userService(knex: Knex) {
  return {
    async addUser(input: NewUser, actor: string): Promise<{ user: SessionUser; generatedPassword?: string }> {
      const email = input.email.trim().toLowerCase()
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new UserInputError(`not an e-mail address: "${input.email}"`)
      if (!isRole(input.role)) {
        throw new UserInputError(`unknown role "${input.role}" (expected admin, evaluator, municipality or auditor)`)
      }
      const role: Role = input.role
      const municipalityCode = input.municipalityCode?.trim() || null
      if (role === 'municipality' && !municipalityCode) {
        throw new UserInputError('role municipality needs --municipality CODE')
      }
      if (role !== 'municipality' && municipalityCode) {
        throw new UserInputError(`only role municipality has a municipality, not ${role}`)
      }
      if (municipalityCode && !(await knex('municipalities').where({ code: municipalityCode }).first('code'))) {
        throw new UserInputError(`unknown municipality code "${municipalityCode}"`)
      }
      const generatedPassword = input.password === undefined ? generatePassword() : undefined
      const password = input.password ?? generatedPassword!
      const problem = checkPassword(password, email)
      if (problem) throw new UserInputError(PASSWORD_MESSAGES[problem])
      const passwordHash = await hash(password, ARGON2_OPTIONS)
      return knex.transaction(async trx => {
        if (await userRepository.findUserByEmail(trx, email)) throw new UserInputError(`${email} already exists`)
        const user = await userRepository.insertUser(trx, {
          email,
          name: input.name?.trim() ?? '',
          role,
          municipalityCode,
          passwordHash,
        })
        await recordAudit(trx, {
          actor,
          action: 'user.add',
          entity: 'users',
          entityId: user.id,
          after: { email, name: user.name, role, municipalityCode },
        })
        return { user: toSessionUser(user), generatedPassword }
      })
    },

    /** Disables the user and ends every session of theirs at once. */
    async disableUser(email: string, actor: string): Promise<{ endedSessions: number }> {
      return knex.transaction(async trx => {
        const user = await userRepository.findUserByEmail(trx, email)
        if (!user) throw new UserInputError(`no user ${email.toLowerCase()}`)
        if (user.disabledAt) throw new UserInputError(`${user.email} is already disabled`)
        await userRepository.disableUser(trx, user.id)
        const endedSessions = await userRepository.deleteSessionsOfUser(trx, user.id)
        await recordAudit(trx, {
          actor,
          action: 'user.disable',
          entity: 'users',
          entityId: user.id,
          before: { email: user.email, disabled: false },
          after: { email: user.email, disabled: true, endedSessions },
        })
        return { endedSessions }
      })
    },

    listUsers: () => userRepository.listUsers(knex),

    /** The user a session names, or undefined when it no longer exists or is disabled. */
    async sessionUser(id: number): Promise<SessionUser | undefined> {
      const user = await userRepository.findUserById(knex, id)
      return user && !user.disabledAt ? toSessionUser(user) : undefined
    },

    /**
     * Checks an e-mail address and password. The same answer, in about the same time, whether the user does not
     * exist, is disabled or gave the wrong password; after too many failures sign-in is refused for a while.
     */
    async signIn(emailText: string, password: string, ip: string): Promise<SignInResult> {
      const email = emailText.trim().toLowerCase().slice(0, 320)
      const since = new Date(Date.now() - SIGN_IN_LIMIT.windowMs)
      const [byEmail, byIp] = await Promise.all([
        userRepository.countFailedSignIns(knex, { email }, since),
        userRepository.countFailedSignIns(knex, { ip }, since),
      ])
      if (byEmail >= SIGN_IN_LIMIT.perEmail || byIp >= SIGN_IN_LIMIT.perIp) {
        await recordAudit(knex, {
          actor: email || '(anonymous)',
          action: 'auth.sign_in_refused',
          entity: 'users',
          after: { email, ip, reason: 'rate_limited' },
        })
        return { ok: false, reason: 'rate_limited' }
      }
      const user = await userRepository.findUserByEmail(knex, email)
      dummyHash ??= hash(generatePassword(), ARGON2_OPTIONS)
      const passwordOk =
        password.length <= 1024 && (await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false))
      if (!user || user.disabledAt || !passwordOk) {
        await recordAudit(knex, {
          actor: email || '(anonymous)',
          action: 'auth.sign_in_failed',
          entity: 'users',
          entityId: user?.id ?? null,
          after: { email, ip },
        })
        return { ok: false, reason: 'invalid' }
      }
      await recordAudit(knex, {
        actor: user.email,
        action: 'auth.sign_in',
        entity: 'users',
        entityId: user.id,
        after: { ip },
      })
      return { ok: true, user: toSessionUser(user) }
    },

    async recordSignOut(user: SessionUser): Promise<void> {
      await recordAudit(knex, { actor: user.email, action: 'auth.sign_out', entity: 'users', entityId: user.id })
    },
  }
}

export type UserService = ReturnType<typeof userService>
