// Sign-in, sessions and CSRF through the real app: session id rotation, sign-out, disabling a user, the rate
// limit, the same answer for an unknown user and a wrong password, and forms without a token refused.
import { expect } from 'chai'
import type { Express } from 'express'
import type { Knex } from 'knex'
import request from 'supertest'
import { SIGN_IN_LIMIT } from '../../../app/services/userService.ts'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import { cli } from '../../helpers/cli.ts'
import { createTestUser, csrfTokenOf, signIn, type TestUser } from '../../helpers/session.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'

const sessionCookie = (res: request.Response) =>
  ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find(cookie => cookie.startsWith('stimulans.sid='))
    ?.split(';')[0]

describe('sign-in and sessions', () => {
  let knex: Knex
  let app: Express
  let admin: TestUser

  before(async () => {
    knex = await testKnex()
    app = appWithAllRoutes(knex)
  })
  beforeEach(async () => {
    await resetData(knex)
    admin = await createTestUser(knex, { role: 'admin' })
  })

  it('sends an anonymous visitor to /login, and leaves /login, /health and the stylesheet open', async () => {
    const res = await request(app).get('/programmes/aldreomsorg-2020-2022/years/2022/summary').expect(303)
    expect(res.headers.location).to.equal('/login?next=%2Fprogrammes%2Faldreomsorg-2020-2022%2Fyears%2F2022%2Fsummary')
    await request(app).get('/login').expect(200)
    expect((await request(app).get('/health').expect(200)).body).to.deep.equal({ status: 'ok' })
    await request(app).get('/assets/css/app.css').expect(200)
    await request(app).get('/api/v1/programmes/aldreomsorg-2020-2022/years/2022/summary').expect(401)
  })

  it('gives a new session id at sign-in and returns to the page asked for', async () => {
    const agent = request.agent(app)
    const form = await agent.get('/login?next=%2Fprogrammes%2Faldreomsorg-2020-2022%2Fyears%2F2022%2Fsummary')
    const before = sessionCookie(form)
    expect(before, 'the login form starts a session for its CSRF token').to.be.a('string')
    const res = await agent
      .post('/login')
      .type('form')
      .send({
        email: admin.email.toUpperCase(),
        password: admin.password,
        next: '/programmes/aldreomsorg-2020-2022/years/2022/summary',
        _csrf: csrfTokenOf(form.text),
      })
      .expect(303)
    expect(res.headers.location).to.equal('/programmes/aldreomsorg-2020-2022/years/2022/summary')
    const after = sessionCookie(res)
    expect(after).to.be.a('string').and.not.equal(before)
    expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).join(';'))
      .to.match(/HttpOnly/i)
      .and.match(/SameSite=Lax/i)
    await agent.get('/').expect(200)
    // the old session id signs nobody in
    await request(app).get('/').set('Cookie', before!).expect(303)
    const audit = await knex('audit_log').where({ action: 'auth.sign_in' }).first()
    expect(audit).to.include({ actor: admin.email, entity_id: String(admin.id) })
  })

  it('never returns to another site after sign-in', async () => {
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const agent = request.agent(app)
      const form = await agent.get('/login')
      const res = await agent
        .post('/login')
        .type('form')
        .send({ email: admin.email, password: admin.password, next, _csrf: csrfTokenOf(form.text) })
        .expect(303)
      expect(res.headers.location, next).to.equal('/')
    }
  })

  it('answers a wrong password and an unknown user alike, and records both', async () => {
    const attempt = async (email: string, password: string) => {
      const agent = request.agent(app)
      const form = await agent.get('/login')
      return agent
        .post('/login')
        .type('form')
        .send({ email, password, _csrf: csrfTokenOf(form.text) })
    }
    const wrong = await attempt(admin.email, 'not-the-password')
    const unknown = await attempt('nobody@test.example', 'not-the-password')
    expect([wrong.status, unknown.status]).to.deep.equal([401, 401])
    const message = (html: string) => /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0]
    expect(message(wrong.text)).to.contain('Fel e-postadress eller lösenord.')
    expect(message(wrong.text)).to.equal(message(unknown.text))
    expect(await knex('audit_log').where({ action: 'auth.sign_in_failed' }).pluck('actor')).to.have.members([
      admin.email,
      'nobody@test.example',
    ])
  })

  it(`refuses sign-in after ${SIGN_IN_LIMIT.perEmail} failures, even with the right password`, async () => {
    const agent = request.agent(app)
    const token = csrfTokenOf((await agent.get('/login')).text)
    for (let i = 0; i < SIGN_IN_LIMIT.perEmail; i++) {
      await agent
        .post('/login')
        .type('form')
        .send({ email: admin.email, password: `wrong-${i}`, _csrf: token })
        .expect(401)
    }
    const res = await agent
      .post('/login')
      .type('form')
      .send({ email: admin.email, password: admin.password, _csrf: token })
      .expect(429)
    expect(res.text).to.contain('För många misslyckade inloggningar')
    await agent.get('/').expect(303)
    // another user is not locked out by these failures
    const other = await createTestUser(knex, { role: 'evaluator' })
    await signIn(app, other)
  })

  it('ends the session at sign-out: the old cookie no longer works', async () => {
    const { agent, csrf } = await signIn(app, admin)
    const page = await agent.get('/').expect(200)
    const cookie = page.request.getHeader?.('cookie') as string | undefined
    await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: await csrf() })
      .expect(303)
    await agent.get('/').expect(303)
    if (cookie) await request(app).get('/').set('Cookie', cookie).expect(303)
    expect(
      await knex('user_sessions').where({ user_id: admin.id }).count<{ count: string }[]>('* as count'),
    ).to.deep.equal([{ count: 0 }])
    expect(await knex('audit_log').where({ action: 'auth.sign_out', actor: admin.email }).first()).to.not.equal(
      undefined,
    )
  })

  it('user disable ends every session of the user at once', async () => {
    const first = await signIn(app, admin)
    const second = await signIn(app, admin)
    await first.agent.get('/').expect(200)
    const run = await cli(knex, 'user', 'disable', '--email', admin.email)
    expect(run.code, run.stderr).to.equal(0)
    expect(run.stdout).to.contain('2 session(s) ended')
    await first.agent.get('/').expect(303)
    await second.agent.get('/').expect(303)
    const agent = request.agent(app)
    const form = await agent.get('/login')
    await agent
      .post('/login')
      .type('form')
      .send({ email: admin.email, password: admin.password, _csrf: csrfTokenOf(form.text) })
      .expect(401)
  })

  it('refuses a POST without a valid CSRF token with 403 and changes nothing', async () => {
    const { agent } = await signIn(app, admin)
    const auditBefore = await knex('audit_log').count<{ count: string }[]>('* as count')
    await agent.post('/logout').type('form').send({}).expect(403)
    await agent.post('/logout').type('form').send({ _csrf: 'forged' }).expect(403)
    await agent.get('/').expect(200)
    expect(await knex('audit_log').count<{ count: string }[]>('* as count')).to.deep.equal(auditBefore)
    // a token of another session is no good either
    const other = await signIn(app, await createTestUser(knex, { role: 'auditor' }))
    await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: await other.csrf() })
      .expect(403)
  })

  it('ends a session at the absolute timeout, however busy it is', async () => {
    const strict = appWithAllRoutes(knex, { session: { absoluteHours: 0 } })
    const { agent } = await signIn(strict, admin)
    await new Promise(resolve => setTimeout(resolve, 5))
    await agent.get('/').expect(303)
  })

  it('ends a session at the idle timeout: the cookie lives only that long', async () => {
    const agent = request.agent(app)
    const form = await agent.get('/login')
    const res = await agent
      .post('/login')
      .type('form')
      .send({ email: admin.email, password: admin.password, _csrf: csrfTokenOf(form.text) })
      .expect(303)
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find(c => c.startsWith('stimulans.sid='))
    const expires = Date.parse(/Expires=([^;]+)/i.exec(cookie ?? '')?.[1] ?? '')
    const minutes = (expires - Date.now()) / 60_000
    expect(minutes).to.be.within(29, 30.1)
    const row = await knex('user_sessions').where({ user_id: admin.id }).first('expire')
    expect((new Date(row.expire).getTime() - Date.now()) / 60_000).to.be.within(29, 30.1)
  })

  it('switches the language by a form and keeps it for the session', async () => {
    const { agent, csrf } = await signIn(app, admin)
    expect((await agent.get('/').expect(200)).text).to.contain('<html lang="sv">')
    await agent
      .post('/locale')
      .type('form')
      .send({ locale: 'en', returnTo: '/', _csrf: await csrf() })
      .expect(303)
    const page = await agent.get('/').expect(200)
    expect(page.text).to.contain('<html lang="en">')
    expect(page.text).to.contain('Sign out')
  })
})

describe('user add (command line)', () => {
  let knex: Knex
  before(async () => {
    knex = await testKnex()
  })

  it('generates a password and prints it once, hashed with argon2id in the database', async () => {
    const run = await cli(knex, 'user', 'add', '--email', 'New.Evaluator@Test.Example', '--role', 'evaluator')
    expect(run.code, run.stderr).to.equal(0)
    const password = /Password \(shown once\): (\S+)/.exec(run.stdout)?.[1]
    expect(password).to.have.length(20)
    const row = await knex('users').where({ email: 'new.evaluator@test.example' }).first()
    expect(row.password_hash).to.match(/^\$argon2id\$/)
    expect(row.password_hash).not.to.contain(password!)
    await signIn(appWithAllRoutes(knex), { email: 'new.evaluator@test.example', password: password! })
    expect(
      await knex('audit_log')
        .where({ action: 'user.add', entity_id: String(row.id) })
        .first(),
    ).to.not.equal(undefined)
  })

  it('reads the password from standard input', async () => {
    const { runCli } = await import('../../../app/cli/commands.ts')
    const { services } = await import('../../../app/services/index.ts')
    const out: string[] = []
    const code = await runCli(
      ['user', 'add', '--email', 'stdin.user@test.example', '--role', 'auditor'],
      {
        stdout: text => out.push(text),
        stderr: text => out.push(text),
        interactive: false,
        readStdin: async () => 'a-piped-passphrase-2026\n',
      },
      async () => services(knex),
    )
    expect(code, out.join('\n')).to.equal(0)
    expect(out.join('\n')).not.to.contain('shown once')
    await signIn(appWithAllRoutes(knex), { email: 'stdin.user@test.example', password: 'a-piped-passphrase-2026' })
  })

  it('refuses short, long and common passwords, a bad role and a municipality user without municipality', async () => {
    const add = (...args: string[]) => cli(knex, 'user', 'add', ...args)
    for (const [args, message] of [
      [['--email', 'a@test.example', '--role', 'wizard'], 'unknown role'],
      [['--email', 'b@test.example', '--role', 'municipality'], 'needs --municipality'],
      [['--email', 'c@test.example', '--role', 'admin', '--municipality', '0114'], 'only role municipality'],
      [['--email', 'd@test.example', '--role', 'municipality', '--municipality', '9999'], 'unknown municipality'],
      [['--email', 'not-an-address', '--role', 'admin'], 'not an e-mail address'],
    ] as const) {
      const run = await add(...args)
      expect(run.code, args.join(' ')).to.equal(1)
      expect(run.stderr).to.contain(message)
    }
    const { userService } = await import('../../../app/services/userService.ts')
    const users = userService(knex)
    for (const [password, message] of [
      ['short1!', 'at least 8'],
      ['x'.repeat(129), 'at most 128'],
      ['Password123!', 'too common'],
      ['sommar2024', 'too common'],
    ]) {
      const added = users.addUser({ email: 'e@test.example', role: 'admin', password }, 'test')
      await added.then(
        () => expect.fail(`${password} was accepted`),
        (error: Error) => expect(error.message).to.contain(message),
      )
    }
    expect(await knex('users').where({ email: 'e@test.example' }).first()).to.equal(undefined)
  })
})
