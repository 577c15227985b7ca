// What the layout of every page needs: the signed-in user and their role, the main navigation for that role,
// the other language for the switch, and the address the switch returns to.
import type { NextFunction, Request, Response } from 'express'
import type { Role } from '../auth/roles.ts'
import type { MessageKey } from '../i18n/index.ts'
import type { Services } from '../services/index.ts'

interface NavItem {
  key: MessageKey
  href: (municipalityCode: string | null) => string
  roles: readonly Role[]
}

/** The main navigation, by role; a link is shown only to the roles its pages let in. */
const NAV: NavItem[] = [
  { key: 'layout.nav.overview', href: () => '/', roles: ['admin', 'evaluator', 'auditor'] },
  { key: 'layout.nav.myMunicipality', href: code => `/municipalities/${code ?? ''}`, roles: ['municipality'] },
  {
    key: 'municipality.allRequisitions.navLink',
    href: () => '/requisitions',
    roles: ['admin', 'evaluator', 'auditor'],
  },
  { key: 'layout.nav.imports', href: () => '/imports', roles: ['admin'] },
  { key: 'layout.nav.audit', href: () => '/audit', roles: ['admin', 'auditor'] },
]

export function pageLocals(services: Pick<Services, 'reference'>) {
  let names: Promise<Map<string, string>> | undefined
  const municipalityName = async (code: string) => {
    names ??= services.reference.listMunicipalities().then(list => new Map(list.map(m => [m.code, m.name])))
    return (await names).get(code)
  }
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.currentUrl = req.originalUrl
    res.locals.otherLocale = res.locals.locale === 'en' ? 'sv' : 'en'
    const user = req.user
    if (!user) return next()
    const path = req.path
    res.locals.navLinks = NAV.filter(item => item.roles.includes(user.role)).map(item => {
      const href = item.href(user.municipalityCode)
      return { key: item.key, href, current: href === '/' ? path === '/' : path.startsWith(href) }
    })
    const code = user.municipalityCode
    ;(code ? municipalityName(code) : Promise.resolve(undefined))
      .then(name => {
        res.locals.user = {
          ...user,
          displayName: user.name || user.email,
          roleKey: `auth.role.${user.role}`,
          municipalityName: name,
        }
        next()
      })
      .catch(next)
  }
}
