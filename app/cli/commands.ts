// The command line of the interchange contract. Exit 0: done; 1: bad input; 2: wrong usage.
import { parseArgs } from 'node:util'
import path from 'node:path'
import type { Services } from '../services/index.ts'
import type { ImportResult } from '../services/importService.ts'
import { UserInputError } from '../services/userService.ts'
import { parseAmountOre } from '../domain/amount.ts'
import { DIMENSIONS, type Dimension, type Problem } from '../domain/types.ts'
import { distributionJson, reconciliationJson, stringify, summaryJson } from '../reports/json.ts'
import { distributionBreakdownJson, summaryBreakdownJson } from '../reports/breakdownJson.ts'
import { isBreakdown, parseBounds, type Breakdown } from '../domain/analysis.ts'
import { kronorText, renderTable } from './table.ts'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** true when standard error is a terminal: progress is shown there */
  interactive: boolean
  /** standard input's first line when it is not a terminal (a piped password), else undefined */
  readStdin?: () => Promise<string | undefined>
}

export const USAGE = `Usage: npm run -s cli -- <command>

  db setup                                   migrate and load reference data (safe to run twice)
  db seed-demo                               load the demo data set
  import ledger FILE                         import a ledger CSV
  import responses FILE                      import a survey-response CSV
  import population FILE                     import population per municipality and year (SCB)
  report summary --programme CODE --year YEAR [--by BY [--bounds N,N,...]] [--json]
  report distribution --programme CODE --dimension DIM [--by BY [--bounds N,N,...]] [--json]
        BY: size_group or county (--bounds: lower bounds of the size groups, e.g. 10000,20000,50000,100000)
        DIM: ${DIMENSIONS.join(', ')}
  report reconciliation --programme CODE --year YEAR [--tolerance SEK] [--json]
  user add --email ADDRESS --role ROLE [--municipality CODE] [--name NAME]
        ROLE: admin, evaluator, municipality (needs --municipality), auditor
        the password is read from standard input; without one, a password is generated and printed once
  user disable --email ADDRESS               disable the user and end their sessions

Exit status: 0 done, 1 bad input, 2 wrong usage.`

class UsageError extends Error {}
class InputError extends Error {}

export const EXIT_OK = 0
export const EXIT_BAD_INPUT = 1
export const EXIT_USAGE = 2

const formatProblem = (p: Problem) => `line ${p.line}: ${p.column}: ${p.message}`

function parseOptions(args: string[], options: Record<string, 'string' | 'boolean'>) {
  try {
    return parseArgs({
      args,
      options: Object.fromEntries(Object.entries(options).map(([name, type]) => [name, { type }])),
      allowPositionals: true,
      strict: true,
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

function requireString(values: Record<string, unknown>, name: string): string {
  const value = values[name]
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`)
  return value
}

function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new UsageError(`--year must be a four-digit year, got "${text}"`)
  return Number(text)
}

export async function runCli(argv: string[], io: CliIo, openServices: () => Promise<Services>): Promise<number> {
  const [area, command, ...rest] = argv
  try {
    if (area === undefined || area === 'help' || area === '--help' || area === '-h') {
      io.stdout(USAGE)
      return area === undefined ? EXIT_USAGE : EXIT_OK
    }
    const run = commandFor(area, command)
    if (!run) throw new UsageError(`unknown command: ${[area, command].filter(Boolean).join(' ')}`)
    return await run(rest, io, openServices)
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}`)
      return EXIT_USAGE
    }
    if (error instanceof InputError) {
      io.stderr(error.message)
      return EXIT_BAD_INPUT
    }
    throw error
  }
}

type Command = (args: string[], io: CliIo, openServices: () => Promise<Services>) => Promise<number>

function commandFor(area: string, command: string | undefined): Command | undefined {
  const commands: Record<string, Command> = {
    'db setup': dbSetup,
    'db seed-demo': dbSeedDemo,
    'import ledger': (args, io, open) => importFile('ledger', args, io, open),
    'import responses': (args, io, open) => importFile('responses', args, io, open),
    'import population': (args, io, open) => importFile('population', args, io, open),
    'report summary': reportSummary,
    'report distribution': reportDistribution,
    'report reconciliation': reportReconciliation,
    'user add': userAdd,
    'user disable': userDisable,
  }
  return commands[`${area} ${command ?? ''}`]
}

const dbSetup: Command = async (args, io, open) => {
  const { positionals } = parseOptions(args, {})
  if (positionals.length > 0) throw new UsageError('db setup takes no arguments')
  const services = await open()
  const { changed } = await services.reference.setup(actor())
  io.stdout(
    changed === 0 ? 'Database up to date; reference data unchanged.' : `Reference data loaded (${changed} rows).`,
  )
  return EXIT_OK
}

const dbSeedDemo: Command = async (args, io, open) => {
  const { positionals } = parseOptions(args, {})
  if (positionals.length > 0) throw new UsageError('db seed-demo takes no arguments')
  const services = await open()
  await services.reference.setup(actor())
  const result = await services.demo.seedDemo(actor())
  io.stdout(
    `Demo data: ledger ${result.ledger.writtenCount} entries written, ${result.ledger.unchangedCount} unchanged; ` +
      `responses ${result.responses.writtenCount} written, ${result.responses.unchangedCount} unchanged; ` +
      `population ${result.population.writtenCount} written, ${result.population.unchangedCount} unchanged.`,
  )
  return EXIT_OK
}

async function importFile(
  kind: 'ledger' | 'responses' | 'population',
  args: string[],
  io: CliIo,
  open: () => Promise<Services>,
): Promise<number> {
  const { positionals } = parseOptions(args, {})
  if (positionals.length !== 1) throw new UsageError(`import ${kind} takes exactly one FILE`)
  const file = positionals[0]
  const services = await open()
  await services.reference.setup(actor())
  const onProgress = io.interactive ? (rows: number) => io.stderr(`\rread ${rows} rows`) : undefined
  const options = { actor: actor(), fileName: path.basename(file), onProgress }
  let result: ImportResult
  try {
    result =
      kind === 'ledger'
        ? await services.imports.importLedger(file, options)
        : kind === 'responses'
          ? await services.imports.importResponses(file, options)
          : await services.imports.importPopulation(file, options)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES')
      throw new InputError(`cannot read ${file}: ${code}`)
    throw error
  }
  if (io.interactive && onProgress) io.stderr('\n')
  for (const warning of result.warnings) io.stderr(formatProblem(warning))
  if (!result.ok) {
    for (const problem of result.problems) io.stderr(formatProblem(problem))
    io.stderr(`${result.problems.length} problem(s); nothing was written.`)
    return EXIT_BAD_INPUT
  }
  io.stdout(
    `${result.rowCount} rows read: ${result.writtenCount} written, ${result.unchangedCount} already there.` +
      (result.warnings.length > 0 ? ` ${result.warnings.length} warning(s).` : ''),
  )
  return EXIT_OK
}

async function reportTarget(args: string[], options: Record<string, 'string' | 'boolean'>) {
  const { values, positionals } = parseOptions(args, { programme: 'string', json: 'boolean', ...options })
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0]}`)
  return {
    values: values as Record<string, string | boolean | undefined>,
    programme: requireString(values, 'programme'),
  }
}

/** `--by size_group|county` and `--bounds`: undefined when no breakdown is asked for. */
function breakdownOptions(values: Record<string, string | boolean | undefined>) {
  const by = values.by
  if (by === undefined) {
    if (values.bounds !== undefined) throw new UsageError('--bounds needs --by size_group')
    return undefined
  }
  if (!isBreakdown(by)) throw new UsageError(`--by must be size_group or county; got "${String(by)}"`)
  if (values.bounds === undefined) return { by, bounds: undefined }
  if (by !== 'size_group') throw new UsageError('--bounds goes with --by size_group only')
  const parsed = parseBounds(String(values.bounds))
  if (!parsed.ok) throw new UsageError(`--bounds: ${parsed.message}`)
  return { by: by as Breakdown, bounds: parsed.bounds }
}

/** A group's name for the tables of the command line. */
const groupName = (group: { code: string; name: string | null }) => group.name ?? group.code

const notFound = (programme: string, year?: number) =>
  new InputError(
    year === undefined
      ? `unknown programme: ${programme}`
      : `unknown programme or programme year: ${programme} ${year}`,
  )

const reportSummary: Command = async (args, io, open) => {
  const { values, programme } = await reportTarget(args, { year: 'string', by: 'string', bounds: 'string' })
  const programmeYear = parseYear(requireString(values, 'year'))
  const breakdown = breakdownOptions(values)
  if (breakdown) {
    const result = await (
      await open()
    ).analysis.summaryBreakdown(programme, programmeYear, breakdown.by, breakdown.bounds)
    if (!result) throw notFound(programme, programmeYear)
    if (values.json) {
      io.stdout(stringify(summaryBreakdownJson(result)))
      return EXIT_OK
    }
    io.stdout(
      [
        `${result.programme}, programme year ${result.programmeYear} (survey round ${result.surveyRound}), by ${result.by}`,
        '',
        renderTable(
          [
            'Group',
            'Municipalities',
            'Respondents',
            'Used funds',
            'Requisitioned (kr)',
            'Spent (kr)',
            'Remaining (kr)',
          ],
          result.groups.map(({ group, municipalities, report }) => [
            groupName(group),
            municipalities,
            report.survey.respondents,
            report.survey.municipalitiesUsedFunds,
            kronorText(report.survey.requisitionedOre),
            kronorText(report.survey.spentOre),
            kronorText(report.survey.remainingOre),
          ]),
          [false, true, true, true, true, true, true],
        ),
      ].join('\n'),
    )
    return EXIT_OK
  }
  const report = await (await open()).reports.summary(programme, programmeYear)
  if (!report) throw notFound(programme, programmeYear)
  if (values.json) {
    io.stdout(stringify(summaryJson(report)))
    return EXIT_OK
  }
  const { survey, ledger } = report
  io.stdout(
    [
      `${report.programme}, programme year ${report.programmeYear} (survey round ${report.surveyRound})`,
      '',
      renderTable(
        ['Survey answers', ''],
        [
          ['Respondents', survey.respondents],
          ['Municipalities that requisitioned', survey.municipalitiesRequisitioned],
          ['Municipalities that used the money', survey.municipalitiesUsedFunds],
          ['Requisitioned (kr)', kronorText(survey.requisitionedOre)],
          ['Spent (kr)', kronorText(survey.spentOre)],
          ['Remaining (kr)', kronorText(survey.remainingOre)],
          ['Partially spent municipalities', survey.partiallySpentMunicipalities],
          ...Object.entries(survey.partiallySpentReasonCounts).map(([code, count]) => [`  reason ${code}`, count]),
        ],
        [false, true],
      ),
      '',
      renderTable(
        ['Ledger', ''],
        [
          ['Allocated (kr)', kronorText(ledger.allocatedOre)],
          ['Requisitioned (kr)', kronorText(ledger.requisitionedOre)],
          ['Paid (kr)', kronorText(ledger.paidOre)],
          ['Direct grants (kr)', kronorText(ledger.directGrantOre)],
          ['Repaid (kr)', kronorText(ledger.repaidOre)],
          ['Municipalities paid', ledger.municipalitiesPaid],
        ],
        [false, true],
      ),
    ].join('\n'),
  )
  return EXIT_OK
}

const reportDistribution: Command = async (args, io, open) => {
  const { values, programme } = await reportTarget(args, { dimension: 'string', by: 'string', bounds: 'string' })
  const dimension = requireString(values, 'dimension')
  if (!(DIMENSIONS as readonly string[]).includes(dimension)) {
    throw new UsageError(`--dimension must be one of ${DIMENSIONS.join(', ')}; got "${dimension}"`)
  }
  const breakdown = breakdownOptions(values)
  if (breakdown) {
    const result = await (
      await open()
    ).analysis.distributionBreakdown(programme, dimension as Dimension, breakdown.by, breakdown.bounds)
    if (!result) throw notFound(programme)
    if (values.json) {
      io.stdout(stringify(distributionBreakdownJson(result)))
      return EXIT_OK
    }
    const lastRound = (result.groups[0]?.report.rounds ?? []).at(-1)
    const headers = [
      'Option',
      ...result.groups.map(({ group, report }) => `${groupName(group)} (n=${report.rounds.at(-1)?.n ?? 0}) %`),
    ]
    const rows = (lastRound?.options ?? []).map((option, i) => [
      option.code,
      ...result.groups.map(({ report }) => {
        const pct = report.rounds.at(-1)?.options[i].pct ?? null
        return pct === null ? '-' : pct
      }),
    ])
    io.stdout(
      [
        `${result.programme}: ${result.dimension} in survey round ${lastRound?.surveyRound ?? '-'}, by ${result.by}` +
          ' (--json has every round)',
        '',
        renderTable(
          headers,
          rows,
          headers.map((_, i) => i > 0),
        ),
        '',
        '-: not offered, or nobody in the group to count',
      ].join('\n'),
    )
    return EXIT_OK
  }
  const report = await (await open()).reports.distribution(programme, dimension as Dimension)
  if (!report) throw notFound(programme)
  if (values.json) {
    io.stdout(stringify(distributionJson(report)))
    return EXIT_OK
  }
  const headers = ['Option', ...report.rounds.map(r => `${r.surveyRound} (n=${r.n}) %`)]
  const rows = (report.rounds[0]?.options ?? []).map((option, i) => [
    option.code,
    ...report.rounds.map(round => {
      const pct = round.options[i].pct
      return pct === null ? '-' : pct
    }),
  ])
  io.stdout(
    [
      `${report.programme}: ${report.dimension}, share of respondents who used the money, by survey round`,
      '',
      renderTable(
        headers,
        rows,
        headers.map((_, i) => i > 0),
      ),
      '',
      '-: not offered in that survey round',
    ].join('\n'),
  )
  return EXIT_OK
}

const reportReconciliation: Command = async (args, io, open) => {
  const { values, programme } = await reportTarget(args, { year: 'string', tolerance: 'string' })
  const programmeYear = parseYear(requireString(values, 'year'))
  let toleranceOre = 0
  if (values.tolerance !== undefined) {
    const parsed = parseAmountOre(String(values.tolerance))
    if (!parsed.ok) throw new UsageError(`--tolerance: ${parsed.message}`)
    toleranceOre = parsed.ore
  }
  const report = await (await open()).reports.reconciliation(programme, programmeYear, toleranceOre)
  if (!report) throw notFound(programme, programmeYear)
  if (values.json) {
    io.stdout(stringify(reconciliationJson(report)))
    return EXIT_OK
  }
  const headers = ['Code', 'Municipality', 'Paid', 'Reported req.', 'Difference', 'To reclaim', 'Status', 'Issues']
  io.stdout(
    [
      `${report.programme}, programme year ${report.programmeYear}, tolerance ${kronorText(report.toleranceOre)} kr`,
      '',
      renderTable(
        headers,
        report.rows.map(row => [
          row.municipalityCode,
          row.municipality,
          kronorText(row.paidOre),
          kronorText(row.reportedRequisitionedOre),
          kronorText(row.differenceOre),
          kronorText(row.toReclaimOre),
          row.status,
          row.issues.join(' '),
        ]),
        [false, false, true, true, true, true, false, false],
      ),
      '',
      Object.entries(report.countsByStatus)
        .map(([status, count]) => `${status}: ${count}`)
        .join(', '),
    ].join('\n'),
  )
  return EXIT_OK
}

const userAdd: Command = async (args, io, open) => {
  const { values, positionals } = parseOptions(args, {
    email: 'string',
    role: 'string',
    municipality: 'string',
    name: 'string',
  })
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0]}`)
  const email = requireString(values, 'email')
  const role = requireString(values, 'role')
  const piped = (await io.readStdin?.())?.replace(/\r?\n$/, '')
  const services = await open()
  await services.reference.setup(actor())
  try {
    const { user, generatedPassword } = await services.users.addUser(
      {
        email,
        role,
        municipalityCode: values.municipality as string | undefined,
        name: values.name as string | undefined,
        password: piped === undefined || piped === '' ? undefined : piped,
      },
      actor(),
    )
    io.stdout(
      `User ${user.email} added with role ${user.role}${user.municipalityCode ? ` (${user.municipalityCode})` : ''}.`,
    )
    if (generatedPassword) io.stdout(`Password (shown once): ${generatedPassword}`)
    return EXIT_OK
  } catch (error) {
    if (error instanceof UserInputError) throw new InputError(error.message)
    throw error
  }
}

const userDisable: Command = async (args, io, open) => {
  const { values, positionals } = parseOptions(args, { email: 'string' })
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0]}`)
  const email = requireString(values, 'email')
  const services = await open()
  try {
    const { endedSessions } = await services.users.disableUser(email, actor())
    io.stdout(`User ${email.toLowerCase()} disabled; ${endedSessions} session(s) ended.`)
    return EXIT_OK
  } catch (error) {
    if (error instanceof UserInputError) throw new InputError(error.message)
    throw error
  }
}

function actor(): string {
  return `cli:${process.env.USER ?? process.env.LOGNAME ?? 'unknown'}`
}
