/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Name } from '@_types/common'

/** A node that took part in a cluster-wide security operation. */
export class ClusterNode {
  name: Name
}
