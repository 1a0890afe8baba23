export {
  closeOnAbort,
  confineToRoot,
  createGracefulClose,
  createWaitUntil,
  type GracefulCloseParts,
  onShutdownSignals,
  type RunningServer,
  type ServeOptions,
  type SignalSource,
  serverUrl,
  timeoutOption,
  type WaitUntilTracker,
} from './lib/serve-kit.js'
export { needsHeadFraming } from './lib/head-framing.js'
export {
  badRequest,
  isValidHost,
  refusalText,
  requestDefect,
  requestUrlDefect,
  resolveTarget,
} from './lib/request-url.js'
