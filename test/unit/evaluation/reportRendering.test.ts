// The pure parts of the published report and the charts: PDF cell texts and column parts, population rows, the
// grouped bar chart's markup.
import { expect } from 'chai'
import { validatePopulationRecord } from '../../../app/domain/populationRow.ts'
import { cellText, columnChunks, formatKronor } from '../../../app/pdf/publishedReport.ts'
import { pdfText } from '../../../app/pdf/pdfText.ts'
import { groupedBarChart, groupedBarChartFigure } from '../../../app/views/charts/groupedBarChart.ts'
import { importContext } from '../../helpers/importContext.ts'

describe('published report PDF helpers', () => {
  it('writes shares as whole numbers, not offered as "–", counts and kronor the Swedish way', () => {
    expect(cellText({ kind: 'pct', pct: 78, count: 222, offeredTo: 285 })).to.equal('78')
    expect(cellText({ kind: 'pct', pct: 0, count: 0, offeredTo: 285 })).to.equal('0')
    expect(cellText({ kind: 'pct', pct: null, count: null, offeredTo: null })).to.equal('\u2013')
    expect(cellText({ kind: 'int', value: 1287 })).to.equal('1\u00a0287')
    expect(cellText({ kind: 'sek', ore: 16_920_159_900 })).to.equal('169\u00a0201\u00a0599')
    expect(formatKronor(123_450)).to.equal('1\u00a0234,50')
    expect(formatKronor(-50_000)).to.equal('\u2212500')
    expect(cellText({ kind: 'empty' })).to.equal('')
  })

  it('every text it draws can be drawn in Helvetica: the minus sign and narrow spaces are replaced', () => {
    expect(pdfText(formatKronor(-50_000))).to.equal('-500')
    expect(pdfText('1\u202f234')).to.equal('1\u00a0234')
  })

  it('splits wide tables into even parts that fit the page', () => {
    expect(columnChunks(3)).to.deep.equal([[0, 1, 2]])
    const parts = columnChunks(22, 66)
    expect(parts.map(p => p.length)).to.deep.equal([5, 5, 4, 4, 4])
    expect(parts.flat()).to.deep.equal(Array.from({ length: 22 }, (_, i) => i))
  })
})

describe('validatePopulationRecord', () => {
  const context = importContext()
  const record = (municipality_code: string, year: string, population: string) => ({
    municipality_code,
    year,
    population,
  })

  it('reads a row, with thousands grouped by a (no-break) space', () => {
    expect(validatePopulationRecord(2, record('0114', '2022', '50 550'), context)).to.deep.equal({
      ok: true,
      row: { municipalityCode: '0114', year: 2022, population: 50550 },
      warnings: [],
    })
    const nbsp = validatePopulationRecord(2, record('0114', '2022', '1\u00a0000\u00a0000'), context)
    expect(nbsp.ok && nbsp.row.population).to.equal(1_000_000)
  })

  it('pads a 3-digit code with a warning', () => {
    const result = validatePopulationRecord(5, record('114', '2022', '100'), context)
    expect(result.ok).to.equal(true)
    expect(result.warnings).to.deep.equal([{ line: 5, column: 'municipality_code', message: '114 read as 0114' }])
  })

  it('names the line, the column and the problem', () => {
    const result = validatePopulationRecord(7, record('9999', '22', '12,5'), context)
    expect(result.ok).to.equal(false)
    expect(!result.ok && result.problems).to.deep.equal([
      { line: 7, column: 'municipality_code', message: 'unknown municipality code "9999"' },
      { line: 7, column: 'year', message: '"22" is not a year (YYYY)' },
      { line: 7, column: 'population', message: '"12,5" is not a whole number of inhabitants' },
    ])
    const negative = validatePopulationRecord(8, record('0114', '1800', '-5'), context)
    expect(!negative.ok && negative.problems.map(p => p.message)).to.deep.equal([
      '1800 is outside 1900–2100',
      'negative population "-5"',
    ])
    const missing = validatePopulationRecord(9, record('0114', '2022', ''), context)
    expect(!missing.ok && missing.problems).to.deep.equal([{ line: 9, column: 'population', message: 'missing value' }])
  })
})

describe('groupedBarChart', () => {
  const input = {
    title: 'Syften: andel per enkätomgång',
    description: 'Liggande staplar <per> omgång',
    series: ['2021', '2022', '2023'],
    max: 100,
    categories: [
      { label: 'Kvalitet & trygghet', values: [77, 75, 72], displays: ['77 %', '75 %', '72 %'] },
      { label: 'Ökad aktivitet', values: [null, 42, 41], displays: ['–', '42 %', '41 %'] },
    ],
  }

  it('is an image with a title and a description, every text escaped, no inline style or script', () => {
    const svg = groupedBarChart(input)
    expect(svg).to.match(
      /^<svg [^>]*role="img"[^>]*aria-labelledby="chart-syften-andel-per-enkatomgang-title chart-syften-andel-per-enkatomgang-desc"/,
    )
    expect(svg).to.contain('<title id="chart-syften-andel-per-enkatomgang-title">Syften: andel per enkätomgång</title>')
    expect(svg).to.contain('Liggande staplar &#60;per&#62; omgång')
    expect(svg).to.contain('Kvalitet &#38; trygghet')
    expect(svg).not.to.match(/style=|<script/)
  })

  it('draws one bar per series and category, none where there is no value, lengths in proportion', () => {
    const svg = groupedBarChart(input)
    const bars = [
      ...svg.matchAll(
        /<rect class="grouped-chart__bar grouped-chart__bar--s(\d)" x="[\d.]+" y="\d+" width="([\d.]+)"/g,
      ),
    ]
    // 3 legend swatches (width 14) + 5 bars: the 2021 bar of "Ökad aktivitet" is missing
    const dataBars = bars.filter(bar => bar[2] !== '14')
    expect(dataBars.map(bar => bar[1])).to.deep.equal(['0', '1', '2', '1', '2'])
    const widths = dataBars.map(bar => Number(bar[2]))
    expect(widths[0] / widths[3]).to.be.closeTo(77 / 42, 0.01)
    expect(svg).to.contain('<title>Ökad aktivitet, 2021: –</title>')
  })

  it('the figure carries the id, title and description for the page', () => {
    const figure = groupedBarChartFigure({ ...input, id: 'distribution-chart' })
    expect(figure.id).to.equal('distribution-chart')
    expect(figure.svg).to.contain('aria-labelledby="distribution-chart-title distribution-chart-desc"')
  })
})
