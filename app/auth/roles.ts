// The four roles and the checks every router applies on the server. A page's template never decides access.
import type { NextFunction, Request, Response } from 'express'
import createError from 'http-errors'
// passport's types add req.user (Express.User), which is narrowed to SessionUser below
import type {} from 'passport'

export const ROLES = ['admin', 'evaluator', 'municipality', 'auditor'] as const
export type Role = (typeof ROLES)[number]

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value)

/** The signed-in user, as every route sees it on `req.user` and every view on `user`. */
export interface SessionUser {
  id: number
  email: string
  name: string
  role: Role
  /** set for role municipality only: the one municipality the user reads and reports for */
  municipalityCode: string | null
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // passport types req.user as Express.User: make that our user
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
  }
}

/** Roles that may read everything but change nothing about money. */
export const READ_ALL: readonly Role[] = ['admin', 'evaluator', 'auditor']

/** The signed-in user; throws 401 when there is none (requireSignIn runs before every route that calls this). */
export function currentUser(req: Request): SessionUser {
  if (!req.user) throw createError(401)
  return req.user
}

/**
 * Router-level guard: 403 for a signed-in user without one of the roles. Mount with
 * `router.use(requireRole('admin'))` or per route.
 */
export function requireRole(...roles: Role[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const user = req.user
    if (!user) return next(createError(401))
    if (!roles.includes(user.role)) return next(createError(403))
    next()
  }
}

/**
 * For pages about one municipality: a municipality user asking for another municipality's data gets 404,
 * exactly as if it did not exist, so the answer tells nothing about other municipalities.
 */
export function assertMunicipalityAccess(user: SessionUser, municipalityCode: string): void {
  if (user.role === 'municipality' && user.municipalityCode !== municipalityCode) throw createError(404)
}
