// The one logger of the app (pino); CLI output to the user goes through its own writer, not this.
import pino from 'pino'

export const logger = pino({
  level: process.env.LOG_LEVEL || (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
})
