// The floor on workerd: a module worker answering the probed route by hand. The port is in the
// workerd config the runner writes, not here.
import { rawFetch } from '../apps/raw.js'

export default { fetch: rawFetch }
