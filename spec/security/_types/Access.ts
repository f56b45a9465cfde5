/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { ReplicationAccess, SearchAccess } from './Privileges'

/** What a cross-cluster API key may do on the cluster that issued it. */
export class Access {
  /**
   * Index permissions for cross-cluster replication.
   */
  replication?: ReplicationAccess[]
  /**
   * Index permissions for cross-cluster search.
   */
  search?: SearchAccess[]
}
