/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Name } from '@_types/common'

/** Name and type of a security realm. */
export class RealmInfo {
  name: Name
  type: string
}
