export { type LogEntry, type LoggerOptions, logger } from './lib/logger'
