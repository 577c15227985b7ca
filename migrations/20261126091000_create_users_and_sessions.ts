// Users with their role (and, for role municipality, their one municipality) and the sessions of signed-in
// users (connect-pg-simple's table).
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', table => {
    table.increments('id')
    // stored lower-case: one address, one user
    table.text('email').notNullable().unique()
    table.text('name').notNullable().defaultTo('')
    table.text('role').notNullable()
    table.specificType('municipality_code', 'char(4)').references('code').inTable('municipalities')
    table.text('password_hash').notNullable()
    table.timestamp('disabled_at', { useTz: true })
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
  })
  await knex.raw(
    `ALTER TABLE users
       ADD CONSTRAINT users_role CHECK (role IN ('admin', 'evaluator', 'municipality', 'auditor')),
       ADD CONSTRAINT users_municipality CHECK ((role = 'municipality') = (municipality_code IS NOT NULL)),
       ADD CONSTRAINT users_email CHECK (email = lower(email) AND email ~ '^[^@\\s]+@[^@\\s]+$')`,
  )

  await knex.schema.createTable('user_sessions', table => {
    table.string('sid').primary()
    table.json('sess').notNullable()
    table.timestamp('expire', { precision: 6 }).notNullable().index()
    // who the session belongs to, so that disabling a user ends every session of theirs
    table.integer('user_id').references('id').inTable('users')
    table.index(['user_id'])
  })
  // the store writes only sid, sess and expire: user_id is derived from the session's content
  await knex.raw(`
    CREATE FUNCTION user_sessions_user_id() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.user_id := nullif(NEW.sess -> 'passport' ->> 'user', '')::integer;
      RETURN NEW;
    END $$;
    CREATE TRIGGER user_sessions_set_user_id BEFORE INSERT OR UPDATE ON user_sessions
      FOR EACH ROW EXECUTE FUNCTION user_sessions_user_id();
  `)
  await knex.raw(`CREATE INDEX audit_log_action_time ON audit_log (action, occurred_at)`)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX audit_log_action_time')
  await knex.schema.dropTable('user_sessions')
  await knex.raw('DROP FUNCTION user_sessions_user_id()')
  await knex.schema.dropTable('users')
}
