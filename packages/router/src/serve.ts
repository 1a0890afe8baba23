export {
  closeOnAbort,
  createGracefulClose,
  createWaitUntil,
  type GracefulCloseParts,
  onShutdownSignals,
  type ServeOptions,
  type SignalSource,
  serverUrl,
  type WaitUntilTracker,
} from './lib/serve-kit.js'
