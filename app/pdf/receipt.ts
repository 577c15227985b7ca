// The receipt of one submitted version of a spending report, in Swedish: who, when, which version, and every
// answer, with the amounts written exactly as the pages write them. Every text goes through pdfText().
import PDFDocument from 'pdfkit'
import { formatStockholmDateTime } from '../domain/stockholmTime.ts'
import { translate } from '../i18n/index.ts'
import { formatSek } from '../views/helpers/formatSek.ts'
import { pdfText } from './pdfText.ts'

export interface ReceiptData {
  municipality: { code: string; name: string }
  programme: { code: string; name: string }
  programmeYear: number
  surveyRound: number
  version: number
  createdAt: Date
  createdBy: string
  /** the version came from a response file, not the form */
  viaImport: boolean
  requisitionedOre: number | null
  spentOre: number | null
  remainingOre: number | null
  /** option labels, in Swedish */
  unspentReasons: string[]
  otherReason: string
  purposes: string[]
  otherPurpose: string
  areas: string[]
  otherArea: string
  usageAreas: string[]
  otherUsage: string
  goalFulfilment: string | null
  comment: string
  /** the response-file columns that changed since the version before; null for the first version */
  changedFields: string[] | null
}

const t = (key: string, params: Record<string, string | number> = {}) => translate('sv', key, params)
const NONE = '\u2013'

/** Renders the receipt; resolves to the PDF's bytes. */
export function renderReceipt(data: ReceiptData): Promise<Buffer> {
  const title = t('municipality.receipt.title')
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: pdfText(`${title} ${data.municipality.name} ${data.programmeYear} v${data.version}`),
      Author: 'Stimulans',
      CreationDate: data.createdAt,
    },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const heading = (text: string) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(pdfText(text)).moveDown(0.2)
  }
  const line = (label: string, value: string) => {
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(pdfText(`${label}: `), { continued: true })
    doc.font('Helvetica').text(pdfText(value === '' ? NONE : value))
  }
  const list = (label: string, items: string[], other: string) => {
    heading(label)
    doc.font('Helvetica').fontSize(10)
    if (items.length === 0) doc.text(NONE)
    for (const item of items) doc.text(pdfText(`\u2022 ${item}`), { indent: 8 })
    if (other !== '') line(t('municipality.receipt.otherText'), other)
  }

  doc.font('Helvetica-Bold').fontSize(18).text(pdfText(title))
  doc.font('Helvetica').fontSize(10).moveDown(0.3)
  doc.text(pdfText(t('municipality.receipt.intro')))
  doc.moveDown(0.6)
  line(t('municipality.receipt.municipality'), `${data.municipality.name} (${data.municipality.code})`)
  line(t('municipality.receipt.programme'), `${data.programme.name} (${data.programme.code})`)
  line(t('common.programmeYear'), String(data.programmeYear))
  line(t('common.surveyRound'), String(data.surveyRound))
  line(t('municipality.receipt.version'), String(data.version))
  line(t('municipality.receipt.submittedAt'), formatStockholmDateTime(data.createdAt))
  line(t(data.viaImport ? 'municipality.receipt.importedBy' : 'municipality.receipt.submittedBy'), data.createdBy)
  if (data.changedFields !== null) {
    line(
      t('municipality.receipt.changed', { previous: data.version - 1 }),
      data.changedFields.map(column => t(`municipality.report.field.${column}`)).join(', '),
    )
  }

  heading(t('municipality.receipt.amounts'))
  line(t('municipality.report.field.requisitioned_sek'), formatSek(data.requisitionedOre))
  line(t('municipality.report.field.spent_sek'), formatSek(data.spentOre))
  line(t('municipality.report.field.remaining_sek'), formatSek(data.remainingOre))
  const total =
    data.spentOre === null && data.remainingOre === null ? null : (data.spentOre ?? 0) + (data.remainingOre ?? 0)
  line(t('municipality.receipt.spentPlusRemaining'), formatSek(total))

  list(t('municipality.report.field.unspent_reasons'), data.unspentReasons, data.otherReason)
  list(t('municipality.report.field.purposes'), data.purposes, data.otherPurpose)
  list(t('municipality.report.field.areas'), data.areas, data.otherArea)
  list(t('municipality.report.field.usage_areas'), data.usageAreas, data.otherUsage)
  heading(t('municipality.report.field.goal_fulfilment'))
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(pdfText(data.goalFulfilment ?? NONE))
  heading(t('municipality.report.field.comment'))
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(pdfText(data.comment === '' ? NONE : data.comment))

  doc.end()
  return done
}
