// The helper registry: every helper file is registered under its own name.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'chai'
import { helpers } from '../../../../app/views/helpers/index.ts'

describe('helpers/index', () => {
  it('registers one helper per file', () => {
    const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../app/views/helpers')
    const files = fs
      .readdirSync(dir)
      .filter(file => file.endsWith('.ts') && file !== 'index.ts')
      .map(file => file.replace(/\.ts$/, ''))
    expect(Object.keys(helpers).sort()).to.deep.equal(files.sort())
  })
})
