// barChart: server-side SVG of horizontal bars, an image with a title and description, every text escaped.
import { expect } from 'chai'
import { barChart, barChartFigure, chartId } from '../../../app/views/charts/barChart.ts'

const bars = [
  { label: 'Fördelat', value: 1_500_000_00, display: '1 500 000 kr' },
  { label: 'Utbetalt', value: 750_000_00, display: '750 000 kr' },
  { label: 'Återbetalt', value: 0, display: '0 kr' },
]

/** The width attribute of the nth bar. */
const widths = (svg: string) =>
  [...svg.matchAll(/<rect class="bar-chart__bar[^"]*" x="[^"]+" y="[^"]+" width="([^"]+)"/g)].map(m => Number(m[1]))

describe('barChart', () => {
  it('is an image named by its title and description', () => {
    const svg = barChart({ title: 'Budget och utfall', description: 'Tre staplar', bars, id: 'c1' })
    expect(svg).to.match(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    expect(svg).to.contain('role="img"')
    expect(svg).to.contain('aria-labelledby="c1-title c1-desc"')
    expect(svg).to.contain('<title id="c1-title">Budget och utfall</title>')
    expect(svg).to.contain('<desc id="c1-desc">Tre staplar</desc>')
    expect(svg).not.to.contain('style=')
    expect(svg).to.match(/<\/svg>$/)
  })

  it('draws one bar a value, lengths in proportion, with its label and displayed value', () => {
    const svg = barChart({ title: 't', description: 'd', bars })
    const [first, second, third] = widths(svg)
    expect(first).to.be.greaterThan(0)
    expect(second / first).to.be.closeTo(0.5, 0.01)
    expect(third).to.equal(0)
    for (const bar of bars) {
      expect(svg).to.contain(`>${bar.label}</text>`)
      expect(svg).to.contain(`>${bar.display}</text>`)
      expect(svg).to.contain(`<title>${bar.label}: ${bar.display}</title>`)
    }
  })

  it('stacks the bars downwards and grows with their number', () => {
    const one = barChart({ title: 't', description: 'd', bars: bars.slice(0, 1) })
    const three = barChart({ title: 't', description: 'd', bars })
    const height = (svg: string) => Number(/viewBox="0 0 720 (\d+(?:\.\d+)?)"/.exec(svg)![1])
    expect(height(three)).to.be.greaterThan(height(one))
    const ys = [...three.matchAll(/<rect [^>]*y="([^"]+)"/g)].map(m => Number(m[1]))
    expect(ys).to.deep.equal([...ys].sort((a, b) => a - b))
  })

  it('draws a negative value leftwards from the zero line, in its own class', () => {
    const svg = barChart({
      title: 't',
      description: 'd',
      bars: [
        { label: 'Plus', value: 100, display: '1 kr' },
        { label: 'Minus', value: -50, display: '−0,50 kr' },
      ],
    })
    const zero = Number(/<line class="bar-chart__axis" x1="([^"]+)"/.exec(svg)![1])
    const minus = /<rect class="bar-chart__bar bar-chart__bar--negative" x="([^"]+)" y="[^"]+" width="([^"]+)"/.exec(
      svg,
    )!
    expect(Number(minus[1]) + Number(minus[2])).to.be.closeTo(zero, 0.2)
    const plus = /<rect class="bar-chart__bar" x="([^"]+)"/.exec(svg)!
    expect(Number(plus[1])).to.be.closeTo(zero, 0.2)
  })

  it('copes with no bars and with all values zero', () => {
    expect(barChart({ title: 't', description: 'd', bars: [] })).to.contain('role="img"')
    const zeros = barChart({ title: 't', description: 'd', bars: [{ label: 'a', value: 0, display: '0' }] })
    expect(widths(zeros)).to.deep.equal([0])
    expect(zeros).not.to.contain('NaN')
  })

  it('escapes every text it is given', () => {
    const svg = barChart({
      title: '<script>alert(1)</script>',
      description: 'a & b "c"',
      unit: "<kr's>",
      bars: [{ label: '<b>x</b>', value: 1, display: '"1"' }],
    })
    expect(svg).not.to.contain('<script>')
    expect(svg).not.to.contain('<b>')
    expect(svg).to.contain('&#60;script&#62;')
    expect(svg).to.contain('a &#38; b &#34;c&#34;')
    expect(svg).to.contain('&#60;kr&#39;s&#62;')
  })

  it('names the unit under the chart when given', () => {
    expect(barChart({ title: 't', description: 'd', bars, unit: 'Belopp i kronor' })).to.contain(
      '<text class="bar-chart__unit"',
    )
    expect(barChart({ title: 't', description: 'd', bars })).not.to.contain('bar-chart__unit')
  })

  it('shortens a long label on the chart, keeping it whole in the bar title', () => {
    const label = 'Ett mycket långt namn på en budgetpost som inte får plats i etikettkolumnen alls'
    const svg = barChart({ title: 't', description: 'd', bars: [{ label, value: 1, display: '1' }] })
    expect(svg).to.contain('…</text>')
    expect(svg).to.contain(`<title>${label}: 1</title>`)
  })
})

describe('barChartFigure and chartId', () => {
  it('gives the partial the chart and the same numbers for its table', () => {
    const figure = barChartFigure({ title: 'Budget och utfall 2022', description: 'd', bars, unit: 'kr' })
    expect(figure.id).to.equal('chart-budget-och-utfall-2022')
    expect(figure.svg).to.contain(`aria-labelledby="${figure.id}-title ${figure.id}-desc"`)
    expect(figure.rows).to.deep.equal(bars.map(b => ({ label: b.label, display: b.display })))
    expect(figure.unit).to.equal('kr')
  })

  it('makes ids of letters, digits and hyphens', () => {
    expect(chartId('Återbetalt & övrigt')).to.equal('chart-aterbetalt-ovrigt')
    expect(chartId('!!!')).to.equal('chart-bars')
  })
})
