// The two real programmes and their budget lines (sources in SOURCES.md). Amounts in öre.
export interface BudgetLineSeed {
  kind: 'requisitionable' | 'direct_grants' | 'other_bodies'
  labelSv: string
  labelEn: string
  amountOre: number
}

export interface ProgrammeYearSeed {
  programmeYear: number
  budgetOre: number
  requisitionDeadline: string | null
  reportDeadline: string | null
  budgetLines: BudgetLineSeed[]
}

export interface ProgrammeSeed {
  code: string
  nameSv: string
  nameEn: string
  currency: string
  source: string
  years: ProgrammeYearSeed[]
}

const MSEK = 100_000_000 // öre in a million kronor; every amount below is a whole number of öre

const requisitionable = (amountOre: number): BudgetLineSeed => ({
  kind: 'requisitionable',
  labelSv: 'Rekvirerbart från Kammarkollegiet',
  labelEn: 'Requisitionable from Kammarkollegiet',
  amountOre,
})
const modelMunicipalities = (amountOre: number): BudgetLineSeed => ({
  kind: 'direct_grants',
  labelSv: 'Direkt till modellkommuner',
  labelEn: 'Directly to model municipalities',
  amountOre,
})
const skr = (amountOre: number): BudgetLineSeed => ({
  kind: 'other_bodies',
  labelSv: 'Till SKR och andra aktörer',
  labelEn: 'To SKR and other bodies',
  amountOre,
})

// The Nordic survey's split of the yearly 200 MSEK (2020, 2021); for 2022 the 2023 follow-up's figures.
const aldreomsorgYear = (programmeYear: number): ProgrammeYearSeed => {
  const pool = programmeYear === 2022 ? 167_100_000_00 : 168_700_000_00
  return {
    programmeYear,
    budgetOre: 200 * MSEK,
    requisitionDeadline: null,
    // survey round 2023 (programme year 2022) had its deadline on 6 February 2023
    reportDeadline: programmeYear === 2022 ? '2023-02-06' : null,
    budgetLines: [requisitionable(pool), modelMunicipalities(15 * MSEK), skr(200 * MSEK - pool - 15 * MSEK)],
  }
}

export const programmes: ProgrammeSeed[] = [
  {
    code: 'aldreomsorg-2020-2022',
    nameSv: 'Överenskommelse om äldreomsorg – teknik, kvalitet och effektivitet med den äldre i fokus',
    nameEn: 'Agreement on elderly care – technology, quality and efficiency with the older person in focus',
    currency: 'SEK',
    source: 'Regeringen och SKR, överenskommelse 2020–2022; Socialstyrelsen, E-hälsa och välfärdsteknik i kommunerna 2023',
    years: [2020, 2021, 2022].map(aldreomsorgYear),
  },
  {
    code: 'valfardsteknik-2018',
    nameSv: 'Statsbidrag för investeringar i välfärdsteknik 2018',
    nameEn: 'State grant for investments in welfare technology 2018',
    currency: 'SEK',
    source: 'Nordisk kartläggning av välfärdsteknikprogram (2018: 350 miljoner kronor)',
    years: [
      {
        programmeYear: 2018,
        budgetOre: 350 * MSEK,
        requisitionDeadline: null,
        reportDeadline: null,
        budgetLines: [requisitionable(350 * MSEK)],
      },
    ],
  },
]
