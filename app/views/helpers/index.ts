// Every Handlebars helper of the views, registered once by app.ts; one helper per file, each with its own test.
import { eq } from './eq.ts'
import { formatDate } from './formatDate.ts'
import { formatNumber } from './formatNumber.ts'
import { formatPercent } from './formatPercent.ts'
import { formatSek } from './formatSek.ts'
import { statusLabel } from './statusLabel.ts'
import { t } from './t.ts'

export const helpers = { eq, formatDate, formatNumber, formatPercent, formatSek, statusLabel, t }
