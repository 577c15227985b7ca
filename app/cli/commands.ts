// The command line of the interchange contract. Exit 0: done; 1: bad input; 2: wrong usage.
import { parseArgs } from 'node:util'
import path from 'node:path'
import type { Services } from '../services/index.ts'
import type { ImportResult } from '../services/importService.ts'
import { parseAmountOre } from '../domain/amount.ts'
import { DIMENSIONS, type Dimension, type Problem } from '../domain/types.ts'
import { distributionJson, reconciliationJson, stringify, summaryJson } from '../reports/json.ts'
import { kronorText, renderTable } from './table.ts'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** true when standard error is a terminal: progress is shown there */
  interactive: boolean
}

export const USAGE = `Usage: npm run -s cli -- <command>

  db setup                                   migrate and load reference data (safe to run twice)
  db seed-demo                               load the demo data set
  import ledger FILE                         import a ledger CSV
  import responses FILE                      import a survey-response CSV
  report summary --programme CODE --year YEAR [--json]
  report distribution --programme CODE --dimension DIM [--json]
        DIM: ${DIMENSIONS.join(', ')}
  report reconciliation --programme CODE --year YEAR [--tolerance SEK] [--json]

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
    'report summary': reportSummary,
    'report distribution': reportDistribution,
    'report reconciliation': reportReconciliation,
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
      `responses ${result.responses.writtenCount} written, ${result.responses.unchangedCount} unchanged.`,
  )
  return EXIT_OK
}

async function importFile(
  kind: 'ledger' | 'responses',
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
        : await services.imports.importResponses(file, options)
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

const notFound = (programme: string, year?: number) =>
  new InputError(
    year === undefined
      ? `unknown programme: ${programme}`
      : `unknown programme or programme year: ${programme} ${year}`,
  )

const reportSummary: Command = async (args, io, open) => {
  const { values, programme } = await reportTarget(args, { year: 'string' })
  const programmeYear = parseYear(requireString(values, 'year'))
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
  const { values, programme } = await reportTarget(args, { dimension: 'string' })
  const dimension = requireString(values, 'dimension')
  if (!(DIMENSIONS as readonly string[]).includes(dimension)) {
    throw new UsageError(`--dimension must be one of ${DIMENSIONS.join(', ')}; got "${dimension}"`)
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

function actor(): string {
  return `cli:${process.env.USER ?? process.env.LOGNAME ?? 'unknown'}`
}
