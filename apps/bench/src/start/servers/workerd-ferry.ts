// Ferry on workerd: the app as a module worker through @ferry/cloudflare.
import { toWorker } from '@ferry/cloudflare'
import { ferryApp } from '../apps/ferry.js'

export default toWorker(ferryApp)
