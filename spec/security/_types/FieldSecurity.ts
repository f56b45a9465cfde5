/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { Fields } from '@_types/common'

/** Field-level security: which document fields are visible. */
export class FieldSecurity {
  /** Fields hidden even though `grant` matches them. */
  except?: Fields
  /** Fields made visible. */
  grant?: Fields
}
