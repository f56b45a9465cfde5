/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Name } from '@_types/common'
import { NodeStatistics } from '@_types/Node'
import { ClusterNode } from '@security/_types/ClusterNode'
import { Dictionary } from '@spec_utils/Dictionary'

export class Response {
  body: {
    /** @codegen_name node_stats */
    _nodes: NodeStatistics
    cluster_name: Name
    nodes: Dictionary<string, ClusterNode>
  }
}
