// mocha root hooks: the shared test database is closed (and its temporary files removed) after the run.
import { closeTestDatabase } from './testDatabase.ts'

export const mochaHooks = {
  async afterAll() {
    await closeTestDatabase()
  },
}
