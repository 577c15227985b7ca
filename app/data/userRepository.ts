// Users and their sessions.
import type { Knex } from 'knex'
import type { Role, SessionUser } from '../auth/roles.ts'

type Db = Knex | Knex.Transaction

export interface UserRecord extends SessionUser {
  passwordHash: string
  disabledAt: Date | null
  createdAt: Date
}

const toUser = (row: Record<string, unknown>): UserRecord => ({
  id: row.id as number,
  email: row.email as string,
  name: row.name as string,
  role: row.role as Role,
  municipalityCode: (row.municipality_code as string | null) ?? null,
  passwordHash: row.password_hash as string,
  disabledAt: (row.disabled_at as Date | null) ?? null,
  createdAt: row.created_at as Date,
})

export async function findUserByEmail(db: Db, email: string): Promise<UserRecord | undefined> {
  const row = await db('users').where({ email: email.toLowerCase() }).first()
  return row ? toUser(row) : undefined
}

export async function findUserById(db: Db, id: number): Promise<UserRecord | undefined> {
  const row = await db('users').where({ id }).first()
  return row ? toUser(row) : undefined
}

export async function listUsers(db: Db): Promise<UserRecord[]> {
  return (await db('users').orderBy('email')).map(toUser)
}

export async function insertUser(
  db: Db,
  user: { email: string; name: string; role: Role; municipalityCode: string | null; passwordHash: string },
): Promise<UserRecord> {
  const [row] = await db('users')
    .insert({
      email: user.email.toLowerCase(),
      name: user.name,
      role: user.role,
      municipality_code: user.municipalityCode,
      password_hash: user.passwordHash,
    })
    .returning('*')
  return toUser(row)
}

export async function disableUser(db: Db, id: number): Promise<void> {
  await db('users').where({ id }).whereNull('disabled_at').update({ disabled_at: db.fn.now() })
}

/** Ends every session of the user; returns how many there were. */
export async function deleteSessionsOfUser(db: Db, id: number): Promise<number> {
  return db('user_sessions').where({ user_id: id }).delete()
}

/** Failed sign-ins recorded in the audit log since `since`, for an e-mail address or from an address. */
export async function countFailedSignIns(db: Db, key: { email?: string; ip?: string }, since: Date): Promise<number> {
  const query = db('audit_log').where('action', 'auth.sign_in_failed').where('occurred_at', '>=', since)
  if (key.email !== undefined) query.whereRaw(`after ->> 'email' = ?`, [key.email.toLowerCase()])
  if (key.ip !== undefined) query.whereRaw(`after ->> 'ip' = ?`, [key.ip])
  const [{ count }] = await query.count<{ count: string }[]>('* as count')
  return Number(count)
}
